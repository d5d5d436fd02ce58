/**
 * The cost model's pipeline (pure: no disk, clock or console):
 *
 *   Scenario ─▶ for each strategy:
 *                 layout (strategies/*)      what one query sends: static prefix, dynamic part, output
 *                 priceInference             per-query inference line items (tier, caching, batch)
 *                 retrievalCosts             per-query, monthly and one-time retrieval/indexing items
 *                 fineTuningCosts            training, curation, hosting items
 *                 projectMonths              Σ per-query items × that month's queries + monthly items
 *                 freshness, targets         notes and meets_targets
 *             ─▶ decideVerdict ─▶ Projection (SPEC §9)
 *
 * Totals are always sums of line items; a null price makes a null total (unknown is not zero).
 */
import { PRICE_TABLE_FIELDS, pickFields, unknownFields } from '../catalog/model-fields.js';
import type { Catalog, FineTuningEntry, ModelEntry } from '../catalog/types.js';
import type { ScenarioSettings, StrategySpec, Scenario } from '../scenario/types.js';
import { SECONDS_PER_MONTH } from '../units.js';
import { fineTunedPrices, fineTuningCosts } from './fine-tuning.js';
import { autoHitRate, explicitCacheItems, priceInference, type PriceTable } from './inference.js';
import { reasoningFor } from './reasoning.js';
import { byCategory, costOf, lineItem, nonZero, pricedBy, sumKnown } from './line-items.js';
import { notes } from './messages.js';
import { projectMonths, queriesInMonth } from './months.js';
import { retrievalCosts } from './retrieval.js';
import { STRATEGY_MODELS } from './strategies/index.js';
import type { Assumption, LineItem, Note, PricesUsed, Projection, StrategyResult } from './types.js';
import { decideVerdict } from './verdict.js';
import { strategyLatency } from './latency-step.js';
import { assertFinite, NonFiniteError, suspectInputs } from './finite.js';

export function priceTableOf(model: ModelEntry): PriceTable {
  return {
    label: model.id,
    source: pricedBy(model.id, model.source),
    ...pickFields(model, PRICE_TABLE_FIELDS),
    cache_storage_usd_per_1m_per_hour: model.cache_storage_usd_per_1m_per_hour,
    long_context: model.long_context,
  };
}

/** The hit rate used in a month with `queries` queries (SPEC §4.3). */
export function hitRateFor(s: ScenarioSettings, queries: number): number {
  return s.caching.hit_rate === 'auto' ? autoHitRate(queries, s.caching.ttl_s, SECONDS_PER_MONTH) : s.caching.hit_rate;
}

/** Inference notes that still apply to a self-hosted model (prices and caching do not). */
const SELF_HOSTED_NOTES = new Set(['context_exceeded', 'input_limit_exceeded', 'max_output_exceeded', 'context_window_unknown']);

const UNPRICEABLE: Omit<PriceTable, 'label' | 'source'> = { ...unknownFields(PRICE_TABLE_FIELDS), cache_storage_usd_per_1m_per_hour: null, long_context: null };

