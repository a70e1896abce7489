/** Converts one Arrow row (anything with toJSON) into a plain object: BIGINT becomes a number when it is safe. */
export function plainRow(row: { toJSON(): Record<string, unknown> }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row.toJSON())) {
    if (typeof v === 'bigint') {
      out[k] = v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
    } else {
      out[k] = v;
    }
  }
  return out;
}
