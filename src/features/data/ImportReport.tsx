import type { ReactNode } from 'react';
import type { Messages } from '../../i18n';
import { formatCount, type Lang } from '../../lib/format';
import type { ImportResult } from '../../data/import/run';
import type { Problem } from '../../data/import/problems';
import type { DiffRow } from '../../data/import/commit';
import { toCsv } from '../../data/csv-export';
import { downloadText } from '../../ui/download';

const FIRST = 5;

function groups(problems: readonly Problem[]): [string, Problem[]][] {
  const m = new Map<string, Problem[]>();
  for (const p of problems) {
    const list = m.get(p.code);
    if (list) list.push(p);
    else m.set(p.code, [p]);
  }
  return [...m.entries()];
}

/**
 * The validation report: status, counts, what the file needs chosen (`choices`, e.g. a Eurostat file's indicator and
 * dimensions), problems grouped by code with their first rows, preview, diff. `data-status` is "ok", "warning"
 * (importable, with warnings) or "error".
 */
export function ImportReport({ result, rowCount, diff, fast = false, why, lang, t, choices }: { result: ImportResult; rowCount: number; diff: DiffRow | null; fast?: boolean; why?: string; lang: Lang; t: Messages; choices?: ReactNode }) {
  const ok = result.errors === 0 && rowCount > 0;
  const status = ok ? (result.warnings > 0 ? 'warning' : 'ok') : 'error';
  const n = (x: number) => formatCount(x, lang);
  const errors = result.problems.filter((p) => p.severity === 'erreur');
  const warnings = result.problems.filter((p) => p.severity !== 'erreur');
  const download = () =>
    downloadText(
      toCsv(['code', 'gravite', 'ligne', 'colonne', 'valeur', 'message_fr', 'message_en'], result.problems.map((p) => [p.code, p.severity, p.ligne, p.colonne, p.valeur, p.message_fr, p.message_en])),
      'problemes-import.csv',
      'text/csv;charset=utf-8',
    );
  return (
    <section className={`report ${ok ? 'is-ok' : 'is-error'}`} data-testid="import-report" data-status={status} data-rows={ok ? rowCount : 0} data-errors={result.errors} data-path={fast ? 'rapide' : 'complet'} data-path-reason={why} aria-live="polite">
      <p className="report-status" role={ok ? 'status' : 'alert'}>
        <strong>{ok ? t.reportOk(n(rowCount)) : t.reportError(n(Math.max(1, result.errors)))}</strong>
      </p>
      <ul className="report-facts">
        <li>{t.reportFormat(t.formatName(result.format))}{result.recipe ? ` — ${result.recipe.nom}` : ''}</li>
        {result.encoding ? <li>{t.reportEncoding(result.encoding, result.bom)}</li> : null}
        {result.delimiter ? <li>{t.reportDelimiter(result.delimiter)}</li> : null}
        <li>{t.reportCounts(n(result.dataRows), result.titleRows, result.blankRows, result.footnoteRows, n(result.skipped))}</li>
        {fast ? <li>{t.reportFastPath}</li> : null}
        {diff ? <li>{t.reportDiff(n(diff.ajoutees), n(diff.retirees), n(diff.modifiees), n(diff.inchangees))}</li> : null}
      </ul>
      {choices}
      {[[t.reportProblems, errors], [t.reportWarnings, warnings]].map(([title, list]) =>
        (list as Problem[]).length ? (
          <div key={title as string} className="report-problems">
            <h4>{title as string}</h4>
            {groups(list as Problem[]).map(([code, ps]) => (
              <details key={code} open={ps[0]?.severity === 'erreur'}>
                <summary>
                  <code>{code}</code> ({n(ps.length)}) — {lang === 'en' ? ps[0]?.message_en : ps[0]?.message_fr}
                </summary>
                <table className="data-table compact">
                  <thead>
                    <tr><th scope="col">{t.reportLine}</th><th scope="col">{t.reportColumn}</th><th scope="col">{t.reportMessage}</th></tr>
                  </thead>
                  <tbody>
                    {ps.slice(0, FIRST).map((p, i) => (
                      <tr key={i}><td>{p.ligne ?? '—'}</td><td>{p.colonne ?? '—'}</td><td>{lang === 'en' ? p.message_en : p.message_fr}</td></tr>
                    ))}
                  </tbody>
                </table>
                {ps.length > FIRST ? <p className="muted">{t.reportMore(n(ps.length - FIRST))}</p> : null}
              </details>
            ))}
          </div>
        ) : null,
      )}
      {result.problems.length ? <button type="button" className="btn-link" onClick={download}>{t.reportDownload}</button> : null}
      {result.rows.length ? (
        <div className="table-wrap">
          <table className="data-table compact">
            <caption>{t.preview}</caption>
            <thead>
              <tr>{['territoire', 'annee', 'indicateur', 'femmes', 'hommes', 'total', 'part_femmes', 'statut'].map((h) => <th key={h} scope="col">{h}</th>)}</tr>
            </thead>
            <tbody>
              {result.rows.slice(0, 8).map((r) => (
                <tr key={r.line}>
                  <td>{r.territoire}</td><td>{r.annee}</td><td>{r.indicateur}</td><td>{r.femmes ?? ''}</td><td>{r.hommes ?? ''}</td><td>{r.total ?? ''}</td><td>{r.part_femmes ?? ''}</td><td>{r.statut ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
