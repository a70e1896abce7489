import { useEffect, useState } from 'react';
import { decodeSnapshot } from '../snapshot/codec';
import type { ChartSnapshot } from '../snapshot/schema';
import { Chart } from '../charts/Chart';
import { messages } from '../i18n';
import { IllustrativeNotice } from '../ui/IllustrativeNotice';

type State = { kind: 'loading' } | { kind: 'ok'; snapshot: ChartSnapshot } | { kind: 'error' };

/**
 * One frozen chart from the URL fragment: no database, no storage, no request. A broken or tampered fragment
 * shows a clear message in both languages.
 */
export function EmbedApp({ fragment, showTitle }: { fragment: string; showTitle: boolean }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    void decodeSnapshot(fragment).then((r) => setState(r.ok ? { kind: 'ok', snapshot: r.snapshot } : { kind: 'error' }));
  }, [fragment]);
  useEffect(() => {
    if (state.kind === 'ok') {
      document.documentElement.lang = state.snapshot.lang;
      document.title = state.snapshot.title;
    }
  }, [state]);
  if (state.kind === 'loading') return null;
  if (state.kind === 'error') {
    return (
      <div className="embed-error" role="alert">
        <p lang="fr">{messages('fr').embedError}</p>
        <p lang="en">{messages('en').embedError}</p>
      </div>
    );
  }
  const s = state.snapshot;
  const m = messages(s.lang);
  const dashboard = new URL('./', window.location.href);
  const hrefFor = (code: string) => `${dashboard.href}?vue=territoire&territoire=${encodeURIComponent(code)}${s.lang === 'en' ? '&lang=en' : ''}`;
  return (
    <main className="embed">
      {s.illustratif ? <IllustrativeNotice t={m} /> : null}
      <Chart snapshot={s} hrefFor={hrefFor} srTable hideTitle={!showTitle} />
      <p className="embed-foot">
        <a href={s.permalink} target="_blank" rel="noopener">{m.embedOpen}</a> · {m.appTitle}
      </p>
    </main>
  );
}