export function simulateStrategy(spec: StrategySpec, catalog: Catalog): StrategyResult {
  const s = spec.settings;
  const model = STRATEGY_MODELS[spec.kind];
  const tokens = model.layout(spec);
  const out: Note[] = [];
  let feasible = true;

  const generator = s.models.generator.entry;
  if (generator.encoding === null) out.push(notes.approximateTokens(generator.id));
  let prices = priceTableOf(generator);
  let ft: FineTuningEntry | null = null;
  if (model.usesFineTunedWeights) {
    ft = s.fine_tuning.entry;
    if (ft === null) {
      out.push(notes.noFineTuning(generator.id));
      feasible = false;
      prices = { ...UNPRICEABLE, label: `ft:${generator.id}`, source: pricedBy(`ft:${generator.id}`, { name: 'no fine-tuning entry', as_of: 'unknown' }) };
    } else {
      prices = fineTunedPrices(prices, ft);
    }
  }

  // One reasoning figure for cost and latency.
  const reasoning = reasoningFor(s);
  if (reasoning.tokens !== null && reasoning.tokens > 0) out.push(notes.reasoningTokens(generator.id, reasoning.tokens, reasoning.how));

  // Per-query items depend on the month only through an auto hit rate.
  const inferenceAt = (queries: number) =>
    priceInference(prices, tokens, {
      caching_enabled: s.caching.enabled,
      hit_rate: hitRateFor(s, queries),
      batch_share: s.workload.batch_share,
      ttl_s: s.caching.ttl_s,
      cache_mode: s.caching.mode,
      reasoning_tokens: reasoning.tokens,
    });
  const first = inferenceAt(queriesInMonth(s, 1));
  if (s.deployment) {
    // A self-hosted model is billed by the GPU-hour (the latency step adds those items), not per
    // token, so only the context checks of the inference step apply.
    first.items = [];
    first.notes = first.notes.filter((n) => SELF_HOSTED_NOTES.has(n.code));
    out.push(notes.selfHosted());
  }
  out.push(...first.notes);
  if (!first.feasible) feasible = false;

  const perQuery: LineItem[] = [...first.items];
  const explicitCache = explicitCacheItems(prices, s.deployment ? 0 : first.explicit_cache_tokens);
  const monthly: LineItem[] = [...explicitCache.monthly];
  const oneTime: LineItem[] = [...explicitCache.one_time];
  let retrievalStore: ReturnType<typeof retrievalCosts> | null = null;
  if (model.usesRetrieval) {
    retrievalStore = retrievalCosts(s);
    perQuery.push(...retrievalStore.per_query);
    monthly.push(...retrievalStore.monthly);
    oneTime.push(...retrievalStore.one_time);
    out.push(...retrievalStore.notes);
  }
  let trainingHours = 0;
  if (model.usesFineTunedWeights && ft !== null) {
    const costs = fineTuningCosts(s, ft);
    monthly.push(...costs.monthly);
    oneTime.push(...costs.one_time);
    out.push(...costs.notes);
    trainingHours = costs.training_hours;
  }
  const weeks = s.one_time.engineer_weeks[spec.kind];
  if (weeks > 0) {
    oneTime.push(
      lineItem({ id: 'engineering.effort', name: 'Engineering effort', category: 'engineering', period: 'one_time', unit: 'engineer-weeks', quantity: weeks, unit_price_usd: s.one_time.usd_per_engineer_week, source: 'scenario' }),
    );
  }

  // Latency (SPEC §5) and any self-hosted deployment's GPU cost.
  const latency = strategyLatency(spec, tokens, first.cached_input_tokens, reasoning.tokens, catalog);
  monthly.push(...latency.line_items);
  out.push(...latency.notes);
  if (!latency.feasible) feasible = false;

  const months = projectMonths(s, {
    perQueryAt: (queries) => {
      const items = s.deployment ? [] : [...inferenceAt(queries).items];
      if (retrievalStore) items.push(...retrievalStore.per_query);
      return items;
    },
    monthly,
    floors: retrievalStore ? retrievalStore.floors : [],
  });

  const freshness = model.freshness(spec, { training_hours: trainingHours });
  let meetsTargets = latency.meets_targets;
  if (freshness.note) out.push(freshness.note);
  const target = s.knowledge.freshness_target_hours;
  if (s.knowledge.has_corpus && target !== null) {
    if (freshness.hours === null) meetsTargets = false;
    else if (freshness.hours > target) {
      meetsTargets = false;
      out.push(notes.freshnessMissed(freshness.hours, target));
    }
  }

  const lineItems = nonZero([...months.items, ...oneTime]);
  const perQueryItems = months.items.filter((i) => i.period === 'per_query');
  const unpriced = [...new Set(lineItems.filter((i) => i.cost_usd === null).map((i) => i.name))];
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
      by_category: byCategory(perQueryItems),
      latency_ms: latency.summary,
    },
    freshness_hours: s.knowledge.has_corpus ? freshness.hours : null,
    monthly: months.months,
    one_time_usd: costOf(oneTime),
    total_usd: null,
    line_items: lineItems,
    rate_limits: latency.rate_limits,
    replicas: latency.replicas,
    unpriced,
    models: modelsUsed(spec, ft),
  };
  const monthlySum = sumKnown(months.months.map((m) => m.total_usd));
  result.total_usd = result.one_time_usd === null || monthlySum === null ? null : result.one_time_usd + monthlySum;
  return result;
}

function modelsUsed(spec: StrategySpec, ft: FineTuningEntry | null): StrategyResult['models'] {
  const s = spec.settings;
  const used: StrategyResult['models'] = { generator: s.models.generator.entry.id };
  if (STRATEGY_MODELS[spec.kind].usesRetrieval) {
    if (s.models.embedding) used.embedding = s.models.embedding.entry.id;
    if (s.models.reranker) used.reranker = s.models.reranker.entry.id;
    used.vector_store = s.retrieval.vector_store.id;
  }
  if (ft) used.fine_tuning = ft.snapshot;
  return used;
}

