import { describe, expect, test } from 'vitest';
import type { IndicatorRow, SourceRow, TerritoryRow } from '../../src/data/sql/catalogue';
import type { MeasureRow } from '../../src/data/sql/measures';
import { buildTrend } from '../../src/snapshot/build-series';
import { buildRanking } from '../../src/snapshot/build-region';
import { flagsOf } from '../../src/snapshot/notes';
import { snapshotCsv } from '../../src/snapshot/to-csv';
import { altText } from '../../src/snapshot/alt-text';
import { isIllustrativeValue, sourcesOfValue } from '../../src/snapshot/credits';
import { decodeSnapshot } from '../../src/snapshot/codec';
import type { SnapshotContext } from '../../src/snapshot/context';
import type { Lang } from '../../src/lib/format';
import fragmentsV1 from '../fixtures/embed-fragments-v1.json';

// Issue 19 point 4: each value of a chart says whether it is real or illustrative, and which source it comes from.

const territory = (code: string, nom: string, type: TerritoryRow['type'] = 'departement'): TerritoryRow => ({
  code, type, nom_fr: nom, nom_en: nom, region: type === 'departement' ? '76' : null, lieu_fr: `en ${nom}`, lieu_en: `in ${nom}`,
});
const TERRITORIES = new Map([territory('76', 'Occitanie', 'region'), territory('31', 'Haute-Garonne'), territory('48', 'Lozère'), territory('FR', 'France', 'pays')].map((t) => [t.code, t]));
const source = (id: string, name: string, illustratif: boolean, date: string | null): SourceRow => ({
  id, nom_fr: id, nom_en: id, source: name, source_en: name, licence: 'Licence Ouverte 2.0', licence_en: 'Open Licence 2.0', derniere_maj: date, illustratif,
});
const SOURCES = [source('eurostat', 'Eurostat, isoc_sks_itsps', false, '2026-10-01'), source('illustratif', 'Données générées', true, '2026-11-29')];
const ctx = (lang: Lang): SnapshotContext => ({ lang, territories: TERRITORIES, sources: SOURCES, generatedAt: '2026-12-01T10:00:00.000Z', permalink: 'https://example.org/' });
const INDICATOR: IndicatorRow = {
  id: 'emploi_numerique', etape: 'emploi', ordre: 4, libelle_fr: 'Emplois du numérique', libelle_en: 'Digital jobs',
  definition_fr: 'Définition', definition_en: 'Definition', unite: '%', producteur: 'Insee', phrase_fr: 'des emplois du numérique', phrase_en: 'of digital jobs',
};
const m = (territoire: string, annee: number, part: number | null, illustratif: boolean): MeasureRow => ({
  territoire, annee, indicateur: 'emploi_numerique', femmes: part === null ? null : part * 10, hommes: part === null ? null : 1000 - part * 10,
  effectif: part === null ? null : 1000, part, ecart_parite: part === null ? null : 50 - part, indice_parite: null, faible_fiabilite: false,
  statut: null, raison: part === null ? 'secret' : null, origine: 'observe', n_departements: null, n_manquants: null, illustratif, source: 's',
});

/** A trend with France real (Eurostat) and Haute-Garonne illustrative. */
function mixedTrend(lang: Lang = 'fr') {
  return buildTrend(ctx(lang), {
    indicator: INDICATOR,
    focus: '31',
    series: [
      { code: '31', role: 'departement', rows: [m('31', 2022, 20.5, true), m('31', 2023, 21.5, true)] },
      { code: 'FR', role: 'pays', rows: [m('FR', 2022, 19, false), m('FR', 2023, 19.5, false)] },
    ],
    trends: [],
    target: { cible: 50, annee: 2030 },
  });
}

