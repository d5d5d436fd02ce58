/**
 * Small hand-built catalog and strategies for the latency tests. Every figure is round so
 * the expected results can be worked out by hand in the tests' comments.
 */
import type { Catalog, LatencyProfile, ModelEntry, VectorStoreEntry } from '../../../src/catalog/types.js';
import type { ComponentModel, QueryShape } from '../../../src/model/latency/types.js';
import type { StrategyKind } from '../../../src/model/types.js';
import type { ScenarioSettings, SelfHostedDeployment, StrategySpec } from '../../../src/scenario/types.js';
import { SECONDS_PER_MONTH } from '../../../src/units.js';

const SRC = { name: 'test fixture', as_of: '2026-01-01' };

export function modelEntry(id: string, patch: Partial<ModelEntry> = {}): ModelEntry {
  return {
    id,
    provider: 'test',
    mode: 'chat',
    input_usd_per_1m: 1,
    output_usd_per_1m: 4,
    cached_input_usd_per_1m: 0.25,
    cache_write_usd_per_1m: null,
    batch_input_usd_per_1m: 0.5,
    batch_output_usd_per_1m: 2,
    long_context: null,
    context_window: 1_000_000,
    max_output_tokens: 32_768,
    min_cacheable_tokens: 1024,
    encoding: 'o200k_base',
    dimensions: null,
    rerank_usd_per_search: null,
    rerank_documents_per_search: null,
    rerank_tokens_per_document: null,
    cache_write_1h_usd_per_1m: null,
    cache_storage_usd_per_1m_per_hour: null,
    batch_cached_input_usd_per_1m: null,
    batch_cache_write_usd_per_1m: null,
    batch_cache_write_1h_usd_per_1m: null,
    reasoning: 'none',
    rpm: 1000,
    tpm: 1_000_000,
    source: SRC,
    total_window_tokens: patch.context_window ?? 1_000_000,
    ...patch,
  };
}

/**
 * gen-a: TTFT 500 ms, 10,000 prefill tok/s (cached ×5 faster), 100 output tok/s;
 * spreads ttft 2, prefill 1.5, decode 1.3.
 */
export function profileA(patch: Partial<LatencyProfile> = {}): LatencyProfile {
  return {
    model: 'gen-a',
    ttft_ms: 500,
    output_tokens_per_s: 100,
    prefill_tokens_per_s: 10_000,
    cached_prefill_speedup: 5,
    spread: { ttft: 2, prefill: 1.5, decode: 1.3 },
    weak: false,
    reasoning: null,
    source: SRC,
    ...patch,
  };
}

/** vs-a: search 20 ms median, spread 1.6. */
export function vectorStore(patch: Partial<VectorStoreEntry> = {}): VectorStoreEntry {
  return {
    id: 'vs-a',
    kind: 'serverless',
    monthly_usd: 0,
    minimum_monthly_usd: 0,
    storage_usd_per_gb_month: 0.33,
    read_unit_usd_per_1m: 16,
    read_units_per_gb: 1,
    min_read_units_per_query: 0.25,
    write_unit_usd_per_1m: 4,
    write_unit_bytes: 1024,
    min_write_units_per_request: 5,
    usd_per_1m_queries: null,
    capacity_vectors: null,
    search_ms: 20,
    search_spread: 1.6,
    source: SRC,
    ...patch,
  };
}

/** Defaults: embed 100 ms (spread 2), rerank 150 ms (spread 1.8), network spread 1.5. */
export function catalogFixture(): Catalog {
  return {
    as_of: '2026-01-01',
    models: { 'gen-a': modelEntry('gen-a'), 'emb-a': modelEntry('emb-a', { mode: 'embedding', rpm: 3000, tpm: 1_000_000 }) },
    fine_tuning: {},
    vector_stores: { 'vs-a': vectorStore() },
    latency: { 'gen-a': profileA() },
    defaults: {
      embed_ms: 100,
      embed_spread: 2,
      rerank_ms: 150,
      rerank_spread: 1.8,
      network_spread: 1.5,
      source: SRC,
    },
  };
}

/**
 * Settings: 10 queries/s on average (26,280,000 a month), peak ×2, no batch, no growth;
 * network 50 ms; prompt 2,000 tokens before the query, 6 chunks of 500 tokens, 300 output
 * tokens; no reranker; no SLO; 20,000 samples, seed 1.
 */
