/**
 * Percentiles of a sample without sorting it: sorting 1M float64 takes ≈130 ms here, more
 * than the whole latency budget, while selecting the few order statistics we need takes a
 * few passes over the array.
 *
 * Method: linear interpolation between order statistics (Hyndman & Fan type 7, the default of
 * numpy and R): with the sample sorted as x[0..n−1], h = (n − 1)·p and
 * Q(p) = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]). A constant sample gives that constant exactly.
 */

const SMALL = 24; // below this many elements, insertion sort beats partitioning

/**
 * Rearranges `a` in place so that a[k] is the k-th smallest element (0-based) for every k in
 * `ranks` (which must be sorted ascending). Quickselect generalised to several ranks: each
 * partition sends the ranks to the side that holds them, so the cost is O(n·log(#ranks)).
 */
function selectRanks(a: Float64Array, ranks: readonly number[]): void {
  if (ranks.length === 0 || a.length === 0) return;
  selectRange(a, 0, a.length - 1, ranks, 0, ranks.length - 1);
}

function selectRange(a: Float64Array, lo: number, hi: number, ranks: readonly number[], rlo: number, rhi: number): void {
  for (;;) {
    // Drop ranks outside [lo, hi] (they belong to a sibling range).
    while (rlo <= rhi && ranks[rlo]! < lo) rlo++;
    while (rhi >= rlo && ranks[rhi]! > hi) rhi--;
    if (rlo > rhi) return;
    if (hi - lo < SMALL) {
      insertionSort(a, lo, hi);
      return;
    }
    const j = hoarePartition(a, lo, hi);
    // a[lo..j] ≤ pivot ≤ a[j+1..hi]. Find where the ranks split.
    let split = rlo;
    while (split <= rhi && ranks[split]! <= j) split++;
    const leftHas = split > rlo;
    const rightHas = split <= rhi;
    if (leftHas && rightHas) {
      // Recurse into the smaller side to bound the stack depth; loop on the other.
      if (j - lo < hi - j) {
        selectRange(a, lo, j, ranks, rlo, split - 1);
        lo = j + 1;
        rlo = split;
      } else {
        selectRange(a, j + 1, hi, ranks, split, rhi);
        hi = j;
        rhi = split - 1;
      }
    } else if (leftHas) {
      hi = j;
      rhi = split - 1;
    } else {
      lo = j + 1;
      rlo = split;
    }
  }
}

