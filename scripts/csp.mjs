/**
 * The dashboard's Content-Security-Policy, defined once. Everything comes from the site itself; DuckDB needs
 * 'wasm-unsafe-eval' to compile its wasm; its worker and the import worker are scripts of the site (worker-src);
 * charts use style attributes; exports draw blob: and data: images.
 *
 * Two forms of the same policy:
 * - DASHBOARD_CSP, the HTTP header a host should send (it alone can say frame-ancestors: which sites may frame the
 *   dashboard);
 * - DASHBOARD_META_CSP, carried by the built index.html in a `<meta http-equiv>` tag (vite.config.ts, production
 *   build only), so the policy holds on static hosts that cannot send headers. A `<meta>` policy cannot carry
 *   frame-ancestors, report-uri, report-to or sandbox (browsers ignore them there, with a console error), so those
 *   are left out of it; it applies only to what the document loads after the tag, which therefore comes first in
 *   `<head>`; and a worker gets its policy from its own response's headers, not from the page's `<meta>`.
 * Both are enforced together where a host sends the header as well: the header adds frame-ancestors.
 * embed.html carries its own, stricter policy in a <meta> tag (only its inline script, by hash; nothing to fetch).
 */

/** Each directive and its sources, in the order the policies list them. */
export const DASHBOARD_DIRECTIVES = Object.freeze([
  ['default-src', "'self'"],
  ['script-src', "'self' 'wasm-unsafe-eval'"],
  ['worker-src', "'self'"],
  ['connect-src', "'self'"],
  ['img-src', "'self' data: blob:"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['font-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'self'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'self'"],
]);

/** Directives a `<meta http-equiv="Content-Security-Policy">` cannot carry (CSP Level 3): header only. */
export const HEADER_ONLY_DIRECTIVES = Object.freeze(['frame-ancestors', 'report-uri', 'report-to', 'sandbox']);

const serialise = (directives) => directives.map(([name, value]) => `${name} ${value}`).join('; ');

/** The policy to send as an HTTP header from the host. */
export const DASHBOARD_CSP = serialise(DASHBOARD_DIRECTIVES);

/** The same policy without what only a header can say: what index.html carries in its `<meta>` tag. */
export const DASHBOARD_META_CSP = serialise(DASHBOARD_DIRECTIVES.filter(([name]) => !HEADER_ONLY_DIRECTIVES.includes(name)));

/**
 * Puts the `<meta>` policy into an HTML page, right after `<meta charset>` (which stays first), before anything
 * the page loads. Throws if the page has no `<meta charset>` or already carries a policy.
 */
export function withMetaCsp(html, policy = DASHBOARD_META_CSP) {
  if (/http-equiv=["']?content-security-policy/i.test(html)) throw new Error('this page already carries a Content-Security-Policy');
  const charset = /<meta\s+charset=["']?[\w-]+["']?\s*\/?>/i.exec(html);
  if (!charset) throw new Error('no <meta charset> to put the Content-Security-Policy after');
  const at = charset.index + charset[0].length;
  const tag = `\n    <meta http-equiv="Content-Security-Policy" content="${policy.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" />`;
  return html.slice(0, at) + tag + html.slice(at);
}
