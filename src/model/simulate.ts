/**
 * simulate: the cost model (pure: no disk, clock or console). For each strategy it runs these
 * steps, in this order, each a function of its own module:
 *
 *   layout      strategies/<kind>.ts   what one query sends: static prefix, dynamic part, output
 *   weights     strategies/parts.ts    whose prices answer: the base model or a fine-tuned one
 *   inference   inference.ts           per-query token items (tier, caching, batch) at a month's hit rate
 *   parts       strategies/parts.ts    the costs the strategy owns: retrieval, training
 *   engineering                        one-time build effort
 *   latency     latency-step.ts        the latency distribution, targets, rate limits, GPU hosting
 *   months      months.ts              every recurring item's quantity and cost in each month
 *   freshness   strategies/<kind>.ts   worst-case staleness against the freshness target
 *
 * then verdict.ts picks the cheapest feasible, priced, on-target strategy. Totals are always sums
 * of line items, in every month; a null price makes a null total (unknown is not zero).
 */
import type { Catalog } from '../catalog/types.js';
import type { ScenarioSettings, StrategySpec, Scenario } from '../scenario/types.js';
import { SECONDS_PER_MONTH } from '../units.js';
import { autoHitRate, explicitCacheItems, planInference, type ShareRates } from './inference.js';
import { reasoningFor } from './reasoning.js';
import { byCategory, costOf, lineItem, nonZero } from './line-items.js';
import { notes } from '../messages/notes.js';
import { projectMonths, queriesInMonth, type SpendFloor } from './months.js';
import { STRATEGY_MODELS } from './strategies/index.js';
import { modelAssumptions } from './strategies/parts.js';
import type { Assumption, LineItem, Note, PricesUsed, Projection, StrategyResult } from './types.js';
import { decideVerdict } from './verdict.js';
import { strategyLatency } from './latency-step.js';
import { plausibilityNotes } from './plausibility.js';
import { assertFinite, NonFiniteError, suspectInputs } from './finite.js';
import type { Front, StrategyReuse } from './reuse.js';

/**
 * The hit rate of a share of traffic that sends `queries` queries in a month (docs/model.md §4.3).
 * Interactive and batch traffic each warm their own cache: batch requests run when the provider
 * schedules them, not interleaved with interactive ones, so an auto rate counts only the share's own.
 */
function hitRateFor(s: ScenarioSettings, queries: number): number {
  return s.caching.hit_rate === 'auto' ? autoHitRate(queries, s.caching.ttl_s, SECONDS_PER_MONTH) : s.caching.hit_rate;
}

/** Inference notes that still apply to a self-hosted model (prices and caching do not). */
const SELF_HOSTED_NOTES = new Set(['context_exceeded', 'input_limit_exceeded', 'max_output_exceeded', 'context_window_unknown']);

/**
 * How much of the latency distribution to keep. A Monte Carlo over inputs (src/uncertainty/)
 * re-projects thousands of times and needs only the percentiles the targets are checked on.
 */
interface SimulateOptions {
  /** Compute the CDF points of the latency chart (default true). */
  latencyCdf?: boolean;
  /**
   * Split each month's total by category (default true). A re-projection reads only the totals
   * (src/uncertainty/project.ts); without the split its months carry `by_category: {}`.
   */
  monthCategories?: boolean;
  /**
   * Fill in what only a report reads (default true). Without it the result carries the figures a
   * re-projection compares (feasible, meets_targets, the months' totals, one-time, total and
   * per-query cost) and leaves `line_items`, `unpriced` and `per_query.by_category` empty and
   * `models` with the generator only.
   */
  details?: boolean;
  /**
   * What this strategy's previous re-projection computed, to take back where its inputs are the
   * same (reuse.ts). Honoured only without details and month categories (a re-projection's
   * options); the caller keeps one per strategy for a whole Monte Carlo or sweep.
   */
  reuse?: StrategyReuse;
}

/** The latency step of a re-projected strategy that is infeasible anyway (see simulateStrategy). */
const latencyNotChecked = (): ReturnType<typeof strategyLatency> => ({
  summary: null,
  line_items: [],
  notes: [],
  meets_targets: true,
  feasible: true,
  rate_limits: [],
  replicas: null,
});

/**
 * The steps that depend on neither the volume (but through month 1's hit rates) nor the change
 * rate: layout, weights, reasoning, the inference plan (at month 1's hit rates), an explicit
 * cache's items and the engineering effort, with their notes in order, and freshness (whose
 * notes come last). A re-projection keeps them (reuse.ts) while only such inputs move.
 */
