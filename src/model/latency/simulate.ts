/**
 * Phase 2: the seeded Monte Carlo. Each component is sampled from its own random stream
 * (seed × component name) into arrays of `samples` draws; TTFT is the sum of the components
 * marked in_ttft, the total adds the rest. Percentiles come from order-statistic selection
 * (quantiles.ts), component percentiles from the closed form where one exists.
 *
 * Exactness: with every spread at 1, each draw is the median itself (no random number is
 * used), and the per-sample sums are formed in a fixed order (`ordered`), so the percentiles
 * equal the medians summed in that order bit for bit (tests/model/latency/components.test.ts).
 */
import type { ComponentLatency } from '../types.js';
import { extentOf, quantilesInPlace, type Bounds } from './quantiles.js';
import { streamId, Xoshiro128 } from './random.js';
import type { CdfPoint, ComponentModel, LognormalComponent, SimulatedLatency, SimulationOptions, WaitComponent } from './types.js';

/** Φ⁻¹(0.95): the standard normal's 95th percentile. */
export const Z95 = 1.6448536269514722;

/** σ of ln X for a lognormal whose p95/p50 is `spread`. */
function sigmaFromSpread(spread: number): number {
  return Math.log(spread) / Z95;
}

/** Mean of that lognormal: m·e^(σ²/2). */
export function lognormalMean(median: number, spread: number): number {
  const s = sigmaFromSpread(spread);
  return spread === 1 ? median : median * Math.exp((s * s) / 2);
}

/** Closed-form p-quantile of an Erlang C wait component (ms). */
function waitComponentQuantile(c: WaitComponent, p: number): number {
  if (c.p_wait <= 1 - p) return 0;
  return Math.log(c.p_wait / (1 - p)) / c.decay_per_ms;
}

/** The probabilities of the CDF points: 0.01 … 0.99, then 0.995 and 0.999 (min and max are left out: one outlier would set the axis). */
export const CDF_LEVELS: readonly number[] = [...Array.from({ length: 99 }, (_, i) => (i + 1) / 100), 0.995, 0.999];

function validateComponents(components: readonly ComponentModel[]): void {
  for (const c of components) {
    if (!(Number.isFinite(c.median_ms) && c.median_ms >= 0))
      throw new RangeError(`latency component ${c.name}: median ${c.median_ms} ms must be finite and ≥ 0`);
    if (c.kind === 'lognormal' && !(Number.isFinite(c.spread) && c.spread >= 1))
      throw new RangeError(`latency component ${c.name}: spread ${c.spread} must be finite and ≥ 1 (it is p95/p50)`);
    if (c.kind === 'erlang_c_wait' && !(c.p_wait >= 0 && c.p_wait <= 1 && c.decay_per_ms > 0))
      throw new RangeError(`latency component ${c.name}: invalid wait parameters`);
  }
}

function validateOptions(opts: SimulationOptions): void {
  if (!(Number.isInteger(opts.samples) && opts.samples >= 1))
    throw new RangeError(`latency.samples must be a positive integer, got ${opts.samples}`);
  if (!Number.isFinite(opts.seed)) throw new RangeError(`latency.seed must be a finite number, got ${opts.seed}`);
}

/** Order of summation: the in_ttft components, then the others, then the queue waits, each in the given order. */
function ordered(components: readonly ComponentModel[]): {
  ttft: LognormalComponent[];
  rest: LognormalComponent[];
  waits: WaitComponent[];
} {
  const ttft: LognormalComponent[] = [];
  const rest: LognormalComponent[] = [];
  const waits: WaitComponent[] = [];
  for (const c of components) {
    if (c.kind === 'erlang_c_wait') waits.push(c);
    else if (c.in_ttft) ttft.push(c);
    else rest.push(c);
  }
  return { ttft, rest, waits };
}

function streamFor(seed: number, c: ComponentModel): Xoshiro128 {
  return new Xoshiro128(seed, streamId(c.part === undefined ? c.name : `${c.name}/${c.part}`));
}

/**
 * The draws of one wait component, into `out`: with u uniform on [0, 1), the request waits
 * iff u < C, and then, since u/C is again uniform, −ln(1 − u/C)/θ is exponential with rate θ.
 * For fixed draws u, more servers (smaller C, larger θ) never lengthen a wait, which keeps
 * the replica search monotone.
 */
