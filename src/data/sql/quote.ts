import type { SqlParam, SqlQuery } from '../connector';

/**
 * Quotes an SQL identifier (a table or column name). The one helper through which any name reaches SQL:
 * an uploaded header can never break out of its quotes.
 */
export function quoteIdent(name: string): string {
  if (name.includes('\u0000')) throw new Error('NUL byte in identifier');
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes a string literal, for the few places DuckDB does not accept a parameter (file names in read_csv). */
export function quoteLiteral(value: string): string {
  if (value.includes('\u0000')) throw new Error('NUL byte in literal');
  return `'${value.replace(/'/g, "''")}'`;
}

/** Builds a query; the number of `?` placeholders must match the parameters. */
export function sqlQuery(sql: string, params: readonly SqlParam[] = []): SqlQuery {
  // `?` inside a string literal or a quoted identifier (a header like "Part ?") is not a placeholder.
  const placeholders = (sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"/g, '').match(/\?/g) ?? []).length;
  if (placeholders !== params.length) {
    throw new Error(`SQL has ${placeholders} placeholders but ${params.length} parameters`);
  }
  return { sql, params };
}
