/**
 * The bundled catalog, pinned to its sources. Each expected number is quoted from the source
 * named beside it (LiteLLM's snapshot of 2026-07-24, a provider's pricing page), not read back
 * from the data files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importLiteLLM, LITELLM_SOURCE_NAME, LITELLM_URL, snapshotDate } from '../../src/catalog/import-litellm.js';
import { loadCatalog } from '../../src/catalog/load.js';
import { overridesFileSchema } from '../../src/catalog/schema.js';
import type { Source } from '../../src/catalog/types.js';
import { BYTES_PER_FLOAT32, BYTES_PER_GB } from '../../src/units.js';

const catalog = loadCatalog();
const model = (id: string) => {
  const m = catalog.models[id];
  if (!m) throw new Error(`${id} missing from the catalog`);
  return m;
};

describe('model prices (LiteLLM 2026-07-24 and curated overrides)', () => {
  it('gpt-4.1-mini', () => {
    const m = model('gpt-4.1-mini');
    expect([m.input_usd_per_1m, m.output_usd_per_1m, m.cached_input_usd_per_1m]).toEqual([0.4, 1.6, 0.1]);
    expect([m.batch_input_usd_per_1m, m.batch_output_usd_per_1m]).toEqual([0.2, 0.8]);
    expect([m.context_window, m.max_output_tokens]).toEqual([1047576, 32768]);
    expect(m.encoding).toBe('o200k_base');
    expect(m.min_cacheable_tokens).toBe(1024); // OpenAI prompt-caching guide: caching from 1,024 tokens (curated override)
    expect(m.batch_cached_input_usd_per_1m).toBeNull(); // OpenAI's Batch tab lists no cached-input price for gpt-4.1-mini
    expect(m.total_window_tokens).toBe(1047576); // input and output share the 1,047,576-token window
    expect(m.reasoning).toBe('none');
  });

  it('claude-sonnet-4-20250514', () => {
    const m = model('claude-sonnet-4-20250514');
    expect([m.input_usd_per_1m, m.output_usd_per_1m, m.cached_input_usd_per_1m, m.cache_write_usd_per_1m]).toEqual([3, 15, 0.3, 3.75]);
    expect(m.long_context).toMatchObject({ threshold_tokens: 200_000, input_usd_per_1m: 6, output_usd_per_1m: 22.5 });
    expect([m.context_window, m.max_output_tokens, m.min_cacheable_tokens]).toEqual([1_000_000, 64_000, 1024]);
    // Anthropic's pricing page: batch is 50% of standard, and the caching multipliers stack with it:
    // 3 × 0.5 = 1.5, 15 × 0.5 = 7.5; read 0.3 × 0.5 = 0.15; 5-min write 3.75 × 0.5 = 1.875; 1-h write 6 × 0.5 = 3.
    expect([m.batch_input_usd_per_1m, m.batch_output_usd_per_1m]).toEqual([1.5, 7.5]);
    expect([m.batch_cached_input_usd_per_1m, m.batch_cache_write_usd_per_1m, m.batch_cache_write_1h_usd_per_1m]).toEqual([0.15, 1.875, 3]);
    expect(m.cache_write_1h_usd_per_1m).toBe(6); // LiteLLM cache_creation_input_token_cost_above_1hr: 2 × $3
    // ... and with long-context pricing: the >200k tier at half price (6 × 0.5, 22.5 × 0.5, 0.6 × 0.5, 7.5 × 0.5).
    expect(m.long_context?.batch).toMatchObject({ input_usd_per_1m: 3, output_usd_per_1m: 11.25, cached_input_usd_per_1m: 0.3, cache_write_usd_per_1m: 3.75 });
    expect(m.reasoning).toBe('on_request'); // extended thinking only when asked
    expect(m.source.note).toMatch(/override anthropic-batch .*\[P\]/);
  });

  it('gpt-5 family and o4-mini get OpenAI batch prices as sourced overrides (OpenAI pricing page, Batch tab)', () => {
    expect([model('gpt-5').batch_input_usd_per_1m, model('gpt-5').batch_output_usd_per_1m]).toEqual([0.625, 5]);
    // Batch tab: gpt-5 cached input $0.0625 (= 0.125 × 0.5); o4-mini lists none ("-").
    expect(model('gpt-5').batch_cached_input_usd_per_1m).toBe(0.0625);
    expect(model('gpt-5-nano').batch_cached_input_usd_per_1m).toBe(0.0025);
    expect(model('o4-mini').batch_cached_input_usd_per_1m).toBeNull();
    // Reasoning: always for the gpt-5 family and the o-series; gpt-5's limits are separate (272k in, 128k out).
    expect([model('gpt-5').reasoning, model('o4-mini').reasoning]).toEqual(['always', 'always']);
    expect([model('gpt-5').context_window, model('gpt-5').max_output_tokens, model('gpt-5').total_window_tokens]).toEqual([272_000, 128_000, null]);
    // 50% of 0.25/2 (gpt-5-mini), 0.05/0.4 (gpt-5-nano), 1.1/4.4 (o4-mini)
    expect([model('gpt-5-mini').batch_input_usd_per_1m, model('gpt-5-mini').batch_output_usd_per_1m]).toEqual([0.125, 1]);
    expect([model('gpt-5-nano').batch_input_usd_per_1m, model('gpt-5-nano').batch_output_usd_per_1m]).toEqual([0.025, 0.2]);
    expect([model('o4-mini').batch_input_usd_per_1m, model('o4-mini').batch_output_usd_per_1m]).toEqual([0.55, 2.2]);
    expect(model('o4-mini').source.note).toMatch(/override openai-o4-mini-batch/);
  });

  it('Gemini and Bedrock rows', () => {
    const pro = model('gemini/gemini-2.5-pro');
    expect([pro.input_usd_per_1m, pro.output_usd_per_1m, pro.cached_input_usd_per_1m]).toEqual([1.25, 10, 0.125]);
    expect(pro.long_context).toMatchObject({ threshold_tokens: 200_000, input_usd_per_1m: 2.5, output_usd_per_1m: 15 });
    expect([pro.rpm, pro.tpm]).toEqual([2000, 800_000]); // LiteLLM rpm/tpm
    expect(pro.cache_storage_usd_per_1m_per_hour).toBe(4.5); // Gemini pricing page: $4.50 / 1M tokens per hour
    expect(pro.reasoning).toBe('always');
    // Batch Mode is 50% of the interactive price, tier included: 2.5 × 0.5, 15 × 0.5.
    expect(pro.long_context?.batch).toMatchObject({ input_usd_per_1m: 1.25, output_usd_per_1m: 7.5 });
    const flash = model('gemini/gemini-2.5-flash');
    expect([flash.input_usd_per_1m, flash.output_usd_per_1m, flash.cached_input_usd_per_1m]).toEqual([0.3, 2.5, 0.03]);
    expect([flash.batch_input_usd_per_1m, flash.batch_output_usd_per_1m, flash.batch_cached_input_usd_per_1m]).toEqual([0.15, 1.25, 0.015]);
    expect([flash.reasoning, flash.cache_storage_usd_per_1m_per_hour, flash.total_window_tokens]).toEqual(['default', 1, null]);
    const haiku = model('anthropic.claude-3-5-haiku-20241022-v1:0');
    expect([haiku.input_usd_per_1m, haiku.output_usd_per_1m, haiku.cache_write_usd_per_1m, haiku.min_cacheable_tokens]).toEqual([0.8, 4, 1, 2048]);
  });

  it('embeddings and rerankers (LiteLLM; Cohere pricing page)', () => {
    const small = model('text-embedding-3-small');
    expect([small.input_usd_per_1m, small.batch_input_usd_per_1m, small.dimensions, small.mode]).toEqual([0.02, 0.01, 1536, 'embedding']);
    expect(small.encoding).toBe('cl100k_base');
    expect(model('text-embedding-3-large').dimensions).toBe(3072);
    expect(model('cohere/embed-v4.0').input_usd_per_1m).toBe(0.12);
    expect(model('voyage/voyage-3.5').input_usd_per_1m).toBe(0.06);
    expect(model('rerank-v3.5').rerank_usd_per_search).toBe(0.002); // $2 per 1k searches
    expect(model('azure_ai/cohere-rerank-v4.0-pro').rerank_usd_per_search).toBe(0.0025);
    expect(model('voyage/rerank-2.5').input_usd_per_1m).toBe(0.05);
    expect(model('voyage/rerank-2.5').rerank_usd_per_search).toBeNull(); // per token: no per-search price
    expect(model('voyage/rerank-2.5-lite').input_usd_per_1m).toBe(0.02);
    expect(model('rerank-v4.0-pro').rerank_usd_per_search).toBe(0.002); // curated, artificial-intelligence-wiki.com [S]
    // Cohere: a search unit is one query with up to 100 documents; a document over 500 tokens counts as several.
    expect([model('rerank-v3.5').rerank_documents_per_search, model('rerank-v3.5').rerank_tokens_per_document]).toEqual([100, 500]);
    expect([model('rerank-v4.0-pro').rerank_documents_per_search, model('rerank-v4.0-pro').rerank_tokens_per_document]).toEqual([100, 500]);
    expect(model('rerank-v4.0-pro').source.reliability).toBe('S');
  });

  it('keeps the file a few hundred entries of the three modes', () => {
    const n = Object.keys(catalog.models).length;
    expect(n).toBeGreaterThan(150);
    expect(n).toBeLessThan(600);
    expect(new Set(Object.values(catalog.models).map((m) => m.mode))).toEqual(new Set(['chat', 'embedding', 'rerank']));
  });
});

describe('fine-tuning (OpenAI pricing page; Microsoft Learn)', () => {
  it('gpt-4.1-mini: $5 training, 0.8/0.2/3.2 inference, batch 0.4/1.6, no hosting fee', () => {
    const f = catalog.fine_tuning['gpt-4.1-mini']!;
    expect(f.snapshot).toBe('gpt-4.1-mini-2025-04-14');
    expect(f.training_usd_per_1m).toBe(5);
    expect(f.training_usd_per_hour).toBeNull();
    expect([f.input_usd_per_1m, f.cached_input_usd_per_1m, f.output_usd_per_1m]).toEqual([0.8, 0.2, 3.2]);
    expect([f.batch_input_usd_per_1m, f.batch_output_usd_per_1m]).toEqual([0.4, 1.6]);
    expect(f.hosting_usd_per_hour).toBe(0);
    expect(f.training_hours).toBe(2.25); // Microsoft Learn fine-tuning cost management: Azure GPT-4.1 example, 2 h 15 min
  });

  it('training prices of the other OpenAI bases', () => {
    const t = (id: string) => catalog.fine_tuning[id]!.training_usd_per_1m;
    expect([t('gpt-4.1'), t('gpt-4.1-nano'), t('gpt-4o'), t('gpt-4o-mini'), t('gpt-3.5-turbo')]).toEqual([25, 1.5, 25, 3, 8]);
    const rft = catalog.fine_tuning['o4-mini']!;
    expect([rft.training_usd_per_1m, rft.training_usd_per_hour]).toEqual([null, 100]); // RFT: $100 per training hour
    expect([rft.input_usd_per_1m, rft.output_usd_per_1m]).toEqual([4, 16]);
    // Sources disagree: gpt-4o batch from LiteLLM (exactly 50% of 3.75/15), not the aggregated page's 2.225/12.50.
    expect([catalog.fine_tuning['gpt-4o']!.batch_input_usd_per_1m, catalog.fine_tuning['gpt-4o']!.batch_output_usd_per_1m]).toEqual([1.875, 7.5]);
  });

  it('OpenAI fine-tuned inference prices agree with LiteLLM ft: entries', () => {
    for (const f of Object.values(catalog.fine_tuning).filter((e) => e.hosting_usd_per_hour === 0)) {
      const ft = catalog.models[`ft:${f.snapshot}`];
      expect(ft, `ft:${f.snapshot}`).toBeDefined();
      expect([f.input_usd_per_1m, f.output_usd_per_1m, f.cached_input_usd_per_1m], f.base_model).toEqual([
        ft!.input_usd_per_1m,
        ft!.output_usd_per_1m,
        ft!.cached_input_usd_per_1m,
      ]);
    }
  });

  it('Azure is an option with a $1.70/h hosting fee and unknown training price', () => {
    const az = catalog.fine_tuning['azure/gpt-4.1-mini']!;
    expect(az.hosting_usd_per_hour).toBe(1.7);
    expect(az.training_usd_per_1m).toBeNull(); // Azure publishes no per-token training price: unknown, never 0
    // Microsoft Learn: token rates are the same as the base model's (LiteLLM azure/gpt-4.1-mini 0.4/1.6).
    const base = model('azure/gpt-4.1-mini');
    expect([az.input_usd_per_1m, az.output_usd_per_1m]).toEqual([base.input_usd_per_1m, base.output_usd_per_1m]);
    for (const f of Object.values(catalog.fine_tuning).filter((e) => e.base_model.startsWith('azure/'))) {
      const b = model(f.base_model);
      expect([f.input_usd_per_1m, f.cached_input_usd_per_1m, f.output_usd_per_1m], f.base_model).toEqual([
        b.input_usd_per_1m,
        b.cached_input_usd_per_1m,
        b.output_usd_per_1m,
      ]);
    }
  });

  it('every base model is a chat model in the catalog', () => {
    for (const f of Object.values(catalog.fine_tuning)) expect(model(f.base_model).mode, f.base_model).toBe('chat');
  });
});

describe('vector stores (Pinecone pricing and docs; rivestack benchmarks)', () => {
  const pc = catalog.vector_stores['pinecone-serverless']!;

  it('Pinecone serverless Standard', () => {
    expect(pc.kind).toBe('serverless');
    expect(pc.storage_usd_per_gb_month).toBe(0.33);
    expect([pc.read_unit_usd_per_1m, pc.read_units_per_gb, pc.min_read_units_per_query]).toEqual([16, 1, 0.25]);
    expect([pc.write_unit_usd_per_1m, pc.write_unit_bytes, pc.min_write_units_per_request]).toEqual([4, 1000, 5]);
    expect(pc.minimum_monthly_usd).toBe(50);
    expect(pc.monthly_usd).toBe(0);
  });

  it("reproduces the derived example from Pinecone's rule: 1M × 1,536-d with 1 KB metadata ≈ 7.14 GB ≈ $114 per 1M queries, $2.36/month", () => {
    const gb = (1_000_000 * (1536 * BYTES_PER_FLOAT32 + 1000)) / BYTES_PER_GB; // 1e6 × 7,144 B = 7.144 GB
    const ruPerQuery = Math.max(pc.min_read_units_per_query!, gb * pc.read_units_per_gb!); // 7.144 RU
    expect(ruPerQuery * pc.read_unit_usd_per_1m!).toBeCloseTo(114.3, 1); // per 1M queries: 7.144 × $16 = $114.30
    expect(gb * pc.storage_usd_per_gb_month!).toBeCloseTo(2.36, 2); // 7.144 × 0.33 = 2.3575
  });

  it('managed pgvector plans at a fixed price', () => {
    const solo = catalog.vector_stores['pgvector-solo']!;
    expect([solo.kind, solo.monthly_usd, solo.capacity_vectors, solo.search_ms]).toEqual(['fixed', 15, 250_000, 3.7]);
    expect(solo.search_spread).toBeCloseTo(5.9 / 3.7, 2); // p95 5.9 ms / p50 3.7 ms
    expect([catalog.vector_stores['pgvector-growth']!.monthly_usd, catalog.vector_stores['pgvector-scale']!.monthly_usd]).toEqual([59, 99]);
    expect(catalog.vector_stores['pgvector-scale']!.capacity_vectors).toBe(1_000_000);
    expect(catalog.vector_stores['pgvector-growth']!.search_spread).toBeNull(); // p95 not reported: unknown
    // A flat plan includes storage and queries; read/write units do not apply to it.
    expect([solo.storage_usd_per_gb_month, solo.usd_per_1m_queries, solo.read_unit_usd_per_1m, solo.write_unit_usd_per_1m]).toEqual([0, 0, null, null]);
  });
});

describe('latency (Artificial Analysis, 2026-07-05)', () => {
  it('profiles from Artificial Analysis with their weak parts named', () => {
    const p = catalog.latency['gpt-4.1-mini']!;
    expect([p.ttft_ms, p.output_tokens_per_s]).toEqual([630, 87.1]); // AA: 0.63 s, 87.1 tok/s
    expect(p.prefill_tokens_per_s).toBe(10_000);
    expect(p.source.note).toMatch(/prefill_tokens_per_s 10,000 .*\[S\]/);
    // gpt-5: TTFT without thinking is AA's minimal-effort 0.93 s; the default variant's 87.6 s at
    // 91.7 tok/s is an effort, so reasoning tokens = (87.6 − 0.93) s × 91.7 tok/s ≈ 7,947.6.
    const gpt5 = catalog.latency['gpt-5']!;
    expect(gpt5.ttft_ms).toBe(930);
    expect(gpt5.reasoning).toMatchObject({ base: 'minimal', default: 'default' });
    expect(gpt5.reasoning?.efforts['default']).toEqual({ ttft_ms: 87_600, output_tokens_per_s: 91.7 });
    expect(gpt5.source.note).toMatch(/reasoning/);
    // Gemini 2.5 Pro and o4-mini: no thinking-free TTFT is measured, so no figure (unknown, not 0).
    expect([catalog.latency['gemini/gemini-2.5-pro']!.reasoning, catalog.latency['o4-mini']!.reasoning]).toEqual([null, null]);
    expect(catalog.latency['claude-sonnet-4-20250514']!.weak).toBe(true); // proxy of its successor
  });

  it('every profile belongs to a chat model in the catalog', () => {
    for (const p of Object.values(catalog.latency)) expect(model(p.model).mode, p.model).toBe('chat');
  });

  it('defaults for embed, rerank and network are marked as weak evidence', () => {
    expect(catalog.defaults.source.reliability).toBe('G');
    expect(catalog.defaults.embed_ms).toBe(200); // middle of Cohere's 100–300 ms
  });
});

describe('every entry', () => {
  const all: [string, Source][] = [
    ...Object.values(catalog.models).map((e): [string, Source] => [e.id, e.source]),
    ...Object.values(catalog.fine_tuning).map((e): [string, Source] => [e.base_model, e.source]),
    ...Object.values(catalog.vector_stores).map((e): [string, Source] => [e.id, e.source]),
    ...Object.values(catalog.latency).map((e): [string, Source] => [`latency ${e.model}`, e.source]),
    ['defaults', catalog.defaults.source],
  ];

  it('carries a source with a name and a YYYY-MM-DD as_of', () => {
    for (const [id, s] of all) {
      expect(s.name.length, id).toBeGreaterThan(0);
      expect(s.as_of, id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('the catalog date is the newest of them', () => {
    const newest = all.map(([, s]) => s.as_of).sort().at(-1);
    expect(catalog.as_of).toBe(newest);
    expect(catalog.as_of).toBe('2026-11-21'); // undated vendor pages carry the date they were captured
  });

  it('no chat model has a zero input or output price standing in for a missing one', () => {
    for (const m of Object.values(catalog.models).filter((e) => e.mode === 'chat')) {
      expect(m.input_usd_per_1m, m.id).not.toBe(0);
      expect(m.output_usd_per_1m, m.id).not.toBe(0);
    }
  });
});

// The snapshot ships in the repository (src/catalog/litellm/), named by models.json's `generated.from`.
const MODELS_FILE = JSON.parse(readFileSync(new URL('../../src/catalog/data/models.json', import.meta.url), 'utf8')) as { generated: { from: string } };
const SNAPSHOT = new URL(`../../${MODELS_FILE.generated.from}`, import.meta.url);

describe('models.json is the importer output', () => {
  it('names a snapshot inside the repository', () => {
    expect(MODELS_FILE.generated.from).toMatch(/^src\/catalog\/litellm\/litellm-\d{4}-\d{2}-\d{2}\.json$/);
    expect(existsSync(SNAPSHOT)).toBe(true);
  });

  it('re-importing the snapshot reproduces the committed file', () => {
    const json: unknown = JSON.parse(readFileSync(SNAPSHOT, 'utf8'));
    const overrides = overridesFileSchema().parse(
      JSON.parse(readFileSync(new URL('../../src/catalog/data/litellm-overrides.json', import.meta.url), 'utf8')),
    ).overrides;
    const warnings: string[] = [];
    const fresh = importLiteLLM(json, { name: LITELLM_SOURCE_NAME, as_of: snapshotDate(json)!, url: LITELLM_URL }, { overrides, warn: (w) => warnings.push(w) });
    const committed = JSON.parse(readFileSync(new URL('../../src/catalog/data/models.json', import.meta.url), 'utf8')) as { models: unknown[] };
    expect(committed.models).toEqual(fresh);
    expect(warnings).toEqual([]); // every curated override still fills a real gap
  });
});
