/**
 * Sweeps: the exact break-even of a 1-D sweep against a crossover worked out by hand, winner
 * bands, a 2-D map, and the same seed giving the same bytes.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { simulate } from '../../src/model/simulate.js';
import { normalizeScenario } from '../../src/scenario/normalize.js';
import type { Scenario } from '../../src/scenario/types.js';
import { renderSweepCsv, renderSweepJson, sweepStatements } from '../../src/sweep/report.js';
import { sweep } from '../../src/sweep/sweep.js';
import { InputError } from '../../src/uncertainty/apply.js';

const catalog = loadCatalog();

async function fromData(data: Record<string, unknown>): Promise<Scenario> {
  const r = await normalizeScenario(data, { catalog, file: 'memory.yaml', today: '2026-11-21' });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.scenario;
}

/**
 * Hand-worked crossover, from the bundled catalog's prices:
 *   gpt-4.1-mini: input $0.40/1M, output $1.60/1M. Fine-tuned gpt-4.1-mini: training $5/1M
 *   trained tokens, input $0.80/1M, output $3.20/1M, hosting $0.
 * One month, caching off, no corpus, no growth. Per query:
 *   prompt_only sends system + instructions + examples + query = 500 + 500 + 2,000 + 100 = 3,100
 *     input tokens and 200 output: 3,100 × 0.40e-6 + 200 × 1.60e-6 = $0.00124 + $0.00032 = $0.00156
 *   fine_tuning sends system + query = 600 input tokens and 200 output:
 *     600 × 0.80e-6 + 200 × 3.20e-6 = $0.00048 + $0.00064 = $0.00112
 * One-time, fine_tuning only: 1,000 examples × 1,000 tokens × 3 epochs = 3M trained tokens × $5/1M
 *   = $15, plus curation 1,000 × $0.01 = $10: $25. It never retrains.
 * Totals over the month at Q queries: prompt_only(Q) = 0.00156·Q; fine_tuning(Q) = 25 + 0.00112·Q.
 * They are equal at Q* = 25 / (0.00156 − 0.00112) = 25 / 0.00044 = 56,818.1818… queries a month;
 * below it prompt_only is cheaper, above it fine_tuning.
 */
const handWorked = {
  version: 1,
  name: 'Break-even by hand',
  start_month: '2027-01',
  horizon_months: 1,
  workload: { queries_per_month: '20k' },
  prompt: { system: { tokens: 500 }, instructions: { tokens: 500 }, examples: { tokens: 2000 }, query: { tokens: 100 }, output: { tokens: 200 } },
  caching: { enabled: false },
  fine_tuning: { dataset: { examples: 1000, tokens_per_example: 1000 }, epochs: 3, retrain_every: 'never', curation_usd_per_example: 0.01 },
  strategies: { prompt_only: {}, fine_tuning: {} },
};
const Q_STAR = 25 / (0.00156 - 0.00112);

