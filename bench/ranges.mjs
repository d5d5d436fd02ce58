// Ranges and sweeps against the only way v0.1 allows: one scenario file per point, and
// `costsim run <folder> --format json` over the folder. Ratios are measured in the same run.
//
//   uncertainty: a 2,000-draw Monte Carlo of scenarios/help-center-rag.yaml (its two ranges),
//                JSON only                                  (target ≥ 50× faster, < 2 s)
//   sweep:       100 × 100 points (workload.queries_per_month × knowledge.change_per_month,
//                4 strategies each) of the same scenario, JSON only  (target ≥ 50×, < 2 s)
//
// The file-per-point baseline is timed on two folder sizes (a, b files) and extrapolated
// linearly to N points (start-up + N × per-file cost): running 10,000 files would take an hour.
// The in-memory runs are timed whole (normalize once, every point, JSON rendering), in process,
// and also through the CLI (`costsim run` of the ranged scenario, `costsim sweep`), start-up included.
// Usage: npm run build && node bench/ranges.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const dist = new URL('../dist/', import.meta.url);
const { loadCatalog, loadScenario, sample, sweep } = await import(new URL('index.js', dist).href);
const { canonicalize } = await import(new URL('report/json.js', dist).href);
const CLI = new URL('cli/main.js', dist).pathname;
const env = { ...process.env, COSTSIM_TODAY: '2026-11-21' };
const SCENARIO = new URL('../scenarios/help-center-rag.yaml', import.meta.url).pathname;
const text = readFileSync(SCENARIO, 'utf8');

const catalog = loadCatalog();
const ms = (x) => `${x.toFixed(0)} ms`;
const us = (x) => `${(x * 1000).toFixed(0)} µs`;

/** One scenario file per point: the bundled file with its inputs replaced by plain values. */
function pointFile(values) {
  let t = text;
  for (const [pattern, value] of values) t = t.replace(pattern, `$1${value}`);
  return t;
}
const DAILY = /^(  daily_chats: ).*$/m;
const CHANGE = /^(  change_per_month: ).*$/m;
const QUERIES = /^(  queries_per_month: ).*$/m;

function timeFolder(points) {
  const dir = mkdtempSync(path.join(tmpdir(), 'costsim-bench-'));
  try {
    points.forEach((values, i) => writeFileSync(path.join(dir, `p${String(i).padStart(5, '0')}.yaml`), pointFile(values)));
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [CLI, 'run', dir, '--format', 'json'], { env, encoding: 'utf8', maxBuffer: 1 << 30 });
    const t = performance.now() - t0;
    if (r.status !== 0) throw new Error(`costsim run exited ${r.status}: ${r.stderr.slice(0, 400)}`);
    return t;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Start-up + N × per-file, from two folder sizes. */
function baseline(makePoint, n, a = 10, b = 40) {
  const ta = timeFolder(Array.from({ length: a }, (_, i) => makePoint(i)));
  const tb = timeFolder(Array.from({ length: b }, (_, i) => makePoint(i)));
  const perFile = (tb - ta) / (b - a);
  return { total: ta - a * perFile + n * perFile, perFile };
}

function cli(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`costsim ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 400)}`);
  return performance.now() - t0;
}

// --- uncertainty: 2,000 draws -------------------------------------------------------------
const loaded = await loadScenario(SCENARIO, { catalog, today: '2026-11-21', allowOutside: false });
if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
const DRAWS = 2000;
let t0 = performance.now();
const mc = sample(loaded.scenario, catalog, { samples: DRAWS });
JSON.stringify(canonicalize({ ...mc, draws: undefined }));
const mcMs = performance.now() - t0;
const daily = mc.draws.inputs.get('vars.daily_chats');
const change = mc.draws.inputs.get('knowledge.change_per_month');
const mcBase = baseline((i) => [[DAILY, String(daily[i])], [CHANGE, String(change[i])]], DRAWS);
const mcCli = cli(['run', SCENARIO, '--format', 'json']);

// --- sweep: 100 × 100 ---------------------------------------------------------------------
const N = 100;
const axes = [
  { input: 'workload.queries_per_month', from: 100_000, to: 20_000_000, steps: N, log: true },
  { input: 'knowledge.change_per_month', from: 0, to: 0.3, steps: N, log: false },
];
t0 = performance.now();
const swept = sweep(loaded.scenario, catalog, { axes });
JSON.stringify(canonicalize(swept));
const swMs = performance.now() - t0;
const swBase = baseline((i) => [[QUERIES, String(swept.points[i].at[0])], [CHANGE, String(swept.points[i].at[1])]], N * N);
const swCli = cli(['sweep', SCENARIO, '--vary', 'workload.queries_per_month=100k..20M', '--log', '--vary', 'knowledge.change_per_month=0%..30%', '--steps', String(N), '--format', 'json']);

console.log(`help-center-rag, ${loaded.scenario.strategies.length} strategies; file-per-point baseline extrapolated from 10 and 40 files`);
console.log(`uncertainty, ${DRAWS} draws     in memory ${ms(mcMs)} (${us(mcMs / DRAWS)} a draw); CLI run with sensitivity ${ms(mcCli)}`);
console.log(`  file per point              ${ms(mcBase.total)} (${ms(mcBase.perFile)} a file)  → ${(mcBase.total / mcMs).toFixed(0)}× in memory, ${(mcBase.total / mcCli).toFixed(0)}× CLI (target ≥ 50×; in memory < 2,000 ms)`);
console.log(`sweep, ${N}×${N} = ${N * N} points     in memory ${ms(swMs)} (${us(swMs / (N * N))} a point); CLI ${ms(swCli)}`);
console.log(`  file per point              ${ms(swBase.total)} (${ms(swBase.perFile)} a file)  → ${(swBase.total / swMs).toFixed(0)}× in memory, ${(swBase.total / swCli).toFixed(0)}× CLI (target ≥ 50×; in memory < 2,000 ms)`);
