/**
 * The embed entry: draws one chart snapshot taken from the URL fragment. It loads neither DuckDB nor storage, so it
 * works in sandboxed iframes on any site, and it reports its height to the host page.
 *
 * No React here: an embed is one static chart, drawn once (again on resize) from a snapshot, with a table and a
 * few paragraphs. The DOM does that in a few kilobytes, where React would be two thirds of the embed's code, loaded
 * again by each iframe of an article.
 */
import '../lib/zod-config';
import { decodeSnapshot, embedId } from '../snapshot/codec';
import { reportHeight } from './height';
import { renderEmbed, renderError } from './render';
import '../ui/styles.css';
import './embed.css';

const params = new URLSearchParams(window.location.search);
const theme = params.get('theme');
if (theme === 'dark' || theme === 'light') document.documentElement.dataset['theme'] = theme;
// `fond=transparent`: no background of its own, the host page's shows through (README, « Partager »).
if (params.get('fond') === 'transparent') document.documentElement.dataset['fond'] = 'transparent';
const systemDark = window.matchMedia('(prefers-color-scheme: dark)');
const fragment = window.location.hash;
const root = document.getElementById('root');
if (root) {
  void decodeSnapshot(fragment).then((r) => {
    if (!r.ok) return renderError(root);
    const dashboard = new URL('./', window.location.href);
    renderEmbed(root, r.snapshot, {
      showTitle: params.get('titre') !== '0',
      dashboard: dashboard.href,
      dark: () => theme === 'dark' || (theme !== 'light' && systemDark.matches),
      hrefFor: (code) => {
        const u = new URL(dashboard);
        u.searchParams.set('vue', 'territoire');
        u.searchParams.set('territoire', code);
        u.searchParams.set('indicateur', r.snapshot.indicateur);
        if (r.snapshot.lang === 'en') u.searchParams.set('lang', 'en');
        return u.href;
      },
    });
  });
  reportHeight(embedId(fragment));
  window.addEventListener('hashchange', () => window.location.reload());
}
