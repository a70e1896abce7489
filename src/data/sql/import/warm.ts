import { z } from 'zod';
import type { SqlQuery } from '../../connector';
import { quoteIdent, sqlQuery } from '../quote';
import { YEAR_MAX, YEAR_MIN } from '../observation-schema';
import { acceptedSql, analysisTables, fixedTableSql } from './analysis';

/** Indicators × the 109 départements × 111 years: about 200,000 rows, 13 in 109 in scope. */
const WARM_INDICATORS = 17;

/**
 * The warm-up's synthetic analysis named `table` (src/data/import/warm.ts): a read table shaped like an analysis
 * (mostly territories out of scope, short and long texts), its empty table of corrected rows and the view of its
 * accepted rows, as runFastImport makes them.
 */
export function warmTablesSql(table: string): string {
  const t = analysisTables(table);
  const read = quoteIdent(t.read);
  const fixed = quoteIdent(t.fixed);
  return `CREATE TEMP TABLE ${read} AS
    SELECT d.code AS territoire, CAST(a.y AS INTEGER) AS annee, 'prechauffage_' || i.k AS indicateur,
      CAST(100 + (a.y * 7 + i.k * 13) % 900 AS DOUBLE) AS femmes, CAST(200 + (a.y * 11 + i.k * 3) % 700 AS DOUBLE) AS hommes,
      CAST(300 + (a.y * 7 + i.k * 13) % 900 + (a.y * 11 + i.k * 3) % 700 AS DOUBLE) AS total, NULL::DOUBLE AS part_femmes,
      CASE WHEN a.y % 50 = 0 THEN 'provisoire' END AS statut,
      CASE WHEN i.k % 2 = 0 THEN 'Synthèse' ELSE 'Source synthétique de préchauffage' END AS source
    FROM (SELECT code FROM territoires WHERE type = 'departement') d, range(${YEAR_MIN}, ${YEAR_MAX + 1}) a(y), range(${WARM_INDICATORS}) i(k);
  ${fixedTableSql(fixed)}
  CREATE TEMP VIEW ${quoteIdent(table)} AS ${acceptedSql({ read, fixed, headerLine: 0, clean: '(TRUE AND TRUE)', dups: null })};`;
}

export const LoadedRows = z.object({ n: z.number() });
/** The rows loaded, all datasets together. */
export function loadedRowsQuery(): SqlQuery {
  return sqlQuery('SELECT CAST(coalesce(sum(lignes), 0) AS DOUBLE) AS n FROM lignes_par_jeu');
}
