import { describe, expect, it } from 'vitest';
import { latencyComponents } from '../../../src/model/latency/components.js';
import { normal, Xoshiro128 } from '../../../src/model/latency/random.js';
import { CDF_LEVELS, simulateLatency } from '../../../src/model/latency/simulate.js';
import type { ComponentModel, LognormalComponent } from '../../../src/model/latency/types.js';
import { analyticLatency, catalogFixture, noSpread, PROMPT_ONLY_SHAPE, RAG_SHAPE, specFixture } from './fixtures.js';

const one = (median_ms: number, spread: number, patch: Partial<LognormalComponent> = {}): LognormalComponent => ({
  kind: 'lognormal',
  name: 'decode',
  median_ms,
  spread,
  in_ttft: false,
  source: 'test',
  ...patch,
});

function componentsOf(kind: 'prompt_only' | 'rag', patch = noSpread): ComponentModel[] {
  const spec = specFixture(kind, patch);
  const res = latencyComponents(spec, kind === 'rag' ? RAG_SHAPE : PROMPT_ONLY_SHAPE, catalogFixture());
  if (res.components === null) throw new Error('fixture has a profile');
  return res.components;
}

describe('standard normal sampler', () => {
  it('the bulk lognormal loop draws exactly the sequence `normal` draws one at a time', () => {
    // m = 1, σ = 1 into zeros: bulk[i] = e^(Z_i); part receives the same values.
    const one = new Xoshiro128(5, 6);
    const bulk = new Float64Array(200_000);
    const part = new Float64Array(200_000);
    new Xoshiro128(5, 6).addLognormals(bulk, part, 1, 1);
    let same = true;
    for (let i = 0; i < bulk.length; i++) if (Math.exp(normal(one)) !== bulk[i] || part[i] !== bulk[i]) same = false;
    expect(same).toBe(true);
  });

  it('has mean 0, variance 1 and the right two-sided 5% and 1% tails', () => {
    const n = 1_000_000;
    const draws = new Float64Array(n);
    for (let i = 0, rng = new Xoshiro128(123); i < n; i++) draws[i] = normal(rng);
    let sum = 0;
    let sq = 0;
    let beyond196 = 0;
    let beyond2576 = 0;
    for (let i = 0; i < n; i++) {
      const z = draws[i]!;
      sum += z;
      sq += z * z;
      if (Math.abs(z) > 1.959964) beyond196++;
      if (Math.abs(z) > 2.575829) beyond2576++;
    }
    // Standard errors at n = 1e6: mean 0.001, variance √2/1000 ≈ 0.0014,
    // P(|Z| > 1.96) = 0.05 ± 0.00022, P(|Z| > 2.576) = 0.01 ± 0.0001. Bounds are ≈5 SE.
    expect(Math.abs(sum / n)).toBeLessThan(0.005);
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.007);
    expect(Math.abs(beyond196 / n - 0.05)).toBeLessThan(0.0011);
    expect(Math.abs(beyond2576 / n - 0.01)).toBeLessThan(0.0005);
  });
});

