import { useState } from 'react';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
import type { Messages } from '../../i18n';
import { formatCount, formatNumber, type Lang } from '../../lib/format';
import { runQuery } from '../../data/client';
import { CountRow, facetsQuery, FacetRow, observationsCountQuery, observationsQuery, ObservationRow, SORTABLE, type ObservationFilter, type SortColumn } from '../../data/sql/observations';
import { useDbQuery } from '../use-db';
import { toCsv } from '../../data/csv-export';
import { downloadText } from '../../ui/download';
import { getDb } from '../../data/db-loader';

const PAGE = 25;
const COLUMNS = ['territoire', 'annee', 'indicateur', 'femmes', 'hommes', 'total', 'part_femmes', 'statut', 'jeu', 'source'] as const;

/** Exports observations as formula-safe CSV, each row with its source and licence. */
export async function exportObservations(filter: ObservationFilter, fileName: string): Promise<void> {
  const rows = await runQuery(await getDb(), observationsQuery(filter, { col: 'territoire', desc: false }), ObservationRow);
  downloadText(toCsv([...COLUMNS, 'licence'], rows.map((r) => [...COLUMNS.map((c) => r[c]), r.licence])), fileName, 'text/csv;charset=utf-8');
}

/** The observations in a TanStack table: sorted and paginated by SQL, filtered by territory, indicator, year, dataset. */
export function ObservationsTable({ lang, t }: { lang: Lang; t: Messages }) {
  const [filter, setFilter] = useState<ObservationFilter>({});
  const [sorting, setSorting] = useState<SortingState>([{ id: 'territoire', desc: false }]);
  const [page, setPage] = useState(0);
  const sort = { col: (SORTABLE as readonly string[]).includes(sorting[0]?.id ?? '') ? (sorting[0]?.id as SortColumn) : 'territoire', desc: sorting[0]?.desc ?? false };
  const facets = useDbQuery('facets', async (conn) => (await runQuery(conn, facetsQuery(), FacetRow))[0]);
  const q = useDbQuery(`obs:${JSON.stringify([filter, sort, page])}`, async (conn) => ({
    rows: await runQuery(conn, observationsQuery(filter, sort, { limit: PAGE, offset: page * PAGE }), ObservationRow),
    total: (await runQuery(conn, observationsCountQuery(filter), CountRow))[0]?.n ?? 0,
  }));
  const data = q.status === 'ready' ? q.data : q.stale;
  const num = (v: unknown) => (typeof v === 'number' ? formatNumber(v, lang, Number.isInteger(v) ? 0 : 1) : '');
  const columns: ColumnDef<ObservationRow>[] = COLUMNS.map((c) => ({
    id: c,
    accessorKey: c,
    header: c,
    enableSorting: (SORTABLE as readonly string[]).includes(c),
    cell: (info) => (['femmes', 'hommes', 'total', 'part_femmes'].includes(c) ? num(info.getValue()) : String(info.getValue() ?? '')),
  }));
  const table = useReactTable({
    data: data?.rows ?? [],
    columns,
    state: { sorting },
    manualSorting: true,
    manualPagination: true,
    onSortingChange: (u) => { setSorting(u); setPage(0); },
    getCoreRowModel: getCoreRowModel(),
  });
  const f = facets.status === 'ready' ? facets.data : undefined;
  const pages = Math.max(1, Math.ceil((data?.total ?? 0) / PAGE));
  const select = (label: string, key: keyof ObservationFilter, values: readonly (string | number)[]) => (
    <label>
      {label}
      <select value={filter[key] ?? ''} onChange={(e) => { setFilter({ ...filter, [key]: e.target.value === '' ? undefined : key === 'annee' ? Number(e.target.value) : e.target.value }); setPage(0); }}>
        <option value="">{t.tableAll}</option>
        {values.map((v) => <option key={v} value={v}>{v}</option>)}
      </select>
    </label>
  );
  return (
    <section className="card" aria-labelledby="obs-title">
      <h2 id="obs-title">{t.tableTitle}</h2>
      <div className="controls">
        {select(t.tableFilterTerritory, 'territoire', f?.territoires ?? [])}
        {select(t.tableFilterIndicator, 'indicateur', f?.indicateurs ?? [])}
        {select(t.tableFilterYear, 'annee', f?.annees ?? [])}
        {select(t.tableFilterDataset, 'jeu', f?.jeux ?? [])}
        <button type="button" className="btn-link" onClick={() => void exportObservations(filter, 'observations-filtrees.csv')}>{t.downloadFiltered}</button>
      </div>
      <p className="muted" data-testid="observations-count" data-total={data?.total ?? 0}>{t.tableCount(formatCount(data?.rows.length ?? 0, lang), formatCount(data?.total ?? 0, lang))}</p>
      <div className="table-wrap">
        <table className="data-table compact">
          <thead>
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => {
                  const s = h.column.getIsSorted();
                  return (
                    <th key={h.id} scope="col" aria-sort={s === 'asc' ? 'ascending' : s === 'desc' ? 'descending' : undefined}>
                      {h.column.getCanSort() ? (
                        <button type="button" className="sort-btn" onClick={h.column.getToggleSortingHandler()} aria-label={t.tableSortBy(String(h.column.id))}>
                          {flexRender(h.column.columnDef.header, h.getContext())} {s === 'asc' ? '▲' : s === 'desc' ? '▼' : ''}
                        </button>
                      ) : (
                        flexRender(h.column.columnDef.header, h.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className={row.original.actif ? undefined : 'is-inactive'}>
                {row.getVisibleCells().map((cell) => <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="pager">
        <button type="button" className="btn-link" disabled={page === 0} onClick={() => setPage(page - 1)}>{t.tablePrev}</button>
        <span>{t.tablePage(formatCount(page + 1, lang), formatCount(pages, lang))}</span>
        <button type="button" className="btn-link" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>{t.tableNext}</button>
      </div>
    </section>
  );
}
