import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { IndicatorRow, SourceRow, TerritoryRow } from '../../src/data/sql/catalogue';
import type { MeasureRow } from '../../src/data/sql/measures';
import type { TrendRow } from '../../src/data/sql/trend';
import type { RankingRow } from '../../src/data/sql/ranking';
import { buildKpi, buildMap, buildRanking } from '../../src/snapshot/build-region';
import { buildPipeline, buildTrend, projectionOf } from '../../src/snapshot/build-series';
import { trendSentence } from '../../src/snapshot/summary';
import { ChartSnapshot } from '../../src/snapshot/schema';
import type { SnapshotContext } from '../../src/snapshot/context';
import type { Lang } from '../../src/lib/format';
import { clip, yearRuns } from '../../src/snapshot/fit';
import { MAX_TICKS, ticks } from '../../src/render/svg/ticks';

const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

const territory = (code: string, nom: string, lieu_fr: string, type: TerritoryRow['type'] = 'departement'): TerritoryRow => ({
  code, type, nom_fr: nom, nom_en: nom, region: type === 'departement' ? '76' : null, lieu_fr, lieu_en: `in ${nom}`,
});
const TERRITORIES = new Map(
  [
    territory('76', 'Occitanie', 'en Occitanie', 'region'),
    territory('31', 'Haute-Garonne', 'en Haute-Garonne'),
    territory('48', 'Lozère', 'en Lozère'),
    territory('30', 'Gard', 'dans le Gard'),
    territory('FR', 'France', 'en France', 'pays'),
  ].map((t) => [t.code, t]),
);
const SOURCES: SourceRow[] = [
  { id: 'x', nom_fr: 'X', nom_en: 'X', source: 'Source FR', source_en: 'Source EN', licence: 'Licence Ouverte 2.0', licence_en: 'Open Licence 2.0', derniere_maj: '2026-11-29', illustratif: true },
];
const ctx = (lang: Lang): SnapshotContext => ({ lang, territories: TERRITORIES, sources: SOURCES, generatedAt: '2026-11-29T10:00:00.000Z', permalink: 'https://example.org/?indicateur=emploi_numerique' });

const INDICATOR: IndicatorRow = {
  id: 'emploi_numerique', etape: 'emploi', ordre: 4, libelle_fr: 'Emplois du numérique', libelle_en: 'Digital jobs',
  definition_fr: 'Définition', definition_en: 'Definition', unite: '%', producteur: 'Insee',
  phrase_fr: 'des emplois du numérique', phrase_en: 'of digital jobs',
};

const m = (territoire: string, annee: number, part: number | null, extra: Partial<MeasureRow> = {}): MeasureRow => ({
  territoire, annee, indicateur: 'emploi_numerique', femmes: part === null ? null : part * 10, hommes: part === null ? null : 1000 - part * 10,
  effectif: part === null ? null : 1000, part, ecart_parite: part === null ? null : 50 - part, indice_parite: null, faible_fiabilite: false,
  statut: null, raison: part === null ? 'secret' : null, origine: 'observe', n_departements: null, n_manquants: null, illustratif: true, source: 's', ...extra,
});
const trend = (territoire: string, extra: Partial<TrendRow>): TrendRow => ({
  territoire, n_points: 10, debut: 2015, fin: 2024, part_debut: 20.7, part_fin: 23.1, pente: 0.6, statut_parite: 'projetee', annee_parite: 2071, ...extra,
});

