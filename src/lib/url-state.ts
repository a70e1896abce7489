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
  lang: z.enum(['fr', 'en']).optional().catch(undefined),
});
export type UrlState = z.infer<typeof UrlState>;

const KEYS = ['vue', 'territoire', 'indicateur', 'annee', 'lang'] as const;

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
  const params = new URLSearchParams();
  for (const k of KEYS) {
    const v = state[k];
    if (v === undefined) continue;
    if (k === 'lang' && v === 'fr') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}
