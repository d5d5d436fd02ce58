/**
 * The range forms of the value language: `2M to 5M` (a 90% interval) and `{ low, base, high }`
 * (a three-point estimate), each end read with the field's own kind and units.
 */
import { describe, expect, it } from 'vitest';
import { parseRange, prepareValues, rangeForm, resolveVars } from '../../src/scenario/values.js';

const read = (raw: unknown, kind: Parameters<typeof parseRange>[1]) => {
  const form = rangeForm(raw);
  if (form === null) throw new Error(`not a range: ${String(raw)}`);
  return parseRange(form, kind, {});
};

describe('range values', () => {
  it('reads a 90% interval with SI suffixes, percentages and durations', () => {
    expect(read('2M to 5M', 'count')).toEqual({ ok: true, low: 2_000_000, high: 5_000_000 });
    expect(read('3% to 8%', 'fraction')).toEqual({ ok: true, low: 0.03, high: 0.08 });
    // 1 day = 24 h, 1 week = 168 h.
    expect(read('1 day to 1 week', 'duration_hours')).toEqual({ ok: true, low: 24, high: 168 });
    // A bare low end borrows the high end's unit: 1 to 2 weeks = 168 h to 336 h.
    expect(read('1 to 2 weeks', 'duration_hours')).toEqual({ ok: true, low: 168, high: 336 });
    expect(read('3 to 8%', 'fraction')).toEqual({ ok: true, low: 0.03, high: 0.08 });
  });

  it('reads a three-point estimate', () => {
    expect(read({ low: '1M', base: '2M', high: '6M' }, 'count')).toEqual({ ok: true, low: 1e6, base: 2e6, high: 6e6 });
  });

  it('refuses ends in the wrong order, a missing end, and an end of the wrong kind', () => {
    const backwards = read('5M to 2M', 'count');
    expect(backwards.ok).toBe(false);
    if (!backwards.ok) expect(backwards.message).toMatch(/smaller value first/);
    const tp = read({ low: 1, base: 9, high: 3 }, 'count');
    expect(tp.ok).toBe(false);
    if (!tp.ok) expect(tp.message).toMatch(/low ≤ base ≤ high/);
    const missing = read({ low: 1, high: 3 }, 'count');
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.message).toMatch(/base is missing/);
    const kind = read('8 to 12', 'fraction');
    expect(kind.ok).toBe(false);
    if (!kind.ok) expect(kind.message).toMatch(/^low end of the range: .*"8%"/);
  });

  it('is not fooled by a formula: "to" is a reserved word, never a var', () => {
    expect(rangeForm('a * 2')).toBeNull();
    expect(rangeForm('toast')).toBeNull();
    expect(rangeForm('2 to')).toBeNull();
  });

  it('a var written as a range stands at its base value: the median of an interval, the base of a three-point estimate', async () => {
    const raw = { a: '2M to 8M', b: { low: 1, base: 2, high: 9 }, c: 'a * 2' };
    await prepareValues(Object.values(raw));
    const vars = resolveVars(raw);
    expect(vars.problems).toEqual([]);
    // median of a lognormal 90% interval = √(2M · 8M) = 4M.
    expect(vars.values.a).toBe(4_000_000);
    expect(vars.values.b).toBe(2);
    expect(vars.values.c).toBe(8_000_000);
    expect(Object.keys(vars.ranges).sort()).toEqual(['a', 'b']);
    expect(vars.order.indexOf('a')).toBeLessThan(vars.order.indexOf('c'));
  });
});