describe('generated sentences', () => {
  const latest = m('31', 2024, 23.1);
  const first = m('31', 2015, 20.7);
  test.each([
    ['fr', trend('31', {}), 'En 2024, les femmes représentent 23,1 % des emplois du numérique en Haute-Garonne, soit 2,4 points de plus qu’en 2015 ; à ce rythme, la parité serait atteinte en 2071.'],
    ['en', trend('31', {}), 'In 2024, women make up 23.1% of digital jobs in Haute-Garonne, 2.4 points more than in 2015; at this pace, parity would be reached in 2071.'],
    ['fr', trend('31', { pente: -0.1, statut_parite: 'pas_a_ce_rythme', annee_parite: null }), 'En 2024, les femmes représentent 23,1 % des emplois du numérique en Haute-Garonne, soit 2,4 points de plus qu’en 2015 ; à ce rythme, la parité ne serait pas atteinte.'],
    ['en', trend('31', { pente: -0.1, statut_parite: 'pas_a_ce_rythme', annee_parite: null }), 'In 2024, women make up 23.1% of digital jobs in Haute-Garonne, 2.4 points more than in 2015; at this pace, parity would not be reached.'],
  ] as const)('%s: %s', (lang, tr, want) => {
    expect(nb(trendSentence(ctx(lang), { code: '31', phrase: lang === 'fr' ? INDICATOR.phrase_fr : INDICATOR.phrase_en, latest, first, trend: tr }))).toBe(want);
  });
  test.each([
    ['fr', 'En 2024, la valeur en Lozère est couverte par le secret statistique.'],
    ['en', 'In 2024, the value in Lozère is withheld (statistical confidentiality).'],
  ] as const)('a secret value (%s)', (lang, want) => {
    expect(trendSentence(ctx(lang), { code: '48', phrase: 'x', latest: m('48', 2024, null, { statut: 'secret' }), first: m('48', 2015, 20), trend: undefined })).toBe(want);
  });
  test('a fall is said as less, one point singular', () => {
    const s = trendSentence(ctx('fr'), { code: '30', phrase: 'des emplois', latest: m('30', 2024, 20), first: m('30', 2015, 21), trend: trend('30', { statut_parite: 'pas_a_ce_rythme', pente: -0.1, annee_parite: null }) });
    expect(nb(s)).toBe('En 2024, les femmes représentent 20,0 % des emplois dans le Gard, soit 1,0 point de moins qu’en 2015 ; à ce rythme, la parité ne serait pas atteinte.');
  });
});

