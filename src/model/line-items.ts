/**
 * The line item is the unit of cost (infracost's CostComponent): strategies produce line
 * items; totals are always sums of line items, in every month. A null price makes a null cost,
 * and any sum that contains a null cost is null: unknown is never zero.
 *
 * An item is first built with its month-1 quantity (`lineItem`); `projectMonths` then gives
 * every recurring item its quantity in each month of the horizon (`quantity_by_month`) and the
 * cost of that quantity (`cost_usd_by_month`). One-time items keep both arrays empty.
 */
import type { Source } from '../catalog/types.js';
import type { CostCategory, LineItem } from './types.js';

/** The catalog entry (or scenario) a price comes from: its id and its dated source. */
export interface PricedBy {
  label: string;
  source: Pick<Source, 'name' | 'as_of'>;
}

export const pricedBy = (label: string, source: Pick<Source, 'name' | 'as_of'>): PricedBy => ({ label, source });

/** "gpt-4.1-mini (LiteLLM …, 2026-07-24)": how a line item names where its price came from. */
export const describePricedBy = (p: PricedBy): string => `${p.label} (${p.source.name}, ${p.source.as_of})`;

/**
 * What a strategy states about an item: everything but its costs, which follow from it; its
 * source may be a catalog entry (whose date then goes on the item) or a plain note ("scenario").
 */
type LineItemSpec = Pick<LineItem, 'id' | 'name' | 'category' | 'period' | 'unit' | 'quantity' | 'unit_price_usd'> & {
  source?: string | PricedBy;
};

/** A line item with its month-1 quantity; the month arrays are filled by projectMonths. */
export function lineItem(spec: LineItemSpec): LineItem {
  const item: LineItem = {
    id: spec.id,
    name: spec.name,
    category: spec.category,
    period: spec.period,
    unit: spec.unit,
    quantity: spec.quantity,
    unit_price_usd: spec.unit_price_usd,
    cost_usd: costAt(spec.quantity, spec.unit_price_usd),
    quantity_by_month: [],
    cost_usd_by_month: [],
  };
  if (typeof spec.source === 'string') item.source = spec.source;
  else if (spec.source !== undefined) {
    item.source = describePricedBy(spec.source);
    // The price's own date, so a reader sees how old each figure is.
    item.price_as_of = spec.source.source.as_of;
  }
  return item;
}

/** quantity × unit price; null when the price is unknown. */
export function costAt(quantity: number, unitPriceUsd: number | null): number | null {
  return unitPriceUsd === null ? null : quantity * unitPriceUsd;
}

/** Sum that stays null when any part is unknown. */
function sumKnown(values: Iterable<number | null>): number | null {
  let total = 0;
  for (const v of values) {
    if (v === null) return null;
    total += v;
  }
  return total;
}

/** Sum of the items' costs, null when any is unknown (sumKnown over their costs, without the array). */
export function costOf(items: readonly LineItem[]): number | null {
  let total = 0;
  for (let i = 0; i < items.length; i++) {
    const usd = items[i]!.cost_usd;
    if (usd === null) return null;
    total += usd;
  }
  return total;
}

type CategorySums = Partial<Record<CostCategory, number | null>>;

function addTo(sums: CategorySums, category: CostCategory, usd: number | null): void {
  const prev = sums[category];
  sums[category] = prev === undefined ? usd : prev === null || usd === null ? null : prev + usd;
}

/** Sum of each item's `cost_usd` per category, null for a category holding an unknown cost. */
export function byCategory(items: LineItem[]): CategorySums {
  const out: CategorySums = {};
  for (const item of items) addTo(out, item.category, item.cost_usd);
  return out;
}

/** A recurring item's cost in month `index` (0-based); null = unknown price. */
export function costInMonth(item: LineItem, index: number): number | null {
  const usd = item.cost_usd_by_month[index];
  if (usd === undefined) throw new Error(`line item "${item.id}" has no month ${index + 1}`);
  return usd;
}

/** Month `index` (0-based) of recurring items, per category. */
export function byCategoryInMonth(items: LineItem[], index: number): CategorySums {
  const out: CategorySums = {};
  for (const item of items) {
    if (item.period === 'one_time') continue;
    addTo(out, item.category, costInMonth(item, index));
  }
  return out;
}

/** One-time items' costs per category (null where one is unpriced); categories with none are absent. */
export function oneTimeByCategory(items: LineItem[]): Map<CostCategory, number | null> {
  const sums = new Map<CostCategory, number | null>();
  for (const item of items) {
    if (item.period !== 'one_time') continue;
    const prev = sums.has(item.category) ? sums.get(item.category)! : 0;
    sums.set(item.category, prev === null || item.cost_usd === null ? null : prev + item.cost_usd);
  }
  return sums;
}

/** What an item costs over the whole horizon: its monthly costs summed, or its one-time cost. */
export function horizonCost(item: LineItem): number | null {
  return item.period === 'one_time' ? item.cost_usd : sumKnown(item.cost_usd_by_month);
}

/** The known part of the one-time items' costs (unpriced items count 0: a floor, for display). */
export function pricedOneTimeUsd(items: LineItem[]): number {
  let usd = 0;
  for (const item of items) if (item.period === 'one_time' && item.cost_usd !== null) usd += item.cost_usd;
  return usd;
}

/**
 * Drop items that cost nothing in any month, so tables list only what is paid for; items with an
 * unknown price are kept (their absence would read as free).
 */
export function nonZero(items: LineItem[]): LineItem[] {
  return items.filter(
    (i) => i.unit_price_usd === null || i.quantity !== 0 || i.quantity_by_month.some((q) => q !== 0),
  );
}
