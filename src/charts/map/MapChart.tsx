import { useState } from 'react';
import shapes from '../../render/occitanie-shapes.json';
import { messages } from '../../i18n';
import { formatPercent } from '../../lib/format';
import type { ChartSnapshot, Point } from '../../snapshot/schema';
import { pointStatus } from '../chart-data';
import { inkOn, LABEL_NUDGE, mapMuted, mapName, mapScale, mutedFill, type MapScale } from '../../render/grammar/map';
import { useWidth } from '../use-width';
import { usePalette } from '../use-palette';
import type { Palette } from '../../render/palette';

/** Position on the legend's bar, in percent. */
const pct = (f: number) => `${Math.max(0, Math.min(100, f * 100))}%`;

/** The legend: what darker means, the fitted scale with its ticks, parity at its place or past an end, missing values. */
function MapLegend({ sc, lang, pal, mixed }: { sc: MapScale; lang: ChartSnapshot['lang']; pal: Palette; mixed: boolean }) {
  const m = messages(lang);
  const L = lang;
  const parity = `${formatPercent(50, L, 0)} · ${m.mapParity}`;
  return (
    <div className="map-legend" aria-hidden="true">
      <span className="map-legend-title">{m.mapLegend} · {sc.kind === 'sequential' ? m.mapDarkerShare : m.mapDarkerGap}</span>
      <div className="map-legend-scale">
        {typeof sc.parity === 'number' ? <span className="map-legend-parity" style={{ left: pct(sc.parity) }}>{parity}</span> : null}
        <div className="map-legend-bar" style={{ background: `linear-gradient(to right, ${sc.stops.map((st) => `${st.color} ${pct(st.offset)}`).join(', ')})` }} />
        <div className="map-legend-ticks">
          {sc.ticks.map((v) => (
            <span key={v} style={{ left: pct((v - sc.lo) / Math.max(1e-9, sc.hi - sc.lo)) }}>{formatPercent(v, L, 0)}</span>
          ))}
        </div>
        {typeof sc.parity === 'string' ? <span className={`map-legend-parity-out is-${sc.parity}`} data-parity-mark="">{sc.parity === 'above' ? `${parity} →` : `← ${parity}`}</span> : null}
      </div>
      <span className="map-legend-missing">
        <svg width="14" height="14"><rect width="14" height="14" fill="url(#hatch)" stroke={pal.missingLine} /></svg> {m.mapNoValue} · * {m.lowMark}
      </span>
      {mixed ? (
        <span className="map-legend-missing" data-legend-illustrative="">
          <svg width="14" height="14"><rect width="14" height="14" fill={mutedFill(sc.color((sc.lo + sc.hi) / 2), pal.paper)} stroke={pal.mapStroke} /></svg> {m.legendIllustrative}
        </span>
      ) : null}
    </div>
  );
}

/**
 * Choropleth of the 13 départements on the chart grammar's scale (fitted to the values shown, parity marked on the
 * legend), each département named with its value written as in the ranking, a hatch
 * for missing values, each département a keyboard-focusable link to its page with a tooltip on focus and hover.
 */
export function MapChart({ snapshot, hrefFor }: { snapshot: ChartSnapshot; hrefFor: (code: string) => string }) {
  const m = messages(snapshot.lang);
  const L = snapshot.lang;
  const points = new Map((snapshot.series[0]?.points ?? []).map((p) => [String(p.x), p]));
  const [active, setActive] = useState<string | null>(null);
  const activePoint = active ? points.get(active) : undefined;
  const valueText = (p: Point | undefined) => {
    if (!p || p.y === null) return m.statusLabel(p ? (pointStatus(p) ?? 'absent') : 'absent');
    return formatPercent(p.y, L) + (p.flags?.faible ? ` (${m.lowMark})` : '');
  };
  const [, , vw = 1, vh = 1] = shapes.viewBox.split(' ').map(Number);
  const sc = mapScale([...points.values()].flatMap((p) => (p.y === null ? [] : [p.y])));
  const [box, width] = useWidth<HTMLDivElement>();
  const pal = usePalette();
  // Text keeps its size in pixels whatever the map's: sizes in map units from the drawn width (at most 460 px high).
  const scale = Math.max(0.5, Math.min(width / vw, 460 / vh));
  const narrow = width < 520;
  const size = narrow ? 10 : 12;
  const muted = mapMuted(snapshot);
  // A département's fill (null: no value, hatched): its colour on the scale, muted when illustrative beside real ones.
  const fillOf = (p: Point | undefined) => (p && p.y !== null ? (muted(p) ? mutedFill(sc.color(p.y), pal.paper) : sc.color(p.y)) : null);
  return (
    <div className="map-wrap" ref={box} data-map-scale={sc.kind}>
      <svg viewBox={shapes.viewBox} className="map-svg" style={{ aspectRatio: `${vw} / ${vh}` }}>
        <defs>
          <pattern id="hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="4" height="4" fill={pal.missing} />
            <line x1="0" y1="0" x2="0" y2="4" stroke={pal.missingLine} strokeWidth="1.2" />
          </pattern>
        </defs>
        {shapes.shapes.map((s) => {
          const p = points.get(s.id);
          const fill = fillOf(p) ?? 'url(#hatch)';
          return (
            <a
              key={s.id}
              href={hrefFor(s.id)}
              data-territory={s.id}
              aria-label={m.mapLinkLabel(p?.label ?? s.name, valueText(p))}
              onFocus={() => setActive(s.id)}
              onBlur={() => setActive(null)}
              onMouseEnter={() => setActive(s.id)}
              onMouseLeave={() => setActive(null)}
              className={active === s.id ? 'is-active' : undefined}
            >
              <path d={s.path} fill={fill} data-illustrative={muted(p) ? '' : undefined} stroke={pal.mapStroke} strokeWidth={active === s.id ? 1.6 : 0.6} />
            </a>
          );
        })}
        {shapes.shapes.map((s) => {
          const p = points.get(s.id);
          const text = p && p.y !== null ? formatPercent(p.y, L, 1) + (p.flags?.faible ? '*' : '') : p?.flags?.raison === 'secret' ? 's' : '–';
          const own = fillOf(p);
          const ink = own ? inkOn(own) : pal.ink;
          // A halo of the département's own fill: a border the label runs over stops short of its letters.
          const halo = own ?? pal.missing;
          const [dx, dy] = LABEL_NUDGE[s.id] ?? [0, 0];
          return (
            <g key={s.id} className="map-label" fill={ink} stroke={halo} strokeWidth={2.5 / scale} strokeLinejoin="round" aria-hidden="true">
              <text x={s.cx + dx} y={s.cy + dy - (size * 0.55) / scale} fontSize={(size - 1) / scale} fontWeight={500} data-map-name={s.id}>{mapName(s.id, p?.label ?? s.name, !narrow)}</text>
              <text x={s.cx + dx} y={s.cy + dy + (size * 0.6) / scale} fontSize={size / scale}>{text}</text>
            </g>
          );
        })}
      </svg>
      <div className="map-tooltip" role="status" aria-live="polite">
        {activePoint || active ? (
          <>
            <strong>{activePoint?.label ?? active}</strong> : {valueText(activePoint)}
          </>
        ) : null}
      </div>
      <MapLegend sc={sc} lang={L} pal={pal} mixed={[...points.values()].some(muted)} />
      <p className="map-credit">{m.mapCredit}</p>
    </div>
  );
}
