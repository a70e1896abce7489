import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { withMetaCsp } from './scripts/csp.mjs';

/**
 * Writes the dashboard's Content-Security-Policy (scripts/csp.mjs, the same definition as the header's) into the
 * built index.html as a `<meta http-equiv>` tag, so that it holds on static hosts that cannot send headers.
 * Production build only: the dev server's HMR and React refresh run inline scripts the policy refuses.
 */
function metaCsp(): Plugin {
  return { name: 'meta-csp', apply: 'build', transformIndexHtml: { order: 'post', handler: (html) => withMetaCsp(html) } };
}

// The dashboard. DuckDB's bundles are imported with `?url` in src/data/db.ts, so they are served by the app itself;
// duckdb-wasm is excluded from dependency pre-bundling. The embed is built by vite.embed.config.ts (in dev, both
// pages are served from here).
export default defineConfig({
  plugins: [react(), metaCsp()],
  base: './',
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  server: { port: 5173, strictPort: true },
  preview: { port: 4173, strictPort: true },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    // Data files stay files (fetched from the app's origin), never inlined as data: URLs.
    assetsInlineLimit: 0,
    rollupOptions: {
      input: { index: resolve(import.meta.dirname, 'index.html') },
      output: {
        codeSplitting: {
          // zod and the module that configures it in one chunk, which runs before any chunk that builds a schema:
          // with zod split across common chunks, a schema could be built before `jitless` is set, and zod's
          // `new Function` probe would then trip the Content-Security-Policy (tests/e2e/csp.test.ts).
          groups: [{ name: 'zod', test: /node_modules[\\/]zod[\\/]|src[\\/]lib[\\/]zod-config\.ts$/, priority: 10 }],
        },
      },
    },
  },
});
