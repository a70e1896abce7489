import { readFileSync } from 'node:fs';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import { CASES_PATH } from '../../scripts/hostile-corpus.mjs';
import fragmentsV1 from '../fixtures/embed-fragments-v1.json';

/** One entry of the `embeds` key of tests/fixtures/hostile/cases.json. */
export const EmbedCase = z.object({
  id: z.string().regex(/^(embed|partage)-[a-z0-9-]+$/),
  cas_fr: z.string().min(1),
  cas_en: z.string().min(1),
  /** A v1 fragment of tests/fixtures/embed-fragments-v1.json, with values set by dotted path. */
  fragment: z.object({ base: z.enum(Object.keys(fragmentsV1) as [keyof typeof fragmentsV1]), set: z.array(z.tuple([z.string(), z.unknown()])) }).optional(),
  /** An import file of scripts/hostile-corpus.mjs (SHARE_FILES), committed, then « Partager ». */
  import: z.object({ file: z.string(), indicateur: z.string(), territoires: z.array(z.string()).optional() }).optional(),
  /** The embed code pasted this many times on another site's page (two codes, then the first again). */
  host: z.number().int().min(2).optional(),
  outcome: z.enum(['refused', 'drawn', 'shared']),
  resultat_fr: z.string().min(1),
  resultat_en: z.string().min(1),
  expect: z.object({
    /** The chart's sources line, as read (DOM or SVG text), holds these in this order. */
    ordered: z.array(z.string()).optional(),
    /** « Voir dans le tableau de bord » leads to the dashboard that serves the embed. */
    link: z.literal('dashboard').optional(),
    /** The trend's notes include this one exactly, or one containing `note_contains`. */
    note: z.string().optional(),
    note_contains: z.string().optional(),
  }).optional(),
}).refine((c) => Boolean(c.fragment) !== Boolean(c.import), 'a fragment or an import');
export type EmbedCase = z.infer<typeof EmbedCase>;

/** Every embed and share case. */
export function embedCases(): EmbedCase[] {
  return z.object({ embeds: z.array(EmbedCase) }).parse(JSON.parse(readFileSync(CASES_PATH, 'utf8'))).embeds;
}

/** The JSON inside a v1 fragment, not validated. */
export function rawSnapshot(fragment: string): Record<string, unknown> {
  const json = inflateRawSync(Buffer.from(fragment.replace(/^#?v1\./, ''), 'base64url')).toString('utf8');
  return z.record(z.string(), z.unknown()).parse(JSON.parse(json));
}

/** Any JSON as a v1 fragment (without the `#`), as an attacker would write it: no validation on the way. */
export function rawFragment(value: unknown): string {
  return `v1.${deflateRawSync(Buffer.from(JSON.stringify(value), 'utf8')).toString('base64url')}`;
}

/** Sets `value` at a dotted path (`series.0.points.1.x`) of a plain JSON value. */
function setPath(root: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let at: unknown = root;
  for (const k of keys.slice(0, -1)) {
    at = (at as Record<string, unknown>)[k];
    if (typeof at !== 'object' || at === null) throw new Error(`no ${path}`);
  }
  (at as Record<string, unknown>)[keys.at(-1) as string] = value;
}

/** The snapshot JSON of a fragment case: its base fragment with the case's values set. */
export function caseSnapshot(c: EmbedCase): Record<string, unknown> {
  if (!c.fragment) throw new Error(`${c.id} has no fragment`);
  const s = rawSnapshot(fragmentsV1[c.fragment.base]);
  for (const [path, value] of c.fragment.set) setPath(s, path, value);
  return s;
}

/** The fragment of a fragment case, `#`-less. */
export function caseFragment(c: EmbedCase): string {
  return rawFragment(caseSnapshot(c));
}
