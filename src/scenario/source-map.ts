/**
 * Scenario text → data, with the line and column of every key and value (docs/model.md §2.8:
 * each problem names the field path and, for YAML/JSON, the line and column).
 *
 * The format follows the file name: `.json` is JSON, anything else YAML.
 *  - YAML: `yaml`'s parseDocument (YAML 1.2 core schema). Duplicate keys, tags other than the
 *    core ones (`!!binary`, `!!set`, `!!js/function`, `!foo` … are refused; `yaml` does not
 *    run code for any tag, but a Buffer or a Set is no scenario value either) and more than
 *    MAX_ALIAS_COUNT alias expansions (the "billion laughs" attack) are problems. Plain YAML,
 *    what scenario files are written in, is first tried by a fast reader (plain-yaml.ts) that
 *    gives the same data; positions then come from parseDocument when a problem needs one.
 *  - JSON: JSON.parse gives the data; a small scanner gives positions and, for a syntax
 *    error, a JSON-flavoured message with line and column (Node 20's own messages often
 *    carry neither). Duplicate keys are problems here too.
 *
 * Positions are 1-based lines and columns counted in UTF-16 code units, a byte-order mark
 * stripped first. Nothing here reads a file or throws: problems are data.
 */
import { IndentationExplainer } from './indentation.js';
import { parsePlainYaml } from './plain-yaml.js';
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { problem, problemText, type Problem, type ProblemText } from '../messages/problems.js';

export type PathSegment = string | number;

export interface SourcePosition {
  line: number;
  column: number;
}

export interface LocateOptions {
  /** Point at the key rather than its value (for an unknown key). Ignored for list items. */
  key?: boolean;
}

interface ParsedSource {
  format: 'yaml' | 'json';
  /** The parsed data; undefined when the text could not be read at all. */
  data: unknown;
  /** Problems of the text itself (syntax, empty, duplicates, tags). Any problem makes the file invalid. */
  problems: Problem[];
  /**
   * Where `path` is written. For a path that does not exist, the deepest existing part:
   * a missing key points at the key of the map that should hold it.
   */
  locate(path: string | readonly PathSegment[], options?: LocateOptions): SourcePosition | undefined;
}

/** Alias expansions allowed when building data from YAML (yaml's default, stated). */
const MAX_ALIAS_COUNT = 100;

/**
 * Deepest nesting of mappings and lists in a scenario file. The deepest field is 6 levels
 * down; every reader after this one (zod, the normalizer, --set) recurses, and a file
 * nested ~2,000 deep used to overflow the stack ("Maximum call stack size exceeded").
 */
const MAX_DEPTH = 64;

const CORE_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`),
);


// ---------------------------------------------------------------------------------------------
// Positions

/** A node of the position tree, shared by YAML and JSON. Aliased YAML nodes are shared, not copied. */
interface PosNode {
  offset: number;
  /** Offset of the key naming this node in its parent map, if any. */
  keyOffset?: number;
  entries?: Map<string, PosNode>;
  items?: PosNode[];
}

class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  position(offset: number): SourcePosition {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
  }
}

/** `retrieval.top_k`, `include[0]`, `strategies["a.b"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/**
 * The inverse of formatPath: `a.b[0]["x.y"]` → ['a', 'b', 0, 'x.y']. Plain dotted paths
 * (`strategies.rag-k12.retrieval.top_k`, `include.0`) read as their segments.
 */
export function parsePath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  const re = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|([^.[\]]+)|\./gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < path.length && (m = re.exec(path)) !== null) {
    if (m[1] !== undefined) out.push(Number(m[1]));
    else if (m[2] !== undefined) out.push(JSON.parse(m[2]) as string);
    else if (m[3] !== undefined) out.push(m[3]);
  }
  if (re.lastIndex < path.length) return path.split('.').filter((s) => s !== ''); // malformed: best effort
  return out;
}

function locateIn(
  root: PosNode | undefined,
  lines: LineIndex,
  pathOrString: string | readonly PathSegment[],
  options: LocateOptions = {},
): SourcePosition | undefined {
  if (root === undefined) return undefined;
  const path = typeof pathOrString === 'string' ? parsePath(pathOrString) : pathOrString;
  let node = root;
  for (const seg of path) {
    let next: PosNode | undefined;
    if (node.entries !== undefined) next = node.entries.get(String(seg));
    else if (node.items !== undefined) {
      const index = typeof seg === 'number' ? seg : /^\d+$/.test(seg) ? Number(seg) : -1;
      next = node.items[index];
    }
    if (next === undefined) return lines.position(node.keyOffset ?? node.offset);
    node = next;
  }
  return lines.position(options.key === true && node.keyOffset !== undefined ? node.keyOffset : node.offset);
}

