/**
 * Byte-pair encoding for token counts, built from js-tiktoken's rank files (docs/model.md §2.3, issues 12
 * and 13).
 *
 * The result is identical to js-tiktoken's `encode(text, [], [])` (and to tiktoken's
 * `encode_ordinary`): the same pre-tokenisation regex (the encoding's own `pat_str`), the same
 * whole-piece shortcut, and the same merge order (the adjacent pair whose bytes form the
 * lowest-ranked token merges first; on a tie, the leftmost). What differs is how the work is
 * done:
 *
 * - **Rank table.** js-tiktoken keys a `Map` by `bytes.join(",")` strings and takes ≈2 s to build
 *   o200k_base's 200,000 entries. Here the base64 ranks are decoded once into one byte array
 *   and an open-addressing hash table of `Int32Array`s (FNV-1a over the bytes), which builds in
 *   tens of milliseconds and looks a byte range up without making a string.
 * - **Counting reuses work.** Natural text repeats the same pieces ("␣the", "␣of", ", "), and a
 *   piece's token count depends on the piece alone, so `count` caches piece → count (exact: the
 *   same function of the same input). Pieces longer than `CACHE_MAX_PIECE_CHARS` are not cached
 *   (they rarely repeat), and the cache is emptied when it reaches `CACHE_MAX_ENTRIES` to bound
 *   memory. A large text counted before in this process is not counted again
 *   (content-memo.ts).
 * - **Merges are O(n log n).** tiktoken's merge loop rescans every pair after each merge, which is
 *   quadratic in the length of one piece: a 30,000-letter run without a space is one piece and
 *   took js-tiktoken over 120 s. Pieces up to `LINEAR_SCAN_MAX_BYTES` use that scan (fastest
 *   when short); longer pieces keep the pairs in a binary heap ordered by (rank, position) with
 *   a linked list of parts, which picks exactly the same pair at every step (the minimum rank,
 *   leftmost on a tie), so the tokens are the same, in O(n log n) time.
 *
 * Special-token strings such as `<|endoftext|>` in the text are ordinary text here, as with
 * js-tiktoken's `encode(text, [], [])` and tiktoken's `encode_ordinary`: the API counts user
 * content that way, and a user's file never makes counting throw.
 */

import { ContentMemo } from './content-memo.js';

/** The shape of js-tiktoken's `js-tiktoken/ranks/<encoding>` default export. */
export interface RankFile {
  pat_str: string;
  special_tokens: Record<string, number>;
  /** Lines of `<name> <first rank> <base64 token> <base64 token> …`, consecutive ranks. */
  bpe_ranks: string;
}

/** Pieces up to this many UTF-16 code units are cached (longer ones rarely repeat). */
export const CACHE_MAX_PIECE_CHARS = 64;
/** The piece cache is emptied when it holds this many pieces (bounds memory to tens of MB). */
const CACHE_MAX_ENTRIES = 1 << 19;
/** Pieces up to this many bytes merge by tiktoken's rescan; longer ones through the heap. */
export const LINEAR_SCAN_MAX_BYTES = 128;

/** Large texts whose counts are remembered by content (a number each: keep many). */
const TEXT_MEMO_ENTRIES = 1024;

const NO_RANK = 0x7fffffff;
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) BASE64_VALUE[BASE64.charCodeAt(i)] = i;

function fnv1a(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return h >>> 0;
}

/** Token bytes → rank, from a js-tiktoken rank file. */
class RankTable {
  /** Every token's bytes, back to back. */
  private readonly bytes: Uint8Array;
  /** tokenStart[rank] … tokenStart[rank] + tokenLength[rank] in `bytes`; length 0 = no such rank. */
  private readonly tokenStart: Int32Array;
  private readonly tokenLength: Uint8Array;
  /** Open addressing, linear probing; each slot holds rank + 1 (0 = empty). */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** The longest token, in bytes: a longer byte range is never a token. */
  readonly maxTokenBytes: number;
  readonly size: number;

