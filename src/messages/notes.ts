/**
 * Every note the model attaches to a strategy — cost, fine-tuning, retrieval, latency, targets —
 * in one catalog (vega-lite's log/message.ts), with one voice: a lowercase clause, no closing
 * period, details after a colon, the fix after "—" or a semicolon. Numbers are formatted by
 * src/format.ts. A note's code is typed (NoteCode): a code that is not in this catalog does not
 * compile.
 */
import { formatCompact, formatCount, formatHours, formatMs, formatPercent, formatPrice, formatQuantity, formatUsd, formatUsdPrecise } from '../format.js';
import type { Note } from '../model/types.js';
import type { FreshnessLevers } from '../model/strategies/strategy.js';

/*
 * What it would take to meet a missed target, computed from the model's own figures (issue 11:
 * a miss says which input would meet it and by how much). The fix follows "—".
 */

/** A cadence as the advice gives it: whole hours, rounded down so that following it meets the target. */
function cadence(hours: number): string {
  return hours >= 1 ? `${formatCount(Math.floor(hours))} h` : `${formatCount(Math.max(1, Math.floor(hours * 60)))} min`;
}

/** ` — publish at least every 23 h (knowledge.publish_every), since indexing takes 1 h`, or why no cadence can. */
function freshnessFix(levers: FreshnessLevers | undefined, target: number): string {
  if (levers === undefined) return '';
  const { job } = levers;
  const allowed = target - job.hours;
  if (allowed <= 0) return ` — ${job.name} alone takes ${formatHours(job.hours)}, so no cadence meets it: a faster ${job.name === 'indexing' ? 'indexing pipeline (knowledge.indexing_time)' : 'job'} or a looser target`;
  const tooSlow = levers.intervals.filter((i) => i.hours > allowed);
  if (tooSlow.length === 0) return '';
  const verbs = tooSlow.map((i) => (i.path === 'fine_tuning.retrain_every' ? 'retrain' : 'publish'));
  return ` — ${verbs.join(' and ')} at least every ${cadence(allowed)} (${tooSlow.map((i) => i.path).join(', ')})${job.hours > 0 ? `, since ${job.name} takes ${formatHours(job.hours)}` : ''}`;
}

/** What shortens each latency component most directly. */
const COMPONENT_FIX: Readonly<Record<string, string>> = {
  decode: 'fewer output tokens (prompt.output) or a faster model',
  prefill: 'a shorter prompt or a faster model',
  reasoning: 'less reasoning (prompt.reasoning) or a model that does not reason',
  queue: 'more replicas (deployment.replicas) or a lower peak',
  network: 'a nearer region (latency.network_ms)',
  embed: 'a faster embedding model',
  search: 'a faster vector store (retrieval.search_ms)',
  rerank: 'no reranker, or fewer candidates (retrieval.rerank_candidates)',
};

/** The component that weighs most in the median latency, and its share of it (0–1). */
export interface LatencyShare {
  component: string;
  share: number;
}

/** ` — the p95 needs 1,105 ms less and decode is 74% of the median: fewer output tokens or a faster model`. */
function latencyFix(measured: number, target: number, largest: LatencyShare | null, what: string): string {
  const less = ` — the ${what} needs ${formatMs(Math.ceil(measured - target))} less`;
  if (largest === null) return less;
  const fix = COMPONENT_FIX[largest.component];
  return `${less} and ${largest.component} is ${formatPercent(Math.round(largest.share * 100) / 100)} of the median${fix ? `: ${fix}` : ''}`;
}