function frontOf(spec: StrategySpec): Front {
  const s = spec.settings;
  const strategy = STRATEGY_MODELS[spec.kind];
  const out: Note[] = [];
  let feasible = true;

  // layout
  const tokens = strategy.layout(spec);
  const generator = s.models.generator.entry;
  if (generator.encoding === null) out.push(notes.approximateTokens(generator.id));

  // weights
  const weights = strategy.weights(spec);
  out.push(...weights.notes);
  if (!weights.feasible) feasible = false;

  // reasoning: one figure of hidden tokens per query, for cost and latency alike
  const reasoning = reasoningFor(s);
  if (reasoning.tokens !== null && reasoning.tokens > 0) out.push(notes.reasoningTokens(generator.id, reasoning.tokens, reasoning.how));

  // inference: per-query items depend on the month only through an auto hit rate, so the
  // pricing is planned once (limits, tier, notes: month 1's) and each month only asks for
  // quantities. A self-hosted model is billed by the GPU-hour (the latency step adds those
  // items), not per token, so only the context checks of this step apply to it.
  const firstQueries = queriesInMonth(s, 1);
  const plan = planInference(weights.prices, tokens, {
    caching_enabled: s.caching.enabled,
    hit_rate: hitRateFor(s, firstQueries),
    hit_rate_of_share: (fraction) => hitRateFor(s, firstQueries * fraction),
    batch_share: s.workload.batch_share,
    ttl_s: s.caching.ttl_s,
    cache_mode: s.caching.mode,
    reasoning_tokens: reasoning.tokens,
  });
  if (s.deployment) {
    out.push(notes.selfHosted(), ...plan.notes.filter((n) => SELF_HOSTED_NOTES.has(n.code)));
  } else {
    out.push(...plan.notes);
  }
  if (!plan.feasible) feasible = false;

  // An explicit context cache (Gemini) is kept all month: storage monthly, creation once.
  const explicitCache = explicitCacheItems(weights.prices, s.deployment ? 0 : plan.explicit_cache_tokens);

  // engineering
  const weeks = s.one_time.engineer_weeks[spec.kind];
  const engineering =
    weeks > 0
      ? lineItem({ id: 'engineering.effort', name: 'Engineering effort', category: 'engineering', period: 'one_time', unit: 'engineer-weeks', quantity: weeks, unit_price_usd: s.one_time.usd_per_engineer_week, source: 'scenario' })
      : null;

  return {
    tokens,
    retrieves: strategy.parts.some((part) => part.retrievesPerQuery),
    freshness: freshnessOf(spec),
    reasoning,
    plan,
    cachedInputTokens: plan.cachedInputTokensAt(plan.rates),
    inferenceItems: s.deployment ? [] : plan.itemsAt(plan.rates),
    explicitCache,
    engineering,
    notes: out,
    feasible,
  };
}

/**
 * The freshness step: worst-case staleness against the freshness target, its notes in order
 * (the strategy's own, how it carries the knowledge, a missed target), and whether it is met.
 */
function freshnessOf(spec: StrategySpec): Front['freshness'] {
  const s = spec.settings;
  const strategy = STRATEGY_MODELS[spec.kind];
  const freshness = strategy.freshness(spec);
  const out: Note[] = [];
  let meets = true;
  if (freshness.note) out.push(freshness.note);
  out.push(...(strategy.knowledgeNotes?.(spec) ?? []));
  const target = s.knowledge.freshness_target_hours;
  if (s.knowledge.has_corpus && target !== null) {
    if (freshness.hours === null) meets = false;
    else if (freshness.hours > target) {
      meets = false;
      out.push(notes.freshnessMissed(freshness.hours, target, freshness.levers));
    }
  }
  return { hours: freshness.hours, notes: out, meets };
}

/**
 * Appends `items` to `into`, with an indexed loop: a re-projection runs this tens of thousands
 * of times, mostly before the JIT has optimised it, where for…of's iterator costs several reads.
 */
function append<T>(into: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) into.push(items[i]!);
}

