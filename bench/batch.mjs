// Batches at scale (issue 12), every figure a ratio or a bound checked in this run:
//   JSON batch of N (1,000): CPU per scenario beyond start-up (the N-file run's CPU minus a
//     1-file run's, ÷ (N − 1)), --jobs 1 so that CPU is not spent starting workers; target ≤ 5 ms.
//   --out batch of M (1,000): peak memory < 1 GB; wall time with --jobs 1 ÷ with --jobs 2 ≥ 1.8×.
//   10,000-file JSON and JSONL batches (default jobs) complete, and hold 10,000 results.
// The scenario files are generated (bench/generate.mjs) into a temporary folder.
// Usage: npm run build && node bench/batch.mjs [--json N] [--out M] [--big K] [--quick]
//   --quick = --json 100 --out 20 --big 1000 (a few minutes instead of most of an hour)
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateScenarios } from './generate.mjs';
import { CLI, load, runNode, verdict } from './measure.mjs';

const argv = process.argv.slice(2);
const opt = (name, full, quick) => {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return Number(argv[i + 1]);
  return argv.includes('--quick') ? quick : full;
};
const N = opt('json', 1000, 100);
const M = opt('out', 1000, 20);
const K = opt('big', 10000, 1000);

const work = mkdtempSync(join(tmpdir(), 'costsim-bench-batch-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

/** Occurrences of `needle` in a file, read in chunks (a 10,000-scenario document is ≈1 GB). */
function count(file, needle) {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(1 << 22);
  let n = 0;
  let carry = '';
  for (;;) {
    const got = readSync(fd, buf, 0, buf.length, null);
    if (got === 0) break;
    const text = carry + buf.toString('utf8', 0, got);
    for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
    carry = text.slice(Math.max(0, text.length - needle.length + 1));
  }
  closeSync(fd);
  return n;
}

const fmt = (ms) => `${(ms / 1000).toFixed(1)} s`;
console.log(`batch bench (scenario files generated in ${work}; ${load()})`);

// 1. JSON batch: CPU per scenario beyond start-up.
{
  const dir = join(work, `json-${N}`);
  const files = generateScenarios(dir, N, 1);
  const single = runNode([CLI, 'run', files[0], '--format', 'json', '--jobs', '1']);
  const batch = runNode([CLI, 'run', dir, '--format', 'json', '--jobs', '1']);
  const per = (batch.cpu_ms - single.cpu_ms) / (N - 1);
  console.log(`  ${N}-scenario JSON batch, --jobs 1: ${fmt(batch.cpu_ms)} CPU; 1 scenario: ${fmt(single.cpu_ms)}`);
  console.log(`    CPU per scenario beyond start-up: ${per.toFixed(1)} ms   target ≤ 5 ms: ${verdict(per <= 5)}   (peak ${batch.peak_mb.toFixed(0)} MB; ${load()})`);
}

// 2. --out batch: memory and the speed-up of a second job.
{
  const dir = join(work, `out-${M}`);
  generateScenarios(dir, M, 2);
  const one = runNode([CLI, 'run', dir, '--out', join(work, 'out1'), '--jobs', '1', '--quiet']);
  const two = runNode([CLI, 'run', dir, '--out', join(work, 'out2'), '--jobs', '2', '--quiet']);
  const speedup = one.wall_ms / two.wall_ms;
  console.log(`  ${M}-scenario --out batch: --jobs 1 ${fmt(one.wall_ms)} wall, peak ${one.peak_mb.toFixed(0)} MB; --jobs 2 ${fmt(two.wall_ms)} wall, peak ${two.peak_mb.toFixed(0)} MB`);
  console.log(`    peak memory < 1 GB: ${verdict(Math.max(one.peak_mb, two.peak_mb) < 1024)}   jobs 1 ÷ jobs 2: ${speedup.toFixed(2)}×   target ≥ 1.8×: ${verdict(speedup >= 1.8)}   (${load()})`);
  rmSync(join(work, 'out1'), { recursive: true, force: true });
  rmSync(join(work, 'out2'), { recursive: true, force: true });
}

// 3. 10,000 files, JSON and JSONL: they complete and hold every result.
{
  const dir = join(work, `big-${K}`);
  generateScenarios(dir, K, 3);
  for (const format of ['json', 'jsonl']) {
    const file = join(work, `big.${format}`);
    const r = runNode([CLI, 'run', dir, '--format', format], { stdoutFile: file });
    const results = count(file, format === 'json' ? '"schema": "costsim.projection/v1"' : '"schema":"costsim.projection/v1"');
    const ok = r.status === 0 && results === K;
    console.log(`  ${K}-file ${format.toUpperCase()} batch: ${fmt(r.wall_ms)} wall, ${fmt(r.cpu_ms)} CPU, peak ${r.peak_mb.toFixed(0)} MB, ${(statSync(file).size / 1e6).toFixed(0)} MB written, ${results} results   completes: ${verdict(ok)}   (${load()})`);
    rmSync(file, { force: true });
  }
}
