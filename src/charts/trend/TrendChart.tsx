import { Area, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, usePlotArea, useXAxisScale, useXAxisTicks, useYAxisScale, useYAxisTicks } from 'recharts';
import { formatPercent } from '../../lib/format';
import { messages } from '../../i18n';
import type { ChartSnapshot, Series } from '../../snapshot/schema';
import { REF_DASH, type Palette } from '../../render/palette';
import { usePalette } from '../use-palette';
import { endLabelYs, trendGrammar, type TrendGrammar } from '../../render/grammar/trend';
import { useWidth } from '../use-width';

/** Height of the chart, and of its plot once the margins and the year axis are taken off. */
const HEIGHT = 324;
const MARGIN = { top: 16, bottom: 8 };
const X_AXIS = 30;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom - X_AXIS;

/** Marker shapes, so that series differ by shape as well as by colour and dash. */
function Marker({ cx, cy, shape, color, hollow }: { cx?: number; cy?: number; shape: string; color: string; hollow?: string }) {
  if (cx === undefined || cy === undefined || shape === 'none') return null;
  const fill = hollow ?? color;
  if (shape === 'square') return <rect x={cx - 3.5} y={cy - 3.5} width={7} height={7} fill={fill} stroke={color} strokeWidth={1.5} />;
  if (shape === 'triangle') return <path d={`M${cx},${cy - 4.5}L${cx + 4.5},${cy + 3.5}L${cx - 4.5},${cy + 3.5}Z`} fill={fill} stroke={color} strokeWidth={1.5} />;
  if (shape === 'diamond') return <path d={`M${cx},${cy - 5}L${cx + 5},${cy}L${cx},${cy + 5}L${cx - 5},${cy}Z`} fill={fill} stroke={color} strokeWidth={1.5} />;
  return <circle cx={cx} cy={cy} r={4} fill={fill} stroke={color} strokeWidth={1.5} />;
}

type Styled = { readonly s: Series; readonly st: { readonly color: string; readonly width: number; readonly dash?: string; readonly marker: string; readonly opacity: number } };

/**
 * The series, drawn with the chart's own scales: one path per run of values (a missing value breaks the line) and a
 * marker per value. Recharts' <Line> did the same with its own store entries, and measured its previous path while
 * rendering (getTotalLength, for animations this chart does not use): that forced a layout of the whole page in
 * the middle of every indicator change. Lines and markers cost 40 % of the change's time that way.
 */
function SeriesLayer({ styled, pal }: { styled: readonly Styled[]; pal: Palette }) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  if (!xScale || !yScale) return null;
  return (
    <g className="trend-series">
      {styled.map(({ s, st }) => {
        const points = s.points.map((p) => {
          const x = xScale(Number(p.x));
          const y = p.y === null ? undefined : yScale(p.y);
          return x === undefined || y === undefined ? null : { x, y, rupture: p.flags?.statut === 'rupture' };
        });
        let d = '';
        let open = false;
        for (const p of points) {
          if (!p) open = false;
          else {
            d += `${open ? 'L' : 'M'}${p.x},${p.y}`;
            open = true;
          }
        }
        return (
          <g key={s.id}>
            {d ? <path d={d} fill="none" stroke={st.color} strokeWidth={st.width} strokeDasharray={st.dash} strokeOpacity={st.opacity} data-series={s.id} /> : null}
            {points.map((p, i) => (p ? <Marker key={i} cx={p.x} cy={p.y} shape={st.marker} color={st.color} hollow={p.rupture ? pal.paper : undefined} /> : null))}
          </g>
        );
      })}
    </g>
  );
}

/** The grid, a line at each tick of both axes (what <CartesianGrid> drew, without its own tick computation). */
function GridLayer({ pal }: { pal: Palette }) {
  const xTicks = useXAxisTicks();
  const yTicks = useYAxisTicks();
  const area = usePlotArea();
  if (!xTicks || !yTicks || !area) return null;
  return (
    <g className="trend-grid" stroke={pal.grid}>
      {yTicks.map((t) => <line key={`y${t.index}`} x1={area.x} x2={area.x + area.width} y1={t.coordinate} y2={t.coordinate} />)}
      {xTicks.map((t) => <line key={`x${t.index}`} x1={t.coordinate} x2={t.coordinate} y1={area.y} y2={area.y + area.height} />)}
    </g>
  );
}

/**
 * The parity line and the target (each labelled at its top left), and a dotted vertical line at each series break,
 * drawn with the chart's scales like the series (Recharts' <ReferenceLine> parsed its label on every redraw).
 * A value outside the axes is not drawn.
 */
function ReferenceLayer({ references, breaks, pal }: { references: ChartSnapshot['references']; breaks: readonly number[]; pal: Palette }) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  const area = usePlotArea();
  if (!xScale || !yScale || !area) return null;
  const left = area.x;
  const right = area.x + area.width;
  return (
    <g className="trend-references">
      {references.map((r) => {
        const y = yScale(r.value);
        if (y === undefined || y < area.y - 0.5 || y > area.y + area.height + 0.5) return null;
        const parity = r.id === 'parite';
        return (
          <g key={r.id}>
            <line x1={left} x2={right} y1={y} y2={y} stroke={pal.refs[r.id]} strokeWidth={parity ? 2 : 1.5} strokeDasharray={REF_DASH[r.id] || undefined} />
            <text x={left + 5} y={y + 5} dy="0.71em" fontSize={12} style={{ fill: pal.ink }} stroke={pal.paper} strokeWidth={3} paintOrder="stroke">{r.label}</text>
          </g>
        );
      })}
      {breaks.map((b) => {
        const x = xScale(b);
        return x === undefined ? null : <line key={`b${b}`} x1={x} x2={x} y1={area.y} y2={area.y + area.height} stroke={pal.axis} strokeDasharray="1 3" />;
      })}
    </g>
  );
}

