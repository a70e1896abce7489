import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { Recipe } from '../../src/data/import/recipe';
import { CASES_PATH, generate } from '../../scripts/hostile-corpus.mjs';

export const HOSTILE_DIR = path.dirname(CASES_PATH);

const Cell = z.union([z.string(), z.number(), z.null()]);

/** One case of tests/fixtures/hostile/cases.json. */
export const HostileCase = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  file: z.string(),
  generated: z.boolean(),
  cas_fr: z.string().min(1),
  cas_en: z.string().min(1),
  outcome: z.enum(['imported', 'partial', 'refused']),
  lecture_fr: z.string().min(1),
  lecture_en: z.string().min(1),
  /** runImport's options for the case: a recipe, or a Eurostat file's indicator and dimension values. */
  options: z.object({ recipe: Recipe.optional(), indicateur: z.string().optional(), dimensions: z.record(z.string(), z.string()).optional() }).optional(),
  expect: z.object({
    format: z.enum(['canonique', 'eurostat', 'recette', 'inconnu']),
    encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252']).nullable().optional(),
    bom: z.boolean().optional(),
    delimiter: z.enum([',', ';', '\t']).optional(),
    header: z.array(z.string()).optional(),
    headerLine: z.number().int().optional(),
    titleRows: z.number().int().optional(),
    blankRows: z.number().int().optional(),
    dataRows: z.number().int().optional(),
    skipped: z.number().int().optional(),
    unknownIndicators: z.array(z.string()).optional(),
    /** Rows runImport returns (for a refused file: the rows that would be valid; nothing is committed). */
    rows: z.number().int().nonnegative(),
    /** Every problem, in order: code, line, column. */
    problems: z.array(z.tuple([z.string(), z.number().int().nullable(), z.string().nullable()])),
    /** Rows as read (normalised), by line; `source_length` checks the length of a long source. */
    values: z.array(z.record(z.string(), Cell)).optional(),
  }),
});
export type HostileCase = z.infer<typeof HostileCase>;

/** Every case of the table, parsed. */
export function hostileCases(): HostileCase[] {
  return z.object({ cases: z.array(HostileCase) }).parse(JSON.parse(readFileSync(CASES_PATH, 'utf8'))).cases;
}

/** The bytes of a case: the committed file, or the generator's output. */
export function hostileBytes(c: Pick<HostileCase, 'file' | 'generated'>): Uint8Array {
  return c.generated ? generate(c.file) : new Uint8Array(readFileSync(path.join(HOSTILE_DIR, c.file)));
}
