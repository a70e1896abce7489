/**
 * The Content-Security-Policy for the dashboard, to send as an HTTP header from the host (a `<meta>` tag would also
 * block the accessibility tools that inject a script). Everything comes from the site itself; DuckDB needs
 * 'wasm-unsafe-eval' to compile its wasm; charts use style attributes; exports draw blob: images.
 * embed.html carries its own, stricter policy in a <meta> tag (only its inline script, by hash; nothing to fetch).
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');
