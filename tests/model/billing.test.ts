/**
 * Money that matches the provider's bill: one hand-worked case per billing rule, priced from
 * the bundled catalog (LiteLLM's snapshot of 2026-07-24 and the curated overrides, each with
 * its provider source). The arithmetic is in the comment beside each case; the numbers are
 * worked out from the published prices, not read back from the output.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { planInference } from '../../src/model/inference.js';
import { rerankSearchUnits } from '../../src/model/retrieval.js';
import { simulate } from '../../src/model/simulate.js';
import { priceTableOf } from '../../src/model/strategies/parts.js';
import type { Projection, StrategyResult } from '../../src/model/types.js';
import { createMemoryFs } from '../../src/io/scenario-fs.js';
import { normalizeScenario } from '../../src/scenario/normalize.js';
import { costOf } from '../../src/model/line-items.js';
import { loadScenario } from '../../src/scenario/load.js';
import type { BatchPrices, TokenPrices } from '../../src/catalog/types.js';

const catalog = loadCatalog();

async function normalize(data: Record<string, unknown>) {
  return normalizeScenario({ version: 1, name: 'billing', start_month: '2027-01', horizon_months: 1, ...data }, {
    catalog, fs: createMemoryFs({}), file: 'billing.yaml', today: '2026-11-30',
  });
}

async function run(data: Record<string, unknown>): Promise<Projection> {
  const r = await normalize(data);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return simulate(r.scenario, catalog);
}

const only = (p: Projection): StrategyResult => p.strategies[0]!;
const item = (s: StrategyResult, name: string) => {
  const found = s.line_items.find((i) => i.name === name);
  if (!found) throw new Error(`no line item "${name}" in ${s.line_items.map((i) => i.name).join(', ')}`);
  return found;
};
const close = (actual: number | null | undefined, expected: number, digits = 9) => {
  expect(actual).not.toBeNull();
  expect(actual as number).toBeCloseTo(expected, digits);
};

describe('reasoning tokens', () => {
  it('gpt-5 at its default effort bills ≈7,948 hidden tokens at the output price and adds them to TTFT', async () => {
    // gpt-5: in $1.25, out $10 per 1M (LiteLLM). Default effort (Artificial Analysis, 2026-07-05):
    //   R = (87.6 s − 0.93 s) × 91.7 tok/s = 86.67 × 91.7 = 7,947.639 tokens
    // cost = 100·1.25e-6 + 300·10e-6 + 7,947.639·10e-6 = 0.000125 + 0.003 + 0.07947639 = 0.08260139
    // (v0.1 billed 0.003125: −96%.) TTFT gains R / 91.7 tok/s = 86.67 s.
    const s = only(
      await run({
        workload: { queries_per_month: 1000 },
        prompt: { query: { tokens: 100 }, output: { tokens: 300 } },
        models: { generator: 'gpt-5' },
        caching: { enabled: false },
        latency: { samples: 2000 },
        strategies: { prompt_only: {} },
      }),
    );
    close(s.per_query.cost_usd, 0.08260139, 9);
    close(item(s, 'Reasoning tokens').quantity, 7947.639, 6);
    close(item(s, 'Reasoning tokens').unit_price_usd, 10e-6, 15);
    const note = s.notes.find((n) => n.code === 'reasoning_tokens')!.message;
    expect(note).toContain('7,948 hidden tokens');
    expect(note).toContain('(TTFT 87.6 s − 0.93 s at "minimal") × 91.7 tok/s');
    // The reasoning component is a lognormal with median R / speed = 86,670 ms; its sampled p50 is within 3%.
    const reasoning = s.per_query.latency_ms!.components['reasoning']!;
    expect(Math.abs(reasoning.p50 - 86_670) / 86_670).toBeLessThan(0.03);
    expect(s.per_query.latency_ms!.ttft_p50).toBeGreaterThan(86_670);
  });

  it('a named effort maps to tokens through the catalog: gpt-5 medium ≈ 2,953', async () => {
    // medium: (38.5 s − 0.93 s) × 78.6 tok/s = 37.57 × 78.6 = 2,953.002 tokens; cost 2,953.002 × 10e-6 = 0.02953002
    const s = only(
      await run({
        workload: { queries_per_month: 1000 },
        prompt: { query: { tokens: 100 }, output: { tokens: 300 }, reasoning: { effort: 'medium' } },
        models: { generator: 'gpt-5' },
        caching: { enabled: false },
        latency: { samples: 500 },
        strategies: { prompt_only: {} },
      }),
    );
    close(item(s, 'Reasoning tokens').cost_usd, 0.02953002, 9);
  });

  it('an effort the catalog does not measure is a problem listing the ones it does', async () => {
    const r = await normalize({
      workload: { queries_per_month: 1000 },
      prompt: { query: { tokens: 100 }, output: { tokens: 300 }, reasoning: { effort: 'extreme' } },
      models: { generator: 'gpt-5' },
      strategies: { prompt_only: {} },
    });
    expect(r.ok).toBe(false);
    const p = !r.ok ? r.problems.find((x) => x.path.endsWith('prompt.reasoning.effort')) : undefined;
    expect(p?.message).toBe('gpt-5 has no effort "extreme" in the catalog; expected one of: minimal, low, medium, default');
  });

  // Artificial Analysis (the latency catalog's source, payload of 2026-07-05, and the cached aa_models.json
  // of 2026-08-01) measures o4-mini (TTFT 15.94 s, 155.6 tok/s) and gemini-2-5-pro (21.80 s, 138.3 tok/s) only
  // at their default effort: no minimal-effort or non-reasoning TTFT to subtract, so no sourced figure of their
  // default reasoning tokens. Both stay unknown, never priced as zero.
  for (const generator of ['o4-mini', 'gemini/gemini-2.5-pro']) {
    it(`a model that always reasons with no figure is unpriced, not free (${generator})`, async () => {
      const s = only(
        await run({
          workload: { queries_per_month: 1000 },
          prompt: { query: { tokens: 100 }, output: { tokens: 300 } },
          models: { generator },
          strategies: { prompt_only: {} },
        }),
      );
      expect(catalog.latency[generator]?.reasoning ?? null).toBeNull();
      expect(s.per_query.cost_usd).toBeNull();
      expect(s.total_usd).toBeNull();
      expect(s.unpriced).toContain('Reasoning tokens (count unknown)');
      expect(s.notes.map((n) => n.code)).toContain('reasoning_unknown');
      expect(s.per_query.latency_ms).toBeNull(); // the same unknown figure: latency is unknown too
    });
  }

  it('Claude reasons only when asked: no reasoning line by default', async () => {
    const s = only(
      await run({
        workload: { queries_per_month: 1000 },
        prompt: { query: { tokens: 100 }, output: { tokens: 300 } },
        models: { generator: 'claude-sonnet-4-20250514' },
        strategies: { prompt_only: {} },
      }),
    );
    expect(s.line_items.some((i) => i.name.includes('easoning'))).toBe(false);
  });

  it('cost and TTFT both grow with reasoning tokens: by the output price and by tokens ÷ output speed', async () => {
    // gpt-5: 1,000 more reasoning tokens cost 1,000 × $10/1M = $0.01 more, and add 1,000 / 91.7 s = 10,905 ms
    // to the reasoning component's median (same seed: the same draws, scaled).
    const at = async (tokens: number) =>
      only(
        await run({
          workload: { queries_per_month: 1000 },
          prompt: { query: { tokens: 100 }, output: { tokens: 300 }, reasoning: { tokens } },
          models: { generator: 'gpt-5' },
          caching: { enabled: false },
          latency: { samples: 4000, spread: { reasoning: 1 } },
          strategies: { prompt_only: {} },
        }),
      );
    const a = await at(2000);
    const b = await at(3000);
    close(b.per_query.cost_usd! - a.per_query.cost_usd!, 0.01, 12);
    const ra = a.per_query.latency_ms!.components['reasoning']!.p50;
    const rb = b.per_query.latency_ms!.components['reasoning']!.p50;
    close(rb - ra, (1000 / 91.7) * 1000, 3); // spread 1: the component is exactly its median
    expect(b.per_query.latency_ms!.ttft_p50).toBeGreaterThan(a.per_query.latency_ms!.ttft_p50);
  });
});

describe('batch with caching', () => {
  it('Claude Sonnet 4, 50% batch, caching on: the batch discount stacks with cache reads and writes', async () => {
    // claude-sonnet-4: in $3, read $0.30, 5-min write $3.75, out $15; batch = 50% of each (Anthropic pricing:
    // "These multipliers stack with other pricing modifiers, including the Batch API discount").
    // P = 5,000, I = 5,100, O = 100, h = 0.5. One query at standard prices:
    //   100·3e-6 + 0.5·5000·0.3e-6 + 0.5·5000·3.75e-6 + 100·15e-6 = 0.0003 + 0.00075 + 0.009375 + 0.0015 = 0.011925
    // interactive half 0.5 × 0.011925 = 0.0059625; batch half 0.5 × 0.011925 × 0.5 = 0.00298125 → 0.00894375
    // (v0.1: batch half at 5,100·1.5e-6 + 100·7.5e-6 with no cache: 0.5 × 0.0084 = 0.0042 → 0.0101625, +14%)
    const s = only(
      await run({
        workload: { queries_per_month: 1000, batch_share: '50%' },
        prompt: { system: { tokens: 5000 }, query: { tokens: 100 }, output: { tokens: 100 } },
        models: { generator: 'claude-sonnet-4-20250514' },
        caching: { hit_rate: 0.5 },
        strategies: { prompt_only: {} },
      }),
    );
    close(s.per_query.cost_usd, 0.00894375, 12);
    close(item(s, 'Batch cached prefix reads').unit_price_usd, 0.15e-6, 15);
    close(item(s, 'Batch prefix cache writes').unit_price_usd, 1.875e-6, 15);
  });

  it('Gemini 2.5 Flash, 50% batch: Batch Mode is half the interactive price', async () => {
    // gemini/gemini-2.5-flash: in $0.30, out $2.50; Batch Mode 50% → $0.15 / $1.25. Thinking off (0 tokens).
    // I = 2,100, O = 200, caching off: interactive 0.5·(2100·0.3e-6 + 200·2.5e-6) = 0.5·0.00113 = 0.000565
    // batch 0.5·(2100·0.15e-6 + 200·1.25e-6) = 0.5·0.000565 = 0.0002825 → 0.0008475 (v0.1: 0.00113, +33%)
    const s = only(
      await run({
        workload: { queries_per_month: 1000, batch_share: '50%' },
        prompt: { system: { tokens: 2000 }, query: { tokens: 100 }, output: { tokens: 200 }, reasoning: { tokens: 0 } },
        models: { generator: 'gemini/gemini-2.5-flash' },
        caching: { enabled: false },
        strategies: { prompt_only: {} },
      }),
    );
    close(s.per_query.cost_usd, 0.0008475, 12);
    expect(s.notes.map((n) => n.code)).not.toContain('no_batch_price');
  });

  it('gpt-4.1-mini batch gets no cache discount: OpenAI publishes no batch cached-input price for it', async () => {
    // The invoice workload's prompt_only: P = 16,200, I = 16,800, O = 150, h ≈ 1 (20M queries a month), b = 0.6.
    // interactive 0.4·(600·0.4e-6 + 16,200·0.1e-6 + 150·1.6e-6) at h = 1; batch 0.6·(16,800·0.2e-6 + 150·0.8e-6)
    // batch share per query = 0.6 × (0.00336 + 0.00012) = 0.002088 (every input token at batch input $0.20).
    const s = only(
      await run({
        workload: { queries_per_month: '20M', batch_share: '60%' },
        prompt: { system: { tokens: 200 }, instructions: { tokens: 4000 }, examples: { tokens: 12000 }, query: { tokens: 600 }, output: { tokens: 150 } },
        models: { generator: 'gpt-4.1-mini' },
        caching: { hit_rate: 1 },
        strategies: { prompt_only: {} },
      }),
    );
    close(item(s, 'Batch input tokens').cost_usd! + item(s, 'Batch output tokens').cost_usd!, 0.002088, 12);
  });

  it('the bundled invoice scenario: 60% batch costs more, and the projection says why', async () => {
    // scenarios/invoice-extraction-ft.yaml, prompt_only on gpt-4.1-mini (LiteLLM 2026-07-24: in $0.40, cache read
    // $0.10, out $1.60; batch in $0.20, out $0.80; no batch cached-input price: OpenAI's Batch tab lists "-").
    // P = 200 + 4,000 + 12,000 = 16,200 cached prefix, dynamic 600, O = 150; 20M queries a month warm the cache
    // of either share completely (λ·ttl ≥ 0.4 × 20M / 2,628,000 s × 300 s = 913, h = 1 − e^−913 = 1).
    //   interactive query = 600·0.40e-6 + 16,200·0.10e-6 + 150·1.60e-6 = 0.00024 + 0.00162 + 0.00024 = 0.00210
    //   batch query       = 16,800·0.20e-6 + 150·0.80e-6               = 0.00336 + 0.00012           = 0.00348
    // The batch share loses the cache discount on 16,200 tokens (+16,200 × $0.10/1M = +$0.00162) and gains the
    // batch discount on the rest (−600 × $0.20/1M − 150 × $0.80/1M = −$0.00024): net +$0.00138 per batch query.
    //   b = 0.6: 0.4 × 0.00210 + 0.6 × 0.00348 = 0.00084 + 0.002088 = 0.002928 per query (+39.4% on 0.00210)
    const at = async (share: number) => {
      const loaded = await loadScenario('scenarios/invoice-extraction-ft.yaml', {
        catalog, today: '2026-11-30', allowOutside: false, sets: [{ path: 'workload.batch_share', value: String(share) }],
      });
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
      return simulate(loaded.scenario, catalog).strategies.find((x) => x.id === 'prompt_only')!;
    };
    const [none, sixty] = [await at(0), await at(0.6)];
    close(none.per_query.cost_usd, 0.0021, 12);
    close(sixty.per_query.cost_usd, 0.002928, 12);
    expect(none.notes.map((n) => n.code)).not.toContain('batch_costs_more');
    const why = sixty.notes.find((n) => n.code === 'batch_costs_more');
    expect(why?.message).toContain('16,200-token cached prefix pays batch input ($0.20/1M) instead of the cache read ($0.10/1M)');
    expect(why?.message).toContain('$0.00348 per batch query against $0.00210 interactive');
  });

  it('no batch_costs_more note where the batch discount covers cached input (gpt-5)', async () => {
    // Same prompt on gpt-5 (batch cached input $0.0625 = half the $0.125 read): a batch query is cheaper.
    const s = only(
      await run({
        workload: { queries_per_month: '20M', batch_share: '60%' },
        prompt: { system: { tokens: 16200 }, query: { tokens: 600 }, output: { tokens: 150 }, reasoning: { tokens: 0 } },
        models: { generator: 'gpt-5' },
        strategies: { prompt_only: {} },
      }),
    );
    expect(s.notes.map((n) => n.code)).not.toContain('batch_costs_more');
  });

  it('an auto hit rate counts each share\'s own traffic: batch requests neither warm nor read the interactive cache', async () => {
    // claude-sonnet-4, 10,000 queries a month, 80% batch, ttl 5 min (300 s), P = 5,000 (docs/model.md §4.3):
    //   interactive 2,000 queries: λ·ttl = 2,000 / 2,628,000 s × 300 s = 0.2283105, h = 1 − e^−0.2283105 = 0.2041229
    //   batch       8,000 queries: λ·ttl = 0.9132420,                                h = 1 − e^−0.9132420 = 0.5987787
    // cache reads per average query: interactive 0.2 × 0.2041229 × 5,000 = 204.1229; batch 0.8 × 0.5987787 × 5,000
    // = 2,395.1146. (Counting all 10,000 queries for both gave h = 0.6806771: 680.68 and 2,722.71.)
    const s = only(
      await run({
        workload: { queries_per_month: 10000, batch_share: '80%' },
        prompt: { system: { tokens: 5000 }, query: { tokens: 100 }, output: { tokens: 100 } },
        models: { generator: 'claude-sonnet-4-20250514' },
        strategies: { prompt_only: {} },
      }),
    );
    close(item(s, 'Cached prefix reads').quantity, 204.1229, 3);
    close(item(s, 'Batch cached prefix reads').quantity, 2395.1146, 3);
  });

  it('property: for a model whose batch prices discount each price they replace (cached input included), raising batch_share never raises cost', () => {
    // The models of the bundled catalog for which every batch price is at most the standard price it replaces:
    // input, output, the cache read (batch cached input, or batch input where none is published), both cache
    // writes (or the input a write-free miss pays), and the same for the long-context tier's batch prices.
    const atMost = (batch: number | null, standard: number | null) => batch === null || standard === null || batch <= standard;
    const discountsEach = (std: TokenPrices, bat: BatchPrices) =>
      atMost(bat.input_usd_per_1m, std.input_usd_per_1m) &&
      atMost(bat.output_usd_per_1m, std.output_usd_per_1m) &&
      atMost(bat.cached_input_usd_per_1m ?? bat.input_usd_per_1m, std.cached_input_usd_per_1m) &&
      atMost(bat.cache_write_usd_per_1m ?? bat.input_usd_per_1m, std.cache_write_usd_per_1m ?? std.input_usd_per_1m) &&
      atMost(bat.cache_write_1h_usd_per_1m ?? bat.input_usd_per_1m, std.cache_write_1h_usd_per_1m ?? std.input_usd_per_1m);
    const models = Object.values(catalog.models).filter((m) => {
      if (m.mode !== 'chat' || m.batch_input_usd_per_1m === null || m.batch_output_usd_per_1m === null) return false;
      const base: BatchPrices = {
        input_usd_per_1m: m.batch_input_usd_per_1m, output_usd_per_1m: m.batch_output_usd_per_1m, cached_input_usd_per_1m: m.batch_cached_input_usd_per_1m,
        cache_write_usd_per_1m: m.batch_cache_write_usd_per_1m, cache_write_1h_usd_per_1m: m.batch_cache_write_1h_usd_per_1m,
      };
      return discountsEach(m, base) && (m.long_context?.batch == null || discountsEach(m.long_context, m.long_context.batch));
    });
    // The rule selects the stacking providers (and gpt-4o, whose $1.25 batch input equals its cache read) and
    // excludes the models whose batch input is dearer than their cache read.
    const ids = models.map((m) => m.id);
    for (const id of ['gpt-5', 'gpt-5-mini', 'claude-sonnet-4-20250514', 'gemini/gemini-2.5-flash', 'gemini/gemini-2.5-pro']) expect(ids).toContain(id);
    for (const id of ['gpt-4.1-mini', 'gpt-4.1', 'gpt-4.1-nano', 'o4-mini']) expect(ids).not.toContain(id);
    fc.assert(
      fc.property(
        fc.constantFrom(...models),
        fc.integer({ min: 0, max: 300_000 }),
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 1, max: 4000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        fc.constantFrom(300, 3600),
        fc.integer({ min: 0, max: 20_000 }),
        fc.constantFrom('implicit' as const, 'explicit' as const),
        (model, prefix, dynamic, output, h, b1, b2, caching, ttl, reasoning, mode) => {
          const prices = priceTableOf(model);
          const tokens = { static_prefix_tokens: prefix, dynamic_tokens: dynamic, output_tokens: output };
          const cost = (b: number) => {
            const plan = planInference(prices, tokens, {
              caching_enabled: caching, hit_rate: h, batch_share: b, ttl_s: ttl, cache_mode: mode, reasoning_tokens: reasoning,
            });
            return costOf(plan.itemsAt(plan.rates));
          };
          const [lo, hi] = b1 <= b2 ? [b1, b2] : [b2, b1];
          const [cLo, cHi] = [cost(lo), cost(hi)];
          // A price the provider does not publish (a 1-hour write above Claude's 200k threshold) is unknown at any share.
          fc.pre(cLo !== null && cHi !== null);
          expect(cHi!).toBeLessThanOrEqual(cLo! * (1 + 1e-12) + 1e-15);
        },
      ),
      { numRuns: 600 },
    );
  });
});

describe('cache lifetimes and explicit caches', () => {
  it('Claude with caching.ttl: 1 h writes at 2× input ($6), not 1.25×', async () => {
    // P = 5,000, I = 5,100, O = 100, h = 0.5: 100·3e-6 + 0.5·5000·0.3e-6 + 0.5·5000·6e-6 + 100·15e-6
    //   = 0.0003 + 0.00075 + 0.015 + 0.0015 = 0.01755 (v0.1 wrote at $3.75: 0.011925, −32%)
    const s = only(
      await run({
        workload: { queries_per_month: 1000 },
        prompt: { system: { tokens: 5000 }, query: { tokens: 100 }, output: { tokens: 100 } },
        models: { generator: 'claude-sonnet-4-20250514' },
        caching: { hit_rate: 0.5, ttl: '1 h' },
        strategies: { prompt_only: {} },
      }),
    );
    close(s.per_query.cost_usd, 0.01755, 12);
    close(item(s, 'Prefix cache writes (1-hour cache)').unit_price_usd, 6e-6, 15);
  });

  it('a lifetime Anthropic does not sell is a problem that lists the ones it does', async () => {
    const r = await normalize({
      workload: { queries_per_month: 1000 },
      prompt: { system: { tokens: 5000 }, query: { tokens: 100 }, output: { tokens: 100 } },
      models: { generator: 'claude-sonnet-4-20250514' },
      caching: { ttl: '10 min' },
      strategies: { prompt_only: {} },
    });
    expect(r.ok).toBe(false);
    const p = !r.ok ? r.problems.find((x) => x.path.endsWith('caching.ttl')) : undefined;
    expect(p?.message).toBe(
      'claude-sonnet-4-20250514 sells cache lifetimes of 5 min (writes at $3.75/1M) or 1 h (writes at $6/1M); got 10 min (write one of: 5 min, 1 h)',
    );
  });

  it('Gemini explicit cache of 150k tokens: cached reads plus storage per token-hour all month', async () => {
    // gemini/gemini-2.5-flash: in $0.30, cached $0.03, out $2.50, storage $1.00 per 1M tokens per hour.
    // P = 150,000, I = 150,100, O = 200, no thinking; every query reads the kept cache:
    //   per query 100·0.3e-6 + 150,000·0.03e-6 + 200·2.5e-6 = 0.00003 + 0.0045 + 0.0005 = 0.00503 → 100,000 queries $503
    //   storage 150,000 tokens × 730 h × 1e-6 = $109.50 a month; creation once 150,000 × 0.3e-6 = $0.045
    //   month 1 = 503 + 109.5 = $612.50; total = 612.5 + 0.045 = $612.545
    const s = only(
      await run({
        workload: { queries_per_month: 100_000 },
        prompt: { system: { tokens: 150_000 }, query: { tokens: 100 }, output: { tokens: 200 }, reasoning: { tokens: 0 } },
        models: { generator: 'gemini/gemini-2.5-flash' },
        caching: { mode: 'explicit' },
        strategies: { prompt_only: {} },
      }),
    );
    close(s.per_query.cost_usd, 0.00503, 12);
    close(item(s, 'Explicit cache storage').cost_usd, 109.5, 9);
    close(s.monthly[0]!.total_usd, 612.5, 6);
    close(s.total_usd, 612.545, 6);
  });

  it('explicit caching on a model with no storage price is a problem', async () => {
    const r = await normalize({
      workload: { queries_per_month: 1000 },
      prompt: { system: { tokens: 5000 }, query: { tokens: 100 }, output: { tokens: 100 } },
      models: { generator: 'gpt-4.1-mini' },
      caching: { mode: 'explicit' },
      strategies: { prompt_only: {} },
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.some((p) => p.path.endsWith('caching.mode') && p.message.includes('no explicit-cache storage price'))).toBe(true);
  });
});

describe('limits', () => {
  const gpt5 = (input: number, output: number) =>
    run({
      workload: { queries_per_month: 1000 },
      prompt: { system: { tokens: input - 100 }, query: { tokens: 100 }, output: { tokens: output } },
      models: { generator: 'gpt-5' },
      latency: { samples: 200 },
      strategies: { prompt_only: {} },
    });

  it('gpt-5 with 260k input and 20k output is feasible: 272k input limit, 128k output limit, no shared window', async () => {
    // 260,000 ≤ 272,000; 20,000 + 7,947.6 reasoning = 27,947.6 ≤ 128,000 (v0.1 compared 280,000 with 272,000: infeasible)
    expect(only(await gpt5(260_000, 20_000)).feasible).toBe(true);
  });

  it('the infeasibility names the limit that is exceeded', async () => {
    const overIn = only(await gpt5(280_000, 1000));
    expect(overIn.feasible).toBe(false);
    expect(overIn.notes.find((n) => n.code === 'input_limit_exceeded')?.message).toBe(
      // and what would fit: 280,000 − 272,000 = 8,000 tokens fewer; 132,948 − 128,000 = 4,948 below (issue 11, item 2).
      "infeasible: 280,000 input tokens exceed gpt-5's input limit of 272,000 tokens — 8,000 tokens fewer would fit, or a model whose input limit is at least 280,000",
    );
    // 125,000 visible + 7,948 reasoning = 132,948 > 128,000
    const overOut = only(await gpt5(10_000, 125_000));
    expect(overOut.notes.find((n) => n.code === 'max_output_exceeded')?.message).toBe(
      "infeasible: 125,000 output + 7,948 reasoning tokens = 132,948 exceed gpt-5's output limit of 128,000 tokens — 4,948 tokens fewer (prompt.output, prompt.reasoning) or a model whose output limit is at least 132,948",
    );
  });
});

describe('rerankers', () => {
  it('Cohere: 150 candidates are 2 search units (a unit covers up to 100 documents)', async () => {
    // rerank-v3.5 at $2 per 1,000 searches; chunk 300 + query 100 = 400 tokens ≤ 500: one document each.
    // units = ceil(150 / 100) = 2 → 2 × $0.002 = $0.004 per query (v0.1 billed 1 unit: −50% of the line)
    const s = only(
      await run({
        workload: { queries_per_month: 1000 },
        prompt: { query: { tokens: 100 }, output: { tokens: 100 } },
        knowledge: { corpus: { tokens: 100_000 } },
        models: { generator: 'gpt-4.1-mini', embedding: 'text-embedding-3-small', reranker: 'rerank-v3.5' },
        retrieval: { chunk_tokens: 300, chunk_overlap_tokens: 0, rerank_candidates: 150 },
        latency: { samples: 200 },
        strategies: { rag: {} },
      }),
    );
    const line = item(s, 'Rerank search units');
    expect(line.quantity).toBe(2);
    close(line.cost_usd, 0.004, 12);
  });

  it('long documents count as several: 60 chunks of 512 + 100 query tokens are 120 documents, 2 units', () => {
    const cohere = catalog.models['rerank-v3.5']!;
    // ceil(612 / 500) = 2 pieces each: 60 × 2 = 120 documents → ceil(120 / 100) = 2; 50 × 2 = 100 → 1
    expect(rerankSearchUnits(cohere, 60, 612)).toBe(2);
    expect(rerankSearchUnits(cohere, 50, 612)).toBe(1);
    // A reranker that states no unit size bills one search per call.
    expect(rerankSearchUnits(catalog.models['azure_ai/cohere-rerank-v4.0-pro']!, 150, 400)).toBe(1);
  });
});

describe('retraining without a corpus', () => {
  it('a fine-tuning strategy with no knowledge base trains once: retrain_every defaults to never', async () => {
    const base = {
      workload: { queries_per_month: 1000 },
      prompt: { query: { tokens: 100 }, output: { tokens: 100 } },
      models: { generator: 'gpt-4.1-mini' },
      fine_tuning: { dataset: { examples: 1000, tokens_per_example: 500 } },
      latency: { samples: 200 },
      strategies: { fine_tuning: {} },
    };
    const r = await normalize(base);
    expect(r.ok && r.scenario.strategies[0]!.settings.fine_tuning.retrain_every_hours).toBeNull();
    expect(only(await run(base)).line_items.some((i) => i.name === 'Retraining runs')).toBe(false);
    // With a corpus it still follows publish_every (1 week = 168 h).
    const withCorpus = await normalize({ ...base, knowledge: { corpus: { tokens: 100_000 } } });
    expect(withCorpus.ok && withCorpus.scenario.strategies[0]!.settings.fine_tuning.retrain_every_hours).toBe(168);
  });
});

describe('prices you can trace', () => {
  it('a projection lists the dates of the prices it used per source, and every catalog-priced line item its date', async () => {
    const p = await run({
      workload: { queries_per_month: 1000 },
      prompt: { query: { tokens: 100 }, output: { tokens: 100 } },
      knowledge: { corpus: { tokens: 100_000 } },
      models: { generator: 'gpt-4.1-mini', embedding: 'text-embedding-3-small' },
      fine_tuning: { dataset: { examples: 1000, tokens_per_example: 500 } },
      latency: { samples: 200 },
      strategies: { rag: {}, fine_tuning: {} },
    });
    // LiteLLM 2026-07-24 (generator, embedding); OpenAI fine-tuning prices (capture of 2025-08-21); Pinecone (2026-11-04).
    expect(p.catalog.prices_used).toEqual([
      { source: catalog.models['gpt-4.1-mini']!.source.name, oldest: '2026-07-24', newest: '2026-07-24' },
      { source: catalog.fine_tuning['gpt-4.1-mini']!.source.name, oldest: '2025-08-21', newest: '2025-08-21' },
      { source: catalog.vector_stores['pinecone-serverless']!.source.name, oldest: '2026-11-04', newest: '2026-11-04' },
    ]);
    const rag = p.strategies.find((s) => s.id === 'rag')!;
    expect(item(rag, 'Output tokens').price_as_of).toBe('2026-07-24');
    expect(item(rag, 'Vector search read units').price_as_of).toBe('2026-11-04');
  });
});