describe('simulateLatency', () => {
  it('gives a single lognormal component its closed-form percentiles within 1%', () => {
    // median 1000 ms, spread 2: σ = ln 2 / 1.6448536 = 0.4214036.
    // p50 = 1000; p95 = 1000 · 2 = 2000; p99 = 1000 · e^(0.4214036 · 2.3263479) = 1000 · e^0.980326 = 2665.34 ms.
    // With 500,000 draws the standard error of the p99 is ≈ 0.2%, so 1% is a ≈4.5-SE bound.
    const r = simulateLatency([one(1000, 2)], { samples: 500_000, seed: 11 });
    expect(Math.abs(r.p50 / 1000 - 1)).toBeLessThan(0.01);
    expect(Math.abs(r.p95 / 2000 - 1)).toBeLessThan(0.01);
    expect(Math.abs(r.p99 / 2665.34 - 1)).toBeLessThan(0.01);
    // Decode is not part of TTFT: TTFT is 0.
    expect(r.ttft_p95).toBe(0);
    // Component percentiles are the closed form itself.
    expect(r.components.decode).toEqual({ p50: 1000, p95: 2000 });
  });

  it('equals the analytic sum exactly when every spread is 1', () => {
    // RAG fixture, spreads 1: network 50 + embed 100 + search 20 + prefill (500 + 5000/10000 s = 500) + decode 299/100 s = 2990.
    // Total 50 + 100 + 20 + 1000 + 2990 = 4160 ms; TTFT 1170 ms.
    const comps = componentsOf('rag');
    const analytic = analyticLatency(comps);
    expect(analytic.total_ms).toBeCloseTo(4160, 9);
    expect(analytic.ttft_ms).toBeCloseTo(1170, 9);
    const r = simulateLatency(comps, { samples: 20_000, seed: 5 });
    for (const v of [r.p50, r.p95, r.p99]) expect(v).toBe(analytic.total_ms);
    for (const v of [r.ttft_p50, r.ttft_p95, r.ttft_p99]) expect(v).toBe(analytic.ttft_ms);
    expect(r.cdf.every((pt) => pt.ms === analytic.total_ms)).toBe(true);
    // The two prefill parts sum to 1000 ms in the breakdown.
    expect(r.components.prefill).toEqual({ p50: 1000, p95: 1000 });
  });

  it('gives bit-identical output for the same seed, and different output for another seed', () => {
    const comps = componentsOf('rag', () => {});
    const a = simulateLatency(comps, { samples: 30_000, seed: 42 });
    const b = simulateLatency(comps, { samples: 30_000, seed: 42 });
    const c = simulateLatency(comps, { samples: 30_000, seed: 43 });
    expect(b).toEqual(a);
    expect(c.p95).not.toBe(a.p95);
  });

  it('uses the same draws for a component across strategies (common random numbers)', () => {
    // Only network varies (spread 1.5); prompt-only and RAG differ by the constant 420 ms,
    // so with shared network draws every percentile differs by exactly that much.
    const onlyNetwork = (s: Parameters<typeof noSpread>[0]): void => {
      s.latency.spread = { default: 1, network: 1.5 };
    };
    const po = simulateLatency(componentsOf('prompt_only', onlyNetwork), { samples: 20_000, seed: 3 });
    const rag = simulateLatency(componentsOf('rag', onlyNetwork), { samples: 20_000, seed: 3 });
    expect(rag.p95 - po.p95).toBeCloseTo(420, 6);
    expect(rag.p50 - po.p50).toBeCloseTo(420, 6);
  });

  it('returns a monotone CDF of ≈100 points whose p = 0.5 point is the p50', () => {
    const r = simulateLatency(componentsOf('rag', () => {}), { samples: 20_000, seed: 9 });
    expect(r.cdf).toHaveLength(CDF_LEVELS.length);
    expect(r.cdf.length).toBeGreaterThanOrEqual(100);
    for (let i = 1; i < r.cdf.length; i++) {
      expect(r.cdf[i]!.ms).toBeGreaterThanOrEqual(r.cdf[i - 1]!.ms);
      expect(r.cdf[i]!.p).toBeGreaterThan(r.cdf[i - 1]!.p);
    }
    expect(r.cdf.find((pt) => pt.p === 0.5)!.ms).toBe(r.p50);
    expect(r.cdf.find((pt) => pt.p === 0.95)!.ms).toBe(r.p95);
    expect(r.p50).toBeLessThan(r.p95);
    expect(r.p95).toBeLessThan(r.p99);
    expect(r.ttft_p95).toBeLessThan(r.p95);
  });

  it('samples the queue as an atom at zero plus an exponential tail', () => {
    // P(wait) = 0.4, decay 0.01/ms. p50: 0.4 ≤ 0.5 → 0. p95: ln(0.4/0.05)/0.01 = ln 8 · 100 = 207.94 ms.
    // p99: ln(0.4/0.01)/0.01 = ln 40 · 100 = 368.89 ms.
    const queue: ComponentModel = {
      kind: 'erlang_c_wait',
      name: 'queue',
      median_ms: 0,
      p_wait: 0.4,
      decay_per_ms: 0.01,
      in_ttft: true,
      source: 'test',
    };
    const r = simulateLatency([queue], { samples: 400_000, seed: 2 });
    expect(r.p50).toBe(0);
    expect(Math.abs(r.p95 / 207.94 - 1)).toBeLessThan(0.01);
    expect(Math.abs(r.p99 / 368.89 - 1)).toBeLessThan(0.02);
    expect(r.ttft_p95).toBe(r.p95); // the queue is part of TTFT
    expect(r.components.queue!.p50).toBe(0);
    expect(r.components.queue!.p95).toBeCloseTo(207.944, 2);
  });

  it('rejects inputs the schema must rule out', () => {
    expect(() => simulateLatency([one(100, 0.5)], { samples: 10, seed: 1 })).toThrow(RangeError);
    expect(() => simulateLatency([one(-1, 1)], { samples: 10, seed: 1 })).toThrow(RangeError);
    expect(() => simulateLatency([one(100, 1)], { samples: 0, seed: 1 })).toThrow(RangeError);
    expect(() => simulateLatency([one(100, 1)], { samples: 2.5, seed: 1 })).toThrow(RangeError);
  });
});
