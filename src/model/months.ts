/**
 * SPEC §4.5: project line items over the horizon.
 *   queries in month m = queries_per_month · (1 + growth)^(m − 1)
 *   monthly[m].total_usd = Σ per-query item costs × that month's queries + Σ monthly items
 *                          (+ a top-up to the vector store's plan minimum where usage is below it)
 */
import type { ScenarioSettings } from '../scenario/types.js';
import { byCategory, lineItem, sumKnown } from './line-items.js';
import type { CostCategory, LineItem, MonthResult } from './types.js';

export interface MonthInputs {
  /** Per-query items for a month with this many queries (an auto hit rate depends on traffic). */
  perQueryAt(queries: number): LineItem[];
  monthly: LineItem[];
  /** The vector store's plan minimum and the items it covers; null = no store. */
  store: { minimum_usd: number; item_names: Set<string> } | null;
}

export interface MonthsResult {
  months: MonthResult[];
  /** Month-specific items (plan-minimum top-ups), each with its month in the name. */
  adjustments: LineItem[];
  /** Month 1's per-query cost and its split. */
  per_query_cost_usd: number | null;
  per_query_by_category: Partial<Record<CostCategory, number | null>>;
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

function addCategories(
  into: Partial<Record<CostCategory, number | null>>,
  from: Partial<Record<CostCategory, number | null>>,
): void {
  for (const [cat, v] of Object.entries(from) as [CostCategory, number | null][]) {
    const prev = into[cat];
    into[cat] = prev === undefined ? v : prev === null || v === null ? null : prev + v;
  }
}

export function projectMonths(s: ScenarioSettings, inputs: MonthInputs): MonthsResult {
  const months: MonthResult[] = [];
  const adjustments: LineItem[] = [];
  const firstItems = inputs.perQueryAt(queriesInMonth(s, 1));
  for (let m = 1; m <= s.horizon_months; m++) {
    const queries = queriesInMonth(s, m);
    const perQuery = inputs.perQueryAt(queries);
    const cats: Partial<Record<CostCategory, number | null>> = {};
    addCategories(cats, byCategory(perQuery, () => queries));
    addCategories(cats, byCategory(inputs.monthly));
    const parts: (number | null)[] = [
      ...perQuery.map((i) => (i.cost_usd === null ? null : i.cost_usd * queries)),
      ...inputs.monthly.map((i) => i.cost_usd),
    ];
    if (inputs.store && inputs.store.minimum_usd > 0) {
      const names = inputs.store.item_names;
      const usage = sumKnown([
        ...perQuery.filter((i) => names.has(i.name)).map((i) => (i.cost_usd === null ? null : i.cost_usd * queries)),
        ...inputs.monthly.filter((i) => names.has(i.name)).map((i) => i.cost_usd),
      ]);
      if (usage !== null && usage < inputs.store.minimum_usd) {
        const topUp = lineItem(`Vector store plan minimum top-up (month ${m})`, 'storage', 'monthly', 'USD', inputs.store.minimum_usd - usage, 1);
        adjustments.push(topUp);
        parts.push(topUp.cost_usd);
        addCategories(cats, byCategory([topUp]));
      }
    }
    months.push({ month: m, label: monthLabel(s.start_month, m), queries, total_usd: sumKnown(parts), by_category: cats });
  }
  return {
    months,
    adjustments,
    per_query_cost_usd: sumKnown(firstItems.map((i) => i.cost_usd)),
    per_query_by_category: byCategory(firstItems),
  };
}
