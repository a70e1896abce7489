import { stripBidi } from '../lib/bidi';
import { messages } from '../i18n';
import { CAPS, MAX_EFFECTIF, MAX_KPI, MAX_RANK, MAX_YEAR, MIN_YEAR, type ChartSnapshot, type Kpi, type Point, type Series, type Source } from './schema';

/**
 * Text within `max` characters and without bidirectional controls: cut at the last word that fits, with « … », so
 * that it never reads as complete (a word longer than half the room is cut where it stands).
 */
export function clip(s: string, max: number): string {
  const t = stripBidi(s);
  if (t.length <= max) return t;
  let cut = t.slice(0, max - 1);
  // Never half a surrogate pair.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  const space = cut.search(/\s\S*$/);
  const head = space > max / 2 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,;:·–-]+$/u, '')}…`;
}

/** Years as runs of consecutive years: 2000, 2001, …, 2024, 2026 → « 2000–2024, 2026 ». */
export function yearRuns(years: readonly number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] as number) + 1) j++;
    runs.push(j > i ? `${sorted[i]}–${sorted[j]}` : String(sorted[i]));
    i = j + 1;
  }
  return runs.join(', ');
}

const within = (v: number | null | undefined, min: number, max: number): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : null);
const intWithin = (v: number | null | undefined, min: number, max: number): number | null => (Number.isInteger(v) ? within(v, min, max) : null);

function fitPoint(p: Point): Point {
  const out: Point = { ...p, x: typeof p.x === 'string' ? clip(p.x, CAPS.code) : p.x, label: clip(p.label, CAPS.label) };
  // A share is computed from counts with women at most the total: only rounding could take it past a bound.
  if (p.y !== null) out.y = Number.isFinite(p.y) ? Math.min(100, Math.max(0, p.y)) : null;
  if (p.annee != null) out.annee = intWithin(p.annee, MIN_YEAR, MAX_YEAR);
  if (p.rang != null) out.rang = intWithin(p.rang, 0, MAX_RANK);
  if (p.evolution_rang != null) out.evolution_rang = intWithin(p.evolution_rang, -MAX_RANK, MAX_RANK);
  if (p.rang_depuis != null) out.rang_depuis = intWithin(p.rang_depuis, MIN_YEAR, MAX_YEAR);
  if (p.effectif != null) out.effectif = within(p.effectif, 0, MAX_EFFECTIF);
  if (p.flags?.statut) out.flags = { ...p.flags, statut: clip(p.flags.statut, 40) };
  return out;
}

function fitSeries(q: Series): Series {
  // Years outside the bounds cannot be drawn: the SQL never gives them (the data's years are 1990 to 2100).
  const points = q.points.filter((p) => typeof p.x !== 'number' || (Number.isInteger(p.x) && p.x >= MIN_YEAR && p.x <= MAX_YEAR));
  return { ...q, id: clip(q.id, CAPS.code), label: clip(q.label, CAPS.label), points: points.slice(0, 2000).map(fitPoint) };
}

/** Sources beyond the cap become one last source that names them all, so that none goes uncited. */
function fitSources(sources: readonly Source[], lang: ChartSnapshot['lang']): Source[] {
  const fitted = sources.map((x) => ({ ...x, name: clip(x.name, CAPS.source), licence: clip(x.licence, CAPS.licence), date: x.date && /^\d{4}-\d{2}-\d{2}$/.test(x.date) ? x.date : null }));
  if (fitted.length <= CAPS.sources) return fitted;
  const kept = fitted.slice(0, CAPS.sources - 1);
  const rest = fitted.slice(CAPS.sources - 1);
  return [...kept, {
    name: clip(messages(lang).otherSources(rest.length, rest.map((x) => x.name).join(', ')), CAPS.source),
    date: null,
    licence: clip([...new Set(rest.map((x) => x.licence))].join(', '), CAPS.licence),
    illustratif: rest.some((x) => x.illustratif),
  }];
}

function fitKpi(k: Kpi): Kpi {
  return {
    ...k, id: clip(k.id, 40), label: clip(k.label, CAPS.label), value: clip(k.value, CAPS.kpiValue), numeric: within(k.numeric, -MAX_KPI, MAX_KPI),
    ...(k.detail === undefined ? {} : { detail: clip(k.detail, CAPS.kpiDetail) }),
  };
}

/** A link too long for a snapshot loses its query string (the view's choices), then its path. */
function fitPermalink(href: string): string {
  if (href.length <= CAPS.permalink) return stripBidi(href);
  try {
    const u = new URL(href);
    const short = `${u.origin}${u.pathname}`;
    return short.length <= CAPS.permalink ? short : `${u.origin}/`;
  } catch {
    return '';
  }
}

/**
 * What a builder returns, kept within the schema's bounds (./schema.ts): every text cut at a word with « … » and
 * without bidirectional controls, sources and notes within their caps, optional numbers out of bounds left out.
 * So no valid import can make a snapshot fail to parse, and « Partager » always has an embed code.
 */
export function fitSnapshot(s: ChartSnapshot): ChartSnapshot {
  return {
    ...s,
    title: clip(s.title, CAPS.title),
    ...(s.subtitle === undefined ? {} : { subtitle: clip(s.subtitle, CAPS.title) }),
    indicateur: clip(s.indicateur, 64),
    definition: clip(s.definition, CAPS.definition),
    summary: clip(s.summary, CAPS.summary),
    series: s.series.slice(0, 40).map(fitSeries),
    references: s.references.slice(0, 10).map((r) => ({ ...r, label: clip(r.label, CAPS.label), value: Math.min(100, Math.max(0, r.value)) })),
    ...(s.kpis === undefined ? {} : { kpis: s.kpis.slice(0, 12).map(fitKpi) }),
    notes: s.notes.slice(0, CAPS.notes).map((x) => clip(x, CAPS.note)),
    sources: fitSources(s.sources, s.lang),
    permalink: fitPermalink(s.permalink),
  };
}
