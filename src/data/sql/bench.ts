import { readCsvColumns } from './observation-schema';
import { quoteLiteral } from './quote';

/** The floor of the import benchmark (`?bench`, see db.ts): DuckDB's own read_csv of a canonical CSV with explicit types. */
export function benchReadSql(file: string): string {
  return `CREATE OR REPLACE TEMP TABLE lecture_brute AS SELECT * FROM read_csv(${quoteLiteral(file)}, header = true, auto_detect = false, delim = ',', quote = '"', columns = ${readCsvColumns()});`;
}

export const BENCH_DROP = 'DROP TABLE lecture_brute;';
