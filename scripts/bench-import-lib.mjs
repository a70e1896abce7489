/**
 * The benchmark's import steps (scripts/bench.mjs: `import_ms`, `raw_read_csv_ms`, `import_ratio`), shared with
 * scripts/bench-import.mjs, which runs them alone against several builds in turn.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchCsv } from './bench-data.mjs';

/**
 * Writes the bench's files: the `rows`-row CSV (in the temporary folder, and as `bench-floor.csv` in each of
 * `dists`: the floor's page fetches it, a 235 MB string through the DevTools protocol would crash the page) and the
 * small file declaring its indicators. Returns their paths.
 */
export function writeBenchFiles(rows, dists) {
  const file = path.join(os.tmpdir(), `parite-bench-${rows}.csv`);
  const { csv, indicators } = benchCsv(rows);
  writeFileSync(file, csv);
  // The bench file's indicators are not in the catalogue: the analyst declares them once, with a small file of their
  // own imported through the same panel (one row each, for Paris: outside the dashboard's scope, so nothing measured
  // changes). The timed import is then the whole import of a file the catalogue knows.
  const declFile = path.join(os.tmpdir(), 'parite-bench-indicateurs.csv');
  writeFileSync(declFile, ['territoire,annee,indicateur,femmes,hommes,total,part_femmes,statut,source', ...indicators.map((id) => `75,2020,${id},1,1,2,,,Banc d'essai`)].join('\n') + '\n');
  const floorFiles = dists.map((d) => path.join(d, 'bench-floor.csv'));
  for (const f of floorFiles) writeFileSync(f, csv);
  return { file, declFile, floorFiles };
}

/**
 * On a page opened at `/?vue=donnees&bench` with the defaults listed: the floor (DuckDB's own read_csv of the same
 * file, in the same page), then the indicators declared. Returns the floor in ms and the import panel's file input.
 * `settle` (ms, 0 in the bench): a pause before the floor and another after the declaration, for the background work
 * of the steps before (V8 compiling DuckDB's code they made hot) to end before the next one is timed.
 */
export async function prepareImport(page, declFile, settle = 0) {
  if (settle) await page.waitForTimeout(settle);
  const floor = Math.round(await page.evaluate(async () => window.__pariteBench.readCsvMs('./bench-floor.csv')));
  const input = page.locator('[data-testid="import"] input[type=file]').first();
  await input.setInputFiles(declFile);
  await page.waitForSelector('[data-testid="import-report"][data-status]', { timeout: 120000 });
  await page.getByRole('button', { name: /^Déclarer les indicateurs/ }).click();
  await page.waitForSelector('[data-testid="import-report"][data-status="ok"]', { timeout: 120000 });
  await page.getByRole('button', { name: /^Importer/ }).click();
  await page.waitForSelector('[data-dataset="parite_bench_indicateurs"]', { timeout: 120000 });
  if (settle) await page.waitForTimeout(settle);
  return { floor, input };
}

/**
 * The timed import of `file` (`rows` rows) through `input`, timed in the page: from the file input's change event
 * (before the app sees it) to the dataset listed with its rows, « Importer » clicked as soon as the report shows it (a
 * user's reading time is not the app's; Playwright's own round trips added 150 to 300 ms that are neither the app's nor
 * the floor's). Returns `t0` (the change, in the page's time), `analysis` and `total` in ms, and the import's step marks
 * (`import:*` measures) relative to `t0`.
 */
export async function timedImport(page, input, file, rows) {
  await page.evaluate(() => performance.clearMeasures());
  await page.evaluate((rows) => {
    window.__benchImport = new Promise((resolve, reject) => {
      const give_up = setTimeout(() => reject(new Error('import not listed after 600 s')), 600000);
      const button = (re) => [...document.querySelectorAll('[data-testid="import"] button')].find((b) => re.test(b.textContent ?? ''));
      let t0 = 0;
      let report = 0;
      document.addEventListener('change', () => (t0 = performance.now()), { capture: true, once: true });
      const mo = new MutationObserver(() => {
        if (!t0) return;
        const failed = document.querySelector('[data-testid="import-report"][data-status]:not([data-status="ok"])');
        if (failed) {
          mo.disconnect();
          reject(new Error(`import failed: ${failed.textContent?.slice(0, 300)}`));
        }
        if (!report && document.querySelector('[data-testid="import-report"][data-status="ok"]')) {
          report = performance.now();
          button(/^Importer/).click();
        }
        if (report && document.querySelector(`[data-dataset="parite_bench_${rows}"][data-rows="${rows}"]`)) {
          mo.disconnect();
          clearTimeout(give_up);
          resolve({ t0, analysis: report - t0, total: performance.now() - t0 });
        }
      });
      mo.observe(document.body, { subtree: true, childList: true, attributes: true });
    });
  }, rows);
  await input.setInputFiles(file);
  const timed = await page.evaluate(() => window.__benchImport);
  const steps = await page.evaluate((t0) => performance.getEntriesByType('measure').filter((m) => m.name.startsWith('import:'))
    .map((m) => `${m.name.slice(7)} ${Math.round(m.startTime - t0)}→${Math.round(m.startTime + m.duration - t0)}`).join(', '), timed.t0);
  return { ...timed, steps };
}

/**
 * CPU time (ms) used so far by each kind of Chromium thread on this machine, by process type and thread name (the
 * renderer's `ThreadPoolForeg`, where V8 compiles DuckDB's WebAssembly; `DedicatedWorker`, DuckDB's and the import's
 * workers; `chromium`, a process's main thread…), from Linux's /proc; null elsewhere. Two readings' difference is
 * what a step cost each kind of thread (`threadCpuDiff`).
 */
export function chromiumThreadCpu() {
  if (!existsSync('/proc/self/task')) return null;
  const tick = 100; // USER_HZ: /proc's clock ticks per second on Linux
  const cpu = new Map();
  for (const pid of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!/chrom/i.test(cmd.split('\0')[0] ?? '')) continue;
      const type = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser';
      for (const t of readdirSync(`/proc/${pid}/task`)) {
        const stat = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/\d+$/, '');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const key = `${type}/${name}`;
        cpu.set(key, (cpu.get(key) ?? 0) + ((Number(f[11]) + Number(f[12])) * 1000) / tick);
      }
    } catch {
      // a process or thread that ended meanwhile
    }
  }
  return cpu;
}

/** What each kind of thread used between two readings of chromiumThreadCpu, as text (30 ms and more, most first). */
export function threadCpuDiff(before, after) {
  if (!before || !after) return 'per-thread CPU: not on this system';
  const d = [...after].map(([k, v]) => [k, v - (before.get(k) ?? 0)]).filter(([, v]) => v >= 30).sort((a, b) => b[1] - a[1]);
  return `CPU ms ${d.reduce((s, [, v]) => s + v, 0)}: ${d.map(([k, v]) => `${k} ${v}`).join(', ')}`;
}
