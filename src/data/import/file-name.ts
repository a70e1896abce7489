/** A file's name without its extension (`estat_isoc_sks_itsps.tsv`, `….tsv.gz`, `….csv.zip` → `estat_isoc_sks_itsps`), as sources cite it. */
export function fileBase(fileName: string): string {
  return fileName.replace(/\.(gz|zip)$/i, '').replace(/\.[a-z0-9]{1,5}$/i, '').slice(0, 300);
}
