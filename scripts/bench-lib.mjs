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

/**
 * Indicator changes on an open page (DuckDB ready), each to an indicator with département data not shown before
 * in that page: the page keeps recent answers, and going back to one would be a cache hit, not a query.
 */
const INDICATORS = ['sup_numerique', 'nsi_lycee', 'formation_numerique', 'emploi_technique', 'demandeurs_numerique'];

/** The bench's `interaction_ms` samples: the time from each of `n` indicator changes to every chart redrawn. */
export async function interactions(page, n) {
  const out = [];
  for (let i = 0; i < Math.min(n, INDICATORS.length); i++) {
    const id = INDICATORS[i];
    const ms = await page.evaluate(async (id) => {
      const select = document.querySelector('select');
      const t0 = performance.now();
      select.value = id;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await new Promise((resolve, reject) => {
        const give_up = setTimeout(() => reject(new Error(`charts not ready for ${id} after 60 s`)), 60000);
        const check = () => {
          const charts = [...document.querySelectorAll('[data-chart]')];
          if (new URL(location.href).searchParams.get('indicateur') === id && charts.length && charts.every((e) => e.getAttribute('data-ready') === 'true' && (e.getAttribute('data-indicateur') ?? id) === id)) {
            clearTimeout(give_up);
            resolve(undefined);
          } else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
      return performance.now() - t0;
    }, id);
    out.push(Math.round(ms));
  }
  return out;
}
