import { useSyncExternalStore } from 'react';
import { DARK, LIGHT, type Palette } from '../render/palette';

/** The reader's colour scheme, as the page's CSS follows it (src/ui/styles.css, `prefers-color-scheme`). */
function darkQuery(): MediaQueryList | null {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
}

function subscribe(changed: () => void): () => void {
  const q = darkQuery();
  q?.addEventListener('change', changed);
  return () => q?.removeEventListener('change', changed);
}

/**
 * The renderer's palette for the dashboard's drawings: the embed's dark palette when the reader's system asks for a
 * dark scheme, the light one otherwise (and on the server), followed live when the scheme changes.
 */
export function usePalette(): Palette {
  const dark = useSyncExternalStore(subscribe, () => darkQuery()?.matches ?? false, () => false);
  return dark ? DARK : LIGHT;
}
