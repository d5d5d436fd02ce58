/**
 * The numeric fields of a model entry (prices and limits), declared once. The catalog types
 * (types.ts), the catalog schemas (schema.ts), the LiteLLM import (import-litellm.ts), the
 * user catalog loader (load.ts), a scenario's inline model (src/scenario/fields.ts) and the
 * model's price table (src/model/inference.ts PriceTable) all derive their field lists from
 * this record. A new price is one entry here plus its use in the model.
 *
 * `null` in an entry means UNKNOWN, never zero.
 */

export interface ModelFieldSpec {
  /** token_price: USD per 1M tokens, billed per request; limit: a token limit of a request; other: the rest. */
  group: 'token_price' | 'limit' | 'other';
  /** What the number counts, for docs. */
  unit: string;
  /** A whole number (limits, dimensions, rate limits). */
  integer?: true;
  /** LiteLLM's key for it (a per-token price there; converted to per 1M on import). */
  litellm?: string;
  /** Also priced in a long-context tier (LongContextTier). */
  tier?: true;
  /** A curated override (data/litellm-overrides.json `set`) may set it. */
  curated?: true;
  /** The key a scenario's inline model uses, when it differs from the catalog's. */
  scenarioKey?: string;
  /** Largest value accepted anywhere (catalog file or scenario), and why. */
  max: number;
  why: string;
  doc: string;
}

/** The dearest token price in any provider's list is $600 per 1M output tokens (OpenAI o1-pro, 2025). */
const PRICE_WHY = 'the dearest published token price is $600 per 1M, o1-pro output; 10,000 leaves ample room';
const PRICE_MAX = 10_000;
/** The largest context window sold is 10M tokens (Meta Llama 4 Scout, 2025). */
const TOKENS_WHY = 'the largest context window on sale is 10M tokens, Llama 4 Scout; 100M leaves room';
const TOKENS_MAX = 100_000_000;

export const MODEL_FIELDS = {
  input_usd_per_1m: { group: 'token_price', unit: 'USD per 1M tokens', litellm: 'input_cost_per_token', tier: true, max: PRICE_MAX, why: PRICE_WHY, doc: 'input token price' },
  output_usd_per_1m: { group: 'token_price', unit: 'USD per 1M tokens', litellm: 'output_cost_per_token', tier: true, max: PRICE_MAX, why: PRICE_WHY, doc: 'output token price' },
  cached_input_usd_per_1m: {
    group: 'token_price', unit: 'USD per 1M tokens', litellm: 'cache_read_input_token_cost', tier: true, curated: true, max: PRICE_MAX, why: PRICE_WHY,
    doc: 'cache read price; none = the model has no prompt caching we know of',
  },
  cache_write_usd_per_1m: {
    group: 'token_price', unit: 'USD per 1M tokens', litellm: 'cache_creation_input_token_cost', tier: true, curated: true, max: PRICE_MAX, why: PRICE_WHY,
    doc: 'cache write price; none = writes are billed at the input price',
  },
  cache_write_1h_usd_per_1m: {
    group: 'token_price', unit: 'USD per 1M tokens', litellm: 'cache_creation_input_token_cost_above_1hr', tier: true, curated: true, max: PRICE_MAX, why: PRICE_WHY,
    doc: '1-hour cache write price (Anthropic: 2× input); none = no 1-hour cache is sold',
  },
  batch_input_usd_per_1m: { group: 'token_price', unit: 'USD per 1M tokens', litellm: 'input_cost_per_token_batches', curated: true, max: PRICE_MAX, why: PRICE_WHY, doc: 'batch API input price' },
  batch_output_usd_per_1m: { group: 'token_price', unit: 'USD per 1M tokens', litellm: 'output_cost_per_token_batches', curated: true, max: PRICE_MAX, why: PRICE_WHY, doc: 'batch API output price (reasoning tokens included)' },
  batch_cached_input_usd_per_1m: {
    group: 'token_price', unit: 'USD per 1M tokens', curated: true, max: PRICE_MAX, why: PRICE_WHY,
    doc: 'batch price of a cache read; none = batch requests get no cache discount (billed as batch input)',
  },
  batch_cache_write_usd_per_1m: {
    group: 'token_price', unit: 'USD per 1M tokens', curated: true, max: PRICE_MAX, why: PRICE_WHY,
    doc: 'batch price of a 5-minute cache write; none = billed as batch input',
  },
  batch_cache_write_1h_usd_per_1m: {
    group: 'token_price', unit: 'USD per 1M tokens', curated: true, max: PRICE_MAX, why: PRICE_WHY,
    doc: 'batch price of a 1-hour cache write; none = billed as batch input',
  },
  context_window: { group: 'limit', unit: 'tokens', integer: true, litellm: 'max_input_tokens', max: TOKENS_MAX, why: TOKENS_WHY, doc: 'input token limit of one request' },
  max_output_tokens: { group: 'limit', unit: 'tokens', integer: true, litellm: 'max_output_tokens', max: TOKENS_MAX, why: TOKENS_WHY, doc: 'output token limit of one request (visible output plus reasoning)' },
  total_window_tokens: {
    group: 'limit', unit: 'tokens', integer: true, curated: true, max: TOKENS_MAX, why: TOKENS_WHY,
    doc: 'window input + output + reasoning share (Claude, gpt-4.1); none = the input and output limits are separate (gpt-5)',
  },
  min_cacheable_tokens: {
    group: 'limit', unit: 'tokens', integer: true, litellm: 'prompt_cache_min_tokens', curated: true, max: TOKENS_MAX, why: TOKENS_WHY,
    doc: 'shortest prompt prefix the provider caches; none = 1,024 assumed',
  },
  dimensions: {
    group: 'other', unit: 'floats per vector', integer: true, litellm: 'output_vector_size', curated: true, max: 65_536,
    why: 'the widest embedding models sold return 4,096 floats per vector; 65,536 is 16× that', doc: 'vector width of an embedding model',
  },
  rerank_usd_per_search: {
    group: 'other', unit: 'USD per search', litellm: 'input_cost_per_query', scenarioKey: 'usd_per_search', max: 1_000,
    why: 'rerankers bill $0.001–$0.01 per search; $1,000 a search is no price list', doc: 'reranker price per search (query)',
  },
  cache_storage_usd_per_1m_per_hour: {
    group: 'other', unit: 'USD per 1M tokens per hour', curated: true, max: PRICE_MAX, why: PRICE_WHY,
    doc: 'explicit context-cache storage (Gemini); none = no explicit cache priced',
  },
  rerank_documents_per_search: {
    group: 'other', unit: 'documents', integer: true, curated: true, max: 1_000_000,
    why: 'Cohere counts 100 documents to a search unit; a million is no unit', doc: 'documents one rerank search unit covers (Cohere: 100); none = a search covers any number',
  },
  rerank_tokens_per_document: {
    group: 'other', unit: 'tokens', integer: true, curated: true, max: TOKENS_MAX, why: TOKENS_WHY,
    doc: 'a rerank document longer than this (with the query) counts as several (Cohere: 500); none = no split',
  },
  rpm: { group: 'other', unit: 'requests per minute', integer: true, litellm: 'rpm', max: 1e12, why: 'no provider grants a trillion requests a minute; a finite limit keeps headroom finite', doc: 'provider requests/minute limit' },
  tpm: { group: 'other', unit: 'tokens per minute', integer: true, litellm: 'tpm', max: 1e15, why: 'no provider grants 10^15 tokens a minute; a finite limit keeps headroom finite', doc: 'provider tokens/minute limit' },
} as const satisfies Record<string, ModelFieldSpec>;

