/**
 * Every numeric field of a scenario, declared once: how it is read (kind), its unit, its
 * default, its bounds and why, and what it means. This table drives
 *   - the zod schema (schema.ts: the keys of each section, their descriptions),
 *   - the defaults and the bounds that normalize.ts applies (through read-field.ts),
 *   - the JSON Schema that `costsim schema` prints,
 *   - the README's defaults table and docs/fields.md (fields-doc.ts, `npm run docs:fields`).
 * A new field is one entry here plus its use in the model.
 *
 * Paths are as written in a scenario; a segment in angle brackets stands for several keys:
 * `<part>` a prompt part, `<model>` generator/embedding/reranker, `<kind>` a strategy kind,
 * `<component>` a latency component. A strategy variant's overrides
 * (`strategies.<id>.retrieval.top_k`) follow the same rule.
 * `default: null` means "none" (no target, no override: the catalog decides); no `default` at
 * all means required.
 */
import { MODEL_FIELDS, TIER_PRICE_FIELDS, type ModelField, type ModelFieldSpec } from '../catalog/model-fields.js';
import { formatDecimal } from '../format.js';
import { STRATEGY_KINDS, type StrategyKind } from '../model/types.js';

/** How a written value is read. Durations are returned in the unit the name says. */
export type FieldKind =
  | 'number' // a plain number, SI suffix or formula
  | 'count' // same, but a whole number where `integer` is set
  | 'fraction' // a share or rate: "3%" or 0.03; a bare number above 1 is refused ("write 3%")
  | 'hours' // a duration with a unit ("2 days", "1 week", "36 h"), in hours
  | 'seconds' // a duration with a unit, in seconds
  | 'ms' // milliseconds: a bare number is ms, or a duration with a unit
  | 'usd'; // a dollar amount

export interface FieldRule {
  kind: FieldKind;
  /** What the number counts, for docs ("months", "queries per month", "USD per 1M tokens"). */
  unit: string;
  /** Written form of the default, shown in docs; null = none. undefined = required. */
  default?: number | string | null;
  min: number;
  /** The bound excludes `min` itself. */
  exclusiveMin?: boolean;
  /** Every numeric field has a finite upper bound: no input makes unbounded work or an infinite total. */
  max: number;
  integer?: boolean;
  /** Also accepts the word "auto". */
  auto?: boolean;
  /** Also accepts the word "never". */
  never?: boolean;
  /** Why the bounds are where they are. */
  why: string;
  /** What the field means. */
  doc: string;
  /** A value inside a structure (a token source, an inline model or store, a dataset): not a setting with a default. */
  nested?: boolean;
}

/* ---------- reasons shared by several fields ---------- */

const WHY_LATENCY_MS = 'a step slower than 10 minutes is a timeout, not a latency';
const WHY_SPEED =
  'a token speed below 0.1 token/s is not a GPU, since a CPU decodes a 70B model at about 1 token/s; above 1,000,000 tokens/s is no published hardware';
const WHY_PROMPT_TOKENS = MODEL_FIELDS.context_window.why;
const WHY_PRICE_PER_1M = MODEL_FIELDS.input_usd_per_1m.why;
const WHY_BUILD_WEEKS = '10,000 engineer-weeks is 200 engineer-years: more than any build this tool compares';
const WHY_SPREAD = 'p95/p50 below 1 is impossible; measured API spreads are 1.2–3, and 50 means the slowest 5% take 50× the median';

/** One rule for each numeric field of an inline model, from the catalog's declaration (model-fields.ts). */
function inlineModelFields() {
  const out = {} as Record<`models.<model>.${ModelField | 'usd_per_search'}`, FieldRule>;
  for (const key of Object.keys(MODEL_FIELDS) as ModelField[]) {
    const spec: ModelFieldSpec = MODEL_FIELDS[key];
    const name = (spec.scenarioKey ?? key) as ModelField | 'usd_per_search';
    out[`models.<model>.${name}`] = {
      // A price reads like the scenario's other prices: `0.5`, `$0.50` (issue 11, item 9).
      kind: spec.integer ? 'count' : spec.unit.startsWith('USD') ? 'usd' : 'number',
      unit: spec.unit,
      min: spec.integer ? 1 : 0,
      max: spec.max,
      integer: spec.integer,
      why: spec.why,
      doc: `${spec.doc} (overrides the catalog)`,
      nested: true,
    };
  }
  return out;
}

