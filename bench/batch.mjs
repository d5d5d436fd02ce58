// Batches at scale (issue 12), every figure a ratio or a bound checked in this run:
//   JSON batch of N plain scenarios (1,000): CPU per scenario beyond start-up (the N-file run's
//     CPU minus a 1-file run's, ÷ (N − 1)), --jobs 1 so that CPU is not spent starting workers;
//     target ≤ 5 ms. "Plain": the bundled scenarios without ranges, which is what the target
//     was set on (v0.1 had no ranges).
//   JSON batch of R ranged scenarios (20): the same figure for scenarios with ranges, whose
//     projection adds a Monte Carlo over their inputs (issue 9: `uncertainty.samples` draws,
//     2,000 by default, each a re-projection of every strategy), and that per draw. No target:
//     it is reported so that the plain figure is not read as including it.
//   --out batch of M (1,000): peak memory < 1 GB; wall time with --jobs 1 ÷ with --jobs 2 ≥ 1.8×.
//   10,000-file JSON and JSONL batches (default jobs) complete, and hold 10,000 results.
// The scenario files are generated (bench/generate.mjs) into a temporary folder; which bundled
// scenarios have ranges is asked of the model itself (a loaded scenario's uncertain inputs).
// Usage: npm run build && node bench/batch.mjs [--json N] [--ranged R] [--out M] [--big K] [--quick]
//   --quick = --json 100 --ranged 5 --out 20 --big 1000 (a few minutes instead of most of an hour)
//   a count of 0 skips that part
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateScenarios, templateFiles } from './generate.mjs';
import { CLI, env, load, runNode, verdict } from './measure.mjs';

const argv = process.argv.slice(2);
const opt = (name, full, quick) => {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return Number(argv[i + 1]);
  return argv.includes('--quick') ? quick : full;
};
const N = opt('json', 1000, 100);
const R = opt('ranged', 20, 5);
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

/** The bundled scenarios with ranges and without, and the draws each ranged one runs. */
async function templatesByKind() {
  const { loadCatalog, loadScenario } = await import(new URL('../dist/index.js', import.meta.url).href);
  const catalog = loadCatalog();
  const plain = [];
  const ranged = [];
  for (const t of templateFiles()) {
    const r = await loadScenario(t.file, { catalog, today: env.COSTSIM_TODAY, allowOutside: false });
    if (!r.ok) throw new Error(`${t.file}: ${JSON.stringify(r.problems)}`);
    const inputs = r.scenario.inputs;
    if (inputs.uncertain.length > 0) ranged.push({ stem: t.stem, draws: inputs.uncertainty.samples });
    else plain.push(t.stem);
  }
  return { plain, ranged };
}

const fmt = (ms) => `${(ms / 1000).toFixed(1)} s`;
console.log(`batch bench (scenario files generated in ${work}; ${load()})`);

// 1. JSON batches: CPU per scenario beyond start-up, plain scenarios and ranged ones apart.
const kinds = await templatesByKind();
function jsonBatch(label, count, stems, seed) {
  const dir = join(work, `json-${label}-${count}`);
  const files = generateScenarios(dir, count, seed, { stems });
  const single = runNode([CLI, 'run', files[0], '--format', 'json', '--jobs', '1']);
  const batch = runNode([CLI, 'run', dir, '--format', 'json', '--jobs', '1']);
  rmSync(dir, { recursive: true, force: true });
  return { batch, single, per: (batch.cpu_ms - single.cpu_ms) / (count - 1) };
}
if (N > 1) {
  const { batch, single, per } = jsonBatch('plain', N, kinds.plain, 1);
  console.log(`  ${N}-scenario JSON batch, plain scenarios (${kinds.plain.length} bundled ones in turn), --jobs 1: ${fmt(batch.cpu_ms)} CPU; 1 scenario: ${fmt(single.cpu_ms)}`);
  console.log(`    CPU per scenario beyond start-up: ${per.toFixed(1)} ms   target ≤ 5 ms: ${verdict(per <= 5)}   (peak ${batch.peak_mb.toFixed(0)} MB; ${load()})`);
}
if (R > 1 && kinds.ranged.length > 0) {
  const { batch, single, per } = jsonBatch('ranged', R, kinds.ranged.map((k) => k.stem), 1);
  const draws = Math.max(...kinds.ranged.map((k) => k.draws));
  console.log(`  ${R}-scenario JSON batch, scenarios with ranges (${kinds.ranged.map((k) => k.stem).join(', ')}; ${draws.toLocaleString('en-US')} draws each), --jobs 1: ${fmt(batch.cpu_ms)} CPU; 1 scenario: ${fmt(single.cpu_ms)}`);
  console.log(`    CPU per scenario beyond start-up: ${per.toFixed(0)} ms, ${((per / draws) * 1000).toFixed(0)} µs per draw   (no target: see bench/ranges.mjs; ${load()})`);
}

// 2. --out batch: memory and the speed-up of a second job.
if (M > 0) {
  const dir = join(work, `out-${M}`);
  generateScenarios(dir, M, 2);
  const one = runNode([CLI, 'run', dir, '--out', join(work, 'out1'), '--jobs', '1', '--quiet']);
  const two = runNode([CLI, 'run', dir, '--out', join(work, 'out2'), '--jobs', '2', '--quiet']);
  const speedup = one.wall_ms / two.wall_ms;
  console.log(`  ${M}-scenario --out batch: --jobs 1 ${fmt(one.wall_ms)} wall, peak ${one.peak_mb.toFixed(0)} MB; --jobs 2 ${fmt(two.wall_ms)} wall, peak ${two.peak_mb.toFixed(0)} MB`);
  // The figures a loaded machine does not move much: CPU per scenario (start-up included), and
  // the cores one job keeps busy (CPU ÷ wall). One job already using c cores caps the speed-up
  // of two jobs on two cores at 2 ÷ c.
  const perScenario = (r) => `${(r.cpu_ms / M / 1000).toFixed(2)} s CPU per scenario, ${(r.cpu_ms / r.wall_ms).toFixed(2)} cores`;
  console.log(`    --jobs 1: ${perScenario(one)}; --jobs 2: ${perScenario(two)}`);
  console.log(`    peak memory < 1 GB: ${verdict(Math.max(one.peak_mb, two.peak_mb) < 1024)}   jobs 1 ÷ jobs 2: ${speedup.toFixed(2)}×   target ≥ 1.8×: ${verdict(speedup >= 1.8)}   (${load()})`);
  rmSync(join(work, 'out1'), { recursive: true, force: true });
  rmSync(join(work, 'out2'), { recursive: true, force: true });
}

// 3. 10,000 files, JSON and JSONL: they complete and hold every result.
if (K > 0) {
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
