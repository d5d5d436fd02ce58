/**
 * The line item is the unit of cost (infracost's CostComponent): strategies produce line
 * items; totals are always sums of line items. A null price makes a null cost, and any
 * sum that contains a null cost is null: unknown is never zero.
 */
import type { Source } from '../catalog/types.js';
import type { CostCategory, LineItem, Period } from './types.js';

/** The catalog entry (or scenario) a price comes from: its id and its dated source. */
export interface PricedBy {
  label: string;
  source: Pick<Source, 'name' | 'as_of'>;
}

export const pricedBy = (label: string, source: Pick<Source, 'name' | 'as_of'>): PricedBy => ({ label, source });

/** "gpt-4.1-mini (LiteLLM …, 2026-07-24)": how a line item names where its price came from. */
export const describePricedBy = (p: PricedBy): string => `${p.label} (${p.source.name}, ${p.source.as_of})`;

export function lineItem(
  name: string,
  category: CostCategory,
  period: Period,
  unit: string,
  quantity: number,
  unit_price_usd: number | null,
  source?: string | PricedBy,
): LineItem {
  const item: LineItem = {
    name,
    category,
    period,
    unit,
    quantity,
    unit_price_usd,
    cost_usd: unit_price_usd === null ? null : quantity * unit_price_usd,
  };
  if (typeof source === 'string') item.source = source;
  else if (source !== undefined) {
    item.source = describePricedBy(source);
    // The price's own date, so a reader sees how old each figure is.
    item.as_of = source.source.as_of;
  }
  return item;
}

/** Sum that stays null when any part is unknown. */
export function sumKnown(values: Iterable<number | null>): number | null {
  let total = 0;
  for (const v of values) {
    if (v === null) return null;
    total += v;
  }
  return total;
}

export function costOf(items: LineItem[]): number | null {
  return sumKnown(items.map((i) => i.cost_usd));
}

/** Sum of costs per category, null for a category holding an unknown cost. */
export function byCategory(items: LineItem[], scale: (item: LineItem) => number = () => 1): Partial<Record<CostCategory, number | null>> {
  const out: Partial<Record<CostCategory, number | null>> = {};
  for (const item of items) {
    const prev = out[item.category];
    const add = item.cost_usd === null ? null : item.cost_usd * scale(item);
    out[item.category] = prev === undefined ? add : prev === null || add === null ? null : prev + add;
  }
  return out;
}

/** Drop zero-quantity items so tables list only what is paid for; unknown-price items are kept. */
export function nonZero(items: LineItem[]): LineItem[] {
  return items.filter((i) => i.quantity !== 0 || i.unit_price_usd === null);
}