/** Each line's name at its end, right of the plot, placed by the chart grammar (the exports write the same). */
function EndLabelLayer({ g, pal }: { g: TrendGrammar; pal: Palette }) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  const area = usePlotArea();
  if (!xScale || !yScale || !area) return null;
  const ys = endLabelYs(g, (v) => yScale(v) ?? area.y, area.y, area.y + area.height);
  return (
    <g className="trend-end-labels">
      {g.endLabels.map((l, i) => (
        <text key={l.key} x={(xScale(l.x) ?? area.x + area.width) + 6} y={ys[i]} dy="0.35em" fontSize={g.fontSize} fontWeight={600} style={{ fill: l.color }} stroke={pal.paper} strokeWidth={3} paintOrder="stroke" data-end-label={l.key}>
          {l.text}
        </text>
      ))}
    </g>
  );
}

/** The tooltip's text: each series' value at the year under the pointer. */
function TooltipBox({ active, label, styled, lang }: { active?: boolean; label?: unknown; styled: readonly Styled[]; lang: ChartSnapshot['lang'] }) {
  if (!active || label === undefined || label === null) return null;
  const year = Number(label);
  const rows = styled.flatMap(({ s, st }) => {
    const p = s.points.find((q) => Number(q.x) === year);
    return p && p.y !== null ? [{ id: s.id, label: s.label, color: st.color, value: p.y }] : [];
  });
  return (
    <div className="trend-tooltip">
      <p className="trend-tooltip-year">{year}</p>
      <ul>
        {rows.map((r) => (
          <li key={r.id} style={{ color: r.color }}>{r.label} : {formatPercent(r.value, lang)}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Series over time with the parity line and the target, the focus territory's projection dashed, and series
 * breaks drawn as a hollow marker with a vertical tick.
 */
export function TrendChart({ snapshot }: { snapshot: ChartSnapshot }) {
  const L = snapshot.lang;
  const [box, width] = useWidth<HTMLDivElement>();
  // Ticks, domains, colours and end labels come from the chart grammar, as in the exports.
  const pal = usePalette();
  const g = trendGrammar(snapshot, width, PLOT_H, pal);
  const styled: Styled[] = g.styles.map((x) => ({ s: x.q, st: { color: x.color, width: x.width, dash: x.dash || undefined, marker: x.marker, opacity: x.opacity } }));
  const years = snapshot.series.flatMap((s) => s.points.map((p) => Number(p.x)));
  // The years of every series: where the tooltip can stop.
  const data = [...new Set(years)].sort((a, b) => a - b).map((x) => ({ x }));
  const breaks = snapshot.series.flatMap((s) => s.points.filter((p) => p.flags?.statut === 'rupture').map((p) => Number(p.x)));
  return (
    <div role="img" aria-label={snapshot.summary} className="rc-wrap" ref={box} data-y-ticks={g.y.ticks.join(' ')} data-x-ticks={g.years.join(' ')}>
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <LineChart data={data} margin={{ top: MARGIN.top, right: g.right, bottom: MARGIN.bottom, left: 0 }} accessibilityLayer={false}>
          <GridLayer pal={pal} />
          <XAxis type="number" dataKey="x" domain={[g.x0, g.x1]} ticks={[...g.years]} interval={0} allowDecimals={false} stroke={pal.soft} height={X_AXIS} />
          <YAxis type="number" domain={[0, g.y.max]} ticks={[...g.y.ticks]} interval={0} allowDataOverflow tickFormatter={(v: number) => formatPercent(v, L, 0)} stroke={pal.soft} width={g.left + 10} />
          <ReferenceLayer references={snapshot.references} breaks={[...new Set(breaks)]} pal={pal} />
          <Tooltip content={<TooltipBox styled={styled} lang={L} />} filterNull={false} isAnimationActive={false} />
          {/* No values: it puts the axes to use (Recharts draws no axis that no series uses) and gives the tooltip
              an entry to open on; unlike a <Line>, an <Area> never measures its path. */}
          <Area dataKey="aucune" isAnimationActive={false} legendType="none" stroke="none" fill="none" dot={false} activeDot={false} />
          <SeriesLayer styled={styled} pal={pal} />
          <EndLabelLayer g={g} pal={pal} />
        </LineChart>
      </ResponsiveContainer>
      {/* The legend in HTML, not Recharts': its <Legend> measured itself after every redraw, forcing a layout of the
          whole page in the middle of an indicator change. */}
      <ul className="trend-legend">
        {styled.map(({ s, st }) => (
          <li key={s.id}>
            <svg width="28" height="12" aria-hidden="true" focusable="false">
              <line x1="1" y1="6" x2="27" y2="6" stroke={st.color} strokeWidth={st.width} strokeDasharray={st.dash} strokeOpacity={st.opacity} />
              <Marker cx={14} cy={6} shape={st.marker} color={st.color} />
            </svg>
            {s.label}
          </li>
        ))}
        {g.mixed ? (
          <li>
            <svg width="28" height="12" aria-hidden="true" focusable="false"><line x1="1" y1="6" x2="27" y2="6" stroke={pal.ink} strokeWidth={2} strokeOpacity={0.45} /></svg>
            {messages(L).legendIllustrative}
          </li>
        ) : null}
      </ul>
    </div>
  );
}
