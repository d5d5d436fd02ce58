/**
 * "Did you mean …?" hints for unknown keys, ids and names.
 *
 * Distance is the optimal-string-alignment form of Damerau–Levenshtein (insert, delete,
 * substitute, swap two neighbours; each costs 1), compared case-insensitively so that
 * `Top_K` finds `top_k`. A candidate is close enough when its distance is at most a third
 * of the longer word, rounded down: `tpo_k` → `top_k` (1 swap), `genrator` → `generator`
 * (1), `b` → `B` (0), but `x` never suggests `k` nor `top_k`.
 *
 * When no candidate is that close, a prefix rule applies: a word of three or more letters that
 * is the whole first part of a candidate, up to a `_`, `-` or `.`, suggests it (`queries` →
 * `queries_per_month`, `growth` → `growth_per_month`): a name cut short is a common slip that
 * edit distance alone misses. Among several, the shortest wins, then the earliest.
 */

/** Optimal-string-alignment distance between two strings (already case-folded by the caller). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  // Three rolling rows: the swap rule looks two rows back.
  let prev2: number[] = new Array<number>(b.length + 1).fill(0);
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur: number[] = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(
        (prev[j] ?? 0) + 1, // delete
        (cur[j - 1] ?? 0) + 1, // insert
        (prev[j - 1] ?? 0) + cost, // substitute
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (prev2[j - 2] ?? 0) + 1); // swap of neighbours
      }
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[b.length] ?? 0;
}

/** The largest distance still worth suggesting for words of these lengths. */
function threshold(a: string, b: string): number {
  // Words of one or two letters only match up to case ("b" → "B"); any letter is one edit from any other.
  return Math.floor(Math.max(a.length, b.length) / 3);
}

/**
 * The candidate closest to `word`, or undefined when none is close enough.
 * Ties go to the earlier candidate, so callers control preference by order.
 * A candidate identical to `word` is skipped: it is not a correction.
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  let prefixed: string | undefined;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    if (best === undefined && isLeadingPart(w, candidate) && (prefixed === undefined || candidate.length < prefixed.length)) prefixed = candidate;
    // The distance is at least the difference in length: skipping those that cannot be close
    // enough changes no answer and bounds the work (a 100,000-character word against short
    // keys costs nothing, where the full table took seconds per candidate).
    if (Math.abs(w.length - candidate.length) > threshold(w, candidate)) continue;
    const d = editDistance(w, candidate.toLowerCase());
    if (d <= threshold(w, candidate) && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best ?? prefixed;
}

/** Shortest word the prefix rule completes: `top` → `top_k`, but `k` suggests nothing. */
const MIN_PREFIX = 3;

/** `word` (case-folded) is the first part of `candidate`, followed by a separator. */
function isLeadingPart(word: string, candidate: string): boolean {
  if (word.length < MIN_PREFIX || candidate.length <= word.length) return false;
  const next = candidate[word.length];
  return (next === '_' || next === '-' || next === '.') && candidate.slice(0, word.length).toLowerCase() === word;
}

/** ` (did you mean "top_k"?)`, or '' when there is nothing to suggest. */
export function formatDidYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
}

/** didYouMean and formatDidYouMean in one call: the hint to append to a message. */
export function didYouMeanHint(word: string, candidates: Iterable<string>): string {
  return formatDidYouMean(didYouMean(word, candidates));
}
