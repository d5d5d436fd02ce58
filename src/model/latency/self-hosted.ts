/**
 * Self-hosted deployments (docs/model.md §10): the Erlang C queue at peak, replicas: auto sized to the
 * latency SLO, and the GPU-hour cost as a line item.
 */
import type { ScenarioSettings, SelfHostedDeployment, StrategySpec } from '../../scenario/types.js';
import { HOURS_PER_MONTH, SECONDS_PER_MONTH } from '../../units.js';
import { lineItem } from '../line-items.js';
import type { LineItem, Note } from '../types.js';
import { notes as messages } from '../../messages/notes.js';
import { quantilesInPlace, type Bounds } from './quantiles.js';
import { minStableReplicas, queueState, replicasForUtilisation, sizeReplicas, waitQuantile } from './queue.js';
import { fillWaits, lognormalMean, sampleBase } from './simulate.js';
import type { ComponentModel, SelfHostedResult, WaitComponent } from './types.js';

/**
 * Without an SLO, replicas: auto keeps peak utilisation at or below this: the usual rule of
 * thumb for a queue, beyond which waits grow steeply (at ρ = 0.8, M/M/1 waits 4 service times on average).
 */
const DEFAULT_TARGET_UTILISATION = 0.8;
/** Upper bound of the replica search, so an absurd scenario cannot loop for long. */
const MAX_AUTO_REPLICAS = 100_000;
/**
 * Most replica slots (replicas × concurrency) whose queue is modelled: a billion concurrent
 * requests is far past any deployment, and keeps each Erlang evaluation near 3·10^5 steps.
 * Beyond it (or with a service time that is not finite) the deployment is reported as
 * infeasible without evaluating the queue.
 */
const MAX_QUEUE_SERVERS = 1e9;

/** The traffic the latency model is checked against. */
export interface PeakTraffic {
  /** Interactive requests/s at peak: batch-share queries are asynchronous and left out. */
  qps: number;
  /** 1-based month of the horizon that traffic belongs to (the busiest one). */
  month: number;
  /** All requests/s on average in that month, batch included (a deployment must serve those too). */
  average_qps: number;
}

/**
 * Peak interactive traffic of the busiest month of the horizon (the last when traffic grows,
 * the first otherwise): queries · (1 − batch_share) / (730 · 3600 s) · peak_to_average.
 * Capacity and rate limits are checked there, so they hold for the whole horizon.
 */
export function peakInteractiveTraffic(settings: ScenarioSettings): PeakTraffic {
  const w = settings.workload;
  const month = w.growth_per_month > 0 ? Math.max(1, settings.horizon_months) : 1;
  const queries = w.queries_per_month * (1 + w.growth_per_month) ** (month - 1);
  const average_qps = queries / SECONDS_PER_MONTH;
  return { qps: average_qps * (1 - w.batch_share) * w.peak_to_average, month, average_qps };
}

/**
 * Mean time one request holds a replica slot (s): prefill + decode. The lognormal mean
 * m·e^(σ²/2) of each, so that it equals the plain token arithmetic (input / prefill speed +
 * output / decode speed) when the spreads are 1.
 */
export function serviceTimeS(components: readonly ComponentModel[]): number {
  let ms = 0;
  for (const c of components)
    if (c.kind === 'lognormal' && (c.name === 'prefill' || c.name === 'decode')) ms += lognormalMean(c.median_ms, c.spread);
  return ms / 1000;
}

function queueComponent(servers: number, arrival_per_s: number, service_s: number, replicas: number, conc: number): WaitComponent {
  const q = { servers, arrival_per_s, service_s };
  const st = queueState(q);
  return {
    kind: 'erlang_c_wait',
    name: 'queue',
    median_ms: waitQuantile(q, 0.5) * 1000,
    p_wait: st.p_wait,
    decay_per_ms: st.decay_per_s / 1000,
    in_ttft: true,
    source: `Erlang C: ${replicas} replica(s) × ${conc} slot(s), ${arrival_per_s.toPrecision(4)} req/s at peak, ${service_s.toPrecision(4)} s per request`,
  };
}

function hostingLine(d: SelfHostedDeployment, replicas: number): LineItem {
  const gpuHours = replicas * d.gpus_per_replica * HOURS_PER_MONTH;
  return lineItem({
    id: 'hosting.gpus',
    name: `GPU replicas (${replicas} × ${d.gpus_per_replica} GPU)`,
    category: 'hosting',
    period: 'monthly',
    unit: 'GPU-hours',
    quantity: gpuHours,
    unit_price_usd: d.gpu_usd_per_hour,
    source: 'scenario deployment.gpu_usd_per_hour',
  });
}

/**
 * The queue, the replica count and the GPU cost of a self-hosted strategy. `components` are
 * the strategy's other components (from `latencyComponents`, self-hosted speeds): the SLO
 * sizing simulates them with latency.samples and latency.seed, exactly as the final
 * `simulateLatency` will, so the chosen count really meets the target in the reported figures.
 * `latency_known: false` (some component unknown, so `components` is only what is known):
 * the service time is still right, but an SLO cannot be sized to; the 80% rule applies.
 */
