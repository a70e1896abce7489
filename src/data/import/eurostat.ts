import type { CanonicalRow } from './canonical';
import type { Parsed } from './parse';
import { problem, type Problem } from './problems';
import { territoryMatcher, type CatalogueTerritory } from './territory';

/** Eurostat dataset codes whose indicator is known. */
export const EUROSTAT_INDICATORS: Record<string, string> = { isoc_sks_itsps: 'specialistes_tic' };

/** True for Eurostat's TSV layout: the first header cell lists dimensions and ends with `\TIME_PERIOD` (or `\time`). */
export function isEurostatTsv(p: Parsed): boolean {
  return p.delimiter === '\t' && /\\\s*(time_period|time)\s*$/i.test(p.header[0] ?? '');
}

/** Eurostat flags → our status: breaks and definition changes first, then low reliability, estimates, provisional. */
export function statusOfFlags(flags: string): CanonicalRow['statut'] {
  if (/[bd]/.test(flags)) return 'rupture';
  if (/u/.test(flags)) return 'faible_fiabilite';
  if (/c/.test(flags)) return 'secret';
  if (/e/.test(flags)) return 'estimation';
  if (/p/.test(flags)) return 'provisoire';
  return null;
}

interface Cell {
  value: number | null;
  flags: string;
}

/** `19.0 de` → 19.0 with flags "de"; `:` → missing. */
function readCell(raw: string): Cell {
  const m = raw.trim().match(/^(:|-?\d+(?:\.\d+)?)\s*([a-z]*)$/i);
  if (!m) return { value: null, flags: '' };
  return { value: m[1] === ':' ? null : Number(m[1]), flags: (m[2] ?? '').toLowerCase() };
}

/**
 * Reads a Eurostat TSV (`freq,unit,sex,geo\TIME_PERIOD` then one column per year): shares of women (unit PC, sex
 * F) and counts (THS_PER × 1000, NR as is) become one observation per territory and year; `:` is missing; NUTS
 * and ISO codes are mapped to ours; other countries are skipped and counted. Every line is accounted for.
 */
export function mapEurostat(p: Parsed, indicateur: string, territories: readonly CatalogueTerritory[], source: string): { rows: CanonicalRow[]; problems: Problem[]; skipped: number } {
  const dims = (p.header[0] ?? '').split('\\')[0]?.split(',').map((d) => d.trim().toLowerCase()) ?? [];
  const years = p.header.slice(1).map((y) => Number(y.trim()));
  const iUnit = dims.indexOf('unit');
  const iSex = dims.indexOf('sex');
  const iGeo = dims.indexOf('geo');
  const match = territoryMatcher(territories);
  const problems: Problem[] = [];
  const byKey = new Map<string, { line: number; territoire: string; annee: number; f?: number; m?: number; t?: number; pc?: number; flags: string }>();
  let skipped = 0;
  for (const r of p.rows) {
    const keys = (r.cells[0] ?? '').split(',').map((k) => k.trim());
    const unit = (keys[iUnit] ?? '').toUpperCase();
    const sex = (keys[iSex] ?? '').toUpperCase();
    const geo = keys[iGeo] ?? '';
    const t = match(geo);
    if (!('code' in t)) {
      skipped++;
      problems.push(problem('territoire_hors_perimetre', { ligne: r.line, colonne: 'geo' }, geo));
      continue;
    }
    const factor = unit.startsWith('THS') ? 1000 : 1;
    years.forEach((year, j) => {
      if (!Number.isInteger(year)) return;
      const c = readCell(r.cells[j + 1] ?? ':');
      const key = `${t.code}|${year}`;
      const o = byKey.get(key) ?? { line: r.line, territoire: t.code, annee: year, flags: '' };
      o.flags += c.flags;
      if (c.value !== null) {
        const v = Math.round(c.value * factor * 100) / 100;
        if (unit === 'PC' && sex === 'F') o.pc = c.value;
        else if (unit !== 'PC' && sex === 'F') o.f = v;
        else if (unit !== 'PC' && sex === 'M') o.m = v;
        else if (unit !== 'PC' && sex === 'T') o.t = v;
      }
      byKey.set(key, o);
    });
  }
  const rows: CanonicalRow[] = [];
  for (const o of byKey.values()) {
    const femmes = o.f ?? null;
    const hommes = o.m ?? null;
    const total = o.t ?? (femmes !== null && hommes !== null ? femmes + hommes : null);
    const statut = statusOfFlags(o.flags);
    if (femmes === null && o.pc === undefined && statut !== 'secret') continue; // `:` everywhere: nothing published
    rows.push({ line: o.line, territoire: o.territoire, annee: o.annee, indicateur, femmes, hommes, total, part_femmes: o.pc ?? null, statut, source });
  }
  rows.sort((a, b) => a.territoire.localeCompare(b.territoire) || a.annee - b.annee);
  return { rows, problems, skipped };
}