export type ModelField = keyof typeof MODEL_FIELDS;
type FieldsWhere<P> = { [K in ModelField]: (typeof MODEL_FIELDS)[K] extends P ? K : never }[ModelField];

/** Prices per 1M tokens of a request: input, output, cache read/write, batch. */
type TokenPriceField = FieldsWhere<{ group: 'token_price' }>;
/** Prices a long-context tier carries. */
export type TierPriceField = FieldsWhere<{ tier: true }>;
/** Token limits of one request. */
type LimitField = FieldsWhere<{ group: 'limit' }>;
/** Fields a curated override may set. */
export type CuratedField = FieldsWhere<{ curated: true }>;

const keysWhere = <K extends ModelField>(test: (spec: ModelFieldSpec) => boolean): readonly K[] =>
  (Object.keys(MODEL_FIELDS) as ModelField[]).filter((k) => test(MODEL_FIELDS[k])) as K[];

export const MODEL_FIELD_KEYS = Object.keys(MODEL_FIELDS) as readonly ModelField[];
export const TOKEN_PRICE_FIELDS = keysWhere<TokenPriceField>((s) => s.group === 'token_price');
export const TIER_PRICE_FIELDS = keysWhere<TierPriceField>((s) => s.tier === true);
export const LIMIT_FIELDS = keysWhere<LimitField>((s) => s.group === 'limit');
export const OTHER_MODEL_FIELDS = keysWhere<FieldsWhere<{ group: 'other' }>>((s) => s.group === 'other');
export const CURATED_FIELDS = keysWhere<CuratedField>((s) => s.curated === true);

/** Cache-write prices: OpenAI bills a fine-tuned model's cache writes at the input price, so it has none. */
type CacheWriteField = 'cache_write_usd_per_1m' | 'cache_write_1h_usd_per_1m' | 'batch_cache_write_usd_per_1m' | 'batch_cache_write_1h_usd_per_1m';
const CACHE_WRITE_FIELDS: readonly string[] = ['cache_write_usd_per_1m', 'cache_write_1h_usd_per_1m', 'batch_cache_write_usd_per_1m', 'batch_cache_write_1h_usd_per_1m'];

/** The inference prices of a fine-tuned model: a base model's token prices but the cache writes. */
export type FineTunedPriceField = Exclude<TokenPriceField, CacheWriteField>;
export const FINE_TUNED_PRICE_FIELDS = TOKEN_PRICE_FIELDS.filter((k): k is FineTunedPriceField => !CACHE_WRITE_FIELDS.includes(k));

/** What the model prices a request from: every token price and every limit (plus the tier, in PriceTable). */
export const PRICE_TABLE_FIELDS: readonly (TokenPriceField | LimitField)[] = [...TOKEN_PRICE_FIELDS, ...LIMIT_FIELDS];

/** A record of the given fields, each `number | null`. */
export type NumericFields<K extends string> = { [P in K]: number | null };

/** The given fields of `from`, in declaration order. */
export function pickFields<K extends string>(from: NumericFields<K>, keys: readonly K[]): NumericFields<K> {
  const out = {} as NumericFields<K>;
  for (const k of keys) out[k] = from[k];
  return out;
}

/** Every given field unknown (null). */
export function unknownFields<K extends string>(keys: readonly K[]): NumericFields<K> {
  const out = {} as NumericFields<K>;
  for (const k of keys) out[k] = null;
  return out;
}