export function selfHostedLatencyAndCost(
  spec: StrategySpec,
  peak: PeakTraffic,
  components: readonly ComponentModel[],
  options: { latency_known?: boolean } = {},
): SelfHostedResult {
  const d = spec.settings.deployment;
  if (d === null) throw new Error(`strategy ${spec.id} has no self-hosted deployment`);
  const lat = spec.settings.latency;
  const notes: Note[] = [];
  const conc = d.concurrency_per_replica;
  const service_s = serviceTimeS(components);
  const lambda = peak.qps;
  // Batch queries can wait for quiet hours, but the fleet must still keep up with the month's average load.
  const floor = Math.max(minStableReplicas(lambda, service_s, conc), minStableReplicas(peak.average_qps, service_s, conc));

  let replicas: number;
  if (d.replicas === 'auto') {
    let basis = `≤ ${DEFAULT_TARGET_UTILISATION * 100}% utilisation`;
    // No interactive traffic, or latency unknown: there is no SLO to size to.
    const sizeToSlo = spec.settings.workload.batch_share < 1 && options.latency_known !== false;
    const slo = sizeToSlo ? lat.slo_p95_ms : null;
    const sloTtft = sizeToSlo ? lat.slo_ttft_p95_ms : null;
    const byUtilisation = (): number =>
      Math.max(floor, replicasForUtilisation(Math.max(lambda, peak.average_qps), service_s, conc, DEFAULT_TARGET_UTILISATION));
    if (slo === null && sloTtft === null) {
      notes.push(messages.replicasNoSlo(DEFAULT_TARGET_UTILISATION));
      replicas = byUtilisation();
    } else {
      const base = sampleBase(components, { samples: lat.samples, seed: lat.seed });
      const p95 = (arr: Float64Array, bounds: Bounds): number => quantilesInPlace(arr, [0.95], bounds)[0]!;
      const baseTotal = p95(base.total.slice(), base.bounds.total); // copies: the search adds waits to the originals
      const baseTtft = p95(base.ttft.slice(), base.bounds.ttft);
      if (slo !== null && baseTotal > slo) {
        notes.push(messages.replicasSloUnreachable(baseTotal, slo));
        replicas = byUtilisation();
      } else if (sloTtft !== null && baseTtft > sloTtft) {
        notes.push(messages.replicasSloUnreachable(baseTtft, sloTtft));
        replicas = byUtilisation();
      } else {
        const waits = new Float64Array(lat.samples);
        const scratch = new Float64Array(lat.samples);
        let longest = 0; // the longest of the current waits
        const withQueue = (from: Float64Array, bounds: Bounds): number => {
          for (let i = 0; i < scratch.length; i++) scratch[i] = from[i]! + waits[i]!;
          return p95(scratch, { lo: bounds.lo, hi: bounds.hi + longest });
        };
        const meets = (r: number): boolean => {
          longest = fillWaits(waits, queueComponent(r * conc, lambda, service_s, r, conc), lat.seed);
          return (slo === null || withQueue(base.total, base.bounds.total) <= slo) && (sloTtft === null || withQueue(base.ttft, base.bounds.ttft) <= sloTtft);
        };
        // The search never evaluates a queue larger than MAX_QUEUE_SERVERS slots.
        const maxReplicas = Math.min(MAX_AUTO_REPLICAS, Math.floor(MAX_QUEUE_SERVERS / conc));
        const sized = sizeReplicas({ from: floor, max_replicas: maxReplicas, meets });
        if (sized === null) {
          notes.push(messages.replicasCapped(MAX_AUTO_REPLICAS));
          replicas = byUtilisation();
        } else {
          replicas = sized;
          basis = 'the fewest that meet the latency target';
        }
      }
    }
    const rho = (lambda * service_s) / (replicas * conc); // ρ = a / c, without the Erlang sums
    notes.push(messages.replicasSized(replicas, rho, peak.month, basis));
  } else {
    replicas = d.replicas;
  }

  const line_items = [hostingLine(d, replicas)];
  const servers = replicas * conc;
  const stable = lambda * service_s < servers;
  const keepsUp = peak.average_qps * service_s < servers;
  if (!stable || !keepsUp || !(servers <= MAX_QUEUE_SERVERS && Number.isFinite(service_s))) {
    if (stable && keepsUp) notes.push(messages.deploymentTooLarge(servers, MAX_QUEUE_SERVERS));
    else notes.push(messages.deploymentOverloaded(stable ? peak.average_qps : lambda, servers / service_s, replicas));
    return { feasible: false, replicas, utilisation: (lambda * service_s) / servers, service_s, queue: null, line_items, notes };
  }
  return {
    feasible: true,
    replicas,
    utilisation: (lambda * service_s) / servers,
    service_s,
    queue: queueComponent(servers, lambda, service_s, replicas, conc),
    line_items,
    notes,
  };
}
