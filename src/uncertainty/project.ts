/**
 * The projection a draw or a sweep point needs: every strategy's result and the verdict,
 * with the latency Monte Carlo cut to DRAW_LATENCY_SAMPLES draws and no CDF (docs/model.md
 * §16.3), and months without their split by category (nothing that re-projects reads it: draws,
 * sweep points, tornado ends and break-evens compare totals). It leaves out what only a report reads (the assumptions list, with its catalog
 * sources, and the verdict's reasons: only the recommended strategy is named) and replaces simulate's walk over every figure with a check of the totals: the
 * values set here are clamped into the field table's bounds, which keep the model finite.
 * A run of re-projections (Reprojections) also keeps, per strategy, the steps its moved inputs
 * leave as they were (src/model/reuse.ts), with the same results bit for bit.
 */
import type { Catalog } from '../catalog/types.js';
import { simulateStrategy } from '../model/simulate.js';
import { StrategyReuse } from '../model/reuse.js';
import { problemText } from '../messages/problems.js';
import type { StrategyResult, Verdict } from '../model/types.js';
import { recommendedOf } from '../model/verdict.js';
import { unworded } from '../messages/notes.js';
import type { Scenario } from '../scenario/types.js';
import { InputError } from './apply.js';

/** Latency draws per strategy in each re-projection (see docs/model.md §16.3 for the error this brings). */
export const DRAW_LATENCY_SAMPLES = 2000;

/** The scenario with a smaller latency Monte Carlo in every strategy (never more than it asked for). */
export function withLatencySamples(scenario: Scenario, samples: number): Scenario {
  return {
    ...scenario,
    strategies: scenario.strategies.map((spec) =>
      spec.settings.latency.samples <= samples ? spec : { ...spec, settings: { ...spec.settings, latency: { ...spec.settings.latency, samples } } },
    ),
  };
}

/**
 * What a re-projection skips: the latency CDF, each month's split by category and what only a
 * report reads (line items, models; only totals are read), and the notes' wording (unworded).
 */
const LEAN = { latencyCdf: false, monthCategories: false, details: false } as const;

export interface Reprojection {
  strategies: StrategyResult[];
  /** The verdict's strategy (its reasons are not worded: nothing that re-projects reads them). */
  verdict: Pick<Verdict, 'recommended'>;
}

/**
 * What a run of re-projections (a Monte Carlo, a sweep, a sensitivity analysis) keeps from one
 * to the next: each strategy's steps that the moved inputs leave as they were
 * (src/model/reuse.ts), by the strategy's place in the scenario. Every kept step is checked
 * against its inputs on each call, so any scenario may be passed; the copies withInputs makes
 * of one scenario are what make them hit. One per run: it holds one result per step and strategy.
 * A new one keeps nothing yet: its first call computes every step.
 */
export class Reprojections {
  /** simulateStrategy's options for each strategy, by its place: LEAN and its own StrategyReuse. */
  private readonly kept: (typeof LEAN & { reuse: StrategyReuse })[] = [];

  constructor(private readonly catalog: Catalog) {}

  /** Every strategy of `scenario` (already cut with withLatencySamples) and the verdict. */
  all(scenario: Scenario): Reprojection {
    const strategies = unworded(() =>
      scenario.strategies.map((spec, k) => {
        const r = simulateStrategy(spec, this.catalog, this.options(k));
        if (r.total_usd !== null && !Number.isFinite(r.total_usd)) {
          throw new InputError(problemText.totalNotFinite(spec.id));
        }
        return r;
      }),
    );
    return { strategies, verdict: { recommended: recommendedOf(strategies) } };
  }

  /** One strategy only (a crossover between two strategies re-projects just those). */
  one(scenario: Scenario, index: number): StrategyResult {
    return unworded(() => simulateStrategy(scenario.strategies[index]!, this.catalog, this.options(index)));
  }

  private options(index: number): typeof LEAN & { reuse: StrategyReuse } {
    return (this.kept[index] ??= { ...LEAN, reuse: new StrategyReuse() });
  }
}
