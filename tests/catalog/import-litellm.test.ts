import { describe, expect, it } from 'vitest';
import { applyOverrides, encodingFor, importLiteLLM, snapshotDate } from '../../src/catalog/import-litellm.js';
import { overrideSchema, type LiteLLMOverride } from '../../src/catalog/schema.js';

const SOURCE = { name: 'LiteLLM fixture', as_of: '2026-07-24', url: 'https://example.test/prices.json' };

/** A small LiteLLM-shaped map: one entry per feature the importer converts, plus entries it must skip. */
const FIXTURE = {
  sample_spec: { litellm_provider: 'one of …', mode: 'one of …', input_cost_per_token: 0 },
  last_updated: '2026-07-24T18:23:43.215560+00:00',
  'gpt-4.1-mini': {
    litellm_provider: 'openai',
    mode: 'chat',
    input_cost_per_token: 4e-7,
    output_cost_per_token: 1.6e-6,
    cache_read_input_token_cost: 1e-7,
    input_cost_per_token_batches: 2e-7,
    output_cost_per_token_batches: 8e-7,
    input_cost_per_token_priority: 7e-7, // priority tier: not modelled, must not leak into any field
    max_input_tokens: 1047576,
    max_output_tokens: 32768,
  },
  'claude-sonnet-4-20250514': {
    litellm_provider: 'anthropic',
    mode: 'chat',
    deprecation_date: '2026-05-14', // past, but on the keep list
    input_cost_per_token: 3e-6,
    output_cost_per_token: 1.5e-5,
    cache_creation_input_token_cost: 3.75e-6,
    cache_creation_input_token_cost_above_1hr: 6e-6,
    cache_read_input_token_cost: 3e-7,
    input_cost_per_token_above_200k_tokens: 6e-6,
    output_cost_per_token_above_200k_tokens: 2.25e-5,
    cache_creation_input_token_cost_above_200k_tokens: 7.5e-6,
    cache_read_input_token_cost_above_200k_tokens: 6e-7,
    max_input_tokens: 1000000,
    max_output_tokens: 64000,
    prompt_cache_min_tokens: 1024,
  },
  'gpt-5.4': {
    litellm_provider: 'openai',
    mode: 'chat',
    input_cost_per_token: 2.5e-6,
    output_cost_per_token: 1.5e-5,
    input_cost_per_token_above_272k_tokens: 5e-6,
    output_cost_per_token_above_272k_tokens: 2.25e-5,
    max_input_tokens: 1050000,
  },
  'gemini/gemini-2.5-flash': {
    litellm_provider: 'gemini',
    mode: 'chat',
    input_cost_per_token: 3e-7,
    output_cost_per_token: 2.5e-6,
    rpm: 100000,
    tpm: 8000000,
  },
  'text-embedding-3-small': {
    litellm_provider: 'openai',
    mode: 'embedding',
    input_cost_per_token: 2e-8,
    output_cost_per_token: 0,
    max_input_tokens: 8191,
    output_vector_size: 1536,
  },
  'rerank-v3.5': { litellm_provider: 'cohere', mode: 'rerank', input_cost_per_query: 0.002, max_input_tokens: 4096 },
  'voyage/rerank-2.5': { litellm_provider: 'voyage', mode: 'rerank', input_cost_per_token: 5e-8 },
  'mistral/no-output-price': { litellm_provider: 'mistral', mode: 'chat', input_cost_per_token: 1e-6 },
  'anthropic.claude-preview': { litellm_provider: 'bedrock_converse', mode: 'chat', input_cost_per_token: 0, output_cost_per_token: 0 },
  // Skipped: wrong mode, unknown provider, past deprecation, excluded kind of model.
  'dall-e-3': { litellm_provider: 'openai', mode: 'image_generation', output_cost_per_image: 0.04 },
  'someone/chat-model': { litellm_provider: 'tiny_host', mode: 'chat', input_cost_per_token: 1e-6 },
  'gpt-4-0314': { litellm_provider: 'openai', mode: 'chat', deprecation_date: '2025-01-01', input_cost_per_token: 3e-5 },
  'gpt-4o-audio-preview': { litellm_provider: 'openai', mode: 'chat', input_cost_per_token: 2.5e-6 },
};

function byId(entries: ReturnType<typeof importLiteLLM>) {
  return Object.fromEntries(entries.map((e) => [e.id, e]));
}