/** The code of every note, by builder name. */
export const NOTE = {
  contextExceeded: 'context_exceeded',
  maxOutputExceeded: 'max_output_exceeded',
  inputLimitExceeded: 'input_limit_exceeded',
  reasoningUnknown: 'reasoning_unknown',
  reasoningTokens: 'reasoning_tokens',
  latencyReasoningUnknown: 'latency_reasoning_unknown',
  contextUnknown: 'context_window_unknown',
  longContextTier: 'long_context_tier',
  cachingBelowMinimum: 'cache_prefix_too_short',
  cacheMinimumAssumed: 'cache_minimum_assumed',
  noCachePrice: 'no_cache_price',
  noBatchPrice: 'no_batch_price',
  batchCostsMore: 'batch_costs_more',
  unpriced: 'unpriced',
  noFineTuning: 'no_fine_tuning_entry',
  fewExamples: 'few_training_examples',
  epochsAuto: 'epochs_auto',
  datasetSmallerThanCorpus: 'dataset_smaller_than_corpus',
  noCorpus: 'no_corpus',
  neverSeesCorpus: 'never_sees_corpus',
  neverRetrained: 'never_retrained',
  freshnessMissed: 'freshness_missed',
  approximateTokens: 'approximate_tokens',
  vectorStoreOverCapacity: 'vector_store_over_capacity',
  storeMinimum: 'vector_store_minimum',
  selfHosted: 'self_hosted',
  noProfile: 'latency_no_profile',
  searchUnknown: 'latency_search_unknown',
  profileWeak: 'latency_profile_weak',
  spreadAssumed: 'latency_spread_assumed',
  allBatch: 'latency_all_batch',
  sloMissed: 'latency_slo_missed',
  ttftSloMissed: 'latency_ttft_slo_missed',
  sloUnchecked: 'latency_slo_unchecked',
  rateLimitExceeded: 'rate_limit_exceeded',
  rateLimitUnknown: 'rate_limit_unknown',
  deploymentOverloaded: 'deployment_overloaded',
  replicasSized: 'deployment_replicas_sized',
  replicasNoSlo: 'deployment_replicas_no_slo',
  replicasSloUnreachable: 'deployment_slo_unreachable',
  replicasCapped: 'deployment_replicas_capped',
  deploymentTooLarge: 'deployment_too_large',
  // Implausible together (src/model/plausibility.ts builds these, with the input it names).
  implausibleGrowth: 'implausible_growth',
  implausibleVolume: 'implausible_volume',
  implausibleTotal: 'implausible_total',
  implausibleScale: 'implausible_scale',
} as const;

export type NoteCode = (typeof NOTE)[keyof typeof NOTE];

const note = (code: NoteCode, message: string): Note => ({ code, message });

