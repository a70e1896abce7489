import type { ReactNode } from 'react';
import type { DataViewMessages } from '../../i18n/data';
import { formatCount, type Lang } from '../../lib/format';
import type { DiffRow, ImportResult, Problem } from '../../data/import';
import { toCsv } from '../../data/csv-export';
import { downloadText } from '../../ui/download';
import { groupProblems, reportStatus, type ProblemGroup } from './problem-groups';

const FIRST = 5;
const FIRST_LINES = 20;

/** One group of problems: a title in words with its count, the code beside it, each distinct message once with its lines. */
function GroupView({ g, lang, t }: { g: ProblemGroup; lang: Lang; t: DataViewMessages }) {
  const n = (x: number) => formatCount(x, lang);
  return (
    <details open data-testid="problem-group" data-code={g.code} data-count={g.count}>
      <summary>
        <strong>{t.problemTitles[g.code] ?? g.code}</strong> ({t.problemGroupCount(n(g.count), g.byLine, g.count === 1)}) <code className="muted">{g.code}</code>
      </summary>
      <ul className="problem-messages">
        {g.messages.slice(0, FIRST).map((m, i) => (
          <li key={i} data-testid="problem-message">
            {m.colonne ? <>{lang === 'en' ? `"${m.colonne}"` : `« ${m.colonne} »`} — </> : null}{lang === 'en' ? m.message_en : m.message_fr}
            {m.lignes.length ? <span className="muted"> {t.problemLines(m.lignes.slice(0, FIRST_LINES).join(', '), m.lignes.length > FIRST_LINES ? n(m.lignes.length - FIRST_LINES) : '', m.lignes.length === 1)}</span> : null}
          </li>
        ))}
      </ul>
      {g.messages.length > FIRST ? <p className="muted">{t.reportMore(n(g.messages.length - FIRST))}</p> : null}
    </details>
  );
}

/**
 * The validation report: status, counts, what the file needs chosen (`choices`, e.g. a Eurostat file's indicator and
 * dimensions), problems grouped by code under a title in words, each distinct message once with its lines, preview, diff. `data-status` is "ok", "warning"
 * (importable, with warnings) or "error".
 */
export function ImportReport({ result, rowCount, diff, adding = false, fast = false, why, lang, t, choices }: { result: ImportResult; rowCount: number; diff: DiffRow | null; adding?: boolean; fast?: boolean; why?: string; lang: Lang; t: DataViewMessages; choices?: ReactNode }) {
  const status = reportStatus(result, rowCount);
  const ok = status !== 'error';
  const n = (x: number) => formatCount(x, lang);
  const errors = result.problems.filter((p) => p.severity === 'erreur');
  const warnings = result.problems.filter((p) => p.severity !== 'erreur');
  // An archive whose file is not chosen yet: nothing has been read to describe.
  const awaiting = result.archive?.chosen === null;
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
        {awaiting ? null : <li>{t.reportFormat(t.formatName(result.format))}{result.recipe ? ` — ${result.recipe.nom}` : ''}</li>}
        {result.compression ? <li>{t.reportCompression(result.compression, result.archive?.chosen ?? null, result.archive?.auto === true)}</li> : null}
        {result.encoding ? <li>{t.reportEncoding(result.encoding, result.bom)}</li> : null}
        {result.delimiter ? <li>{t.reportDelimiter(result.delimiter)}</li> : null}
        {awaiting ? null : <li>{t.reportCounts(n(result.dataRows), result.titleRows, result.blankRows, result.footnoteRows, n(result.skipped))}</li>}
        {fast ? <li>{t.reportFastPath}</li> : null}
        {diff ? <li data-testid="import-diff">{adding ? t.reportAddDiff(n(diff.ajoutees), n(diff.modifiees), n(diff.inchangees)) : t.reportDiff(n(diff.ajoutees), n(diff.retirees), n(diff.modifiees), n(diff.inchangees))}</li> : null}
      </ul>
      {choices}
      {[[t.reportProblems, errors], [t.reportWarnings, warnings]].map(([title, list]) =>
        (list as Problem[]).length ? (
          <div key={title as string} className="report-problems">
            <h4>{title as string}</h4>
            {groupProblems(list as Problem[]).map((g) => <GroupView key={g.code} g={g} lang={lang} t={t} />)}
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
