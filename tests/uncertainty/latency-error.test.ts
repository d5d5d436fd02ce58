/**
 * The Monte Carlo over inputs checks latency targets with a smaller latency Monte Carlo per
 * draw (DRAW_LATENCY_SAMPLES = 2,000 instead of latency.samples, 20,000 by default). Its error
 * against the full run, on every bundled scenario: p95 and TTFT p95 within 5% (measured worst:
 * 4.2%, TTFT p95 reading low: the 2,000 draws are the first 2,000 of the same streams), and no
 * strategy's meets_targets differs. docs/model.md §16.3 states these figures.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { simulate } from '../../src/model/simulate.js';
import { loadScenario } from '../../src/scenario/load.js';
import { DRAW_LATENCY_SAMPLES, withLatencySamples } from '../../src/uncertainty/sample.js';

const catalog = loadCatalog();
const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort();

describe(`latency with ${DRAW_LATENCY_SAMPLES} draws per input draw, against the full run`, () => {
  for (const file of files) {
    it(file, async () => {
      const r = await loadScenario(`scenarios/${file}`, { catalog, today: '2026-11-21', allowOutside: false });
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      const full = simulate(r.scenario, catalog);
      const quick = simulate(withLatencySamples(r.scenario, DRAW_LATENCY_SAMPLES), catalog, { latencyCdf: false });
      full.strategies.forEach((s, k) => {
        const q = quick.strategies[k]!;
        expect(q.meets_targets).toBe(s.meets_targets);
        expect(q.total_usd).toBe(s.total_usd);
        const a = s.per_query.latency_ms;
        const b = q.per_query.latency_ms;
        if (a === null || b === null) return expect(b).toBe(a);
        expect(Math.abs(b.p95 / a.p95 - 1)).toBeLessThan(0.05);
        expect(Math.abs(b.ttft_p95 / a.ttft_p95 - 1)).toBeLessThan(0.05);
        expect(b.cdf).toBeUndefined();
      });
    }, 30_000);
  }
});