describe('snapshot builders', () => {
  const target = { cible: 50, annee: 2030 };
  const series = [m('76', 2022, 22), m('76', 2023, 22.5), m('76', 2024, 23)];
  test('KPI: latest share, changes, gap, parity year, required pace; valid against the schema', () => {
    const s = buildKpi(ctx('fr'), {
      indicator: INDICATOR, regionCode: '76', year: 2024, series, target,
      trend: trend('76', { part_fin: 23, pente: 0.5, annee_parite: 2078 }),
      pace: { territoire: '76', part_fin: 23, fin: 2024, cible: 50, annee_cible: 2030, gain_requis: 4.5, gain_observe: 0.5, cible_atteinte: false },
    });
    expect(ChartSnapshot.parse(s)).toEqual(s);
    const k = Object.fromEntries((s.kpis ?? []).map((x) => [x.id, nb(x.value)]));
    expect(k).toEqual({ part: '23,0 %', evolution_periode: '+1,0 pt', evolution_annee: '+0,5 pt', ecart: '27,0 pts', annee_parite: '2078', rythme_requis: '+4,5 pts/an' });
    expect(s.illustratif).toBe(true);
    expect(s.sources[0]?.name).toBe('Source FR');
  });
  test('KPI says "pas à ce rythme" when the share is not rising', () => {
    const s = buildKpi(ctx('fr'), { indicator: INDICATOR, regionCode: '76', year: 2024, series, target, trend: trend('76', { pente: -0.2, statut_parite: 'pas_a_ce_rythme', annee_parite: null }), pace: undefined });
    expect(s.kpis?.find((x) => x.id === 'annee_parite')?.value).toBe('pas à ce rythme');
    expect(s.summary).toContain('la parité ne serait pas atteinte');
  });
  test('map and ranking: one point per département, secret kept as null with its reason, low counts noted', () => {
    const deps = [m('31', 2024, 25.9), m('30', 2024, 21.5), m('48', 2024, null, { statut: 'secret' })];
    deps[0] = { ...deps[0], faible_fiabilite: false } as MeasureRow;
    const low = { ...m('30', 2024, 21.5), faible_fiabilite: true };
    const refs = { region: m('76', 2024, 25.2, { origine: 'calcul_departements', n_manquants: 1, n_departements: 13 }), france: m('FR', 2024, 23.8) };
    const map = buildMap(ctx('en'), { indicator: INDICATOR, regionCode: '76', year: 2024, departements: [deps[0] as MeasureRow, low, deps[2] as MeasureRow], refs });
    expect(map.series[0]?.points.map((p) => [p.x, p.y, p.flags?.raison ?? null])).toEqual([['31', 25.9, null], ['30', 21.5, null], ['48', null, 'secret']]);
    expect(map.references.map((r) => r.id)).toEqual(['parite', 'region', 'france']);
    expect(map.notes).toEqual(expect.arrayContaining(['Small counts (under 200 women), interpret with caution: Gard.', 'Statistical confidentiality: Lozère.', 'Partial sum: Occitanie 2024 (1 département without a value).']));
    expect(nb(map.summary)).toBe('In 2024, women make up 25.2% of digital jobs in Occitanie; by département, from 21.5% (Gard) to 25.9% (Haute-Garonne). Statistical confidentiality: Lozère.');
    const ranking: RankingRow[] = [
      { territoire: '31', nom_fr: 'Haute-Garonne', nom_en: 'Haute-Garonne', part: 25.9, femmes: 1, effectif: 1, faible_fiabilite: false, statut: null, raison: null, rang: 1, rang_precedent: 2, evolution_rang: 1 },
      { territoire: '48', nom_fr: 'Lozère', nom_en: 'Lozère', part: null, femmes: null, effectif: null, faible_fiabilite: false, statut: 'secret', raison: 'secret', rang: null, rang_precedent: 1, evolution_rang: null },
    ];
    const r = buildRanking(ctx('fr'), { indicator: INDICATOR, regionCode: '76', year: 2024, departements: deps as MeasureRow[], refs, ranking });
    expect(r.series[0]?.points.map((p) => [p.x, p.rang, p.evolution_rang])).toEqual([['31', 1, 1], ['48', null, null]]);
    expect(ChartSnapshot.safeParse(r).success).toBe(true);
  });
  test('trend: projection dashed from the latest value to the parity year or the target year', () => {
    expect(projectionOf(trend('76', { part_fin: 40, pente: 2, annee_parite: 2029 }), 2030)).toEqual({ from: 2024, to: 2029, yFrom: 40, yTo: 50 });
    expect(projectionOf(trend('76', { part_fin: 23, pente: 0.5, annee_parite: 2078 }), 2030)).toEqual({ from: 2024, to: 2030, yFrom: 23, yTo: 26 });
    expect(projectionOf(trend('76', { statut_parite: 'insuffisant', pente: null, annee_parite: null }), 2030)).toBeNull();
    const s = buildTrend(ctx('fr'), {
      indicator: INDICATOR, focus: '76', target,
      series: [{ code: '76', role: 'region', rows: [m('76', 2020, 21, { statut: 'rupture' }), m('76', 2024, 23)] }],
      trends: [trend('76', { part_fin: 23, pente: 0.5, annee_parite: 2078 })],
    });
    expect(s.series.map((x) => x.role)).toEqual(['region', 'projection']);
    expect(s.notes).toContain('Rupture de série : Occitanie 2020.');
    expect(s.references.map((r) => r.id)).toEqual(['parite']);
  });
  test('pipeline: stages in order with their own latest year; illustrative flag carried', () => {
    const s = buildPipeline(ctx('en'), {
      indicators: [{ ...INDICATOR, id: 'nsi_lycee', etape: 'orientation', libelle_en: 'NSI pupils' }, INDICATOR],
      code: '76',
      rows: [
        { territoire: '76', indicateur: 'nsi_lycee', etape: 'orientation', ordre: 1, annee: 2024, part: 13.6, effectif: 5000, faible_fiabilite: false, statut: null, raison: null, illustratif: true },
        { territoire: '76', indicateur: 'emploi_numerique', etape: 'emploi', ordre: 4, annee: 2022, part: 25.2, effectif: 50000, faible_fiabilite: false, statut: null, raison: null, illustratif: true },
      ],
    });
    expect(s.series[0]?.points.map((p) => [p.label, p.annee])).toEqual([['Study choices · NSI pupils', 2024], ['Employment · Digital jobs', 2022]]);
    expect(nb(s.summary)).toBe('In Occitanie, the share of women ranges from 13.6% (NSI pupils, 2024) to 25.2% (Digital jobs, 2022) depending on the stage.');
    expect(s.illustratif).toBe(true);
  });
});