export function fillWaits(out: Float64Array, c: WaitComponent, seed: number): number {
  const rng = streamFor(seed, c);
  const p = c.p_wait;
  const theta = c.decay_per_ms;
  let longest = 0;
  for (let i = 0; i < out.length; i++) {
    const u = rng.nextFloat();
    const w = u < p ? -Math.log(1 - u / p) / theta : 0;
    out[i] = w;
    if (w > longest) longest = w;
  }
  return longest; // the draws lie in [0, longest]: the quantiles' bounds
}

interface BaseRun {
  ttft: Float64Array;
  total: Float64Array;
  /** Per-draw sums of components made of several parts (prefill), keyed by name. */
  parts: Map<string, Float64Array>;
  /** Bounds of each array's draws (see quantiles.ts Bounds), same keys. */
  bounds: { ttft: Bounds; total: Bounds; parts: Map<string, Bounds> };
}

/**
 * The factors e^(σZ_i) of a component's stream, kept for re-use: a draw is median × factor,
 * and the factors depend only on (seed, stream, σ, samples), not on the median. A Monte Carlo
 * over inputs (src/uncertainty/) re-projects the same components with other medians thousands
 * of times; with the factors kept, each re-projection is one multiply-add per draw instead of
 * a normal variate and an exp. The product median × factor is the same double the
 * generator's own loop forms, so results are bit-identical either way. Bounded: the cache is
 * emptied when it would hold more than FACTOR_CACHE_DRAWS numbers (32 MB).
 */
const factorCache = new Map<string, Factors>();
const FACTOR_CACHE_DRAWS = 4_000_000;
let factorCacheDraws = 0;

/** A component's factors, with the smallest and largest of them (which bound its draws). */
interface Factors {
  factors: Float64Array;
  min: number;
  max: number;
}

function factorsFor(seed: number, c: LognormalComponent, n: number): Factors {
  const sigma = sigmaFromSpread(c.spread);
  const key = `${seed}\u0000${c.part === undefined ? c.name : `${c.name}/${c.part}`}\u0000${sigma}\u0000${n}`;
  let entry = factorCache.get(key);
  if (entry === undefined) {
    const factors = new Float64Array(n);
    streamFor(seed, c).addLognormals(factors, undefined, 1, sigma);
    // In a function of its own, like the selection's passes (quantiles.ts says why).
    const { min, max } = extentOf(factors);
    entry = { factors, min, max };
    if (factorCacheDraws + n > FACTOR_CACHE_DRAWS) {
      factorCache.clear();
      factorCacheDraws = 0;
    }
    factorCache.set(key, entry);
    factorCacheDraws += n;
  }
  return entry;
}

/**
 * Adds n draws of a lognormal component to `into` (and to `part` when given), and the range
 * of those draws to their bounds: [m, m] for a constant, [m·min factor, m·max factor] else.
 */
function addLognormal(into: Float64Array, c: LognormalComponent, seed: number, part: Float64Array | undefined, bounds: Bounds, partBounds: Bounds | undefined): void {
  const n = into.length;
  const m = c.median_ms;
  if (c.spread === 1 || m === 0) {
    // The draw is the median itself, with no random number used: exact.
    for (let i = 0; i < n; i++) into[i]! += m;
    if (part) for (let i = 0; i < n; i++) part[i]! += m;
    widen(bounds, m, m);
    if (partBounds) widen(partBounds, m, m);
    return;
  }
  // 1 × e^(σz) is e^(σz) exactly, so median × factor is the generator's own median·e^(σz).
  const { factors, min, max } = factorsFor(seed, c, n);
  widen(bounds, m * min, m * max); // m ≥ 0 (validateComponents)
  if (partBounds) widen(partBounds, m * min, m * max);
  if (part === undefined) {
    for (let i = 0; i < n; i++) into[i]! += m * factors[i]!;
    return;
  }
  for (let i = 0; i < n; i++) {
    const x = m * factors[i]!;
    into[i]! += x;
    part[i]! += x;
  }
}

/** Adds a component's range to the bounds of a sum: sums are rounded, which Bounds allow for. */
function widen(b: Bounds, lo: number, hi: number): void {
  b.lo += lo;
  b.hi += hi;
}