export function settingsFixture(): ScenarioSettings {
  const catalog = catalogFixture();
  return {
    horizon_months: 12,
    start_month: '2027-01',
    workload: { queries_per_month: 10 * SECONDS_PER_MONTH, growth_per_month: 0, peak_to_average: 2, batch_share: 0 },
    prompt: { system_tokens: 500, instructions_tokens: 700, examples_tokens: 740, query_tokens: 60, output_tokens: 300, reasoning: null },
    knowledge: {
      corpus_tokens: 1_000_000,
      has_corpus: true,
      change_per_month: 0.05,
      publish_every_hours: 168,
      indexing_hours: 1,
      freshness_target_hours: null,
    } as ScenarioSettings['knowledge'],
    models: {
      generator: { entry: catalog.models['gen-a']!, inline: false, latency: profileA() },
      embedding: { entry: catalog.models['emb-a']!, inline: false, latency: null },
      reranker: null,
      token_ratio: 1,
    },
    retrieval: {
      chunk_tokens: 500,
      chunk_overlap_tokens: 50,
      top_k: 6,
      rerank_candidates: 20,
      vector_store: vectorStore(),
      vector_store_inline: false,
      metadata_bytes: 1000,
      embed_ms: null,
      search_ms: null,
      rerank_ms: null,
    },
    fine_tuning: {
      examples: 1000,
      tokens_per_example: 800,
      dataset_tokens: 800_000,
      epochs: 'auto',
      retrain_every_hours: null,
      retrain_every_is_default: false,
      curation_usd_per_example: 0,
      hosting_usd_per_hour: null,
      entry: null,
    },
    caching: { enabled: false, hit_rate: 0, ttl_s: 300, mode: 'implicit' },
    one_time: { usd_per_engineer_week: 0, engineer_weeks: { prompt_only: 0, rag: 0, fine_tuning: 0, hybrid: 0 } },
    latency: {
      network_ms: 50,
      spread: { default: null },
      samples: 20_000,
      seed: 1,
      slo_p95_ms: null,
      slo_ttft_p95_ms: null,
      rpm: null,
      tpm: null,
    },
    deployment: null,
  };
}

export function specFixture(kind: StrategyKind, patch: (s: ScenarioSettings) => void = () => {}): StrategySpec {
  const settings = settingsFixture();
  patch(settings);
  return { id: kind, kind, knowledge_mode: 'none', settings };
}

/** Every spread 1 (the analytic case). */
export function noSpread(s: ScenarioSettings): void {
  s.latency.spread = { default: 1 };
}

/** A self-hosted replica: 5,000 prefill tok/s, 50 output tok/s, 1 slot, 2 GPUs at $2.50/h. */
export function deployment(patch: Partial<SelfHostedDeployment> = {}): SelfHostedDeployment {
  return {
    kind: 'self_hosted',
    gpu_usd_per_hour: 2.5,
    gpus_per_replica: 2,
    concurrency_per_replica: 1,
    replicas: 'auto',
    prefill_tokens_per_s: 5000,
    output_tokens_per_s: 50,
    ...patch,
  };
}

/** Prompt-only without the corpus: 2,000 input tokens (500 + 700 + 740 + 60), 300 out. */
export const PROMPT_ONLY_SHAPE: QueryShape = { input_tokens: 2000, cached_input_tokens: 0, output_tokens: 300, reasoning_tokens: 0, retrieval: false };
/** RAG: the same prompt plus 6 × 500 chunk tokens = 5,000 input tokens. */
export const RAG_SHAPE: QueryShape = { input_tokens: 5000, cached_input_tokens: 0, output_tokens: 300, reasoning_tokens: 0, retrieval: true };

/**
 * The analytic latency with every spread at 1: the components' medians summed in the order the
 * simulation sums each draw (src/model/latency/README.md): TTFT = 0 + the in_ttft components in
 * order; total = TTFT + the others in order; a queue wait's median is added to both.
 */
export function analyticLatency(components: readonly ComponentModel[]): { total_ms: number; ttft_ms: number } {
  const lognormal = components.filter((c) => c.kind !== 'erlang_c_wait');
  const waits = components.filter((c) => c.kind === 'erlang_c_wait');
  let ttft = 0;
  for (const c of lognormal) if (c.in_ttft) ttft += c.median_ms;
  let total = ttft;
  for (const c of lognormal) if (!c.in_ttft) total += c.median_ms;
  for (const w of waits) {
    ttft += w.median_ms;
    total += w.median_ms;
  }
  return { total_ms: total, ttft_ms: ttft };
}
