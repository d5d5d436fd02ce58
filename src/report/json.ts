/**
 * `--format json` and `projection.json`: the machine-readable documents of docs/model.md §12.
 *
 * Keys come out in one fixed order whatever order the code that built the object used, so
 * that two runs diff cleanly: first the keys of the contract in the order docs/model.md §12 lists
 * them (`schema` first), then category, component and model names in their natural order,
 * then any other key alphabetically. Numbers must be finite: `JSON.stringify` would turn
 * NaN or Infinity into `null`, which in this contract means "unknown price" — a silent lie,
 * so the renderer throws instead, naming the path.
 */
import { COST_CATEGORIES } from '../model/types.js';
import type { Projection, RunDocument } from '../model/types.js';

/**
 * One global rank list. It works across levels because every object type's keys appear in
 * it in that type's contract order (checked for each type in tests/report/json.test.ts).
 */
const KEY_ORDER: readonly string[] = [
  // documents
  'schema',
  'results',
  'errors',
  // projection
  'scenario',
  'name',
  'file',
  'problems',
  'description',
  'horizon_months',
  'start_month',
  'catalog',
  'as_of',
  'prices_used',
  'targets',
  'slo_p95_ms',
  'slo_ttft_p95_ms',
  'freshness_target_hours',
  'verdict',
  'recommended',
  'reasons',
  'strategies',
  // strategy
  'id',
  'kind',
  'feasible',
  'meets_targets',
  // notes and problems
  'code',
  'path',
  'line',
  'column',
  'message',
  'notes',
  // line item (after name)
  'category',
  'period',
  'unit',
  'quantity',
  'unit_price_usd',
  // per query
  'per_query',
  'input_tokens',
  'cached_input_tokens',
  'output_tokens',
  'freshness_hours',
  'monthly',
  // month
  'month',
  'label',
  'queries',
  'one_time_usd',
  'cost_usd',
  'quantity_by_month',
  'cost_usd_by_month',
  'total_usd',
  'by_category',
  'latency_ms',
  // latency
  'p50',
  'p95',
  'p99',
  'ttft_p50',
  'ttft_p95',
  'ttft_p99',
  'components',
  'line_items',
  'rate_limits',
  'model',
  'role',
  'metric',
  'limit',
  'peak_per_minute',
  'headroom_fraction',
  'replicas',
  'unpriced',
  'models',
  // assumption
  'value',
  'origin',
  'source',
  'price_as_of',
  'oldest',
  'newest',
  'assumptions',
  // map keys with a natural order
  ...COST_CATEGORIES,
  'network',
  'embed',
  'search',
  'rerank',
  'prefill',
  'reasoning',
  'decode',
  'queue',
  'generator',
  'embedding',
  'reranker',
  'vector_store',
  'fine_tuning',
];

const RANK = new Map(KEY_ORDER.map((k, i) => [k, i]));

/** Compare two keys by the contract's order; unknown keys after the known ones, alphabetically. */
function compareKeys(a: string, b: string): number {
  const ra = RANK.get(a);
  const rb = RANK.get(b);
  if (ra !== undefined && rb !== undefined) return ra - rb;
  if (ra !== undefined) return -1;
  if (rb !== undefined) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A deep copy with keys in contract order; throws on a non-finite number or a non-JSON value.
 * The path of each value is kept as a stack of keys and spelled out only when it is needed for
 * an error: a projection holds thousands of values (≈1,300 numbers), and building every one's
 * path as a string cost more than the copy itself.
 */
export function canonicalize(value: unknown, path = '$'): unknown {
  return canonical(value, path, []);
}

function canonical(value: unknown, root: string, trail: (string | number)[]): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`JSON output: ${pathOf(root, trail)} is ${value}; only finite numbers are allowed`);
    return Object.is(value, -0) ? 0 : value;
  }
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      trail.push(i);
      out[i] = canonical(value[i], root, trail);
      trail.pop();
    }
    return out;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of orderedKeys(record)) {
      const v = record[k];
      // An undefined property is an absent optional field: leave it out, as JSON.stringify would.
      if (v === undefined) continue;
      trail.push(k);
      out[k] = canonical(v, root, trail);
      trail.pop();
    }
    return out;
  }
  throw new Error(`JSON output: ${pathOf(root, trail)} is a ${typeof value}, which JSON cannot hold`);
}

/** `$.strategies[0].total_usd`: the path of the value at the top of `trail`. */
function pathOf(root: string, trail: readonly (string | number)[]): string {
  return root + trail.map((seg) => (typeof seg === 'number' ? `[${seg}]` : `.${seg}`)).join('');
}

/**
 * `JSON.stringify(canonicalize(value), null, 2)` as UTF-8 bytes, for a value that sits `depth`
 * levels deep in a document pretty-printed with 2 spaces (`depth` = 0: a document of its own),
 * or `JSON.stringify(canonicalize(value))` with `pretty` false. Same bytes, same errors; made in
 * one pass over the value, without the canonical copy and without a string.
 *
 * Why not the string: a batch writes ≈120 KB of JSON per scenario, and every step between the
 * value and the bytes on stdout was a whole copy. The note texts hold a few non-Latin-1
 * characters (—, ×, →), so V8 holds the document as a two-byte string; flattening that string
 * (JSON.stringify gives it in pieces) and encoding it as UTF-8 cost about twice as much as
 * printing it (measured: ≈1.2 ms against 0.6 ms a projection). Writing the bytes directly
 * takes less than the string alone did.
 */
