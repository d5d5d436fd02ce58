/**
 * Phase 3: the latency targets of docs/model.md §10. A miss is a note and meets = false, never an error.
 */
import type { ModelEntry } from '../../catalog/types.js';
import type { StrategySpec } from '../../scenario/types.js';
import type { LatencySummary, Note } from '../types.js';
import { notes as messages, type LatencyShare } from '../../messages/notes.js';
import { formatCount } from '../../format.js';
import { PLAUSIBLE } from '../plausibility.js';
import type { PeakTraffic } from './self-hosted.js';
import type { QueryShape, RateLimitCheck, TargetCheck } from './types.js';

const SECONDS_PER_MINUTE = 60;

function check(
  model: ModelEntry,
  role: RateLimitCheck['role'],
  metric: RateLimitCheck['metric'],
  override: number | null,
  peak_per_minute: number,
): RateLimitCheck {
  const limit = override ?? model[metric];
  return {
    model: model.id,
    role,
    metric,
    limit,
    peak_per_minute,
    headroom_fraction: limit === null ? null : (limit - peak_per_minute) / limit,
    origin: override !== null ? 'scenario' : limit !== null ? 'catalog' : 'unknown',
  };
}

/**
 * Provider rate limits against the peak interactive traffic (batch APIs have their own
 * queue limits). The generator's limits come from latency.rpm / latency.tpm, else the
 * catalog; a self-hosted generator has none. Tokens per minute count input + output tokens
 * (OpenAI counts cached input too; Anthropic's ITPM does not, so this errs on the safe side).
 * Retrieving strategies also check the embedding model: one call of `query` tokens per query.
 */
function rateLimitChecks(spec: StrategySpec, shape: QueryShape, peak_qps: number): RateLimitCheck[] {
  const s = spec.settings;
  const perMinute = peak_qps * SECONDS_PER_MINUTE;
  const out: RateLimitCheck[] = [];
  if (s.deployment === null) {
    const g = s.models.generator.entry;
    out.push(check(g, 'generator', 'rpm', s.latency.rpm, perMinute));
    out.push(check(g, 'generator', 'tpm', s.latency.tpm, perMinute * (shape.input_tokens + shape.output_tokens)));
  }
  const e = s.models.embedding;
  if (shape.retrieval && e !== null) {
    out.push(check(e.entry, 'embedding', 'rpm', null, perMinute));
    out.push(check(e.entry, 'embedding', 'tpm', null, perMinute * s.prompt.query_tokens));
  }
  return out;
}

/**
 * The latency component with the largest median and its share of the components' medians
 * summed (the medians of skewed parts do not add up to the end-to-end median, but their
 * shares say where the time goes); null when there are none. `except` leaves one out.
 */
function largestComponent(summary: LatencySummary, except?: string): LatencyShare | null {
  const parts = Object.entries(summary.components).filter(([name, c]) => name !== except && c.p50 > 0);
  const sum = parts.reduce((a, [, c]) => a + c.p50, 0);
  if (parts.length === 0 || !(sum > 0)) return null;
  const [component, c] = parts.reduce((best, p) => (p[1].p50 > best[1].p50 ? p : best));
  return { component, share: c.p50 / sum };
}

/**
 * Checks the SLOs (p95 of the total against latency.slo_p95_ms, p95 TTFT against
 * slo_ttft_p95_ms) and the rate limits. `summary` null means latency is unknown: the SLOs
 * are then reported unchecked, not missed (the notes say so). `unbounded`: the deployment is
 * overloaded, so every latency target is missed.
 */
export function checkTargets(
  spec: StrategySpec,
  summary: LatencySummary | null,
  shape: QueryShape,
  peak: PeakTraffic,
  options: { unbounded?: boolean } = {},
): TargetCheck {
  const s = spec.settings;
  const notes: Note[] = [];
  // An overloaded self-hosted deployment: waits grow without bound, so no latency target can
  // hold (its own note says why; an SLO-specific note would only repeat it).
  let meets = !options.unbounded;
  const { slo_p95_ms, slo_ttft_p95_ms } = s.latency;
  if ((slo_p95_ms !== null || slo_ttft_p95_ms !== null) && !options.unbounded) {
    if (s.workload.batch_share >= 1) notes.push(messages.allBatch());
    else if (summary === null) notes.push(messages.sloUnchecked());
    else {
      if (slo_p95_ms !== null && summary.p95 > slo_p95_ms) {
        meets = false;
        notes.push(messages.sloMissed(summary.p95, slo_p95_ms, largestComponent(summary)));
      }
      if (slo_ttft_p95_ms !== null && summary.ttft_p95 > slo_ttft_p95_ms) {
        meets = false;
        // Decoding the answer comes after the first token: it is no part of the TTFT.
        notes.push(messages.ttftSloMissed(summary.ttft_p95, slo_ttft_p95_ms, largestComponent(summary, 'decode')));
      }
    }
  }

  const rate_limits = rateLimitChecks(spec, shape, peak.qps);
  const unknownByModel = new Map<string, string[]>();
  for (const r of rate_limits) {
    if (r.limit === null) {
      const list = unknownByModel.get(r.model) ?? [];
      list.push(r.metric);
      unknownByModel.set(r.model, list);
    } else if (r.peak_per_minute > r.limit) {
      meets = false;
      // Far over the limit (a headroom of −13,961,136 from latency.tpm: 1), name the input behind it.
      const check =
        r.peak_per_minute < PLAUSIBLE.max_rate_limit_ratio * r.limit
          ? null
          : r.origin === 'scenario'
            ? `latency.${r.metric} = ${formatCount(r.limit)} (set in the scenario)`
            : `workload.queries_per_month and workload.peak_to_average (${r.model}'s catalog limit is ${formatCount(r.limit)} ${r.metric.toUpperCase()})`;
      // latency.rpm / latency.tpm override the generator's limits only.
      const fix = { peakToAverage: s.workload.peak_to_average, settable: r.role === 'generator' };
      notes.push(messages.rateLimitExceeded(r.model, r.metric, r.peak_per_minute, r.limit, peak.month, check, fix));
    }
  }
  for (const [model, metrics] of unknownByModel) notes.push(messages.rateLimitUnknown(model, metrics));
  return { meets, notes, rate_limits };
}