export function simulateStrategy(spec: StrategySpec, catalog: Catalog, options: SimulateOptions = {}): StrategyResult {
  const s = spec.settings;
  const strategy = STRATEGY_MODELS[spec.kind];
  const details = options.details ?? true;
  const categories = options.monthCategories ?? true;
  // Kept steps only where no item is written after it is made (reuse.ts): the totals-only path.
  const reuse = !details && !categories ? options.reuse : undefined;
  // Hit rates of the interactive and batch shares in a month of `queries` queries.
  const ratesAt = (queries: number, fractions: ShareRates): ShareRates => [hitRateFor(s, queries * fractions[0]), hitRateFor(s, queries * fractions[1])];
  // The plan's rates are these for month 1's queries (the same doubles), which reuse.ts compares.
  const front = reuse === undefined ? frontOf(spec) : reuse.front(spec, (fractions) => ratesAt(queriesInMonth(s, 1), fractions), () => frontOf(spec));
  const { tokens, reasoning, plan } = front;
  const generator = s.models.generator.entry;
  const out: Note[] = front.notes.slice();
  let feasible = front.feasible;
  const first = { cached_input_tokens: front.cachedInputTokens };

  // parts. The per-query items follow the plan's (the months' quantities come in that order).
  // Copies: the kept front's arrays are handed out again (reuse.ts), never written.
  const perQuery: LineItem[] = front.inferenceItems.slice();
  const monthly: LineItem[] = front.explicitCache.monthly.slice();
  const oneTime: LineItem[] = front.explicitCache.one_time.slice();
  const floors: SpendFloor[] = [];
  for (let k = 0; k < strategy.parts.length; k++) {
    const part = strategy.parts[k]!;
    const c = reuse === undefined ? part.costs(spec) : reuse.partCosts(k, part, spec);
    append(perQuery, c.per_query);
    append(monthly, c.monthly);
    append(oneTime, c.one_time);
    append(floors, c.floors);
    append(out, c.notes);
  }

  // engineering
  if (front.engineering !== null) oneTime.push(front.engineering);

  // latency, and a self-hosted deployment's GPU cost. Without details (a re-projection), a
  // strategy already infeasible and billed per token skips it: an infeasible strategy is never
  // eligible, so nothing reads its latency or its latency targets (its meets_targets then says
  // freshness only), and only a deployment's GPU items would cost anything.
  const retrieves = front.retrieves;
  const latency =
    !details && !feasible && s.deployment === null
      ? latencyNotChecked()
      : strategyLatency(spec, tokens, first.cached_input_tokens, reasoning.tokens, retrieves, catalog, { cdf: options.latencyCdf ?? true, reuse });
  append(monthly, latency.line_items);
  append(out, latency.notes);
  if (!latency.feasible) feasible = false;

  // months
  // Only an auto hit rate moves the inference quantities (the first items), and only where
  // implicit caching applies (plan.rates_matter); parts' stay put.
  // Each item's quantity per query, in its own unit, as a Float64Array: one element kind whichever
  // tier built it (an Array.map result changed kind once TurboFan inlined map, deoptimising
  // quantitiesAt each time).
  const quantities = new Float64Array(perQuery.length);
  for (let k = 0; k < perQuery.length; k++) quantities[k] = perQuery[k]!.quantity;
  const months = projectMonths(s, {
    perQuery,
    perQueryQuantitiesAt:
      front.inferenceItems.length > 0 && s.caching.hit_rate === 'auto' && plan.rates_matter
        ? (queries) => {
            plan.quantitiesAt(ratesAt(queries, plan.fractions), quantities);
            return quantities;
          }
        : undefined,
    monthly,
    floors,
    categories,
    totalsOnly: !details && !categories,
  });

  // freshness and targets (the freshness step is in the front)
  const meetsTargets = latency.meets_targets && front.freshness.meets;
  append(out, front.freshness.notes);

  const lineItems = details ? nonZero([...months.items, ...oneTime]) : [];
  // months.items begins with perQuery (and is empty when only totals were projected); perQuery
  // holds per-query items only (the plan's and the parts' per_query lists).
  const perQueryItems = details || categories ? months.items.filter((i) => i.period === 'per_query') : perQuery;
  const unpriced = details ? [...new Set(lineItems.filter((i) => i.cost_usd === null).map((i) => i.name))] : [];
  if (unpriced.length > 0) out.push(notes.unpriced(unpriced));

  const result: StrategyResult = {
    id: spec.id,
    kind: spec.kind,
    feasible,
    meets_targets: meetsTargets,
    notes: out,
    per_query: {
      input_tokens: tokens.static_prefix_tokens + tokens.dynamic_tokens,
      cached_input_tokens: first.cached_input_tokens,
      output_tokens: tokens.output_tokens,
      cost_usd: costOf(perQueryItems),
      by_category: details ? byCategory(perQueryItems) : {},
      latency_ms: latency.summary,
    },
    freshness_hours: s.knowledge.has_corpus ? front.freshness.hours : null,
    monthly: months.months,
    one_time_usd: costOf(oneTime),
    total_usd: null,
    line_items: lineItems,
    rate_limits: latency.rate_limits,
    replicas: latency.replicas,
    unpriced,
    models: details ? Object.assign({ generator: generator.id }, ...strategy.parts.map((part) => part.models(spec))) : { generator: generator.id },
  };
  let monthlySum: number | null = 0;
  for (let i = 0; i < months.months.length; i++) {
    const usd = months.months[i]!.total_usd;
    if (usd === null) {
      monthlySum = null;
      break;
    }
    monthlySum += usd;
  }
  result.total_usd = result.one_time_usd === null || monthlySum === null ? null : result.one_time_usd + monthlySum;
  return result;
}

