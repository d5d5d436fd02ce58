/**
 * Sweeps: one or two inputs moved over a grid, every point a full projection in memory
 * (src/uncertainty/apply.ts), and the exact values where the answer changes.
 *
 *  - 1-D: each strategy's cost (total, or month N) at each grid value; winner bands; and the
 *    exact crossover of every pair of strategies: between two grid values where the sign of
 *    cost_a − cost_b changes, the root is found by bisection down to the last representable
 *    value (the grid only brackets it; nothing is read off the grid). Band edges where the
 *    winner changes are found the same way, on "is the winner still the same".
 *  - 2-D: the winner at every cell (the decision map), and the boundary points: for each value
 *    of the second input, the exact values of the first at which the winner changes.
 *
 * Pure: no disk, no clock. Latency per point: the latency Monte Carlo runs with
 * `latencySamples` draws (sample.ts's DRAW_LATENCY_SAMPLES) and without its CDF.
 */
import type { Catalog } from '../catalog/types.js';
import type { StrategyResult } from '../model/types.js';
import type { FieldRule } from '../scenario/fields.js';
import { problemText, type Worded } from '../messages/problems.js';
import type { Scenario } from '../scenario/types.js';
import { InputError, knowsInput, withInputs } from '../uncertainty/apply.js';
import { DRAW_LATENCY_SAMPLES, Reprojections, withLatencySamples, type Reprojection } from '../uncertainty/project.js';

export interface SweepAxis {
  /** Input id: a field path ("workload.queries_per_month"), "strategies.<id>.<path>" or "vars.<name>". */
  input: string;
  /** How the input's values read (fraction → %, hours → days…); absent = a plain number. */
  kind?: FieldRule['kind'];
  from: number;
  to: number;
  /** Grid values, both ends included (≥ 2). */
  steps: number;
  /** Geometric spacing (both ends > 0). */
  log: boolean;
}

export interface SweepOptions {
  axes: SweepAxis[];
  /** Cost compared: the horizon's total (default) or the spend of month N (1-based). */
  month?: number;
  latencySamples?: number;
}

export interface SweepPoint {
  /** The value of each axis. */
  at: number[];
  /** Each strategy's cost (same order as `strategies`); null = not priced. */
  cost_usd: (number | null)[];
  /** Each strategy: feasible, priced and meeting every target. */
  eligible: boolean[];
  winner: string | null;
}

export interface Crossover {
  input: string;
  value: number;
  /** The cheaper strategy below `value`, and the cheaper one above it. */
  below: string;
  above: string;
}

export interface WinnerBand {
  from: number;
  to: number;
  winner: string | null;
}

export interface BoundaryPoint {
  /** Value of the first axis where the winner changes, at the second axis's value `y`. */
  x: number;
  y: number;
  below: string | null;
  above: string | null;
}

export interface SweepResult {
  schema: 'costsim.sweep/v1';
  scenario: { name: string; file: string };
  metric: 'total_usd' | 'month_usd';
  month: number | null;
  axes: (SweepAxis & { values: number[] })[];
  strategies: string[];
  points: SweepPoint[];
  /** 1-D only: every exact crossover of two strategies' costs. */
  crossovers: Crossover[];
  /** 1-D only: contiguous ranges of one winner, edges exact. */
  bands: WinnerBand[];
  /** 2-D only: where the winner changes along the first axis, for each value of the second. */
  boundaries: BoundaryPoint[];
}

/** Most points a sweep may have (a 2-D sweep of 300 × 300 is far beyond any chart). */
const MAX_SWEEP_POINTS = 90_000;
/** Precision of a 2-D map's boundary points, as a share of the grid step. */
const MAP_TOLERANCE = 1e-3;
/** Bisection steps: enough to reach adjacent doubles from any bracket. */
const BISECTION_STEPS = 200;

function gridValues(axis: SweepAxis): number[] {
  const { from, to, steps } = axis;
  const out: number[] = [];
  for (let i = 0; i < steps; i++) {
    const t = steps === 1 ? 0 : i / (steps - 1);
    out.push(i === 0 ? from : i === steps - 1 ? to : axis.log ? from * Math.pow(to / from, t) : from + (to - from) * t);
  }
  return out;
}

