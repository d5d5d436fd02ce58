/**
 * A fast reader for the plain YAML that scenario files are written in: block mappings of plain
 * keys whose values are plain or quoted scalars on one line, or flow mappings and lists on one
 * line (`corpus: { tokens: 18M }`), with comments and blank lines between. It gives exactly the
 * data `yaml`'s parseDocument(text).toJS() gives for such a text, and `undefined` for anything
 * else: the caller (source-map.ts) then runs the full parser, which stays the reference for
 * every case, every problem and every position.
 *
 * Why: a batch reads thousands of files that have nothing but this subset, and the full parser
 * (lexer → concrete syntax tree → document with positions → data) cost ≈1.2 ms of CPU a
 * scenario, about a seventh of a projection; this reader takes a few hundredths of that. The
 * positions problems need are made by the full parser, on first use (source-map.ts).
 *
 * Conservative by construction: any character, indicator or layout it does not take on
 * (tabs, CR, anchors, aliases, tags, block scalars, lists in block form, multi-line scalars or
 * flow collections, quoted keys, escapes, duplicate keys, keys that read as numbers, booleans
 * or null, `__proto__`, documents markers, deeper than MAX_NESTING) gives up rather than guess.
 * tests/scenario/plain-yaml.test.ts compares it with the full parser on the bundled scenarios,
 * the test fixtures and generated texts.
 */

/** Deeper than this (block and flow levels together), the full parser decides. */
const MAX_NESTING = 32;
/** `yaml` refuses an implicit key longer than 1024 characters; this reader leaves long keys to it. */
const MAX_KEY_LENGTH = 1000;

type Data = Record<string, unknown>;

const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const COMMA = 0x2c;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const NEWLINE = 0x0a;

/** A plain key this reader takes: a letter or `_`, then letters, digits, `_ - . /`. */
function isKeyStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
}
function isKeyChar(c: number): boolean {
  return isKeyStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e || c === 0x2f;
}
/** Keys that YAML reads as something other than that string (booleans, null), or that JS objects treat specially. */
const SPECIAL_KEY = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE|[Nn]ull|NULL|__proto__)$/;

/** Characters that start something other than a plain scalar (YAML's c-indicators, less the ones handled). */
function isIndicator(c: number): boolean {
  // & * ! | > % @ ` # , [ ] { } ? : -  (quotes and brackets are read before this is asked)
  return (
    c === 0x26 || c === 0x2a || c === 0x21 || c === 0x7c || c === 0x3e || c === 0x25 || c === 0x40 || c === 0x60 ||
    c === HASH || c === COMMA || c === OPEN_BRACKET || c === CLOSE_BRACKET || c === OPEN_BRACE || c === CLOSE_BRACE ||
    c === 0x3f || c === COLON || c === 0x2d
  );
}

/**
 * A plain scalar's value under YAML 1.2's core schema, tested in the order of `yaml`'s core
 * schema (node_modules/yaml/dist/schema/core/): null, bool, octal, decimal and hex integers,
 * .inf/.nan, exponent floats, floats; anything else is the string itself. Integers are read with
 * parseInt and floats with parseFloat, as `yaml` reads them.
 */
function resolvePlain(s: string): unknown {
  if (/^(?:~|[Nn]ull|NULL)?$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s)) return s[0] === 't' || s[0] === 'T';
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) {
    return s.slice(-3).toLowerCase() === 'nan' ? Number.NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s)) return parseFloat(s);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}

/** Sets a key as `yaml`'s toJS does (a key the object already has, such as `constructor`, as an own property). */
function put(map: Data, key: string, value: unknown): void {
  if (key in map) Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
  else map[key] = value;
}

/** Thrown inside the reader when the text leaves the subset; caught at the top. */
class NotPlain {}
const NOT_PLAIN = new NotPlain();

class Reader {
  constructor(private readonly text: string) {}

  private code(i: number): number {
    return this.text.charCodeAt(i);
  }

  private skipSpaces(i: number, end: number): number {
    while (i < end && this.code(i) === SPACE) i++;
    return i;
  }

