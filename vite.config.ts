import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// Two entries: the dashboard and the embed. DuckDB's bundles are imported with `?url` in src/data/db.ts,
// so they are served by the app itself; duckdb-wasm is excluded from dependency pre-bundling.
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
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        embed: resolve(import.meta.dirname, 'embed.html'),
      },
    },
  },
});