function checkAxes(scenario: Scenario, axes: readonly SweepAxis[]): Worded | null {
  if (!scenario.inputs) return problemText.notNormalizedScenario();
  if (axes.length < 1 || axes.length > 2) return problemText.sweepAxesCount(axes.length);
  if (axes.length === 2 && axes[0]!.input === axes[1]!.input) return problemText.sweepSameInput(axes[0]!.input);
  let points = 1;
  for (const a of axes) {
    if (!knowsInput(scenario.inputs, a.input)) return problemText.sweepNotNumericInput(a.input);
    if (!(Number.isFinite(a.from) && Number.isFinite(a.to))) return problemText.sweepRangeNotFinite(a.input);
    if (!(a.from < a.to)) return problemText.sweepRangeBackwards(a.input, a.from, a.to);
    if (a.log && !(a.from > 0)) return problemText.sweepLogNotPositive(a.input, a.from, a.to);
    if (!(Number.isInteger(a.steps) && a.steps >= 2)) return problemText.sweepSteps(a.input, a.steps);
    points *= a.steps;
  }
  if (points > MAX_SWEEP_POINTS) return problemText.sweepTooManyPoints(MAX_SWEEP_POINTS, points);
  return null;
}

/** The cost a sweep compares, for one strategy's result. */
function costOf(s: StrategyResult, month: number | undefined): number | null {
  return month === undefined ? s.total_usd : (s.monthly[month - 1]?.total_usd ?? null);
}

const eligibleOf = (s: StrategyResult) => s.feasible && s.meets_targets && s.total_usd !== null;

export function sweep(scenario: Scenario, catalog: Catalog, options: SweepOptions): SweepResult {
  const problem = checkAxes(scenario, options.axes);
  if (problem !== null) throw new InputError(problem);
  if (options.month !== undefined && !(Number.isInteger(options.month) && options.month >= 1 && options.month <= scenario.base.horizon_months)) {
    throw new InputError(problemText.sweepMonthOutsideHorizon(scenario.base.horizon_months, options.month));
  }
  const quick = withLatencySamples(scenario, options.latencySamples ?? DRAW_LATENCY_SAMPLES);
  const ids = scenario.strategies.map((s) => s.id);
  const axes = options.axes.map((a) => ({ ...a, kind: a.kind ?? inputKind(scenario, a.input), values: gridValues(a) }));
  // Every point moves only the axes' inputs: what they leave as it was is kept (project.ts).
  const projections = new Reprojections(catalog);
  const project = (at: readonly number[]): Reprojection => projections.all(withInputs(quick, new Map(axes.map((a, i) => [a.input, at[i]!]))));
  const pointOf = (at: number[]): SweepPoint => {
    const p = project(at);
    return {
      at,
      cost_usd: p.strategies.map((s) => costOf(s, options.month)),
      eligible: p.strategies.map(eligibleOf),
      // With the total as the metric the winner is the verdict; with month N, the cheapest eligible that month.
      winner: options.month === undefined ? p.verdict.recommended : cheapestEligible(p, options.month),
    };
  };

  const points: SweepPoint[] = [];
  const [first, second] = axes;
  if (second === undefined) for (const x of first!.values) points.push(pointOf([x]));
  else for (const y of second.values) for (const x of first!.values) points.push(pointOf([x, y]));

  const result: SweepResult = {
    schema: 'costsim.sweep/v1',
    scenario: { name: scenario.name, file: scenario.file },
    metric: options.month === undefined ? 'total_usd' : 'month_usd',
    month: options.month ?? null,
    axes,
    strategies: ids,
    points,
    crossovers: [],
    bands: [],
    boundaries: [],
  };
  const winnerAt = (at: number[]) => pointOf(at).winner;
  if (second === undefined) {
    const axis = first!;
    result.crossovers = pairCrossovers(quick, projections, axis, points, ids, options.month);
    result.bands = winnerBands(axis, points, (x) => winnerAt([x]));
  } else {
    const xs = first!.values;
    second.values.forEach((y, row) => {
      const rowPoints = points.slice(row * xs.length, (row + 1) * xs.length);
      // A map's boundaries are drawn, not quoted: 1/1000 of a cell is finer than any pixel.
      for (const band of winnerBands(first!, rowPoints, (x) => winnerAt([x, y]), MAP_TOLERANCE).slice(1)) {
        const before = rowPoints.findLast((p) => p.at[0]! <= band.from)?.winner ?? null;
        result.boundaries.push({ x: band.from, y, below: before, above: band.winner });
      }
    });
  }
  return result;
}

