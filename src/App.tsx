import { lazy, useCallback, useEffect, useState } from 'react';
import { messages } from './i18n';
import { formatUrlState, parseUrlState, type UrlState } from './lib/url-state';
import { useDbState } from './features/use-db';
import { DbStatus } from './ui/DbStatus';
import { LoadBoundary } from './ui/LoadBoundary';
import { Overview } from './features/overview/Overview';
import { Territory } from './features/territory/Territory';
import { StorageNotices } from './features/data/StorageNotices';

// The data view (import, table, datasets) is loaded when it is opened: it is no part of the first screen.
const DataView = lazy(() => import('./features/data/DataView').then((mod) => ({ default: mod.DataView })));

/** Shell and routing only: reads the URL state, sets the page language, renders the view. */
export function App() {
  const [url, setUrl] = useState<UrlState>(() => parseUrlState(window.location.search));
  const lang = url.lang ?? 'fr';
  const t = messages(lang);
  const db = useDbState();

  useEffect(() => {
    const onPop = () => setUrl(parseUrlState(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t.appTitle;
  }, [lang, t]);

  const navigate = useCallback((next: UrlState) => {
    window.history.pushState(null, '', `${window.location.pathname}${formatUrlState(next)}`);
    setUrl(next);
  }, []);
  const link = (next: UrlState) => ({
    href: formatUrlState(next) || window.location.pathname,
    onClick: (e: React.MouseEvent) => {
      if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      navigate(next);
      window.scrollTo(0, 0);
    },
  });

  const otherLang = lang === 'fr' ? 'en' : 'fr';
  const common = { indicateur: url.indicateur, lang: url.lang };
  const views = [
    { id: undefined, label: t.navOverview, state: { ...common } },
    { id: 'territoire' as const, label: t.navTerritory, state: { ...common, vue: 'territoire' as const, territoire: url.territoire ?? '31' } },
    { id: 'donnees' as const, label: t.navData, state: { lang: url.lang, vue: 'donnees' as const } },
  ];
  return (
    <>
      <a className="skip-link" href="#contenu">{t.skipToContent}</a>
      <header className="site-header">
        <div className="wrap header-row">
          <p className="brand">{t.appTitle}</p>
          <nav aria-label={t.navLabel}>
            <ul className="nav">
              {views.map((v) => (
                <li key={v.label}>
                  <a {...link(v.state)} aria-current={url.vue === v.id ? 'page' : undefined}>
                    {v.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <a className="lang-switch" {...link({ ...url, lang: otherLang === 'fr' ? undefined : otherLang })} lang={otherLang} hrefLang={otherLang} aria-label={t.languageSwitchLabel}>
            {t.languageSwitch}
          </a>
        </div>
      </header>
      <main id="contenu" className="wrap" tabIndex={-1}>
        <h1>{t.appTitle}</h1>
        <p className="tagline">{t.appTagline}</p>
        <DbStatus state={db} t={t} />
        <StorageNotices db={db} t={t} />
        {url.vue === 'territoire' ? (
          <Territory url={url} lang={lang} t={t} navigate={navigate} />
        ) : url.vue === 'donnees' ? (
          <LoadBoundary loading={<p className="muted" role="status">{t.loading}</p>} failed={<p className="error" role="alert">{t.loadFailed}</p>}>
            <DataView lang={lang} db={db} />
          </LoadBoundary>
        ) : (
          <Overview url={url} lang={lang} t={t} navigate={navigate} />
        )}
      </main>
      <footer className="site-footer">
        <div className="wrap">
          <p>{t.footer}</p>
        </div>
      </footer>
    </>
  );
}
