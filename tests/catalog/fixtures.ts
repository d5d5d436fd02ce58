/** Small in-memory catalogs for the lookup and rendering tests (no file access). */
import type { Catalog, FineTuningEntry, LatencyProfile, ModelEntry, VectorStoreEntry } from '../../src/catalog/types.js';

export const SRC = { name: 'test fixture', as_of: '2026-01-01' };

export function modelEntry(id: string, over: Partial<ModelEntry> = {}): ModelEntry {
  return {
    id,
    provider: id.includes('/') ? id.slice(0, id.indexOf('/')) : 'openai',
    mode: 'chat',
    input_usd_per_1m: 1,
    output_usd_per_1m: 2,
    cached_input_usd_per_1m: null,
    cache_write_usd_per_1m: null,
    batch_input_usd_per_1m: null,
    batch_output_usd_per_1m: null,
    long_context: null,
    context_window: 128_000,
    max_output_tokens: 16_384,
    min_cacheable_tokens: null,
    encoding: null,
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
    rpm: null,
    tpm: null,
    source: SRC,
    total_window_tokens: over.context_window ?? 128_000,
    ...over,
  };
}

export function fineTuningEntry(base: string, snapshot: string, over: Partial<FineTuningEntry> = {}): FineTuningEntry {
  return {
    base_model: base,
    snapshot,
    training_usd_per_1m: 5,
    training_usd_per_hour: null,
    input_usd_per_1m: 0.8,
    cached_input_usd_per_1m: 0.2,
    output_usd_per_1m: 3.2,
    batch_input_usd_per_1m: null,
    batch_output_usd_per_1m: null,
    batch_cached_input_usd_per_1m: null,
    hosting_usd_per_hour: 0,
    training_hours: 2,
    context_window: null,
    max_output_tokens: null,
    source: SRC,
    ...over,
  };
}

export function vectorStore(id: string, over: Partial<VectorStoreEntry> = {}): VectorStoreEntry {
  return {
    id,
    kind: 'fixed',
    monthly_usd: 10,
    minimum_monthly_usd: 0,
    storage_usd_per_gb_month: 0,
    read_unit_usd_per_1m: null,
    read_units_per_gb: null,
    min_read_units_per_query: null,
    write_unit_usd_per_1m: null,
    write_unit_bytes: null,
    min_write_units_per_request: null,
    usd_per_1m_queries: 0,
    capacity_vectors: null,
    search_ms: 5,
    search_spread: null,
    source: SRC,
    ...over,
  };
}

export function latency(model: string, over: Partial<LatencyProfile> = {}): LatencyProfile {
  return {
    model,
    ttft_ms: 500,
    output_tokens_per_s: 100,
    prefill_tokens_per_s: 10_000,
    cached_prefill_speedup: 3,
    spread: { ttft: 2, prefill: 1.5, decode: 1.3 },
    weak: false,
    reasoning: null,
    source: SRC,
    ...over,
  };
}

export function fakeCatalog(parts: {
  models?: ModelEntry[];
  fine_tuning?: FineTuningEntry[];
  vector_stores?: VectorStoreEntry[];
  latency?: LatencyProfile[];
}): Catalog {
  return {
    as_of: '2026-01-01',
    models: Object.fromEntries((parts.models ?? []).map((m) => [m.id, m])),
    fine_tuning: Object.fromEntries((parts.fine_tuning ?? []).map((f) => [f.base_model, f])),
    vector_stores: Object.fromEntries((parts.vector_stores ?? []).map((v) => [v.id, v])),
    latency: Object.fromEntries((parts.latency ?? []).map((p) => [p.model, p])),
    defaults: { embed_ms: 200, embed_spread: 2, rerank_ms: 200, rerank_spread: 2, network_spread: 2, source: SRC },
  };
}
