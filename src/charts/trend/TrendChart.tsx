import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatPercent } from '../../lib/format';
import type { ChartSnapshot, Series } from '../../snapshot/schema';
import { DEPARTEMENT_COLORS, SERIES_STYLE } from '../chart-data';

function styleOf(s: Series, depIndex: number) {
  const base = SERIES_STYLE[s.role];
  return s.role === 'departement' ? { ...base, color: DEPARTEMENT_COLORS[depIndex % DEPARTEMENT_COLORS.length] ?? base.color } : base;
}

/** Marker shapes, so that series differ by shape as well as by colour and dash. */
function Marker({ cx, cy, shape, color, hollow }: { cx?: number; cy?: number; shape: string; color: string; hollow?: boolean }) {
  if (cx === undefined || cy === undefined || shape === 'none') return null;
  const fill = hollow ? '#ffffff' : color;
  if (shape === 'square') return <rect x={cx - 3.5} y={cy - 3.5} width={7} height={7} fill={fill} stroke={color} strokeWidth={1.5} />;
  if (shape === 'triangle') return <path d={`M${cx},${cy - 4.5}L${cx + 4.5},${cy + 3.5}L${cx - 4.5},${cy + 3.5}Z`} fill={fill} stroke={color} strokeWidth={1.5} />;
  if (shape === 'diamond') return <path d={`M${cx},${cy - 5}L${cx + 5},${cy}L${cx},${cy + 5}L${cx - 5},${cy}Z`} fill={fill} stroke={color} strokeWidth={1.5} />;
  return <circle cx={cx} cy={cy} r={4} fill={fill} stroke={color} strokeWidth={1.5} />;
}

/**
 * Series over time with the parity line and the target, the focus territory's projection dashed, and series
 * breaks drawn as a hollow marker with a vertical tick.
 */
export function TrendChart({ snapshot }: { snapshot: ChartSnapshot }) {
  const L = snapshot.lang;
  const years = snapshot.series.flatMap((s) => s.points.map((p) => Number(p.x)));
  const minYear = Math.min(...years);
  const maxYear = Math.max(...years);
  const ys = snapshot.series.flatMap((s) => s.points.map((p) => p.y ?? 0));
  const yMax = Math.min(100, Math.max(55, Math.ceil((Math.max(...ys) + 5) / 10) * 10));
  let dep = 0;
  const styled = snapshot.series.map((s) => ({ s, st: styleOf(s, s.role === 'departement' ? dep++ : 0) }));
  // A projection takes the colour of the series it extends.
  for (const x of styled) {
    if (x.s.role !== 'projection') continue;
    const base = styled.find((y) => `${y.s.id}-projection` === x.s.id);
    if (base) x.st = { ...x.st, color: base.st.color };
  }
  const breaks = snapshot.series.flatMap((s) => s.points.filter((p) => p.flags?.statut === 'rupture').map((p) => Number(p.x)));
  return (
    <div role="img" aria-label={snapshot.summary} className="rc-wrap">
      <ResponsiveContainer width="100%" height={324}>
        <LineChart margin={{ top: 16, right: 24, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e3e6ec" />
          <XAxis type="number" dataKey="x" domain={[minYear, maxYear]} allowDecimals={false} tickCount={Math.min(12, maxYear - minYear + 1)} stroke="#4a5468" />
          <YAxis type="number" domain={[0, yMax]} tickFormatter={(v: number) => formatPercent(v, L, 0)} stroke="#4a5468" width={56} />
          {snapshot.references.map((r) => (
            <ReferenceLine
              key={r.id}
              y={r.value}
              stroke={r.id === 'parite' ? '#1c2333' : '#009E73'}
              strokeWidth={r.id === 'parite' ? 2 : 1.5}
              strokeDasharray={r.id === 'parite' ? undefined : '4 4'}
              label={{ value: r.label, position: 'insideTopLeft', fontSize: 12, fill: '#1c2333' }}
            />
          ))}
          {[...new Set(breaks)].map((x) => (
            <ReferenceLine key={`b${x}`} x={x} stroke="#767f92" strokeDasharray="1 3" />
          ))}
          <Tooltip
            formatter={(v) => (typeof v === 'number' ? formatPercent(v, L) : String(v))}
            labelFormatter={(x) => String(x)}
          />
          {styled.map(({ s, st }) => (
            <Line
              key={s.id}
              data={s.points.map((p) => ({ x: Number(p.x), y: p.y, rupture: p.flags?.statut === 'rupture' }))}
              dataKey="y"
              name={s.label}
              stroke={st.color}
              strokeWidth={st.width}
              strokeDasharray={st.dash}
              connectNulls={false}
              isAnimationActive={false}
              dot={(props: { cx?: number; cy?: number; payload?: { rupture?: boolean }; index?: number }) => (
                <Marker key={`${s.id}-${props.index}`} cx={props.cx} cy={props.cy} shape={st.marker} color={st.color} hollow={props.payload?.rupture} />
              )}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
      {/* The legend in HTML, not Recharts': its <Legend> measured itself after every redraw, forcing a layout of the
          whole page in the middle of an indicator change. */}
      <ul className="trend-legend">
        {styled.map(({ s, st }) => (
          <li key={s.id}>
            <svg width="28" height="12" aria-hidden="true" focusable="false">
              <line x1="1" y1="6" x2="27" y2="6" stroke={st.color} strokeWidth={st.width} strokeDasharray={st.dash} />
              <Marker cx={14} cy={6} shape={st.marker} color={st.color} />
            </svg>
            {s.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
