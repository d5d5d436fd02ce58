/** Invariants every projection keeps, shared by the property, golden and hand-checked tests. */
import { expect } from 'vitest';
import type { LineItem, StrategyResult } from '../../src/model/types.js';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const relClose = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
const itemsOf = (s: StrategyResult, period: LineItem['period']) => s.line_items.filter((i) => i.period === period);

/**
 * The contract of docs/model.md: for every month i, Σ items' cost_usd_by_month[i] equals
 * monthly[i].total_usd; Σ one-time items' cost_usd equals one_time_usd; one_time_usd plus the
 * months equals total_usd; and the month-1 figures of per-query items add up to per_query.cost_usd.
 * Items are summed through their month arrays only: no name is read.
 */
export function expectLineItemsAddUp(s: StrategyResult, horizon: number): void {
  expect(s.monthly).toHaveLength(horizon);
  const recurring = s.line_items.filter((i) => i.period !== 'one_time');
  for (const i of recurring) {
    expect(i.quantity_by_month).toHaveLength(horizon);
    expect(i.cost_usd_by_month).toHaveLength(horizon);
  }
  for (const i of itemsOf(s, 'one_time')) expect(i.cost_usd_by_month).toEqual([]);
  const sumOrNull = (xs: (number | null)[]) => (xs.some((x) => x === null) ? null : sum(xs as number[]));
  const close = (a: number | null, b: number | null) => (a === null || b === null ? a === b : relClose(a, b));
  s.monthly.forEach((m, i) => {
    expect(close(sumOrNull(recurring.map((it) => it.cost_usd_by_month[i]!)), m.total_usd)).toBe(true);
  });
  expect(close(sumOrNull(itemsOf(s, 'one_time').map((i) => i.cost_usd)), s.one_time_usd)).toBe(true);
  const months = sumOrNull(s.monthly.map((m) => m.total_usd));
  expect(close(s.one_time_usd === null || months === null ? null : s.one_time_usd + months, s.total_usd)).toBe(true);
  expect(close(sumOrNull(itemsOf(s, 'per_query').map((i) => i.cost_usd)), s.per_query.cost_usd)).toBe(true);
}

