import { Bar, BarChart, CartesianGrid, LabelList, Legend, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { messages } from '../../i18n';
import { formatPercent } from '../../lib/format';
import type { ChartSnapshot } from '../../snapshot/schema';
import { SERIES_STYLE } from '../chart-data';
import { useWidth } from '../use-width';

/** Splits text into lines of at most `max` characters, on spaces. */
function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  for (const w of text.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && (last + ' ' + w).length <= max) lines[lines.length - 1] = `${last} ${w}`;
    else if (w) lines.push(w);
  }
  return lines;
}

/** A category label: the part before « · » in bold, the rest below, wrapped at the axis width (4 lines at most). */
function CategoryTick(props: { x?: number | string; y?: number | string; payload?: { value?: string }; maxChars: number }) {
  const x = Number(props.x ?? 0);
  const y = Number(props.y ?? 0);
  const value = String(props.payload?.value ?? '');
  const [head, tail] = value.includes(' · ') ? value.split(' · ', 2) : ['', value];
  const all = [...wrap(head ?? '', props.maxChars).map((text) => ({ text, bold: true })), ...wrap(tail ?? '', props.maxChars).map((text) => ({ text, bold: false }))].slice(0, 4);
  return (
    <text x={x - 6} y={y - ((all.length - 1) * 13) / 2} textAnchor="end" fontSize={props.maxChars < 24 ? 10.5 : 12} fill="#1c2333">
      {all.map((l, i) => (
        <tspan key={i} x={x - 6} dy={i === 0 ? 4 : 13} fontWeight={l.bold ? 700 : 400}>
          {l.text}
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
  const [ref, width] = useWidth<HTMLDivElement>();
  const yWidth = Math.round(Math.max(96, Math.min(240, width * 0.4)));
  const narrow = width < 520;
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
    <div role="img" aria-label={snapshot.summary} className="rc-wrap" ref={ref}>
      <ResponsiveContainer width="100%" height={48 + rows.length * perRow}>
        <BarChart data={rows} layout="vertical" margin={{ top: 22, right: narrow ? 72 : 110, bottom: 4, left: 4 }} accessibilityLayer={false}>
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
          <YAxis type="category" dataKey="name" width={yWidth} stroke="#4a5468" tick={(p: object) => <CategoryTick {...p} maxChars={Math.floor(yWidth / 6.8)} />} interval={0} />
          <ReferenceLine x={50} stroke="#1c2333" strokeWidth={2} label={{ value: m.refParity, position: 'top', fontSize: 11, fill: '#1c2333' }} ifOverflow="extendDomain" />
          <Legend wrapperStyle={{ fontSize: 13 }} />
          {snapshot.series.map((s, i) => (
            <Bar key={s.id} dataKey={s.id} name={s.label} fill={fills[i] ?? SERIES_STYLE.departement.color} stroke="#1c2333" strokeWidth={i ? 0.5 : 0} isAnimationActive={false} barSize={15}>
              <LabelList dataKey={`${s.id}_text`} position="right" fontSize={narrow ? 9.5 : 11} fill="#1c2333" />
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
