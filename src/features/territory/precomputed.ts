import { z } from 'zod';
import type { Connector, RawRow, SqlQuery } from '../../data/connector';
import { hasStoredData } from '../../data/store';
import { loadTerritory, resolveTerritory, type TerritoryArgs, type TerritoryModel } from './model';

/**
 * Territory pages drawn before DuckDB is ready: the build runs each page's own queries (the same SQL, on the same
 * default data) and stores their answers, not their charts, so the language stays out of the files and the page
 * builds its charts with the same code as from live answers. The answers are split in three kinds of file under
 * `precomputed/territoire/`: `commun.json` (catalogue and years: every page), `<code>.json` (what depends on the
 * département only) and `<code>/<indicator>/<year>.json` (the rest), fetched on demand from the page's origin.
 */
export const TERRITORY_DIR = 'territoire';

/**
 * The files that hold a page's answers besides `commun.json`, from the widest to the narrowest: the département's,
 * the département × indicator's, the département × year's, the indicator × year's (every département) and the
 * page's own. The build writes each of them, empty if need be; an answer goes to the widest file whose pages all
 * ask for it, so that the département's measures, for example, are stored once and not once per page.
 */
export function territoryFiles(code: string, indicator: string, year: number): string[] {
  return [`${code}.json`, `${code}/${indicator}.json`, `${code}/annee-${year}.json`, `indicateur/${indicator}/${year}.json`, `${code}/${indicator}/${year}.json`];
}

/** A statement and its parameters as a short key (53-bit hash, hex): the files carry no SQL text. */
export function answerKey(q: SqlQuery): string {
  const s = JSON.stringify([q.sql, q.params]);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
}

/** One file of answers: per statement, its key, its column names and its rows as value lists. */
export const AnswerFile = z.object({
  v: z.literal(1),
  a: z.array(z.tuple([z.string(), z.array(z.string()), z.array(z.array(z.unknown()))])),
});
export type AnswerFile = z.infer<typeof AnswerFile>;

export function encodeAnswers(answers: ReadonlyMap<string, readonly RawRow[]>): AnswerFile {
  return {
    v: 1,
    a: [...answers].map(([k, rows]) => {
      const cols = Object.keys(rows[0] ?? {});
      return [k, cols, rows.map((r) => cols.map((c) => r[c] ?? null))];
    }),
  };
}

function decodeAnswers(f: AnswerFile): Map<string, RawRow[]> {
  return new Map(f.a.map(([k, cols, rows]) => [k, rows.map((vals) => Object.fromEntries(cols.map((c, i) => [c, vals[i] ?? null])))]));
}

/** A statement the build did not answer: the page waits for DuckDB instead. */
export class MissingAnswer extends Error {}

/** A read-only Connector that answers from build-time files, and fails on anything they do not hold. */
export function replayConnector(files: readonly AnswerFile[]): Connector {
  const answers = new Map(files.flatMap((f) => [...decodeAnswers(f)]));
  const readOnly = () => Promise.reject(new MissingAnswer('build-time answers are read-only'));
  return {
    async query(q) {
      const rows = answers.get(answerKey(q));
      if (!rows) throw new MissingAnswer(`no build-time answer for ${q.sql.slice(0, 60)}`);
      return rows;
    },
    exec: readOnly,
    registerText: readOnly,
    registerFile: readOnly,
    dropFile: readOnly,
  };
}

const files = new Map<string, Promise<AnswerFile | null>>();

/** One answer file, fetched once per page from the same origin, or null when absent or unreadable. */
function answerFile(name: string): Promise<AnswerFile | null> {
  let p = files.get(name);
  if (!p) {
    p = fetch(`./precomputed/${TERRITORY_DIR}/${name}`)
      .then((r) => (r.ok ? r.json() : null))
      .then((json: unknown) => {
        const parsed = json === null ? null : AnswerFile.safeParse(json);
        return parsed?.success ? parsed.data : null;
      })
      .catch(() => null);
    files.set(name, p);
  }
  return p;
}

/**
 * A territory page built from the build-time answers, or null when they cannot stand for the live ones: the
 * analyst has stored data (imports or deactivated defaults), or a file is missing. Any target: no answer depends
 * on it (the pace to it is derived from the trend, paceOf).
 */
export async function precomputedTerritory(a: TerritoryArgs): Promise<TerritoryModel | null> {
  // Whether the analyst has stored data is checked beside the reads, not before them: the files are only read
  // (never shown) when the check says they would be wrong.
  const stored = hasStoredData();
  const commun = await answerFile('commun.json');
  if (!commun) return null;
  try {
    const v = await resolveTerritory(replayConnector([commun]), a);
    if (!v.territory) return null;
    const rest = await Promise.all(territoryFiles(v.territory.code, v.indicator.id, v.year).map(answerFile));
    if ((await stored) || rest.some((f) => f === null)) return null;
    return await loadTerritory(replayConnector([commun, ...(rest as AnswerFile[])]), a);
  } catch (e) {
    if (e instanceof MissingAnswer) return null;
    throw e;
  }
}
