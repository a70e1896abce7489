import { lazy, useState } from 'react';
import { messages } from '../../i18n';
import type { ChartSnapshot } from '../../snapshot/schema';
import { LoadBoundary } from '../../ui/LoadBoundary';

// The dialog and its exports (SVG and PNG rendering, CSV, snapshot encoding, alt text) are fetched on first use,
// and as soon as the pointer or the keyboard focus reaches a share button, so that they are usually there on click.
const loadDialog = () => import('./ShareDialog');
const ShareDialog = lazy(() => loadDialog().then((mod) => ({ default: mod.ShareDialog })));
const preload = () => void loadDialog().catch(() => undefined);

/** The share button of a chart; it opens the share dialog. */
export function ShareButton({ snapshots, lang }: { snapshots: { fr: ChartSnapshot; en: ChartSnapshot }; lang: 'fr' | 'en' }) {
  const [open, setOpen] = useState(false);
  const m = messages(lang);
  return (
    <>
      <button type="button" className="btn-link share-btn" data-testid="share" aria-haspopup="dialog" aria-label={m.shareLabel(snapshots[lang].title)} onPointerEnter={preload} onFocus={preload} onClick={() => setOpen(true)}>
        {m.share}
      </button>
      {open ? (
        <LoadBoundary loading={<span className="muted" role="status">{m.loading}</span>} failed={<span className="error" role="alert">{m.loadFailed}</span>}>
          <ShareDialog snapshots={snapshots} lang={lang} onClose={() => setOpen(false)} />
        </LoadBoundary>
      ) : null}
    </>
  );
}