  constructor(bpeRanks: string) {
    // Pass 1: how many tokens, the highest rank, and an upper bound on the bytes.
    let count = 0;
    let maxRank = -1;
    for (let lineStart = 0; lineStart < bpeRanks.length; ) {
      let lineEnd = bpeRanks.indexOf('\n', lineStart);
      if (lineEnd < 0) lineEnd = bpeRanks.length;
      const fields = lineEnd > lineStart ? bpeRanks.slice(lineStart, lineEnd).split(' ') : [];
      if (fields.length >= 2) {
        const first = Number.parseInt(fields[1] as string, 10);
        if (!Number.isInteger(first) || first < 0) throw new Error(`bad rank file line: ${bpeRanks.slice(lineStart, lineStart + 40)}`);
        count += fields.length - 2;
        maxRank = Math.max(maxRank, first + fields.length - 3);
      }
      lineStart = lineEnd + 1;
    }
    // Base64 packs 3 bytes in 4 characters, so the decoded bytes fit in 3/4 of the text.
    const bytes = new Uint8Array(Math.ceil((bpeRanks.length * 3) / 4));
    const tokenStart = new Int32Array(maxRank + 1);
    const tokenLength = new Uint8Array(maxRank + 1);
    let capacity = 1;
    while (capacity < count * 2) capacity <<= 1;
    const slots = new Int32Array(capacity);
    const mask = capacity - 1;
    let used = 0;
    let maxTokenBytes = 0;

    // Pass 2: decode each token into `bytes` and insert it.
    for (let lineStart = 0; lineStart < bpeRanks.length; ) {
      let lineEnd = bpeRanks.indexOf('\n', lineStart);
      if (lineEnd < 0) lineEnd = bpeRanks.length;
      const nameEnd = bpeRanks.indexOf(' ', lineStart);
      if (nameEnd >= 0 && nameEnd < lineEnd) {
        let p = bpeRanks.indexOf(' ', nameEnd + 1);
        if (p < 0 || p > lineEnd) p = lineEnd;
        let rank = Number.parseInt(bpeRanks.slice(nameEnd + 1, p), 10);
        p++;
        while (p < lineEnd) {
          let q = bpeRanks.indexOf(' ', p);
          if (q < 0 || q > lineEnd) q = lineEnd;
          const start = used;
          let acc = 0;
          let bits = 0;
          for (let c = p; c < q; c++) {
            const v = BASE64_VALUE[bpeRanks.charCodeAt(c)] ?? -1;
            if (v < 0) break; // '=' padding
            acc = ((acc << 6) | v) & 0xffffff;
            bits += 6;
            if (bits >= 8) {
              bits -= 8;
              bytes[used++] = (acc >> bits) & 0xff;
            }
          }
          const length = used - start;
          if (length === 0 || length > 255) throw new Error(`bad token of ${length} bytes at rank ${rank}`);
          tokenStart[rank] = start;
          tokenLength[rank] = length;
          if (length > maxTokenBytes) maxTokenBytes = length;
          let slot = fnv1a(bytes, start, used) & mask;
          while (slots[slot] !== 0) slot = (slot + 1) & mask;
          slots[slot] = rank + 1;
          rank++;
          p = q + 1;
        }
      }
      lineStart = lineEnd + 1;
    }
    this.bytes = bytes;
    this.tokenStart = tokenStart;
    this.tokenLength = tokenLength;
    this.slots = slots;
    this.mask = mask;
    this.maxTokenBytes = maxTokenBytes;
    this.size = count;
  }

  /** The rank of the token whose bytes are `piece[start..end)`, or NO_RANK. */
  rank(piece: Uint8Array, start: number, end: number): number {
    const length = end - start;
    if (length > this.maxTokenBytes) return NO_RANK;
    const { slots, mask, bytes, tokenStart, tokenLength } = this;
    let slot = fnv1a(piece, start, end) & mask;
    for (;;) {
      const entry = slots[slot] as number;
      if (entry === 0) return NO_RANK;
      const rank = entry - 1;
      if (tokenLength[rank] === length) {
        const at = tokenStart[rank] as number;
        let same = true;
        for (let i = 0; i < length; i++) {
          if (bytes[at + i] !== piece[start + i]) {
            same = false;
            break;
          }
        }
        if (same) return rank;
      }
      slot = (slot + 1) & mask;
    }
  }
}

