/**
 * Re-projecting in memory must give exactly what normalizing the scenario again would:
 *  - a range collapsed to a point projects exactly as the plain value does;
 *  - withInputs(scenario, { path: v }) equals loading the file with `--set path=v` (setter
 *    table, vars, and the defaults derived from a changed field);
 *  - every input at its base value changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { simulate } from '../../src/model/simulate.js';
import { loadScenario } from '../../src/scenario/load.js';
import { normalizeScenario } from '../../src/scenario/normalize.js';
import type { Scenario } from '../../src/scenario/types.js';
import { baseValue, inputIds, withInputs } from '../../src/uncertainty/apply.js';
import { sample } from '../../src/uncertainty/sample.js';

const catalog = loadCatalog();
const today = '2026-11-21';

/** The projection's numbers: everything but the assumptions, which record values as written ("40k to 40k", "--set"). */
const numbers = (s: Scenario) => ({ ...simulate(s, catalog), assumptions: [] });

async function load(file: string, sets: { path: string; value: string }[] = []): Promise<Scenario> {
  const r = await loadScenario(file, { catalog, today, allowOutside: false, sets });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.scenario;
}

async function fromData(data: Record<string, unknown>): Promise<Scenario> {
  const r = await normalizeScenario(data, { catalog, file: 'memory.yaml', today });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.scenario;
}

const base = {
  version: 1,
  name: 'In memory',
  start_month: '2027-01',
  horizon_months: 6,
  vars: { daily: '40k' },
  workload: { queries_per_month: 'daily * 30', growth_per_month: '3%' },
  prompt: { system: { tokens: 400 }, instructions: { tokens: 900 }, query: { tokens: 80 }, output: { tokens: 300 } },
  knowledge: { corpus: { tokens: '2M' }, change_per_month: '10%', publish_every: '1 week' },
  fine_tuning: { dataset: { examples: '2k' } },
  latency: { slo_p95_ms: '9 s' },
};

describe('ranges collapsed to a point', () => {
  it('project exactly as the plain values (every strategy, every month)', async () => {
    const plainScenario = await fromData(base);
    const plain = simulate(plainScenario, catalog);
    const collapsed = await fromData({
      ...base,
      vars: { daily: '40k to 40k' },
      workload: { ...base.workload, growth_per_month: { low: '3%', base: '3%', high: '3%' } },
      knowledge: { ...base.knowledge, corpus: { tokens: '2M to 2M' }, change_per_month: '10% to 10%' },
    });
    expect(numbers(collapsed)).toEqual(numbers(plainScenario));
    // …and the Monte Carlo over points has no spread: P10 = P50 = P90 = the projection's total.
    const mc = sample(collapsed, catalog, { samples: 20 })!;
    for (const [k, s] of mc.strategies.entries()) {
      const total = plain.strategies[k]!.total_usd!;
      expect(s.total_usd).toEqual({ p10: total, p50: total, p90: total });
    }
  });

  it('a scenario without ranges has no uncertain input, and its projection has no uncertainty block', async () => {
    const s = await fromData(base);
    expect(s.inputs?.uncertain).toEqual([]);
    expect(sample(s, catalog)).toBeNull();
  });
});

describe('withInputs equals normalizing again', () => {
  const cases: [string, string][] = [
    ['workload.queries_per_month', '2.5M'],
    ['workload.growth_per_month', '7%'],
    ['knowledge.change_per_month', '25%'],
    // fine_tuning retrains every publish by default: the derived cadence must follow.
    ['knowledge.publish_every', '1 day'],
    // rerank_candidates defaults to 4 × top_k.
    ['retrieval.top_k', '9'],
    ['caching.hit_rate', '40%'],
    ['one_time.usd_per_engineer_week', '6000'],
    ['fine_tuning.curation_usd_per_example', '0.3'],
    ['latency.slo_p95_ms', '3 s'],
  ];
  for (const [path, value] of cases) {
    it(`${path} = ${value} (help-center-rag)`, async () => {
      const original = await load('scenarios/help-center-rag.yaml');
      const reloaded = await load('scenarios/help-center-rag.yaml', [{ path, value }]);
      const v = baseValue(reloaded, path);
      expect(v).not.toBeNull();
      const moved = withInputs(original, new Map([[path, v!]]));
      expect(numbers(moved)).toEqual(numbers(reloaded));
    });
  }

  it('a var changes every field written over it (vars.daily_chats in help-center-rag)', async () => {
    const original = await load('scenarios/help-center-rag.yaml');
    const reloaded = await load('scenarios/help-center-rag.yaml', [{ path: 'vars.daily_chats', value: '120k' }]);
    expect(reloaded.base.workload.queries_per_month).toBe(3_600_000);
    expect(numbers(withInputs(original, new Map([['vars.daily_chats', 120_000]])))).toEqual(numbers(reloaded));
  });

  it('prompt tokens move the default fine-tuning example size with them (system + query + output)', async () => {
    const original = await fromData(base);
    const data = { ...base, prompt: { ...base.prompt, output: { tokens: 700 } } };
    const reloaded = await fromData(data);
    expect(reloaded.strategies.find((s) => s.kind === 'fine_tuning')!.settings.fine_tuning.tokens_per_example).toBe(400 + 80 + 700);
    expect(numbers(withInputs(original, new Map([['prompt.output.tokens', 700]])))).toEqual(numbers(reloaded));
  });

  it('a price in the fine-tuning entry moves the tuned model\'s prices (the copy has an entry of its own; price tables are kept per entry)', async () => {
    const priced = { ...base, fine_tuning: { ...base.fine_tuning, input_usd_per_1m: 0.8 } };
    const original = await fromData(priced);
    // Projected first, so that the original entry's price table is already kept.
    const before = numbers(original);
    const reloaded = await fromData({ ...priced, fine_tuning: { ...priced.fine_tuning, input_usd_per_1m: 2.5 } });
    const moved = numbers(withInputs(original, new Map([['fine_tuning.input_usd_per_1m', 2.5]])));
    expect(moved).toEqual(numbers(reloaded));
    expect(moved.strategies.find((x) => x.kind === 'fine_tuning')!.total_usd).not.toBe(before.strategies.find((x) => x.kind === 'fine_tuning')!.total_usd);
    expect(numbers(original)).toEqual(before);
  });

  it('every input at its base value changes nothing', async () => {
    const s = await load('scenarios/regulated-insurance-hybrid.yaml');
    const values = new Map<string, number>();
    for (const id of inputIds(s.inputs!)) {
      const v = baseValue(s, id);
      if (v !== null) values.set(id, v);
    }
    expect(values.size).toBeGreaterThan(10);
    expect(simulate(withInputs(s, values), catalog)).toEqual(simulate(s, catalog));
  });

  it('an unknown input is refused with its name', async () => {
    const s = await fromData(base);
    expect(() => withInputs(s, new Map([['workload.nope', 1]]))).toThrow(/"workload.nope" is not an input/);
  });
});
