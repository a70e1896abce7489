/**
 * Build step (called by scripts/precompute.ts): records the answers of every territory page's queries — each
 * département × indicator × year the indicator has (none depends on the target: any `cible` replays them) — and writes them where
 * src/features/territory/precomputed.ts fetches them. The answers are the app's own queries run by its own model
 * (queryTerritory), so the page built from them in the browser is the one DuckDB would give.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Connector, RawRow } from '../src/data/connector';
import { runQuery } from '../src/data/client';
import { yearsQuery, YearsRow } from '../src/data/sql/catalogue';
import { loadCatalogue } from '../src/features/catalogue';
import { queryTerritory, resolveTerritory } from '../src/features/territory/model';
import { answerKey, encodeAnswers, territoryFiles } from '../src/features/territory/precomputed';

type Answers = Map<string, RawRow[]>;

/**
 * A Connector that notes every answer it passes on (taken, and forgotten, by `take`). A statement asked again
 * with the same parameters is answered from the first run: the data does not change during the build.
 */
export function recording(conn: Connector): { conn: Connector; take(): Answers } {
  const known: Answers = new Map();
  let seen: Answers = new Map();
  return {
    conn: {
      ...conn,
      async query(q) {
        const k = answerKey(q);
        const rows = known.get(k) ?? (await conn.query(q));
        known.set(k, rows);
        seen.set(k, rows);
        return rows;
      },
    },
    take() {
      const out = seen;
      seen = new Map();
      return out;
    },
  };
}

interface Page { code: string; indicator: string; year: number; answers: Answers }

/** Each page's answers put in the widest of its files (territoryFiles) whose pages all ask for them. */
function split(pages: readonly Page[]): Map<string, Answers> {
  const groups = (p: Page) => [[p.code], [p.code, p.indicator], [p.code, p.year], [p.indicator, p.year]].map((g) => JSON.stringify(g));
  const members = new Map<string, Page[]>();
  for (const p of pages) for (const g of groups(p)) members.set(g, [...(members.get(g) ?? []), p]);
  const out = new Map<string, Answers>();
  for (const p of pages) {
    const names = territoryFiles(p.code, p.indicator, p.year);
    for (const n of names) if (!out.has(n)) out.set(n, new Map());
    const gs = groups(p);
    for (const [k, rows] of p.answers) {
      const level = gs.findIndex((g) => (members.get(g) ?? []).every((q) => q.answers.has(k)));
      out.get(names[level === -1 ? names.length - 1 : level] as string)?.set(k, rows);
    }
  }
  return out;
}

export async function precomputeTerritories(db: Connector, dir: string) {
  const rec = recording(db);
  const catalogue = await loadCatalogue(rec.conn);
  const yearsOf = new Map<string, number[]>();
  // commun.json: the catalogue and every indicator's years (what resolveTerritory asks), for any département.
  for (const i of catalogue.indicators) {
    yearsOf.set(i.id, (await runQuery(rec.conn, yearsQuery(i.id), YearsRow)).map((y) => y.annee));
    await resolveTerritory(rec.conn, { code: '', indicateur: i.id });
  }
  const common = rec.take();
  const pages: Page[] = [];
  for (const d of catalogue.departements) {
    for (const i of catalogue.indicators) {
      for (const year of yearsOf.get(i.id) ?? []) {
        await queryTerritory(rec.conn, { code: d.code, indicateur: i.id, annee: year });
        pages.push({ code: d.code, indicator: i.id, year, answers: new Map([...rec.take()].filter(([k]) => !common.has(k))) });
      }
    }
  }
  const files = new Map([['commun.json', common], ...split(pages)]);
  let bytes = 0;
  for (const [name, answers] of files) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    const text = JSON.stringify(encodeAnswers(answers));
    writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
  }
  return { pages: pages.length, files: files.size, bytes };
}