/**
 * Draws the lognormal components (wait components are left to `addWaits`), one component at
 * a time over all draws (measured faster than one draw at a time over all components), in
 * the order of `ordered`: TTFT = 0 + the in_ttft components in order; total = TTFT + the others
 * in order.
 */
export function sampleBase(components: readonly ComponentModel[], opts: SimulationOptions, arrays: DrawArrays = fresh): BaseRun {
  validateOptions(opts);
  validateComponents(components);
  const n = opts.samples;
  const { ttft, rest } = ordered(components);
  const counts = new Map<string, number>();
  for (const c of [...ttft, ...rest]) counts.set(c.name, (counts.get(c.name) ?? 0) + 1);
  const parts = new Map<string, Float64Array>();
  let k = 2; // arrays 0 and 1 are TTFT and the total
  for (const [name, count] of counts) if (count > 1) parts.set(name, arrays(n, k++));

  const partBounds = new Map<string, Bounds>();
  for (const name of parts.keys()) partBounds.set(name, { lo: 0, hi: 0 });

  const ttftArr = arrays(n, 0);
  const ttftBounds = { lo: 0, hi: 0 };
  for (const c of ttft) addLognormal(ttftArr, c, opts.seed, parts.get(c.name), ttftBounds, partBounds.get(c.name));
  const total = arrays(n, 1);
  total.set(ttftArr);
  const totalBounds = { ...ttftBounds };
  for (const c of rest) addLognormal(total, c, opts.seed, parts.get(c.name), totalBounds, partBounds.get(c.name));
  return { ttft: ttftArr, total, parts, bounds: { ttft: ttftBounds, total: totalBounds, parts: partBounds } };
}

/** The k-th zeroed array of n draws of one run. */
type DrawArrays = (n: number, k: number) => Float64Array;

const fresh: DrawArrays = (n) => new Float64Array(n);

/**
 * simulateLatency's draws, in arrays re-used from one strategy to the next: a batch projects
 * thousands of strategies of 20,000 draws, and three or four new 160 KB arrays each (memory the
 * system maps and unmaps every time, outside V8's heap, which V8 answers with collections)
 * cost more than zeroing the same arrays again. Only up to REUSE_MAX_DRAWS draws (at most
 * a handful of arrays of 512 KB kept); a run's arrays are valid until the next run.
 */
const REUSE_MAX_DRAWS = 65_536;
/** The waits' array: after TTFT, the total and one per component of several parts (prefill). */
const WAITS = 15;
const kept: Float64Array[] = [];
const reused: DrawArrays = (n, k) => {
  if (n > REUSE_MAX_DRAWS) return new Float64Array(n);
  let a = kept[k];
  if (a === undefined || a.length !== n) kept[k] = a = new Float64Array(n);
  else a.fill(0);
  return a;
};

/** Adds the wait components' draws to TTFT and total (in place). */
function addWaits(run: BaseRun, waits: readonly WaitComponent[], seed: number): void {
  if (waits.length === 0) return;
  const w = reused(run.total.length, WAITS);
  for (const c of waits) {
    const longest = fillWaits(w, c, seed);
    widen(run.bounds.ttft, 0, longest);
    widen(run.bounds.total, 0, longest);
    for (let i = 0; i < w.length; i++) {
      run.ttft[i]! += w[i]!;
      run.total[i]! += w[i]!;
    }
  }
}

/**
 * Monte Carlo of one strategy's per-query latency: p50/p95/p99 of the total and of TTFT,
 * each component's p50 and p95, and ≈100 points of the total's CDF. Throws RangeError on
 * inputs the scenario schema should have rejected (spread < 1, samples not a positive integer).
 */
export function simulateLatency(components: readonly ComponentModel[], opts: SimulationOptions): SimulatedLatency {
  // Re-projections with other inputs (src/uncertainty/, src/sweep/) often leave a strategy's
  // latency components as they were (volume, change rate, prices do not touch them): the same
  // components, samples and seed give the same result, so it is computed once.
  const key = cacheKey(components, opts);
  const hash = hashOf(key.numbers);
  const bucket = resultCache.get(hash);
  if (bucket !== undefined) {
    for (const entry of bucket) if (sameKey(entry.key, key)) return entry.result;
  }
  const result = simulateLatencyUncached(components, opts);
  if (resultCacheSize >= RESULT_CACHE_SIZE) {
    resultCache.clear();
    resultCacheSize = 0;
  }
  const list = resultCache.get(hash);
  if (list === undefined) resultCache.set(hash, [{ key, result }]);
  else list.push({ key, result });
  resultCacheSize++;
  return result;
}

