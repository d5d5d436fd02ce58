import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantilesInPlace } from '../../../src/model/latency/quantiles.js';
import { Xoshiro128 } from '../../../src/model/latency/random.js';

/** Reference: sort a copy, then type-7 interpolation (numpy's default). */
function reference(xs: ArrayLike<number>, p: number): number {
  const s = Float64Array.from(xs).sort();
  const h = (s.length - 1) * p;
  const k = Math.floor(h);
  if (k + 1 >= s.length) return s[k]!;
  return s[k]! + (h - k) * (s[k + 1]! - s[k]!);
}

const PS = [0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1];

describe('quantilesInPlace', () => {
  it('matches sort + linear interpolation on small samples (quickselect path)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }), (xs) => {
        const got = quantilesInPlace(Float64Array.from(xs), PS);
        PS.forEach((p, i) => expect(got[i]).toBe(reference(xs, p)));
      }),
    );
  });

  it('matches the reference on large samples (bucket path), including heavy ties and a long tail', () => {
    const rng = new Xoshiro128(7);
    const n = 50_001;
    const cases: Record<string, Float64Array> = {
      uniform: Float64Array.from({ length: n }, () => rng.nextFloat() * 1000),
      // 90% exact zeros and an exponential tail: the shape of a queueing delay.
      zerosAndTail: Float64Array.from({ length: n }, () => {
        const u = rng.nextFloat();
        return u < 0.9 ? 0 : -Math.log(1 - rng.nextFloat()) * 500;
      }),
      // A few huge outliers squeeze nearly everything into the first bucket.
      outliers: Float64Array.from({ length: n }, (_, i) => (i % 10_000 === 0 ? 1e12 : rng.nextFloat())),
      fewValues: Float64Array.from({ length: n }, () => Math.floor(rng.nextFloat() * 3)),
    };
    for (const [name, xs] of Object.entries(cases)) {
      const got = quantilesInPlace(Float64Array.from(xs), PS);
      PS.forEach((p, i) => expect(got[i], `${name} p=${p}`).toBe(reference(xs, p)));
    }
  });

  it('matches the reference for the CDF levels, 104 at once on the bucket path (many ranks per bucket)', () => {
    // The latency summary asks for p50/p95/p99 and the CDF's levels of 20,000 draws (the default
    // latency.samples): ≈200 ranks in 5,000 buckets, several in one bucket in the dense middle.
    const rng = new Xoshiro128(11);
    const levels = [0.5, 0.95, 0.99, ...Array.from({ length: 99 }, (_, i) => (i + 1) / 100), 0.995, 0.999];
    for (const n of [8192, 20_000, 20_001]) {
      const xs = Float64Array.from({ length: n }, () => Math.exp(2 * (rng.nextFloat() + rng.nextFloat() + rng.nextFloat())));
      const got = quantilesInPlace(Float64Array.from(xs), levels);
      levels.forEach((p, i) => expect(got[i], `n=${n} p=${p}`).toBe(reference(xs, p)));
    }
  });

  it('gives the same exact result with any bounds: exact, loose, too narrow, beside the sample, or useless', () => {
    // Bounds only save the pass for the minimum and maximum; a value outside them goes to the
    // first or last bucket, so even wrong bounds must not change a single figure.
    const rng = new Xoshiro128(13);
    const levels = [0.5, 0.95, 0.99, ...Array.from({ length: 99 }, (_, i) => (i + 1) / 100), 0.995, 0.999];
    const xs = Float64Array.from({ length: 20_000 }, () => 300 + Math.exp(3 * (rng.nextFloat() + rng.nextFloat())));
    let min = Infinity;
    let max = -Infinity;
    for (const x of xs) [min, max] = [Math.min(min, x), Math.max(max, x)];
    const expected = levels.map((p) => reference(xs, p));
    const bounds = [
      { lo: min, hi: max }, // exact
      { lo: 0, hi: 10 * max }, // loose
      { lo: min + (max - min) / 3, hi: max - (max - min) / 3 }, // a third of the sample outside each end
      { lo: 10 * max, hi: 20 * max }, // every value below: all in the first bucket
      { lo: -5, hi: -1 }, // every value above: all in the last bucket
      { lo: 5, hi: 5 }, // empty range: the pass for the minimum and maximum runs
      { lo: 1, hi: 1 + 1e-300 }, // a range so narrow the bucket scale overflows: same
    ];
    for (const b of bounds) expect(quantilesInPlace(Float64Array.from(xs), levels, b), JSON.stringify(b)).toEqual(expected);
    const constant = new Float64Array(20_000).fill(7.25);
    expect(quantilesInPlace(constant, [0.5, 0.99], { lo: 7, hi: 8 })).toEqual([7.25, 7.25]);
  });

  it('returns a constant sample exactly', () => {
    const xs = new Float64Array(100_000).fill(3740.0000000000005);
    expect(quantilesInPlace(xs, [0.5, 0.95, 0.99])).toEqual([3740.0000000000005, 3740.0000000000005, 3740.0000000000005]);
  });

  it('interpolates between order statistics (type 7)', () => {
    // Sorted [10, 20, 30, 40]: h = 3p. p = 0.5 → h = 1.5 → 20 + 0.5·10 = 25; p = 0.95 → h = 2.85 → 30 + 0.85·10 = 38.5.
    const got = quantilesInPlace(Float64Array.from([40, 10, 30, 20]), [0.5, 0.95]);
    expect(got[0]).toBe(25);
    expect(got[1]).toBeCloseTo(38.5, 12);
  });

  it('rejects a probability outside [0, 1] and gives NaN for an empty sample', () => {
    expect(() => quantilesInPlace(Float64Array.from([1]), [1.5])).toThrow(RangeError);
    expect(quantilesInPlace(new Float64Array(0), [0.5])).toEqual([Number.NaN]);
  });
});
