import { useId, useState, type ReactNode } from 'react';
import { messages } from '../i18n';
import { sourceCredit } from '../snapshot/credits';
import type { ChartSnapshot } from '../snapshot/schema';
import { hasData } from './chart-data';
import { SnapshotTable } from './SnapshotTable';

/**
 * Everything around a chart: title, definition, generated summary, notes, sources with their date and licence,
 * and a button that shows the data as a table. `data-ready` is set only when the chart shows data; a chart without
 * data says so once (`data-empty`), with no share button.
 */
export function ChartFrame({ snapshot, children, actions, headingLevel = 2, busy = false, srTable = false, hideTitle = false }: {
  srTable?: boolean;
  hideTitle?: boolean;
  snapshot: ChartSnapshot;
  children: ReactNode;
  actions?: ReactNode;
  headingLevel?: 2 | 3;
  /** A newer snapshot is being computed: the chart is shown dimmed and is not ready. */
  busy?: boolean;
}) {
  const m = messages(snapshot.lang);
  const [open, setOpen] = useState(false);
  const tableId = useId();
  const titleId = useId();
  const filled = hasData(snapshot);
  const ready = filled && !busy;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  if (!filled) {
    // Nothing to show: the title and one sentence saying so; nothing to share, no empty table, no notes.
    return (
      <figure className={`chart chart-${snapshot.kind} is-empty${busy ? ' is-busy' : ''}`} data-chart={snapshot.kind} data-empty="true"
        data-indicateur={snapshot.indicateur || undefined} aria-busy={busy || undefined} aria-labelledby={titleId}>
        <div className="chart-head">
          <H id={titleId} className={hideTitle ? 'visually-hidden' : 'chart-title'}>{snapshot.title}</H>
        </div>
        <p className="muted chart-empty">{m.chartEmpty}</p>
      </figure>
    );
  }
  return (
    <figure
      className={`chart chart-${snapshot.kind}${busy ? ' is-busy' : ''}`}
      data-chart={snapshot.kind}
      data-ready={ready ? 'true' : undefined}
      data-indicateur={snapshot.indicateur || undefined}
      aria-busy={busy || undefined}
      aria-labelledby={titleId}
    >
      <div className="chart-head">
        <H id={titleId} className={hideTitle ? 'visually-hidden' : 'chart-title'}>{snapshot.title}</H>
        {actions ? <div className="chart-actions">{actions}</div> : null}
      </div>
      {snapshot.definition ? <p className="chart-definition">{snapshot.definition}</p> : null}
      <p className="chart-summary">{snapshot.summary}</p>
      <div className="chart-body">{children}</div>
      {srTable ? (
        <div className="visually-hidden">
          <SnapshotTable snapshot={snapshot} />
        </div>
      ) : (
        <>
          <button type="button" className="btn-link" aria-expanded={open} aria-controls={tableId} onClick={() => setOpen(!open)}>
            {open ? m.hideTable : m.showTable}
          </button>
          <div id={tableId} className="table-wrap" hidden={!open}>
            {open ? <SnapshotTable snapshot={snapshot} /> : null}
          </div>
        </>
      )}
      <figcaption className="chart-foot">
        {snapshot.notes.length ? (
          <ul className="chart-notes" aria-label={m.notesLabel}>
            {snapshot.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        ) : null}
        <p className="chart-sources">
          <strong>{m.sourcesLabel}</strong>{' '}
          {snapshot.sources.map((s, i) => (
            <span key={s.name}>
              {i > 0 ? ' · ' : ''}
              {sourceCredit(s, snapshot.lang)}
            </span>
          ))}
        </p>
      </figcaption>
    </figure>
  );
}