/** Hoare partition around the median of three; returns j with a[lo..j] ≤ p ≤ a[j+1..hi], lo ≤ j < hi. */
function hoarePartition(a: Float64Array, lo: number, hi: number): number {
  const mid = lo + ((hi - lo) >> 1);
  const x = a[lo]!;
  const y = a[mid]!;
  const z = a[hi]!;
  const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
  let i = lo - 1;
  let j = hi + 1;
  for (;;) {
    do i++;
    while (a[i]! < pivot);
    do j--;
    while (a[j]! > pivot);
    if (i >= j) return j;
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}

function insertionSort(a: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i <= hi; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= lo && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
}

/** The order-statistic ranks that type-7 interpolation needs for the probabilities `ps`. */
function ranksFor(n: number, ps: readonly number[]): number[] {
  const set = new Set<number>();
  for (const p of ps) {
    const h = (n - 1) * p;
    const k = Math.floor(h);
    set.add(k);
    if (k + 1 < n) set.add(k + 1);
  }
  return [...set].sort((u, v) => u - v);
}

/**
 * The bucket counts, the gather offsets (−1: not gathered) and the fill counts of one selection,
 * zeroed, in arrays kept from one call to the next: a batch selects from tens of thousands of
 * samples, and three new arrays of up to 65,536 entries each time were garbage to collect.
 * Valid until the next call (the selection is synchronous).
 */
let scratch = { counts: new Uint32Array(0), offset: new Int32Array(0), fill: new Uint32Array(0) };
function bucketScratch(buckets: number): typeof scratch {
  if (scratch.counts.length < buckets) {
    scratch = { counts: new Uint32Array(buckets), offset: new Int32Array(buckets), fill: new Uint32Array(buckets) };
  }
  const { counts, offset, fill } = scratch;
  counts.fill(0, 0, buckets);
  offset.fill(-1, 0, buckets);
  fill.fill(0, 0, buckets);
  return scratch;
}

/**
 * The k-th smallest elements of `a` for the sorted `ranks`, without reordering most of `a`:
 * values are bucketed on a linear scale between min and max, or the caller's bounds (a monotone map, so bucket b
 * holds exactly the order statistics starts[b] … starts[b+1] − 1); only the buckets that
 * hold a wanted rank are gathered, in bucket order, and one multi-rank selection runs over
 * what was gathered. Since every gathered bucket's values lie below the next one's, the k-th
 * smallest of `a`, in bucket b, is the (gathered before b + k − starts[b])-th smallest of the
 * gathered values. Three passes over the data (two with bounds), however many ranks are asked for. Exact: the
 * buckets only narrow the search.
 */
function orderStatisticsByBuckets(a: Float64Array, ranks: readonly number[], bounds: Bounds | undefined): Float64Array {
  const n = a.length;
  const out = new Float64Array(ranks.length);
  const buckets = Math.min(1 << 16, n >> 2);
  let min: number;
  let max: number;
  if (bounds !== undefined && bounds.hi > bounds.lo && buckets / (bounds.hi - bounds.lo) < Infinity) {
    min = bounds.lo;
    max = bounds.hi;
  } else {
    const extent = extentOf(a);
    min = extent.min;
    max = extent.max;
    if (min === max) return out.fill(min);
  }

  // A draw's bucket: ⌊(x − min)·scale⌋, clamped to the first and last bucket. A monotone map of
  // x whatever min and max are, so a draw the bounds missed by a rounding still lands in order.
  const scale = buckets / (max - min);
  const last = buckets - 1;
  const { counts, offset, fill } = bucketScratch(buckets);
  countBuckets(a, min, scale, last, counts);

  // Walk the ranks (ascending) and the buckets together: where each wanted bucket's values go
  // in the gather buffer (offset, −1 for a bucket not wanted) and each rank's place there.
  const gathered = new Array<number>(ranks.length);
  let size = 0;
  let b = 0;
  let start = 0; // the rank of bucket b's smallest value
  for (let r = 0; r < ranks.length; r++) {
    const k = ranks[r]!;
    while (start + counts[b]! <= k) start += counts[b++]!;
    if (offset[b] === -1) {
      offset[b] = size;
      size += counts[b]!;
    }
    gathered[r] = offset[b]! + (k - start);
  }
  const buf = new Float64Array(size);
  gatherBuckets(a, min, scale, last, offset, fill, buf);
  selectRanks(buf, gathered);
  for (let r = 0; r < ranks.length; r++) out[r] = buf[gathered[r]!]!;
  return out;
}

// The three passes over the draws, each a function of its own. Why: the JIT optimises a long
// loop while it runs (on-stack replacement), and optimised code that then reaches a statement
// the loop never ran gives up there ("insufficient type feedback") and starts again: with the
// passes in one function, one ranged run of help-center-rag gave up 10 to 35 times in it (seen
// with node --trace-deopt). A function that is just its loop has nothing after the loop to give up on.

/** The smallest and largest of a non-empty sample, with the branch order the selection always used. */
export function extentOf(a: Float64Array): { min: number; max: number } {
  let min = a[0]!;
  let max = a[0]!;
  for (let i = 1; i < a.length; i++) {
    const x = a[i]!;
    if (x < min) min = x;
    else if (x > max) max = x;
  }
  return { min, max };
}

/** counts[b] += the draws in bucket b; a draw's bucket is ⌊(x − min)·scale⌋ clamped to [0, last]. */
function countBuckets(a: Float64Array, min: number, scale: number, last: number, counts: Uint32Array): void {
  for (let i = 0; i < a.length; i++) {
    const v = (a[i]! - min) * scale; // truncation is floor for v > 0
    counts[v > 0 ? (v < last ? v | 0 : last) : 0]!++;
  }
}

/** Copies the draws of every wanted bucket (offset ≠ −1) into buf, each bucket's from its offset on, in draw order. */
function gatherBuckets(a: Float64Array, min: number, scale: number, last: number, offset: Int32Array, fill: Uint32Array, buf: Float64Array): void {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const v = (x - min) * scale;
    const bx = v > 0 ? (v < last ? v | 0 : last) : 0;
    const off = offset[bx]!;
    if (off !== -1) buf[off + fill[bx]!++] = x;
  }
}

/**
 * Numbers no value of a sample lies (much) outside, known without a pass over it: the caller
 * that made the sample knows them (the Monte Carlo sums each component's smallest and largest
 * factor), and the selection then skips its pass for the minimum and maximum. A value outside
 * them by a rounding goes to the first or last bucket, so the result is exact whatever they are;
 * only bounds far wider than the sample make the selection slower (coarser buckets).
 */
export interface Bounds {
  lo: number;
  hi: number;
}

/** Below this many draws, plain multi-rank quickselect is quicker than bucketing. */
const BUCKET_MIN = 8192;

/**
 * Q(p) for each p in `ps` (each in [0, 1]). May reorder `a` (the caller owns a scratch copy).
 * An empty sample has no quantiles: NaN. `bounds` (see Bounds) only save a pass.
 */
export function quantilesInPlace(a: Float64Array, ps: readonly number[], bounds?: Bounds): number[] {
  const n = a.length;
  if (n === 0) return ps.map(() => Number.NaN);
  for (const p of ps) if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile probability ${p} is outside [0, 1]`);
  const ranks = ranksFor(n, ps);
  let value: (k: number) => number;
  if (n >= BUCKET_MIN) {
    const stats = orderStatisticsByBuckets(a, ranks, bounds);
    // ranks is sorted and duplicate-free: a rank's statistic is found by binary search.
    value = (k) => {
      let lo = 0;
      let hi = ranks.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (ranks[mid]! < k) lo = mid + 1;
        else hi = mid;
      }
      return stats[lo]!;
    };
  } else {
    selectRanks(a, ranks);
    value = (k) => a[k]!;
  }
  return ps.map((p) => {
    const h = (n - 1) * p;
    const k = Math.floor(h);
    const lower = value(k);
    if (k + 1 >= n) return lower;
    return lower + (h - k) * (value(k + 1) - lower);
  });
}
