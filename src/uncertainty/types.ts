/**
 * The uncertainty section of a projection (`projection.uncertainty`, present only when the
 * scenario has a range): what the Monte Carlo over inputs found, the sensitivity of the
 * recommendation to each input, and where the verdict flips.
 */
import type { FieldKind } from '../scenario/fields.js';
import type { Distribution } from './distributions.js';

export interface Percentiles {
  p10: number;
  p50: number;
  p90: number;
}

export interface InputSummary {
  /** Where the range is written: "workload.queries_per_month", "vars.daily_chats", … */
  id: string;
  distribution: Distribution['type'];
  /** How its values read (fraction → %, hours → days); absent for a var (a plain number). */
  kind?: FieldKind;
  /** The range as written: the 90% interval's ends, or the three-point estimate. */
  low: number;
  base: number;
  high: number;
  /** The 5th, 50th and 95th percentiles of the draws (after clamping to the field's bounds). */
  sampled: { p5: number; p50: number; p95: number };
}

export interface StrategyUncertainty {
  id: string;
  /** Over the draws where it is priced; null when it never is. */
  total_usd: Percentiles | null;
  per_query_usd: Percentiles | null;
  /** Each month's spend (index 0 = month 1). */
  monthly_usd: (Percentiles | null)[];
  /** Cumulative cost by the end of month m (index m; index 0 = the one-time costs alone). */
  cumulative_usd: (Percentiles | null)[];
  /** Share of draws in which it is the verdict (cheapest among feasible, priced, on-target strategies). */
  p_recommended: number;
  p_infeasible: number;
  /** Share of draws in which it is feasible but misses a target (latency, freshness, rate limit). */
  p_misses_target: number;
}

/** One input moved to its low and high end, the others at base (a tornado bar). */
export interface SensitivityBar {
  id: string;
  kind?: FieldKind;
  low: number;
  high: number;
  /** Total of the base verdict's strategy with the input at its low / high end (null = unpriced). */
  total_at_low: number | null;
  total_at_high: number | null;
  /** |total_at_high − total_at_low| (USD). */
  swing_usd: number;
  /** The verdict at each end (null = none qualifies). */
  verdict_at_low: string | null;
  verdict_at_high: string | null;
}

/** The tornado and the break-evens: `projection.sensitivity`. */
export interface Sensitivity {
  /** The strategy whose total is shown: the verdict with every input at base. */
  strategy: string;
  base_total_usd: number;
  /** "ranges": the scenario's uncertain inputs at their range ends; "main": main inputs halved and doubled. */
  inputs_from: 'ranges' | 'main';
  /** Sorted by swing, largest first. */
  bars: SensitivityBar[];
  /** Exact crossovers of the verdict's total with another strategy's, along each input's low…high (others at base). */
  break_even: BreakEven[];
}

/** An exact crossover of two strategies' totals along one input, the others at base. */
export interface BreakEven {
  input: string;
  kind?: FieldKind;
  /** Value of the input where the two totals are equal. */
  value: number;
  /** Cheaper below `value`, and cheaper above it. */
  below: string;
  above: string;
}

export interface UncertaintySummary {
  samples: number;
  seed: number;
  /** Latency Monte Carlo draws per strategy per draw (the run's own latency uses latency.samples). */
  latency_samples: number;
  inputs: InputSummary[];
  strategies: StrategyUncertainty[];
  /** Share of draws in which no strategy qualifies. */
  p_no_verdict: number;
  /** The robust verdict, sentence by sentence. */
  verdict: string[];
}
