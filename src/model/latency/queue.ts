/**
 * M/M/c queueing (Erlang C) for self-hosted deployments: c = replicas · concurrency slots,
 * Poisson arrivals at λ (requests/s), exponential service with mean s (seconds), μ = 1/s.
 * Waiting time W (FCFS): P(W > 0) = C(c, a) with a = λ/μ, and P(W > t) = C·e^(−(cμ − λ)t).
 */

/**
 * Erlang B blocking probability by the recurrence B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)).
 * Every step stays in [0, 1], so it is stable for c in the thousands (the closed form's a^c/c!
 * overflows near c = 170).
 */
export function erlangB(servers: number, offered_load: number): number {
  if (!(Number.isInteger(servers) && servers >= 0)) throw new RangeError(`servers must be a non-negative integer, got ${servers}`);
  if (!(offered_load >= 0)) throw new RangeError(`offered load must be ≥ 0, got ${offered_load}`);
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (offered_load * b) / (k + offered_load * b);
  return b;
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

export interface QueueParams {
  /** c: parallel servers (replicas · concurrency_per_replica). */
  servers: number;
  /** λ (requests/s). */
  arrival_per_s: number;
  /** Mean service time of one request on one server (s). */
  service_s: number;
}

export interface QueueState {
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

/** P(W > t) for t in seconds; 1 when unstable. */
export function waitExceedance(q: QueueParams, t_s: number): number {
  const st = queueState(q);
  if (!st.stable) return 1;
  return st.p_wait * Math.exp(-st.decay_per_s * t_s);
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

/** Fewest replicas (≥ 1) that keep utilisation at or below `target` (0 < target < 1). */
export function replicasForUtilisation(
  arrival_per_s: number,
  service_s: number,
  concurrency_per_replica: number,
  target: number,
): number {
  const a = arrival_per_s * service_s;
  let r = Math.max(1, Math.ceil(a / (concurrency_per_replica * target)));
  // ceil of a float quotient can land one above or below the true bound; settle it exactly.
  while (r > 1 && a / ((r - 1) * concurrency_per_replica) <= target) r--;
  while (a / (r * concurrency_per_replica) > target) r++;
  return r;
}

/**
 * The fewest replicas in [from, max_replicas] for which `meets(replicas)` holds, assuming it
 * is monotone (once true, true for every larger count): doubling to bracket, then bisection,
 * so a few dozen evaluations at most. null when even `max_replicas` does not meet it.
 */
export function sizeReplicas(opts: { from: number; max_replicas: number; meets: (replicas: number) => boolean }): number | null {
  let lo = Math.max(1, Math.floor(opts.from));
  if (lo > opts.max_replicas) return null;
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
