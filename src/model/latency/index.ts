/**
 * The latency model of docs/model.md §10, as pure functions.
 *
 *   QueryShape ──latencyComponents──▶ components ──(self-hosted: selfHostedLatencyAndCost adds the queue)──▶
 *   simulateLatency ──▶ LatencySummary + CDF ──checkTargets──▶ meets_targets, notes, rate-limit headroom
 *
 * `projectLatency` runs the whole chain for one strategy; each piece is imported from its own
 * module. See README.md in this folder.
 */
import type { Catalog } from '../../catalog/types.js';
import type { StrategySpec } from '../../scenario/types.js';
import type { LatencySummary, LineItem, Note } from '../types.js';
import { latencyComponents } from './components.js';
import { peakInteractiveTraffic, selfHostedLatencyAndCost, type PeakTraffic } from './self-hosted.js';
import { simulateLatency } from './simulate.js';
import { checkTargets } from './targets.js';
import type { CdfPoint, ComponentModel, QueryShape, StrategyLatency } from './types.js';
import type { LatencyReuse } from '../reuse.js';


/**
 * Everything the projection needs from the latency model for one strategy: its latency
 * distribution (null when unknown), whether it meets the targets, its notes, a self-hosted
 * deployment's GPU line items, and the rate-limit headroom. `peak` defaults to the busiest
 * month's interactive peak (`peakInteractiveTraffic`). `reuse` (a re-projection's, ../reuse.ts)
 * gives back the components and the distribution of the previous call when their inputs are the same.
 */
export function projectLatency(
  spec: StrategySpec,
  shape: QueryShape,
  catalog: Catalog,
  options: { peak?: PeakTraffic; cdf?: boolean; reuse?: LatencyReuse } = {},
): StrategyLatency {
  const peak = options.peak ?? peakInteractiveTraffic(spec.settings);
  const notes: Note[] = [];
  const line_items: LineItem[] = [];
  const reuse = options.reuse;
  const built = reuse ? reuse.components(spec, shape, catalog) : latencyComponents(spec, shape, catalog);
  notes.push(...built.notes);
  let components: ComponentModel[] | null = built.components;
  let feasible = true;
  let replicas: number | null = null;

  if (spec.settings.deployment !== null) {
    // Size and charge the GPUs even when some latency figure is unknown: the service time
    // needs only prefill and decode, which the deployment gives.
    const sh = selfHostedLatencyAndCost(spec, peak, components ?? built.available, { latency_known: components !== null });
    notes.push(...sh.notes);
    line_items.push(...sh.line_items);
    replicas = sh.replicas;
    if (sh.queue === null) {
      feasible = false;
      components = null;
    } else if (components !== null) components = [...components, sh.queue];
  }

  let latency_ms: LatencySummary | null = null;
  let cdf: CdfPoint[] | null = null;
  if (components !== null) {
    const opts = { samples: spec.settings.latency.samples, seed: spec.settings.latency.seed, cdf: options.cdf ?? true };
    const { cdf: points, ...summary } = reuse ? reuse.simulated(components, opts) : simulateLatency(components, opts);
    latency_ms = summary;
    cdf = points;
  }
  const targets = checkTargets(spec, latency_ms, shape, peak, { unbounded: !feasible });
  notes.push(...targets.notes);

  return {
    latency_ms,
    cdf,
    components,
    feasible,
    meets_targets: targets.meets,
    notes,
    line_items,
    rate_limits: targets.rate_limits,
    peak: { qps: peak.qps, month: peak.month },
    replicas,
  };
}
