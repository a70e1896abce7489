import type { ChartSnapshot } from '../snapshot/schema';
import { DEFAULT_TARGET, formatUrlState, type UrlState } from '../lib/url-state';
import type { Lang } from '../lib/format';
import { ShareButton } from './share/ShareButton';

/** What every dashboard view passes to its model: language, indicator, year, target, permalink, time. */
export function viewArgs(url: UrlState, lang: Lang) {
  return {
    lang,
    indicateur: url.indicateur,
    annee: url.annee,
    cible: url.cible ?? DEFAULT_TARGET.cible,
    anneeCible: url.annee_cible ?? DEFAULT_TARGET.annee,
    permalink: `${window.location.origin}${window.location.pathname}${formatUrlState(url)}`,
    now: new Date(),
  };
}

/** The share button of one chart, given the view's snapshots in both languages. */
export function shareButtons<K extends string>(byLang: { fr: Record<K, ChartSnapshot>; en: Record<K, ChartSnapshot> } | null, lang: Lang) {
  return (k: K) => (byLang ? <ShareButton snapshots={{ fr: byLang.fr[k], en: byLang.en[k] }} lang={lang} /> : null);
}