describe('provenance of each value', () => {
  test('a point carries its own real/illustrative flag; a missing value carries none', () => {
    expect(flagsOf(m('31', 2023, 21, true)).illustratif).toBe(true);
    expect(flagsOf(m('FR', 2023, 19, false)).illustratif).toBe(false);
    expect(flagsOf(m('48', 2023, null, true))).not.toHaveProperty('illustratif');
  });

  test('a mixed trend flags each series\' points, and each value\'s sources are those of its kind', () => {
    const s = mixedTrend();
    const hg = s.series.find((x) => x.id === '31');
    const fr = s.series.find((x) => x.id === 'FR');
    expect(hg?.points.map((p) => p.flags?.illustratif)).toEqual([true, true]);
    expect(fr?.points.map((p) => p.flags?.illustratif)).toEqual([false, false]);
    expect(sourcesOfValue(s, fr?.points[0] as NonNullable<typeof fr>['points'][number]).map((x) => x.name)).toEqual(['Eurostat, isoc_sks_itsps']);
    expect(sourcesOfValue(s, hg?.points[0] as NonNullable<typeof hg>['points'][number]).map((x) => x.name)).toEqual(['Données générées']);
    // The note names what is illustrative, not France.
    expect(s.notes).toContain('Données illustratives, non officielles : Haute-Garonne.');
  });

  test('the CSV says per row whether the value is real or illustrative, with its source and date', () => {
    const csv = snapshotCsv(mixedTrend());
    const lines = csv.split('\r\n');
    const header = lines.find((l) => l.startsWith('serie,')) ?? '';
    expect(header.split(',').slice(-2)).toEqual(['donnee', 'source']);
    const row = (serie: string, year: number) => lines.find((l) => l.startsWith(`${serie},`) && l.includes(`,${year},`)) ?? '';
    expect(row('Haute-Garonne', 2023)).toMatch(/,illustrative,Données générées \(29 novembre 2026\)$/);
    expect(row('France', 2023)).toMatch(/,reelle,"?Eurostat, isoc_sks_itsps \(1 octobre 2026\)"?$/);
    expect(csv).toContain('# Sources\u00a0: Données générées (mise à jour : 29 novembre 2026 ; Licence Ouverte 2.0) [illustratif]');
    expect(csv).toContain('# Données illustratives, non officielles : Haute-Garonne.');
  });

  test('a ranking with some départements real marks only the illustrative ones, in the CSV and the alt text', () => {
    const deps = [m('31', 2023, 24, false), m('48', 2023, 18, true)];
    const ranking = deps.map((d, i) => ({ k: 0, indicateur: d.indicateur, territoire: d.territoire, nom_fr: TERRITORIES.get(d.territoire)?.nom_fr ?? '', nom_en: TERRITORIES.get(d.territoire)?.nom_en ?? '', part: d.part, femmes: d.femmes, effectif: d.effectif, faible_fiabilite: false, statut: null, raison: null, rang: i + 1, rang_precedent: null, evolution_rang: null }));
    const s = buildRanking(ctx('en'), { indicator: INDICATOR, regionCode: '76', year: 2023, departements: deps, refs: {}, ranking });
    expect(s.series[0]?.points.map((p) => [p.x, p.flags?.illustratif])).toEqual([['31', false], ['48', true]]);
    const alt = altText(s, 'en');
    expect(alt).toContain('Lozère 18.0% (illustrative)');
    expect(alt).not.toContain('Haute-Garonne 24.0% (illustrative)');
    expect(alt).toContain('Illustrative data, not official: Lozère.');
    expect(snapshotCsv(s)).toMatch(/Lozère,48,.*,illustrative,/);
  });

  test('the key figures\' CSV says whether they come from real, illustrative or mixed values', () => {
    const s = mixedTrend();
    const kpi = { ...s, kind: 'kpi' as const, kpis: [{ id: 'part', label: 'Part', value: '21,5 %', numeric: 21.5 }] };
    expect(snapshotCsv(kpi)).toMatch(/^Part,"?21,5 %"?,21\.5,,mixte,/m);
  });

  test.each(Object.entries(fragmentsV1))('an embed published before per-value flags (%s) still decodes, its values taking the chart\'s flag', async (_kind, fragment) => {
    const r = await decodeSnapshot(String(fragment));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const p = r.snapshot.series.flatMap((x) => x.points).find((q) => q.y !== null);
    if (p) expect(isIllustrativeValue(r.snapshot, p)).toBe(r.snapshot.illustratif);
  });
});