// ---------------------------------------------------------------------------------------------
// YAML

/** Where a tag written just before `offset` on the same line starts (the node's range starts after it). */
function tagOffset(text: string, offset: number): number {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const m = /(![^\s]*)\s+$/.exec(text.slice(lineStart, offset));
  return m === null ? offset : lineStart + m.index;
}

function yamlTree(doc: Document, text: string, lines: LineIndex, problems: Problem[]): PosNode | undefined {
  // Built nodes by YAML node, so that an alias reuses its anchor's children instead of copying
  // them (a copy would expand a "billion laughs" file here, before toJS could refuse it).
  const memo = new Map<unknown, PosNode>();
  const tagName = (tag: string) => tag.replace(/^tag:yaml\.org,2002:/, '!!');

  const build = (node: unknown, path: PathSegment[], fallbackOffset: number): PosNode => {
    if (isAlias(node)) {
      const offset = node.range?.[0] ?? fallbackOffset;
      const targetNode = node.resolve(doc);
      const target = targetNode === undefined ? undefined : (memo.get(targetNode) ?? build(targetNode, path, offset));
      // The alias's own position, its anchor's children.
      return { offset, ...(target?.entries && { entries: target.entries }), ...(target?.items && { items: target.items }) };
    }
    const yamlNode = node as YamlNode | null | undefined;
    const range = yamlNode?.range;
    // `key:` with nothing after it has an empty range: point at the key instead.
    const empty = isScalar(yamlNode) && yamlNode.value === null && range != null && range[0] === range[1];
    const pos: PosNode = { offset: empty || range == null ? fallbackOffset : range[0] };
    if (yamlNode == null) return pos;
    memo.set(yamlNode, pos);
    if (yamlNode.tag !== undefined && !CORE_TAGS.has(yamlNode.tag)) {
      const at = lines.position(tagOffset(text, pos.offset));
      problems.push(problem(formatPath(path), problemText.tag(tagName(yamlNode.tag)), at));
    }
    if (isMap(yamlNode)) {
      const entries = new Map<string, PosNode>();
      pos.entries = entries;
      for (const pair of yamlNode.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as YamlNode | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
        const keyOffset = keyNode?.range?.[0] ?? pos.offset;
        const previous = entries.get(key);
        if (previous !== undefined) {
          problems.push(
            problem(formatPath([...path, key]), problemText.duplicateKey(key, lines.position(previous.keyOffset ?? previous.offset)), lines.position(keyOffset)),
          );
          continue;
        }
        const child = build(pair.value, [...path, key], keyOffset);
        child.keyOffset = keyOffset;
        entries.set(key, child);
      }
    } else if (isSeq(yamlNode)) {
      pos.items = yamlNode.items.map((item, i) => build(item, [...path, i], pos.offset));
    }
    return pos;
  };
  return doc.contents === null ? undefined : build(doc.contents, [], 0);
}

/** Offset of the first node nested deeper than MAX_DEPTH, found without recursion; undefined if none. */
function tooDeepYaml(contents: YamlNode): number | undefined {
  const stack: [unknown, number][] = [[contents, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth >= MAX_DEPTH) return node.range?.[0] ?? 0;
    for (const item of node.items) stack.push([isPair(item) ? item.value : item, depth + 1]);
  }
  return undefined;
}

/**
 * YAML: plain YAML (plain-yaml.ts: block mappings, one-line values, comments), which is what
 * scenario files are written in, is read by the fast reader; anything else, and every problem,
 * by the full parser. The positions, which only problems need, come from the full parser when
 * first asked for: the same text parses to the same positions either way.
 */
function parseYaml(text: string, lines: LineIndex, plain: boolean): ParsedSource {
  const data = plain ? parsePlainYaml(text) : undefined;
  if (data === undefined) return parseYamlFully(text, lines);
  let full: ParsedSource | undefined;
  return { format: 'yaml', data, problems: [], locate: (path, options) => (full ??= parseYamlFully(text, lines)).locate(path, options) };
}

