import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { openDefaultDb } from '../helpers/node-db';
import { importCatalogue } from '../helpers/catalogue';
import { hostileBytes, hostileCases } from '../helpers/hostile';
import type { Connector, SqlQuery } from '../../src/data/connector';
import { runQuery } from '../../src/data/client';
import { runImport, runImportFile, type ImportResult } from '../../src/data/import/run';
import { diffStaged, rowsToCsv, stageCsv, swapIn } from '../../src/data/import/commit';
import { datasetIdFor } from '../../src/data/import/stored';
import { quoteIdent, sqlQuery } from '../../src/data/sql/quote';
import { measuresQuery, MeasureRow } from '../../src/data/sql/measures';
import { observationsCountQuery, observationsQuery, ObservationRow, CountRow } from '../../src/data/sql/observations';
import { trendQuery, TrendRow } from '../../src/data/sql/trend';
import { rankingQuery, RankingRow } from '../../src/data/sql/ranking';
import { pipelineQuery, PipelineRow } from '../../src/data/sql/pipeline';
import { scopeTerritoriesQuery, sourcesQuery, SourceRow, TerritoryRow, yearsQuery, YearsRow } from '../../src/data/sql/catalogue';
import { parseUrlState } from '../../src/lib/url-state';

let db: Connector & { close(): void };
beforeAll(async () => {
  db = await openDefaultDb();
});
afterAll(() => db.close());

const cat = importCatalogue();
const cases = hostileCases();
const INJECTIONS = ["' OR 1=1 --", "x' OR 1=1 --", '"; DROP TABLE observations; --', "31'; DELETE FROM observations; --", '__proto__', 'constructor', '<script>alert(1)</script>', '\\', "''", '?'];

const all = (sql: string) => db.query({ sql, params: [] });
/** A fingerprint of a whole table: its row count and an MD5 of every row, in key order. */
const fingerprint = async (table: string, order: string) =>
  (await all(`SELECT count(*) AS n, md5(coalesce(string_agg(CAST(t AS VARCHAR), '|' ORDER BY ${order}), '')) AS h FROM ${table} t`))[0];
/** Everything an import could touch: tables and views, every observation, every dataset, every indicator. */
async function snapshot() {
  return {
    objects: await all("SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name"),
    observations: await fingerprint('observations', 'jeu, territoire, annee, indicateur'),
    datasets: await fingerprint('jeux', 'id'),
    indicators: await fingerprint('indicateurs', 'id'),
  };
}
/** The observations of every dataset but one, fingerprinted (the id is escaped: this is test code, not the app's). */
const othersThan = (id: string) => all(`SELECT md5(string_agg(CAST(t AS VARCHAR), '|' ORDER BY jeu, territoire, annee, indicateur)) AS h FROM observations t WHERE jeu <> '${id.replace(/'/g, "''")}'`);

/**
 * What the app commits, as in import.worker.ts and ImportPanel: the staging CSV exists, and the "Importer" button
 * shows, only when the report has no error and at least one row; then commitImport stages it and swaps it in.
 */
async function commitLikeTheApp(fileName: string, r: ImportResult): Promise<string | null> {
  if (r.errors > 0 || r.rows.length === 0) return null;
  const id = datasetIdFor(fileName);
  const sources = [...new Set(r.rows.map((x) => x.source).filter((x): x is string => Boolean(x)))].slice(0, 3);
  await stageCsv(db, rowsToCsv(r.rows));
  await swapIn(db, { id, nom: fileName, source: sources.join(' ; ') || fileName, licence: 'Licence Ouverte 2.0', priorite: 10, actif: true, derniere_maj: '2026-11-29' });
  return id;
}

const Stored = ObservationRow.pick({ territoire: true, annee: true, indicateur: true, femmes: true, hommes: true, total: true, part_femmes: true, statut: true, source: true });

