import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDefaultDb } from '../helpers/node-db';
import type { Connector } from '../../src/data/connector';
import { loadOverview, type OverviewModel } from '../../src/features/overview/model';
import {
  joinYear, modelFromPrecomputed, overviewYearFile, pipelineFile, PrecomputedIndex, PrecomputedPipeline, PrecomputedYear, resolveOverviewYear, withPipeline,
} from '../../src/features/overview/precomputed';
import { overviewAnswers, overviewYears } from '../../scripts/precompute-overview';
import { answersFile, CATALOGUE_ANSWERS, checkAnswers, replayOverview } from '../../src/features/overview/replay';
import type { AnswerFile } from '../../src/features/territory/precomputed';

// Issue 20 point 6: the overview at any indicator × year opened by URL is drawn from build-time snapshots before
// DuckDB is ready, then the live queries take over with identical numbers.
let db: Connector & { close(): void };
let files: Map<string, unknown>;
let index: PrecomputedIndex;
const now = new Date('2026-12-04T10:00:00Z');
const common = { cible: 50, anneeCible: 2030, now };
const permalink = 'https://example.test/?annee=2019';

beforeAll(async () => {
  db = await openDefaultDb();
  // Through JSON, as the page reads them.
  files = new Map([...(await overviewYears(db, common))].map(([k, v]) => [k, JSON.parse(JSON.stringify(v)) as unknown]));
  index = PrecomputedIndex.parse(files.get('overview/index.json'));
});
afterAll(() => db?.close());

/** The page's model for a URL's `indicateur` and `annee`, from the build's files (null when it has none). */
function fromBuild(indicateur: string | undefined, annee: number | undefined, lang: 'fr' | 'en'): OverviewModel | null {
  const at = resolveOverviewYear(index, indicateur, annee);
  if (!at) return null;
  const json = files.get(overviewYearFile(at.indicator, at.year));
  if (json === undefined) return null;
  return modelFromPrecomputed(joinYear(index, PrecomputedYear.parse(json)), lang, permalink);
}

/** What the charts show, without the catalogue (the live one replaces the build's at hand-over). */
function shown(m: OverviewModel) {
  const { indicator, years, year, defaultYear, national, illustrative, picked, charts, byLang } = m;
  return { indicator: indicator.id, years, year, defaultYear, national, illustrative, picked, charts, byLang };
}

/** The key figures' numbers and the trend's values of a model: what a reader compares first. */
function figures(m: OverviewModel, lang: 'fr' | 'en') {
  const c = m.byLang?.[lang];
  return { kpis: c?.kpi.kpis?.map((k) => [k.id, k.numeric, k.value]), trend: c?.trend.series.map((s) => [s.id, s.points.map((p) => p.y)]) };
}

describe('build-time overviews by indicator × year', () => {
  test('every year of every indicator with data has its file, in both languages, without the catalogue (the index holds it once)', () => {
    expect(index.defaultIndicator).toBe('emploi_numerique');
    let count = 0;
    for (const [id, { years, defaultYear }] of Object.entries(index.years)) {
      if (defaultYear !== null) expect(years).toContain(defaultYear);
      for (const y of years) {
        const f = PrecomputedYear.parse(files.get(overviewYearFile(id, y)));
        expect([f.indicator, f.year]).toEqual([id, y]);
        expect(Object.keys(f.byLang).sort()).toEqual(['en', 'fr']);
        expect(f.byLang.en.trend.lang).toBe('en');
        expect(f.byLang.fr.trend.lang).toBe('fr');
        expect(Object.keys(files.get(overviewYearFile(id, y)) as object)).not.toContain('indicators');
        count++;
      }
    }
    expect(count).toBeGreaterThan(50);
    expect([...files.keys()].filter((k) => !k.startsWith('overview/parcours/')).length).toBe(count + 1);
  });

  test.each([
    ['sup_numerique', 2019, 'en'],
    ['emploi_numerique', 2017, 'fr'],
    ['nsi_lycee', 2021, 'fr'],
    ['specialistes_tic', 2010, 'en'],
  ] as const)('%s in %i (%s), a year other than the default: the snapshot equals the live model', async (indicateur, annee, lang) => {
    const live = await loadOverview(db, { ...common, lang, indicateur, annee, permalink });
    expect(live.year).toBe(annee);
    expect(live.year).not.toBe(live.defaultYear);
    const pre = fromBuild(indicateur, annee, lang);
    expect(pre).not.toBeNull();
    expect(shown(pre as OverviewModel)).toEqual(shown(live));
    const want = figures(live, lang);
    expect(want.trend?.length).toBeGreaterThan(0);
    if (!live.national) expect(want.kpis?.length).toBeGreaterThan(0);
    expect(figures(pre as OverviewModel, lang)).toEqual(want);
  });

  test.each([
    [undefined, 2019],
    ['inconnu', 2019],
    ['nsi_lycee', 1995],
    ['sup_numerique', undefined],
    [undefined, undefined],
  ] as const)('a URL with indicateur=%s and annee=%s gets the file of the view the live model shows', async (indicateur, annee) => {
    const live = await loadOverview(db, { ...common, lang: 'fr', indicateur, annee, permalink });
    const pre = fromBuild(indicateur, annee, 'fr');
    expect(pre).not.toBeNull();
    expect(shown(pre as OverviewModel)).toEqual(shown(live));
  });
});

