import { messages } from '../i18n';
import { formatCount, formatPercent } from '../lib/format';
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
