import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// The dashboard. DuckDB's bundles are imported with `?url` in src/data/db.ts, so they are served by the app itself;
// duckdb-wasm is excluded from dependency pre-bundling. The embed is built by vite.embed.config.ts (in dev, both
// pages are served from here).
export default defineConfig({
  plugins: [react()],
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
    },
  },
});
