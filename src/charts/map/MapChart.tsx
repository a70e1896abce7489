import { useState } from 'react';
import shapes from '../../render/occitanie-shapes.json';
import { messages } from '../../i18n';
import { formatPercent } from '../../lib/format';
import type { ChartSnapshot, Point } from '../../snapshot/schema';
import { pointStatus } from '../chart-data';
import { parityColor, textOn } from '../../render/palette';

const LEGEND_STOPS = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

/**
 * Choropleth of the 13 départements: colour anchored on parity, the value written on each département, a hatch
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
  return (
    <div className="map-wrap">
      <svg viewBox={shapes.viewBox} className="map-svg" style={{ aspectRatio: `${vw} / ${vh}` }}>
        <defs>
          <pattern id="hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="4" height="4" fill="#f4f5f8" />
            <line x1="0" y1="0" x2="0" y2="4" stroke="#767f92" strokeWidth="1.2" />
          </pattern>
        </defs>
        {shapes.shapes.map((s) => {
          const p = points.get(s.id);
          const fill = p && p.y !== null ? parityColor(p.y) : 'url(#hatch)';
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
              <path d={s.path} fill={fill} stroke="#3d4556" strokeWidth={active === s.id ? 1.6 : 0.6} />
            </a>
          );
        })}
        {shapes.shapes.map((s) => {
          const p = points.get(s.id);
          const text = p && p.y !== null ? formatPercent(p.y, L, 0) + (p.flags?.faible ? '*' : '') : p?.flags?.raison === 'secret' ? 's' : '–';
          return (
            <text key={s.id} x={s.cx} y={s.cy} className="map-label" fill={p && p.y !== null ? textOn(p.y) : '#1c2333'} aria-hidden="true">
              {text}
            </text>
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
      <div className="map-legend" aria-hidden="true">
        <span className="map-legend-title">{m.mapLegend}</span>
        <div className="map-legend-bar" style={{ background: `linear-gradient(to right, ${LEGEND_STOPS.map((v) => `${parityColor(v)} ${v}%`).join(', ')})` }} />
        <div className="map-legend-ticks">
          <span>{formatPercent(0, L, 0)}</span>
          <span className="parity-tick">{formatPercent(50, L, 0)} · {m.mapParity}</span>
          <span>{formatPercent(100, L, 0)}</span>
        </div>
        <span className="map-legend-missing">
          <svg width="14" height="14"><rect width="14" height="14" fill="url(#hatch)" stroke="#767f92" /></svg> {m.mapNoValue} · * {m.lowMark}
        </span>
      </div>
      <p className="map-credit">{m.mapCredit}</p>
    </div>
  );
}
