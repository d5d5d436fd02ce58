import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatCompact,
  formatCount,
  formatFixed,
  formatHours,
  formatMs,
  formatPercent,
  formatPrice,
  formatQuantity,
  formatUsd,
  formatUsdOrFloor,
  formatUsdPrecise,
  pricedOneTime,
  pricedTotal,
} from '../../src/format.js';
import { tinyProjection } from './fixture.js';

describe('formatUsd (totals)', () => {
  it('rounds to whole dollars from $100 and groups thousands', () => {
    expect(formatUsd(12345.4)).toBe('$12,345');
    expect(formatUsd(12345.5)).toBe('$12,346'); // half rounds away from zero
    expect(formatUsd(38339085.56691129)).toBe('$38,339,086');
    expect(formatUsd(100)).toBe('$100');
    expect(formatUsd(999.5)).toBe('$1,000'); // the carry reaches the thousands group
  });
  it('keeps cents below $100', () => {
    expect(formatUsd(42.5)).toBe('$42.50');
    expect(formatUsd(0.41143296)).toBe('$0.41');
    expect(formatUsd(99.994)).toBe('$99.99');
  });
  it('says unknown for null and never prints a tiny amount as free', () => {
    expect(formatUsd(null)).toBe('unknown');
    expect(formatUsd(undefined)).toBe('unknown');
    expect(formatUsd(0)).toBe('$0');
    expect(formatUsd(0.004)).toBe('<$0.01');
  });
  it('puts the minus before the dollar sign', () => {
    expect(formatUsd(-1234)).toBe('-$1,234');
  });
});

describe('formatUsdPrecise (per query)', () => {
  it('shows three significant digits', () => {
    expect(formatUsdPrecise(0.002108592620416)).toBe('$0.00211');
    expect(formatUsdPrecise(0.00234)).toBe('$0.00234');
    expect(formatUsdPrecise(0.0000012)).toBe('$0.00000120');
    expect(formatUsdPrecise(0.0123)).toBe('$0.0123');
  });
  it('sizes the decimals after rounding (0.0009996 → 0.00100, not 0.001000)', () => {
    expect(formatUsdPrecise(0.0009996)).toBe('$0.00100');
  });
  it('keeps at least cents from $1 up', () => {
    expect(formatUsdPrecise(1.8008739999999999)).toBe('$1.80');
    expect(formatUsdPrecise(12.3)).toBe('$12.30');
    expect(formatUsdPrecise(1234.5)).toBe('$1,234.50');
  });
  it('unknown and zero', () => {
    expect(formatUsdPrecise(null)).toBe('unknown');
    expect(formatUsdPrecise(0)).toBe('$0');
  });
});

describe('formatPrice (unit prices)', () => {
  it('drops float noise and trailing zeros but keeps a pair of cents', () => {
    expect(formatPrice(48.00000000000001)).toBe('$48');
    expect(formatPrice(4e-7 * 1_000_000)).toBe('$0.40'); // 0.39999999999999997 → 0.4 → cents pair
    expect(formatPrice(0.000016)).toBe('$0.000016');
    expect(formatPrice(4000)).toBe('$4,000');
    expect(formatPrice(0.33)).toBe('$0.33');
    expect(formatPrice(null)).toBe('unknown');
  });
});

describe('formatUsdOrFloor', () => {
  it('shows the priced floor under an unknown total', () => {
    expect(formatUsdOrFloor(null, 5935.2)).toBe('unknown (≥ $5,935)');
    expect(formatUsdOrFloor(null, 0)).toBe('unknown');
    expect(formatUsdOrFloor(3163.1, 10)).toBe('$3,163');
  });
  it('floors are sums of priced line items and months', () => {
    const hybrid = tinyProjection().strategies[1]!;
    // one-time: first training run $48 (the only one-time item)
    expect(pricedOneTime(hybrid)).toBe(48);
    // 48 one-time + month 1 inference $3 + month 2 inference $6 (hosting unknown) = 57
    expect(pricedTotal(hybrid)).toBe(57);
  });
});

describe('counts, quantities, latency, percentages, hours', () => {
  it('counts', () => {
    expect(formatCount(18004560)).toBe('18,004,560');
    expect(formatCount(250)).toBe('250');
    expect(formatCount(null)).toBe('unknown');
  });
  it('quantities', () => {
    expect(formatQuantity(0.287038776)).toBe('0.287');
    expect(formatQuantity(4.345238095238095)).toBe('4.35');
    expect(formatQuantity(0.5)).toBe('0.5');
    expect(formatQuantity(1645731.84)).toBe('1,645,732');
    expect(formatQuantity(20571648)).toBe('20,571,648');
  });
  it('compact', () => {
    expect(formatCompact(18_000_000)).toBe('18M');
    expect(formatCompact(1_500_000)).toBe('1.5M');
    expect(formatCompact(20_000)).toBe('20k');
    expect(formatCompact(950)).toBe('950');
  });
  it('milliseconds', () => {
    expect(formatMs(2672.8)).toBe('2,673 ms');
    expect(formatMs(4.25)).toBe('4.3 ms');
    expect(formatMs(null)).toBe('–');
  });
  it('percentages', () => {
    expect(formatPercent(0.03)).toBe('3%');
    expect(formatPercent(0.025)).toBe('2.5%');
    expect(formatPercent(1 / 3)).toBe('33.3%');
  });
  it('hours, with days from two days up', () => {
    expect(formatHours(24.4)).toBe('24.4 h');
    expect(formatHours(24)).toBe('24 h');
    expect(formatHours(170.5)).toBe('170.5 h (7.1 days)'); // 170.5 / 24 = 7.104
    expect(formatHours(null)).toBe('–');
  });
});

describe('formatFixed', () => {
  /** The regular-expression form it replaced (grouping by lookahead), kept here as the reference. */
  function reference(x: number, decimals: number): string {
    if (!Number.isFinite(x)) return String(x);
    if (Math.abs(x) >= 1e21) return x.toExponential(3);
    const fixed = Math.abs(x).toFixed(decimals);
    const [intPart = '0', frac] = fixed.split('.');
    const negative = x < 0 && /[1-9]/.test(fixed);
    return (negative ? '-' : '') + intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? '.' + frac : '');
  }

  it('groups thousands and keeps the sign only where a digit survives rounding', () => {
    expect(formatFixed(1234567.891, 2)).toBe('1,234,567.89');
    expect(formatFixed(999.995, 2)).toBe('1,000.00'); // 999.995 is 999.99500000000000455 in binary: rounds up
    expect(formatFixed(-0.004, 2)).toBe('0.00');
    expect(formatFixed(-1000, 0)).toBe('-1,000');
    expect(formatFixed(123, 0)).toBe('123');
    expect(formatFixed(100000, 1)).toBe('100,000.0');
  });

  it('matches the reference on any finite number and decimals 0–12', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ min: -1e22, max: 1e22, noNaN: true }), fc.integer({ min: -2e9, max: 2e9 })), fc.integer({ min: 0, max: 12 }), (x, d) => {
        expect(formatFixed(x, d)).toBe(reference(x, d));
      }),
      { numRuns: 2000 },
    );
  });
});