/** The kind of value an input holds (vars are plain numbers). */
function inputKind(scenario: Scenario, input: string): FieldRule['kind'] {
  return scenario.inputs?.bindings.find((b) => b.input === input)?.rule.kind ?? 'number';
}

function cheapestEligible(p: Reprojection, month: number): string | null {
  let best: { id: string; usd: number } | null = null;
  for (const s of p.strategies) {
    const usd = costOf(s, month);
    if (!eligibleOf(s) || usd === null) continue;
    if (best === null || usd < best.usd) best = { id: s.id, usd };
  }
  return best?.id ?? null;
}

/**
 * Bisection between lo and hi (pred(lo) true, pred(hi) false), in log space when the axis is
 * logarithmic, down to adjacent doubles (tolerance 0) or to `tolerance` × the bracket's
 * width. Returns the midpoint of the final bracket.
 */
function bisect(lo: number, hi: number, log: boolean, pred: (x: number) => boolean, tolerance = 0): number {
  const stop = tolerance * (hi - lo);
  for (let i = 0; i < BISECTION_STEPS; i++) {
    const mid = log ? Math.sqrt(lo * hi) : lo + (hi - lo) / 2;
    if (!(mid > lo && mid < hi) || hi - lo <= stop) break;
    if (pred(mid)) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Every pair's crossovers along one axis. Only the two strategies are re-projected. */
function pairCrossovers(
  scenario: Scenario,
  projections: Reprojections,
  axis: SweepAxis & { values: number[] },
  points: SweepPoint[],
  ids: string[],
  month: number | undefined,
): Crossover[] {
  const out: Crossover[] = [];
  // The two strategies' costs at x, from one copy of the scenario with x set.
  const costsAt = (x: number, a: number, b: number): [number | null, number | null] => {
    const moved = withInputs(scenario, new Map([[axis.input, x]]));
    return [costOf(projections.one(moved, a), month), costOf(projections.one(moved, b), month)];
  };
  for (let a = 0; a < ids.length; a++) {
    for (let b = a + 1; b < ids.length; b++) {
      for (let i = 0; i + 1 < points.length; i++) {
        const [ca0, cb0] = [points[i]!.cost_usd[a], points[i]!.cost_usd[b]];
        const [ca1, cb1] = [points[i + 1]!.cost_usd[a], points[i + 1]!.cost_usd[b]];
        if (ca0 == null || cb0 == null || ca1 == null || cb1 == null) continue;
        const d0 = Math.sign(ca0 - cb0);
        const d1 = Math.sign(ca1 - cb1);
        if (d0 === d1 || d0 === 0) continue;
        // Bisection on the sign of cost_a − cost_b, which is d0 at the lower end.
        const x = bisect(points[i]!.at[0]!, points[i + 1]!.at[0]!, axis.log, (v) => {
          const [ca, cb] = costsAt(v, a, b);
          return ca !== null && cb !== null && Math.sign(ca - cb) === d0;
        });
        const cheaperBelow = d0 < 0 ? ids[a]! : ids[b]!;
        const cheaperAbove = d0 < 0 ? ids[b]! : ids[a]!;
        out.push({ input: axis.input, value: x, below: cheaperBelow, above: cheaperAbove });
      }
    }
  }
  return out.sort((p, q) => p.value - q.value || (p.below < q.below ? -1 : 1));
}

/** Contiguous runs of one winner along an axis, with the edges found exactly. */
function winnerBands(axis: SweepAxis, points: SweepPoint[], winnerAt: (x: number) => string | null, tolerance = 0): WinnerBand[] {
  const bands: WinnerBand[] = [];
  let start = points[0]!.at[0]!;
  for (let i = 0; i + 1 < points.length; i++) {
    const w = points[i]!.winner;
    if (points[i + 1]!.winner === w) continue;
    const edge = bisect(points[i]!.at[0]!, points[i + 1]!.at[0]!, axis.log, (x) => winnerAt(x) === w, tolerance);
    bands.push({ from: start, to: edge, winner: w });
    start = edge;
  }
  bands.push({ from: start, to: points[points.length - 1]!.at[0]!, winner: points[points.length - 1]!.winner });
  return bands;
}
