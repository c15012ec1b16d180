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

export default tseslint.config(
  {
    ignores: [
      'dist/',
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
);
