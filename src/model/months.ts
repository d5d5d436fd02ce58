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
  for (let i = 0; i < horizon; i++) {
    const q = queriesInMonth(s, i + 1);
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