describe('build-time pipelines of a département (parcours)', () => {
  test.each([
    ['sup_numerique', 2019, '11', 'en'],
    ['emploi_numerique', 2017, '34', 'fr'],
    ['nsi_lycee', 2021, '31', 'fr'],
  ] as const)('%s in %i with parcours=%s (%s): the year\'s overview with that pipeline equals the live model', async (indicateur, annee, parcours, lang) => {
    const live = await loadOverview(db, { ...common, lang, indicateur, annee, parcours, permalink });
    const at = resolveOverviewYear(index, indicateur, annee);
    const year = PrecomputedYear.parse(files.get(overviewYearFile(at?.indicator ?? '', at?.year ?? 0)));
    const pipeline = PrecomputedPipeline.parse(files.get(pipelineFile(parcours, annee)));
    const pre = modelFromPrecomputed(withPipeline(joinYear(index, year), pipeline), lang, permalink);
    expect(pre).not.toBeNull();
    expect(shown(pre as OverviewModel)).toEqual(shown(live));
    // Not the région's pipeline: the département's values.
    expect(pipeline.byLang.fr.series).not.toEqual(year.byLang.fr.pipeline.series);
  });
});


describe('the overview with the trend\'s départements or a target, replayed from the build\'s answers', () => {
  // Issue 20 point 6: `territoires`, `cible` and `annee_cible` drawn before DuckDB is ready by the overview's own
  // model over the answers recorded at build (at the default target, with no départements picked).
  let answers: Map<string, AnswerFile>;
  beforeAll(async () => {
    answers = new Map([...(await overviewAnswers(db, common, index.years))].map(([k, v]) => [k, checkAnswers(JSON.parse(JSON.stringify(v))) as AnswerFile]));
  });
  /** Charts without their generation time (the replay's is the page's). */
  const timeless = (m: OverviewModel) => JSON.parse(JSON.stringify(shown(m)).replace(/"generatedAt":"[^"]+"/g, '"generatedAt":""')) as unknown;

  test.each([
    [{ territoires: ['09', '65'], annee: 2020 }, 'fr'],
    [{ indicateur: 'sup_numerique', annee: 2019, cible: 40, annee_cible: 2028 }, 'en'],
    [{ territoires: ['12', '46', '82'], cible: 45 }, 'fr'],
    [{ cible: 35, annee_cible: 2024 }, 'fr'],
    [{ indicateur: 'nsi_lycee', territoires: ['31'], annee_cible: 2040 }, 'en'],
  ] as const)('%j (%s): the replayed model equals the live one', async (view, lang) => {
    const v: { indicateur?: string; annee?: number; territoires?: readonly string[]; cible?: number; annee_cible?: number } = view;
    const id = v.indicateur ?? index.defaultIndicator;
    const files = [answers.get(CATALOGUE_ANSWERS), answers.get(answersFile(id))].filter((f) => f !== undefined);
    expect(files).toHaveLength(2);
    const replayed = await replayOverview(files, v);
    expect(replayed).not.toBeNull();
    const live = await loadOverview(db, { ...common, lang, indicateur: v.indicateur, annee: v.annee, territoires: v.territoires, cible: v.cible ?? 50, anneeCible: v.annee_cible ?? 2030, permalink });
    const pre = modelFromPrecomputed(replayed as NonNullable<typeof replayed>, lang, permalink) as OverviewModel;
    expect(timeless(pre)).toEqual(timeless(live));
    if (v.territoires) expect(pre.picked).toEqual(v.territoires);
    // The target reaches the key figures: the required pace differs from the default target's.
    if (v.cible !== undefined || v.annee_cible !== undefined) {
      const dflt = await loadOverview(db, { ...common, lang, indicateur: v.indicateur, annee: v.annee, permalink });
      expect(figures(pre, lang).kpis).not.toEqual(figures(dflt, lang).kpis);
    }
  });
});
