import { messages } from '../i18n';
import { formatCount, formatPercent, type Lang } from '../lib/format';
import type { ChartSnapshot } from '../snapshot/schema';
import { pointStatus } from './points';

export interface TableCell {
  readonly text: string;
  /** A number: right-aligned, tabular figures. */
  readonly num?: boolean;
  /** The row's header (`<th scope="row">`). */
  readonly header?: boolean;
}

export interface TableModel {
  readonly caption: string;
  readonly head: readonly TableCell[];
  readonly rows: readonly { readonly key: string; readonly cells: readonly TableCell[] }[];
}

/**
 * The data behind a chart as table cells, in the snapshot's language: what screen readers read and what "show the
 * data" reveals. One model for the dashboard's React table and the embed's DOM table, so they cannot drift apart.
 */
export function snapshotTable(s: ChartSnapshot): TableModel {
  const m = messages(s.lang);
  const L = s.lang;
  if (s.kind === 'kpi' && s.kpis) {
    return {
      caption: s.title,
      head: [{ text: m.colKpi }, { text: m.colValue, num: true }, { text: m.colDetail }],
      rows: s.kpis.map((k) => ({ key: k.id, cells: [{ text: k.label, header: true }, { text: k.value, num: true }, { text: k.detail ?? '' }] })),
    };
  }
  const hasYear = s.series.some((x) => x.points.some((p) => p.annee != null));
  const hasRank = s.kind === 'ranking';
  const na = m.notAvailable;
  const head: TableCell[] = [{ text: m.colSeries }, { text: m.colLabel }];
  if (hasYear) head.push({ text: m.colYear, num: true });
  head.push({ text: m.shareWomen, num: true });
  if (hasRank) head.push({ text: m.colRank, num: true }, { text: m.colRankChange });
  head.push({ text: m.colHeadcount, num: true }, { text: m.colStatus });
  const rows = s.series.flatMap((x) =>
    x.points.map((p) => {
      const st = pointStatus(p);
      const ch = p.evolution_rang;
      const cells: TableCell[] = [{ text: x.label }, { text: p.label, header: true }];
      if (hasYear) cells.push({ text: p.annee == null ? na : String(p.annee), num: true });
      cells.push({ text: p.y === null ? na : formatPercent(p.y, L), num: true });
      if (hasRank) cells.push({ text: p.rang == null ? na : String(p.rang), num: true }, { text: ch == null ? na : ch > 0 ? m.rankUp(ch) : ch < 0 ? m.rankDown(-ch) : m.rankSame });
      cells.push({ text: p.effectif == null ? '' : formatCount(p.effectif, L), num: true }, { text: st ? m.statusLabel(st) : '' });
      return { key: `${x.id}-${p.x}`, cells };
    }),
  );
  return { caption: s.title, head, rows };
}

/** One row of the observations table, as the SQL returns it (src/data/sql/observations.ts). */
export interface ObservationValues {
  readonly territoire: string;
  readonly annee: number;
  readonly indicateur: string;
  readonly femmes: number | null;
  readonly hommes: number | null;
  readonly total: number | null;
  readonly part_femmes: number | null;
  readonly statut: string | null;
  readonly jeu: string;
  readonly source: string | null;
  readonly source_en: string | null;
}

/** Names of codes in one language: territories, indicators, datasets. */
export interface ObservationNames {
  readonly territoire: ReadonlyMap<string, string>;
  readonly indicateur: ReadonlyMap<string, string>;
  readonly jeu: ReadonlyMap<string, string>;
}

export const OBSERVATION_COLUMNS = ['territoire', 'annee', 'indicateur', 'femmes', 'hommes', 'total', 'part_femmes', 'statut', 'jeu', 'source'] as const;
export type ObservationColumn = (typeof OBSERVATION_COLUMNS)[number];
const NUMERIC: ReadonlySet<ObservationColumn> = new Set(['annee', 'femmes', 'hommes', 'total', 'part_femmes']);

/**
 * The share of women of an observation in percent: as published, else computed from the counts (women over the
 * total, or over women and men), never a made-up zero; null when it cannot be computed.
 */
export function observationShare(r: Pick<ObservationValues, 'femmes' | 'hommes' | 'total' | 'part_femmes'>): number | null {
  if (r.part_femmes !== null) return r.part_femmes;
  if (r.femmes === null) return null;
  const total = r.total ?? (r.hommes === null ? null : r.femmes + r.hommes);
  return total !== null && total > 0 ? (100 * r.femmes) / total : null;
}

/** A territory as people read it, its code beside its name (« 34 Hérault »); the code alone when it has no name. */
export function territoryName(code: string, names: ObservationNames): string {
  const name = names.territoire.get(code);
  return name && name !== code ? `${code} ${name}` : code;
}

/** The localised headers of the observations table, numbers flagged to be right-aligned. */
export function observationHead(lang: Lang): readonly (TableCell & { readonly id: ObservationColumn })[] {
  const heads = messages(lang).obsHeads;
  return OBSERVATION_COLUMNS.map((id) => ({ id, text: heads[id], num: NUMERIC.has(id) }));
}

/**
 * One observation as cells written for people, in a language: names beside codes, counts with thousands separators
 * (« 1 496 », "1,496"), the share in percent (« 27,5 % »), the status and the source in words. Empty cells stay
 * empty (a secret value is never shown as zero).
 */
export function observationCells(r: ObservationValues, names: ObservationNames, lang: Lang): readonly (TableCell & { readonly id: ObservationColumn })[] {
  const m = messages(lang);
  const count = (v: number | null) => (v === null ? '' : formatCount(v, lang));
  const share = observationShare(r);
  const text: Record<ObservationColumn, string> = {
    territoire: territoryName(r.territoire, names),
    annee: String(r.annee),
    indicateur: names.indicateur.get(r.indicateur) ?? r.indicateur,
    femmes: count(r.femmes),
    hommes: count(r.hommes),
    total: count(r.total),
    part_femmes: share === null ? '' : formatPercent(share, lang),
    statut: r.statut ? m.statusLabel(r.statut) : '',
    jeu: names.jeu.get(r.jeu) ?? r.jeu,
    source: (lang === 'en' ? r.source_en : r.source) ?? '',
  };
  return OBSERVATION_COLUMNS.map((id) => ({ id, text: text[id], num: NUMERIC.has(id) }));
}
