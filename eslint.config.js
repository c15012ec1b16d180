// ESLint flat config: typescript-eslint's recommended rules for all TypeScript, the React hooks
// rules for components, and a few rules that pay for themselves.
import js from '@eslint/js';
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
  runtime: ['core', 'model'],
  state: ['core', 'model'],
  views: ['core', 'model', 'state'],
  app: ['core', 'model', 'runtime', 'state', 'views'],
  cli: ['core', 'model'],
};

const forbiddenLayers = (layer) =>
  Object.keys(LAYERS).filter((other) => other !== layer && !LAYERS[layer].includes(other));

/** `no-restricted-imports` patterns for a list of import groups, each with its message. */
const restrict = (groups) => ['error', { patterns: groups }];

const layerGroup = (layer) => ({
  group: forbiddenLayers(layer).flatMap((other) => [`**/${other}`, `**/${other}/**`]),
  message:
    LAYERS[layer].length === 0
      ? `src/${layer} imports nothing else in src: every other layer builds on it.`
      : `src/${layer} may import only ${LAYERS[layer].map((l) => `src/${l}`).join(', ')}: keep the layers one way (docs/design.md).`,
});

// Node's built-in modules: browser code (everything but the CLI, the Node-only model loaders and
// tests) must not import them.
const NODE_MODULES = {
  group: [
    ...['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'module', 'url', 'zlib', 'http'],
    // src/model/node: the Node-only model loaders.
    ...['**/node', '**/node/**'],
  ],
  message: 'Browser code cannot use Node modules: put Node-only code in src/cli or src/model/node.',
};

// src/model runs in the page, the worker and Node alike: no UI libraries, no worker plumbing.
const UI_LIBRARIES = {
  group: ['react', 'react-dom', 'react-dom/*', 'd3', 'd3-*', 'zustand', 'zustand/*', 'comlink'],
  message: 'src/model and src/core stay free of UI and worker libraries.',
};

// The page-side runtime and the worker talk only through runtime/protocol.ts.
const WORKER_SIDE = {
  group: ['**/worker', '**/worker/**'],
  message: 'The page side talks to the worker only through runtime/protocol.ts.',
};
const CLIENT_SIDE = {
  group: ['**/client', '**/client/**'],
  message: 'The worker never imports the page side of the runtime.',
};

const TESTS = ['src/**/*.test.ts', 'src/**/*.testdata.ts'];

const boundaries = [
  ...Object.keys(LAYERS).map((layer) => {
    const groups = [layerGroup(layer)];
    if (layer !== 'cli' && layer !== 'model') groups.push(NODE_MODULES);
    if (layer === 'core') groups.push(UI_LIBRARIES);
    return {
      files: [`src/${layer}/**/*.{ts,tsx}`],
      ignores: TESTS,
      rules: { 'no-restricted-imports': restrict(groups) },
    };
  }),
  {
    files: ['src/model/**/*.ts'],
    ignores: ['src/model/node/**', ...TESTS],
    rules: { 'no-restricted-imports': restrict([layerGroup('model'), NODE_MODULES, UI_LIBRARIES]) },
  },
  {
    files: ['src/model/node/**/*.ts'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': restrict([layerGroup('model'), UI_LIBRARIES]) },
  },
  {
    files: ['src/runtime/client/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': restrict([layerGroup('runtime'), NODE_MODULES, WORKER_SIDE]),
    },
  },
  {
    files: ['src/runtime/worker/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': restrict([layerGroup('runtime'), NODE_MODULES, CLIENT_SIDE]),
    },
  },
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
    files: ['**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  ...boundaries,
);