  /** A plain key starting at i, followed by `:` and a space or the end of the line: [key, index after the colon]. */
  key(i: number, end: number): [string, number] {
    if (!isKeyStart(this.code(i))) throw NOT_PLAIN;
    let k = i + 1;
    while (k < end && isKeyChar(this.code(k))) k++;
    if (this.code(k) !== COLON || k - i > MAX_KEY_LENGTH) throw NOT_PLAIN;
    const key = this.text.slice(i, k);
    if (SPECIAL_KEY.test(key)) throw NOT_PLAIN;
    const after = k + 1;
    if (after < end && this.code(after) !== SPACE) throw NOT_PLAIN;
    return [key, after];
  }

  /** A quoted scalar starting at i (on this line): [value, index after the closing quote]. */
  quoted(i: number, end: number): [string, number] {
    const q = this.code(i);
    if (q === QUOTE) {
      const close = this.text.indexOf('"', i + 1);
      if (close === -1 || close >= end) throw NOT_PLAIN;
      const body = this.text.slice(i + 1, close);
      if (body.includes('\\')) throw NOT_PLAIN; // escapes: the full parser
      return [body, close + 1];
    }
    // Single quotes: '' is one quote.
    let out = '';
    let from = i + 1;
    for (;;) {
      const close = this.text.indexOf("'", from);
      if (close === -1 || close >= end) throw NOT_PLAIN;
      out += this.text.slice(from, close);
      if (this.code(close + 1) === APOSTROPHE && close + 1 < end) {
        out += "'";
        from = close + 2;
        continue;
      }
      return [out, close + 1];
    }
  }