export function canonicalJsonBytes(value: unknown, depth = 0, pretty = true): Uint8Array {
  const w = new JsonWriter(pretty);
  w.value(value, depth, '$', []);
  return w.bytes();
}

/** Bytes between two numbers beyond which bytes() copies them with one native call, not a loop. */
const COPY_NATIVE = 32;
/** Holds a number's place until bytes() prints it (any byte would do: the places are recorded). */
const NUMBER_MARK = 0x00;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const HEX = '0123456789abcdef';
/** JSON.stringify's short escapes for control characters (the others are \u00xx). */
const SHORT_ESCAPE: Record<number, number> = { 0x08: 0x62, 0x09: 0x74, 0x0a: 0x6e, 0x0c: 0x66, 0x0d: 0x72 };
/** An array index as a property key: JS objects list such keys first, in numeric order. */
const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;

/** Keys in the order the canonical copy's own keys would have: array indices numerically, then compareKeys. */
function orderedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record);
  // Most objects are built in contract order already: check before sorting.
  for (let i = 1; i < keys.length; i++) {
    if (compareKeys(keys[i - 1]!, keys[i]!) > 0) {
      keys.sort(compareKeys);
      break;
    }
  }
  // Rare (no contract key is a number): Object.keys put indices first, the sort may have moved them.
  if (keys.some(isArrayIndex)) {
    const index = keys.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
    return [...index, ...keys.filter((k) => !isArrayIndex(k))];
  }
  return keys;
}

function isArrayIndex(key: string): boolean {
  const c = key.charCodeAt(0);
  return c >= 0x30 && c <= 0x39 && ARRAY_INDEX.test(key) && Number(key) < 2 ** 32 - 1;
}

/** Each key's bytes with its colon, for pretty and compact documents (see JsonWriter.key). */
const prettyKeys = new Map<string, Uint8Array>();
const compactKeys = new Map<string, Uint8Array>();
const KEY_CACHE_SIZE = 4096;

/** Scratch bytes shared by every call (one document at a time: the writer is synchronous). */
let scratch = new Uint8Array(1 << 18);

class JsonWriter {
  private buf = scratch;
  private n = 0;

  constructor(private readonly pretty: boolean) {}

  /** The numbers met so far, in order, and where each goes in the buffer (a NUMBER_MARK byte holds its place). */
  private readonly numbers: number[] = [];
  private readonly marks: number[] = [];

  /**
   * The document: the buffer with each mark replaced by its number's text. The numbers are
   * printed by one JSON.stringify of them all, which costs a quarter of printing each one with
   * String() (≈2,000 numbers a projection, most of them with 15–17 digits). The numbers'
   * characters and the short pieces between them are copied by plain loops: most pieces are a
   * key and an indent of 10–30 bytes, for which a native call costs more than the bytes it
   * moves; a piece longer than COPY_NATIVE (a run of text, or of keys with no number between
   * them) is one native copy (measured on the bundled scenarios: 0.97 → 0.78 ms a projection).
   */
  bytes(): Uint8Array {
    scratch = this.buf; // keep the grown buffer for the next document
    const src = this.buf;
    const count = this.numbers.length;
    if (count === 0) return src.slice(0, this.n);
    const text = JSON.stringify(this.numbers);
    const out = Buffer.allocUnsafeSlow(this.n - count + text.length - 2 - (count - 1));
    const marks = this.marks;
    let from = 0; // in src
    let to = 0; // in out
    let t = 1; // in text, after "["
    for (let i = 0; i < count; i++) {
      const mark = marks[i]!;
      if (mark - from > COPY_NATIVE) {
        out.set(src.subarray(from, mark), to);
        to += mark - from;
      } else while (from < mark) out[to++] = src[from++]!;
      from = mark + 1;
      for (let c = text.charCodeAt(t); c !== 0x2c && c !== 0x5d; c = text.charCodeAt(++t)) out[to++] = c;
      t++;
    }
    out.set(src.subarray(from, this.n), to);
    return out;
  }

