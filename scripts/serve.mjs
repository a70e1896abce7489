#!/usr/bin/env node
/**
 * A plain static file server with no rewrite rule, as any static host would serve `dist/`: used by the browser
 * tests, the benchmark and the acceptance probe. `node scripts/serve.mjs [dir] [port]`.
 */
import http from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm', '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.txt': 'text/plain; charset=utf-8', '.ico': 'image/x-icon', '.map': 'application/json',
};

/**
 * Starts the server; resolves with its base URL and a close function. `headers` go with every file but `embed.html`,
 * as docs/hosting.md asks of a host: the embed, framed anywhere, carries its own policy.
 */
export function serveStatic(dir, port = 0, host = '127.0.0.1', headers = {}) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    try {
      if (statSync(file).isDirectory()) file = path.join(file, 'index.html');
      const size = statSync(file).size;
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-length': size, 'cache-control': 'no-cache', ...(path.basename(file) === 'embed.html' ? {} : headers) });
      if (req.method === 'HEAD') { res.end(); return; }
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((resolve) => {
    server.listen(port, host, () => {
      const addr = server.address();
      resolve({ url: `http://${host}:${addr.port}`, close: () => new Promise((r) => server.close(() => r(undefined))) });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir = 'dist', port = '8123'] = process.argv.slice(2);
  serveStatic(dir, Number(port)).then((s) => console.log(`serving ${dir} at ${s.url}`));
}
