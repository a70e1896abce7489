import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

/**
 * Inlines the embed's single script and stylesheet into embed.html. A sandboxed iframe without
 * allow-same-origin has an opaque origin, and module scripts or stylesheets fetched from it would need CORS
 * headers that a plain static host does not send: an embed with nothing to fetch works on any site.
 */
function inlineEmbed(): Plugin {
  return {
    name: 'inline-embed',
    enforce: 'post',
    generateBundle(_opts, bundle) {
      const html = Object.values(bundle).find((f) => f.type === 'asset' && f.fileName === 'embed.html');
      if (!html || html.type !== 'asset') return;
      let text = String(html.source);
      for (const [name, f] of Object.entries(bundle)) {
        if (f.type === 'chunk' && f.isEntry) {
          const code = f.code.replace(/<\/script/gi, '<\\/script');
          text = text.replace(new RegExp(`<script[^>]*src="[^"]*${f.fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*></script>`), () => `<script type="module">${code}</script>`);
          delete bundle[name];
        } else if (f.type === 'asset' && f.fileName.endsWith('.css')) {
          const css = String(f.source).replace(/<\/style/gi, '<\\/style');
          text = text.replace(new RegExp(`<link[^>]*href="[^"]*${f.fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>`), () => `<style>${css}</style>`);
          delete bundle[name];
        }
      }
      html.source = text;
    },
  };
}

export default defineConfig({
  plugins: [react(), inlineEmbed()],
  base: './',
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
    modulePreload: false,
    rollupOptions: {
      input: { embed: resolve(import.meta.dirname, 'embed.html') },
      output: { codeSplitting: false },
    },
  },
});
