// Start-up of the built CLI (the bundle, dist/bin/costsim.js), as ratios against `node -e 0`
// measured in the same run (this machine is shared and noisy; a ratio travels, a millisecond
// figure does not). Medians of wall time, and of CPU time (user + system, which a loaded machine
// disturbs less than wall time).
//   costsim --help                                           target ≤ 2×  node -e 0
//   costsim run <one scenario with a formula> --format json  target ≤ 4×  node -e 0   (v0.1: 14×)
// The scenario is the first file bench/generate.mjs writes: claude-long-context-tier.yaml with its
// volume turned into one formula (`queries_per_month: (20k) * 2.758`), so the run loads mathjs.
// It has no ranges: a ranged scenario's run is mostly its Monte Carlo (bench/ranges.mjs).
// Usage: npm run build && node bench/cli.mjs [runs]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateScenarios } from './generate.mjs';
import { CLI, load, median, runNode, verdict } from './measure.mjs';

const runs = Number(process.argv[2] ?? 11);
const work = mkdtempSync(join(tmpdir(), 'costsim-bench-cli-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const [formula] = generateScenarios(work, 1, 1);
if (!/^ {2}queries_per_month: \(.*\) \* [\d.]+$/m.test(readFileSync(formula, 'utf8'))) throw new Error(`${formula} has no formula`);

// Interleaved (A B C A B C …) so that a drift in the machine's speed hits every figure alike.
const base = [];
const help = [];
const one = [];
for (let i = 0; i < runs; i++) {
  base.push(runNode(['-e', '0'])); // with the same --import cpu-report.mjs as the others
  help.push(runNode([CLI, '--help']));
  one.push(runNode([CLI, 'run', formula, '--format', 'json']));
}
const wall = (xs) => median(xs.map((x) => x.wall_ms));
const cpu = (xs) => median(xs.map((x) => x.cpu_ms));
const row = (label, xs, target) => {
  const w = wall(xs) / wall(base);
  const c = cpu(xs) / cpu(base);
  return `  ${label.padEnd(42)} wall ${w.toFixed(2)}×  cpu ${c.toFixed(2)}× node -e 0   target ≤ ${target}× (wall): ${verdict(w <= target)}`;
};
console.log(`cli start-up (median of ${runs} interleaved runs; node -e 0 = ${wall(base).toFixed(0)} ms wall, ${cpu(base).toFixed(0)} ms CPU here; ${load()})`);
console.log(row('costsim --help', help, 2));
console.log(row('run <one formula scenario> --format json', one, 4));
