/**
 * M/M/c queueing (Erlang C) for self-hosted deployments: c = replicas · concurrency slots,
 * Poisson arrivals at λ (requests/s), exponential service with mean s (seconds), μ = 1/s.
 * Waiting time W (FCFS): P(W > 0) = C(c, a) with a = λ/μ, and P(W > t) = C·e^(−(cμ − λ)t).
 */

/**
 * Largest server count the Erlang formulas accept. The large-count method below costs about
 * 9·√c steps (c = 10^12: 9 million, a few tens of ms), so every call is bounded; a caller
 * with more servers than this has no queue worth modelling (self-hosted.ts refuses earlier).
 */
export const MAX_ERLANG_SERVERS = 1e12;

/** Steps the exact recurrence may take before the large-count method takes over. */
const RECURRENCE_STEPS = 100_000;

/**
 * Erlang B blocking probability, B(c, a) = (a^c/c!) / Σ_{k=0..c} a^k/k!.
 *
 * Up to RECURRENCE_STEPS steps: the recurrence B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)).
 * Every step stays in [0, 1], so it is stable for any c (the closed form's a^c/c! overflows
 * near c = 170). Once k passes a by 40·√a + 1000, B(k) < e^−800 (a Chernoff bound on the
 * Poisson tail), below the smallest double, so the loop stops there with 0: it runs at most
 * min(c, a + 40·√a + 1000) steps whatever c is (replicas: 1e9 used to loop 8·10^9 times).
 *
 * Beyond that (a and c both past ~10^5): `erlangBLarge`, in O(√c) steps.
 */
export function erlangB(servers: number, offered_load: number): number {
  if (!(Number.isInteger(servers) && servers >= 0)) throw new RangeError(`servers must be a non-negative integer, got ${servers}`);
  if (servers > MAX_ERLANG_SERVERS) throw new RangeError(`servers must be at most ${MAX_ERLANG_SERVERS}, got ${servers}`);
  if (!(offered_load >= 0 && Number.isFinite(offered_load))) throw new RangeError(`offered load must be finite and ≥ 0, got ${offered_load}`);
  if (servers <= RECURRENCE_STEPS || offered_load + 40 * Math.sqrt(offered_load) + 1000 <= RECURRENCE_STEPS) {
    return erlangBRecurrence(servers, offered_load);
  }
  return erlangBLarge(servers, offered_load);
}

/** The recurrence of erlangB, stopping once B underflows (exported for tests: the reference at small c). */
export function erlangBRecurrence(servers: number, offered_load: number): number {
  let b = 1;
  for (let k = 1; k <= servers; k++) {
    b = (offered_load * b) / (k + offered_load * b);
    if (b < 1e-300) return 0; // B only falls as servers are added, and is already below what matters
  }
  return b;
}

/**
 * Erlang B for large c, through the Poisson distribution X ~ Poisson(a):
 * B = P(X = c) / P(X ≤ c), with P(X ≤ c) = 1 − P(X ≥ c+1) and
 * P(X ≥ c+1) = P(X = c) · Σ_{n≥1} Π_{i=1..n} a/(c+i) (the series of the regularized lower
 * incomplete gamma function, Abramowitz & Stegun 6.5.29). ln P(X = c) uses Stirling's series
 * for ln c!, written around a/c so that c·ln(a/c) + c − a does not cancel catastrophically.
 * For c > a the series terms shrink at least like e^(−n²/2c): about 9·√c terms reach 1e−17.
 * For c ≤ a (an unstable queue): 1/B = Σ_{j=0..c} Π_{i=0..j−1} (c−i)/a, whose terms shrink
 * at least as fast, so the same bound holds.
 */
export function erlangBLarge(servers: number, offered_load: number): number {
  const c = servers;
  const a = offered_load;
  if (a === 0) return 0;
  const maxTerms = Math.ceil(9 * Math.sqrt(c)) + 1000;
  if (c <= a) {
    let t = 1;
    let inverse = 1;
    for (let j = 1; j <= Math.min(c, maxTerms); j++) {
      t *= (c - j + 1) / a;
      inverse += t;
      if (t < 1e-17 * inverse) break;
    }
    return 1 / inverse;
  }
  const d = (c - a) / c; // 1 − a/c
  // c·ln(a/c) + c − a = c·(ln(1 − d) + d) = −c·(d²/2 + d³/3 + …)
  let core: number;
  if (Math.abs(d) < 0.01) {
    let sum = 0;
    let power = d * d;
    for (let k = 2; k < 40; k++) {
      sum += power / k;
      power *= d;
    }
    core = -c * sum;
  } else {
    core = c * (Math.log1p(-d) + d);
  }
  const lnPmf = core - 0.5 * Math.log(2 * Math.PI * c) - 1 / (12 * c) + 1 / (360 * c ** 3);
  if (lnPmf < -745) return 0; // P(X = c) underflows: B is below the smallest double
  const pmf = Math.exp(lnPmf);
  let term = 1;
  let series = 0;
  for (let n = 1; n <= maxTerms; n++) {
    term *= a / (c + n);
    series += term;
    if (term < 1e-17 * series) break;
  }
  return pmf / (1 - pmf * series);
}

