import { useCallback, useEffect, useState } from 'react';
import { messages } from './i18n';
import { formatUrlState, parseUrlState, type UrlState } from './lib/url-state';
import { useDbState } from './features/use-db';
import { DbStatus } from './ui/DbStatus';
import { FirstScreen } from './features/first-screen/FirstScreen';

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

  const otherLang = lang === 'fr' ? 'en' : 'fr';
  return (
    <>
      <a className="skip-link" href="#contenu">{t.skipToContent}</a>
      <header className="site-header">
        <div className="wrap">
          <p className="brand">{t.appTitle}</p>
          <a
            className="lang-switch"
            href={formatUrlState({ ...url, lang: otherLang }) || window.location.pathname}
            lang={otherLang}
            aria-label={t.languageSwitchLabel}
            onClick={(e) => {
              e.preventDefault();
              navigate({ ...url, lang: otherLang });
            }}
          >
            {t.languageSwitch}
          </a>
        </div>
      </header>
      <main id="contenu" className="wrap">
        <h1>{t.appTitle}</h1>
        <p className="tagline">{t.appTagline}</p>
        <p className="notice" data-testid="illustrative-notice" role="note">{t.illustrativeNotice}</p>
        <DbStatus state={db} t={t} />
        <FirstScreen lang={lang} t={t} indicator={url.indicateur} onIndicator={(id) => navigate({ ...url, indicateur: id })} />
      </main>
    </>
  );
}