function parseYamlFully(text: string, lines: LineIndex): ParsedSource {
  const problems: Problem[] = [];
  const fail = (): ParsedSource => ({ format: 'yaml', data: undefined, problems, locate: () => undefined });
  // uniqueKeys off: duplicates are reported by yamlTree, with their paths. logLevel 'error':
  // warnings are collected in doc.warnings, never printed through process.emitWarning.
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, logLevel: 'error' });
  if (doc.errors.length > 0) {
    const indentation = new IndentationExplainer(text);
    for (const e of doc.errors) {
      // An indentation mistake is said as one, at the line that is wrong (src/scenario/indentation.ts).
      const indent = indentation.explain(e.code, e.pos[0], e.message);
      if (indent !== null) {
        if (!problems.some((p) => p.line === indent.line && p.message === indent.text.message)) problems.push(problem('', indent.text, indent));
        continue;
      }
      // yaml's own parser can overflow the stack on deep nesting; it reports that as an error.
      const text =
        e.code === 'MULTIPLE_DOCS'
          ? problemText.multipleDocuments()
          : /call stack/i.test(e.message)
            ? problemText.tooDeep(MAX_DEPTH)
            : problemText.yamlSyntax(e.message);
      if (text.id === 'tooDeep' && problems.some((p) => p.message === text.message)) continue; // once is enough
      problems.push(problem('', text, lines.position(e.pos[0])));
    }
    return fail();
  }
  const contents = doc.contents as YamlNode | null;
  if (contents === null || (isScalar(contents) && contents.value === null && contents.source === '')) {
    problems.push(problem('', problemText.empty()));
    return fail();
  }
  const deep = tooDeepYaml(contents);
  if (deep !== undefined) {
    problems.push(problem('', problemText.tooDeep(MAX_DEPTH), lines.position(deep)));
    return fail();
  }
  const root = yamlTree(doc, text, lines, problems);
  for (const w of doc.warnings) {
    if (w.code === 'TAG_RESOLVE_FAILED') continue; // reported with its path by yamlTree
    problems.push(problem('', problemText.yamlSyntax(w.message), lines.position(w.pos[0])));
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    problems.push(problem('', err instanceof ReferenceError ? problemText.aliases(MAX_ALIAS_COUNT) : problemText.yamlSyntax(String(err))));
    return fail();
  }
  if (!isMap(contents)) {
    problems.push(problem('', problemText.notMapping(data), lines.position(root?.offset ?? 0)));
  }
  return { format: 'yaml', data, problems, locate: (path, options) => locateIn(root, lines, path, options) };
}

// ---------------------------------------------------------------------------------------------
// JSON

class JsonError {
  constructor(
    readonly offset: number,
    readonly text: ProblemText,
  ) {}
}

/** Reads JSON for positions only (JSON.parse reads the data); throws JsonError at the first fault. */
class JsonScanner {
  private i = 0;
  readonly duplicates: { path: PathSegment[]; offset: number; firstOffset: number; key: string }[] = [];
  constructor(private readonly text: string) {}

  scan(): PosNode {
    this.ws();
    if (this.i >= this.text.length) throw new JsonError(this.i, problemText.jsonNoValue());
    const root = this.value([], 0);
    this.ws();
    if (this.i < this.text.length) throw new JsonError(this.i, problemText.jsonAfterEnd(this.describe()));
    return root;
  }

  private describe(): string {
    const c = this.text[this.i];
    if (c === undefined) return 'end of the file';
    if (c === '\n' || c === '\r') return 'line break';
    return `'${c}'`;
  }

