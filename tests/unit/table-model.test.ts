import { describe, expect, test } from 'vitest';
import { observationCells, observationHead, observationShare, territoryName, type ObservationNames, type ObservationValues } from '../../src/render/table-model';
import { en } from '../../src/i18n/en';
import { fr } from '../../src/i18n/fr';
import { dataEn } from '../../src/i18n/data-en';
import { dataFr } from '../../src/i18n/data-fr';

const names = (lang: 'fr' | 'en'): ObservationNames => ({
  territoire: new Map([['34', 'Hérault'], ['FR', 'France']]),
  indicateur: new Map([['emploi_numerique', lang === 'fr' ? 'Emplois des métiers du numérique' : 'Jobs in digital occupations']]),
  jeu: new Map([['illustratif', lang === 'fr' ? 'Données illustratives' : 'Illustrative data']]),
});

const row: ObservationValues = {
  territoire: '34', annee: 2024, indicateur: 'emploi_numerique', femmes: 1496, hommes: 3944, total: 5440, part_femmes: null,
  statut: 'faible_fiabilite', jeu: 'illustratif', source: 'Insee, recensement', source_en: 'Insee, census',
};
const byId = (cells: readonly { id: string; text: string; num?: boolean }[]) => Object.fromEntries(cells.map((c) => [c.id, c]));

describe('the observations table, written for people', () => {
  test('French: name beside the code, indicator and dataset names, counts with spaces, the computed share, status and source in words', () => {
    const c = byId(observationCells(row, names('fr'), 'fr'));
    expect(c['territoire']?.text).toBe('34 Hérault');
    expect(c['indicateur']?.text).toBe('Emplois des métiers du numérique');
    expect(c['jeu']?.text).toBe('Données illustratives');
    expect(c['femmes']?.text).toBe('1\u202f496');
    expect(c['total']?.text).toBe('5\u202f440');
    expect(c['part_femmes']?.text).toBe('27,5\u00a0%');
    expect(c['statut']?.text).toBe('faible fiabilité');
    expect(c['source']?.text).toBe('Insee, recensement');
  });

  test('English: the same row in English, with English number formats', () => {
    const c = byId(observationCells(row, names('en'), 'en'));
    expect(c['territoire']?.text).toBe('34 Hérault');
    expect(c['indicateur']?.text).toBe('Jobs in digital occupations');
    expect(c['femmes']?.text).toBe('1,496');
    expect(c['part_femmes']?.text).toBe('27.5%');
    expect(c['statut']?.text).toBe(en.statusLabel('faible_fiabilite'));
    expect(c['source']?.text).toBe('Insee, census');
  });

  test('numbers are flagged to be right-aligned, text is not; headers are words in each language', () => {
    const c = observationCells(row, names('fr'), 'fr');
    expect(c.filter((x) => x.num).map((x) => x.id)).toEqual(['annee', 'femmes', 'hommes', 'total', 'part_femmes']);
    expect(observationHead('fr').map((h) => h.text)).toEqual(Object.values(fr.obsHeads));
    expect(observationHead('en').map((h) => h.text)).toEqual(['Territory', 'Year', 'Indicator', 'Women', 'Men', 'Total', 'Share of women', 'Status', 'Dataset', 'Source']);
    expect(observationHead('en').filter((h) => h.num).map((h) => h.id)).toEqual(['annee', 'femmes', 'hommes', 'total', 'part_femmes']);
  });

  test('the share: as published, else women over the total, else over women and men; never a made-up zero', () => {
    expect(observationShare({ femmes: 1, hommes: 3, total: 4, part_femmes: 19 })).toBe(19);
    expect(observationShare({ femmes: 1, hommes: 3, total: 4, part_femmes: null })).toBe(25);
    expect(observationShare({ femmes: 1, hommes: 3, total: null, part_femmes: null })).toBe(25);
    expect(observationShare({ femmes: null, hommes: null, total: null, part_femmes: null })).toBeNull();
    expect(observationShare({ femmes: 0, hommes: 0, total: 0, part_femmes: null })).toBeNull();
    const secret = byId(observationCells({ ...row, femmes: null, hommes: null, total: null, statut: 'secret' }, names('fr'), 'fr'));
    expect([secret['femmes']?.text, secret['part_femmes']?.text, secret['statut']?.text]).toEqual(['', '', 'secret statistique']);
  });

  test('a territory without a name keeps its code alone; the row count is written for people', () => {
    expect(territoryName('2A', names('fr'))).toBe('2A');
    expect(territoryName('FR', names('fr'))).toBe('FR France');
    expect(dataFr.tableCount('25', '822', 822)).toBe('25 lignes sur 822');
    expect(dataFr.tableCount('1', '1', 1)).toBe('1 ligne sur 1');
    expect(dataEn.tableCount('25', '822', 822)).toBe('25 of 822 rows');
  });
});
