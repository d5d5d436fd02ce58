/**
 * Project a strategy's recurring line items over the horizon:
 *   queries in month m = queries_per_month · (1 + growth)^(m − 1)
 *   per-query item:  quantity in month m = (its quantity per query in month m) × queries in month m
 *                    (the quantity per query changes with traffic only through an auto hit rate)
 *   monthly item:    the same quantity every month
 *   floor:           a top-up to a minimum monthly spend over the items it covers
 *                    (a vector store's plan minimum), max(0, minimum − their cost in month m)
 *   monthly[m].total_usd = Σ items' cost in month m
 * so the month totals are sums of line items by construction.
 */
import type { ScenarioSettings } from '../scenario/types.js';
import { byCategoryInMonth, costAt, costInMonth, lineItem } from './line-items.js';
import type { CostCategory, LineItem, MonthResult } from './types.js';

/** A minimum monthly spend over some items, declared by whoever sells it (e.g. a vector store plan). */
export interface SpendFloor {
  /** The top-up item's id and name. */
  id: string;
  name: string;
  category: CostCategory;
  minimum_usd: number;
  /** Ids of the items whose cost counts towards the minimum. */
  covers: ReadonlySet<string>;
  source?: string;
}

interface RecurringInputs {
  /** Per-query items at month 1's traffic, quantities per query (the templates every month fills). */
  perQuery: LineItem[];
  /**
   * The same items' quantities per query in a month with this many queries, in the same order;
   * absent when they do not change with traffic (they change only through an auto hit rate).
   */
  perQueryQuantitiesAt?: (queries: number) => ArrayLike<number>;
  monthly: LineItem[];
  floors: SpendFloor[];
  /** false: each month's by_category is left empty (a re-projection reads only the totals). */
  categories?: boolean;
  /**
   * true: only each month's total (a re-projection reads nothing else): no item gets its month
   * arrays, `items` is empty and by_category too. The totals are the same sums, in the same order.
   */
  totalsOnly?: boolean;
}

interface MonthsResult {
  months: MonthResult[];
  /** Every recurring item (month-1 quantity, plus its month arrays), floors' top-ups included. */
  items: LineItem[];
}

/** Queries in month m (1-based): queries_per_month · (1 + growth)^(m − 1). */
export function queriesInMonth(s: ScenarioSettings, month: number): number {
  return s.workload.queries_per_month * Math.pow(1 + s.workload.growth_per_month, month - 1);
}

/**
 * (1 + growth)^(m − 1) for m = 1 … horizon, kept for the last growth asked: a Monte Carlo or a
 * sweep projects thousands of times with the same growth. The same doubles Math.pow gives, so
 * queries_per_month × factor[m − 1] is queriesInMonth(s, m) bit for bit.
 */
let factorsGrowth = Number.NaN;
let factors: number[] = [];

function growthFactors(growth: number, horizon: number): readonly number[] {
  if (!Object.is(growth, factorsGrowth)) {
    factorsGrowth = growth;
    factors = [];
  }
  for (let i = factors.length; i < horizon; i++) factors.push(Math.pow(1 + growth, i));
  return factors;
}