  /**
   * A value starting at i that is a flow collection or a quoted scalar: [value, index after it];
   * null when a plain scalar starts there, after checking that one may start with that character.
   */
  private collectionOrQuoted(i: number, end: number, depth: number): [unknown, number] | null {
    const c = this.code(i);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) return this.flow(i, end, depth + 1);
    if (c === QUOTE || c === APOSTROPHE) return this.quoted(i, end);
    // A leading `-` is taken before a digit or a point only (a negative number): `- x`, `---`, `-x` go to the full parser.
    if (c === 0x2d) {
      const d = this.code(i + 1);
      if (!(i + 1 < end && ((d >= 0x30 && d <= 0x39) || d === 0x2e))) throw NOT_PLAIN;
    } else if (isIndicator(c) || c === BACKSLASH) throw NOT_PLAIN;
    return null;
  }

  /** A value in block context (after `key: `), to the end of its line or its comment: [value, index after it]. */
  blockValue(i: number, end: number, depth: number): [unknown, number] {
    const other = this.collectionOrQuoted(i, end, depth);
    if (other !== null) return other;
    let j = i;
    let last = i; // after the last non-space character
    for (; j < end; j++) {
      const x = this.code(j);
      if (x === SPACE) continue;
      if (x === HASH && this.code(j - 1) === SPACE) break; // a comment
      // `a: b: c` (a mapping in a plain value) is an error the full parser reports; brackets in a
      // plain value are left to it too.
      if (x === COLON && (j + 1 === end || this.code(j + 1) === SPACE)) throw NOT_PLAIN;
      if (x === OPEN_BRACE || x === CLOSE_BRACE || x === OPEN_BRACKET || x === CLOSE_BRACKET) throw NOT_PLAIN;
      last = j + 1;
    }
    return [resolvePlain(this.text.slice(i, last)), last];
  }

  /** A flow mapping or list that opens at i and closes on the same line: [value, index after it]. */
  flow(i: number, end: number, depth: number): [unknown, number] {
    if (depth > MAX_NESTING) throw NOT_PLAIN;
    const isMap = this.code(i) === OPEN_BRACE;
    const close = isMap ? CLOSE_BRACE : CLOSE_BRACKET;
    const map: Data = {};
    const list: unknown[] = [];
    let p = this.skipSpaces(i + 1, end);
    if (this.code(p) === close && p < end) return [isMap ? map : list, p + 1];
    for (;;) {
      if (p >= end) throw NOT_PLAIN;
      if (isMap) {
        const [key, after] = this.key(p, end);
        if (after >= end || Object.hasOwn(map, key)) throw NOT_PLAIN; // `{ a:` at the line's end; a duplicate
        const [value, next] = this.flowItem(this.skipSpaces(after, end), end, depth);
        put(map, key, value);
        p = next;
      } else {
        const [value, next] = this.flowItem(p, end, depth);
        list.push(value);
        p = next;
      }
      p = this.skipSpaces(p, end);
      if (p >= end) throw NOT_PLAIN;
      const c = this.code(p);
      if (c === close) return [isMap ? map : list, p + 1];
      if (c !== COMMA) throw NOT_PLAIN;
      p = this.skipSpaces(p + 1, end);
      if (this.code(p) === close) throw NOT_PLAIN; // a trailing comma: the full parser
    }
  }

  /** One value inside a flow collection: [value, index after it]. */
  private flowItem(i: number, end: number, depth: number): [unknown, number] {
    if (i >= end) throw NOT_PLAIN;
    const other = this.collectionOrQuoted(i, end, depth);
    if (other !== null) return other;
    let j = i;
    let last = i;
    for (; j < end; j++) {
      const x = this.code(j);
      if (x === COMMA || x === CLOSE_BRACE || x === CLOSE_BRACKET) break;
      // `:`, `#`, `[`, `{` inside a flow scalar have rules of their own: the full parser.
      if (x === COLON || x === HASH || x === OPEN_BRACE || x === OPEN_BRACKET) throw NOT_PLAIN;
      if (x !== SPACE) last = j + 1;
    }
    if (j >= end) throw NOT_PLAIN;
    return [resolvePlain(this.text.slice(i, last)), last];
  }

  /** After a value: only spaces, then the end of the line or a comment. */
  rest(i: number, end: number): void {
    const j = this.skipSpaces(i, end);
    if (j < end && !(this.code(j) === HASH && j > i)) throw NOT_PLAIN;
  }

  document(): Data {
    const text = this.text;
    const root: Data = {};
    /** Open block mappings, innermost last, with the indent of their keys. */
    const stack: { indent: number; map: Data }[] = [{ indent: 0, map: root }];
    /** A `key:` with nothing after it: a nested mapping if deeper lines follow, else null. */
    let pending: { map: Data; key: string; indent: number } | null = null;
    /** Indent of the last key whose value was on its line: a deeper line after it would continue that value. */
    let valueIndent = -1;
    let any = false;
    let pos = 0;
    while (pos < text.length) {
      let end = text.indexOf('\n', pos);
      if (end === -1) end = text.length;
      const start = pos;
      pos = end + 1;
      const i = this.skipSpaces(start, end);
      if (i === end) continue; // blank
      const indent = i - start;
      if (this.code(i) === HASH) {
        if (valueIndent >= 0 && indent > valueIndent) throw NOT_PLAIN;
        continue; // a comment line
      }
      if (pending !== null) {
        if (indent > pending.indent) {
          if (stack.length >= MAX_NESTING) throw NOT_PLAIN;
          const map: Data = {};
          put(pending.map, pending.key, map);
          stack.push({ indent, map });
        } else put(pending.map, pending.key, null);
        pending = null;
      } else if (valueIndent >= 0 && indent > valueIndent) throw NOT_PLAIN;
      while (indent < stack[stack.length - 1]!.indent) stack.pop();
      const top = stack[stack.length - 1]!;
      if (indent !== top.indent) throw NOT_PLAIN;
      const [key, after] = this.key(i, end);
      if (Object.hasOwn(top.map, key)) throw NOT_PLAIN; // a duplicate: the full parser reports it
      any = true;
      const v = this.skipSpaces(after, end);
      if (v === end || this.code(v) === HASH) {
        // `key:` or `key:   # comment`
        pending = { map: top.map, key, indent };
        valueIndent = -1;
        continue;
      }
      const [value, next] = this.blockValue(v, end, stack.length);
      this.rest(next, end);
      put(top.map, key, value);
      valueIndent = indent;
    }
    if (pending !== null) put(pending.map, pending.key, null);
    if (!any) throw NOT_PLAIN; // empty: the full parser says so
    return root;
  }
}

/** Characters the reader leaves to the full parser: controls but the newline, DEL and C1, line and paragraph separators, BOM, non-characters, lone surrogates. */
function plainCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    if (c === NEWLINE) continue;
    if (c < 0xa0 || c === 0x2028 || c === 0x2029 || c === 0xfeff || c >= 0xfffe) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

/**
 * The data of a scenario text written in plain YAML (see the top of this file), exactly as
 * `yaml` gives it; undefined when the text is not in that subset, or has anything the full
 * parser would report.
 */
export function parsePlainYaml(text: string): Data | undefined {
  if (!plainCharacters(text)) return undefined;
  try {
    return new Reader(text).document();
  } catch (err) {
    if (err === NOT_PLAIN) return undefined;
    throw err;
  }
}
