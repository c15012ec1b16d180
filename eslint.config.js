// ESLint flat config: typescript-eslint's recommended rules for all TypeScript, the React hooks
// rules for components, import-x's layer boundaries and cycle check, and a few rules that pay for
// themselves.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// `describe.only(...)`, `it.only(...)`, `test.only(...)` left in a commit silently skip every other
// test; `test.describe.only` is Playwright's spelling of the same thing.
const focusedTests = ['describe', 'it', 'test'].map((object) => ({
  object,
  property: 'only',
  message: 'Focused test left in: remove .only so the whole suite runs.',
}));

// The layers of src/ and what each may import (docs/design.md, "Layers"). Data flows one way: the
// views change the store, the app's controller follows the store and drives the runtime, results
// come back into the store. A layer that imports one it may not fails `npm run lint`.
const LAYERS = {
  core: [],
  model: ['core'],
  // The model in Node (loading a folder from disk, a Node backend): the CLI, scripts and tests use it.
  node: ['core', 'model'],
  runtime: ['core', 'model'],
  state: ['core', 'model'],
  views: ['core', 'model', 'state'],
  app: ['core', 'model', 'runtime', 'state', 'views'],
  cli: ['core', 'model', 'node'],
};

// Imports are checked on the files they resolve to (import-x/no-restricted-paths), static and
// dynamic (`await import(...)`) alike, so no spelling of a path gets around a boundary. Bare
// package names resolve into node_modules or to nothing (Node's built-ins), so those are kept out
// by `no-restricted-imports` instead.
const resolver = createNodeResolver({
  extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.json'],
});

const layerMessage = (layer) =>
  LAYERS[layer].length === 0
    ? `src/${layer} imports nothing else in src: every other layer builds on it.`
    : `src/${layer} may import only ${LAYERS[layer].map((l) => `src/${l}`).join(', ')}: keep the layers one way (docs/design.md).`;

/** The zone that keeps `layer` (or a folder of it, `target`) off the layers it may not import. */
const layerZone = (layer, target = `./src/${layer}`) => ({
  target,
  from: Object.keys(LAYERS)
    .filter((other) => other !== layer && !LAYERS[layer].includes(other))
    .map((other) => `./src/${other}`),
  message: layerMessage(layer),
});

const NODE_MESSAGE =
  'Browser code cannot use Node modules: put Node-only code in src/cli or src/node.';

// The page-side runtime and the worker talk only through runtime/protocol.ts.
const WORKER_SIDE = {
  target: './src/runtime/client',
  from: './src/runtime/worker',
  message: 'The page side talks to the worker only through runtime/protocol.ts.',
};
const CLIENT_SIDE = {
  target: './src/runtime/worker',
  from: './src/runtime/client',
  message: 'The worker never imports the page side of the runtime.',
};

// Node's built-in modules: browser code (everything but the CLI, the Node-only model loaders and
// tests) must not import them.
const NODE_MODULES = {
  group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'module', 'url', 'zlib', 'http'],
  message: NODE_MESSAGE,
};

// src/model runs in the page, the worker and Node alike: no UI libraries, no worker plumbing.
const UI_LIBRARIES = {
  group: ['react', 'react-dom', 'react-dom/*', 'd3', 'd3-*', 'zustand', 'zustand/*', 'comlink'],
  message: 'src/model and src/core stay free of UI and worker libraries.',
};

const TESTS = ['src/**/*.test.ts', 'src/**/*.testdata.ts'];

/** One ESLint block: its zones and its forbidden package names. */
const boundary = (files, zones, packages, ignores = []) => ({
  files,
  ignores: [...ignores, ...TESTS],
  rules: {
    'import-x/no-restricted-paths': ['error', { zones }],
    'no-restricted-imports': packages.length > 0 ? ['error', { patterns: packages }] : 'off',
  },
});

const BROWSER_LAYERS = ['core', 'runtime', 'state', 'views', 'app'];

const boundaries = [
  ...BROWSER_LAYERS.map((layer) =>
    boundary(
      [`src/${layer}/**/*.{ts,tsx}`],
      [layerZone(layer)],
      layer === 'core' ? [NODE_MODULES, UI_LIBRARIES] : [NODE_MODULES],
    ),
  ),
  boundary(['src/cli/**/*.ts'], [layerZone('cli')], []),
  boundary(['src/model/**/*.ts'], [layerZone('model')], [NODE_MODULES, UI_LIBRARIES]),
  boundary(['src/node/**/*.ts'], [layerZone('node')], [UI_LIBRARIES]),
  boundary(['src/runtime/client/**/*.ts'], [layerZone('runtime'), WORKER_SIDE], [NODE_MODULES]),
  boundary(['src/runtime/worker/**/*.ts'], [layerZone('runtime'), CLIENT_SIDE], [NODE_MODULES]),
];

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-e2e/',
      'node_modules/',
      'models/',
      'data/',
      'training/',
      'test-results/',
      'playwright-report/',
      'checkpoints/',
      'runs/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-restricted-properties': ['error', ...focusedTests],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.object.property.name='describe'][callee.property.name='only']",
          message: 'Focused test left in: remove .only so the whole suite runs.',
        },
      ],
    },
  },
  {
    // Resolves imports for the boundaries below and finds import cycles anywhere in the code, a
    // dynamic `import()` included.
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [resolver],
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.js', '.mjs'],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  ...boundaries,
);
