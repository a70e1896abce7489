/** A file's name without its extension (`estat_isoc_sks_itsps.tsv`, `….tsv.gz`, `….csv.zip` → `estat_isoc_sks_itsps`), as sources cite it. */
export function fileBase(fileName: string): string {
  return fileName.replace(/\.(gz|zip)$/i, '').replace(/\.[a-z0-9]{1,5}$/i, '').slice(0, 300);
}

/**
 * The name an import goes by (its dataset's id, its default name): for a file chosen in an archive of several files,
 * the archive's and the file's (`insee_2021 › emploi.csv`: another file of the archive is another dataset, and the
 * same file in next year's archive too), else the file's own name.
 */
export function importName(fileName: string, archive?: { readonly files: readonly string[]; readonly chosen: string | null }): string {
  const entry = archive && archive.files.length > 1 ? archive.chosen?.split(/[\\/]/).pop() : undefined;
  return entry ? `${fileBase(fileName)} › ${entry}` : fileName;
}

/**
 * `opts` with the file an archive was read from as its only one of a recognised format (`archive.auto`) set as chosen
 * (`entree`): the next analysis of the file (another encoding, a recipe) and its replay read that same file.
 */
export function withArchiveChoice<O extends { readonly entree?: string }>(opts: O, archive?: { readonly chosen: string | null; readonly auto?: boolean }): O {
  return opts.entree === undefined && archive?.auto && archive.chosen !== null ? { ...opts, entree: archive.chosen } : opts;
}
