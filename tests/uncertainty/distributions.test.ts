/**
 * Distribution fitting: the sampled 5th and 95th percentiles of "2M to 5M" fall on its ends.
 *
 * Tolerance, worked out: the lognormal fitted to 2M…5M has σ = ln(2.5)/(2·1.6449) = 0.2785.
 * The standard error of a sample p-quantile is √(p(1−p)/n)/f(q); in log space f(q) = φ(z)/σ,
 * so the relative error of P5 is ≈ σ·√(0.05·0.95/n)/φ(1.6449) = 0.2785·√(0.0475/n)/0.1031.
 * With n = 20,000 that is 0.42%; with n = 2,000 (the default), 1.32%. The tests allow 3.5
 * standard errors: 1.5% at 20,000 draws, 4.6% at 2,000 (seed 1).
 */
import { describe, expect, it } from 'vitest';
import { quantilesInPlace } from '../../src/model/latency/quantiles.js';
import { drawFrom, fitRange, inputStream } from '../../src/uncertainty/distributions.js';

function draws(dist: ReturnType<typeof fitRange>, n: number, seed = 1, id = 'workload.queries_per_month'): Float64Array {
  const rng = inputStream(seed, id);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = drawFrom(dist, rng);
  return out;
}

describe('fitted distributions', () => {
  it('"2M to 5M" is a lognormal whose 5th and 95th percentiles are 2M and 5M', () => {
    const d = fitRange({ low: 2e6, high: 5e6 }, 'interval');
    expect(d.type).toBe('lognormal');
    // median √(2M·5M) = 3,162,277.66
    expect(d.base).toBeCloseTo(3_162_277.66, 1);
    for (const [n, tolerance] of [[20_000, 0.015], [2_000, 0.046]] as const) {
      const [p5, p95] = quantilesInPlace(draws(d, n), [0.05, 0.95]) as [number, number];
      expect(Math.abs(p5 / 2e6 - 1)).toBeLessThan(tolerance);
      expect(Math.abs(p95 / 5e6 - 1)).toBeLessThan(tolerance);
    }
  });

  it('an interval reaching 0 or below is a normal with mean at the midpoint', () => {
    const d = fitRange({ low: -0.05, high: 0.1 }, 'interval');
    expect(d.type).toBe('normal');
    expect(d.base).toBeCloseTo(0.025, 12);
    const [p5, p50, p95] = quantilesInPlace(draws(d, 20_000), [0.05, 0.5, 0.95]) as [number, number, number];
    // sd = 0.15/(2·1.6449) = 0.0456; the SE of P5 is ≈ 0.0456·√(0.0475/20000)/0.1031 = 0.00068.
    expect(Math.abs(p5 - -0.05)).toBeLessThan(0.0025);
    expect(Math.abs(p95 - 0.1)).toBeLessThan(0.0025);
    expect(Math.abs(p50 - 0.025)).toBeLessThan(0.002);
  });

  it('a three-point estimate is a PERT: mean (low + 4·base + high)/6, draws within [low, high]', () => {
    const d = fitRange({ low: 1, base: 2, high: 9 }, 'three_point');
    expect(d).toMatchObject({ type: 'pert', alpha: 1 + (4 * 1) / 8, beta: 1 + (4 * 7) / 8 });
    const x = draws(d, 20_000);
    let sum = 0;
    for (const v of x) {
      expect(v).toBeGreaterThanOrEqual(1);
      expect(v).toBeLessThanOrEqual(9);
      sum += v;
    }
    // mean (1 + 8 + 9)/6 = 3; sd of a PERT ≈ (9 − 1)/6·… ≈ 1.4, so the SE of the mean is ≈ 0.01.
    expect(Math.abs(sum / x.length - 3)).toBeLessThan(0.04);
  });

  it('low = high is a point: every draw is that value', () => {
    const d = fitRange({ low: 7, high: 7 }, 'interval');
    expect(d.type).toBe('point');
    expect([...draws(d, 10)]).toEqual(Array(10).fill(7));
  });

  it('the same seed and input give the same draws; another input, other draws', () => {
    const d = fitRange({ low: 2e6, high: 5e6 }, 'interval');
    expect([...draws(d, 50)]).toEqual([...draws(d, 50)]);
    expect([...draws(d, 50, 1, 'vars.a')]).not.toEqual([...draws(d, 50)]);
  });
});