/** `one_time.engineer_weeks.<kind>`: one key per strategy kind (STRATEGY_KINDS). */
export const ENGINEER_WEEKS_KEYS: readonly StrategyKind[] = STRATEGY_KINDS;

/** Spread keys accepted under latency.spread (p95/p50 ≥ 1): `default` and each latency component. */
export const SPREAD_COMPONENTS = ['default', 'network', 'embed', 'search', 'rerank', 'prefill', 'reasoning', 'decode', 'queue'] as const;

export const FIELDS = {
  horizon_months: {
    kind: 'count', unit: 'months', default: 12, min: 1, max: 120, integer: true,
    why: 'ten years: prices and models change far faster than that, and every month is computed', doc: 'projection length in months',
  },
  'workload.queries_per_month': {
    kind: 'count', unit: 'queries per month', min: 0, max: 1e12,
    why: 'the busiest assistants serve about 10^11 prompts a month; 10^12 leaves room', doc: 'queries in month 1 (required)',
  },
  'workload.growth_per_month': {
    kind: 'fraction', unit: 'fraction per month', default: 0, min: -1, exclusiveMin: true, max: 1,
    why: 'traffic cannot fall by 100% or more; more than doubling every month for the horizon is not a forecast', doc: 'compounding monthly growth',
  },
  'workload.peak_to_average': {
    kind: 'number', unit: 'ratio', default: 2, min: 1, max: 1000,
    why: 'a peak is at least the average; at 1,000× a whole month arrives in 45 minutes', doc: 'peak QPS / average QPS',
  },
  'workload.batch_share': {
    kind: 'fraction', unit: 'fraction', default: 0, min: 0, max: 1, why: 'a share of the queries', doc: 'share of queries sent through a batch API',
  },
  'prompt.<part>.tokens': {
    kind: 'count', unit: 'tokens', min: 0, max: 1e8, why: WHY_PROMPT_TOKENS, nested: true,
    doc: 'tokens of a prompt part (system, instructions, examples, query, output) given as { tokens: N }',
  },
  'prompt.reasoning.tokens': {
    kind: 'count', unit: 'tokens', min: 0, max: 1e7, integer: true, nested: true,
    why: 'output limits on sale top out at a few hundred thousand tokens; 10M reasoning tokens a query is no request',
    doc: "hidden reasoning tokens per query, given as { tokens: N } (default: the catalog's figure for the model)",
  },
  'knowledge.corpus.tokens': {
    kind: 'count', unit: 'tokens', min: 0, max: 1e13, nested: true,
    why: '10^13 tokens is about 40 TB of text, more than any knowledge base a RAG index holds', doc: 'corpus size given as { tokens: N }',
  },
  'knowledge.change_per_month': {
    kind: 'fraction', unit: 'fraction per month', default: 0, min: 0, max: 1, why: 'a share of the corpus', doc: 'share of the corpus rewritten each month',
  },
  'knowledge.publish_every': {
    kind: 'hours', unit: 'h', default: '1 week', min: 1 / 60, max: 87_600,
    why: 'each publish is a batch re-index, which takes longer than a minute; beyond ten years, the longest horizon, nothing is ever published',
    doc: 'how often changes go live',
  },
  'knowledge.indexing_time': {
    kind: 'hours', unit: 'h', default: '1 h', min: 0, max: 8760,
    why: 'a re-index that runs for more than a year never finishes within a publishing cycle', doc: 'time to re-embed and upsert a publish',
  },
  'knowledge.freshness_target': {
    kind: 'hours', unit: 'h', default: null, min: 0, max: 87_600,
    why: 'a target longer than the longest horizon, ten years, is no target', doc: 'how stale an answer may be (none = no target)',
  },
  'models.token_ratio': {
    kind: 'number', unit: 'ratio', default: 1, min: 0.1, max: 10,
    why: 'tokenizers differ from o200k_base by tens of percent, not tenfold; a ratio outside 0.1–10 is a unit mistake',
    doc: 'scales counted tokens for non-OpenAI tokenizers',
  },
  ...inlineModelFields(),
  'models.<model>.long_context.threshold_tokens': {
    kind: 'count', unit: 'tokens', min: 1, max: MODEL_FIELDS.context_window.max, integer: true, why: MODEL_FIELDS.context_window.why,
    doc: 'input tokens above which a request is billed at the tier prices', nested: true,
  },
  'models.<model>.long_context.<price>': {
    kind: 'usd', unit: 'USD per 1M tokens', min: 0, max: MODEL_FIELDS.input_usd_per_1m.max, why: WHY_PRICE_PER_1M,
    doc: 'a long-context tier price (input, output, cached input, cache write)', nested: true,
  },
  'models.<model>.ttft_ms': {
    kind: 'ms', unit: 'ms', min: 0, max: 600_000, why: WHY_LATENCY_MS, doc: 'median time to first token on a short prompt', nested: true,
  },
  'models.<model>.prefill_tokens_per_s': {
    kind: 'number', unit: 'tokens/s', min: 0.1, max: 1e6, why: WHY_SPEED, doc: 'per-request prefill speed', nested: true,
  },
  'models.<model>.output_tokens_per_s': {
    kind: 'number', unit: 'tokens/s', min: 0.1, max: 1e6, why: WHY_SPEED, doc: 'per-request decode speed', nested: true,
  },
  'models.<model>.cached_prefill_speedup': {
    kind: 'number', unit: 'ratio', min: 1, max: 1000, nested: true,
    why: 'a cached prefix is never slower than an uncached one; providers report 2–10× faster', doc: 'how many times faster cached prefix tokens prefill',
  },
  'retrieval.chunk_tokens': {
    kind: 'count', unit: 'tokens', default: 512, min: 1, max: 100_000, integer: true,
    why: 'embedding models read at most 32,000 tokens at once: voyage-3 32,000, OpenAI 8,191', doc: 'tokens per chunk',
  },
  'retrieval.chunk_overlap_tokens': {
    kind: 'count', unit: 'tokens', default: 64, min: 0, max: 99_999, integer: true,
    why: 'an overlap is shorter than its chunk', doc: 'overlap between chunks (less than chunk_tokens)',
  },
  'retrieval.top_k': {
    kind: 'count', unit: 'chunks', default: 6, min: 1, max: 1000, integer: true,
    why: 'a query retrieves at least one chunk; rerankers take at most 1,000 documents a call', doc: 'chunks retrieved per query',
  },
  'retrieval.rerank_candidates': {
    kind: 'count', unit: 'documents', default: null, min: 1, max: 10_000, integer: true,
    why: "Cohere's rerank API accepts at most 10,000 documents a request",
    doc: 'candidates the reranker reads: billed per token, or per search unit (Cohere: 100 documents each) (default 4 × top_k)',
  },
  'retrieval.metadata_bytes': {
    kind: 'count', unit: 'bytes', default: 1000, min: 0, max: 1_000_000, integer: true,
    why: 'Pinecone allows 40 KB of metadata per record; 1 MB is 25× that', doc: 'bytes stored per vector besides the vector',
  },
  'retrieval.embed_ms': { kind: 'ms', unit: 'ms', default: null, min: 0, max: 600_000, why: WHY_LATENCY_MS, doc: 'query-embedding latency (default: catalog)' },
  'retrieval.search_ms': { kind: 'ms', unit: 'ms', default: null, min: 0, max: 600_000, why: WHY_LATENCY_MS, doc: 'vector search latency (default: catalog)' },
  'retrieval.rerank_ms': { kind: 'ms', unit: 'ms', default: null, min: 0, max: 600_000, why: WHY_LATENCY_MS, doc: 'reranker latency (default: catalog)' },
  'retrieval.vector_store.<price>': {
    kind: 'usd', unit: 'USD (per month, per GB-month or per 1M units, as the key says)', min: 0, max: 10_000_000, nested: true,
    why: 'the dearest managed vector database plans cost thousands of dollars a month; $10M is no plan', doc: 'an inline vector store price (overrides the catalog)',
  },
  'retrieval.vector_store.search_ms': {
    kind: 'number', unit: 'ms', min: 0, max: 600_000, why: WHY_LATENCY_MS, doc: 'median search latency of an inline vector store', nested: true,
  },
  'fine_tuning.dataset.examples': {
    kind: 'count', unit: 'examples', min: 1, max: 1e8, integer: true, nested: true,
    why: 'a fine-tuning file holds at least one example; OpenAI caps a training file at 512 MB, about a million examples', doc: 'training examples, given as a count',
  },
  'fine_tuning.dataset.tokens_per_example': {
    kind: 'count', unit: 'tokens', min: 1, max: 1e7, nested: true,
    why: 'an example fits the tuned model\'s context window (at most 1M tokens today)', doc: 'tokens per training example, given as a count',
  },
  'fine_tuning.epochs': {
    kind: 'count', unit: 'epochs', default: 'auto', auto: true, min: 1, max: 50, integer: true,
    why: "OpenAI's fine-tuning API accepts 1–50 epochs", doc: '"auto" = OpenAI cookbook rule',
  },
  'fine_tuning.retrain_every': {
    kind: 'hours', unit: 'h', default: null, never: true, min: 1, max: 87_600,
    why: 'a retraining cadence shorter than a training job cannot happen, and no hosted job finishes in under an hour with its queue; beyond ten years it never retrains',
    doc: 'default: publish_every (fine_tuning; never without a knowledge base), 6 months (hybrid)',
  },
  'fine_tuning.curation_usd_per_example': {
    kind: 'usd', unit: 'USD per example', default: 0, min: 0, max: 10_000,
    why: 'expert annotation costs tens to hundreds of dollars an example; $10,000 an example is no dataset', doc: 'one-time curation cost per example',
  },
  'fine_tuning.hosting_usd_per_hour': {
    kind: 'usd', unit: 'USD per hour', default: null, min: 0, max: 10_000,
    why: 'hosted fine-tuned deployments cost $0–$100 an hour; $10,000 is a hundred 8-GPU nodes', doc: 'hosting fee of the tuned deployment (default: catalog, 0 on OpenAI)',
  },
  'fine_tuning.training_usd_per_1m': {
    kind: 'usd', unit: 'USD per 1M tokens', default: null, min: 0, max: 10_000, why: WHY_PRICE_PER_1M, doc: 'training price override',
  },
  'fine_tuning.training_hours': {
    kind: 'hours', unit: 'h', default: null, min: 0, max: 8760,
    why: 'hosted fine-tuning jobs take minutes to days; a job longer than a year never ends', doc: 'training job duration override',
  },
  'fine_tuning.input_usd_per_1m': { kind: 'usd', unit: 'USD per 1M tokens', default: null, min: 0, max: 10_000, why: WHY_PRICE_PER_1M, doc: 'fine-tuned input price override' },
  'fine_tuning.cached_input_usd_per_1m': { kind: 'usd', unit: 'USD per 1M tokens', default: null, min: 0, max: 10_000, why: WHY_PRICE_PER_1M, doc: 'fine-tuned cached input price override' },
  'fine_tuning.output_usd_per_1m': { kind: 'usd', unit: 'USD per 1M tokens', default: null, min: 0, max: 10_000, why: WHY_PRICE_PER_1M, doc: 'fine-tuned output price override' },
  'caching.hit_rate': {
    kind: 'fraction', unit: 'fraction', default: 'auto', auto: true, min: 0, max: 1, why: 'a share of the queries', doc: '"auto" = 1 − exp(−λ·ttl)',
  },
  'caching.ttl': {
    kind: 'seconds', unit: 's', default: '5 min', min: 0, max: 31_536_000,
    why: 'provider caches live minutes to a day, explicit caches longer at an hourly storage price; a year covers every one',
    doc: 'how long a cached prefix lives without a hit; where the provider sells lifetimes (Anthropic: 5 min, 1 h) one of those',
  },
  'one_time.usd_per_engineer_week': {
    kind: 'usd', unit: 'USD', default: 4000, min: 0, max: 1_000_000,
    why: 'a loaded engineer-week costs $2,000–$10,000; $1M a week is no salary', doc: 'loaded cost of an engineer-week',
  },
  'one_time.engineer_weeks.<kind>': {
    kind: 'number', unit: 'engineer-weeks', default: 0, min: 0, max: 10_000, why: WHY_BUILD_WEEKS, doc: 'build effort of a strategy kind',
  },
  'latency.network_ms': { kind: 'ms', unit: 'ms', default: 50, min: 0, max: 600_000, why: WHY_LATENCY_MS, doc: 'round trip to the provider' },
  'latency.spread.<component>': {
    kind: 'number', unit: 'p95/p50', default: null, min: 1, max: 50, why: WHY_SPREAD,
    doc: 'spread of a latency component (`default` for all; a bare number = default) (default: catalog)',
  },
  'latency.samples': {
    kind: 'count', unit: 'samples', default: 20000, min: 100, max: 1_000_000, integer: true,
    why: 'fewer than 100 samples give no p95; a million per strategy is the most a report needs, p99 to within 0.1%', doc: 'Monte Carlo samples',
  },
  'latency.seed': {
    kind: 'count', unit: 'seed', default: 1, min: 0, max: Number.MAX_SAFE_INTEGER, integer: true,
    why: 'the generator uses the seed exactly up to 2^53 − 1', doc: 'Monte Carlo seed',
  },
  'latency.slo_p95_ms': {
    kind: 'ms', unit: 'ms', default: null, min: 0, exclusiveMin: true, max: 86_400_000,
    why: 'a target of zero cannot be met; a target longer than a day is not a latency target', doc: 'end-to-end p95 target',
  },
  'latency.slo_ttft_p95_ms': {
    kind: 'ms', unit: 'ms', default: null, min: 0, exclusiveMin: true, max: 86_400_000,
    why: 'a target of zero cannot be met; a target longer than a day is not a latency target', doc: 'time-to-first-token p95 target',
  },
  'latency.rpm': {
    kind: 'count', unit: 'requests per minute', default: null, min: 0, exclusiveMin: true, max: MODEL_FIELDS.rpm.max,
    why: MODEL_FIELDS.rpm.why, doc: 'provider requests/minute limit (default: catalog)',
  },
  'latency.tpm': {
    kind: 'count', unit: 'tokens per minute', default: null, min: 0, exclusiveMin: true, max: MODEL_FIELDS.tpm.max,
    why: MODEL_FIELDS.tpm.why, doc: 'provider tokens/minute limit (default: catalog)',
  },
  'deployment.gpu_usd_per_hour': {
    kind: 'usd', unit: 'USD per GPU-hour', min: 0, max: 1000,
    why: 'an H100 rents for $2–$12 an hour; $1,000 an hour is no GPU', doc: 'GPU price (required for a deployment)',
  },
  'deployment.gpus_per_replica': {
    kind: 'count', unit: 'GPUs', default: 1, min: 1, max: 128, integer: true,
    why: 'a replica has at least one GPU; the largest serving domains (NVL72) hold 72', doc: 'GPUs per replica',
  },
  'deployment.concurrency_per_replica': {
    kind: 'count', unit: 'requests', default: 8, min: 1, max: 4096, integer: true,
    why: "vLLM batches 256 sequences by default; the queue model's work grows with replicas × concurrency", doc: 'concurrent requests per replica',
  },
  'deployment.replicas': {
    kind: 'count', unit: 'replicas', default: 'auto', auto: true, min: 1, max: 10_000, integer: true,
    why: "10,000 replicas is a hyperscaler's fleet; the queue model's work grows with replicas × concurrency", doc: '"auto" = fewest meeting the SLO at peak',
  },
  'deployment.prefill_tokens_per_s': {
    kind: 'number', unit: 'tokens/s', default: null, min: 0.1, max: 1e6, why: WHY_SPEED, doc: 'per-request prefill speed (default: the model profile)',
  },
  'deployment.output_tokens_per_s': {
    kind: 'number', unit: 'tokens/s', default: null, min: 0.1, max: 1e6, why: WHY_SPEED, doc: 'per-request decode speed (default: the model profile)',
  },
} as const satisfies Record<string, FieldRule>;

