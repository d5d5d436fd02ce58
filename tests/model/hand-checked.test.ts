/**
 * Projections worked out by hand from the catalog prices (src/catalog/data; the fixture
 * catalog in fixtures.ts copies them) and the equations of docs/model.md. The arithmetic is in the comment beside each case.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/model/simulate.js';
import { autoEpochs } from '../../src/model/fine-tuning.js';
import type { Projection, StrategyResult } from '../../src/model/types.js';
import { expectLineItemsAddUp } from './invariants.js';
import { scenarioOf, testCatalog } from './fixtures.js';

const close = (actual: number | null, expected: number, digits = 9) => {
  expect(actual).not.toBeNull();
  expect(actual as number).toBeCloseTo(expected, digits);
};

async function run(data: Record<string, unknown>, files: Record<string, string> = {}): Promise<Projection> {
  const catalog = testCatalog();
  return simulate(await scenarioOf(data, files, catalog), catalog);
}

function strategy(p: Projection, id: string): StrategyResult {
  const s = p.strategies.find((x) => x.id === id);
  if (!s) throw new Error(`no strategy ${id}`);
  return s;
}

const item = (s: StrategyResult, name: string) => {
  const found = s.line_items.find((i) => i.name === name);
  if (!found) throw new Error(`no line item "${name}" in ${s.line_items.map((i) => i.name).join(', ')}`);
  return found;
};

const basePrompt = { system: { tokens: 2000 }, query: { tokens: 100 }, output: { tokens: 200 } };

describe('prompt_only', () => {
  it('caches the static prefix at an explicit hit rate (no write premium on OpenAI)', async () => {
    // gpt-4.1-mini: in $0.40, cached $0.10, out $1.60 per 1M. I = 2,100, P = 2,000 (≥ 1,024 cacheable), O = 200, h = 0.9
    // cost_in  = (I − P)·in + h·P·cached + (1 − h)·P·in
    //          = 100·0.4e-6 + 0.9·2000·0.1e-6 + 0.1·2000·0.4e-6 = 0.00004 + 0.00018 + 0.00008 = 0.00030
    // cost_out = 200·1.6e-6 = 0.00032            → per query 0.00062; 1M queries → $620 in month 1
    const p = await run({
      horizon_months: 1,
      workload: { queries_per_month: '1M' },
      prompt: basePrompt,
      caching: { hit_rate: 0.9 },
      strategies: { prompt_only: {} },
    });
    const s = strategy(p, 'prompt_only');
    close(s.per_query.cost_usd, 0.00062);
    expect(s.per_query.input_tokens).toBe(2100);
    close(s.per_query.cached_input_tokens, 1800);
    close(s.monthly[0]!.total_usd, 620, 6);
    close(s.total_usd, 620, 6);
  });

  it('charges the cache-write price where the provider has one (Claude)', async () => {
    // claude-sonnet-4: in $3, cache read $0.30, cache write $3.75, out $15. P = 5,000, I = 5,100, O = 100, h = 0.5
    // cost_in  = 100·3e-6 + 0.5·5000·0.3e-6 + 0.5·5000·3.75e-6 = 0.0003 + 0.00075 + 0.009375 = 0.010425
    // cost_out = 100·15e-6 = 0.0015                                       → per query 0.011925
    const p = await run({
      horizon_months: 1,
      workload: { queries_per_month: 1000 },
      prompt: { system: { tokens: 5000 }, query: { tokens: 100 }, output: { tokens: 100 } },
      models: { generator: 'claude-sonnet-4-20250514' },
      caching: { hit_rate: 0.5 },
      strategies: { prompt_only: {} },
    });
    const s = strategy(p, 'prompt_only');
    close(s.per_query.cost_usd, 0.011925);
    close(item(s, 'Prefix cache writes').cost_usd, 0.009375);
    expect(s.notes.some((n) => n.code === 'approximate_tokens')).toBe(true);
  });

  it('bills every token at the long-context tier past the threshold', async () => {
    // claude-sonnet-4, 250,000-token corpus stuffed whole, caching off: I = 250,000 + 100 = 250,100 > 200,000
    // tier prices: in $6, out $22.50 → 250,100·6e-6 + 100·22.5e-6 = 1.5006 + 0.00225 = 1.50285 per query
    const p = await run({
      horizon_months: 1,
      workload: { queries_per_month: 10 },
      prompt: { query: { tokens: 100 }, output: { tokens: 100 } },
      knowledge: { corpus: { tokens: '250k' } },
      models: { generator: 'claude-sonnet-4-20250514' },
      caching: { enabled: false },
      strategies: { prompt_only: { knowledge: 'full' } },
    });
    const s = strategy(p, 'prompt_only');
    close(s.per_query.cost_usd, 1.50285);
    expect(s.notes.map((n) => n.code)).toContain('long_context_tier');
    close(s.monthly[0]!.total_usd, 15.0285);
  });

  it('is infeasible when the prompt exceeds the context window, with the numbers', async () => {
    // gpt-4.1-mini window 1,047,576 < 2,000,000 corpus + 100 query + 200 output
    const p = await run({
      workload: { queries_per_month: 10 },
      prompt: basePrompt,
      knowledge: { corpus: { tokens: '2M' } },
      strategies: { prompt_only: {} },
    });
    const s = strategy(p, 'prompt_only');
    expect(s.feasible).toBe(false);
    expect(s.notes.find((n) => n.code === 'context_exceeded')?.message).toBe(
      // and what would fit: 2,002,300 − 1,047,576 = 954,724 tokens too many (issue 11, item 2).
      "infeasible: 2,002,100 input + 200 output tokens = 2,002,300 exceed gpt-4.1-mini's context window of 1,047,576 tokens — 954,724 tokens fewer would fit (retrieve what a query needs instead of sending it all), or a model whose window holds 2,002,300",
    );
    expect(p.verdict.recommended).toBeNull();
  });

  it('bills the batch share at batch prices', async () => {
    // caching off, I = 2,100, O = 200, b = 0.5
    // interactive 0.5·(2100·0.4e-6 + 200·1.6e-6) = 0.5·0.00116 = 0.00058
    // batch       0.5·(2100·0.2e-6 + 200·0.8e-6) = 0.5·0.00058 = 0.00029   → 0.00087 per query
    const p = await run({
      horizon_months: 1,
      workload: { queries_per_month: 1000, batch_share: '50%' },
      prompt: basePrompt,
      caching: { enabled: false },
      strategies: { prompt_only: {} },
    });
    close(strategy(p, 'prompt_only').per_query.cost_usd, 0.00087);
  });

  it('derives the hit rate from traffic: h = 1 − exp(−λ·ttl)', async () => {
    // 2,628,000 queries a month / (730·3600 s) = 1 query/s; ttl 1 s → h = 1 − e^−1 = 0.6321205588
    // per query = 100·0.4e-6 + h·2000·0.1e-6 + (1 − h)·2000·0.4e-6 + 200·1.6e-6
    //           = 0.00004 + 0.000126424112 + 0.000294303553 + 0.00032 = 0.000780727665
    const p = await run({
      horizon_months: 1,
      workload: { queries_per_month: 2_628_000 },
      prompt: basePrompt,
      caching: { ttl: '1 s' },
      strategies: { prompt_only: {} },
    });
    close(strategy(p, 'prompt_only').per_query.cost_usd, 0.000780727665, 12);
  });

  it('grows queries month by month and sums the months', async () => {
    // caching off: per query 2100·0.4e-6 + 200·1.6e-6 = 0.00116; 1,000 queries growing 10%:
    // months 1000, 1100, 1210 → 1.16 + 1.276 + 1.4036 = 3.8396
    const p = await run({
      horizon_months: 3,
      workload: { queries_per_month: 1000, growth_per_month: '10%' },
      prompt: basePrompt,
      caching: { enabled: false },
      strategies: { prompt_only: {} },
    });
    const s = strategy(p, 'prompt_only');
    expect(s.monthly.map((m) => m.label)).toEqual(['2027-01', '2027-02', '2027-03']);
    close(s.monthly[2]!.queries, 1210);
    close(s.total_usd, 3.8396);
  });
});

describe('rag', () => {
  it('prices retrieval, re-embedding, writes, storage and the Pinecone minimum', async () => {
    // corpus 1,000,000 tokens, chunks 512 with 64 overlap: stride 448 → n = ceil(1e6/448) = 2,233 chunks
    // record = 4·1536 + 1000 = 7,144 bytes; namespace = 2233·7144/1e9 = 0.015952552 GB → read units max(0.25, 0.016) = 0.25
    // per query, caching off: I = 2000 + 6·512 + 100 = 5,172 → 5172·0.4e-6 = 0.0020688; out 200·1.6e-6 = 0.00032
    //   query embedding 100·0.02e-6 = 0.000002; reads 0.25·16e-6 = 0.000004 → 0.0023948
    // monthly at 10% change: 223.3 chunks; re-embed 223.3·512 = 114,329.6 tokens · 0.02e-6 = 0.002286592
    //   writes 223.3·7144/1024 = 1,557.86 WU (> ceil(223.3/100)·5 = 15) · 4e-6; storage 0.015952552 · 0.33
    //   store usage = reads 100,000·0.000004 + writes + storage < $50 → the store's items are topped up to exactly $50
    // month 1 = 100,000 · (0.0023948 − 0.000004 reads) + 0.002286592 re-embedding + 50 store = 289.082286592
    const p = await run({
      horizon_months: 1,
      workload: { queries_per_month: 100_000 },
      prompt: basePrompt,
      knowledge: { corpus: { tokens: '1M' }, change_per_month: '10%' },
      caching: { enabled: false },
      strategies: { rag: {} },
    });
    const s = strategy(p, 'rag');
    close(s.per_query.cost_usd, 0.0023948);
    close(item(s, 'Vector search read units').quantity, 0.25);
    close(item(s, 'Vector writes for changed chunks').quantity, (223.3 * 7144) / 1024, 6);
    close(item(s, 'Vector storage').quantity, 0.015952552);
    close(s.monthly[0]!.total_usd, 289.082286592, 6);
    // one-time: embed 2233·512 = 1,143,296 tokens · 0.02e-6 = 0.02286592; writes 2233·7144/1024 WU · 4e-6 = 0.0623146...
    close(s.one_time_usd, 0.02286592 + ((2233 * 7144) / 1024) * 4e-6, 9);
    close(s.total_usd, (s.one_time_usd as number) + 289.082286592, 6);
  });

  it('adds up in every month when the hit rate follows traffic and the plan minimum bites in month 1 only', async () => {
    // 10M queries growing 30%: month 1 10,000,000, month 2 13,000,000. Corpus 1M tokens: 0.25 read
    // units per query (as above), storage 0.015952552 GB · $0.33 = 0.00526434216, no changes.
    // Hit rate, ttl 1 s: λ = q / (730·3600 s); h = 1 − e^(−λ)
    //   month 1: λ = 3.80517504, h = 0.97774470; month 2: λ = 4.94672755, h = 0.99289337
    // inference per query = 3172 uncached · 0.4e-6 + h·2000 · 0.1e-6 + (1 − h)·2000 · 0.4e-6 + 200 · 1.6e-6
    //   month 1: 0.00180215318 → 18,021.5318; month 2: 0.00179306398 → 23,309.8317
    // query embedding 100 · 0.02e-6 = 2e-6 a query → 20 and 26
    // store: reads 0.25 · 16e-6 = 4e-6 a query → 40 and 52, plus storage 0.00526434
    //   month 1: 40.00526434 < $50 → top-up 9.99473566; month 2: 52.00526434 ≥ $50 → no top-up
    // month 1 = 18,021.5318 + 20 + 50 = 18,091.5318; month 2 = 23,309.8317 + 26 + 52.0052643 = 23,387.8370
    const p = await run({
      horizon_months: 2,
      workload: { queries_per_month: '10M', growth_per_month: '30%' },
      prompt: basePrompt,
      knowledge: { corpus: { tokens: '1M' } },
      caching: { ttl: '1 s' },
      strategies: { rag: {} },
    });
    const s = strategy(p, 'rag');
    close(s.monthly[0]!.total_usd, 18_091.5318078, 5);
    close(s.monthly[1]!.total_usd, 23_387.8369550, 5);
    const topUp = s.line_items.find((i) => i.id === 'store.minimum_top_up')!;
    expect(topUp.period).toBe('monthly');
    close(topUp.cost_usd_by_month[0]!, 9.99473565784, 8);
    expect(topUp.cost_usd_by_month[1]).toBe(0);
    // The cached-prefix reads change with the month's hit rate: h · 2000 tokens a query × queries.
    const reads = s.line_items.find((i) => i.id === 'inference.cache_read')!;
    close(reads.quantity_by_month[0]!, 0.977744698699476 * 2000 * 10_000_000, 0);
    close(reads.quantity_by_month[1]!, 0.9928933729963443 * 2000 * 13_000_000, 0);
    // Summing the items of each month gives the month (the contract of docs/model.md).
    expectLineItemsAddUp(s, 2);
    // Exactly one top-up item, not one per month.
    expect(s.line_items.filter((i) => i.category === 'storage' && i.unit === 'USD')).toHaveLength(1);
  });

  it('retrieves no more chunks than the corpus has, and adds a per-search reranker', async () => {
    // corpus 1,000 tokens → ceil(1000/448) = 3 chunks < top_k 6 → 3·512 = 1,536 retrieved tokens
    // I = 2000 + 1536 + 100 = 3,636 → 0.0014544; out 0.00032; embed 0.000002; reads 0.000004; rerank $0.002 per search
    // → 0.0037804 per query
    const p = await run({
      horizon_months: 1,
      workload: { queries_per_month: 1000 },
      prompt: basePrompt,
      knowledge: { corpus: { tokens: 1000 } },
      models: { reranker: 'rerank-v3.5' },
      caching: { enabled: false },
      strategies: { rag: {} },
    });
    const s = strategy(p, 'rag');
    expect(s.per_query.input_tokens).toBe(3636);
    close(s.per_query.cost_usd, 0.0037804);
  });

  it('adds a fixed-price store plan as a monthly item', async () => {
    const p = await run({
      horizon_months: 2,
      workload: { queries_per_month: 1000 },
      prompt: basePrompt,
      knowledge: { corpus: { tokens: 1000 } },
      retrieval: { vector_store: 'pgvector-solo' },
      caching: { enabled: false },
      strategies: { rag: {} },
    });
    const s = strategy(p, 'rag');
    // per query: 3636·0.4e-6 + 0.00032 + 0.000002 = 0.0017764 → 1.7764 a month + $15 plan
    close(s.monthly[0]!.total_usd, 16.7764);
    expect(s.monthly[0]!.by_category.storage).toBe(15);
  });
});

describe('fine-tuning', () => {
  it('follows the OpenAI cookbook epochs rule', () => {
    expect(autoEpochs(4000)).toBe(3); // 12,000 in [100, 25,000]
    expect(autoEpochs(20)).toBe(5); // 60 < 100 → min(25, floor(100/20)) = 5
    expect(autoEpochs(3)).toBe(25); // min(25, floor(100/3) = 33) = 25
    expect(autoEpochs(10_000)).toBe(2); // 30,000 > 25,000 → max(1, floor(25000/10000)) = 2
    expect(autoEpochs(40_000)).toBe(1); // max(1, floor(0.625)) = 1
  });

  it('prices training runs, curation and tuned-model inference', async () => {
    // D = 4,000 · 800 = 3.2M tokens, 3 epochs → 9.6M trained tokens · $5/1M = $48 a run
    // retrain every week: 730/168 = 4.345238095 runs a month → $208.5714286
    // inference (caching off): (2000 + 100)·0.8e-6 + 200·3.2e-6 = 0.00168 + 0.00064 = 0.00232 → ·10,000 = 23.2
    // one-time: first run $48 + curation 4,000 · $0.50 = $2,000
    const p = await run({
      horizon_months: 1,
      workload: { queries_per_month: 10_000 },
      prompt: basePrompt,
      knowledge: { corpus: { tokens: 1000 }, publish_every: '1 week' },
      fine_tuning: { dataset: { examples: 4000, tokens_per_example: 800 }, curation_usd_per_example: 0.5 },
      caching: { enabled: false },
      strategies: { fine_tuning: {} },
    });
    const s = strategy(p, 'fine_tuning');
    close(s.per_query.cost_usd, 0.00232);
    close(item(s, 'Retraining runs').quantity, 730 / 168);
    close(item(s, 'Retraining runs').cost_usd, (48 * 730) / 168);
    close(s.one_time_usd, 2048);
    close(s.monthly[0]!.total_usd, 23.2 + (48 * 730) / 168, 6);
    // freshness: max(publish 168 h, retrain 168 h) + 2 h training = 170 h
    expect(s.freshness_hours).toBe(170);
  });

  it('hybrid retrains every 6 months by default and retrieves on tuned prices', async () => {
    // runs a month = 730 / (6·730) = 1/6; run = 1000·500·3 = 1.5M tokens · $5/1M = $7.50 → $1.25 a month
    // per query: (2000 + 3·512 + 100)·0.8e-6 + 200·3.2e-6 + embed 0.000002 + reads 0.000004
    //          = 0.0029088 + 0.00064 + 0.000006 = 0.0035548
    const p = await run({
      horizon_months: 1,
      workload: { queries_per_month: 1000 },
      prompt: basePrompt,
      knowledge: { corpus: { tokens: 1000 } },
      fine_tuning: { dataset: { examples: 1000, tokens_per_example: 500 } },
      caching: { enabled: false },
      strategies: { hybrid: {} },
    });
    const s = strategy(p, 'hybrid');
    close(item(s, 'Retraining runs').quantity, 1 / 6);
    close(item(s, 'Retraining runs').cost_usd, 1.25);
    close(s.per_query.cost_usd, 0.0035548);
  });

  it('is infeasible for a generator with no fine-tuning entry, unless the scenario gives prices', async () => {
    const data = {
      workload: { queries_per_month: 1000 },
      prompt: basePrompt,
      models: { generator: 'claude-sonnet-4-20250514' },
      strategies: { fine_tuning: {} },
    };
    const p = await run(data);
    expect(strategy(p, 'fine_tuning').feasible).toBe(false);
    expect(strategy(p, 'fine_tuning').notes[0]?.code === 'no_fine_tuning_entry' || strategy(p, 'fine_tuning').notes.some((n) => n.code === 'no_fine_tuning_entry')).toBe(true);
    const priced = await run({ ...data, fine_tuning: { training_usd_per_1m: 10, input_usd_per_1m: 4, output_usd_per_1m: 20 } });
    expect(strategy(priced, 'fine_tuning').feasible).toBe(true);
  });

  it('notes a training set under 500 examples', async () => {
    const p = await run({
      workload: { queries_per_month: 1000 },
      prompt: basePrompt,
      fine_tuning: { dataset: { examples: 200 } },
      strategies: { fine_tuning: {} },
    });
    expect(strategy(p, 'fine_tuning').notes.map((n) => n.code)).toContain('few_training_examples');
  });
});

describe('unknown prices', () => {
  it('reports an unknown output price as unpriced and the total as null, never 0', async () => {
    const p = await run({
      workload: { queries_per_month: 1000 },
      prompt: basePrompt,
      models: { generator: 'mystery-model' },
      caching: { enabled: false },
      strategies: { prompt_only: {} },
    });
    const s = strategy(p, 'prompt_only');
    expect(s.per_query.cost_usd).toBeNull();
    expect(s.total_usd).toBeNull();
    expect(s.unpriced).toEqual(['Output tokens']);
    expect(s.monthly[0]!.by_category.inference).toBeNull();
    expect(p.verdict.recommended).toBeNull();
    expect(p.verdict.reasons.join('\n')).toContain('could not be priced');
  });
});

describe('freshness and verdict', () => {
  it('picks the cheapest strategy that meets every target and says why the others lost', async () => {
    // A 7-day publish cadence and a 2-day target: prompt_only (168 h) misses; rag (169 h) misses too.
    // With a 1-day publish both meet; rag sends 3 chunks instead of the whole 10k-token corpus.
    const p = await run({
      horizon_months: 1,
      workload: { queries_per_month: 100_000 },
      prompt: basePrompt,
      knowledge: { corpus: { tokens: '10k' }, publish_every: '1 day', freshness_target: '2 days' },
      caching: { enabled: false },
      strategies: { prompt_only: {}, rag: {}, ponly_none: { kind: 'prompt_only', knowledge: 'none' } },
    });
    expect(strategy(p, 'prompt_only').freshness_hours).toBe(24);
    expect(strategy(p, 'rag').freshness_hours).toBe(25);
    expect(strategy(p, 'ponly_none').meets_targets).toBe(false);
    const po = strategy(p, 'prompt_only').total_usd as number;
    const rag = strategy(p, 'rag').total_usd as number;
    expect(p.verdict.recommended).toBe(po < rag ? 'prompt_only' : 'rag');
    expect(p.verdict.reasons.some((r) => r.startsWith('ponly_none: misses a target'))).toBe(true);

    const weekly = await run({
      horizon_months: 1,
      workload: { queries_per_month: 100_000 },
      prompt: basePrompt,
      knowledge: { corpus: { tokens: '10k' }, publish_every: '1 week', freshness_target: '2 days' },
      strategies: { prompt_only: {}, rag: {} },
    });
    expect(weekly.verdict.recommended).toBeNull();
    expect(strategy(weekly, 'rag').notes.find((n) => n.code === 'freshness_missed')?.message).toBe(
      // and what would meet it: publishing every 48 − 1 h of indexing = 47 h (issue 11, item 2).
      'misses the freshness target: answers may be up to 169 h stale, the target is 48 h — publish at least every 47 h (knowledge.publish_every), since indexing takes 1 h',
    );
  });
});

describe('latency in the verdict', () => {
  it('a strategy that misses the latency SLO loses the verdict to a dearer one that meets it', async () => {
    // gpt-4.1-mini profile: ttft 630 ms, prefill 10,000 tok/s, cached ×3 faster, decode 87.1 tok/s; spreads 1.
    // prompt_only: 50 network + 630 + 100/10,000 s + 202,000 cached/30,000 s + 199/87.1 s
    //            = 50 + 630 + 10 + 6,733.3 + 2,284.7 ≈ 9,708 ms  > 8 s SLO → misses
    // rag:         50 + 200 embed + 50 search + 630 + 2,000/30,000 s + 3,172/10,000 s + 2,284.7
    //            ≈ 3,599 ms                                       < 8 s SLO → meets
    // rag is made far dearer (100 engineer-weeks), so only the SLO can give it the verdict.
    const data = {
      horizon_months: 1,
      workload: { queries_per_month: 1000 },
      prompt: basePrompt,
      knowledge: { corpus: { tokens: '200k' } },
      caching: { hit_rate: 1 },
      latency: { slo_p95_ms: '8 s', spread: 1 },
      one_time: { engineer_weeks: { rag: 100 } }, // make rag the dearer one by far
      strategies: { prompt_only: {}, rag: {} },
    };
    const p = await run(data);
    const po = strategy(p, 'prompt_only');
    const rag = strategy(p, 'rag');
    expect(po.total_usd as number).toBeLessThan(rag.total_usd as number);
    expect(po.meets_targets).toBe(false);
    expect(rag.meets_targets).toBe(true);
    expect(p.verdict.recommended).toBe('rag');
    expect(p.verdict.reasons.find((r) => r.startsWith('prompt_only'))).toContain('misses a target');
    expect(po.per_query.latency_ms?.p95).toBeCloseTo(50 + 630 + 10 + 202_000 / 30 + (199 / 87.1) * 1000, 6);
    expect(rag.per_query.latency_ms?.p95).toBeCloseTo(50 + 200 + 50 + 630 + 2000 / 30 + 317.2 + (199 / 87.1) * 1000, 6);
  });
});
