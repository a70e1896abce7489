import { Bar, BarChart, CartesianGrid, Cell, LabelList, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { messages } from '../../i18n';
import { formatPercent } from '../../lib/format';
import type { ChartSnapshot } from '../../snapshot/schema';
import { pointStatus, REF_STYLE } from '../chart-data';
import { useWidth } from '../use-width';

/** Départements sorted by share, with the rank change, low-count and missing values marked in words. */
export function RankingChart({ snapshot }: { snapshot: ChartSnapshot }) {
  const m = messages(snapshot.lang);
  const L = snapshot.lang;
  const rows = (snapshot.series[0]?.points ?? []).map((p) => {
    const ch = p.evolution_rang;
    const arrow = ch == null ? '' : ch > 0 ? ` ▲${ch}` : ch < 0 ? ` ▼${-ch}` : ' =';
    const st = pointStatus(p);
    return {
      name: `${p.rang ?? '–'}. ${p.label}${arrow}`,
      value: p.y ?? 0,
      text: p.y === null ? m.statusLabel(st ?? 'absent') : formatPercent(p.y, L) + (p.flags?.faible ? ' *' : ''),
      low: Boolean(p.flags?.faible),
      missing: p.y === null,
    };
  });
  const height = 40 + rows.length * 30;
  const [ref, width] = useWidth<HTMLDivElement>();
  const narrow = width < 520;
  const yWidth = Math.round(Math.max(100, Math.min(190, width * 0.42)));
  const summary = snapshot.summary;
  return (
    <div role="img" aria-label={summary} className="rc-wrap" ref={ref}>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={rows} layout="vertical" margin={{ top: 24, right: narrow ? 58 : 64, bottom: 4, left: 4 }} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} stroke="#e3e6ec" />
          <XAxis type="number" domain={[0, 60]} ticks={[0, 10, 20, 30, 40, 50, 60]} tickFormatter={(v: number) => formatPercent(v, L, 0)} stroke="#4a5468" />
          <YAxis type="category" dataKey="name" width={yWidth} stroke="#4a5468" tick={{ fontSize: narrow ? 10.5 : 13 }} interval={0} />
          {snapshot.references.map((r) => (
            <ReferenceLine
              key={r.id}
              x={r.value}
              stroke={REF_STYLE[r.id].stroke}
              strokeDasharray={REF_STYLE[r.id].dash}
              strokeWidth={r.id === 'parite' ? 2 : 1.5}
              label={r.id === 'parite' ? { value: r.label, position: 'top', fontSize: 11, fill: '#1c2333' } : undefined}
              ifOverflow="extendDomain"
            />
          ))}
          <Bar dataKey="value" isAnimationActive={false} barSize={18}>
            {rows.map((r) => (
              <Cell key={r.name} fill={r.low ? 'url(#low-hatch)' : '#D55E00'} stroke={r.low ? '#D55E00' : undefined} />
            ))}
            <LabelList dataKey="text" position="right" fontSize={narrow ? 10 : 12} fill="#1c2333" />
          </Bar>
          <defs>
            <pattern id="low-hatch" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="5" height="5" fill="#f6d3bd" />
              <line x1="0" y1="0" x2="0" y2="5" stroke="#D55E00" strokeWidth="2" />
            </pattern>
          </defs>
        </BarChart>
      </ResponsiveContainer>
      <ReferenceLegend references={snapshot.references.filter((r) => r.id !== 'parite')} />
    </div>
  );
}

/** The reference lines explained below the chart, each with its own dash pattern (labels on lines collide). */
export function ReferenceLegend({ references }: { references: ChartSnapshot['references'] }) {
  if (!references.length) return null;
  return (
    <ul className="ref-legend">
      {references.map((r) => (
        <li key={r.id}>
          <svg width="28" height="10" aria-hidden="true">
            <line x1="0" y1="5" x2="28" y2="5" stroke={REF_STYLE[r.id].stroke} strokeWidth="2" strokeDasharray={REF_STYLE[r.id].dash} />
          </svg>
          {r.label}
        </li>
      ))}
    </ul>
  );
}
