import { useMemo, useState } from 'react';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type SortingState, type Table } from '@tanstack/react-table';
import type { DataViewMessages } from '../../i18n/data';
import { formatCount, type Lang } from '../../lib/format';
import { runQuery } from '../../data/client';
import { CountRow, facetsQuery, FacetRow, NameRow, observationNamesQuery, observationsCountQuery, observationsQuery, ObservationRow, SORTABLE, type ObservationFilter, type SortColumn } from '../../data/sql/observations';
import { useDbQuery } from '../use-db';
import { toCsv } from '../../data/csv-export';
import { downloadText } from '../../ui/download';
import { getDb } from '../../data/db-loader';
import { stripBidi } from '../../lib/bidi';
import { OBSERVATION_COLUMNS, observationCells, observationHead, territoryName, type ObservationNames } from '../../render/table-model';

const PAGE = 25;

/** Exports observations as formula-safe CSV, each row with its source and licence. */
export async function exportObservations(filter: ObservationFilter, fileName: string): Promise<void> {
  const rows = await runQuery(await getDb(), observationsQuery(filter, { col: 'territoire', desc: false }), ObservationRow);
  downloadText(toCsv([...OBSERVATION_COLUMNS, 'licence'], rows.map((r) => [...OBSERVATION_COLUMNS.map((c) => r[c]), r.licence])), fileName, 'text/csv;charset=utf-8');
}

/** Names of territories, indicators and datasets in one language, from the rows of observationNamesQuery. */
function namesOf(rows: readonly NameRow[] | undefined, lang: Lang): ObservationNames {
  const maps = { territoire: new Map<string, string>(), indicateur: new Map<string, string>(), jeu: new Map<string, string>() };
  for (const r of rows ?? []) maps[r.kind].set(r.code, stripBidi(lang === 'en' ? r.nom_en : r.nom_fr));
  return maps;
}

/** One named filter: a labelled select whose options show names, not codes. */
function FilterSelect({ label, value, options, all, onChange }: {
  label: string; value: string; options: readonly { value: string; text: string }[]; all: string; onChange: (v: string) => void;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{all}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.text}</option>)}
      </select>
    </label>
  );
}

