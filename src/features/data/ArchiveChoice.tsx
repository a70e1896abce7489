import type { DataViewMessages } from '../../i18n/data';

/**
 * Which file of a ZIP archive to import (`select[data-testid=import-zip-entry]`, option values are the archive's
 * file names), shown when the archive holds several: nothing is picked for the analyst. A change asks for a new analysis.
 */
export function ArchiveChoice({ archive, t, onChoose }: { archive: { readonly files: readonly string[]; readonly chosen: string | null }; t: DataViewMessages; onChoose: (file: string) => void }) {
  return (
    <fieldset className="recipe">
      <legend>{t.archiveTitle}</legend>
      <label>
        {t.archiveFile}
        <select data-testid="import-zip-entry" value={archive.chosen ?? ''} onChange={(e) => e.target.value && onChoose(e.target.value)}>
          {archive.chosen === null ? <option value="">{t.eurostatChoose}</option> : null}
          {archive.files.map((f) => <option key={f} value={f}>{f}</option>)}
        </select>
      </label>
    </fieldset>
  );
}
