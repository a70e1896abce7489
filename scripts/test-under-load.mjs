#!/usr/bin/env node
/**
 * `npm run test:load`: the full suite (`npm test`, scripts/run-tests.mjs) run beside two CPU-bound processes, as
 * on a busy machine or a shared CI runner. The suite must pass this way: a test that does, holds under load.
 * The two busy processes are started first and killed, by their own ids, when the suite ends or is interrupted.
 * `--quick` and any other argument go to run-tests.mjs (`npm run test:load -- --quick`). Exits with the suite's status.
 */
import { spawn } from 'node:child_process';

const BUSY = 2;
const busy = Array.from({ length: BUSY }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
console.log(`test:load: ${BUSY} busy processes (${busy.map((b) => b.pid).join(', ')}) beside the suite`);

function stopBusy() {
  for (const b of busy) if (b.exitCode === null && b.signalCode === null) b.kill('SIGKILL');
}

const started = Date.now();
const suite = spawn(process.execPath, ['scripts/run-tests.mjs', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    suite.kill(sig);
    stopBusy();
    process.exit(1);
  });
}
suite.on('exit', (code, signal) => {
  stopBusy();
  const verdict = code === 0 ? 'passed' : 'failed';
  console.log(`test:load: the suite ${verdict} in ${Math.round((Date.now() - started) / 1000)} s, beside ${BUSY} busy processes`);
  process.exit(code ?? (signal ? 1 : 0));
});
