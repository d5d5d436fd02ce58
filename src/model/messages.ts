/**
 * Every note the cost model attaches to a strategy, in one place (vega-lite's log/message.ts),
 * so wording stays consistent and tests can match codes.
 */
import type { Note } from './types.js';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const usd = (n: number) => `$${n.toLocaleString('en-US', { maximumFractionDigits: 4 })}`;

export const notes = {
  contextExceeded: (model: string, input: number, output: number, reasoning: number, window: number): Note => ({
    code: 'context_exceeded',
    message: `infeasible: ${fmt(input)} input + ${fmt(output)} output${reasoning > 0 ? ` + ${fmt(reasoning)} reasoning` : ''} tokens = ${fmt(input + output + reasoning)} exceed ${model}'s context window of ${fmt(window)} tokens`,
  }),
  inputLimitExceeded: (model: string, input: number, limit: number): Note => ({
    code: 'input_limit_exceeded',
    message: `infeasible: ${fmt(input)} input tokens exceed ${model}'s input limit of ${fmt(limit)} tokens`,
  }),
  maxOutputExceeded: (model: string, output: number, reasoning: number, max: number): Note => ({
    code: 'max_output_exceeded',
    message:
      reasoning > 0
        ? `infeasible: ${fmt(output)} output + ${fmt(reasoning)} reasoning tokens = ${fmt(output + reasoning)} exceed ${model}'s output limit of ${fmt(max)} tokens`
        : `infeasible: ${fmt(output)} output tokens exceed ${model}'s output limit of ${fmt(max)} tokens`,
  }),
  reasoningUnknown: (model: string): Note => ({
    code: 'reasoning_unknown',
    message: `${model} reasons before it answers, and the catalog has no figure for how many tokens: its reasoning is unpriced (give prompt.reasoning: { tokens: N } or { effort: NAME })`,
  }),
  reasoningTokens: (model: string, tokens: number, how: string): Note => ({
    code: 'reasoning_tokens',
    message: `${model} reasons with ${fmt(tokens)} hidden tokens per query, billed as output and decoded before the first visible token: ${how}`,
  }),
  contextUnknown: (model: string): Note => ({
    code: 'context_window_unknown',
    message: `${model}'s context window is unknown; whether the prompt fits was not checked`,
  }),
  longContextTier: (model: string, input: number, threshold: number): Note => ({
    code: 'long_context_tier',
    message: `${fmt(input)} input tokens exceed ${model}'s ${fmt(threshold)}-token threshold: every token of the request is billed at the long-context tier`,
  }),
  cachingBelowMinimum: (prefix: number, min: number): Note => ({
    code: 'cache_prefix_too_short',
    message: `the static prefix (${fmt(prefix)} tokens) is shorter than the ${fmt(min)} tokens the provider caches: no caching discount`,
  }),
  cacheMinimumAssumed: (model: string, min: number): Note => ({
    code: 'cache_minimum_assumed',
    message: `${model} states no minimum cacheable prompt; ${fmt(min)} tokens assumed (OpenAI's rule)`,
  }),
  noCachePrice: (model: string): Note => ({
    code: 'no_cache_price',
    message: `${model} has no known cached-input price: the static prefix is billed as ordinary input`,
  }),
  noBatchPrice: (model: string, share: number): Note => ({
    code: 'no_batch_price',
    message: `${model} has no known batch price: the ${(share * 100).toFixed(1)}% batch share is billed at standard prices`,
  }),
  unpriced: (names: string[]): Note => ({
    code: 'unpriced',
    message: `could not be priced — unknown price for: ${names.join('; ')}`,
  }),
  noFineTuning: (model: string): Note => ({
    code: 'no_fine_tuning_entry',
    message: `infeasible: the catalog has no fine-tuning prices for ${model}; give fine_tuning.training_usd_per_1m and the fine-tuned input/output prices in the scenario to model it`,
  }),
  fewExamples: (examples: number): Note => ({
    code: 'few_training_examples',
    message: `${fmt(examples)} training examples: common guidance is 500–1,000 at least, and a smaller set tends to disappoint`,
  }),
  epochsAuto: (examples: number, epochs: number): Note => ({
    code: 'epochs_auto',
    message: `epochs auto: ${epochs} for ${fmt(examples)} examples (OpenAI cookbook rule)`,
  }),
  noCorpus: (): Note => ({
    code: 'no_corpus',
    message: 'the scenario has no knowledge corpus: retrieval has nothing to index, so only the query embedding and search are priced',
  }),
  neverSeesCorpus: (): Note => ({
    code: 'never_sees_corpus',
    message: 'prompt_only with knowledge: none never sees the corpus, so it cannot answer from it: misses the freshness target',
  }),
  neverRetrained: (): Note => ({
    code: 'never_retrained',
    message: 'retrain_every: never — the weights never learn corpus changes: misses the freshness target',
  }),
  freshnessMissed: (hours: number, target: number): Note => ({
    code: 'freshness_missed',
    message: `misses the freshness target: answers may be up to ${fmt(hours)} h stale, the target is ${fmt(target)} h`,
  }),
  approximateTokens: (model: string): Note => ({
    code: 'approximate_tokens',
    message: `${model} does not use an OpenAI tokenizer: token counts are an o200k_base approximation scaled by models.token_ratio`,
  }),
  vectorStoreOverCapacity: (store: string, vectors: number, capacity: number): Note => ({
    code: 'vector_store_over_capacity',
    message: `${fmt(vectors)} vectors exceed the ${fmt(capacity)} that ${store} is sized for; latency will degrade (choose a larger plan)`,
  }),
  storeMinimum: (store: string, minimum: number): Note => ({
    code: 'vector_store_minimum',
    message: `${store} bills at least ${usd(minimum)} a month: months whose usage is below it are topped up`,
  }),
  selfHosted: (): Note => ({
    code: 'self_hosted',
    message: 'self-hosted deployment: inference is billed as GPU-hours (hosting), not per token',
  }),
  latencyUnknown: (model: string): Note => ({
    code: 'latency_unknown',
    message: `no latency profile for ${model}: latency is unknown (give ttft_ms, prefill_tokens_per_s and output_tokens_per_s in models.generator)`,
  }),
};

/** Note codes that mean "misses a target" (freshness, latency SLOs, rate limits). */
export const TARGET_MISS_CODES: ReadonlySet<string> = new Set([
  'freshness_missed',
  'never_sees_corpus',
  'never_retrained',
  'latency_slo_missed',
  'latency_ttft_slo_missed',
  'rate_limit_exceeded',
  'deployment_overloaded',
  'deployment_slo_unreachable',
]);

/** Note codes that make a strategy infeasible. */
export const INFEASIBLE_CODES: ReadonlySet<string> = new Set([
  'context_exceeded',
  'input_limit_exceeded',
  'max_output_exceeded',
  'no_fine_tuning_entry',
  'deployment_overloaded',
]);
