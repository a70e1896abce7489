import './lib/zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { parseUrlState } from './lib/url-state';
import { isPrecomputedOverview, precomputedOverview } from './features/overview/use-precomputed';
import './ui/styles.css';

// The dashboard's script runs: a territory page's build-time files are on their way already (public/precharge.js).
performance.mark('app:script');

// The build-time charts of the overview asked for are fetched (and the stored data checked) while React starts.
const opened = parseUrlState(window.location.search);
if (isPrecomputedOverview(opened)) void precomputedOverview(opened.indicateur, opened.annee, opened.parcours, opened);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
