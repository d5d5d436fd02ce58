/**
 * Monte Carlo over the uncertain inputs: each draw sets every range to a value drawn from
 * its distribution (a var once, shared by every field that uses it), re-projects the whole
 * scenario in memory (apply.ts: no file read, no token counted) and records each strategy's
 * totals, monthly spend, per-query cost and whether it is the verdict.
 *
 * Latency per draw: each draw runs the latency Monte Carlo with `latencySamples` draws (default
 * DRAW_LATENCY_SAMPLES) and the scenario's own seed, so every draw meets the same random
 * numbers (common random numbers: two draws differ by their inputs, not by noise). The error
 * of that smaller run against the full one is measured in tests/uncertainty/latency-error.test.ts
 * and stated in docs/model.md.
 *
 * Pure: same scenario, catalog and seed → the same summary, bit for bit.
 */
import type { Catalog } from '../catalog/types.js';
import { quantilesInPlace } from '../model/latency/quantiles.js';
import { clampToRule } from '../scenario/read-field.js';
import type { Scenario } from '../scenario/types.js';
import { withInputs } from './apply.js';
import { drawFrom, inputStream } from './distributions.js';
import { DRAW_LATENCY_SAMPLES, Reprojections, withLatencySamples } from './project.js';
import type { InputSummary, Percentiles, StrategyUncertainty, UncertaintySummary } from './types.js';
import { robustVerdict } from './verdict.js';

export { DRAW_LATENCY_SAMPLES, withLatencySamples } from './project.js';

export interface SampleOptions {
  /** Draws; default the scenario's `uncertainty.samples` (2000). */
  samples?: number;
  seed?: number;
  latencySamples?: number;
}

/** What every draw gave, kept for the verdict's conditions (which input decides a winner). */
export interface Draws {
  /** Input id → its value in each draw. */
  inputs: Map<string, Float64Array>;
  /** The verdict of each draw (null = none qualifies). */
  winners: (string | null)[];
}

/** The summary a projection carries, plus every draw (for charts and sensitivity). */
export interface SampleResult extends UncertaintySummary {
  draws: Draws;
}

const P = [0.1, 0.5, 0.9] as const;

/**
 * P10/P50/P90 of the known values (NaN marks an unknown); null when none is known. Reorders
 * `values` (the draws' own array: nothing reads it after).
 */
function percentiles(values: Float64Array): Percentiles | null {
  // Every value known (the usual case): the selection runs on the array itself, in the order a
  // copy would have, so the same doubles; `includes` finds a NaN natively. Otherwise the known
  // values are copied out. Indexed loops, not for…of: this runs ~100 times over 2,000 draws once
  // per process, mostly before the JIT has optimised it, where a typed array's iterator costs
  // several times a read.
  if (values.length === 0) return null;
  let known = values;
  if (values.includes(Number.NaN)) {
    let n = 0;
    for (let j = 0; j < values.length; j++) if (!Number.isNaN(values[j]!)) n++;
    if (n === 0) return null;
    known = new Float64Array(n);
    let i = 0;
    for (let j = 0; j < values.length; j++) {
      const v = values[j]!;
      if (!Number.isNaN(v)) known[i++] = v;
    }
  }
  // Indexed, not destructured: the array holds small integers (Smi elements) for some money
  // figures and doubles for others, and destructuring's iterator deoptimised on every change of
  // kind (36 deoptimisations in a 20-scenario batch, each followed by a re-optimisation).
  const q = quantilesInPlace(known, P);
  return { p10: q[0]!, p50: q[1]!, p90: q[2]! };
}

/** The Monte Carlo over the scenario's uncertain inputs. Null when it has none. */
export function sample(scenario: Scenario, catalog: Catalog, options: SampleOptions = {}): SampleResult | null {
  const inputs = scenario.inputs;
  if (!inputs || inputs.uncertain.length === 0) return null;
  const n = options.samples ?? inputs.uncertainty.samples;
  const seed = options.seed ?? inputs.uncertainty.seed;
  const latencySamples = options.latencySamples ?? DRAW_LATENCY_SAMPLES;
  const quick = withLatencySamples(scenario, latencySamples);

  const uncertain = inputs.uncertain;
  const streams = uncertain.map((u) => inputStream(seed, u.id));
  const drawn = new Map(uncertain.map((u) => [u.id, new Float64Array(n)]));
  const horizon = scenario.base.horizon_months;
  const ids = scenario.strategies.map((s) => s.id);
  const acc = ids.map(() => ({
    total: new Float64Array(n),
    perQuery: new Float64Array(n),
    monthly: Array.from({ length: horizon }, () => new Float64Array(n)),
    cumulative: Array.from({ length: horizon + 1 }, () => new Float64Array(n)),
    recommended: 0,
    infeasible: 0,
    misses: 0,
  }));
  const winners: (string | null)[] = [];
  let noVerdict = 0;
  // Each draw moves only the uncertain inputs: what they leave as it was is kept (project.ts).
  const projections = new Reprojections(catalog);

  for (let d = 0; d < n; d++) {
    const values = new Map<string, number>();
    uncertain.forEach((u, j) => {
      const v = clampToRule(drawFrom(u.distribution, streams[j]!), u.rule);
      values.set(u.id, v);
      drawn.get(u.id)![d] = v;
    });
    const projection = projections.all(withInputs(quick, values));
    const winner = projection.verdict.recommended;
    winners.push(winner);
    if (winner === null) noVerdict++;
    for (let k = 0; k < projection.strategies.length; k++) {
      const s = projection.strategies[k]!;
      const a = acc[k]!;
      a.total[d] = s.total_usd ?? NaN;
      a.perQuery[d] = s.per_query.cost_usd ?? NaN;
      let cum = s.one_time_usd ?? NaN;
      a.cumulative[0]![d] = cum;
      for (let m = 0; m < horizon; m++) {
        const usd = s.monthly[m]?.total_usd ?? NaN;
        a.monthly[m]![d] = usd;
        cum += usd;
        a.cumulative[m + 1]![d] = cum;
      }
      if (s.id === winner) a.recommended++;
      if (!s.feasible) a.infeasible++;
      else if (!s.meets_targets) a.misses++;
    }
  }

  const strategies: StrategyUncertainty[] = ids.map((id, k) => {
    const a = acc[k]!;
    return {
      id,
      total_usd: percentiles(a.total),
      per_query_usd: percentiles(a.perQuery),
      monthly_usd: a.monthly.map(percentiles),
      cumulative_usd: a.cumulative.map(percentiles),
      p_recommended: a.recommended / n,
      p_infeasible: a.infeasible / n,
      p_misses_target: a.misses / n,
    };
  });
  const inputSummaries: InputSummary[] = uncertain.map((u) => {
    const [p5, p50, p95] = quantilesInPlace(Float64Array.from(drawn.get(u.id)!), [0.05, 0.5, 0.95]) as [number, number, number];
    const d = u.distribution;
    return { id: u.id, distribution: d.type, ...(u.rule ? { kind: u.rule.kind } : {}), low: d.low, base: d.base, high: d.high, sampled: { p5, p50, p95 } };
  });
  const draws: Draws = { inputs: drawn, winners };
  return {
    samples: n,
    seed,
    latency_samples: latencySamples,
    inputs: inputSummaries,
    strategies,
    p_no_verdict: noVerdict / n,
    verdict: robustVerdict(strategies, noVerdict / n, draws, uncertain),
    draws,
  };
}
