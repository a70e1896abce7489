import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.precompute/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['@duckdb/duckdb-wasm*'], message: 'Only src/data/db.ts and the Node test connector import duckdb-wasm.' }],
      }],
    },
  },
  { files: ['src/data/db.ts', 'tests/helpers/**', 'scripts/**'], rules: { 'no-restricted-imports': 'off' } },
  {
    files: ['scripts/**/*.mjs', '*.js'],
    // Node scripts, some of which pass functions to run inside the page (hence the browser globals too).
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