/** Catalog figures a projection rests on, with their source and date (for the report's assumptions). */
function catalogAssumptions(scenario: Scenario): Assumption[] {
  const seen = new Set<string>();
  const out: Assumption[] = [];
  const add = (path: string, value: number | null, source: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    out.push({ path, value, origin: 'catalog', source });
  };
  for (const spec of scenario.strategies) {
    const s = spec.settings;
    const models = [s.models.generator, s.models.embedding, s.models.reranker].filter((m) => m !== null);
    for (const m of models) {
      const e = m.entry;
      const src = m.inline ? 'scenario (inline model)' : `${e.source.name}, ${e.source.as_of}`;
      add(`catalog:${e.id}.input_usd_per_1m`, e.input_usd_per_1m, src);
      if (e.mode === 'chat') {
        add(`catalog:${e.id}.output_usd_per_1m`, e.output_usd_per_1m, src);
        add(`catalog:${e.id}.cached_input_usd_per_1m`, e.cached_input_usd_per_1m, src);
        add(`catalog:${e.id}.context_window`, e.context_window, src);
      }
      if (e.mode === 'rerank') add(`catalog:${e.id}.rerank_usd_per_search`, e.rerank_usd_per_search, src);
    }
    const ft = s.fine_tuning.entry;
    if (ft && STRATEGY_MODELS[spec.kind].usesFineTunedWeights) {
      const src = `${ft.source.name}, ${ft.source.as_of}`;
      add(`catalog:fine-tuning.${ft.base_model}.training_usd_per_1m`, ft.training_usd_per_1m, src);
      add(`catalog:fine-tuning.${ft.base_model}.input_usd_per_1m`, ft.input_usd_per_1m, src);
      add(`catalog:fine-tuning.${ft.base_model}.output_usd_per_1m`, ft.output_usd_per_1m, src);
    }
    if (STRATEGY_MODELS[spec.kind].usesRetrieval) {
      const v = s.retrieval.vector_store;
      const src = s.retrieval.vector_store_inline ? 'scenario (inline vector store)' : `${v.source.name}, ${v.source.as_of}`;
      add(`catalog:${v.id}.monthly_usd`, v.monthly_usd, src);
      add(`catalog:${v.id}.storage_usd_per_gb_month`, v.storage_usd_per_gb_month, src);
      add(`catalog:${v.id}.read_unit_usd_per_1m`, v.read_unit_usd_per_1m, src);
      add(`catalog:${v.id}.minimum_monthly_usd`, v.minimum_monthly_usd, src);
    }
  }
  return out;
}

/**
 * One strategy, finite by construction: a RangeError from a model step (a latency median of
 * Infinity ms, an offered load past float64) or a non-finite figure in the result becomes a
 * NonFiniteError naming the inputs most likely responsible (see finite.ts).
 */
function simulateFinite(scenario: Scenario, spec: StrategySpec, catalog: Catalog): StrategyResult {
  let result: StrategyResult;
  try {
    result = simulateStrategy(spec, catalog);
  } catch (err) {
    if (err instanceof RangeError) throw new NonFiniteError(err.message, suspectInputs(scenario, spec), spec.id);
    throw err;
  }
  assertFinite(result, scenario, spec, `strategies.${spec.id}.`);
  return result;
}

/** Throws NonFiniteError (finite.ts) rather than return a projection holding NaN or ±Infinity. */
/**
 * The prices a projection rests on, per source: the oldest and newest date of the entries
 * its strategies were priced from (so a header never claims one date for prices of several).
 */
export function pricesUsed(scenario: Scenario): PricesUsed[] {
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
    const kind = STRATEGY_MODELS[spec.kind];
    const ft = kind.usesFineTunedWeights ? s.fine_tuning.entry : null;
    if (s.deployment === null && ft === null) add(s.models.generator.entry.source);
    if (ft) add(ft.source);
    if (kind.usesRetrieval) {
      for (const m of [s.models.embedding, s.models.reranker]) if (m) add(m.entry.source);
      add(s.retrieval.vector_store.source);
    }
  }
  return [...bySource.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([source, d]) => ({ source, ...d }));
}

export function simulate(scenario: Scenario, catalog: Catalog): Projection {
  const strategies = scenario.strategies.map((spec) => simulateFinite(scenario, spec, catalog));
  const projectionNotes: Note[] = [];
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
