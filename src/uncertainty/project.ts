/**
 * The projection a draw or a sweep point needs: every strategy's result and the verdict,
 * with the latency Monte Carlo cut to DRAW_LATENCY_SAMPLES draws and no CDF (docs/model.md
 * §16.3), and months without their split by category (nothing that re-projects reads it: draws,
 * sweep points, tornado ends and break-evens compare totals). It leaves out what only a report reads (the assumptions list, with its catalog
 * sources, and the verdict's reasons: only the recommended strategy is named) and replaces simulate's walk over every figure with a check of the totals: the
 * values set here are clamped into the field table's bounds, which keep the model finite.
 */
import type { Catalog } from '../catalog/types.js';
import { simulateStrategy } from '../model/simulate.js';
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

/** Every strategy of `scenario` (already cut with withLatencySamples) and the verdict. */
export function reproject(scenario: Scenario, catalog: Catalog): Reprojection {
  const strategies = unworded(() =>
    scenario.strategies.map((spec) => {
      const r = simulateStrategy(spec, catalog, LEAN);
      if (r.total_usd !== null && !Number.isFinite(r.total_usd)) {
        throw new InputError(problemText.totalNotFinite(spec.id));
      }
      return r;
    }),
  );
  return { strategies, verdict: { recommended: recommendedOf(strategies) } };
}

/** One strategy only (a crossover between two strategies re-projects just those). */
export function reprojectStrategy(scenario: Scenario, catalog: Catalog, index: number): StrategyResult {
  return unworded(() => simulateStrategy(scenario.strategies[index]!, catalog, LEAN));
}
