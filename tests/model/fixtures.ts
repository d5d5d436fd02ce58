/**
 * An in-memory catalog for core tests: a few entries with the real prices of the bundled
 * catalog (src/catalog/data, each price with its publisher and date), so hand-worked numbers can be checked against both.
 */
import type { Catalog, ModelEntry, VectorStoreEntry } from '../../src/catalog/types.js';
import { createMemoryFs } from '../../src/io/scenario-fs.js';
import { normalizeScenario } from '../../src/scenario/normalize.js';
import type { Scenario } from '../../src/scenario/types.js';

const src = { name: 'test fixture', as_of: '2026-07-24' };

function chat(id: string, over: Partial<ModelEntry>): ModelEntry {
  return {
    id, provider: 'openai', mode: 'chat', input_usd_per_1m: null, output_usd_per_1m: null,
    cached_input_usd_per_1m: null, cache_write_usd_per_1m: null, batch_input_usd_per_1m: null,
    batch_output_usd_per_1m: null, long_context: null, context_window: null, max_output_tokens: null,
    min_cacheable_tokens: null, encoding: 'o200k_base', dimensions: null, rerank_usd_per_search: null,
    rpm: null, tpm: null, source: src, cache_write_1h_usd_per_1m: null, cache_storage_usd_per_1m_per_hour: null, batch_cached_input_usd_per_1m: null, batch_cache_write_usd_per_1m: null, batch_cache_write_1h_usd_per_1m: null, reasoning: 'none', rerank_documents_per_search: null, rerank_tokens_per_document: null,
    // Input and output share the window unless a test says the limits are separate.
    total_window_tokens: over.context_window ?? null, ...over,
  };
}

const pinecone: VectorStoreEntry = {
  id: 'pinecone-serverless', kind: 'serverless', monthly_usd: 0, minimum_monthly_usd: 50,
  storage_usd_per_gb_month: 0.33, read_unit_usd_per_1m: 16, read_units_per_gb: 1, min_read_units_per_query: 0.25,
  write_unit_usd_per_1m: 4, write_unit_bytes: 1024, min_write_units_per_request: 5, usd_per_1m_queries: null,
  capacity_vectors: null, search_ms: 50, search_spread: 2, source: src,
};
const pgvector: VectorStoreEntry = {
  id: 'pgvector-solo', kind: 'fixed', monthly_usd: 15, minimum_monthly_usd: 0, storage_usd_per_gb_month: 0,
  read_unit_usd_per_1m: null, read_units_per_gb: null, min_read_units_per_query: null, write_unit_usd_per_1m: null,
  write_unit_bytes: null, min_write_units_per_request: null, usd_per_1m_queries: null, capacity_vectors: 250_000,
  search_ms: 3.7, search_spread: 1.6, source: src,
};

export function testCatalog(): Catalog {
  const models: Record<string, ModelEntry> = {
    'gpt-4.1-mini': chat('gpt-4.1-mini', {
      input_usd_per_1m: 0.4, output_usd_per_1m: 1.6, cached_input_usd_per_1m: 0.1, batch_input_usd_per_1m: 0.2,
      batch_output_usd_per_1m: 0.8, context_window: 1_047_576, max_output_tokens: 32_768, min_cacheable_tokens: 1024,
    }),
    'claude-sonnet-4-20250514': chat('claude-sonnet-4-20250514', {
      provider: 'anthropic', encoding: null, input_usd_per_1m: 3, output_usd_per_1m: 15, cached_input_usd_per_1m: 0.3,
      cache_write_usd_per_1m: 3.75, context_window: 1_000_000, max_output_tokens: 64_000, min_cacheable_tokens: 1024,
      long_context: { threshold_tokens: 200_000, input_usd_per_1m: 6, output_usd_per_1m: 22.5, cached_input_usd_per_1m: 0.6, cache_write_usd_per_1m: 7.5, cache_write_1h_usd_per_1m: null, batch: null },
    }),
    'mystery-model': chat('mystery-model', { input_usd_per_1m: 1, output_usd_per_1m: null, context_window: 100_000 }),
    'text-embedding-3-small': chat('text-embedding-3-small', { mode: 'embedding', encoding: 'cl100k_base', input_usd_per_1m: 0.02, output_usd_per_1m: 0, dimensions: 1536 }),
    'rerank-v3.5': chat('rerank-v3.5', { mode: 'rerank', provider: 'cohere', encoding: null, rerank_usd_per_search: 0.002 }),
  };
  return {
    as_of: '2026-07-24',
    models,
    fine_tuning: {
      'gpt-4.1-mini': {
        base_model: 'gpt-4.1-mini', snapshot: 'gpt-4.1-mini-2025-04-14', training_usd_per_1m: 5, training_usd_per_hour: null,
        input_usd_per_1m: 0.8, cached_input_usd_per_1m: 0.2, output_usd_per_1m: 3.2, batch_input_usd_per_1m: 0.4,
        batch_output_usd_per_1m: 1.6, batch_cached_input_usd_per_1m: 0.1, hosting_usd_per_hour: 0, training_hours: 2, context_window: 1_047_576,
        max_output_tokens: 32_768, source: src,
      },
    },
    vector_stores: { 'pinecone-serverless': pinecone, 'pgvector-solo': pgvector },
    latency: {
      'gpt-4.1-mini': {
        model: 'gpt-4.1-mini', ttft_ms: 630, output_tokens_per_s: 87.1, prefill_tokens_per_s: 10_000,
        cached_prefill_speedup: 3, spread: { ttft: 2.67, prefill: 1.5, decode: 1.3 }, weak: false, reasoning: null, source: src,
      },
    },
    defaults: { embed_ms: 200, embed_spread: 2, rerank_ms: 200, rerank_spread: 2, network_spread: 2, source: src },
  };
}

/** Normalizes a scenario object against the fixture catalog; throws on problems (tests expect valid input). */
export async function scenarioOf(data: Record<string, unknown>, files: Record<string, string> = {}, catalog = testCatalog()): Promise<Scenario> {
  const result = await normalizeScenario({ version: 1, name: 'test', start_month: '2027-01', ...data }, {
    catalog, fs: createMemoryFs(files), file: 'test.yaml', today: '2026-11-21',
  });
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return result.scenario;
}
