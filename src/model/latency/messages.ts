/**
 * Every note the latency model emits: codes and wording in one place, so the text stays
 * consistent and tests can match on codes.
 */
import type { Note } from '../types.js';

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const dec = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const pct = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 });

const ms = (v: number): string => `${int.format(v)} ms`;

export const LATENCY_NOTE = {
  noProfile: 'latency_no_profile',
  reasoningUnknown: 'latency_reasoning_unknown',
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
} as const;

export type LatencyNoteCode = (typeof LATENCY_NOTE)[keyof typeof LATENCY_NOTE];

function note(code: LatencyNoteCode, message: string): Note {
  return { code, message };
}

export const latencyMessages = {
  reasoningUnknown: (model: string): Note =>
    note(
      LATENCY_NOTE.reasoningUnknown,
      `${model} reasons before its first token and how many tokens is unknown: latency is unknown. Give prompt.reasoning: { tokens: N } to project it.`,
    ),
  noProfile: (model: string): Note =>
    note(
      LATENCY_NOTE.noProfile,
      `No latency profile for ${model}: latency is unknown. Give ttft_ms, prefill_tokens_per_s and output_tokens_per_s on models.generator to project it.`,
    ),
  searchUnknown: (store: string): Note =>
    note(
      LATENCY_NOTE.searchUnknown,
      `The catalog has no search latency for vector store ${store}: latency is unknown. Set retrieval.search_ms to project it.`,
    ),
  profileWeak: (model: string, source: string): Note =>
    note(
      LATENCY_NOTE.profileWeak,
      `Latency figures for ${model} rest on secondary sources only (${source}); treat them as a plausible range.`,
    ),
  spreadAssumed: (components: readonly string[]): Note =>
    note(
      LATENCY_NOTE.spreadAssumed,
      `No spread known for ${components.join(', ')}: taken as 1, i.e. no variance. Set latency.spread to model it.`,
    ),
  allBatch: (): Note =>
    note(
      LATENCY_NOTE.allBatch,
      'Every query goes through the batch API (workload.batch_share = 100%): no interactive latency target applies.',
    ),
  sloMissed: (p95: number, slo: number): Note =>
    note(LATENCY_NOTE.sloMissed, `p95 latency ${ms(p95)} exceeds the target latency.slo_p95_ms of ${ms(slo)}.`),
  ttftSloMissed: (p95: number, slo: number): Note =>
    note(
      LATENCY_NOTE.ttftSloMissed,
      `p95 time to first token ${ms(p95)} exceeds the target latency.slo_ttft_p95_ms of ${ms(slo)}.`,
    ),
  sloUnchecked: (): Note =>
    note(
      LATENCY_NOTE.sloUnchecked,
      'Latency is unknown, so the latency targets could not be checked; they are not counted as missed.',
    ),
  rateLimitExceeded: (model: string, metric: 'rpm' | 'tpm', peak: number, limit: number, month: number): Note =>
    note(
      LATENCY_NOTE.rateLimitExceeded,
      `Peak traffic in month ${month} needs ${int.format(peak)} ${metric === 'rpm' ? 'requests' : 'tokens'} per minute on ${model}, over its limit of ${int.format(limit)} ${metric.toUpperCase()}.`,
    ),
  rateLimitUnknown: (model: string, metrics: readonly string[]): Note =>
    note(
      LATENCY_NOTE.rateLimitUnknown,
      `Rate limits (${metrics.join(', ')}) of ${model} are unknown and were not checked; set latency.rpm / latency.tpm for your account tier.`,
    ),
  deploymentOverloaded: (qps: number, capacity_qps: number, replicas: number): Note =>
    note(
      LATENCY_NOTE.deploymentOverloaded,
      `${replicas} replica(s) serve at most ${dec.format(capacity_qps)} requests/s, below the peak of ${dec.format(qps)}/s: the queue grows without bound.`,
    ),
  replicasSized: (replicas: number, utilisation: number, month: number, by: string): Note =>
    note(
      LATENCY_NOTE.replicasSized,
      `replicas: auto → ${replicas} replica(s), ${pct.format(utilisation)} utilised at the month-${month} peak (${by}).`,
    ),
  replicasNoSlo: (target: number): Note =>
    note(
      LATENCY_NOTE.replicasNoSlo,
      `No latency target to size to (none set, all traffic is batch, or latency unknown), so replicas: auto keeps utilisation at or below ${pct.format(target)}.`,
    ),
  replicasSloUnreachable: (p95_without_queue: number, slo: number): Note =>
    note(
      LATENCY_NOTE.replicasSloUnreachable,
      `Even without queueing the p95 is ${ms(p95_without_queue)}, over the target of ${ms(slo)}: more replicas cannot meet it.`,
    ),
  deploymentTooLarge: (slots: number, max: number): Note =>
    note(
      LATENCY_NOTE.deploymentTooLarge,
      `infeasible: ${int.format(slots)} concurrent request slots (replicas × concurrency_per_replica) is more than the ${int.format(max)} whose queue this model evaluates; no deployment is that large.`,
    ),
  replicasCapped: (cap: number): Note =>
    note(LATENCY_NOTE.replicasCapped, `replicas: auto stopped at ${int.format(cap)} replicas without meeting the target.`),
};
