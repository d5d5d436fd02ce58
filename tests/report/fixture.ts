/**
 * A tiny hand-made projection whose every number is easy to check by hand, plus a loader for
 * real projections of the bundled scenarios.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '../../src/catalog/load.js';
import { simulate } from '../../src/model/simulate.js';
import type { Projection } from '../../src/model/types.js';
import { loadScenario } from '../../src/scenario/load.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/scenarios/', import.meta.url));

/**
 * The support-assistant fixture, projected now by the real pipeline from
 * tests/fixtures/scenarios/support-assistant.yaml and the catalog overlay beside it: prompt_only
 * infeasible, rag recommended, fine_tuning missing its freshness target, hybrid unpriced.
 */
export async function supportProjection(): Promise<Projection> {
  return fixtureProjection('support-assistant');
}

/** A test scenario of tests/fixtures/scenarios/, projected by the real pipeline. */
export async function fixtureProjection(name: 'support-assistant' | 'internal-docs'): Promise<Projection> {
  const catalog = loadCatalog({ extraFile: `${FIXTURES}catalog.yaml` });
  const file = `tests/fixtures/scenarios/${name}.yaml`;
  const loaded = await loadScenario(file, { catalog, today: '2026-11-21', allowOutside: false });
  if (!loaded.ok) throw new Error(`${file}: ${JSON.stringify(loaded.problems)}`);
  return simulate(loaded.scenario, catalog);
}

/**
 * A real projection: the golden snapshot of a bundled scenario, made by the real pipeline from
 * scenarios/<name>.yaml and kept true by tests/golden/golden.test.ts.
 */
export function loadFixture(name: 'regulated-insurance-hybrid' | 'invoice-extraction-ft' | 'help-center-rag'): Projection {
  const url = new URL(`../golden/__snapshots__/${name}.projection.json`, import.meta.url);
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as Projection;
}

/**
 * Two strategies over two months (2027-01, 2027-02):
 * - `rag`: per query $0.002 inference (4,200 input tokens × $0.40/1M = $0.00168, plus 200 output
 *   tokens × $1.60/1M = $0.00032) + $0.0001 retrieval (0.25 read units × $0.0004); 1,000 then
 *   2,000 queries; monthly storage $5. Month 1 = 1000 · 0.0021 + 5 = $7.10; month 2 = 2000 ·
 *   0.0021 + 5 = $9.20. One-time: indexing $1.50 + engineering $12,000 = $12,001.50.
 *   Total = 12001.5 + 7.1 + 9.2 = $12,017.80.
 * - `hybrid`: hosting has no price, so its months, one-time training is priced ($48), and the
 *   totals are unknown (null). Month 1 priced part: inference 1000 · 0.003 = $3 (per query
 *   900 input tokens × $2/1M + 300 output tokens × $4/1M); month 2: $6.
 */
