/**
 * An in-process memo of counts by content (issue 12: "a repeated run on unchanged files may use
 * a content-hash cache"). A batch of scenarios that share a corpus file or a fine-tuning
 * dataset, or `costsim tokens` naming the same content twice under different paths, counts
 * each distinct large text once per encoding: hashing 1 MB costs about 2 ms, counting it
 * about 100 ms.
 *
 * The key is the SHA-256 of the text's UTF-16 code units, so two texts share an entry only
 * when they are the same string. Nothing is written to disk: the memo lives and dies with the
 * process, so it can never be stale.
 */
// node:crypto is loaded on the first large text, not at import: a run whose texts are all short
// (most scenarios) never hashes, and loading the module cost ≈5 ms of every start.
const createHash: typeof import('node:crypto').createHash = (...args) => process.getBuiltinModule('node:crypto').createHash(...args);

/** Texts shorter than this (UTF-16 code units) are counted directly: hashing them saves little. */
export const MEMO_MIN_CHARS = 1 << 16;
/** At most this many results are kept per memo; the least recently used goes first. */
const MEMO_MAX_ENTRIES = 64;

export class ContentMemo<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly maxEntries = MEMO_MAX_ENTRIES) {}

  /** `compute()`'s value for `text`, computed once per distinct large text. */
  get(text: string, compute: () => T): T {
    if (text.length < MEMO_MIN_CHARS) return compute();
    const key = createHash('sha256').update(text, 'utf16le').digest('base64');
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Most recently used last: Map iterates in insertion order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = compute();
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
