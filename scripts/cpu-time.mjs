#!/usr/bin/env node
/**
 * `node scripts/cpu-time.mjs -- COMMAND ARGS…`: runs a command and prints its wall time and the processor time (user +
 * system) of its whole process tree, by kind of process, and the load average before and after. Processor time moves
 * much less than wall time with the machine's load: it is what docs/performance.md compares on a shared machine.
 * Linux only (reads /proc). The tree (every process whose chain of parents leads to the command) is sampled twice a
 * second: a process that lives less than that may be missed, and each one's last half second too.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICKS = 100; // clock ticks per second of /proc/*/stat on Linux
const at = process.argv.indexOf('--');
if (at < 0 || at === process.argv.length - 1) {
  console.error('usage: node scripts/cpu-time.mjs -- COMMAND [ARGS…]');
  process.exit(2);
}
const [cmd, ...args] = process.argv.slice(at + 1);
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** Each process's parent, name and processor seconds so far. */
function table() {
  const procs = new Map();
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const s = readFileSync(`/proc/${p}/stat`, 'utf8');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      procs.set(Number(p), { parent: Number(f[1]), name: s.slice(s.indexOf('(') + 1, s.lastIndexOf(')')), cpu: (Number(f[11]) + Number(f[12])) / TICKS });
    } catch {
      /* gone meanwhile */
    }
  }
  return procs;
}

/** The last figure seen of every process of the tree under `root`, alive or gone. */
const seen = new Map();
function sample(root) {
  const procs = table();
  for (const [pid, p] of procs) {
    for (let q = pid, depth = 0; q > 1 && depth < 64; q = procs.get(q)?.parent ?? 0, depth++) {
      if (q === root) {
        seen.set(pid, p);
        break;
      }
    }
  }
}

const before = load();
const started = Date.now();
const child = spawn(cmd, args, { stdio: 'inherit' });
const timer = setInterval(() => sample(child.pid), 500);
sample(child.pid);
child.on('exit', (code, signal) => {
  clearInterval(timer);
  const byName = new Map();
  let total = 0;
  for (const { name, cpu } of seen.values()) {
    total += cpu;
    byName.set(name, (byName.get(name) ?? 0) + cpu);
  }
  const top = [...byName].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([n, c]) => `${n} ${c.toFixed(0)}`).join(', ');
  console.log(`\ncpu-time: ${cmd} ${args.join(' ')}: exit ${code ?? signal}, wall ${((Date.now() - started) / 1000).toFixed(0)} s, processor ${total.toFixed(0)} s (${top}); load average ${before} before, ${load()} after`);
  process.exit(code ?? 1);
});