  private room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.n + k) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buf.subarray(0, this.n));
    this.buf = grown;
  }

  /** ASCII text (numbers, literals). */
  private ascii(text: string): void {
    this.room(text.length);
    const buf = this.buf;
    let n = this.n;
    for (let i = 0; i < text.length; i++) buf[n++] = text.charCodeAt(i);
    this.n = n;
  }

  /** A newline and the indent of `level` (2 spaces a level); nothing when compact. */
  private newline(level: number): void {
    if (!this.pretty) return;
    this.room(1 + 2 * level);
    const buf = this.buf;
    let n = this.n;
    buf[n++] = 0x0a;
    for (let i = 2 * level; i > 0; i--) buf[n++] = 0x20;
    this.n = n;
  }

  /** A JSON string literal, escaped as JSON.stringify escapes it, UTF-8 encoded. */
  string(text: string): void {
    // At most 6 bytes per UTF-16 unit (\u00xx, \udxxx), plus the quotes.
    this.room(6 * text.length + 2);
    const buf = this.buf;
    let n = this.n;
    buf[n++] = QUOTE;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c !== QUOTE && c !== BACKSLASH) buf[n++] = c;
        else {
          buf[n++] = BACKSLASH;
          const short = c === QUOTE || c === BACKSLASH ? c : SHORT_ESCAPE[c];
          if (short !== undefined) buf[n++] = short;
          else n = unicodeEscape(buf, n, c);
        }
      } else if (c < 0x800) {
        buf[n++] = 0xc0 | (c >> 6);
        buf[n++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          buf[n++] = 0xf0 | (cp >> 18);
          buf[n++] = 0x80 | ((cp >> 12) & 0x3f);
          buf[n++] = 0x80 | ((cp >> 6) & 0x3f);
          buf[n++] = 0x80 | (cp & 0x3f);
          i++;
        } else {
          // A lone surrogate: JSON.stringify writes it as an escape (well-formed JSON.stringify).
          buf[n++] = BACKSLASH;
          n = unicodeEscape(buf, n, c);
        }
      } else {
        buf[n++] = 0xe0 | (c >> 12);
        buf[n++] = 0x80 | ((c >> 6) & 0x3f);
        buf[n++] = 0x80 | (c & 0x3f);
      }
    }
    buf[n++] = QUOTE;
    this.n = n;
  }

  /**
   * A key and its colon (`"total_usd": `). A projection writes ≈4,000 keys drawn from a few
   * hundred names, so each name's bytes are made once and copied after that.
   */
  private key(k: string): void {
    const cache = this.pretty ? prettyKeys : compactKeys;
    let bytes = cache.get(k);
    if (bytes === undefined) {
      const n = this.n;
      this.string(k);
      this.ascii(this.pretty ? ': ' : ':');
      bytes = this.buf.slice(n, this.n);
      if (cache.size >= KEY_CACHE_SIZE) cache.clear(); // bounded: user-named maps (vars) have keys of their own
      cache.set(k, bytes);
      return;
    }
    this.room(bytes.length);
    const buf = this.buf;
    let n = this.n;
    for (let i = 0; i < bytes.length; i++) buf[n++] = bytes[i]!;
    this.n = n;
  }

  value(v: unknown, level: number, root: string, trail: (string | number)[]): void {
    if (v === null) return this.ascii('null');
    switch (typeof v) {
      case 'string':
        return this.string(v);
      case 'boolean':
        return this.ascii(v ? 'true' : 'false');
      case 'number':
        if (!Number.isFinite(v)) throw new Error(`JSON output: ${pathOf(root, trail)} is ${v}; only finite numbers are allowed`);
        // Printed in bytes() (JSON.stringify prints −0 as "0", as canonicalize makes it).
        this.numbers.push(v);
        this.marks.push(this.n);
        this.room(1);
        this.buf[this.n++] = NUMBER_MARK;
        return;
      case 'object':
        break;
      default:
        throw new Error(`JSON output: ${pathOf(root, trail)} is a ${typeof v}, which JSON cannot hold`);
    }
    if (Array.isArray(v)) {
      if (v.length === 0) return this.ascii('[]');
      this.ascii('[');
      for (let i = 0; i < v.length; i++) {
        if (i > 0) this.ascii(',');
        this.newline(level + 1);
        trail.push(i);
        this.value(v[i], level + 1, root, trail);
        trail.pop();
      }
      this.newline(level);
      return this.ascii(']');
    }
    const record = v as Record<string, unknown>;
    let first = true;
    this.ascii('{');
    for (const k of orderedKeys(record)) {
      const item = record[k];
      if (item === undefined) continue; // an absent optional field, as JSON.stringify leaves it out
      if (!first) this.ascii(',');
      first = false;
      this.newline(level + 1);
      this.key(k);
      trail.push(k);
      this.value(item, level + 1, root, trail);
      trail.pop();
    }
    if (!first) this.newline(level);
    this.ascii('}');
  }
}

/** `\u` has been written; writes the four lowercase hex digits of `c`. */
function unicodeEscape(buf: Uint8Array, n: number, c: number): number {
  buf[n++] = 0x75; // u
  buf[n++] = HEX.charCodeAt((c >> 12) & 15);
  buf[n++] = HEX.charCodeAt((c >> 8) & 15);
  buf[n++] = HEX.charCodeAt((c >> 4) & 15);
  buf[n++] = HEX.charCodeAt(c & 15);
  return n;
}

function stringify(value: unknown): string {
  return JSON.stringify(canonicalize(value), null, 2) + '\n';
}

/** The `costsim.run/v1` document printed by `costsim run --format json`. */
export function renderRunJson(doc: RunDocument): string {
  return stringify(doc);
}

/** A scenario's `projection.json`. */
export function renderProjectionJson(projection: Projection): string {
  return stringify(projection);
}
