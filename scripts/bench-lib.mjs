/** Helpers shared by the measurement scripts and the benchmark. */
export function arg(name, dflt) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? null : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** In-page predicate: every chart of the page shows data. */
export function allChartsReady() {
  const all = [...document.querySelectorAll('[data-chart]')];
  return all.length > 0 && all.every((e) => e.getAttribute('data-ready') === 'true');
}