describe('built snapshots always fit the schema (issue 17, defect 5)', () => {
  const source = (i: number, name: string): SourceRow => ({ ...(SOURCES[0] as SourceRow), id: `s${i}`, source: name, source_en: name, illustratif: false });
  const words = (n: number, seed = 0) => Array.from({ length: n }, (_, i) => `mot${(i + seed) % 7}`).join(' ').slice(0, n);
  const rows = Array.from({ length: 25 }, (_, i) => m('76', 2000 + i, 20 + i / 10, { origine: 'calcul_departements', n_manquants: 8, n_departements: 13 }));
  const secret = ['31', '48', '30'].flatMap((code) => Array.from({ length: 25 }, (_, i) => m(code, 2000 + i, null, { statut: 'secret' })));
  const trendOf = (c: SnapshotContext) => buildTrend(c, {
    indicator: INDICATOR, focus: '76', target: { cible: 50, annee: 2030 },
    series: [{ code: '76', role: 'region', rows }, ...['31', '48', '30'].map((code) => ({ code, role: 'departement' as const, rows: secret.filter((r) => r.territoire === code) }))],
    trends: [trend('76', { fin: 2024, part_fin: 22.4, pente: 0.1, annee_parite: 2300 })],
  });

  test('25 years of partial sums make one note; secret years are condensed into runs; every note within its cap', () => {
    const s = trendOf(ctx('fr'));
    expect(ChartSnapshot.safeParse(s).success).toBe(true);
    expect(s.notes.filter((x) => x.startsWith('Somme partielle'))).toEqual(['Somme partielle : Occitanie 2000–2024 (8 départements sans valeur).']);
    expect(s.notes).toContain('Secret statistique : Haute-Garonne 2000–2024, Lozère 2000–2024, Gard 2000–2024.');
  });

  test('sources of 500 characters, three joined, thirty of them, and bidi controls: all cited, none breaks the schema', () => {
    const long = `${words(500, 1)} ; ${words(500, 2)} ; ${words(500, 3)}`;
    const many = [source(0, `Insee\u202e ${long}`), ...Array.from({ length: 29 }, (_, i) => source(i + 1, `Jeu ${i + 1} ${words(450, i)}`))];
    const s = trendOf({ ...ctx('en'), sources: many, permalink: `https://example.org/?territoires=${'31,'.repeat(1000)}31` });
    const parsed = ChartSnapshot.safeParse(s);
    expect(parsed.success).toBe(true);
    expect(s.sources).toHaveLength(20);
    expect(s.sources[0]?.name).toBe(`Insee ${long}`);
    expect(s.sources.at(-1)?.name).toMatch(/^11 other sources: Jeu 19 /);
    expect(s.sources.at(-1)?.name.endsWith('…')).toBe(true);
    expect(JSON.stringify(s)).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/);
    expect(s.permalink).toBe('https://example.org/');
  });

  test('a projection never goes past the last year a snapshot can hold', () => {
    expect(projectionOf(trend('76', { fin: 2099, part_fin: 49, pente: 0.1, annee_parite: 2109 }), 2100)).toMatchObject({ to: 2100 });
    expect(projectionOf(trend('76', { fin: 2100, part_fin: 49, pente: 0.1, annee_parite: 2110 }), 2100)).toBeNull();
  });
});

