/**
 * The catalog as the model uses it. Prices are USD per 1M tokens unless the name says
 * otherwise. `null` means UNKNOWN (never zero): the model reports a line it cannot price.
 * Every entry carries where its numbers came from and the date that source gives.
 */

import type { FineTunedPriceField, ModelField, NumericFields, TierPriceField } from './model-fields.js';

export type Encoding = 'o200k_base' | 'cl100k_base';

export interface Source {
  /** Short citation, e.g. "LiteLLM model_prices_and_context_window.json" or "OpenAI API pricing page". */
  name: string;
  /** The date the source gives for its numbers (YYYY-MM-DD). */
  as_of: string;
  url?: string;
  /** Reliability: P primary (the publisher itself), D dataset, S secondary, G generated or assumed. */
  reliability?: 'P' | 'D' | 'S' | 'G';
  note?: string;
}

/**
 * The token prices a request pays in one billing mode (standard or batch): input, output,
 * cache read, 5-minute and 1-hour cache writes. In batch prices, a null cache price means
 * batch requests get no cache discount (they pay batch input).
 */
export type TokenPrices = NumericFields<TierPriceField>;
export type BatchPrices = TokenPrices;

/**
 * A request whose input tokens exceed `threshold_tokens` is billed entirely at the tier
 * prices; its batch share at the tier's `batch` prices (null = none known above the threshold).
 */
export type LongContextTier = { threshold_tokens: number; batch: BatchPrices | null } & TokenPrices;

/**
 * Whether a model spends hidden reasoning tokens before it answers: `always` (gpt-5 family,
 * o-series, Gemini 2.5 Pro), `default` (on unless turned off: Gemini 2.5 Flash), `on_request`
 * (only when asked: Claude's extended thinking), `none`.
 */
type ReasoningMode = 'always' | 'default' | 'on_request' | 'none';

export type ModelMode = 'chat' | 'embedding' | 'rerank';

/**
 * A model: its prices and limits (every field of MODEL_FIELDS in model-fields.ts, USD per 1M
 * tokens unless the unit says otherwise; null = unknown), its long-context tier and tokenizer.
 */
export type ModelEntry = {
  id: string; // LiteLLM key
  provider: string;
  mode: ModelMode;
  long_context: LongContextTier | null;
  /** Tokenizer; null = not an OpenAI family: counts are an o200k approximation and the output says so. */
  encoding: Encoding | null;
  reasoning: ReasoningMode;
  source: Source;
} & NumericFields<ModelField>;

/** Curated: fine-tuning a base model. Keyed by the base model id. */
export type FineTuningEntry = {
  base_model: string; // catalog id of the base model, e.g. gpt-4.1-mini
  /** The dated snapshot OpenAI fine-tunes, e.g. gpt-4.1-mini-2025-04-14. */
  snapshot: string;
  training_usd_per_1m: number | null;
  /** RFT is billed per training hour instead (o4-mini). */
  training_usd_per_hour: number | null;
  /** Default hosting fee of a fine-tuned deployment (OpenAI: 0; Azure: 1.70/h as an option). */
  hosting_usd_per_hour: number;
  /** Typical wall-clock time of one training job, for freshness. */
  training_hours: number;
  context_window: number | null;
  max_output_tokens: number | null;
  source: Source;
} & NumericFields<FineTunedPriceField>;

type VectorStoreKind = 'serverless' | 'fixed';

export interface VectorStoreEntry {
  id: string;
  kind: VectorStoreKind;
  /** Fixed plans: flat monthly price. Serverless: 0. */
  monthly_usd: number;
  /** Plan minimum spend per month (Pinecone Standard $50); usage below it is billed up to it. */
  minimum_monthly_usd: number;
  storage_usd_per_gb_month: number | null;
  /** Serverless read units: price, RU per GB of namespace per query, minimum RU per query. */
  read_unit_usd_per_1m: number | null;
  read_units_per_gb: number | null;
  min_read_units_per_query: number | null;
  /** Serverless write units: price, bytes per WU, minimum WU per request. */
  write_unit_usd_per_1m: number | null;
  write_unit_bytes: number | null;
  min_write_units_per_request: number | null;
  /** Flat per-query price for stores that bill that way. */
  usd_per_1m_queries: number | null;
  /** Fixed plans: how many vectors of 1,536 dims fit (sizing note); null = no stated limit. */
  capacity_vectors: number | null;
  /** Median search latency and its p95/p50 spread. */
  search_ms: number | null;
  search_spread: number | null;
  source: Source;
}

/** Curated latency profile of a model (docs/model.md §10.1), keyed by catalog id. */
export interface LatencyProfile {
  model: string;
  /** Published median time to first token on a short prompt (ms). */
  ttft_ms: number;
  output_tokens_per_s: number;
  prefill_tokens_per_s: number;
  /** Cached prefix tokens prefill this many times faster. */
  cached_prefill_speedup: number;
  /** p95/p50 of each component. */
  spread: { ttft: number; prefill: number; decode: number };
  /** true where the figures rest on secondary or generated sources only. */
  weak: boolean;
  /**
   * Reasoning models: TTFT and output speed measured at each named reasoning effort. `ttft_ms`
   * above is the `base` effort's (no thinking); an effort's reasoning tokens are
   * (its TTFT − the base TTFT) × its output speed. null = not a reasoning model, or unmeasured.
   */
  reasoning: ReasoningEfforts | null;
  source: Source;
}

export interface ReasoningEfforts {
  /** The effort whose TTFT holds no thinking (minimal, or thinking off). */
  base: string;
  /** The effort a request gets when it names none. */
  default: string;
  efforts: Record<string, { ttft_ms: number; output_tokens_per_s: number }>;
}

export interface Catalog {
  /** The newest as_of date of everything in it: what a projection states. */
  as_of: string;
  models: Record<string, ModelEntry>;
  fine_tuning: Record<string, FineTuningEntry>;
  vector_stores: Record<string, VectorStoreEntry>;
  latency: Record<string, LatencyProfile>;
  /** Embedding call and other non-model latency defaults. */
  defaults: {
    embed_ms: number;
    embed_spread: number;
    rerank_ms: number;
    rerank_spread: number;
    network_spread: number;
    source: Source;
  };
}