describe('importLiteLLM', () => {
  const models = byId(importLiteLLM(FIXTURE, SOURCE));

  it('keeps chat, embedding and rerank models of known providers and skips the rest', () => {
    expect(Object.keys(models).sort()).toEqual([
      'anthropic.claude-preview',
      'claude-sonnet-4-20250514',
      'gemini/gemini-2.5-flash',
      'gpt-4.1-mini',
      'gpt-5.4',
      'mistral/no-output-price',
      'rerank-v3.5',
      'text-embedding-3-small',
      'voyage/rerank-2.5',
    ]);
  });

  it('converts per-token prices to per-1M without float noise', () => {
    const m = models['gpt-4.1-mini']!;
    // 4e-7 USD/token × 1e6 = 0.4; 1.6e-6 × 1e6 = 1.6; 1e-7 × 1e6 = 0.1; batches 2e-7 → 0.2, 8e-7 → 0.8
    expect(m.input_usd_per_1m).toBe(0.4);
    expect(m.output_usd_per_1m).toBe(1.6);
    expect(m.cached_input_usd_per_1m).toBe(0.1);
    expect(m.cache_write_usd_per_1m).toBeNull(); // OpenAI: no write premium in the data
    expect(m.batch_input_usd_per_1m).toBe(0.2);
    expect(m.batch_output_usd_per_1m).toBe(0.8);
    expect(m.context_window).toBe(1047576);
    expect(m.max_output_tokens).toBe(32768);
    expect(m.encoding).toBe('o200k_base');
    expect(m.long_context).toBeNull();
  });

  it('maps cache writes, the >200k tier and the cache minimum (Anthropic)', () => {
    const m = models['claude-sonnet-4-20250514']!;
    expect(m.cache_write_usd_per_1m).toBe(3.75); // 3.75e-6 × 1e6 (the 5-minute write, not the 1-hour 6.0)
    expect(m.cached_input_usd_per_1m).toBe(0.3);
    expect(m.long_context).toEqual({
      threshold_tokens: 200_000,
      input_usd_per_1m: 6, // 6e-6 × 1e6
      output_usd_per_1m: 22.5, // 2.25e-5 × 1e6
      cached_input_usd_per_1m: 0.6,
      cache_write_usd_per_1m: 7.5,
      cache_write_1h_usd_per_1m: null, // the fixture gives no 1-hour write above 200k
      batch: null, // LiteLLM has no tier batch prices; only a curated override (batch_stacks) adds them
    });
    expect(m.cache_write_1h_usd_per_1m).toBe(6); // cache_creation_input_token_cost_above_1hr 6e-6 × 1e6 (2× the $3 input)
    expect(m.total_window_tokens).toBe(1_000_000); // max_input_tokens: Claude's window is shared by input and output
    expect(m.reasoning).toBe('none'); // the fixture has no supports_reasoning
    expect(m.min_cacheable_tokens).toBe(1024);
    expect(m.encoding).toBeNull(); // not an OpenAI tokenizer
    expect(m.source.note).toContain('deprecation_date 2026-05-14');
    expect(m.batch_input_usd_per_1m).toBeNull(); // no overrides passed here: no invented batch price
  });

  it('takes the >272k tier and leaves tier prices LiteLLM lacks unknown', () => {
    const tier = models['gpt-5.4']!.long_context!;
    expect(tier.threshold_tokens).toBe(272_000);
    expect(tier.input_usd_per_1m).toBe(5);
    expect(tier.output_usd_per_1m).toBe(22.5);
    expect(tier.cached_input_usd_per_1m).toBeNull();
  });

  it('reports a missing price as null, never 0', () => {
    const m = models['mistral/no-output-price']!;
    expect(m.input_usd_per_1m).toBe(1);
    expect(m.output_usd_per_1m).toBeNull();
    expect(m.cached_input_usd_per_1m).toBeNull();
    expect(m.context_window).toBeNull();
    expect(models['gpt-5.4']!.max_output_tokens).toBeNull();
  });

  it("takes LiteLLM's 0 chat price (a placeholder) as unknown and says so", () => {
    const m = models['anthropic.claude-preview']!;
    expect([m.input_usd_per_1m, m.output_usd_per_1m]).toEqual([null, null]);
    expect(m.source.note).toContain('0 token price, taken as unknown');
    expect(models['text-embedding-3-small']!.output_usd_per_1m).toBe(0); // an embedding has no output to bill
  });

  it('maps embedding dimensions and rerank billing bases', () => {
    expect(models['text-embedding-3-small']!.dimensions).toBe(1536);
    expect(models['text-embedding-3-small']!.input_usd_per_1m).toBe(0.02); // 2e-8 × 1e6
    expect(models['text-embedding-3-small']!.encoding).toBe('cl100k_base');
    const cohere = models['rerank-v3.5']!;
    expect(cohere.rerank_usd_per_search).toBe(0.002); // USD per query, not per 1M
    expect(cohere.input_usd_per_1m).toBe(0); // billed per search only: no token charge
    expect(cohere.source.note).toContain('billed per search');
    const voyage = models['voyage/rerank-2.5']!;
    expect(voyage.input_usd_per_1m).toBe(0.05); // 5e-8 × 1e6
    expect(voyage.rerank_usd_per_search).toBeNull(); // no per-search price: billed per token
    expect(voyage.source.note).toContain('billed per token');
  });

  it('copies rate limits and stamps the source on every entry', () => {
    expect(models['gemini/gemini-2.5-flash']!.rpm).toBe(100000);
    expect(models['gemini/gemini-2.5-flash']!.tpm).toBe(8000000);
    for (const m of Object.values(models)) {
      expect(m.source).toMatchObject({ name: SOURCE.name, as_of: '2026-07-24', url: SOURCE.url, reliability: 'D' });
    }
  });

  it('rejects input that is not a price map', () => {
    expect(() => importLiteLLM([], SOURCE)).toThrow(/JSON object/);
    expect(() => importLiteLLM(null, SOURCE)).toThrow(/JSON object/);
  });
});

