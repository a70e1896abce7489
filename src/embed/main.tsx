/**
 * The embed entry: renders one chart snapshot taken from the URL fragment. It loads neither DuckDB nor storage,
 * so it works in sandboxed iframes on any site, and it reports its height to the host page.
 */
import '../lib/zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { EmbedApp } from './EmbedApp';
import { reportHeight } from './height';
import { embedId } from '../snapshot/codec';
import '../ui/styles.css';
import './embed.css';

const params = new URLSearchParams(window.location.search);
const theme = params.get('theme');
if (theme === 'dark' || theme === 'light') document.documentElement.dataset['theme'] = theme;
const fragment = window.location.hash;
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <EmbedApp fragment={fragment} showTitle={params.get('titre') !== '0'} />
    </StrictMode>,
  );
  reportHeight(embedId(fragment));
  window.addEventListener('hashchange', () => window.location.reload());
}
