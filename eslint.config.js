import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Only the database module and the Node test connector load duckdb-wasm (kept in every folder's rule below). */
const DUCKDB = { group: ['@duckdb/duckdb-wasm*'], message: 'Only src/data/db.ts and the Node test connector import duckdb-wasm.' };

/**
 * The layers of src/, as the arrows a folder may not follow: features → charts → render → snapshot; embed → render
 * and snapshot only; data and snapshot import nothing from the layers above them; the kit (i18n, lib, ui) imports
 * no feature, chart, embed or data module. Matched on relative import paths (the project uses no aliases);
 * stylesheets are not code and are not restricted.
 */
const LAYERS = {
  features: ['embed'],
  charts: ['features', 'embed', 'data'],
  render: ['charts', 'embed', 'features', 'data', 'ui'],
  snapshot: ['charts', 'render', 'embed', 'features', 'ui'],
  embed: ['charts', 'features', 'data', 'ui'],
  data: ['charts', 'render', 'embed', 'features', 'ui'],
  i18n: ['features', 'charts', 'embed', 'data'],
  lib: ['features', 'charts', 'embed', 'data'],
  ui: ['features', 'charts', 'embed', 'data'],
};

/** One config per folder: its forbidden arrows as `no-restricted-imports` patterns, beside the duckdb-wasm rule. */
const layerConfigs = Object.entries(LAYERS).map(([folder, forbidden]) => ({
  files: [`src/${folder}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [
        DUCKDB,
        ...forbidden.map((to) => ({
          // A stylesheet is not code: the embed takes the dashboard's styles.
          regex: `^\\.{1,2}/(\\.\\./)*${to}(/(?!.*\\.css$)|$)`,
          message: `src/${folder} may not import from src/${to} (layers: features → charts → render → snapshot; embed → render and snapshot; eslint.config.js).`,
        })),
      ],
    }],
  },
}));

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
      'no-restricted-imports': ['error', { patterns: [DUCKDB] }],
    },
  },
  ...layerConfigs,
  { files: ['tests/helpers/**', 'scripts/**'], rules: { 'no-restricted-imports': 'off' } },
  // The database module loads duckdb-wasm, and keeps the data layer's arrows.
  { files: ['src/data/db.ts'], rules: { 'no-restricted-imports': ['error', { patterns: layerConfigs.find((c) => c.files[0] === 'src/data/**/*.{ts,tsx}').rules['no-restricted-imports'][1].patterns.slice(1) }] } },
  {
    // No function over 80 lines in the app's code (issue 18): split it into named steps instead.
    files: ['src/**/*.{ts,tsx}'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['scripts/**/*.mjs', '*.js'],
    // Node scripts, some of which pass functions to run inside the page (hence the browser globals too).
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // The page's plain scripts, copied as they are (public/precharge.js): browser globals, no module.
    files: ['public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: globals.browser },
  },
);