/**
 * Merges `piece[0..n)` (n ≥ 2) and writes the start of each resulting token into `starts`
 * (followed by n); returns the number of tokens. tiktoken's `_byte_pair_merge`, verbatim in
 * effect: after each merge only the two neighbouring pair ranks change, and the next merge is the
 * lowest rank, leftmost on a tie.
 */
function mergeByScan(table: RankTable, piece: Uint8Array, n: number, starts: Int32Array, pairRank: Int32Array): number {
  // parts 0..m-1 start at starts[k]; starts[m-1] = n is the end sentinel.
  let m = n + 1;
  for (let k = 0; k <= n; k++) starts[k] = k;
  for (let k = 0; k < n - 1; k++) pairRank[k] = table.rank(piece, k, k + 2);
  pairRank[n - 1] = NO_RANK;
  pairRank[n] = NO_RANK;
  for (;;) {
    let best = NO_RANK;
    let k = -1;
    for (let j = 0; j < m - 1; j++) {
      const r = pairRank[j] as number;
      if (r < best) {
        best = r;
        k = j;
      }
    }
    if (k < 0) break;
    // Part k absorbs part k+1; its pair is now with the part after, and part k-1's pair ends
    // where the merged part ends.
    if (k > 0) pairRank[k - 1] = table.rank(piece, starts[k - 1] as number, starts[k + 2] as number);
    pairRank[k] = k + 3 < m ? table.rank(piece, starts[k] as number, starts[k + 3] as number) : NO_RANK;
    starts.copyWithin(k + 1, k + 2, m);
    pairRank.copyWithin(k + 1, k + 2, m);
    m--;
  }
  return m - 1;
}

/**
 * The same merges as `mergeByScan`, with the candidate pairs in a binary heap keyed by
 * rank × 2^32 + start (so the minimum is the lowest rank, leftmost on a tie) and the parts in a
 * linked list. A heap entry is stale when its part was absorbed or its pair changed rank since;
 * stale entries are skipped when they surface. O(n log n) for a piece of n bytes.
 */
function mergeByHeap(table: RankTable, piece: Uint8Array, n: number, starts: Int32Array): number {
  const SHIFT = 4294967296; // 2^32: positions are below it (a string is shorter than 2^30)
  const next = new Int32Array(n + 1);
  const prev = new Int32Array(n + 1);
  const pairRank = new Int32Array(n + 1);
  const alive = new Uint8Array(n + 1);
  const heap: number[] = [];
  const push = (key: number) => {
    let i = heap.length;
    heap.push(key);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as number;
      if (p <= key) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = key;
  };
  const pop = (): number => {
    const top = heap[0] as number;
    const last = heap.pop() as number;
    const size = heap.length;
    if (size > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= size) break;
        const r = l + 1;
        const c = r < size && (heap[r] as number) < (heap[l] as number) ? r : l;
        if ((heap[c] as number) >= last) break;
        heap[i] = heap[c] as number;
        i = c;
      }
      heap[i] = last;
    }
    return top;
  };

  for (let p = 0; p <= n; p++) {
    next[p] = p + 1;
    prev[p] = p - 1;
    alive[p] = 1;
  }
  for (let p = 0; p < n - 1; p++) {
    const r = table.rank(piece, p, p + 2);
    pairRank[p] = r;
    if (r !== NO_RANK) push(r * SHIFT + p);
  }
  pairRank[n - 1] = NO_RANK;
  let parts = n;
  while (heap.length > 0) {
    const key = pop();
    const r = Math.floor(key / SHIFT);
    const p = key - r * SHIFT;
    if (alive[p] === 0 || pairRank[p] !== r) continue; // stale
    // Absorb the next part q into p.
    const q = next[p] as number;
    const after = next[q] as number;
    alive[q] = 0;
    next[p] = after;
    prev[after] = p;
    parts--;
    const newRank = after < n ? table.rank(piece, p, next[after] as number) : NO_RANK;
    pairRank[p] = newRank;
    if (newRank !== NO_RANK) push(newRank * SHIFT + p);
    const before = prev[p] as number;
    if (before >= 0) {
      const r2 = table.rank(piece, before, after);
      pairRank[before] = r2;
      if (r2 !== NO_RANK) push(r2 * SHIFT + before);
    }
  }
  let k = 0;
  for (let p = 0; p < n; p = next[p] as number) starts[k++] = p;
  starts[k] = n;
  return parts;
}

