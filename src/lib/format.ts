/** Languages of the interface: French first, English second. */
export type Lang = 'fr' | 'en';

const LOCALES: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

/** The Intl locale of a language. */
export function locale(lang: Lang): string {
  return LOCALES[lang];
}

const cache = new Map<string, Intl.NumberFormat>();
function nf(lang: Lang, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = lang + JSON.stringify(opts);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[lang], opts);
    cache.set(key, f);
  }
  return f;
}

/** A share given in percent (23.1 → « 23,1 % » in French, "23.1%" in English), one decimal. */
export function formatPercent(value: number, lang: Lang, digits = 1): string {
  return nf(lang, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value / 100);
}

/** Points of percentage, signed when asked (« +2,4 pts »). */
export function formatPoints(value: number, lang: Lang, opts: { signed?: boolean; digits?: number } = {}): string {
  const digits = opts.digits ?? 1;
  const n = nf(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: opts.signed ? 'exceptZero' : 'auto' }).format(value);
  return lang === 'fr' ? `${n}\u00a0pt${Math.abs(value) >= 2 ? 's' : ''}` : `${n} pt${Math.abs(value) === 1 ? '' : 's'}`;
}

/** A count of people, rounded to a whole number (« 12 345 »). */
export function formatCount(value: number, lang: Lang): string {
  return nf(lang, { maximumFractionDigits: 0 }).format(value);
}

/** A plain number with a fixed number of decimals. */
export function formatNumber(value: number, lang: Lang, digits = 2): string {
  return nf(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** A calendar date given as YYYY-MM-DD (« 29 novembre 2026 »). */
export function formatDate(iso: string, lang: Lang): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}