const worded = {
  // Inference: context, tiers, caching, batch.
  contextExceeded: (model: string, input: number, output: number, reasoning: number, window: number) =>
    note(
      NOTE.contextExceeded,
      `infeasible: ${formatCount(input)} input + ${formatCount(output)} output${reasoning > 0 ? ` + ${formatCount(reasoning)} reasoning` : ''} tokens = ${formatCount(input + output + reasoning)} exceed ${model}'s context window of ${formatCount(window)} tokens — ` +
        `${formatCount(input + output + reasoning - window)} tokens fewer would fit (retrieve what a query needs instead of sending it all), or a model whose window holds ${formatCount(input + output + reasoning)}`,
    ),
  inputLimitExceeded: (model: string, input: number, limit: number) =>
    note(
      NOTE.inputLimitExceeded,
      `infeasible: ${formatCount(input)} input tokens exceed ${model}'s input limit of ${formatCount(limit)} tokens — ${formatCount(input - limit)} tokens fewer would fit, or a model whose input limit is at least ${formatCount(input)}`,
    ),
  maxOutputExceeded: (model: string, output: number, reasoning: number, max: number) =>
    note(
      NOTE.maxOutputExceeded,
      (reasoning > 0
        ? `infeasible: ${formatCount(output)} output + ${formatCount(reasoning)} reasoning tokens = ${formatCount(output + reasoning)} exceed ${model}'s output limit of ${formatCount(max)} tokens`
        : `infeasible: ${formatCount(output)} output tokens exceed ${model}'s output limit of ${formatCount(max)} tokens`) +
        ` — ${formatCount(output + reasoning - max)} tokens fewer (prompt.output${reasoning > 0 ? ', prompt.reasoning' : ''}) or a model whose output limit is at least ${formatCount(output + reasoning)}`,
    ),
  reasoningUnknown: (model: string) =>
    note(NOTE.reasoningUnknown, `${model} reasons before it answers, and the catalog has no figure for how many tokens: its reasoning is unpriced — give prompt.reasoning: { tokens: N } or { effort: NAME }`),
  reasoningTokens: (model: string, tokens: number, how: string) =>
    note(NOTE.reasoningTokens, `${model} reasons with ${formatCount(tokens)} hidden tokens per query, billed as output and decoded before the first visible token: ${how}`),
  latencyReasoningUnknown: (model: string) =>
    note(NOTE.latencyReasoningUnknown, `${model} reasons before its first token and how many tokens is unknown: latency is unknown — give prompt.reasoning: { tokens: N }`),
  contextUnknown: (model: string) => note(NOTE.contextUnknown, `${model}'s context window is unknown; whether the prompt fits was not checked`),
  longContextTier: (model: string, input: number, threshold: number) =>
    note(NOTE.longContextTier, `${formatCount(input)} input tokens exceed ${model}'s ${formatCount(threshold)}-token threshold: every token of the request is billed at the long-context tier`),
  cachingBelowMinimum: (prefix: number, min: number) =>
    note(NOTE.cachingBelowMinimum, `the static prefix (${formatCount(prefix)} tokens) is shorter than the ${formatCount(min)} tokens the provider caches: no caching discount`),
  cacheMinimumAssumed: (model: string, min: number) =>
    note(NOTE.cacheMinimumAssumed, `${model} states no minimum cacheable prompt; ${formatCount(min)} tokens assumed (OpenAI's rule)`),
  noCachePrice: (model: string) => note(NOTE.noCachePrice, `${model} has no known cached-input price: the static prefix is billed as ordinary input`),
  noBatchPrice: (model: string, share: number) =>
    note(NOTE.noBatchPrice, `${model} has no known batch price: the ${formatPercent(share)} batch share is billed at standard prices`),
  batchCostsMore: (model: string, prefix: number, batchInput: number, cacheRead: number, batchQuery: number, interactiveQuery: number) =>
    note(
      NOTE.batchCostsMore,
      `batch costs more than interactive here: ${model} has no batch cached-input price, so in batch its ${formatCount(prefix)}-token cached prefix pays batch input (${formatPrice(batchInput)}/1M) instead of the cache read (${formatPrice(cacheRead)}/1M), a discount lost that outweighs the batch discount gained: ${formatUsdPrecise(batchQuery)} per batch query against ${formatUsdPrecise(interactiveQuery)} interactive — keep this traffic interactive, or choose a model with a batch cached-input price`,
    ),
  unpriced: (names: string[]) => note(NOTE.unpriced, `could not be priced — unknown price for: ${names.join('; ')}`),
  approximateTokens: (model: string) =>
    note(NOTE.approximateTokens, `${model} does not use an OpenAI tokenizer: token counts are an o200k_base approximation scaled by models.token_ratio`),
  selfHosted: () => note(NOTE.selfHosted, 'self-hosted deployment: inference is billed as GPU-hours (hosting), not per token'),

  // Fine-tuning.
  noFineTuning: (model: string) =>
    note(NOTE.noFineTuning, `infeasible: the catalog has no fine-tuning prices for ${model}; give fine_tuning.training_usd_per_1m and the fine-tuned input/output prices in the scenario to model it`),
  fewExamples: (examples: number) =>
    note(NOTE.fewExamples, `${formatCount(examples)} training examples: common guidance is 500–1,000 at least, and a smaller set tends to disappoint`),
  epochsAuto: (examples: number, epochs: number) => note(NOTE.epochsAuto, `epochs auto: ${epochs} for ${formatCount(examples)} examples (OpenAI cookbook rule)`),
  datasetSmallerThanCorpus: (dataset: number, corpus: number) =>
    note(
      NOTE.datasetSmallerThanCorpus,
      `the fine-tuning dataset (${formatCompact(dataset)} tokens an epoch) is smaller than the ${formatCompact(corpus)}-token corpus the weights must carry: ` +
        `at least ${formatCompact(corpus - dataset)} corpus tokens are never trained on, and fine-tuning learns new facts slowly and less reliably than retrieval (docs/model.md §6.7) — ` +
        `rag or hybrid for knowledge, fine-tuning for behaviour`,
    ),

  // Retrieval.
  noCorpus: () => note(NOTE.noCorpus, 'the scenario has no knowledge corpus: retrieval has nothing to index, so only the query embedding and search are priced'),
  vectorStoreOverCapacity: (store: string, vectors: number, capacity: number) =>
    note(NOTE.vectorStoreOverCapacity, `${formatCount(vectors)} vectors exceed the ${formatCount(capacity)} that ${store} is sized for; latency will degrade (choose a larger plan)`),
  storeMinimum: (store: string, minimum: number) =>
    note(NOTE.storeMinimum, `${store} bills at least ${formatUsd(minimum)} a month: months whose usage is below it are topped up`),

  // Freshness.
  neverSeesCorpus: () => note(NOTE.neverSeesCorpus, 'prompt_only with knowledge: none never sees the corpus, so it cannot answer from it: misses the freshness target'),
  neverRetrained: () => note(NOTE.neverRetrained, 'retrain_every: never — the weights never learn corpus changes: misses the freshness target'),
  freshnessMissed: (hours: number, target: number, levers?: FreshnessLevers) =>
    note(NOTE.freshnessMissed, `misses the freshness target: answers may be up to ${formatCount(hours)} h stale, the target is ${formatCount(target)} h${freshnessFix(levers, target)}`),

  // Latency.
  noProfile: (model: string) =>
    note(NOTE.noProfile, `no latency profile for ${model}: latency is unknown — give ttft_ms, prefill_tokens_per_s and output_tokens_per_s on models.generator to project it`),
  searchUnknown: (store: string) =>
    note(NOTE.searchUnknown, `the catalog has no search latency for vector store ${store}: latency is unknown — set retrieval.search_ms to project it`),
  profileWeak: (model: string, source: string) =>
    note(NOTE.profileWeak, `latency figures for ${model} rest on secondary sources only (${source}); treat them as a plausible range`),
  spreadAssumed: (components: readonly string[]) =>
    note(NOTE.spreadAssumed, `no spread known for ${components.join(', ')}: taken as 1, i.e. no variance — set latency.spread to model it`),
  allBatch: () => note(NOTE.allBatch, 'every query goes through the batch API (workload.batch_share = 100%): no interactive latency target applies'),
  sloMissed: (p95: number, slo: number, largest: LatencyShare | null = null) =>
    note(NOTE.sloMissed, `p95 latency ${formatMs(p95)} exceeds the target latency.slo_p95_ms of ${formatMs(slo)}${latencyFix(p95, slo, largest, 'p95')}`),
  ttftSloMissed: (p95: number, slo: number, largest: LatencyShare | null = null) =>
    note(NOTE.ttftSloMissed, `p95 time to first token ${formatMs(p95)} exceeds the target latency.slo_ttft_p95_ms of ${formatMs(slo)}${latencyFix(p95, slo, largest, 'p95 time to first token')}`),
  sloUnchecked: () => note(NOTE.sloUnchecked, 'latency is unknown, so the latency targets could not be checked; they are not counted as missed'),
  rateLimitExceeded: (
    model: string,
    metric: 'rpm' | 'tpm',
    peak: number,
    limit: number,
    month: number,
    check: string | null = null,
    fix: { peakToAverage: number; settable: boolean } | null = null,
  ) => {
    const needed = Math.ceil(peak);
    const over = `${formatPercent(peak / limit - 1)} over`;
    const head = `peak traffic in month ${month} needs ${formatCount(needed)} ${metric === 'rpm' ? 'requests' : 'tokens'} per minute on ${model}, ${
      peak < 2 * limit ? over : `${formatQuantity(peak / limit)} times`
    } its limit of ${formatCount(limit)} ${metric.toUpperCase()}`;
    // A limit far below the traffic is most likely a mistake: name the input, not a tier to buy.
    if (check !== null) return note(NOTE.rateLimitExceeded, `${head}; a limit that far below the traffic is implausible — check ${check}`);
    if (fix === null) return note(NOTE.rateLimitExceeded, head);
    // The peak scales with workload.peak_to_average (≥ 1: a peak is never below the average).
    const flatter = Math.floor(((fix.peakToAverage * limit) / peak) * 100) / 100;
    return note(
      NOTE.rateLimitExceeded,
      `${head} — a limit of at least ${formatCount(needed)} ${metric.toUpperCase()} (a higher tier from the provider${fix.settable ? `, then latency.${metric}` : ''})` +
        (flatter >= 1 ? `, or a flatter peak: workload.peak_to_average at most ${formatQuantity(flatter)} (now ${formatQuantity(fix.peakToAverage)})` : ', since even evenly spread traffic would exceed this one'),
    );
  },
  rateLimitUnknown: (model: string, metrics: readonly string[]) =>
    note(NOTE.rateLimitUnknown, `rate limits (${metrics.join(', ')}) of ${model} are unknown and were not checked; set latency.rpm / latency.tpm for your account tier`),

  // Self-hosted deployments.
  deploymentOverloaded: (qps: number, capacity_qps: number, replicas: number) =>
    note(NOTE.deploymentOverloaded, `${replicas} replica(s) serve at most ${formatQuantity(capacity_qps)} requests/s, below the peak of ${formatQuantity(qps)}/s: the queue grows without bound`),
  replicasSized: (replicas: number, utilisation: number, month: number, by: string) =>
    note(NOTE.replicasSized, `replicas: auto → ${replicas} replica(s), ${formatPercent(Math.round(utilisation * 100) / 100)} utilised at the month-${month} peak (${by})`),
  replicasNoSlo: (target: number) =>
    note(NOTE.replicasNoSlo, `no latency target to size to (none set, all traffic is batch, or latency unknown), so replicas: auto keeps utilisation at or below ${formatPercent(target)}`),
  replicasSloUnreachable: (p95WithoutQueue: number, slo: number) =>
    note(NOTE.replicasSloUnreachable, `even without queueing the p95 is ${formatMs(p95WithoutQueue)}, over the target of ${formatMs(slo)}: more replicas cannot meet it`),
  deploymentTooLarge: (slots: number, max: number) =>
    note(NOTE.deploymentTooLarge, `infeasible: ${formatCount(slots)} concurrent request slots (replicas × concurrency_per_replica) is more than the ${formatCount(max)} whose queue this model evaluates; no deployment is that large`),
  replicasCapped: (cap: number) => note(NOTE.replicasCapped, `replicas: auto stopped at ${formatCount(cap)} replicas without meeting the target`),
  // Implausible together: worded in src/model/plausibility.ts, which names the input behind each.
  implausibleGrowth: (message: string) => note(NOTE.implausibleGrowth, message),
  implausibleVolume: (message: string) => note(NOTE.implausibleVolume, message),
  implausibleTotal: (message: string) => note(NOTE.implausibleTotal, message),
  implausibleScale: (message: string) => note(NOTE.implausibleScale, message),
} satisfies Record<keyof typeof NOTE, (...args: never[]) => Note>;