/** The table's headers in words, each sortable column a button that says what it sorts by. */
function SortHeaders({ table, head, t }: { table: Table<ObservationRow>; head: ReturnType<typeof observationHead>; t: DataViewMessages }) {
  return (
    <thead>
      {table.getHeaderGroups().map((hg) => (
        <tr key={hg.id}>
          {hg.headers.map((h, i) => {
            const s = h.column.getIsSorted();
            const text = head[i]?.text ?? h.column.id;
            return (
              <th key={h.id} scope="col" className={head[i]?.num ? 'num' : undefined} aria-sort={s === 'asc' ? 'ascending' : s === 'desc' ? 'descending' : undefined}>
                {h.column.getCanSort() ? (
                  <button type="button" className="sort-btn" onClick={h.column.getToggleSortingHandler()} aria-label={t.tableSortBy(text)}>
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
  );
}

/** One page of observations and the total count, for a filter and a sort, from DuckDB (the last page while the next loads). */
function useObservationPage(filter: ObservationFilter, sort: { col: SortColumn; desc: boolean }, page: number) {
  const q = useDbQuery(`obs:${JSON.stringify([filter, sort, page])}`, async (conn) => ({
    rows: await runQuery(conn, observationsQuery(filter, sort, { limit: PAGE, offset: page * PAGE }), ObservationRow),
    total: (await runQuery(conn, observationsCountQuery(filter), CountRow))[0]?.n ?? 0,
  }));
  return q.status === 'ready' ? q.data : q.stale;
}

/** The four named filters (territory, indicator, year, dataset) and the export of the filtered rows. */
function ObservationFilters({ filter, onChange, names, t }: {
  filter: ObservationFilter; onChange: (f: ObservationFilter) => void; names: ObservationNames; t: DataViewMessages;
}) {
  const facets = useDbQuery('facets', async (conn) => (await runQuery(conn, facetsQuery(), FacetRow))[0]);
  const f = facets.status === 'ready' ? facets.data : undefined;
  const set = (key: keyof ObservationFilter) => (v: string) => onChange({ ...filter, [key]: v === '' ? undefined : key === 'annee' ? Number(v) : v });
  const opts = (values: readonly (string | number)[] | undefined, text: (v: string) => string) => (values ?? []).map((v) => ({ value: String(v), text: text(String(v)) }));
  return (
    <div className="controls obs-filters">
      <FilterSelect label={t.tableFilterTerritory} value={filter.territoire ?? ''} all={t.tableAll} onChange={set('territoire')} options={opts(f?.territoires, (c) => territoryName(c, names))} />
      <FilterSelect label={t.tableFilterIndicator} value={filter.indicateur ?? ''} all={t.tableAll} onChange={set('indicateur')} options={opts(f?.indicateurs, (c) => names.indicateur.get(c) ?? c)} />
      <FilterSelect label={t.tableFilterYear} value={filter.annee === undefined ? '' : String(filter.annee)} all={t.tableAll} onChange={set('annee')} options={opts(f?.annees, (c) => c)} />
      <FilterSelect label={t.tableFilterDataset} value={filter.jeu ?? ''} all={t.tableAll} onChange={set('jeu')} options={opts(f?.jeux, (c) => names.jeu.get(c) ?? c)} />
      <button type="button" className="btn-link" onClick={() => void exportObservations(filter, 'observations-filtrees.csv')}>{t.downloadFiltered}</button>
    </div>
  );
}

/** Previous / next page, and « page N sur M ». */
function Pager({ page, pages, onPage, lang, t }: { page: number; pages: number; onPage: (p: number) => void; lang: Lang; t: DataViewMessages }) {
  return (
    <div className="pager">
      <button type="button" className="btn-link" disabled={page === 0} onClick={() => onPage(page - 1)}>{t.tablePrev}</button>
      <span>{t.tablePage(formatCount(page + 1, lang), formatCount(pages, lang))}</span>
      <button type="button" className="btn-link" disabled={page + 1 >= pages} onClick={() => onPage(page + 1)}>{t.tableNext}</button>
    </div>
  );
}

/** The observations in a TanStack table: sorted and paginated by SQL, filtered by territory, indicator, year, dataset. */
export function ObservationsTable({ lang, t }: { lang: Lang; t: DataViewMessages }) {
  const [filter, setFilter] = useState<ObservationFilter>({});
  const [sorting, setSorting] = useState<SortingState>([{ id: 'territoire', desc: false }]);
  const [page, setPage] = useState(0);
  const sort = { col: (SORTABLE as readonly string[]).includes(sorting[0]?.id ?? '') ? (sorting[0]?.id as SortColumn) : 'territoire', desc: sorting[0]?.desc ?? false };
  const nameRows = useDbQuery('observation-names', (conn) => runQuery(conn, observationNamesQuery(), NameRow));
  const data = useObservationPage(filter, sort, page);
  const names = useMemo(() => namesOf(nameRows.status === 'ready' ? nameRows.data : nameRows.stale, lang), [nameRows, lang]);
  const head = observationHead(lang);
  const columns: ColumnDef<ObservationRow>[] = head.map((h) => ({
    id: h.id,
    accessorKey: h.id,
    header: h.text,
    enableSorting: (SORTABLE as readonly string[]).includes(h.id),
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
  const total = data?.total ?? 0;
  const shown = data?.rows.length ?? 0;
  return (
    <section className="card" aria-labelledby="obs-title">
      <h2 id="obs-title">{t.tableTitle}</h2>
      <ObservationFilters filter={filter} onChange={(f) => { setFilter(f); setPage(0); }} names={names} t={t} />
      <p className="muted" data-testid="observations-count" data-total={total}>{t.tableCount(formatCount(shown, lang), formatCount(total, lang), total)}</p>
      <div className="table-wrap">
        <table className="data-table compact observations">
          <SortHeaders table={table} head={head} t={t} />
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className={row.original.actif ? undefined : 'is-inactive'}>
                {observationCells(row.original, names, lang).map((c) => <td key={c.id} data-col={c.id} className={c.num ? 'num' : undefined}>{c.text}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={page} pages={Math.max(1, Math.ceil(total / PAGE))} onPage={setPage} lang={lang} t={t} />
    </section>
  );
}
