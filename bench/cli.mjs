// Start-up and run time of the built CLI, as ratios against baselines measured in the same run
// (never as timed unit tests: this machine is shared and noisy).
//   costsim --help                          vs  node -e 0            (target ≤ 3×)
//   costsim run <one scenario> --format json                         (target < 1.5 s)
//   costsim run scenarios/ with latency vs the same run with latency.samples=100 (cost-only
//   stand-in; target < 2×: the latency model must not dominate a run)
// Usage: npm run build && node bench/cli.mjs [runs]
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const runs = Number(process.argv[2] ?? 15);
const CLI = new URL('../dist/cli/main.js', import.meta.url).pathname;
const env = { ...process.env, COSTSIM_TODAY: '2026-11-21' };

function time(args) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const baseline = time(['-e', '0']);
const help = time([CLI, '--help']);
const one = time([CLI, 'run', 'scenarios/help-center-rag.yaml', '--format', 'json']);
const oneFile = time([CLI, 'run', 'scenarios/faq-prompt-caching.yaml', '--format', 'json']);
const all = time([CLI, 'run', 'scenarios', '--format', 'json']);
const allCostOnly = time([CLI, 'run', 'scenarios', '--format', 'json', '--set', 'latency.samples=100']);

const ms = (x) => `${x.toFixed(0)} ms`;
console.log(`median of ${runs} runs each`);
console.log(`node -e 0                                  ${ms(baseline)}`);
console.log(`costsim --help                             ${ms(help)}  = ${(help / baseline).toFixed(2)}× node -e 0 (target ≤ 3×)`);
console.log(`costsim run help-center-rag (token counts) ${ms(one)}  (target < 1500 ms)`);
console.log(`costsim run faq-prompt-caching (tokenizes) ${ms(oneFile)}  (target < 1500 ms)`);
console.log(`costsim run scenarios/, 20k samples        ${ms(all)}`);
console.log(`costsim run scenarios/, 100 samples        ${ms(allCostOnly)}  → latency costs ${(all / allCostOnly).toFixed(2)}× (target < 2×)`);