describe('1-D sweep', () => {
  it('finds the hand-worked break-even exactly, by root-finding, not on the grid', async () => {
    const s = await fromData(handWorked);
    // Check the premise: the model's totals are the two lines above.
    const at = simulate(s, catalog).strategies;
    expect(at[0]!.total_usd).toBeCloseTo(0.00156 * 20_000, 9);
    expect(at[1]!.total_usd).toBeCloseTo(25 + 0.00112 * 20_000, 9);

    const r = sweep(s, catalog, { axes: [{ input: 'workload.queries_per_month', from: 10_000, to: 200_000, steps: 7, log: true }] });
    expect(r.crossovers).toHaveLength(1);
    const c = r.crossovers[0]!;
    expect(c).toMatchObject({ input: 'workload.queries_per_month', below: 'prompt_only', above: 'fine_tuning' });
    // The grid (10k, 16.4k, 26.9k, 44.1k, 72.4k, …) never lands on Q*; the root does, to 1e-9.
    expect(r.axes[0]!.values.some((v) => Math.abs(v / Q_STAR - 1) < 0.01)).toBe(false);
    expect(Math.abs(c.value / Q_STAR - 1)).toBeLessThan(1e-9);
    // Winner bands meet at the same value.
    expect(r.bands.map((b) => b.winner)).toEqual(['prompt_only', 'fine_tuning']);
    expect(Math.abs(r.bands[0]!.to / Q_STAR - 1)).toBeLessThan(1e-9);
    expect(sweepStatements(r)).toContain('fine_tuning becomes cheaper than prompt_only above 56,818 (workload.queries_per_month)');
  });

  it('a month metric compares one month: without the one-time $25 fine_tuning is always cheaper', async () => {
    const s = await fromData(handWorked);
    const r = sweep(s, catalog, { axes: [{ input: 'workload.queries_per_month', from: 10_000, to: 200_000, steps: 5, log: false }], month: 1 });
    expect(r.crossovers).toEqual([]);
    expect(r.bands.map((b) => b.winner)).toEqual(['fine_tuning']);
  });

  it('refuses a sweep it cannot do, with the reason', async () => {
    const s = await fromData(handWorked);
    const axis = { input: 'workload.queries_per_month', from: 0, to: 10, steps: 5, log: true };
    expect(() => sweep(s, catalog, { axes: [axis] })).toThrow(/--log needs a range above 0/);
    expect(() => sweep(s, catalog, { axes: [{ ...axis, input: 'workload.nope', log: false }] })).toThrow(/not a numeric input/);
    expect(() => sweep(s, catalog, { axes: [{ ...axis, log: false, steps: 400 }, { ...axis, input: 'prompt.output.tokens', log: false, steps: 400 }] })).toThrow(/at most 90,000 points/);
  });

  it('a library caller gets the mistake as an InputError worded by the problem catalog, with its code', async () => {
    const s = await fromData(handWorked);
    const thrownBy = (f: () => unknown): unknown => {
      try {
        f();
      } catch (err) {
        return err;
      }
      return null;
    };
    const noAxes = thrownBy(() => sweep(s, catalog, { axes: [] }));
    expect(noAxes).toBeInstanceOf(InputError);
    expect((noAxes as InputError).text).toEqual({ id: 'sweepAxesCount', code: 'usage', message: 'a sweep varies one or two inputs; got 0' });
    // month 2 of handWorked's one-month horizon.
    const axis = { input: 'workload.queries_per_month', from: 1, to: 10, steps: 2, log: false };
    const lateMonth = thrownBy(() => sweep(s, catalog, { axes: [axis], month: 2 }));
    expect(lateMonth).toBeInstanceOf(InputError);
    expect((lateMonth as InputError).text).toEqual({ id: 'sweepMonthOutsideHorizon', code: 'usage', message: 'month must be a whole number from 1 to 1 (the horizon); got 2' });
  });
});

describe('2-D sweep', () => {
  it('maps the winner in each cell and puts the boundary at the break-even of each row', async () => {
    const s = await fromData(handWorked);
    const r = sweep(s, catalog, {
      axes: [
        { input: 'workload.queries_per_month', from: 10_000, to: 200_000, steps: 6, log: true },
        // Curation price: Q*(c) = (15 + 1000c) / 0.00044.
        { input: 'fine_tuning.curation_usd_per_example', from: 0, to: 0.02, steps: 3, log: false },
      ],
    });
    expect(r.points).toHaveLength(18);
    expect(r.boundaries).toHaveLength(3);
    for (const b of r.boundaries) {
      const expected = (15 + 1000 * b.y) / 0.00044;
      // Map boundaries are drawn, so they are found to 1/1000 of a grid step.
      expect(Math.abs(b.x / expected - 1)).toBeLessThan(1e-3);
      expect(b).toMatchObject({ below: 'prompt_only', above: 'fine_tuning' });
    }
  });

  it('the same inputs give the same bytes', async () => {
    const s = await fromData(handWorked);
    const options = { axes: [{ input: 'workload.queries_per_month', from: 10_000, to: 200_000, steps: 5, log: true }] };
    const a = sweep(s, catalog, options);
    const b = sweep(s, catalog, options);
    expect(renderSweepJson(a)).toBe(renderSweepJson(b));
    expect(renderSweepCsv(a)).toBe(renderSweepCsv(b));
  });
});
