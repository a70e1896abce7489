#!/usr/bin/env node
/**
 * `npm test` (the full tier, which CI runs): type check, lint, production build, then every vitest project (unit,
 * SQL against real DuckDB, browser tests in headless Chromium).
 * `npm run test:quick` (`--quick`): type check, lint, the unit and sql projects (not sql-heavy); no build, no browser.
 * Both tiers list every skipped test by name (tests/helpers/skipped-reporter.ts), print the time each part and the
 * whole took, and end with one plain line "N passed, N failed" that CI can read. Other arguments go to one vitest
 * process, after the build (`npm test -- --project unit`). A failed type check, lint or build stops everything: no
 * test is counted then.
 *
 * The work runs in two lanes at once, each one process after the other, so that a 2-core machine stays busy to the end
 * (every part is bound by the processor, the browser tests use more than one core): the lanes are balanced from the
 * per-file times of an idle run (docs/performance.md, « The test suite's time »); each part's time is printed at the
 * end, to rebalance them.
 *   lane 1: build, then the browser tests but those of E2E_LANE_2 (report test-results/vitest-1.json);
 *   lane 2: type check, lint, the Node tests (vitest-2.json), then the browser tests of E2E_LANE_2 (vitest-3.json).
 * Each vitest process that runs browser tests serves dist/ and drives a Chromium of its own (tests/e2e/global-setup.ts).
 */
import { spawn } from 'node:child_process';
import { readFileSync, mkdirSync, rmSync } from 'node:fs';

/**
 * Browser test files run in lane 2, once the Node tests are done: short files (about a quarter of the browser tests'
 * time), so that both lanes end together. A file not listed runs in lane 1.
 */
const E2E_LANE_2 = [
  'tests/e2e/a11y.test.ts', 'tests/e2e/csp.test.ts', 'tests/e2e/embed.test.ts', 'tests/e2e/import-datasets.test.ts',
  'tests/e2e/honest-figures.test.ts', 'tests/e2e/eurostat-import.test.ts', 'tests/e2e/import-hash.test.ts',
  'tests/e2e/hostile.test.ts', 'tests/e2e/fast-import-diff.test.ts',
];
const NODE_PROJECTS = ['--project', 'unit', '--project', 'sql', '--project', 'sql-heavy'];

const quick = process.argv.includes('--quick');
const extra = process.argv.slice(2).filter((a) => a !== '--quick');
const started = Date.now();
const since = (t) => `${Math.round((Date.now() - t) / 1000)} s`;
const reporters = ['--reporter=default', '--reporter=./tests/helpers/skipped-reporter.ts', '--reporter=json'];

/** Running children, each the leader of its own process group (vitest's workers and Chromium go with it). */
const running = new Set();
function stopAll(signal = 'SIGTERM') {
  for (const child of running) {
    try {
      process.kill(-child.pid, signal);
    } catch {
      /* already gone */
    }
  }
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    stopAll(sig);
    process.exit(1);
  });
}

/** Runs one command to its end; resolves with its exit status. */
function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', detached: true });
    running.add(child);
    child.on('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** A step that must pass (type check, lint, build): on failure, everything stops and no test is counted. */
async function step(cmd, args) {
  const t = Date.now();
  console.log(`\n> ${cmd} ${args.join(' ')}`);
  const status = await run(cmd, args);
  if (status === 0) {
    console.log(`\n(${cmd} ${args.join(' ')}: ${since(t)})`);
    return;
  }
  console.log(`\nstep failed: ${cmd} ${args.join(' ')} (after ${since(started)})`);
  console.log('0 passed, 1 failed');
  stopAll(); // SIGTERM: Playwright closes its browsers on it
  process.exit(status);
}

/** One vitest process, its report in test-results/vitest-`n`.json; resolves with the report's path, status and time. */
async function tests(n, args, label = `vitest run ${args.join(' ')}`) {
  const t = Date.now();
  const report = `test-results/vitest-${n}.json`;
  rmSync(report, { force: true });
  console.log(`\n> vitest run ${args.join(' ')} (report: ${report})`);
  const status = await run('npx', ['vitest', 'run', ...reporters, `--outputFile.json=${report}`, ...args]);
  return { report, status, label, time: since(t) };
}

mkdirSync('test-results', { recursive: true });
const checks = async () => {
  await step('npx', ['tsc', '--noEmit']);
  await step('npx', ['eslint', '.']);
};
const build = quick ? null : step('npm', ['run', 'build', '--silent']);
/** Each lane resolves with the vitest runs it made. */
const lanes = quick
  ? [checks().then(() => []), tests(1, ['--project', 'unit', '--project', 'sql', ...extra]).then((r) => [r])]
  : extra.length
    ? [checks().then(() => []), build.then(() => tests(1, extra)).then((r) => [r])]
    : [
      build.then(() => tests(1, ['--project', 'e2e', ...E2E_LANE_2.flatMap((f) => ['--exclude', f])], 'browser tests, lane 1')).then((r) => [r]),
      checks().then(() => tests(2, NODE_PROJECTS, 'Node tests (unit, sql, sql-heavy), lane 2')).then(async (r) => {
        await build;
        return [r, await tests(3, ['--project', 'e2e', ...E2E_LANE_2], 'browser tests, lane 2')];
      }),
    ];
const results = (await Promise.all(lanes)).flat();

let passed = 0;
let failed = 0;
for (const { report, status } of results) {
  try {
    const j = JSON.parse(readFileSync(report, 'utf8'));
    passed += j.numPassedTests;
    failed += j.numFailedTests + (status !== 0 && j.numFailedTests === 0 ? 1 : 0);
  } catch {
    failed += status === 0 ? 0 : 1; // no report: a failure when vitest failed
  }
}
const status = results.every((r) => r.status === 0) ? 0 : 1;
console.log('');
for (const r of results) console.log(`${r.label} (${r.report}): ${r.time}${r.status === 0 ? '' : ', failed'}`);
console.log(`\n${quick ? 'quick tier' : 'full suite'}: ${since(started)}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(status);