  private ws(): void {
    while (this.i < this.text.length) {
      const c = this.text[this.i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.i++;
      else if (c === '/' && (this.text[this.i + 1] === '/' || this.text[this.i + 1] === '*')) {
        throw new JsonError(this.i, problemText.jsonComment());
      } else return;
    }
  }

  private value(path: PathSegment[], depth: number): PosNode {
    if (depth > MAX_DEPTH) throw new JsonError(this.i, problemText.tooDeep(MAX_DEPTH));
    const start = this.i;
    const c = this.text[this.i];
    if (c === '{') return this.object(path, depth);
    if (c === '[') return this.array(path, depth);
    if (c === '"') {
      this.string();
      return { offset: start };
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      this.number();
      return { offset: start };
    }
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return { offset: start };
      }
    }
    if (c === "'") throw new JsonError(this.i, problemText.jsonSingleQuote());
    throw new JsonError(this.i, problemText.jsonExpectedValue(this.describe()));
  }

  private object(path: PathSegment[], depth: number): PosNode {
    const node: PosNode = { offset: this.i, entries: new Map() };
    if (this.opens('}')) return node;
    for (;;) {
      if (this.text[this.i] !== '"') {
        throw new JsonError(this.i, problemText.jsonExpectedName(this.describe()));
      }
      const keyOffset = this.i;
      const key = this.string();
      this.ws();
      if (this.text[this.i] !== ':') throw new JsonError(this.i, problemText.jsonExpectedColon(this.describe()));
      this.i++;
      this.ws();
      const child = this.value([...path, key], depth + 1);
      child.keyOffset = keyOffset;
      const first = node.entries?.get(key);
      if (first !== undefined) this.duplicates.push({ path: [...path, key], offset: keyOffset, firstOffset: first.keyOffset ?? first.offset, key });
      else node.entries?.set(key, child);
      if (this.closes('}')) return node;
    }
  }

  private array(path: PathSegment[], depth: number): PosNode {
    const node: PosNode = { offset: this.i, items: [] };
    if (this.opens(']')) return node;
    for (let index = 0; ; index++) {
      node.items?.push(this.value([...path, index], depth + 1));
      if (this.closes(']')) return node;
    }
  }

  /** Steps over `{` or `[`; true when the mapping or list closes at once (empty). */
  private opens(close: '}' | ']'): boolean {
    this.i++;
    this.ws();
    if (this.text[this.i] !== close) return false;
    this.i++;
    return true;
  }

  /** After a member or item: true at the closing bracket, false after a comma (another follows). */
  private closes(close: '}' | ']'): boolean {
    this.ws();
    const c = this.text[this.i];
    if (c === close) {
      this.i++;
      return true;
    }
    if (c !== ',') throw new JsonError(this.i, problemText.jsonExpectedComma(close, this.describe()));
    const comma = this.i;
    this.i++;
    this.ws();
    if (this.text[this.i] === close) throw new JsonError(comma, problemText.jsonTrailingComma(close));
    return false;
  }

  /** Reads a string literal and returns its value (keys need it; escapes are decoded). */
  private string(): string {
    const start = this.i;
    this.i++; // opening quote
    for (;;) {
      const c = this.text[this.i];
      if (c === undefined || c === '\n') throw new JsonError(start, problemText.jsonUnclosedString());
      if (c === '"') {
        this.i++;
        return JSON.parse(this.text.slice(start, this.i)) as string;
      }
      if (c < ' ') throw new JsonError(this.i, problemText.jsonControlCharacter());
      if (c === '\\') {
        const e = this.text[this.i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6))) throw new JsonError(this.i, problemText.jsonBadEscape('u'));
          this.i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) throw new JsonError(this.i, problemText.jsonBadEscape(e ?? ''));
        this.i += 2;
        continue;
      }
      this.i++;
    }
  }

  private number(): void {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.i, this.i + 400));
    if (m === null) throw new JsonError(this.i, problemText.jsonBadNumber());
    const next = this.text[this.i + m[0].length];
    if (next !== undefined && /[0-9A-Za-z.+-]/.test(next)) throw new JsonError(this.i, problemText.jsonBadNumber());
    this.i += m[0].length;
  }
}

function parseJson(text: string, lines: LineIndex): ParsedSource {
  const problems: Problem[] = [];
  const fail = (): ParsedSource => ({ format: 'json', data: undefined, problems, locate: () => undefined });
  if (text.trim() === '') {
    problems.push(problem('', problemText.empty()));
    return fail();
  }
  const scanner = new JsonScanner(text);
  let root: PosNode | undefined;
  let scanError: JsonError | undefined;
  try {
    root = scanner.scan();
  } catch (err) {
    // A RangeError (stack) or a scanner bug leaves positions unknown; JSON.parse still decides.
    if (err instanceof JsonError) scanError = err;
  }
  if (scanError?.text.id === 'tooDeep') {
    // JSON.parse would read it, but nothing after it should have to.
    problems.push(problem('', scanError.text, lines.position(scanError.offset)));
    return fail();
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    if (scanError !== undefined) {
      problems.push(problem('', scanError.text, lines.position(scanError.offset)));
    } else {
      problems.push(problem('', problemText.jsonSyntax(err instanceof Error ? err.message : String(err))));
    }
    return fail();
  }
  if (scanError !== undefined) root = undefined;
  for (const d of scanner.duplicates) {
    problems.push(problem(formatPath(d.path), problemText.duplicateKey(d.key, lines.position(d.firstOffset)), lines.position(d.offset)));
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    problems.push(problem('', problemText.notMapping(data), lines.position(root?.offset ?? 0)));
  }
  return { format: 'json', data, problems, locate: (path, options) => locateIn(root, lines, path, options) };
}

// ---------------------------------------------------------------------------------------------

/**
 * Parses a scenario's text; `fileName` only chooses the format (`.json` → JSON, else YAML).
 * `plainYaml: false` reads YAML with the full parser only (the tests compare the two readers).
 */
export function parseScenarioText(text: string, fileName: string, { plainYaml = true }: { plainYaml?: boolean } = {}): ParsedSource {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = new LineIndex(body);
  return /\.json$/i.test(fileName) ? parseJson(body, lines) : parseYaml(body, lines, plainYaml);
}
