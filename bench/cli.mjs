// Start-up of the built CLI, as ratios against `node -e 0` measured in the same run (this machine
// is shared and noisy; a ratio travels, a millisecond figure does not). Medians of wall time.
//   costsim --help                                           target ≤ 2×  node -e 0
//   costsim run <one scenario with a formula> --format json  target ≤ 4×  node -e 0   (v0.1: 14×)
// Usage: npm run build && node bench/cli.mjs [runs]
import { CLI, median, runNode, verdict } from './measure.mjs';

const runs = Number(process.argv[2] ?? 11);
const formula = 'scenarios/help-center-rag.yaml'; // queries_per_month: daily_chats * 30

// Interleaved (A B C A B C …) so that a drift in the machine's speed hits every figure alike.
const base = [];
const help = [];
const one = [];
for (let i = 0; i < runs; i++) {
  base.push(runNode(['-e', '0'], { measure: false }).wall_ms);
  help.push(runNode([CLI, '--help'], { measure: false }).wall_ms);
  one.push(runNode([CLI, 'run', formula, '--format', 'json'], { measure: false }).wall_ms);
}
const b = median(base);
const h = median(help) / b;
const o = median(one) / b;
console.log(`cli start-up (median of ${runs} interleaved runs; node -e 0 = ${b.toFixed(0)} ms here)`);
console.log(`  costsim --help                          ${h.toFixed(2)}× node -e 0   target ≤ 2×: ${verdict(h <= 2)}`);
console.log(`  run ${formula} --format json   ${o.toFixed(2)}× node -e 0   target ≤ 4×: ${verdict(o <= 4)}`);
