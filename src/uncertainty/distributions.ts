/**
 * The distributions an uncertain input is given (docs/model.md, "Uncertain inputs"):
 *
 *  - `2M to 5M`, a 90% interval: the 5th and 95th percentiles are the two ends.
 *    Both ends > 0 → lognormal, μ = (ln lo + ln hi)/2, σ = (ln hi − ln lo)/(2·z95); its median
 *    (the base value) is √(lo·hi). Otherwise → normal, mean (lo + hi)/2, sd = (hi − lo)/(2·z95).
 *  - `{ low, base, high }`, a three-point estimate: PERT (a Beta on [low, high] with mode
 *    `base` and λ = 4): α = 1 + 4(base − low)/(high − low), β = 1 + 4(high − base)/(high − low).
 *    Its mean is (low + 4·base + high)/6; the base value of the projection is `base` itself.
 *  - low = high: a point (no randomness, the range collapses to today's value).
 *
 * Sampling is seeded: each input has its own stream (seed × input id) of the latency model's
 * xoshiro128** generator, so adding an input never changes the draws of another.
 */
import { Z95 } from '../model/latency/simulate.js';
import { normal, streamId, Xoshiro128 } from '../model/latency/random.js';

export type Distribution =
  | { type: 'point'; low: number; base: number; high: number }
  | { type: 'lognormal'; low: number; base: number; high: number; mu: number; sigma: number }
  | { type: 'normal'; low: number; base: number; high: number; mean: number; sd: number }
  | { type: 'pert'; low: number; base: number; high: number; alpha: number; beta: number };

/** PERT's weight on the mode (the classic 4). */
const PERT_LAMBDA = 4;

/** Fits the distribution of a range read by values.ts (`base` given only for three-point estimates). */
export function fitRange(range: { low: number; high: number; base?: number }, form: 'interval' | 'three_point'): Distribution {
  const { low, high } = range;
  if (low === high) return { type: 'point', low, base: low, high };
  if (form === 'three_point') {
    const base = range.base ?? (low + high) / 2;
    const width = high - low;
    return {
      type: 'pert',
      low,
      base,
      high,
      alpha: 1 + (PERT_LAMBDA * (base - low)) / width,
      beta: 1 + (PERT_LAMBDA * (high - base)) / width,
    };
  }
  if (low > 0) {
    const mu = (Math.log(low) + Math.log(high)) / 2;
    return { type: 'lognormal', low, base: Math.sqrt(low * high), high, mu, sigma: (Math.log(high) - Math.log(low)) / (2 * Z95) };
  }
  const mean = (low + high) / 2;
  return { type: 'normal', low, base: mean, high, mean, sd: (high - low) / (2 * Z95) };
}

/** Gamma(shape, 1) by Marsaglia and Tsang (2000); shape ≥ 1 here (PERT's α, β ≥ 1). */
function gamma(rng: Xoshiro128, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(rng);
    const t = 1 + c * x;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = rng.nextFloat();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** One draw from `dist`. */
export function drawFrom(dist: Distribution, rng: Xoshiro128): number {
  switch (dist.type) {
    case 'point':
      return dist.base;
    case 'lognormal':
      return Math.exp(dist.mu + dist.sigma * normal(rng));
    case 'normal':
      return dist.mean + dist.sd * normal(rng);
    case 'pert': {
      const x = gamma(rng, dist.alpha);
      const y = gamma(rng, dist.beta);
      return dist.low + (dist.high - dist.low) * (x / (x + y));
    }
  }
}

/** A seeded stream for one input: the same (seed, id) always gives the same draws. */
export function inputStream(seed: number, id: string): Xoshiro128 {
  return new Xoshiro128(seed, streamId(`input:${id}`));
}

