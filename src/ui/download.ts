/** Saves a Blob as a file through a temporary link (same origin, no request). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Saves text (CSV with a BOM so that spreadsheets read UTF-8, JSON as is). */
export function downloadText(text: string, fileName: string, type: string): void {
  const bom = type.startsWith('text/csv') ? '\ufeff' : '';
  downloadBlob(new Blob([bom + text], { type }), fileName);
}