describe('hostile cases committed into a real DuckDB, one after the other', () => {
  let initial: Awaited<ReturnType<typeof snapshot>>;
  beforeAll(async () => {
    initial = await snapshot();
  });

  test.each(cases.map((c) => [c.id, c] as const))('%s: loaded exactly as read, or refused with nothing changed', async (_id, c) => {
    const before = await snapshot();
    const othersBefore = await othersThan(datasetIdFor(c.file));
    const r = await runImportFile(hostileBytes(c), cat, { fileName: c.file, ...(c.options ?? {}) });
    const id = await commitLikeTheApp(c.file, r);
    const after = await snapshot();
    expect(after.objects).toEqual(before.objects);
    if (c.outcome === 'refused') {
      expect(id).toBeNull();
      expect(after).toEqual(before);
      return;
    }
    const stored = await runQuery(db, sqlQuery('SELECT territoire, annee, indicateur, femmes, hommes, total, part_femmes, statut, source FROM observations WHERE jeu = ? ORDER BY territoire, annee', [id]), Stored);
    const want = r.rows.map(({ line: _line, ...rest }) => rest).sort((a, b) => a.territoire.localeCompare(b.territoire) || a.annee - b.annee);
    expect(stored).toEqual(want);
    expect(await othersThan(id ?? '')).toEqual(othersBefore);
  });

  test('afterwards: the same tables and views, the default data untouched, one dataset per importable case', async () => {
    const end = await snapshot();
    expect(end.objects).toEqual(initial.objects);
    expect(initial.objects.map((o) => o['table_name'])).toEqual(expect.arrayContaining(['observations', 'jeux', 'indicateurs', 'territoires', 'mesures', 'v_observations']));
    const defaults = await all("SELECT count(*) AS n FROM observations WHERE jeu IN (SELECT id FROM jeux WHERE origine = 'defaut')");
    expect(Number(defaults[0]?.['n'])).toBe(Number(initial.observations?.['n']));
    const imported = await all("SELECT count(*) AS n FROM jeux WHERE origine = 'import'");
    expect(Number(imported[0]?.['n'])).toBe(cases.filter((c) => c.outcome !== 'refused').length);
  });

  test('injection strings are inert data, in observations and in the dataset catalogue', async () => {
    const rows = await runQuery(db, observationsQuery({ jeu: datasetIdFor('entete-injection-sql.csv') }, { col: 'territoire', desc: false }), ObservationRow);
    expect(rows.map((r) => r.source)).toEqual(["' OR 1=1 --", '"; DROP TABLE observations; --']);
    const recipe = await runQuery(db, observationsQuery({ jeu: datasetIdFor('recette-injection-sql.csv') }, { col: 'territoire', desc: false }), ObservationRow);
    expect(recipe.map((r) => [r.territoire, r.femmes, r.hommes, r.total, r.source])).toEqual([
      ['31', 120, 380, 500, '"; DROP TABLE observations; --'],
      ['34', 50, 150, 200, '"; DROP TABLE observations; --'],
    ]);
    const proto = await runQuery(db, observationsQuery({ jeu: datasetIdFor('entetes-proto-constructor.csv') }, { col: 'territoire', desc: false }), ObservationRow);
    expect(proto.map((r) => r.source)).toEqual(['__proto__', 'constructor']);
    const [ds] = await runQuery(db, sqlQuery('SELECT source FROM jeux WHERE id = ?', [datasetIdFor('xss-libelles.csv')]), z.object({ source: z.string() }));
    expect(ds?.source).toBe('<img src=x onerror=alert(1)> ; <script>alert(1)</script> ; <svg onload=alert(1)>');
    // The tables are all still there and still answer.
    expect(Number((await all('SELECT count(*) AS n FROM observations'))[0]?.['n'])).toBeGreaterThan(800);
    expect((await runQuery(db, measuresQuery({ indicateur: 'emploi_numerique', annee: 2024, territoires: ['76'] }), MeasureRow))).toHaveLength(1);
  });

  test('an analysis that stages rows for the diff, then is cancelled, leaves the loaded data as it was', async () => {
    const c = cases.find((x) => x.id === 'formules');
    if (!c) throw new Error('case formules missing');
    const before = await snapshot();
    const r = runImport(hostileBytes(c), cat, { fileName: c.file });
    await stageCsv(db, rowsToCsv(r.rows.map((x) => ({ ...x, source: "'; DROP TABLE observations; --" }))));
    expect(await diffStaged(db, datasetIdFor(c.file))).toEqual({ ajoutees: 0, retirees: 0, modifiees: 0, inchangees: 6 });
    expect((await snapshot()).observations).toEqual(before.observations);
  });

  test('a header reaches SQL only through quoteIdent, and DuckDB sees exactly that name', async () => {
    // DESCRIBE gives the name as a value (a row object keyed `__proto__` would lose it: see arrow-rows.ts). The
    // statement is built by hand: sqlQuery counts a `?` inside a quoted identifier as a placeholder.
    for (const name of [...INJECTIONS, 'a"b', '"', 'femmes" FROM observations; --', 'Part (%) ?']) {
      const rows = await runQuery(db, { sql: `SELECT column_name FROM (DESCRIBE SELECT 1 AS ${quoteIdent(name)})`, params: [] }, z.object({ column_name: z.string() }));
      expect(rows.map((r) => r.column_name)).toEqual([name]);
    }
  });
});