describe('built snapshots fit the schema whatever the texts and sources (property)', () => {
  const BIDI_CHARS = ['\u202e', '\u202b', '\u2067', '\u200f', '\u061c'];
  const TOKENS = ['Insee', 'recensement', 'données', 'x'.repeat(60), ',', ';', '…', '😀', ...BIDI_CHARS];
  // Texts of any length up to 2,500 characters, from words, long words, emoji and bidi controls.
  const wordy = fc.record({ n: fc.nat({ max: 2500 }), seed: fc.nat({ max: 1000 }) }).map(({ n, seed }) => {
    let out = '';
    for (let i = 0; out.length < n; i++) out += `${TOKENS[(seed + i * 7) % TOKENS.length]}${i % 3 ? ' ' : ''}`;
    return out.slice(0, n);
  });
  test('trend, ranking, map and KPI cards', () => {
    fc.assert(fc.property(fc.array(wordy, { maxLength: 30, size: 'max' }), wordy, wordy, fc.string({ maxLength: 3000 }), (names, label, definition, permalink) => {
      const c: SnapshotContext = { ...ctx('fr'), sources: names.map((name, i) => ({ ...(SOURCES[0] as SourceRow), id: `s${i}`, source: name.slice(0, 1600) })), permalink: `https://example.org/?x=${permalink}` };
      const indicator = { ...INDICATOR, libelle_fr: label, definition_fr: definition, phrase_fr: label };
      const deps = [m('31', 2024, 25.9), m('48', 2024, null, { statut: 'secret' })];
      const built = [
        buildTrend(c, { indicator, focus: '76', target: { cible: 50, annee: 2030 }, series: [{ code: '76', role: 'region', rows: [m('76', 2020, 21), m('76', 2024, 23)] }], trends: [trend('76', {})] }),
        buildMap(c, { indicator, regionCode: '76', year: 2024, departements: deps, refs: {} }),
        buildKpi(c, { indicator, regionCode: '76', year: 2024, series: [m('76', 2024, 23)], target: { cible: 50, annee: 2030 }, trend: undefined, pace: undefined }),
      ];
      for (const s of built) expect(ChartSnapshot.safeParse(s).error?.issues ?? []).toEqual([]);
    }), { seed: 17, numRuns: 60 });
  });
});

describe('text and scale helpers', () => {
  test.each([
    ['short text', 20, 'short text'],
    ['un deux trois quatre cinq six', 16, 'un deux trois…'],
    ['abcdefghijklmnopqrstuvwxyz', 10, 'abcdefghi…'],
    ['Insee\u202e (date)', 40, 'Insee (date)'],
  ])('clip(%j, %i)', (text, max, want) => {
    expect(clip(text, max)).toBe(want);
    expect(clip(text, max).length).toBeLessThanOrEqual(max);
  });
  test('yearRuns', () => {
    expect(yearRuns([2003, 2000, 2001, 2002, 2010, 2012, 2011, 2020])).toBe('2000–2003, 2010–2012, 2020');
    expect(yearRuns([2024])).toBe('2024');
  });
  test.each([
    [0, 60, 10, false, [0, 10, 20, 30, 40, 50, 60]],
    [2015, 2024, 2, true, [2016, 2018, 2020, 2022, 2024]],
    [0, NaN, 10, false, []],
    [0, Infinity, 10, false, []],
  ] as const)('ticks(%d, %d, %d)', (from, to, step, align, want) => {
    expect(ticks(from, to, step, align)).toEqual(want);
  });
  test.each([[0, 1e308, 10], [-1e12, 2024, 1], [2000, 1e300, 1], [0, 1e7, 10]])('ticks(%d, %d, %d) stays within MAX_TICKS', (from, to, step) => {
    const t = ticks(from, to, step, true);
    expect(t.length).toBeGreaterThan(0);
    expect(t.length).toBeLessThanOrEqual(MAX_TICKS + 1);
  });
});
