import { defineConfig, type Plugin } from 'vite';
import { resolve } from 'node:path';
import { createHash } from 'node:crypto';

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
      const hashes: string[] = [];
      for (const [name, f] of Object.entries(bundle)) {
        if (f.type === 'chunk' && f.isEntry) {
          const code = f.code.replace(/<\/script/gi, '<\\/script');
          hashes.push(`'sha256-${createHash('sha256').update(code).digest('base64')}'`);
          text = text.replace(new RegExp(`<script[^>]*src="[^"]*${f.fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*></script>`), () => `<script type="module">${code}</script>`);
          delete bundle[name];
        } else if (f.type === 'asset' && f.fileName.endsWith('.css')) {
          const css = String(f.source).replace(/<\/style/gi, '<\\/style');
          text = text.replace(new RegExp(`<link[^>]*href="[^"]*${f.fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>`), () => `<style>${css}</style>`);
          delete bundle[name];
        }
      }
      // Only this exact inline script may run; nothing may be fetched (no connect, no frames, no forms).
      const csp = `default-src 'none'; script-src ${hashes.join(' ')}; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'`;
      html.source = text.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${csp}" />`);
    },
  };
}

export default defineConfig({
  plugins: [inlineEmbed()],
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
