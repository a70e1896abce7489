import { messages } from '../i18n';
import { formatCount, formatPercent } from '../lib/format';
import type { ChartSnapshot } from '../snapshot/schema';
import { pointStatus } from './chart-data';

/** The data behind a chart as a table: what screen readers read, and what "show the data" reveals. */
export function SnapshotTable({ snapshot, id }: { snapshot: ChartSnapshot; id?: string }) {
  const m = messages(snapshot.lang);
  const L = snapshot.lang;
  if (snapshot.kind === 'kpi' && snapshot.kpis) {
    return (
      <table className="data-table" id={id}>
        <caption>{snapshot.title}</caption>
        <thead>
          <tr>
            <th scope="col">{m.colKpi}</th>
            <th scope="col" className="num">{m.colValue}</th>
            <th scope="col">{m.colDetail}</th>
          </tr>
        </thead>
        <tbody>
          {snapshot.kpis.map((k) => (
            <tr key={k.id}>
              <th scope="row">{k.label}</th>
              <td className="num">{k.value}</td>
              <td>{k.detail ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  const hasYear = snapshot.series.some((s) => s.points.some((p) => p.annee != null));
  const hasRank = snapshot.kind === 'ranking';
  return (
    <table className="data-table" id={id}>
      <caption>{snapshot.title}</caption>
      <thead>
        <tr>
          <th scope="col">{m.colSeries}</th>
          <th scope="col">{m.colLabel}</th>
          {hasYear ? <th scope="col" className="num">{m.colYear}</th> : null}
          <th scope="col" className="num">{m.shareWomen}</th>
          {hasRank ? <th scope="col" className="num">{m.colRank}</th> : null}
          {hasRank ? <th scope="col">{m.colRankChange}</th> : null}
          <th scope="col" className="num">{m.colHeadcount}</th>
          <th scope="col">{m.colStatus}</th>
        </tr>
      </thead>
      <tbody>
        {snapshot.series.flatMap((s) =>
          s.points.map((p) => {
            const st = pointStatus(p);
            const ch = p.evolution_rang;
            return (
              <tr key={`${s.id}-${p.x}`}>
                <td>{s.label}</td>
                <th scope="row">{p.label}</th>
                {hasYear ? <td className="num">{p.annee ?? m.notAvailable}</td> : null}
                <td className="num">{p.y === null ? m.notAvailable : formatPercent(p.y, L)}</td>
                {hasRank ? <td className="num">{p.rang ?? m.notAvailable}</td> : null}
                {hasRank ? <td>{ch == null ? m.notAvailable : ch > 0 ? m.rankUp(ch) : ch < 0 ? m.rankDown(-ch) : m.rankSame}</td> : null}
                <td className="num">{p.effectif == null ? '' : formatCount(p.effectif, L)}</td>
                <td>{st ? m.statusLabel(st) : ''}</td>
              </tr>
            );
          }),
        )}
      </tbody>
    </table>
  );
}
