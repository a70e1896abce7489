import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CASES_PATH } from '../../scripts/hostile-corpus.mjs';

/**
 * One entry of the `stored` key of tests/fixtures/hostile/cases.json: an IndexedDB record planted before the app
 * starts (its `bytes` written as text, stored as a Blob or, with `bytes_as: arraybuffer`, as older records did), and
 * what the start must do with it.
 */
export const StoredCase = z.strictObject({
  id: z.string().regex(/^stocke-[a-z0-9-]+$/),
  cas_fr: z.string().min(1),
  cas_en: z.string().min(1),
  bytes_as: z.enum(['blob', 'arraybuffer']).optional(),
  record: z.record(z.string(), z.unknown()),
  expect: z.strictObject({
    outcome: z.enum(['restored', 'refused', 'failed']),
    /** For a refused record: why checkStored refuses it. */
    reason: z.enum(['id_reserve', 'forme_inconnue']).optional(),
    /** How the warning names it (refused or failed). */
    named: z.string().optional(),
    fr: z.string().min(1),
    en: z.string().min(1),
  }),
});
export type StoredCase = z.infer<typeof StoredCase>;

/** Every stored-record case, parsed (the import files' `cases` are left to tests/helpers/hostile.ts). */
export function storedCases(): StoredCase[] {
  return z.object({ stored: z.array(StoredCase) }).parse(JSON.parse(readFileSync(CASES_PATH, 'utf8'))).stored;
}

/** The record as IndexedDB would hold it: its text `bytes` as a Blob, or an ArrayBuffer. */
export function plantedRecord(c: StoredCase): Record<string, unknown> {
  const { bytes, ...rest } = c.record;
  if (typeof bytes !== 'string') return rest;
  const data = new TextEncoder().encode(bytes);
  return { ...rest, bytes: c.bytes_as === 'arraybuffer' ? data.buffer : new Blob([data]) };
}
