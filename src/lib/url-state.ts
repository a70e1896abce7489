import { z } from 'zod';

/**
 * The view state that someone might share, read from and written to the query string. Only what the user chose
 * goes in the URL: absent parameters mean defaults, and defaults are never written.
 */
export const UrlState = z.object({
  vue: z.enum(['territoire', 'donnees']).optional().catch(undefined),
  territoire: z.string().regex(/^[0-9A-Za-z_-]{1,12}$/).optional().catch(undefined),
  indicateur: z.string().regex(/^[a-z0-9_]{1,64}$/).optional().catch(undefined),
  annee: z.coerce.number().int().min(1990).max(2100).optional().catch(undefined),
  /** Départements picked for the trend chart, comma-separated. */
  territoires: z
    .string()
    .regex(/^[0-9A-Za-z_-]{1,12}(,[0-9A-Za-z_-]{1,12}){0,19}$/)
    .transform((s) => s.split(','))
    .optional()
    .catch(undefined),
  /** Territory of the overview's pipeline chart (the région when absent). */
  parcours: z.string().regex(/^[0-9A-Za-z_-]{1,12}$/).optional().catch(undefined),
  /** Target share of women (percent) and the year to reach it. */
  cible: z.coerce.number().min(1).max(100).optional().catch(undefined),
  annee_cible: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  lang: z.enum(['fr', 'en']).optional().catch(undefined),
});
export type UrlState = z.infer<typeof UrlState>;

const KEYS = ['vue', 'territoire', 'indicateur', 'annee', 'territoires', 'parcours', 'cible', 'annee_cible', 'lang'] as const;

/** Defaults of the target, never written to the URL. */
export const DEFAULT_TARGET = { cible: 50, annee: 2030 } as const;

/** Parses a query string; an invalid parameter is dropped (it means its default), never an error. */
export function parseUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  const raw: Record<string, string> = {};
  for (const k of KEYS) {
    const v = params.get(k);
    if (v !== null && v !== '') raw[k] = v;
  }
  return UrlState.parse(raw);
}

/** Writes a state as a query string (with its leading `?`, or empty), defaults left out. */
export function formatUrlState(state: UrlState): string {
  // URLSearchParams would encode the commas of `territoires`; they are safe in a query string.
  const params = new URLSearchParams();
  for (const k of KEYS) {
    const v = state[k];
    if (v === undefined) continue;
    if (k === 'lang' && v === 'fr') continue;
    if (k === 'cible' && v === DEFAULT_TARGET.cible) continue;
    if (k === 'annee_cible' && v === DEFAULT_TARGET.annee) continue;
    if (Array.isArray(v)) {
      if (v.length) params.set(k, v.join(','));
      continue;
    }
    params.set(k, String(v));
  }
  const s = params.toString().replace(/%2C/g, ',');
  return s ? `?${s}` : '';
}