/**
 * Erlang C: probability that an arrival waits, C = B / (1 − (a/c)(1 − B)). 1 when the
 * system is unstable (a ≥ c): every arrival eventually waits.
 */
export function erlangC(servers: number, offered_load: number): number {
  if (offered_load >= servers) return 1;
  if (offered_load === 0) return 0;
  const b = erlangB(servers, offered_load);
  return b / (1 - (offered_load / servers) * (1 - b));
}

interface QueueParams {
  /** c: parallel servers (replicas · concurrency_per_replica). */
  servers: number;
  /** λ (requests/s). */
  arrival_per_s: number;
  /** Mean service time of one request on one server (s). */
  service_s: number;
}

interface QueueState {
  /** ρ = λ / (c·μ). */
  utilisation: number;
  stable: boolean;
  /** C(c, a). */
  p_wait: number;
  /** cμ − λ (1/s): the rate at which the wait tail decays. */
  decay_per_s: number;
}

export function queueState(q: QueueParams): QueueState {
  if (!(q.service_s > 0)) throw new RangeError(`service time must be > 0 s, got ${q.service_s}`);
  if (!(q.arrival_per_s >= 0)) throw new RangeError(`arrival rate must be ≥ 0, got ${q.arrival_per_s}`);
  const mu = 1 / q.service_s;
  const a = q.arrival_per_s * q.service_s;
  const utilisation = a / q.servers;
  const stable = a < q.servers;
  return {
    utilisation,
    stable,
    p_wait: erlangC(q.servers, a),
    decay_per_s: stable ? q.servers * mu - q.arrival_per_s : 0,
  };
}

/**
 * The p-quantile of the wait (s): 0 when C ≤ 1 − p (at least a share p never waits),
 * else ln(C / (1 − p)) / (cμ − λ). Infinity when unstable.
 */
export function waitQuantile(q: QueueParams, p: number): number {
  if (!(p >= 0 && p < 1)) throw new RangeError(`wait quantile probability must be in [0, 1), got ${p}`);
  const st = queueState(q);
  if (!st.stable) return Number.POSITIVE_INFINITY;
  if (st.p_wait <= 1 - p) return 0;
  return Math.log(st.p_wait / (1 - p)) / st.decay_per_s;
}

/** Fewest replicas (≥ 1) whose slots exceed the offered load a = λ·s, i.e. utilisation < 1. */
export function minStableReplicas(arrival_per_s: number, service_s: number, concurrency_per_replica: number): number {
  const a = arrival_per_s * service_s;
  return Math.max(1, Math.floor(a / concurrency_per_replica) + 1);
}

/**
 * Fewest replicas (≥ 1) that keep utilisation at or below `target` (0 < target < 1).
 * Infinity when the load is not finite (the caller reports it). Past 2^52 replicas a float
 * cannot count one by one (r − 1 === r), so the exact settling below takes a bounded number
 * of steps and the ceiling is returned as it is.
 */
export function replicasForUtilisation(
  arrival_per_s: number,
  service_s: number,
  concurrency_per_replica: number,
  target: number,
): number {
  const a = arrival_per_s * service_s;
  let r = Math.max(1, Math.ceil(a / (concurrency_per_replica * target)));
  if (!Number.isFinite(r)) return Number.POSITIVE_INFINITY;
  if (r > 2 ** 52) return r;
  // ceil of a float quotient can land one above or below the true bound; settle it exactly.
  for (let step = 0; step < 4 && r > 1 && a / ((r - 1) * concurrency_per_replica) <= target; step++) r--;
  for (let step = 0; step < 4 && a / (r * concurrency_per_replica) > target; step++) r++;
  return r;
}

/**
 * The fewest replicas in [from, max_replicas] for which `meets(replicas)` holds, assuming it
 * is monotone (once true, true for every larger count): doubling to bracket, then bisection,
 * so a few dozen evaluations at most. null when even `max_replicas` does not meet it.
 */
export function sizeReplicas(opts: { from: number; max_replicas: number; meets: (replicas: number) => boolean }): number | null {
  let lo = Math.max(1, Math.floor(opts.from));
  // Also refuses a NaN or infinite start, and a bound past 2^52 (where hi − lo stops halving).
  if (!(lo <= opts.max_replicas) || !(opts.max_replicas <= 2 ** 52)) return null;
  if (opts.meets(lo)) return lo;
  // Invariant: meets(lo) is false; find hi with meets(hi) true.
  let step = 1;
  let hi = lo + step;
  for (;;) {
    if (hi >= opts.max_replicas) {
      hi = opts.max_replicas;
      if (!opts.meets(hi)) return null;
      break;
    }
    if (opts.meets(hi)) break;
    lo = hi;
    step *= 2;
    hi = lo + step;
  }
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (opts.meets(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
