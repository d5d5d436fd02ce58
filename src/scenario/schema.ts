/**
 * The scenario "as written" (SPEC §1): what a person types in a YAML or JSON file.
 * This zod schema is the single source of truth for the file's structure; `costsim schema`
 * prints the JSON Schema generated from it. It checks shape only: numeric fields are kept
 * as written (a number, "20k", "3%", "2 days" or a formula over vars) and are evaluated,
 * range-checked and defaulted by normalize.ts, using the field table in fields.ts.
 */
import { z } from 'zod';

/** A number, an SI value ("20k"), a percentage ("3%"), a duration ("2 days") or a formula over vars. */
export const Value = z
  .union([z.number(), z.string()], {
    error: 'expected a number, a value like "20k", "3%" or "2 days", or a formula over vars',
  })
  .meta({ description: 'A number, "20k"/"1.5M", "3%", a duration ("250 ms", "2 days", "1 month" = 730 h) or a formula over vars.' });

const tokenSourceError = 'expected a token source: { tokens: N }, { text: "..." } or { file: path }';

/** A piece of the prompt: a token count, literal text, or a text file counted with the model's tokenizer. */
export const TokenSource = z.union(
  [
    z.strictObject({ tokens: Value }),
    z.strictObject({ text: z.string() }),
    z.strictObject({ file: z.string().min(1) }),
  ],
  { error: tokenSourceError },
);

/** The knowledge corpus: a token count, text, one file, or a folder of files (counted). */
export const CorpusSource = z.union(
  [
    z.strictObject({ tokens: Value }),
    z.strictObject({ text: z.string() }),
    z.strictObject({ file: z.string().min(1) }),
    z.strictObject({ dir: z.string().min(1), include: z.array(z.string().min(1)).optional() }),
  ],
  { error: 'expected a corpus: { tokens: N }, { text: "..." }, { file: path } or { dir: path, include: [globs] }' },
);

export const Dataset = z.union(
  [
    z.strictObject({ examples: Value, tokens_per_example: Value.optional() }),
    z.strictObject({ file: z.string().min(1) }),
  ],
  { error: 'expected a dataset: { examples: N, tokens_per_example: N } or { file: data.jsonl }' },
);

const LongContextInline = z.strictObject({
  threshold_tokens: Value,
  input_usd_per_1m: Value.optional(),
  output_usd_per_1m: Value.optional(),
  cached_input_usd_per_1m: Value.optional(),
  cache_write_usd_per_1m: Value.optional(),
  cache_write_1h_usd_per_1m: Value.optional(),
});

/** An inline model: a private model's prices, or a catalog id with overrides. */
export const ModelInline = z.strictObject({
  id: z.string().min(1),
  input_usd_per_1m: Value.optional(),
  output_usd_per_1m: Value.optional(),
  cached_input_usd_per_1m: Value.optional(),
  cache_write_usd_per_1m: Value.optional(),
  batch_input_usd_per_1m: Value.optional(),
  batch_output_usd_per_1m: Value.optional(),
  batch_cached_input_usd_per_1m: Value.optional(),
  cache_write_1h_usd_per_1m: Value.optional(),
  cache_storage_usd_per_1m_per_hour: Value.optional(),
  long_context: LongContextInline.optional(),
  context_window: Value.optional(),
  max_output_tokens: Value.optional(),
  total_window_tokens: Value.optional(),
  reasoning: z.enum(['always', 'default', 'on_request', 'none']).optional(),
  min_cacheable_tokens: Value.optional(),
  encoding: z.enum(['o200k_base', 'cl100k_base']).optional(),
  dimensions: Value.optional(),
  usd_per_search: Value.optional(),
  rpm: Value.optional(),
  tpm: Value.optional(),
  // latency (SPEC §5)
  ttft_ms: Value.optional(),
  prefill_tokens_per_s: Value.optional(),
  output_tokens_per_s: Value.optional(),
  cached_prefill_speedup: Value.optional(),
});

export const ModelRef = z.union([z.string().min(1), ModelInline], {
  error: 'expected a catalog model id (e.g. "gpt-4.1-mini") or an object with an id and prices',
});

export const VectorStoreInline = z.strictObject({
  id: z.string().min(1),
  monthly_usd: Value.optional(),
  minimum_monthly_usd: Value.optional(),
  storage_usd_per_gb_month: Value.optional(),
  usd_per_1m_queries: Value.optional(),
  read_unit_usd_per_1m: Value.optional(),
  write_unit_usd_per_1m: Value.optional(),
  search_ms: Value.optional(),
});

