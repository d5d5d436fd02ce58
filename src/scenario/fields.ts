/**
 * Every numeric field of a scenario: how it is read, its default and its bounds.
 * One table, so the normalizer, the README's defaults table and the assumptions list agree.
 * `default: null` means "none" (no target, no override: the catalog decides).
 */

/** How a written value is read. Durations are returned in the unit the name says. */
export type FieldKind =
  | 'number' // a plain number, SI suffix or formula
  | 'count' // same, but a whole number where `integer` is set
  | 'fraction' // "3%" or 0.03
  | 'hours' // a duration with a unit ("2 days", "1 week", "36 h"), in hours
  | 'seconds' // a duration with a unit, in seconds
  | 'ms' // milliseconds: a bare number is ms, or a duration with a unit
  | 'usd'; // a dollar amount

export interface FieldRule {
  kind: FieldKind;
  /** Written form of the default, shown in docs; null = none. undefined = required. */
  default?: number | string | null;
  min?: number;
  /** Bounds that exclude the limit itself. */
  exclusiveMin?: boolean;
  max?: number;
  integer?: boolean;
  /** Also accepts the word "auto". */
  auto?: boolean;
  /** Also accepts the word "never". */
  never?: boolean;
  doc: string;
}

export const FIELDS = {
  horizon_months: { kind: 'count', default: 12, min: 1, max: 120, integer: true, doc: 'projection length in months' },
  'workload.queries_per_month': { kind: 'count', min: 0, doc: 'queries in month 1 (required)' },
  'workload.growth_per_month': { kind: 'fraction', default: 0, min: -1, exclusiveMin: true, doc: 'compounding monthly growth' },
  'workload.peak_to_average': { kind: 'number', default: 2, min: 1, doc: 'peak QPS / average QPS' },
  'workload.batch_share': { kind: 'fraction', default: 0, min: 0, max: 1, doc: 'share of queries sent through a batch API' },
  'knowledge.change_per_month': { kind: 'fraction', default: 0, min: 0, max: 1, doc: 'share of the corpus rewritten each month' },
  'knowledge.publish_every': { kind: 'hours', default: '1 week', min: 0, exclusiveMin: true, doc: 'how often changes go live' },
  'knowledge.indexing_time': { kind: 'hours', default: '1 h', min: 0, doc: 'time to re-embed and upsert a publish' },
  'knowledge.freshness_target': { kind: 'hours', default: null, min: 0, doc: 'how stale an answer may be (none = no target)' },
  'models.token_ratio': { kind: 'number', default: 1, min: 0, exclusiveMin: true, doc: 'scales counted tokens for non-OpenAI tokenizers' },
  'retrieval.chunk_tokens': { kind: 'count', default: 512, min: 1, integer: true, doc: 'tokens per chunk' },
  'retrieval.chunk_overlap_tokens': { kind: 'count', default: 64, min: 0, integer: true, doc: 'overlap between chunks (less than chunk_tokens)' },
  'retrieval.top_k': { kind: 'count', default: 6, min: 1, integer: true, doc: 'chunks retrieved per query' },
  'retrieval.rerank_candidates': { kind: 'count', default: null, min: 1, integer: true, doc: 'candidates the reranker reads: tokens billed, or search units (Cohere: 100 documents each) (default 4 × top_k)' },
  'retrieval.metadata_bytes': { kind: 'count', default: 1000, min: 0, integer: true, doc: 'bytes stored per vector besides the vector' },
  'retrieval.embed_ms': { kind: 'ms', default: null, min: 0, doc: 'query-embedding latency (default: catalog)' },
  'retrieval.search_ms': { kind: 'ms', default: null, min: 0, doc: 'vector search latency (default: catalog)' },
  'retrieval.rerank_ms': { kind: 'ms', default: null, min: 0, doc: 'reranker latency (default: catalog)' },
  'fine_tuning.epochs': { kind: 'count', default: 'auto', auto: true, min: 1, max: 50, integer: true, doc: '"auto" = OpenAI cookbook rule' },
  'fine_tuning.retrain_every': { kind: 'hours', default: null, never: true, min: 0, exclusiveMin: true, doc: 'default: publish_every (fine_tuning; never without a knowledge base), 6 months (hybrid)' },
  'fine_tuning.curation_usd_per_example': { kind: 'usd', default: 0, min: 0, doc: 'one-time curation cost per example' },
  'fine_tuning.hosting_usd_per_hour': { kind: 'usd', default: null, min: 0, doc: 'hosting fee of the tuned deployment (default: catalog, 0 on OpenAI)' },
  'fine_tuning.training_usd_per_1m': { kind: 'usd', default: null, min: 0, doc: 'training price override' },
  'fine_tuning.training_hours': { kind: 'hours', default: null, min: 0, doc: 'training job duration override' },
  'fine_tuning.input_usd_per_1m': { kind: 'usd', default: null, min: 0, doc: 'fine-tuned input price override' },
  'fine_tuning.cached_input_usd_per_1m': { kind: 'usd', default: null, min: 0, doc: 'fine-tuned cached input price override' },
  'fine_tuning.output_usd_per_1m': { kind: 'usd', default: null, min: 0, doc: 'fine-tuned output price override' },
  'caching.hit_rate': { kind: 'fraction', default: 'auto', auto: true, min: 0, max: 1, doc: '"auto" = 1 − exp(−λ·ttl)' },
  'caching.ttl': { kind: 'seconds', default: '5 min', min: 0, doc: 'cache lifetime: one the provider sells (Anthropic 5 min or 1 h); explicit caches default to 1 h' },
  'prompt.reasoning.tokens': { kind: 'count', default: null, min: 0, max: 10_000_000, integer: true, doc: 'hidden reasoning tokens per query (default: the catalog\'s figure for the model)' },
  'one_time.usd_per_engineer_week': { kind: 'usd', default: 4000, min: 0, doc: 'loaded cost of an engineer-week' },
  'one_time.engineer_weeks.prompt_only': { kind: 'number', default: 0, min: 0, doc: 'build effort' },
  'one_time.engineer_weeks.rag': { kind: 'number', default: 0, min: 0, doc: 'build effort' },
  'one_time.engineer_weeks.fine_tuning': { kind: 'number', default: 0, min: 0, doc: 'build effort' },
  'one_time.engineer_weeks.hybrid': { kind: 'number', default: 0, min: 0, doc: 'build effort' },
  'latency.network_ms': { kind: 'ms', default: 50, min: 0, doc: 'round trip to the provider' },
  'latency.samples': { kind: 'count', default: 20000, min: 100, max: 5_000_000, integer: true, doc: 'Monte Carlo samples' },
  'latency.seed': { kind: 'count', default: 1, min: 0, integer: true, doc: 'Monte Carlo seed' },
  'latency.slo_p95_ms': { kind: 'ms', default: null, min: 0, exclusiveMin: true, doc: 'end-to-end p95 target' },
  'latency.slo_ttft_p95_ms': { kind: 'ms', default: null, min: 0, exclusiveMin: true, doc: 'time-to-first-token p95 target' },
  'latency.rpm': { kind: 'count', default: null, min: 0, exclusiveMin: true, doc: 'provider requests/minute limit (default: catalog)' },
  'latency.tpm': { kind: 'count', default: null, min: 0, exclusiveMin: true, doc: 'provider tokens/minute limit (default: catalog)' },
  'deployment.gpu_usd_per_hour': { kind: 'usd', min: 0, doc: 'GPU price (required for a deployment)' },
  'deployment.gpus_per_replica': { kind: 'count', default: 1, min: 1, integer: true, doc: 'GPUs per replica' },
  'deployment.concurrency_per_replica': { kind: 'count', default: 8, min: 1, integer: true, doc: 'concurrent requests per replica' },
  'deployment.replicas': { kind: 'count', default: 'auto', auto: true, min: 1, integer: true, doc: '"auto" = fewest meeting the SLO at peak' },
  'deployment.prefill_tokens_per_s': { kind: 'number', default: null, min: 0, exclusiveMin: true, doc: 'per-request prefill speed (default: the model profile)' },
  'deployment.output_tokens_per_s': { kind: 'number', default: null, min: 0, exclusiveMin: true, doc: 'per-request decode speed (default: the model profile)' },
} as const satisfies Record<string, FieldRule>;

export type FieldPath = keyof typeof FIELDS;

/** Spread fields (p95/p50 ≥ 1) accepted under latency.spread. */
export const SPREAD_COMPONENTS = ['default', 'network', 'embed', 'search', 'rerank', 'prefill', 'reasoning', 'decode', 'queue'] as const;