export type FieldPath = keyof typeof FIELDS;

/** The inline vector-store keys that are prices (the rest of a store entry is not overridable from a scenario). */
export const INLINE_STORE_PRICE_KEYS = [
  'monthly_usd', 'minimum_monthly_usd', 'storage_usd_per_gb_month', 'usd_per_1m_queries', 'read_unit_usd_per_1m', 'write_unit_usd_per_1m',
] as const;

/**
 * Defaults of the fields that are not numbers (choices of model, store, dataset …), declared
 * once with their meaning; normalize.ts applies them and the README lists them.
 */
export const DEFAULT_GENERATOR = 'gpt-4.1-mini';
export const DEFAULT_EMBEDDING = 'text-embedding-3-small';
export const DEFAULT_VECTOR_STORE = 'pinecone-serverless';
/** Examples in the default fine-tuning dataset (each system + query + output tokens). */
export const DEFAULT_TRAINING_EXAMPLES = 1000;

export const OTHER_DEFAULTS: readonly { path: string; default: string; doc: string }[] = [
  { path: 'models.generator', default: DEFAULT_GENERATOR, doc: 'catalog id, or an inline price object' },
  { path: 'models.embedding', default: DEFAULT_EMBEDDING, doc: '`none` to disable' },
  { path: 'models.reranker', default: 'none', doc: 'a catalog rerank model' },
  { path: 'retrieval.vector_store', default: DEFAULT_VECTOR_STORE, doc: 'catalog id, or an inline price object' },
  {
    path: 'fine_tuning.dataset',
    default: `${formatDecimal(DEFAULT_TRAINING_EXAMPLES)} examples × (system + query + output tokens)`,
    doc: 'what the tuned model sees per call',
  },
  { path: 'caching.enabled', default: 'true', doc: '' },
  { path: 'caching.mode', default: 'implicit', doc: '`explicit`: a kept cache billed for storage per token-hour (Gemini)' },
  { path: 'prompt.reasoning', default: "the catalog's figure", doc: '`{ tokens: N }` or `{ effort: NAME }`; unknown where the catalog has none' },
  { path: 'start_month', default: 'the month after today', doc: 'label of month 1' },
  { path: 'strategies', default: 'the four kinds, each `{}`', doc: '' },
];

/** The keys a placeholder at the end of a path stands for. */
const EXPANSIONS: Partial<Record<FieldPath, readonly string[]>> = {
  'models.<model>.long_context.<price>': TIER_PRICE_FIELDS,
  'retrieval.vector_store.<price>': INLINE_STORE_PRICE_KEYS,
  'latency.spread.<component>': SPREAD_COMPONENTS,
  'one_time.engineer_weeks.<kind>': ENGINEER_WEEKS_KEYS,
};

/**
 * The keys of the numeric fields directly under `prefix` (a mapping of the schema, written
 * with the table's placeholders, e.g. "models.<model>"), each with the table path of its rule.
 */
export function fieldsUnder(prefix: string): [key: string, path: FieldPath][] {
  const out: [string, FieldPath][] = [];
  for (const path of Object.keys(FIELDS) as FieldPath[]) {
    if (prefix !== '' && !path.startsWith(`${prefix}.`)) continue;
    const rest = prefix === '' ? path : path.slice(prefix.length + 1);
    if (rest.includes('.')) continue;
    const keys = rest.startsWith('<') ? EXPANSIONS[path] : [rest];
    for (const key of keys ?? []) out.push([key, path]);
  }
  return out;
}