function monthLabel(startMonth: string, month: number): string {
  const [y, m] = startMonth.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + (month - 1);
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Labels by start month and month, formed once: a Monte Carlo projects the same months thousands of times. */
const labelCache = new Map<string, string[]>();

function labelsFor(startMonth: string, horizon: number): string[] {
  let labels = labelCache.get(startMonth);
  if (labels === undefined) {
    if (labelCache.size >= 64) labelCache.clear(); // bounded: a batch has few distinct start months
    labels = [];
    labelCache.set(startMonth, labels);
  }
  for (let i = labels.length; i < horizon; i++) labels.push(monthLabel(startMonth, i + 1));
  return labels;
}

function setMonth(item: LineItem, index: number, quantity: number): void {
  item.quantity_by_month[index] = quantity;
  item.cost_usd_by_month[index] = costAt(quantity, item.unit_price_usd);
}

export function projectMonths(s: ScenarioSettings, inputs: RecurringInputs): MonthsResult {
  if (inputs.totalsOnly === true) return monthTotals(s, inputs);
  const horizon = s.horizon_months;
  // Month 1's per-query items are the templates; later months fill their arrays in place.
  const perQuery = inputs.perQuery;
  const monthly = inputs.monthly;
  const topUps = inputs.floors.map((f) =>
    lineItem({ id: f.id, name: f.name, category: f.category, period: 'monthly', unit: 'USD', quantity: 0, unit_price_usd: 1, ...(f.source ? { source: f.source } : {}) }),
  );
  // The items each floor covers, in the order their costs are summed.
  const covered = inputs.floors.map((floor) => [...perQuery, ...monthly].filter((it) => floor.covers.has(it.id)));
  const queries: number[] = [];
  const growth = growthFactors(s.workload.growth_per_month, horizon);
  for (let i = 0; i < horizon; i++) {
    const q = s.workload.queries_per_month * growth[i]!;
    queries.push(q);
    const quantities = i === 0 || inputs.perQueryQuantitiesAt === undefined ? null : inputs.perQueryQuantitiesAt(q);
    for (let k = 0; k < perQuery.length; k++) {
      const item = perQuery[k]!;
      setMonth(item, i, (quantities === null ? item.quantity : quantities[k]!) * q);
    }
    for (const item of monthly) setMonth(item, i, item.quantity);
    for (let f = 0; f < covered.length; f++) {
      const floor = inputs.floors[f]!;
      let usage: number | null = 0;
      for (const it of covered[f]!) {
        const usd = costInMonth(it, i);
        if (usd === null) {
          usage = null;
          break;
        }
        usage += usd;
      }
      // An unknown usage leaves the top-up at 0: the month total is unknown anyway.
      setMonth(topUps[f]!, i, usage !== null && usage < floor.minimum_usd ? floor.minimum_usd - usage : 0);
    }
  }
  for (const t of topUps) t.quantity = t.quantity_by_month[0] ?? 0;
  for (const t of topUps) t.cost_usd = costAt(t.quantity, t.unit_price_usd);

  // A floor that never bites adds no item (and no category) at all.
  const all = [...perQuery, ...monthly, ...topUps.filter((t) => t.quantity_by_month.some((q) => q > 0))];
  const labels = labelsFor(s.start_month, horizon);
  const months: MonthResult[] = [];
  for (let i = 0; i < horizon; i++) {
    let total: number | null = 0;
    for (const it of all) {
      const usd = costInMonth(it, i);
      if (usd === null) {
        total = null;
        break;
      }
      total += usd;
    }
    const byCategory = inputs.categories === false ? {} : byCategoryInMonth(all, i);
    months.push({ month: i + 1, label: labels[i]!, queries: queries[i]!, total_usd: total, by_category: byCategory });
  }
  return { months, items: all };
}

/** The split by category of a month projected for its total only: none (one object, never modified). */
const NO_CATEGORIES: MonthResult['by_category'] = Object.freeze({});

/** monthTotals' item costs of one month, reused from call to call (it calls nothing that calls it). */
let scratch = new Float64Array(32);

/**
 * projectMonths' month totals without the items' month arrays: each month's item costs go into
 * one scratch array and are summed in projectMonths' order (per-query items, monthly items, then
 * the floors' top-ups), so every total is the same double. A top-up that never bites is 0 in
 * every month, and adding 0 leaves a sum as it is, so it is added like the others. An item's cost
 * is unknown exactly when its price is, in every month alike: one unpriced item makes every
 * month's total unknown, as in projectMonths.
 */
function monthTotals(s: ScenarioSettings, inputs: RecurringInputs): MonthsResult {
  const horizon = s.horizon_months;
  const { perQuery, monthly, floors } = inputs;
  const n = perQuery.length;
  const all = n + monthly.length;
  let priced = true;
  for (let k = 0; k < n; k++) priced &&= perQuery[k]!.unit_price_usd !== null;
  for (let k = 0; k < monthly.length; k++) priced &&= monthly[k]!.unit_price_usd !== null;
  if (scratch.length < all) scratch = new Float64Array(Math.max(all, 2 * scratch.length));
  const costs = scratch;
  // Indices (into costs) of the items each floor covers, in the order their costs are summed.
  const covered: number[][] = [];
  for (let f = 0; f < floors.length; f++) {
    const at: number[] = [];
    for (let k = 0; k < all; k++) if (floors[f]!.covers.has((k < n ? perQuery[k] : monthly[k - n])!.id)) at.push(k);
    covered.push(at);
  }
  for (let k = n; k < all; k++) costs[k] = monthly[k - n]!.quantity * monthly[k - n]!.unit_price_usd!;
  const growth = growthFactors(s.workload.growth_per_month, horizon);
  const labels = labelsFor(s.start_month, horizon);
  const months: MonthResult[] = [];
  for (let i = 0; i < horizon; i++) {
    const q = s.workload.queries_per_month * growth[i]!;
    let total: number | null = null;
    if (priced) {
      const quantities = i === 0 || inputs.perQueryQuantitiesAt === undefined ? null : inputs.perQueryQuantitiesAt(q);
      for (let k = 0; k < n; k++) {
        const item = perQuery[k]!;
        costs[k] = (quantities === null ? item.quantity : quantities[k]!) * q * item.unit_price_usd!;
      }
      let sum = 0;
      for (let k = 0; k < all; k++) sum += costs[k]!;
      for (let f = 0; f < floors.length; f++) {
        const at = covered[f]!;
        let usage = 0;
        for (let j = 0; j < at.length; j++) usage += costs[at[j]!]!;
        sum += usage < floors[f]!.minimum_usd ? floors[f]!.minimum_usd - usage : 0;
      }
      total = sum;
    }
    months.push({ month: i + 1, label: labels[i]!, queries: q, total_usd: total, by_category: NO_CATEGORIES });
  }
  return { months, items: [] };
}
