import { describe, expect, it } from 'vitest';
import {
  erlangB,
  erlangC,
  minStableReplicas,
  queueState,
  replicasForUtilisation,
  sizeReplicas,
  waitQuantile,
} from '../../../src/model/latency/queue.js';
import { Xoshiro128 } from '../../../src/model/latency/random.js';

/** Erlang C from its definition in log space (log-sum-exp of a^k/k!), independent of the recurrence. */
function erlangCReference(c: number, a: number): number {
  const logTerms: number[] = [];
  let logTerm = 0; // ln(a^0 / 0!)
  for (let k = 0; k < c; k++) {
    logTerms.push(logTerm);
    logTerm += Math.log(a) - Math.log(k + 1);
  }
  const logLast = logTerm + Math.log(c / (c - a)); // ln(a^c/c! · c/(c − a))
  const all = [...logTerms, logLast];
  const m = Math.max(...all);
  const logDen = m + Math.log(all.reduce((s, x) => s + Math.exp(x - m), 0));
  return Math.exp(logLast - logDen);
}

/**
 * Discrete-event M/M/c FCFS simulation: Poisson arrivals, exponential service, each arrival
 * takes the server that frees first (Kiefer–Wolfowitz), its wait is max(0, free − arrival).
 * Returns the p95 of the waits after a warm-up, by sorting.
 */
function simulatedP95Wait(c: number, lambda: number, mu: number, customers: number, seed: number): number {
  const rng = new Xoshiro128(seed, 99);
  const warmUp = 20_000;
  const free = new Float64Array(c);
  const waits = new Float64Array(customers);
  let t = 0;
  for (let i = 0; i < customers + warmUp; i++) {
    t += -Math.log(1 - rng.nextFloat()) / lambda;
    let k = 0;
    for (let j = 1; j < c; j++) if (free[j]! < free[k]!) k = j;
    const start = Math.max(t, free[k]!);
    free[k] = start - Math.log(1 - rng.nextFloat()) / mu;
    if (i >= warmUp) waits[i - warmUp] = start - t;
  }
  waits.sort();
  return waits[Math.round(0.95 * (customers - 1))]!;
}

describe('Erlang B and C', () => {
  it('match hand-worked values', () => {
    // c = 2, a = 1: B = (1/2) / (1 + 1 + 1/2) = 0.2; C = B / (1 − (a/c)(1 − B)) = 0.2 / (1 − 0.5·0.8) = 1/3.
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 14);
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 14);
    // c = 4, a = 2: B = (16/24) / (1 + 2 + 2 + 4/3 + 2/3) = (2/3)/7 = 2/21;
    // C = (2/21) / (1 − 0.5 · 19/21) = (2/21) / (23/42) = 4/23.
    expect(erlangC(4, 2)).toBeCloseTo(4 / 23, 14);
    // c = 1 is M/M/1: C = ρ.
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 14);
  });

  it('stay stable for hundreds and thousands of servers', () => {
    for (const [c, a] of [
      [200, 180],
      [500, 450],
      [1000, 990],
      [3000, 2900],
    ] as const) {
      const got = erlangC(c, a);
      expect(Number.isFinite(got)).toBe(true);
      expect(got / erlangCReference(c, a)).toBeCloseTo(1, 9);
    }
  });

  it('report an unstable queue (a ≥ c) as always waiting, with an infinite quantile', () => {
    expect(erlangC(4, 4)).toBe(1);
    const q = { servers: 4, arrival_per_s: 5, service_s: 1 };
    expect(queueState(q).stable).toBe(false);
    expect(waitQuantile(q, 0.95)).toBe(Number.POSITIVE_INFINITY);
  });

  it('give the wait quantile in closed form, and 0 when few enough wait', () => {
    // c = 2, μ = 1/s, λ = 1/s: C = 1/3, cμ − λ = 1/s. p95 = ln((1/3)/0.05) = ln(6.667) = 1.8971 s.
    const q = { servers: 2, arrival_per_s: 1, service_s: 1 };
    expect(waitQuantile(q, 0.95)).toBeCloseTo(Math.log(20 / 3), 12);
    // p50: C = 1/3 ≤ 0.5 → nobody in the median waits.
    expect(waitQuantile(q, 0.5)).toBe(0);
  });
});