export const VectorStoreRef = z.union([z.string().min(1), VectorStoreInline], {
  error: 'expected a catalog vector-store id (e.g. "pinecone-serverless") or an object with an id and prices',
});

const Workload = z.strictObject({
  queries_per_month: Value,
  growth_per_month: Value.optional(),
  peak_to_average: Value.optional(),
  batch_share: Value.optional(),
});

/** Hidden reasoning per query: a token count, or a named effort the catalog maps to tokens. */
const Reasoning = z.union([z.strictObject({ tokens: Value }), z.strictObject({ effort: z.string().min(1) })], {
  error: 'expected { tokens: N } or { effort: NAME } (e.g. minimal, low, medium, default)',
});

const Prompt = z.strictObject({
  system: TokenSource.optional(),
  instructions: TokenSource.optional(),
  examples: TokenSource.optional(),
  query: TokenSource,
  output: TokenSource,
  reasoning: Reasoning.optional(),
});

const Knowledge = z.strictObject({
  corpus: CorpusSource.optional(),
  change_per_month: Value.optional(),
  publish_every: Value.optional(),
  indexing_time: Value.optional(),
  freshness_target: Value.optional(),
});

const Models = z.strictObject({
  generator: ModelRef.optional(),
  embedding: ModelRef.optional(),
  reranker: ModelRef.optional(),
  token_ratio: Value.optional(),
});

const Retrieval = z.strictObject({
  chunk_tokens: Value.optional(),
  chunk_overlap_tokens: Value.optional(),
  top_k: Value.optional(),
  rerank_candidates: Value.optional(),
  vector_store: VectorStoreRef.optional(),
  metadata_bytes: Value.optional(),
  embed_ms: Value.optional(),
  search_ms: Value.optional(),
  rerank_ms: Value.optional(),
});

const FineTuning = z.strictObject({
  dataset: Dataset.optional(),
  epochs: Value.optional().meta({ description: '"auto" (the OpenAI cookbook rule) or a whole number' }),
  retrain_every: Value.optional().meta({ description: 'A duration, or "never"' }),
  curation_usd_per_example: Value.optional(),
  hosting_usd_per_hour: Value.optional(),
  // Prices for a generator the catalog has no fine-tuning entry for (or overrides of one).
  training_usd_per_1m: Value.optional(),
  training_hours: Value.optional(),
  input_usd_per_1m: Value.optional(),
  cached_input_usd_per_1m: Value.optional(),
  output_usd_per_1m: Value.optional(),
});

const Caching = z.strictObject({
  enabled: z.boolean().optional(),
  hit_rate: Value.optional().meta({ description: '"auto" (SPEC §4.3) or a fraction' }),
  ttl: Value.optional(),
  mode: z.enum(['implicit', 'explicit']).optional().meta({ description: 'implicit (default): the provider caches prefixes it sees; explicit: a cache you create and keep (Gemini context caching), billed for storage per token-hour' }),
});

const OneTime = z.strictObject({
  usd_per_engineer_week: Value.optional(),
  engineer_weeks: z
    .strictObject({
      prompt_only: Value.optional(),
      rag: Value.optional(),
      fine_tuning: Value.optional(),
      hybrid: Value.optional(),
    })
    .optional(),
});

const SpreadComponents = z.strictObject({
  default: Value.optional(),
  network: Value.optional(),
  embed: Value.optional(),
  search: Value.optional(),
  rerank: Value.optional(),
  prefill: Value.optional(),
  reasoning: Value.optional(),
  decode: Value.optional(),
  queue: Value.optional(),
});

const Latency = z.strictObject({
  network_ms: Value.optional(),
  spread: z.union([Value, SpreadComponents], { error: 'expected a spread (p95/p50, e.g. 1.8) or a map { default: 1.8, prefill: 2.5 }' }).optional(),
  samples: Value.optional(),
  seed: Value.optional(),
  slo_p95_ms: Value.optional(),
  slo_ttft_p95_ms: Value.optional(),
  rpm: Value.optional(),
  tpm: Value.optional(),
});