/** False while `unworded` runs. */
let wording = true;

/**
 * Runs `f` with every note carrying its code but an empty message. A re-projection (a Monte
 * Carlo draw, a sweep point: src/uncertainty/project.ts) reads whether each strategy is feasible
 * and meets its targets, never why: wording a note (and formatting its numbers) for each of
 * 10,000 points cost more than the arithmetic it describes. The model is synchronous, so the
 * switch covers exactly the calls `f` makes.
 */
export function unworded<T>(f: () => T): T {
  const before = wording;
  wording = false;
  try {
    return f();
  } finally {
    wording = before;
  }
}

/** The note builders: each worded as above, unless `unworded` is running. */
export const notes = Object.fromEntries(
  Object.entries(worded).map(([name, word]) => {
    const code = NOTE[name as keyof typeof NOTE];
    return [name, (...args: never[]) => (wording ? (word as (...a: never[]) => Note)(...args) : { code, message: '' })];
  }),
) as typeof worded;

/** Note codes that mean "misses a target" (freshness, latency SLOs, rate limits). */
export const TARGET_MISS_CODES: ReadonlySet<NoteCode> = new Set<NoteCode>([
  NOTE.freshnessMissed,
  NOTE.neverSeesCorpus,
  NOTE.neverRetrained,
  NOTE.sloMissed,
  NOTE.ttftSloMissed,
  NOTE.rateLimitExceeded,
  NOTE.deploymentOverloaded,
  NOTE.replicasSloUnreachable,
]);

/** Note codes that make a strategy infeasible. */
export const INFEASIBLE_CODES: ReadonlySet<NoteCode> = new Set<NoteCode>([
  NOTE.contextExceeded,
  NOTE.inputLimitExceeded,
  NOTE.maxOutputExceeded,
  NOTE.noFineTuning,
  NOTE.deploymentOverloaded,
  NOTE.deploymentTooLarge,
]);
