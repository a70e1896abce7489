/** A counter bumped whenever the loaded data changes (import, delete, activation): views re-query on change. */
let version = 0;
const listeners = new Set<() => void>();

export function getDataVersion(): number {
  return version;
}

export function subscribeDataVersion(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function bumpDataVersion(): void {
  version++;
  for (const l of listeners) l();
}
