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
import { byCategoryInMonth, costAt, costInMonth, lineItem, sumKnown } from './line-items.js';
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

export interface RecurringInputs {
  /** Per-query items for a month with this many queries (the same ids every month). */
  perQueryAt(queries: number): LineItem[];
  monthly: LineItem[];
  floors: SpendFloor[];
}

export interface MonthsResult {
  months: MonthResult[];
  /** Every recurring item (month-1 quantity, plus its month arrays), floors' top-ups included. */
  items: LineItem[];
}

/** Queries in month m (1-based): queries_per_month · (1 + growth)^(m − 1). */
export function queriesInMonth(s: ScenarioSettings, month: number): number {
  return s.workload.queries_per_month * Math.pow(1 + s.workload.growth_per_month, month - 1);
}

export function monthLabel(startMonth: string, month: number): string {
  const [y, m] = startMonth.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + (month - 1);
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function setMonth(item: LineItem, index: number, quantity: number): void {
  item.quantity_by_month[index] = quantity;
  item.cost_usd_by_month[index] = costAt(quantity, item.unit_price_usd);
}

export function projectMonths(s: ScenarioSettings, inputs: RecurringInputs): MonthsResult {
  const horizon = s.horizon_months;
  // Month 1's per-query items are the templates; later months fill their arrays by id.
  const perQuery = inputs.perQueryAt(queriesInMonth(s, 1));
  const byId = new Map(perQuery.map((item) => [item.id, item]));
  const monthly = inputs.monthly;
  const topUps = inputs.floors.map((f) =>
    lineItem({ id: f.id, name: f.name, category: f.category, period: 'monthly', unit: 'USD', quantity: 0, unit_price_usd: 1, ...(f.source ? { source: f.source } : {}) }),
  );
  for (let i = 0; i < horizon; i++) {
    const queries = queriesInMonth(s, i + 1);
    const items = i === 0 ? perQuery : inputs.perQueryAt(queries);
    for (const item of items) {
      const template = byId.get(item.id);
      if (!template) throw new Error(`per-query item "${item.id}" appears after month 1`);
      setMonth(template, i, item.quantity * queries);
    }
    for (const item of monthly) setMonth(item, i, item.quantity);
    inputs.floors.forEach((floor, f) => {
      const usage = sumKnown(
        [...perQuery, ...monthly].filter((it) => floor.covers.has(it.id)).map((it) => costInMonth(it, i)),
      );
      // An unknown usage leaves the top-up at 0: the month total is unknown anyway.
      setMonth(topUps[f]!, i, usage !== null && usage < floor.minimum_usd ? floor.minimum_usd - usage : 0);
    });
  }
  for (const t of topUps) t.quantity = t.quantity_by_month[0] ?? 0;
  for (const t of topUps) t.cost_usd = costAt(t.quantity, t.unit_price_usd);

  // A floor that never bites adds no item (and no category) at all.
  const all = [...perQuery, ...monthly, ...topUps.filter((t) => t.quantity_by_month.some((q) => q > 0))];
  const months: MonthResult[] = [];
  for (let i = 0; i < horizon; i++) {
    months.push({
      month: i + 1,
      label: monthLabel(s.start_month, i + 1),
      queries: queriesInMonth(s, i + 1),
      total_usd: sumKnown(all.map((it) => costInMonth(it, i))),
      by_category: byCategoryInMonth(all, i),
    });
  }
  return { months, items: all };
}