describe('SQL builders bind what users send as parameters', () => {
  test.each(INJECTIONS)('%j matches nothing, and never appears in the SQL text', async (evil) => {
    const queries: [string, SqlQuery, z.ZodType][] = [
      ['measures by indicator', measuresQuery({ indicateur: evil }), MeasureRow],
      ['measures by territory', measuresQuery({ indicateur: 'emploi_numerique', territoires: [evil] }), MeasureRow],
      ['observations by territory', observationsQuery({ territoire: evil }, { col: 'territoire', desc: false }, { limit: 10, offset: 0 }), ObservationRow],
      ['observations by dataset', observationsQuery({ jeu: evil, indicateur: evil }, { col: 'annee', desc: true }), ObservationRow],
      ['trend', trendQuery({ indicateur: evil, territoires: ['31', evil] }), TrendRow],
      ['ranking', rankingQuery({ region: evil, indicateur: 'emploi_numerique', annee: 2024 }), RankingRow],
      ['years', yearsQuery(evil), YearsRow],
      ['sources', sourcesQuery(evil), SourceRow],
    ];
    for (const [name, q, schema] of queries) {
      if (evil.length >= 4) expect(q.sql, name).not.toContain(evil);
      expect(q.params.some((p) => p === evil || (typeof p === 'string' && p.split(',').includes(evil))), name).toBe(true);
      expect(await runQuery(db, q, schema), name).toEqual([]);
    }
    const [count] = await runQuery(db, observationsCountQuery({ territoire: evil }), CountRow);
    expect(count?.n).toBe(0);
    // The pipeline lists every indicator of the catalogue, each without a value for an unknown territory.
    const pipeline = await runQuery(db, pipelineQuery({ territoire: evil }), PipelineRow);
    expect(pipeline.map((r) => [r.part, r.raison])).toEqual(cat.indicators.map(() => [null, 'absent']));
    // The scope always lists France and the EU, whatever the région; nothing else may come back.
    const scope = await runQuery(db, scopeTerritoriesQuery(evil), TerritoryRow);
    expect(scope.map((t) => t.type).sort()).toEqual(['pays', 'ue']);
  });

  test('the same builders with a real value do return rows (so "no rows" above means bound, not broken)', async () => {
    // emploi_technique: the imports above give emploi_numerique real rows, which leave out its illustrative ones.
    expect((await runQuery(db, measuresQuery({ indicateur: 'emploi_technique' }), MeasureRow)).length).toBeGreaterThan(100);
    expect((await runQuery(db, observationsCountQuery({ territoire: '31' }), CountRow))[0]?.n).toBeGreaterThan(10);
    expect((await runQuery(db, yearsQuery('emploi_technique'), YearsRow)).length).toBeGreaterThan(5);
  });

  test('a sort column outside the whitelist falls back to territoire', () => {
    const q = observationsQuery({}, { col: '"; DROP TABLE observations; --' as 'territoire', desc: false });
    expect(q.sql).toContain('ORDER BY o."territoire" ASC');
    expect(q.sql).not.toContain('DROP');
  });
});

describe('URL parameters carrying injections', () => {
  const PARAMS = ['vue', 'territoire', 'indicateur', 'annee', 'territoires', 'parcours', 'cible', 'annee_cible', 'lang'];
  // `__proto__` and `constructor` are well-formed ids (letters and underscores): kept as text, then matched as data.
  // (A Map, since an object literal's `__proto__` key sets its prototype instead.)
  const kept = (id: string) => new Map<string, unknown>([['territoire', id], ['parcours', id], ['territoires', [id]], ['indicateur', id]]);
  const KEPT = new Map([['__proto__', kept('__proto__')], ['constructor', kept('constructor')]]);
  test.each(INJECTIONS)('%j is dropped from every parameter, unless it is a well-formed id', (evil) => {
    const keeps = KEPT.get(evil);
    for (const k of PARAMS) {
      const want = keeps?.has(k) ? Object.fromEntries([[k, keeps.get(k)]]) : {};
      expect(parseUrlState(`?${k}=${encodeURIComponent(evil)}`), k).toEqual(want);
    }
  });
  test('a territory code that parses but does not exist matches nothing in SQL', async () => {
    const state = parseUrlState('?vue=territoire&territoire=__proto__&territoires=constructor,31');
    expect(state).toEqual({ vue: 'territoire', territoire: '__proto__', territoires: ['constructor', '31'] });
    const rows = await runQuery(db, measuresQuery({ indicateur: 'emploi_numerique', territoires: [state.territoire ?? ''] }), MeasureRow);
    expect(rows).toEqual([]);
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('vue');
  });
  test.each([
    ['?annee=2024%20OR%201%3D1', {}],
    ['?annee=2024;DROP', {}],
    ['?cible=50);DROP TABLE x;--', {}],
    ['?indicateur=emploi_numerique%27--', {}],
    ['?lang=fr%22%3E%3Cscript%3E', {}],
    ['?vue=donnees&vue=%3Cimg%3E', { vue: 'donnees' }],
    ['?__proto__[vue]=donnees&constructor=1', {}],
  ])('%s → %j', (search, want) => {
    expect(parseUrlState(search)).toEqual(want);
  });
});
