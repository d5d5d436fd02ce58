/**
 * A price written inline in a scenario reads like every other price: `0.5` or `$0.50`
 * (issue 11, item 9: `input_usd_per_1m: $0.50` was refused as "an amount in dollars is not
 * expected here").
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { simulate } from '../../src/model/simulate.js';
import { normalizeScenario } from '../../src/scenario/normalize.js';

const catalog = loadCatalog();
const today = '2026-11-21';

function scenario(generator: Record<string, unknown>) {
  return {
    version: 1,
    name: 'Inline prices',
    start_month: '2027-01',
    horizon_months: 1,
    workload: { queries_per_month: 1000 },
    prompt: { query: { tokens: 1000 }, output: { tokens: 500 } },
    models: { generator },
    caching: { enabled: false },
    strategies: { prompt_only: {} },
  };
}

describe('inline model prices with a $ sign', () => {
  it('$0.50 and "$2" per 1M tokens are read as 0.5 and 2, and bill like the plain numbers', async () => {
    const withDollars = await normalizeScenario(scenario({ id: 'my-model', input_usd_per_1m: '$0.50', output_usd_per_1m: '$2', context_window: 128000 }), { catalog, file: 'a.yaml', today });
    const plain = await normalizeScenario(scenario({ id: 'my-model', input_usd_per_1m: 0.5, output_usd_per_1m: 2, context_window: 128000 }), { catalog, file: 'a.yaml', today });
    expect(withDollars.ok).toBe(true);
    expect(plain.ok).toBe(true);
    if (!withDollars.ok || !plain.ok) return;
    const a = simulate(withDollars.scenario, catalog).strategies[0]!;
    const b = simulate(plain.scenario, catalog).strategies[0]!;
    // 1,000 input tokens × $0.50/1M + 500 output tokens × $2/1M = $0.0005 + $0.001 = $0.0015 a query.
    expect(a.per_query.cost_usd).toBeCloseTo(0.0015, 12);
    expect(a.per_query.cost_usd).toBe(b.per_query.cost_usd);
  });

  it('a price that is not an amount still gets a problem saying how to write one', async () => {
    const r = await normalizeScenario(scenario({ id: 'my-model', input_usd_per_1m: true, output_usd_per_1m: 2, context_window: 128000 }), { catalog, file: 'a.yaml', today });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const p = r.problems.find((x) => x.path === 'models.generator.input_usd_per_1m');
    expect(p?.message).toContain('expected an amount in USD (e.g. 0.5, "$0.50" or "4k")');
  });
});