/** Catalog figures a projection rests on, with their source and date (for the report's assumptions). */
function catalogAssumptions(scenario: Scenario): Assumption[] {
  const seen = new Set<string>();
  const out: Assumption[] = [];
  for (const spec of scenario.strategies) {
    const strategy = STRATEGY_MODELS[spec.kind];
    const figures = [...modelAssumptions(spec.settings.models.generator), ...strategy.parts.flatMap((part) => part.assumptions(spec))];
    for (const a of figures) {
      if (seen.has(a.path)) continue;
      seen.add(a.path);
      out.push(a);
    }
  }
  return out;
}

/**
 * One strategy, finite by construction: a RangeError from a model step (a latency median of
 * Infinity ms, an offered load past float64) or a non-finite figure in the result becomes a
 * NonFiniteError naming the inputs most likely responsible (see finite.ts).
 */
function simulateFinite(scenario: Scenario, spec: StrategySpec, catalog: Catalog, options: SimulateOptions): StrategyResult {
  let result: StrategyResult;
  try {
    result = simulateStrategy(spec, catalog, options);
  } catch (err) {
    if (err instanceof RangeError) throw new NonFiniteError(err.message, suspectInputs(scenario, spec), spec.id);
    throw err;
  }
  assertFinite(result, scenario, spec, `strategies.${spec.id}.`);
  return result;
}

/**
 * The prices a projection rests on, per source: the oldest and newest date of the entries
 * its strategies were priced from (so a header never claims one date for prices of several).
 */
function pricesUsed(scenario: Scenario): PricesUsed[] {
  const bySource = new Map<string, { oldest: string; newest: string }>();
  const add = (src: { name: string; as_of: string }) => {
    const seen = bySource.get(src.name);
    if (!seen) bySource.set(src.name, { oldest: src.as_of, newest: src.as_of });
    else {
      if (src.as_of < seen.oldest) seen.oldest = src.as_of;
      if (src.as_of > seen.newest) seen.newest = src.as_of;
    }
  };
  for (const spec of scenario.strategies) {
    const s = spec.settings;
    const strategy = STRATEGY_MODELS[spec.kind];
    const ft = strategy.weights(spec).fine_tuning;
    if (s.deployment === null && ft === null) add(s.models.generator.entry.source);
    if (ft) add(ft.source);
    if (strategy.parts.some((part) => part.retrievesPerQuery)) {
      for (const m of [s.models.embedding, s.models.reranker]) if (m) add(m.entry.source);
      add(s.retrieval.vector_store.source);
    }
  }
  return [...bySource.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([source, d]) => ({ source, ...d }));
}

/** Throws NonFiniteError (finite.ts) rather than return a projection holding NaN or ±Infinity. */
export function simulate(scenario: Scenario, catalog: Catalog, options: SimulateOptions = {}): Projection {
  const strategies = scenario.strategies.map((spec) => simulateFinite(scenario, spec, catalog, options));
  // Inputs each within bounds can still make an implausible projection: it says so (plausibility.ts).
  const projectionNotes: Note[] = plausibilityNotes(scenario, strategies);
  return {
    schema: 'costsim.projection/v1',
    scenario: {
      name: scenario.name,
      file: scenario.file,
      description: scenario.description,
      horizon_months: scenario.base.horizon_months,
      start_month: scenario.base.start_month,
    },
    catalog: { as_of: catalog.as_of, prices_used: pricesUsed(scenario) },
    targets: {
      slo_p95_ms: scenario.base.latency.slo_p95_ms,
      slo_ttft_p95_ms: scenario.base.latency.slo_ttft_p95_ms,
      freshness_target_hours: scenario.base.knowledge.freshness_target_hours,
    },
    verdict: decideVerdict(strategies),
    strategies,
    assumptions: [...scenario.assumptions, ...catalogAssumptions(scenario)],
    notes: projectionNotes,
  };
}