describe('Erlang C against a discrete-event M/M/c simulation', () => {
  // c = 4 servers, μ = 1/s, λ = 4ρ. Closed-form p95 of the wait, ln(C/0.05)/(4 − λ):
  //   ρ 0.5: a = 2,   C = 4/23 = 0.17391 → ln(3.4783)/2.0 = 0.6233 s
  //   ρ 0.7: a = 2.8, C = 0.42865       → ln(8.5731)/1.2 = 1.7905 s
  //   ρ 0.9: a = 3.6, C = 0.78775       → ln(15.755)/0.4 = 6.8929 s
  // Customers: the wait process is strongly autocorrelated near saturation, so ρ = 0.9 gets
  // 4M customers (the p95 estimate then scatters by ≈1–2% across seeds; 1M scattered by up to 8%).
  const cases = [
    { rho: 0.5, expected: 0.6233, customers: 1_500_000 },
    { rho: 0.7, expected: 1.7905, customers: 1_500_000 },
    { rho: 0.9, expected: 6.8929, customers: 4_000_000 },
  ];
  for (const { rho, expected, customers } of cases) {
    it(`agrees on the p95 wait within 5% at utilisation ${rho}`, () => {
      const q = { servers: 4, arrival_per_s: 4 * rho, service_s: 1 };
      const closed = waitQuantile(q, 0.95);
      expect(closed).toBeCloseTo(expected, 3);
      const simulated = simulatedP95Wait(4, 4 * rho, 1, customers, 2026);
      expect(Math.abs(simulated / closed - 1)).toBeLessThan(0.05);
    });
  }
});

describe('replica counts', () => {
  it('minStableReplicas is the fewest with utilisation below 1', () => {
    // a = 3 req/s · 2.22 s = 6.66 busy slots: 7 replicas of 1 slot (ρ = 0.951); 4 of 2 slots.
    expect(minStableReplicas(3, 2.22, 1)).toBe(7);
    expect(minStableReplicas(3, 2.22, 2)).toBe(4);
    // Exactly a = 4 with 1 slot: 4 replicas would be ρ = 1 (unstable), so 5.
    expect(minStableReplicas(2, 2, 1)).toBe(5);
    expect(minStableReplicas(0, 2, 1)).toBe(1);
  });

  it('replicasForUtilisation keeps utilisation at or below the target', () => {
    // a = 6.66: at ρ ≤ 0.8 → 6.66/0.8 = 8.325 → 9 replicas (ρ = 0.74); 8 would be 0.8325.
    expect(replicasForUtilisation(3, 2.22, 1, 0.8)).toBe(9);
    // a = 8 exactly: 8/0.8 = 10 replicas gives ρ = 0.8, allowed.
    expect(replicasForUtilisation(4, 2, 1, 0.8)).toBe(10);
  });

  it('sizeReplicas finds the fewest count that meets a monotone predicate', () => {
    const calls: number[] = [];
    const meets = (r: number): boolean => {
      calls.push(r);
      return r >= 37;
    };
    expect(sizeReplicas({ from: 3, max_replicas: 10_000, meets })).toBe(37);
    expect(calls.length).toBeLessThan(16); // doubling then bisection, not a linear scan
    expect(sizeReplicas({ from: 40, max_replicas: 10_000, meets: (r) => r >= 37 })).toBe(40);
    expect(sizeReplicas({ from: 3, max_replicas: 30, meets: (r) => r >= 37 })).toBeNull();
    expect(sizeReplicas({ from: 3, max_replicas: 37, meets: (r) => r >= 37 })).toBe(37);
  });
});