describe('snapshotDate and encodingFor', () => {
  it('reads the mirror date', () => {
    expect(snapshotDate(FIXTURE)).toBe('2026-07-24');
    expect(snapshotDate({})).toBeNull();
  });
  it('follows docs/model.md §2.3', () => {
    expect(encodingFor('gpt-4o-mini', 'openai')).toBe('o200k_base');
    expect(encodingFor('o4-mini', 'openai')).toBe('o200k_base');
    expect(encodingFor('gpt-5', 'openai')).toBe('o200k_base');
    expect(encodingFor('ft:gpt-4.1-mini-2025-04-14', 'openai')).toBe('o200k_base');
    expect(encodingFor('azure/gpt-4.1', 'azure')).toBe('o200k_base');
    expect(encodingFor('gpt-3.5-turbo', 'openai')).toBe('cl100k_base');
    expect(encodingFor('gpt-4', 'openai')).toBe('cl100k_base');
    expect(encodingFor('gpt-4-turbo', 'openai')).toBe('cl100k_base');
    expect(encodingFor('text-embedding-ada-002', 'openai')).toBe('cl100k_base');
    expect(encodingFor('claude-haiku-4-5', 'anthropic')).toBeNull();
    expect(encodingFor('openai.gpt-oss-120b-1:0', 'bedrock_converse')).toBeNull();
  });
});

describe('curated overrides', () => {
  const base = importLiteLLM(FIXTURE, SOURCE);
  const src = { name: 'Anthropic batch processing docs', as_of: '2026-11-21', reliability: 'G' as const };
  const override = (o: Partial<LiteLLMOverride> & Pick<LiteLLMOverride, 'id' | 'match'>): LiteLLMOverride =>
    overrideSchema().parse({ reason: 'test', source: src, ...o });

  it('fills a gap from a batch fraction and records the override in the note', () => {
    const out = byId(applyOverrides(base, [override({ id: 'anthropic-batch', match: { providers: ['anthropic'] }, batch_fraction: 0.5 })]));
    const m = out['claude-sonnet-4-20250514']!;
    expect(m.batch_input_usd_per_1m).toBe(1.5); // 3 × 0.5
    expect(m.batch_output_usd_per_1m).toBe(7.5); // 15 × 0.5
    expect(m.source.note).toMatch(/override anthropic-batch set batch_input_usd_per_1m, batch_output_usd_per_1m \(Anthropic batch processing docs \[G\], 2026-11-21\)/);
    // The input entries are not mutated.
    expect(byId(base)['claude-sonnet-4-20250514']!.batch_input_usd_per_1m).toBeNull();
  });

  it('does not overwrite a LiteLLM value unless it says replace, and warns when it changed nothing', () => {
    const warnings: string[] = [];
    const fill = override({ id: 'gpt-batch', match: { ids: ['gpt-4.1-mini'] }, set: { batch_input_usd_per_1m: 9 } });
    const out = byId(applyOverrides(base, [fill], (w) => warnings.push(w)));
    expect(out['gpt-4.1-mini']!.batch_input_usd_per_1m).toBe(0.2);
    expect(warnings).toEqual([expect.stringContaining('override gpt-batch changed nothing')]);
    const forced = byId(applyOverrides(base, [{ ...fill, replace: true }]));
    expect(forced['gpt-4.1-mini']!.batch_input_usd_per_1m).toBe(9);
  });

  it('matches by encoding, so a rule reaches only the o200k OpenAI models', () => {
    const out = byId(
      applyOverrides(base, [
        override({ id: 'oai-min', match: { providers: ['openai'], mode: 'chat', encoding: 'o200k_base' }, set: { min_cacheable_tokens: 1024 } }),
      ]),
    );
    expect(out['gpt-4.1-mini']!.min_cacheable_tokens).toBe(1024);
    expect(out['gpt-5.4']!.min_cacheable_tokens).toBe(1024);
    expect(out['text-embedding-3-small']!.min_cacheable_tokens).toBeNull();
    expect(out['claude-sonnet-4-20250514']!.min_cacheable_tokens).toBe(1024); // LiteLLM's own value
  });

  it('is applied by importLiteLLM when given', () => {
    const out = byId(
      importLiteLLM(FIXTURE, SOURCE, { overrides: [override({ id: 'x', match: { ids: ['gpt-5.4'] }, batch_fraction: 0.5 })] }),
    );
    expect(out['gpt-5.4']!.batch_output_usd_per_1m).toBe(7.5); // 15 × 0.5
  });
});
