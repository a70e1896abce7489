import { z } from 'zod';
import type { Connector, SqlQuery } from './connector';

/** A query result that did not match its schema: a bug in SQL or data, reported with the offending row. */
export class QueryShapeError extends Error {
  constructor(
    readonly index: number,
    readonly issues: string,
  ) {
    super(`Query result row ${index} does not match its schema: ${issues}`);
    this.name = 'QueryShapeError';
  }
}

/** Runs a built query and parses every row with its zod schema: the only way typed rows leave the database. */
export async function runQuery<S extends z.ZodType>(conn: Connector, q: SqlQuery, schema: S): Promise<z.infer<S>[]> {
  const rows = await conn.query(q);
  return rows.map((row, index) => {
    const parsed = schema.safeParse(row);
    if (!parsed.success) throw new QueryShapeError(index, z.prettifyError(parsed.error));
    return parsed.data;
  });
}