/** A compiled encoding: pre-tokenisation, the rank table, and the piece-count cache. */
export class BpeEncoder {
  readonly table: RankTable;
  readonly patStr: string;
  private readonly pattern: RegExp;
  private readonly cache = new Map<string, number>();
  private readonly cacheMaxEntries: number;
  /** Counts of large texts by content (content-memo.ts). */
  private readonly texts = new ContentMemo<number>(TEXT_MEMO_ENTRIES);
  private readonly utf8 = new TextEncoder();
  private scratch = new Uint8Array(1024);
  private starts = new Int32Array(LINEAR_SCAN_MAX_BYTES + 1);
  private pairRank = new Int32Array(LINEAR_SCAN_MAX_BYTES + 1);

  /** `cacheMaxEntries` defaults to CACHE_MAX_ENTRIES (tests make it small to exercise the reset). */
  constructor(ranks: RankFile, options: { cacheMaxEntries?: number } = {}) {
    this.cacheMaxEntries = Math.max(1, options.cacheMaxEntries ?? CACHE_MAX_ENTRIES);
    this.table = new RankTable(ranks.bpe_ranks);
    this.patStr = ranks.pat_str;
    // The patterns' only groups are the contraction suffixes ('s|'t|…); making them
    // non-capturing changes nothing that matches and saves building capture arrays.
    this.pattern = new RegExp(ranks.pat_str.replace(/(?<!\\)\((?!\?)/g, '(?:'), 'gu');
  }

  /** UTF-8 bytes of `piece` into the scratch buffer; returns the byte length. */
  private toBytes(piece: string): number {
    const n = piece.length;
    if (this.scratch.length < n * 3) this.scratch = new Uint8Array(n * 3);
    const bytes = this.scratch;
    for (let i = 0; i < n; i++) {
      const c = piece.charCodeAt(i);
      if (c >= 0x80) {
        // Not ASCII: TextEncoder (lone surrogates become U+FFFD, as in js-tiktoken).
        return this.utf8.encodeInto(piece, bytes).written;
      }
      bytes[i] = c;
    }
    return n;
  }

  /**
   * Splits the scratch bytes [0, n) into tokens; writes token starts into the returned array
   * (followed by n) and returns [starts, count].
   */
  private merge(n: number): [Int32Array, number] {
    const table = this.table;
    if (n === 1 || table.rank(this.scratch, 0, n) !== NO_RANK) {
      this.starts[0] = 0;
      this.starts[1] = n;
      return [this.starts, 1];
    }
    if (n <= LINEAR_SCAN_MAX_BYTES) return [this.starts, mergeByScan(table, this.scratch, n, this.starts, this.pairRank)];
    const starts = new Int32Array(n + 1);
    return [starts, mergeByHeap(table, this.scratch, n, starts)];
  }

  /** Tokens in one pre-tokenised piece. */
  private countPiece(piece: string): number {
    return this.merge(this.toBytes(piece))[1];
  }

  /** Number of tokens in `text`: equal to `encode(text).length`. A large text seen before is not counted again. */
  count(text: string): number {
    return this.texts.get(text, () => this.countPieces(text));
  }

  private countPieces(text: string): number {
    const re = this.pattern;
    const cache = this.cache;
    re.lastIndex = 0;
    let total = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const piece = m[0];
      let n = cache.get(piece);
      if (n === undefined) {
        n = this.countPiece(piece);
        if (piece.length <= CACHE_MAX_PIECE_CHARS) {
          if (cache.size >= this.cacheMaxEntries) cache.clear();
          cache.set(piece, n);
        }
      }
      total += n;
    }
    return total;
  }

  /** Token ids of `text`, special-token strings as ordinary text (js-tiktoken's `encode(text, [], [])`). */
  encode(text: string): number[] {
    const re = this.pattern;
    re.lastIndex = 0;
    const out: number[] = [];
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const n = this.toBytes(m[0]);
      const [starts, k] = this.merge(n);
      for (let i = 0; i < k; i++) out.push(this.table.rank(this.scratch, starts[i] as number, starts[i + 1] as number));
    }
    return out;
  }

  /** Pieces currently cached (for tests and the bench). */
  get cachedPieces(): number {
    return this.cache.size;
  }
}
