import { Bar, BarChart, CartesianGrid, LabelList, Legend, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { messages } from '../../i18n';
import { formatPercent } from '../../lib/format';
import type { ChartSnapshot } from '../../snapshot/schema';
import { SERIES_STYLE } from '../chart-data';

/** A category label on two lines: the part before « · » in bold, the rest below, wrapped at the axis width. */
function CategoryTick(props: { x?: number | string; y?: number | string; payload?: { value?: string } }) {
  const x = Number(props.x ?? 0);
  const y = Number(props.y ?? 0);
  const value = String(props.payload?.value ?? '');
  const [head, tail] = value.includes(' · ') ? value.split(' · ', 2) : ['', value];
  const words = (tail ?? '').split(' ');
  const lines: string[] = [];
  for (const w of words) {
    const last = lines.at(-1);
    if (last !== undefined && (last + ' ' + w).length <= 34) lines[lines.length - 1] = `${last} ${w}`;
    else if (w) lines.push(w);
  }
  const all = head ? [head, ...lines.slice(0, 2)] : lines.slice(0, 3);
  return (
    <text x={x - 6} y={y - ((all.length - 1) * 13) / 2} textAnchor="end" fontSize={12} fill="#1c2333">
      {all.map((l, i) => (
        <tspan key={i} x={x - 6} dy={i === 0 ? 4 : 13} fontWeight={i === 0 && head ? 700 : 400}>
          {l}
        </tspan>
      ))}
    </text>
  );
}

/**
 * Grouped horizontal bars by category (pipeline stages, or indicators on the territory page), one bar per
 * series, each labelled with its value and year; the parity line at 50 %.
 */
export function PipelineChart({ snapshot }: { snapshot: ChartSnapshot }) {
  const m = messages(snapshot.lang);
  const L = snapshot.lang;
  const first = snapshot.series[0];
  const rows = (first?.points ?? []).map((p) => {
    const row: Record<string, string | number | null> = { name: p.label };
    for (const s of snapshot.series) {
      const q = s.points.find((x) => x.x === p.x);
      row[s.id] = q?.y ?? null;
      row[`${s.id}_text`] = q?.y == null ? m.statusLabel('absent') : `${formatPercent(q.y, L)}${q.flags?.faible ? ' *' : ''}${q.annee ? ` (${q.annee})` : ''}`;
    }
    return row;
  });
  const perRow = Math.max(44, snapshot.series.length * 19 + 14);
  // The second and third series are hatched as well as coloured, so colour is never the only difference.
  const fills = ['#0072B2', 'url(#pipe-hatch-1)', 'url(#pipe-hatch-2)'];
  return (
    <div role="img" aria-label={snapshot.summary} className="rc-wrap">
      <ResponsiveContainer width="100%" height={48 + rows.length * perRow}>
        <BarChart data={rows} layout="vertical" margin={{ top: 22, right: 110, bottom: 4, left: 8 }} accessibilityLayer={false}>
          <defs>
            <pattern id="pipe-hatch-1" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="4" height="4" fill="#1c2333" />
              <line x1="0" y1="0" x2="0" y2="4" stroke="#8e95a6" strokeWidth="1.4" />
            </pattern>
            <pattern id="pipe-hatch-2" width="5" height="5" patternUnits="userSpaceOnUse">
              <rect width="5" height="5" fill="#D55E00" />
              <circle cx="2.5" cy="2.5" r="1" fill="#fbe3d3" />
            </pattern>
          </defs>
          <CartesianGrid horizontal={false} stroke="#e3e6ec" />
          <XAxis type="number" domain={[0, 60]} ticks={[0, 10, 20, 30, 40, 50, 60]} tickFormatter={(v: number) => formatPercent(v, L, 0)} stroke="#4a5468" />
          <YAxis type="category" dataKey="name" width={240} stroke="#4a5468" tick={CategoryTick} interval={0} />
          <ReferenceLine x={50} stroke="#1c2333" strokeWidth={2} label={{ value: m.refParity, position: 'top', fontSize: 11, fill: '#1c2333' }} ifOverflow="extendDomain" />
          <Legend wrapperStyle={{ fontSize: 13 }} />
          {snapshot.series.map((s, i) => (
            <Bar key={s.id} dataKey={s.id} name={s.label} fill={fills[i] ?? SERIES_STYLE.departement.color} stroke="#1c2333" strokeWidth={i ? 0.5 : 0} isAnimationActive={false} barSize={15}>
              <LabelList dataKey={`${s.id}_text`} position="right" fontSize={11} fill="#1c2333" />
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
