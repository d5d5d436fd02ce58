// Latency Monte Carlo speed (docs/model.md §15 budget: 1,000,000 samples for one strategy < 150 ms).
// Run after `npm run build`:  node bench/latency.mjs [samples]
// Prints the median of several timed runs and its ratio to a baseline loop in the same
// process (the same number of Math.exp(Math.random()) draws summed into a Float64Array:
// the least work any sampler does), so the figure can be compared across machines.
import { simulateLatency } from '../dist/model/latency/index.js';

const samples = Number(process.argv[2] ?? 1_000_000);
const BUDGET_MS = 150;
const RUNS = 7;

// A RAG query with a reranker on gpt-4.1-mini-like figures: the most components a hosted
// strategy has (network, embed, search, rerank, prefill = published TTFT + tokens, decode).
const components = [
  { kind: 'lognormal', name: 'network', median_ms: 50, spread: 1.8, in_ttft: true, source: 'bench' },
  { kind: 'lognormal', name: 'embed', median_ms: 120, spread: 2, in_ttft: true, source: 'bench' },
  { kind: 'lognormal', name: 'search', median_ms: 20, spread: 1.6, in_ttft: true, source: 'bench' },
  { kind: 'lognormal', name: 'rerank', median_ms: 150, spread: 2, in_ttft: true, source: 'bench' },
  { kind: 'lognormal', name: 'prefill', part: 'published_ttft', median_ms: 630, spread: 2.2, in_ttft: true, source: 'bench' },
  { kind: 'lognormal', name: 'prefill', part: 'tokens', median_ms: 420, spread: 1.5, in_ttft: true, source: 'bench' },
  { kind: 'lognormal', name: 'decode', median_ms: 4000, spread: 1.4, in_ttft: false, source: 'bench' },
];

function baseline() {
  const acc = new Float64Array(samples);
  for (let k = 0; k < components.length; k++) for (let i = 0; i < samples; i++) acc[i] += Math.exp(Math.random());
  return acc[0];
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn) {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

// Warm up both so the JIT has compiled them before timing.
for (let i = 0; i < 2; i++) {
  simulateLatency(components, { samples, seed: i });
  baseline();
}
const simTimes = [];
const baseTimes = [];
let result;
for (let r = 0; r < RUNS; r++) {
  simTimes.push(time(() => (result = simulateLatency(components, { samples, seed: 42 + r }))));
  baseTimes.push(time(baseline));
}
const sim = median(simTimes);
const base = median(baseTimes);
console.log(`latency Monte Carlo, ${samples.toLocaleString('en-US')} samples × ${components.length} components`);
console.log(`  simulateLatency: ${sim.toFixed(1)} ms (median of ${RUNS}; min ${Math.min(...simTimes).toFixed(1)} ms)`);
console.log(`  baseline loop:   ${base.toFixed(1)} ms (${components.length} × Math.exp(Math.random()) per sample)`);
console.log(`  ratio:           ${(sim / base).toFixed(2)}× baseline`);
console.log(`  p50/p95/p99:     ${result.p50.toFixed(0)} / ${result.p95.toFixed(0)} / ${result.p99.toFixed(0)} ms`);
const verdict = sim < BUDGET_MS ? 'within' : 'OVER';
console.log(`  budget:          ${verdict} ${BUDGET_MS} ms${samples === 1_000_000 ? '' : ' (budget is for 1,000,000 samples)'}`);
