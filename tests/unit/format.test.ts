import { describe, expect, test } from 'vitest';
import { formatCount, formatDate, formatPercent, formatPoints } from '../../src/lib/format';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatting through Intl', () => {
  test.each([
    [23.14, 'fr', '23,1 %'],
    [23.14, 'en', '23.1%'],
    [0, 'fr', '0,0 %'],
    [100, 'en', '100.0%'],
  ] as const)('percent %s (%s)', (v, lang, want) => {
    expect(nbsp(formatPercent(v, lang))).toBe(want);
  });
  test.each([
    [2.44, 'fr', { signed: true }, '+2,4 pts'],
    [-0.5, 'fr', { signed: true }, '-0,5 pt'],
    [1, 'en', {}, '1.0 pt'],
    [26.9, 'en', {}, '26.9 pts'],
  ] as const)('points %s (%s)', (v, lang, opts, want) => {
    expect(nbsp(formatPoints(v, lang, opts))).toBe(want);
  });
  test('counts with French thousands separators', () => {
    expect(nbsp(formatCount(1234567.4, 'fr'))).toBe('1 234 567');
    expect(formatCount(1234567.4, 'en')).toBe('1,234,567');
  });
  test('dates', () => {
    expect(formatDate('2026-11-29', 'fr')).toBe('29 novembre 2026');
    expect(formatDate('2026-11-29', 'en')).toBe('29 November 2026');
    expect(formatDate('pas une date', 'fr')).toBe('pas une date');
    expect(formatDate('2026-02-30', 'fr')).toBe('2026-02-30');
  });
  test('dates are written as Intl writes them (fr-FR and en-GB, long style), without loading its calendar data', () => {
    for (let t = Date.UTC(1990, 0, 1); t < Date.UTC(2031, 0, 1); t += 86400000 * 7 + 3600000 * 5) {
      const iso = new Date(t).toISOString().slice(0, 10);
      for (const [lang, loc] of [['fr', 'fr-FR'], ['en', 'en-GB']] as const) {
        expect(formatDate(iso, lang)).toBe(new Intl.DateTimeFormat(loc, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`)));
      }
    }
  });
});