export function tinyProjection(): Projection {
  return {
    schema: 'costsim.projection/v1',
    scenario: {
      name: 'Tiny',
      file: 'scenarios/tiny.yaml',
      description: 'A hand-checked case.',
      horizon_months: 2,
      start_month: '2027-01',
    },
    catalog: { as_of: '2026-07-24' },
    verdict: { recommended: 'rag', reasons: ['rag is the only priced strategy.', 'hybrid could not be priced.'] },
    strategies: [
      {
        id: 'rag',
        kind: 'rag',
        feasible: true,
        meets_targets: true,
        notes: [],
        per_query: {
          input_tokens: 4200,
          cached_input_tokens: 1100,
          output_tokens: 200,
          cost_usd: 0.0021,
          by_category: { inference: 0.002, retrieval: 0.0001 },
          latency_ms: {
            p50: 2875.6,
            p95: 4169.6,
            p99: 4863.6,
            ttft_p50: 813.8,
            ttft_p95: 1383.4,
            components: { network: { p50: 50 }, prefill: { p50: 620 } },
          },
        },
        freshness_hours: 12.2,
        monthly: [
          { month: 1, label: '2027-01', queries: 1000, total_usd: 7.1, by_category: { inference: 2, retrieval: 0.1, storage: 5 } },
          { month: 2, label: '2027-02', queries: 2000, total_usd: 9.2, by_category: { inference: 4, retrieval: 0.2, storage: 5 } },
        ],
        one_time_usd: 12001.5,
        total_usd: 12017.8,
        line_items: [
          // Per-query items' month arrays: quantity per query × 1,000 and × 2,000 queries.
          { id: 'inference.input', name: 'input tokens', category: 'inference', period: 'per_query', unit: 'tokens', quantity: 4200, unit_price_usd: 4e-7, cost_usd: 0.00168, quantity_by_month: [4_200_000, 8_400_000], cost_usd_by_month: [1.68, 3.36], source: 'gpt-4.1-mini, litellm 2026-07-24' },
          { id: 'inference.output', name: 'output tokens', category: 'inference', period: 'per_query', unit: 'tokens', quantity: 200, unit_price_usd: 1.6e-6, cost_usd: 0.00032, quantity_by_month: [200_000, 400_000], cost_usd_by_month: [0.32, 0.64], source: 'gpt-4.1-mini, litellm 2026-07-24' },
          { id: 'store.read_units', name: 'read units', category: 'retrieval', period: 'per_query', unit: 'read units', quantity: 0.25, unit_price_usd: 0.0004, cost_usd: 0.0001, quantity_by_month: [250, 500], cost_usd_by_month: [0.1, 0.2] },
          { id: 'store.storage', name: 'vector storage', category: 'storage', period: 'monthly', unit: 'GB-month', quantity: 1, unit_price_usd: 5, cost_usd: 5, quantity_by_month: [1, 1], cost_usd_by_month: [5, 5] },
          { id: 'indexing.initial_embedding', name: 'initial index', category: 'indexing', period: 'one_time', unit: 'tokens', quantity: 75_000_000, unit_price_usd: 2e-8, cost_usd: 1.5, quantity_by_month: [], cost_usd_by_month: [] },
          { id: 'engineering.effort', name: 'engineering effort', category: 'engineering', period: 'one_time', unit: 'engineer-weeks', quantity: 3, unit_price_usd: 4000, cost_usd: 12000, quantity_by_month: [], cost_usd_by_month: [], source: 'scenario' },
        ],
        unpriced: [],
        models: { generator: 'gpt-4.1-mini' },
      },
      {
        id: 'hybrid',
        kind: 'hybrid',
        feasible: true,
        meets_targets: true,
        notes: [{ code: 'unpriced', message: 'hybrid: "hosting" has no price.' }],
        per_query: {
          input_tokens: 900,
          cached_input_tokens: 0,
          output_tokens: 300,
          cost_usd: 0.003,
          by_category: { inference: 0.003 },
          latency_ms: null,
        },
        freshness_hours: 200,
        monthly: [
          { month: 1, label: '2027-01', queries: 1000, total_usd: null, by_category: { inference: 3, hosting: null } },
          { month: 2, label: '2027-02', queries: 2000, total_usd: null, by_category: { inference: 6, hosting: null } },
        ],
        one_time_usd: 48,
        total_usd: null,
        line_items: [
          { id: 'inference.input', name: 'input tokens', category: 'inference', period: 'per_query', unit: 'tokens', quantity: 900, unit_price_usd: 2e-6, cost_usd: 0.0018, quantity_by_month: [900_000, 1_800_000], cost_usd_by_month: [1.8, 3.6] },
          { id: 'inference.output', name: 'output tokens', category: 'inference', period: 'per_query', unit: 'tokens', quantity: 300, unit_price_usd: 4e-6, cost_usd: 0.0012, quantity_by_month: [300_000, 600_000], cost_usd_by_month: [1.2, 2.4] },
          { id: 'hosting.fine_tuned', name: 'hosting', category: 'hosting', period: 'monthly', unit: 'hours', quantity: 730, unit_price_usd: null, cost_usd: null, quantity_by_month: [730, 730], cost_usd_by_month: [null, null] },
          { id: 'training.initial_run', name: 'first training run', category: 'training', period: 'one_time', unit: 'runs', quantity: 1, unit_price_usd: 48, cost_usd: 48, quantity_by_month: [], cost_usd_by_month: [] },
        ],
        unpriced: ['hosting'],
        models: { generator: 'gpt-4.1-mini', fine_tuning: 'gpt-4.1-mini-2025-04-14' },
      },
    ],
    assumptions: [
      { path: 'workload.queries_per_month', value: 1000, origin: 'scenario' },
      { path: 'retrieval.top_k', value: 6, origin: 'default' },
      { path: 'catalog:gpt-4.1-mini.input_usd_per_1m', value: 0.4, origin: 'catalog', source: 'LiteLLM, 2026-07-24' },
    ],
    notes: [],
  };
}

/** A copy of `p` with hostile user text in the scenario name and every strategy id. */
export function withNames(p: Projection, name: string, ids: string[]): Projection {
  const copy = structuredClone(p);
  copy.scenario.name = name;
  copy.strategies.forEach((s, i) => {
    const id = ids[i % ids.length] ?? s.id;
    if (copy.verdict.recommended === s.id) copy.verdict.recommended = id;
    s.id = id;
  });
  return copy;
}