/**
 * What a latency result depends on: samples, seed, whether the CDF is asked for, and each
 * component's name, part, place (TTFT or not), median and spread (or wait parameters). The
 * numbers are compared as numbers (a string key formatted every double of every re-projection,
 * which cost more than most of the lookups saved).
 */
interface CacheKey {
  numbers: number[];
  names: string[];
}

function cacheKey(components: readonly ComponentModel[], opts: SimulationOptions): CacheKey {
  const numbers = [opts.samples, opts.seed, opts.cdf !== false ? 1 : 0];
  const names: string[] = [];
  for (const c of components) {
    names.push(c.name, c.part ?? '');
    if (c.kind === 'lognormal') numbers.push(c.in_ttft ? 1 : 0, 0, c.median_ms, c.spread);
    else numbers.push(c.in_ttft ? 1 : 0, 1, c.median_ms, c.p_wait, c.decay_per_ms);
  }
  return { numbers, names };
}

function sameKey(a: CacheKey, b: CacheKey): boolean {
  if (a.numbers.length !== b.numbers.length || a.names.length !== b.names.length) return false;
  for (let i = 0; i < a.numbers.length; i++) if (a.numbers[i] !== b.numbers[i]) return false;
  for (let i = 0; i < a.names.length; i++) if (a.names[i] !== b.names[i]) return false;
  return true;
}

const hashBits = new Float64Array(1);
const hashWords = new Uint32Array(hashBits.buffer);

/** A 32-bit hash of the numbers' bit patterns (FNV-style mixing); equal keys hash equal. */
function hashOf(numbers: readonly number[]): number {
  let h = 0x811c9dc5;
  for (const x of numbers) {
    // +0 for −0: the two compare equal, so they must hash equal.
    hashBits[0] = x === 0 ? 0 : x;
    h = Math.imul(h ^ hashWords[0]!, 0x01000193);
    h = Math.imul(h ^ hashWords[1]!, 0x01000193);
  }
  return h;
}

/** Latency results by (components, samples, seed, cdf), in buckets by hash; bounded. Results are never modified by callers. */
const resultCache = new Map<number, { key: CacheKey; result: SimulatedLatency }[]>();
const RESULT_CACHE_SIZE = 4096;
let resultCacheSize = 0;

function simulateLatencyUncached(components: readonly ComponentModel[], opts: SimulationOptions): SimulatedLatency {
  const run = sampleBase(components, opts, reused);
  const { waits } = ordered(components);
  addWaits(run, waits, opts.seed);

  const levels = opts.cdf === false ? [] : CDF_LEVELS;
  const totalQ = quantilesInPlace(run.total, [0.5, 0.95, 0.99, ...levels], run.bounds.total);
  const [p50, p95, p99] = totalQ as [number, number, number];
  const cdf: CdfPoint[] = levels.map((p, i) => ({ ms: totalQ[i + 3]!, p }));
  const [ttft_p50, ttft_p95, ttft_p99] = quantilesInPlace(run.ttft, [0.5, 0.95, 0.99], run.bounds.ttft) as [number, number, number];

  const componentsOut: Record<string, ComponentLatency> = {};
  for (const c of components) {
    if (componentsOut[c.name] !== undefined) continue;
    const multi = run.parts.get(c.name);
    if (multi) {
      const [a, b] = quantilesInPlace(multi, [0.5, 0.95], run.bounds.parts.get(c.name)) as [number, number];
      componentsOut[c.name] = { p50: a, p95: b };
    } else if (c.kind === 'lognormal') {
      componentsOut[c.name] = { p50: c.median_ms, p95: c.median_ms * c.spread }; // p95/p50 is the spread by definition
    } else {
      componentsOut[c.name] = { p50: waitComponentQuantile(c, 0.5), p95: waitComponentQuantile(c, 0.95) };
    }
  }

  return { p50, p95, p99, ttft_p50, ttft_p95, ttft_p99, components: componentsOut, cdf };
}
