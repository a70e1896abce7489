function plain(v: unknown): unknown {
  if (typeof v === 'bigint') {
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
  }
  // Arrow lists arrive as Vectors: turn them into plain arrays.
  if (v !== null && typeof v === 'object' && typeof (v as { toArray?: unknown }).toArray === 'function' && !(v instanceof Date)) {
    return Array.from((v as { toArray(): ArrayLike<unknown> }).toArray(), plain);
  }
  return v;
}

/** Converts one Arrow row (anything with toJSON) into a plain object: BIGINT becomes a number when it is safe. */
export function plainRow(row: { toJSON(): Record<string, unknown> }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // defineProperty, not assignment: a column named `__proto__` stays a column.
  for (const [k, v] of Object.entries(row.toJSON())) Object.defineProperty(out, k, { value: plain(v), enumerable: true, writable: true, configurable: true });
  return out;
}
