import './lib/zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { parseUrlState } from './lib/url-state';
import { isDefaultOverview, loadPrecomputed } from './features/overview/use-precomputed';
import './ui/styles.css';

// The build-time charts of the default view are fetched (and the stored data checked) while React starts.
if (isDefaultOverview(parseUrlState(window.location.search))) void loadPrecomputed();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
