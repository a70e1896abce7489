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

describe('URL state of the dashboard', () => {
  test('picked territories and target round-trip; default target is not written', () => {
    const s = formatUrlState({ territoires: ['31', '48'], parcours: '34', cible: 40, annee_cible: 2035 });
    expect(s).toBe('?territoires=31,48&parcours=34&cible=40&annee_cible=2035');
    expect(parseUrlState(s)).toEqual({ territoires: ['31', '48'], parcours: '34', cible: 40, annee_cible: 2035 });
    expect(formatUrlState({ cible: 50, annee_cible: 2030, territoires: [] })).toBe('');
  });
  test('a malformed territory list is dropped', () => {
    expect(parseUrlState('?territoires=31,<script>')).toEqual({});
  });
});
