#!/usr/bin/env node
/**
 * `npm test`: type check, lint, production build, then every vitest project (unit, SQL against real DuckDB,
 * browser tests in headless Chromium). Ends with one plain line "N passed, N failed" that CI can read.
 * Extra arguments go to vitest (`npm test -- --project unit`).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync } from 'node:fs';

const extra = process.argv.slice(2);
const steps = [
  ['npx', ['tsc', '--noEmit']],
  ['npx', ['eslint', '.']],
  ['npm', ['run', 'build', '--silent']],
];
for (const [cmd, args] of steps) {
  console.log(`\n> ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.log(`\nstep failed: ${cmd} ${args.join(' ')}`);
    console.log('0 passed, 1 failed');
    process.exit(r.status ?? 1);
  }
}
mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
console.log('\n> vitest run');
const r = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra], { stdio: 'inherit' });
let passed = 0;
let failed = r.status === 0 ? 0 : 1;
try {
  const j = JSON.parse(readFileSync(report, 'utf8'));
  passed = j.numPassedTests;
  failed = j.numFailedTests + (r.status !== 0 && j.numFailedTests === 0 ? 1 : 0);
} catch {
  /* no report: counted as a failure above when vitest failed */
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(r.status ?? 1);
