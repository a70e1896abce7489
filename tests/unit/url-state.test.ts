import { describe, expect, test } from 'vitest';
import { formatUrlState, parseUrlState } from '../../src/lib/url-state';

describe('URL state', () => {
  test.each([
    ['', {}],
    ['?vue=territoire&territoire=34', { vue: 'territoire', territoire: '34' }],
    ['?indicateur=nsi_lycee&annee=2022&lang=en', { indicateur: 'nsi_lycee', annee: 2022, lang: 'en' }],
    // invalid values mean defaults, never an error
    ['?vue=admin&annee=abc&lang=de&indicateur=x%27%3B%20DROP', {}],
    ['?annee=1800', {}],
  ])('parses %s', (search, want) => {
    expect(parseUrlState(search)).toEqual(want);
  });
  test('never writes defaults, and round-trips', () => {
    expect(formatUrlState({ lang: 'fr' })).toBe('');
    const s = formatUrlState({ vue: 'territoire', territoire: '31', lang: 'en', annee: 2023 });
    expect(s).toBe('?vue=territoire&territoire=31&annee=2023&lang=en');
    expect(parseUrlState(s)).toEqual({ vue: 'territoire', territoire: '31', lang: 'en', annee: 2023 });
  });
});