const Deployment = z.strictObject({
  kind: z.literal('self_hosted'),
  gpu_usd_per_hour: Value,
  gpus_per_replica: Value.optional(),
  concurrency_per_replica: Value.optional(),
  replicas: Value.optional().meta({ description: '"auto" (fewest replicas meeting the SLO at peak) or a whole number' }),
  prefill_tokens_per_s: Value.optional(),
  output_tokens_per_s: Value.optional(),
});

/** The sections a strategy variant may override. */
export const SECTION_SCHEMAS = {
  horizon_months: Value.optional(),
  start_month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'expected a month like "2027-01"' }).optional(),
  workload: Workload,
  prompt: Prompt,
  knowledge: Knowledge.optional(),
  models: Models.optional(),
  retrieval: Retrieval.optional(),
  fine_tuning: FineTuning.optional(),
  caching: Caching.optional(),
  one_time: OneTime.optional(),
  latency: Latency.optional(),
  deployment: Deployment.optional(),
};

export const STRATEGY_KIND_VALUES = ['prompt_only', 'rag', 'fine_tuning', 'hybrid'] as const;

/** A strategy entry: `{}` for a kind by its own name, or a named variant with `kind` and overrides. */
export const StrategyEntry = z.strictObject({
  kind: z.enum(STRATEGY_KIND_VALUES).optional(),
  knowledge: z
    .union([z.enum(['full', 'none']), Knowledge.partial()], {
      error: 'expected "full" or "none" (prompt_only), or a knowledge section override',
    })
    .optional(),
  horizon_months: Value.optional(),
  workload: Workload.partial().optional(),
  prompt: Prompt.partial().optional(),
  models: Models.optional(),
  retrieval: Retrieval.optional(),
  fine_tuning: FineTuning.optional(),
  caching: Caching.optional(),
  one_time: OneTime.optional(),
  latency: Latency.optional(),
  deployment: Deployment.optional(),
});

export const ScenarioFileSchema = z.strictObject({
  version: z.literal(1, { error: 'expected version: 1' }),
  name: z.string({ error: 'expected a name (text)' }).min(1, { error: 'the name must not be empty' }),
  description: z.string().optional(),
  vars: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), Value).optional(),
  ...SECTION_SCHEMAS,
  strategies: z.record(z.string().regex(/^[A-Za-z0-9_.-]+$/, { error: 'a strategy id uses letters, digits, "_", "-" and "."' }), StrategyEntry).optional(),
});

export type ScenarioFile = z.infer<typeof ScenarioFileSchema>;
export type TokenSourceInput = z.infer<typeof TokenSource>;
export type CorpusSourceInput = z.infer<typeof CorpusSource>;
export type ModelRefInput = z.infer<typeof ModelRef>;
export type VectorStoreRefInput = z.infer<typeof VectorStoreRef>;
export type StrategyEntryInput = z.infer<typeof StrategyEntry>;

/** The JSON Schema for editors (`costsim schema`), generated from the zod schema. */
export function scenarioJsonSchema(): unknown {
  return z.toJSONSchema(ScenarioFileSchema, { target: 'draft-2020-12' });
}

/**
 * The keys a mapping at `path` may hold, for "did you mean" hints on unknown keys.
 * Walks the zod schema (the scenario's, or `root`: the policy file's) by path, through
 * optionals, records, lists and unions of objects.
 */
export function knownKeysAt(path: (string | number)[], root: z.ZodType = ScenarioFileSchema): string[] {
  let nodes: z.ZodType[] = [root];
  for (const segment of path) {
    const next: z.ZodType[] = [];
    for (const node of nodes.flatMap(unwrap)) {
      if (node instanceof z.ZodObject) {
        const child = (node.shape as Record<string, z.ZodType>)[String(segment)];
        if (child) next.push(child);
      } else if (node instanceof z.ZodRecord) {
        next.push(node.valueType as z.ZodType);
      } else if (node instanceof z.ZodArray) {
        next.push(node.element as z.ZodType);
      }
    }
    nodes = next;
  }
  const keys = new Set<string>();
  for (const node of nodes.flatMap(unwrap)) {
    if (node instanceof z.ZodObject) for (const k of Object.keys(node.shape)) keys.add(k);
  }
  return [...keys];
}

function unwrap(node: z.ZodType): z.ZodType[] {
  if (node instanceof z.ZodOptional || node instanceof z.ZodNullable) return unwrap(node.unwrap() as z.ZodType);
  if (node instanceof z.ZodUnion) return (node.options as z.ZodType[]).flatMap(unwrap);
  return [node];
}
