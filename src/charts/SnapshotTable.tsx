import type { ChartSnapshot } from '../snapshot/schema';
import { snapshotTable } from '../render/table-model';

/** The data behind a chart as a table: what screen readers read, and what "show the data" reveals. */
export function SnapshotTable({ snapshot, id }: { snapshot: ChartSnapshot; id?: string }) {
  const t = snapshotTable(snapshot);
  return (
    <table className="data-table" id={id}>
      <caption>{t.caption}</caption>
      <thead>
        <tr>
          {t.head.map((c) => (
            <th key={c.text} scope="col" className={c.num ? 'num' : undefined}>{c.text}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {t.rows.map((r) => (
          <tr key={r.key}>
            {r.cells.map((c, i) =>
              c.header ? (
                <th key={i} scope="row" className={c.num ? 'num' : undefined}>{c.text}</th>
              ) : (
                <td key={i} className={c.num ? 'num' : undefined}>{c.text}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
