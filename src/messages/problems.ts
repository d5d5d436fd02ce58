/**
 * Every problem a user can cause — a scenario, dataset or catalog file that cannot be read or
 * meant, or a command-line option that does not fit it — worded in one catalog, as notes.ts
 * words every note.
 *
 * A problem is data, never an exception: code, field path, line and column, message. The code
 * is typed (ProblemCode) and so is each text: `problemText.<entry>(…)` is the only way to make
 * a ProblemText, its parameters are typed, and `problem(path, text)` accepts nothing else (a
 * bare string does not compile; tests/messages/problems.test.ts also scans src/ for problems
 * built by hand). The code that finds a problem gives the facts; this file says them.
 *
 * One voice, the notes' voice: a lowercase clause, no closing period; what was expected and
 * what was written ("expected …; got …"), then how to fix it after a semicolon, a colon or in
 * parentheses. Values are shown by showValue, numbers by src/format.ts.
 */
import { formatDecimal } from '../format.js';
import type { ValueKind } from '../scenario/values.js';
import { didYouMean, didYouMeanHint, formatDidYouMean } from '../util/suggest.js';

/** `--format must be table or json; got "xml"`, with the value probably meant. */
function notOneOf(option: string, values: readonly string[], got: string): string {
  return `${option} must be ${values.length === 2 ? values.join(' or ') : values.join(', ')}; got "${got}"${didYouMeanHint(got, values)}`;
}

/** The help command of a subcommand ("costsim run --help"), or of the program. */
const helpOf = (command: string): string => (command === 'costsim' ? 'costsim --help' : `costsim ${command} --help`);

export const PROBLEM = {
  /** The file is not YAML/JSON, or uses what a scenario refuses (duplicate keys, tags, aliases, depth). */
  syntax: 'syntax',
  /** A key the format does not have (with a did-you-mean hint). */
  unknownKey: 'unknown_key',
  /** A required field is missing. */
  required: 'required',
  /** A value of the wrong shape: a list where a mapping goes, a string where a number goes. */
  wrongType: 'wrong_type',
  /** A value that cannot be read: a unit, a word, a formula, a token source. */
  invalidValue: 'invalid_value',
  /** A number outside its field's bounds (docs/fields.md gives each bound and why). */
  outOfRange: 'out_of_range',
  /** A name that is not known: a catalog id, a strategy kind, a var. */
  unknownId: 'unknown_id',
  /** Fields that contradict each other (overlap ≥ chunk size, retraining faster than the job). */
  inconsistent: 'inconsistent',
  /** A file or folder that cannot be read, lies outside the scenario's folder, or holds nothing usable. */
  file: 'file',
  /** Arithmetic past float64: the inputs give no finite cost or latency. */
  overflow: 'overflow',
  /** A command-line option that does not fit this file (--strategy naming none of its strategies). */
  usage: 'usage',
  /** A bug in costsim, reported against the file so the batch goes on. */
  internal: 'internal',
} as const;

export type ProblemCode = (typeof PROBLEM)[keyof typeof PROBLEM];

declare const worded: unique symbol;
/** A message worded by this catalog. A plain string is not one: it does not type-check where a problem's message goes. */
export type ProblemMessage = string & { readonly [worded]: true };

/** A problem's words before it has a place: which entry said it, its code and its message. */
export interface ProblemText {
  readonly id: ProblemId;
  readonly code: ProblemCode;
  readonly message: ProblemMessage;
}

/** A problem in one file: `path` is the field path ("" for the whole file). */
export interface Problem {
  code: ProblemCode;
  path: string;
  message: ProblemMessage;
  line?: number;
  column?: number;
}

/** Words from this catalog: a ProblemText, or a Problem found earlier being placed again. */
export type Worded = Pick<ProblemText, 'code' | 'message'>;

/** The problem `text` at field `path` (and, when known, line and column). */
export const problem = (path: string, text: Worded, at?: { line?: number; column?: number }): Problem => {
  const out: Problem = { code: text.code, path, message: text.message };
  if (at?.line !== undefined) out.line = at.line;
  if (at?.column !== undefined) out.column = at.column;
  return out;
};

// ---------------------------------------------------------------------------------------------
// How a message shows what was written.

/** A raw value as a message shows it: strings quoted (and cut short), numbers as written. */
export function showValue(raw: unknown): string {
  if (typeof raw === 'string') {
    const cut = raw.length > 60 ? `${raw.slice(0, 57)}...` : raw;
    return JSON.stringify(cut);
  }
  if (typeof raw === 'number') return String(raw);
  if (typeof raw === 'boolean') return String(raw);
  if (raw === null || raw === undefined) return 'nothing';
  if (Array.isArray(raw)) return 'a list';
  if (typeof raw === 'object') return 'a mapping';
  return typeof raw;
}

/** The raw value, and what it came to when that is not plain to see (`"a * 2" = -6`). */
function showResult(raw: unknown, value: number): string {
  if (typeof raw !== 'string' || raw.trim() === String(value)) return showValue(raw);
  return `${showValue(raw)} = ${value}`;
}

/** What a whole top level or dataset line holds, for "got …". */
function showData(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `the ${typeof value} ${String(value)}`;
  return 'a value that is not a mapping';
}

/** A JSON value's type in a dataset line ("an object", "a string", "null"). */
function showJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const count = (n: number) => formatDecimal(n, 0);
const quoted = (names: readonly string[]) => names.map((c) => `"${c}"`).join(', ');
const spaces = (n: number) => `${n} space${n === 1 ? '' : 's'}`;

/** What a numeric value of each kind looks like (values.ts reads them). */
const EXPECTED: Record<ValueKind, string> = {
  number: 'expected a number, a percentage ("3%") or an expression over vars',
  count: 'expected a whole number (e.g. 6, "20k" or an expression over vars)',
  fraction: 'expected a fraction between 0 and 1 or a percentage (e.g. 0.08 or "8%")',
  tokens: 'expected a token count (e.g. 1200, "20k" or "18M")',
  usd: 'expected an amount in USD (e.g. 0.5, "$0.50" or "4k")',
  ms: 'expected a time in milliseconds (e.g. 50) or a duration with a unit (e.g. "250 ms")',
  duration_hours: 'expected a duration with a unit, e.g. "2 days" or "36 h"',
  duration_s: 'expected a duration with a unit, e.g. "5 min" or "30 s"',
  duration_ms: 'expected a duration with a unit, e.g. "250 ms" or "1.5 s"',
};

/** Fields a range makes no sense in, and why (read-field.ts refuses a range there). */
export const NO_RANGE_REASONS = {
  horizon_months: 'the horizon is the length of every projection, so it cannot vary between draws',
  'latency.samples': 'it sets the latency Monte Carlo itself',
  'latency.seed': 'it seeds the latency Monte Carlo itself',
  'models.token_ratio': 'it scales counted text once, when the text is counted; write a range on the token counts instead',
  'fine_tuning.epochs': 'the number of epochs is a setting of the training job, not an estimate',
} as const;
export type NoRangeField = keyof typeof NO_RANGE_REASONS;

/** zod's words for a type (`expected`) as a scenario's reader says them. */
const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  int: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'a mapping of fields',
  array: 'a list',
  record: 'a mapping of fields',
};

const ALLOW_OUTSIDE = 'pass --allow-outside to allow it';

// ---------------------------------------------------------------------------------------------
// The catalog: each entry is [code, words]; `problemText` below makes them ProblemTexts.

const ENTRIES = {
  // The file itself (load.ts, limits.ts, source-map.ts): code syntax or file.
  isFolder: [PROBLEM.file, (file: string) => `${file} is a folder, not a scenario file; name a .yaml, .yml or .json file`],
  noSuchFile: [PROBLEM.file, (file: string) => `no such file: ${file}`],
  cannotRead: [PROBLEM.file, (file: string, detail: string) => `cannot read ${file}: ${detail}`],
  fileTooLarge: [PROBLEM.syntax, (bytes: number, max: number) =>
    `the file is ${count(bytes)} bytes; a scenario file is at most ${count(max)} bytes (put long text in a file and refer to it with { file: path })`],
  reservedKey: [PROBLEM.syntax, () => '"__proto__" cannot be a key in a scenario file (JavaScript reserves it); choose another name'],
  keyTooLong: [PROBLEM.syntax, (chars: number, max: number) => `this key is ${count(chars)} characters long; a key is at most ${count(max)}`],
  textTooLong: [PROBLEM.syntax, (chars: number, max: number) => `this text is ${count(chars)} characters long; here at most ${count(max)} are allowed`],
  empty: [PROBLEM.syntax, () => 'the file is empty: a scenario needs at least version and name'],
  notMapping: [PROBLEM.syntax, (got: unknown) => `the top level must be a mapping of fields (version: 1, name: ..., ...); got ${showData(got)}`],
  duplicateKey: [PROBLEM.syntax, (key: string, first: { line: number; column: number } | undefined) =>
    `duplicate key "${key}"${first === undefined ? '' : ` (first at line ${first.line}, column ${first.column})`}`],
  yamlSyntax: [PROBLEM.syntax, (detail: string) => `invalid YAML: ${detail}`],
  // An indentation mistake, at the line that is wrong (src/scenario/indentation.ts finds the lines and keys).
  indentationTab: [PROBLEM.syntax, (line: number) => `indentation: line ${line} is indented with a tab; YAML indents with spaces only, so replace the tab with spaces`],
  indentationDeeperThanValue: [PROBLEM.syntax, (line: number, indent: number, owner: { line: number; indent: number; key: string; value: string }) =>
    `indentation: line ${line} is indented ${spaces(indent)}, deeper than "${owner.key}" on line ${owner.line}, ` +
    `which already has a value (${owner.value}); indent it ${spaces(owner.indent)} to put it beside "${owner.key}"`],
  indentationNoLevel: [PROBLEM.syntax, (line: number, indent: number, levels: readonly { line: number; indent: number; key: string }[]) =>
    `indentation: line ${line} is indented ${spaces(indent)}, which lines up with no key above it: ` +
    levels.map((l) => `${spaces(l.indent)} puts it beside "${l.key}" (line ${l.line})`).join(', ')],
  multipleDocuments: [PROBLEM.syntax, () => 'a scenario file holds one YAML document; remove the second "---" and what follows'],
  tag: [PROBLEM.syntax, (tag: string) => `the tag "${tag}" is not supported in a scenario file; write plain values`],
  aliases: [PROBLEM.syntax, (max: number) => `the file expands YAML aliases more than ${max} times; refused as a possible resource-exhaustion attack`],
  tooDeep: [PROBLEM.syntax, (max: number) => `mappings and lists are nested more than ${max} levels deep here; a scenario needs fewer than 10`],
  jsonSyntax: [PROBLEM.syntax, (detail: string) => `invalid JSON: ${detail}`],
  jsonNoValue: [PROBLEM.syntax, () => 'invalid JSON: the file holds no value'],
  jsonAfterEnd: [PROBLEM.syntax, (got: string) => `invalid JSON: unexpected ${got} after the end of the JSON value`],
  jsonComment: [PROBLEM.syntax, () => 'invalid JSON: comments are not allowed in JSON'],
  jsonSingleQuote: [PROBLEM.syntax, () => 'invalid JSON: strings in JSON are written in double quotes'],
  jsonExpectedValue: [PROBLEM.syntax, (got: string) =>
    got === 'end of the file' ? 'invalid JSON: unexpected end of the file (expected a value)' : `invalid JSON: unexpected ${got} (expected a value)`],
  jsonExpectedName: [PROBLEM.syntax, (got: string) =>
    got === 'end of the file'
      ? "invalid JSON: unexpected end of the file (expected a property name or '}')"
      : `invalid JSON: expected a property name in double quotes; got ${got}`],
  jsonExpectedColon: [PROBLEM.syntax, (got: string) => `invalid JSON: expected ':' after the property name; got ${got}`],
  jsonExpectedComma: [PROBLEM.syntax, (close: '}' | ']', got: string) =>
    `invalid JSON: expected ',' or '${close}' after ${close === '}' ? 'a property value' : 'a list item'}; got ${got}`],
  jsonTrailingComma: [PROBLEM.syntax, (close: '}' | ']') => `invalid JSON: a comma before '${close}' is not allowed in JSON`],
  jsonUnclosedString: [PROBLEM.syntax, () => 'invalid JSON: the string is not closed'],
  jsonControlCharacter: [PROBLEM.syntax, () => 'invalid JSON: a control character (such as a tab) must be escaped inside a JSON string'],
  jsonBadEscape: [PROBLEM.syntax, (escape: string) =>
    escape === 'u' ? 'invalid JSON: invalid \\u escape in a string' : `invalid JSON: invalid escape '\\${escape}' in a string`],
  jsonBadNumber: [PROBLEM.syntax, () => 'invalid JSON: invalid number'],

  // The file's structure (zod, schema.ts): what a section or a value must look like.
  unknownKey: [PROBLEM.unknownKey, (key: string, known: readonly string[]) => `unknown key "${key}"${didYouMeanHint(key, known)}`],
  required: [PROBLEM.required, () => 'is required'],
  wrongType: [PROBLEM.wrongType, (expected: string, got: unknown) => `expected ${TYPE_WORDS[expected] ?? expected}; got ${showValue(got)}`],
  notOneOf: [PROBLEM.invalidValue, (allowed: readonly unknown[], got: unknown) =>
    allowed.length === 1 ? `expected ${showValue(allowed[0])}; got ${showValue(got)}` : `expected one of ${allowed.map(showValue).join(', ')}; got ${showValue(got)}`],
  emptyText: [PROBLEM.outOfRange, () => 'must not be empty'],
  tooSmall: [PROBLEM.outOfRange, (minimum: number, inclusive: boolean, got: unknown) =>
    `must be ${inclusive ? `at least ${formatDecimal(minimum)}` : `greater than ${formatDecimal(minimum)}`}; got ${showValue(got)}`],
  tooBig: [PROBLEM.outOfRange, (maximum: number, why: string) => `must be at most ${formatDecimal(maximum)} (${why})`],
  /** A shape the schema describes in its own words (the entries below, given to zod as `error`). */
  shape: [PROBLEM.wrongType, (words: ShapeWords) => SHAPES[words]],
  versionOne: [PROBLEM.invalidValue, () => 'expected version: 1'],
  nameText: [PROBLEM.wrongType, () => 'expected a name (text)'],
  nameEmpty: [PROBLEM.outOfRange, () => 'the name must not be empty'],
  monthLabel: [PROBLEM.invalidValue, () => 'expected a month like "2027-01"'],
  strategyId: [PROBLEM.invalidValue, () => 'a strategy id uses letters, digits, "_", "-" and "."'],
  varId: [PROBLEM.invalidValue, () => 'a var name uses letters, digits and "_", starting with a letter or "_"'],
  /** zod's own words for a check this catalog has no entry for (a bug to report: add the entry). */
  schema: [PROBLEM.invalidValue, (detail: string) => detail],

  // The value language (values.ts).
  expected: [PROBLEM.invalidValue, (kind: ValueKind, raw: unknown) => `${EXPECTED[kind]}; got ${showValue(raw)}`],
  notFinite: [PROBLEM.invalidValue, (raw: unknown) => `${showValue(raw)} does not give a finite number (a division by zero, or too large?)`],
  negative: [PROBLEM.outOfRange, (raw: unknown, value: number) => `must not be negative; got ${showResult(raw, value)}`],
  notWhole: [PROBLEM.invalidValue, (raw: unknown, value: number) => `expected a whole number; got ${showResult(raw, value)}`],
  fractionRange: [PROBLEM.outOfRange, (raw: unknown, value: number, bare: boolean) =>
    `${EXPECTED.fraction}; got ${showResult(raw, value)}` + (bare && value > 1 && value <= 100 ? ` (for a percentage, write "${value}%")` : '')],
  durationNoUnit: [PROBLEM.invalidValue, (kind: ValueKind, raw: unknown) => `${EXPECTED[kind]}; got ${showValue(raw)}`],
  durationNotExpected: [PROBLEM.invalidValue, (kind: ValueKind, raw: unknown) => `a duration is not expected here: ${EXPECTED[kind]}; got ${showValue(raw)}`],
  percentNotExpected: [PROBLEM.invalidValue, (kind: ValueKind, raw: unknown) => `a percentage is not expected here: ${EXPECTED[kind]}; got ${showValue(raw)}`],
  dollarNotExpected: [PROBLEM.invalidValue, (kind: ValueKind, raw: unknown) => `an amount in dollars is not expected here: ${EXPECTED[kind]}; got ${showValue(raw)}`],
  otherCurrency: [PROBLEM.invalidValue, (currency: string, raw: unknown) =>
    `costsim reads amounts in US dollars, not ${currency}; got ${showValue(raw)}: convert it to dollars and write a plain number or "$…"`],
  tokensNotExpected: [PROBLEM.invalidValue, (kind: ValueKind, raw: unknown) => `"tokens" is not a unit of this field: ${EXPECTED[kind]}; got ${showValue(raw)}`],
  ambiguousM: [PROBLEM.invalidValue, (raw: unknown) =>
    `"m" is ambiguous in ${showValue(raw)}: write "min" for minutes, "ms" for milliseconds or "M" for millions`],
  unknownSuffix: [PROBLEM.invalidValue, (suffix: string, raw: unknown, candidates: readonly string[]) =>
    `unknown suffix "${suffix}" in ${showValue(raw)}: a number may end with k, M, B (or G), T, %` +
    `${candidates.includes('h') ? ' or a duration unit (ms, s, min, h, day, week, month, year)' : ''}` +
    formatDidYouMean(didYouMean(suffix, candidates))],
  unitInFormula: [PROBLEM.invalidValue, (word: string, raw: unknown) =>
    `a unit ("${word}") cannot stand inside a formula in ${showValue(raw)}: put one unit at the end, e.g. "(a + b) / 2 days"`],
  unknownName: [PROBLEM.invalidValue, (name: string, raw: unknown, varNames: readonly string[]) =>
    `unknown name "${name}" in ${showValue(raw)}: a formula may use only the names defined under vars` +
    (varNames.length === 0 ? ' (none are defined)' : formatDidYouMean(didYouMean(name, varNames)))],
  notAVar: [PROBLEM.invalidValue, (kind: ValueKind, name: string, varNames: readonly string[]) =>
    `${EXPECTED[kind]}; got ${showValue(name)}, which is not the name of a var` +
    (varNames.length === 0 ? ' (no vars are defined)' : formatDidYouMean(didYouMean(name, varNames)))],
  usesInvalidVar: [PROBLEM.invalidValue, (name: string) => `uses var "${name}", which has a problem of its own`],
  functionNotAllowed: [PROBLEM.invalidValue, (name: string, allowed: readonly string[]) =>
    `function "${name}" is not allowed in a formula; allowed: ${allowed.join(', ')}` + formatDidYouMean(didYouMean(name, allowed))],
  notAllowed: [PROBLEM.invalidValue, (what: string, raw: unknown) =>
    `${what} is not allowed: a formula is arithmetic over numbers and vars; got ${showValue(raw)}`],
  modulus: [PROBLEM.invalidValue, (raw: unknown) =>
    `the operator "%" (remainder) is not allowed in ${showValue(raw)}; a percentage goes right after a number, e.g. "3%"`],
  implicitMultiplication: [PROBLEM.invalidValue, (raw: unknown) => `write "*" between factors in ${showValue(raw)} (e.g. "2 * x", not "2x" or "2 x")`],
  formulaSyntax: [PROBLEM.invalidValue, (raw: unknown, detail: string) => `could not read the formula ${showValue(raw)}: ${detail}`],
  evaluation: [PROBLEM.invalidValue, (raw: unknown, detail: string) => `could not evaluate ${showValue(raw)}: ${detail}`],
  valueTooLong: [PROBLEM.invalidValue, (length: number, max: number) => `a value may be at most ${max} characters long; got ${length}`],
  formulaTooDeep: [PROBLEM.invalidValue, (raw: unknown) => `the formula ${showValue(raw)} is nested too deeply`],
  engineNotLoaded: [PROBLEM.internal, (raw: unknown) =>
    `internal error: the formula ${showValue(raw)} was met before the expression engine was loaded (await prepareValues first)`],
  varName: [PROBLEM.invalidValue, (name: string) => `"${name}" cannot name a var: use letters, digits and "_", starting with a letter or "_"`],
  varNameReserved: [PROBLEM.invalidValue, (name: string) => `"${name}" cannot name a var: it is a word of the formula language`],
  varCycle: [PROBLEM.invalidValue, (cycle: readonly string[]) => `vars refer to each other in a cycle: ${cycle.join(' → ')}`],
  rangeMissing: [PROBLEM.invalidValue, (end: string) =>
    `a three-point estimate needs low, base and high; ${end} is missing (e.g. { low: 1M, base: 2M, high: 6M })`],
  rangeOrder: [PROBLEM.invalidValue, (low: number, high: number) => `a range goes from low to high; got ${low} to ${high} (write the smaller value first)`],
  threePointOrder: [PROBLEM.invalidValue, (low: number, base: number, high: number) =>
    `a three-point estimate needs low ≤ base ≤ high; got low ${low}, base ${base}, high ${high}`],

  // A field's own rule (read-field.ts, fields.ts): its bounds, its words, ranges.
  barePercent: [PROBLEM.outOfRange, (raw: unknown, value: number) =>
    `expected a fraction or a percentage (e.g. 0.03 or "3%"); got ${showValue(raw)} (for a percentage, write "${value}%")`],
  outOfRange: [PROBLEM.outOfRange, (range: string, got: string, why: string) => `must be ${range}; got ${got} (${why})`],
  negativeOutOfRange: [PROBLEM.outOfRange, (range: string, raw: unknown, value: number, why: string) => `must be ${range}; got ${showResult(raw, value)} (${why})`],
  rangeEndOutOfRange: [PROBLEM.outOfRange, (end: 'low' | 'high' | 'base', range: string, value: number, why: string) =>
    `${end} end of the range must be ${range}; got ${value} (${why})`],
  rangeEndBarePercent: [PROBLEM.outOfRange, (end: 'low' | 'high' | 'base', value: number) =>
    `${end} end of the range expected a fraction or a percentage (e.g. 0.03 or "3%"); got ${value}`],
  mustBeWhole: [PROBLEM.invalidValue, (got: string) => `must be a whole number; got ${got}`],
  wordNotAccepted: [PROBLEM.invalidValue, (word: 'auto' | 'never', doc: string) => `"${word}" is not accepted here (${doc})`],
  rangeNotHere: [PROBLEM.invalidValue, (raw: unknown) => `a range (${showValue(raw)}) is not accepted here; write a single value`],
  rangeRefused: [PROBLEM.invalidValue, (field: NoRangeField) => `a range is not accepted here: ${NO_RANGE_REASONS[field]}`],

  // The scenario's meaning (normalize.ts).
  noStrategies: [PROBLEM.invalidValue, () => 'lists no strategy: name at least one, e.g. rag: {}'],
  notAStrategyKind: [PROBLEM.unknownId, (id: string, kinds: readonly string[]) =>
    `"${id}" is not a strategy kind: give it a kind (one of ${kinds.join(', ')})${didYouMeanHint(id, kinds)}`],
  scenarioWide: [PROBLEM.inconsistent, (key: 'horizon_months' | 'start_month') =>
    `is the scenario's, not a strategy's: every strategy is projected over the same months so that their totals compare; set ${key} at the top of the file`],
  knowledgeModeNotTaken: [PROBLEM.invalidValue, (modes: readonly string[], takers: readonly string[], kind: string) =>
    `"${modes.join('"/"')}" applies to ${takers.join(', ')} only; ${kind} takes a knowledge section`],
  overlapNotBelowChunk: [PROBLEM.inconsistent, (chunk: number, overlap: number) => `must be less than chunk_tokens (${chunk}); got ${overlap}`],
  retrainFasterThanJob: [PROBLEM.inconsistent, (job: string, model: string | undefined, got: number) =>
    `must be at least ${job}, the training job of ${model}; got ${got} h (a retraining cadence shorter than a training job cannot happen)`],
  noReasoningEfforts: [PROBLEM.unknownId, (model: string) =>
    `the catalog measures no reasoning efforts for ${model}; give the count instead: prompt.reasoning: { tokens: N }`],
  unknownEffort: [PROBLEM.unknownId, (model: string, effort: string, efforts: readonly string[]) =>
    `${model} has no effort "${effort}" in the catalog; expected one of: ${efforts.join(', ')}`],
  noExplicitCachePrice: [PROBLEM.inconsistent, (model: string) =>
    `${model} has no explicit-cache storage price in the catalog; use caching.mode: implicit, or give cache_storage_usd_per_1m_per_hour on the inline model`],
  cacheLifetimeNotSold: [PROBLEM.outOfRange, (model: string, sold: readonly { lifetime: string; price: number }[], got: string) =>
    `${model} sells cache lifetimes of ${sold.map((l) => `${l.lifetime} (writes at $${l.price}/1M)`).join(' or ')}; got ${got} (write one of: ${sold.map((l) => l.lifetime).join(', ')})`],
  speedFromNoProfile: [PROBLEM.required, (model: string) => `is required: ${model} has no latency profile to take it from`],
  noFilesMatch: [PROBLEM.file, (dir: string, include: readonly string[]) => `no files in "${dir}" match ${JSON.stringify(include)}`],
  datasetLine: [PROBLEM.invalidValue, (file: string, line: number, detail: ProblemMessage) => `${file} line ${line}: ${detail}`],
  datasetMoreLines: [PROBLEM.invalidValue, (file: string, more: number, listed: number) =>
    `${file}: ${count(more)} more lines with problems (the first ${listed} are listed); fix those and validate again`],
  noTrainingExamples: [PROBLEM.file, (file: string) => `${file} holds no training examples`],
  inlineModelUnpriced: [PROBLEM.unknownId, (id: string, lookup: ProblemText | null) =>
    `"${id}" is not in the catalog${lookup ? ` (${lookup.message})` : ''}; an inline model needs at least input_usd_per_1m (and output_usd_per_1m for a generator)`],
  inlineLatencyIncomplete: [PROBLEM.required, () =>
    'a model with no catalog latency profile needs ttft_ms, prefill_tokens_per_s and output_tokens_per_s together'],
  inlineGeneratorNoOutputPrice: [PROBLEM.required, (id: string) => `inline generator "${id}" needs output_usd_per_1m`],

  // A line of a fine-tuning dataset (tokens/chat-jsonl.ts); `at` is "messages[2]" or "messages[2].content[0]".
  lineNotJson: [PROBLEM.invalidValue, (detail: string) => `not valid JSON (${detail})`],
  lineNotObject: [PROBLEM.invalidValue, (got: unknown) => `expected an object like {"messages": [...]}, found ${showJsonType(got)}`],
  lineNoMessages: [PROBLEM.invalidValue, () => 'has no "messages" array'],
  lineMessagesNotList: [PROBLEM.invalidValue, (got: unknown) => `"messages" should be an array, found ${showJsonType(got)}`],
  lineMessagesEmpty: [PROBLEM.invalidValue, () => '"messages" is empty'],
  lineNotAnObject: [PROBLEM.invalidValue, (at: string, got: unknown) => `${at} should be an object, found ${showJsonType(got)}`],
  lineNoRole: [PROBLEM.invalidValue, (at: string) => `${at} has no "role" (a string such as "user" or "assistant")`],
  lineNoContent: [PROBLEM.invalidValue, (at: string, role: string) => `${at} (${role}) has no "content"`],
  lineContentType: [PROBLEM.invalidValue, (at: string, got: unknown) => `${at}.content should be a string or an array of content parts, found ${showJsonType(got)}`],
  lineNameType: [PROBLEM.invalidValue, (at: string, got: unknown) => `${at}.name should be a string, found ${showJsonType(got)}`],
  linePartNoText: [PROBLEM.invalidValue, (at: string) => `${at} is a text part without a "text" string`],

  // Catalog ids (catalog/lookup.ts).
  unknownCatalogId: [PROBLEM.unknownId, (kind: string, query: string, candidates: readonly string[]) =>
    candidates.length > 0
      ? `unknown ${kind} "${query}"; did you mean ${quoted(candidates)}?`
      : `unknown ${kind} "${query}"; run \`costsim catalog\` to list the catalog`],
  ambiguousCatalogId: [PROBLEM.unknownId, (kind: string, query: string, candidates: readonly string[]) =>
    `ambiguous ${kind} "${query}": it matches ${quoted(candidates)}; write the full id`],
  wrongModelMode: [PROBLEM.unknownId, (id: string, mode: string, kind: string, candidates: readonly string[]) =>
    `"${id}" is ${mode === 'embedding' ? 'an' : 'a'} ${mode} model, not a ${kind}${candidates.length > 0 ? `; did you mean ${quoted(candidates)}?` : ''}`],

  // Files a scenario names (io/scenario-fs.ts).
  pathEmpty: [PROBLEM.file, () => 'a file or folder path is empty'],
  pathAbsolute: [PROBLEM.file, (p: string, root: string | null) =>
    `${p} is an absolute path, outside the scenario's folder${root === null ? '' : ` ${root}`}; write it relative to the scenario file, or ${ALLOW_OUTSIDE}`],
  pathOutside: [PROBLEM.file, (p: string, root: string | null) => `${p} is outside the scenario's folder${root === null ? '' : ` ${root}`}; ${ALLOW_OUTSIDE}`],
  pathThroughLink: [PROBLEM.file, (p: string, target: string, root: string) =>
    `${p} leads through a symbolic link to ${target}, outside the scenario's folder ${root}; ${ALLOW_OUTSIDE}`],
  linkOutside: [PROBLEM.file, (p: string, target: string, root: string, folder: boolean) =>
    `${p} is a symbolic link to ${target}, ${folder ? 'a folder ' : ''}outside the scenario's folder ${root}; ${ALLOW_OUTSIDE}`],
  includeOutside: [PROBLEM.file, (pattern: string, dir: string) =>
    `include pattern ${JSON.stringify(pattern)} reaches outside ${dir || '.'}; patterns select files inside the folder named by dir:`],
  pathMissing: [PROBLEM.file, (p: string, looked?: string) => `${p} does not exist${looked === undefined ? '' : ` (looked for ${looked})`}`],
  pathUnreadable: [PROBLEM.file, (p: string, detail: string) => `${p} could not be read (${detail})`],
  dirUnlistable: [PROBLEM.file, (p: string, detail: string) => `${p} could not be listed (${detail})`],
  folderNotFile: [PROBLEM.file, (p: string) => `${p} is a folder, not a file (a folder is counted with dir:)`],
  notRegularFile: [PROBLEM.file, (p: string) => `${p} is not a regular file`],
  binaryFile: [PROBLEM.file, (p: string) => `${p} looks like a binary file (it contains NUL bytes), not text`],
  fileNotFolder: [PROBLEM.file, (p: string) => `${p} is a file, not a folder (a single file is counted with file:)`],

  // A policy file (policy/load.ts): read like a scenario, its values without formulas.
  policyIsFolder: [PROBLEM.file, (file: string) => `${file} is a folder, not a policy file`],
  policyTooLarge: [PROBLEM.syntax, (max: number) => `a policy file may be at most ${count(max)} bytes`],
  noSuchPolicy: [PROBLEM.file, (file: string) => `no such policy file: ${file}`],
  policyEmpty: [PROBLEM.syntax, () => 'the policy file is empty: write at least "version: 1" and one rule'],
  policyFormula: [PROBLEM.invalidValue, (raw: unknown) => `a policy value is a number with its unit, e.g. 20k, $500 or 4 s; formulas are not read here; got ${showValue(raw)}`],
  policyIncrease: [PROBLEM.invalidValue, (raw: unknown) => `write a percentage of the base figure ("10%") or an amount in dollars ("$500"); got ${showValue(raw)}`],
  budgetNoLimit: [PROBLEM.required, () => 'sets no limit: give monthly_usd, total_usd, per_query_usd or p90_total_usd'],
  budgetMonthWithoutMonthly: [PROBLEM.inconsistent, () => 'month applies to monthly_usd, which this budget does not set'],
  changeMonthMetric: [PROBLEM.inconsistent, (metric: string) => `month applies to metric monthly_usd; this rule compares ${metric}`],
  latencyNoLimit: [PROBLEM.required, () => 'sets no limit: give p95_ms or ttft_p95_ms'],
  verdictNoRule: [PROBLEM.required, () => 'sets no rule: give must_be (a strategy id or kind) or must_have_feasible: true'],
  policyNoRules: [PROBLEM.required, () => 'the policy has no rules: add budgets, changes, latency or verdict'],

  // A catalog file (catalog/load.ts): the bundled data, or a --catalog file merged over it.
  duplicateId: [PROBLEM.inconsistent, (id: string) => `duplicate id "${id}"`],
  idDiffersFromKey: [PROBLEM.inconsistent, (given: unknown, key: string) => `"${String(given)}" differs from its key "${key}"`],
  idAlsoIn: [PROBLEM.inconsistent, (id: string, file: string) => `"${id}" is also in ${file}`],
  notADate: [PROBLEM.invalidValue, () => 'expected a date YYYY-MM-DD'],
  notARealDate: [PROBLEM.invalidValue, () => 'expected a real date YYYY-MM-DD (a month 01–12, a day that month has)'],
  catalogSourceRequired: [PROBLEM.required, () => 'a source { name, as_of } is required'],
  cannotReadCatalog: [PROBLEM.file, (bundled: boolean, detail: string) => `cannot read ${bundled ? 'bundled ' : ''}catalog file: ${detail}`],

  // A saved run read back by diff and check (diff/read-run.ts).
  runNotADocument: [PROBLEM.wrongType, (got: unknown) => `expected a costsim run document (costsim run --format json); got ${Array.isArray(got) ? 'a list' : typeof got}`],
  runNeedsLists: [PROBLEM.required, () => 'a costsim.run/v1 document needs "results" and "errors" lists'],
  runUnknownSchema: [PROBLEM.invalidValue, (schema: unknown) =>
    `expected a costsim run document (schema "costsim.run/v1", from costsim run --format json) or a projection.json; its schema is ${typeof schema === 'string' ? `"${schema.slice(0, 60)}"` : 'none'}`],
  projectionShape: [PROBLEM.required, (missing: 'schema' | 'scenario' | 'sections' | 'strategy') =>
    ({
      schema: 'expected a costsim.projection/v1 object',
      scenario: 'scenario.name and scenario.file are required',
      sections: 'verdict, catalog and strategies are required',
      strategy: 'each strategy needs id, per_query, monthly and line_items',
    })[missing]],
  runTooLarge: [PROBLEM.file, (file: string, bytes: number, max: number) => `${file} is ${bytes} bytes; a saved run may be at most ${max}`],
  runNotJson: [PROBLEM.syntax, (file: string, detail: string) => `not JSON (${detail}); save a run with costsim run --format json > ${file}`],

  // A run (pipeline.ts, cli/).
  noScenarioFilesIn: [PROBLEM.file, (dir: string) => `no scenario files (*.yaml, *.yml, *.json) in ${dir}`],
  noScenarioFilesMatch: [PROBLEM.file, (pattern: string) => `no scenario files match ${pattern}`],
  noSuchFileOrFolder: [PROBLEM.file, (p: string) => `no such file or folder: ${p}`],
  unreadableInput: [PROBLEM.file, (detail: string) => detail],
  outputNotWritten: [PROBLEM.file, (detail: string) => `could not write its output folder: ${detail}`],
  strategiesNotInScenario: [PROBLEM.usage, (wanted: readonly string[], ids: readonly string[]) =>
    `--strategy ${wanted.join(',')}: none of these is in this scenario (it has ${ids.join(', ')})${wanted.map((id) => didYouMeanHint(id, ids)).join('')}`],
  setNotPathValue: [PROBLEM.usage, (text: string) => `--set expects path=value (e.g. retrieval.top_k=12); got "${text}"`],
  setUnknownVar: [PROBLEM.unknownId, (name: string, names: readonly string[]) =>
    `--set: the scenario has no var "${name}"${names.length === 0 ? ' (it defines no vars)' : didYouMeanHint(name, names)}; --set changes the vars the file defines`],
  setNotFieldPath: [PROBLEM.usage, (p: string) => `--set: "${p}" is not a field path like retrieval.top_k`],

  // The command line (cli/): a usage error, exit 2, found before anything runs. The CLI prints
  // each as "costsim: <words>" (src/cli/run-command.ts's usage()).
  formatNotOneOf: [PROBLEM.usage, (formats: readonly string[], got: string) => notOneOf('--format', formats, got)],
  optionNotOneOf: [PROBLEM.usage, notOneOf],
  // What commander finds while it parses (cli/main.ts hands its facts here): `command` is the
  // subcommand's name, or "costsim" for an option given before any command.
  unknownCommand: [PROBLEM.usage, (asked: string, commands: readonly string[]) =>
    `unknown command "${asked}"${didYouMeanHint(asked, commands)}; the commands are ${commands.join(', ')} (costsim --help)`],
  unknownOption: [PROBLEM.usage, (command: string, flag: string, known: readonly string[]) =>
    `unknown option ${flag}${command === 'costsim' ? '' : ` for ${command}`}${didYouMeanHint(flag, known)}; ${helpOf(command)} lists the options`],
  optionNeedsValue: [PROBLEM.usage, (flags: string) => `${flags.replace(/\s.*$/, '')} needs a value; got none (${flags})`],
  optionRequired: [PROBLEM.usage, (command: string, flags: string, what: string) => `${command} needs ${flags}: ${what}`],
  argumentMissing: [PROBLEM.usage, (command: string, name: string, what: string) => `${command} needs ${name}: ${what}`],
  tooManyArguments: [PROBLEM.usage, (command: string, takes: readonly string[], got: readonly string[]) =>
    `${command} takes ${takes.length === 0 ? 'no arguments' : takes.length === 1 ? `one argument, ${takes[0]}` : `${takes.length} arguments, ${takes.join(' ')}`}; got ${got.length}: ${got.map((a) => `"${a}"`).join(' ')} (${helpOf(command)})`],
  outEmpty: [PROBLEM.usage, () => '--out needs a folder name; got an empty one'],
  monthsNotWhole: [PROBLEM.usage, (got: string) => `--months expects a whole number of months; got "${got}"`],
  jobsNotWhole: [PROBLEM.usage, (max: number, got: string) => `--jobs expects a whole number from 1 to ${max}; got "${got}"`],
  /** A path that matches nothing right after a --set value: most often the rest of that value, split by the shell. */
  pathAfterSet: [PROBLEM.usage, (missing: Worded, value: string, path: string) =>
    `${missing.message}: it follows --set ${value}; if it is part of that value, quote the whole value: --set "${value} ${path}"`],
  /** A --catalog file (or the bundled catalog) with problems: each with its file and path, one a line. */
  catalogUnusable: [PROBLEM.usage, (problems: readonly { file: string; path: string; message: ProblemMessage }[]) =>
    problems.map((p) => `${p.file}${p.path ? `: ${p.path}` : ''}: ${p.message}`).join('\n')],
  varyCount: [PROBLEM.usage, () => '--vary is given once (a cost curve) or twice (a decision map)'],
  stepsNotWhole: [PROBLEM.usage, (got: string | undefined) => `--steps expects a whole number ≥ 2; got "${got}"`],
  sweepMonthNotNumber: [PROBLEM.usage, (got: string) => `--month expects a month number (1 = the first); got "${got}"`],
  varyNotPathRange: [PROBLEM.usage, (text: string) => `--vary expects path=low..high (e.g. workload.queries_per_month=10k..50M); got "${text}"`],
  varyNoRange: [PROBLEM.usage, (input: string, range: string) => `--vary ${input}: expected low..high after "="; got "${range}"`],
  varyNotAnInput: [PROBLEM.usage, (input: string) =>
    `--vary: "${input}" is not a numeric input of this scenario (a field path such as workload.queries_per_month, or vars.<name>)`],
  varyEnd: [PROBLEM.usage, (input: string, why: string) => `--vary ${input}: ${why}`],
  // The library's sweep(), sample() and withInputs() (src/sweep/, src/uncertainty/) throw these as
  // an InputError (src/uncertainty/apply.ts); the sweep command prints them as usage errors.
  notNormalizedScenario: [PROBLEM.usage, () => 'this scenario was not normalized by costsim (no record of its inputs): load it with loadScenario or normalizeScenario'],
  notAnInput: [PROBLEM.usage, (input: string) => `"${input}" is not an input of this scenario (a field path such as workload.queries_per_month, or vars.<name>)`],
  inputUnreadable: [PROBLEM.usage, (input: string, why: string) => `${input}: ${why}`],
  totalNotFinite: [PROBLEM.usage, (strategy: string) => `${strategy}: the total is not a finite number with these inputs`],
  sweepAxesCount: [PROBLEM.usage, (got: number) => `a sweep varies one or two inputs; got ${count(got)}`],
  sweepSameInput: [PROBLEM.usage, (input: string) => `both axes vary ${input}: vary two different inputs`],
  sweepNotNumericInput: [PROBLEM.usage, (input: string) => `"${input}" is not a numeric input of this scenario`],
  sweepRangeNotFinite: [PROBLEM.usage, (input: string) => `${input}: the range must be finite`],
  sweepRangeBackwards: [PROBLEM.usage, (input: string, from: number, to: number) =>
    `${input}: the range must go from low to high; got ${formatDecimal(from)}..${formatDecimal(to)}`],
  sweepLogNotPositive: [PROBLEM.usage, (input: string, from: number, to: number) =>
    `${input}: --log needs a range above 0; got ${formatDecimal(from)}..${formatDecimal(to)}`],
  sweepSteps: [PROBLEM.usage, (input: string, steps: number) => `${input}: steps must be a whole number ≥ 2; got ${formatDecimal(steps)}`],
  sweepTooManyPoints: [PROBLEM.usage, (max: number, points: number) => `a sweep may have at most ${count(max)} points; this one has ${count(points)}`],
  sweepMonthOutsideHorizon: [PROBLEM.usage, (horizon: number, got: number) =>
    `month must be a whole number from 1 to ${horizon} (the horizon); got ${formatDecimal(got)}`],
  savedRunAsSaved: [PROBLEM.usage, () => 'a saved run is compared as it was saved: --catalog, --set, --months and --strategy apply only to scenarios that are run'],
  compareToSeveralRuns: [PROBLEM.usage, () => 'with --compare-to, give the scenarios to run (or one saved run), not several saved runs'],
  savedRunsCount: [PROBLEM.usage, (two: boolean) => (two ? 'give two saved runs (costsim diff base.json head.json), or --compare-to base.json' : 'give one saved run, or scenarios to run')],
  diffNeedsBaseline: [PROBLEM.usage, () =>
    'diff needs a baseline: --compare-to base.json (a saved costsim run --format json), two saved runs, or --catalog new-prices.json to compare against the bundled prices'],
  checkNeedsPolicy: [PROBLEM.usage, () => 'check needs --policy FILE (see docs/ci.md for the format)'],
  changeLimitsNeedBaseline: [PROBLEM.usage, (policy: string) => `${policy} has change limits (changes:), which compare against a baseline: add --compare-to base.json`],
  nothingToCount: [PROBLEM.usage, () => 'name at least one file or folder to count'],
  modelAndEncoding: [PROBLEM.usage, () => 'give --model or --encoding, not both (--model picks the encoding for that model)'],
  unknownEncoding: [PROBLEM.usage, (got: string, encodings: readonly string[]) => `unknown encoding ${JSON.stringify(got)}; expected one of ${encodings.join(', ')}`],
  tokensFormat: [PROBLEM.usage, (got: unknown) => `unknown format ${JSON.stringify(got)}; expected table or json`],
  modelEmpty: [PROBLEM.usage, () => '--model needs a model id'],
  initFileExists: [PROBLEM.usage, (file: string) => `${file} exists; pass --force to overwrite it`],
  /** The model's own words for the arithmetic that overflowed (src/model/finite.ts names the inputs). */
  overflow: [PROBLEM.overflow, (detail: string) => detail],
  renderFailed: [PROBLEM.internal, (format: string | null, detail: string) => `could not render the ${format} output: ${detail}`],
  internal: [PROBLEM.internal, (detail: string) => `internal error: ${detail} (please report this)`],
} as const satisfies Record<string, readonly [ProblemCode, (...args: never[]) => string]>;

type ProblemId = keyof typeof ENTRIES;

type Catalog = {
  [K in ProblemId]: (...args: Parameters<(typeof ENTRIES)[K][1]>) => ProblemText & { readonly id: K };
};

/** The catalog: `problemText.unknownKey('topk', known)`; an id that is not an entry does not compile. */
export const problemText: Catalog = Object.fromEntries(
  (Object.keys(ENTRIES) as ProblemId[]).map((id) => {
    const [code, words] = ENTRIES[id] as readonly [ProblemCode, (...args: unknown[]) => string];
    return [id, (...args: unknown[]) => ({ id, code, message: words(...args) as ProblemMessage })];
  }),
) as Catalog;

// Two problems say where another was found; the problem keeps its own entry and code.

/** The same problem found through a value given with --set: said so, since the file has no line for it. */
export function setOnCommandLine(text: Worded): Worded {
  return { code: text.code, message: `${text.message} (set on the command line)` as ProblemMessage };
}

/** A problem of a saved run, said with its file (and where in it): "base.json: results[2]: …". */
export function inRunFile(file: string, text: Worded, at?: string): Worded {
  return { code: text.code, message: `${file}: ${at === undefined ? '' : `${at}: `}${text.message}` as ProblemMessage };
}

/** A problem of one end of a range ("low end of the range: …"). */
export function atRangeEnd(end: string, text: ProblemText): ProblemText {
  return { id: text.id, code: text.code, message: `${end} end of the range: ${text.message}` as ProblemMessage };
}

// ---------------------------------------------------------------------------------------------
// zod carries a schema's own words as a string (its `error` option); they are registered here
// so that the problem made from zod's issue gets its entry and code back.

const SCHEMA_WORDS = new Map<string, ProblemText>();

/** A zod `error` option worded by this catalog. */
export function zodError(text: ProblemText): { error: string } {
  SCHEMA_WORDS.set(text.message, text);
  return { error: text.message };
}

/** The parts of a zod issue a problem is made from. */
export interface ZodIssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  issues?: ZodIssueLike[];
  expected?: string;
  values?: unknown[];
  origin?: string;
  minimum?: number | bigint;
  inclusive?: boolean;
}

/** One zod issue in the catalog's words: the schema's own (zodError), or the catalog's for zod's check; `given` is the value at its path. */
export function zodIssueText(issue: ZodIssueLike, given: unknown): ProblemText {
  const own = SCHEMA_WORDS.get(issue.message);
  if (own) return own;
  if (issue.code === 'invalid_type' && issue.expected !== undefined) return problemText.wrongType(issue.expected, given);
  if (issue.code === 'invalid_value' && issue.values !== undefined) return problemText.notOneOf(issue.values, given);
  if (issue.code === 'too_small' && issue.origin === 'string') return problemText.emptyText();
  if (issue.code === 'too_small' && issue.origin === 'number' && issue.minimum !== undefined) return problemText.tooSmall(Number(issue.minimum), issue.inclusive === true, given);
  return problemText.schema(issue.message);
}

// ---------------------------------------------------------------------------------------------
// Shapes the schema states in its own words (zod's `error` for a union or a refused form).

const SHAPES = {
  value: 'expected a number, a value like "20k", "3%" or "2 days", a formula over vars, a range "2M to 5M" or { low, base, high }',
  tokenSource: 'expected a token source: { tokens: N }, { text: "..." } or { file: path }',
  corpus: 'expected a corpus: { tokens: N }, { text: "..." }, { file: path } or { dir: path, include: [globs] }',
  dataset: 'expected a dataset: { examples: N, tokens_per_example: N } or { file: data.jsonl }',
  modelRef: 'expected a catalog model id (e.g. "gpt-4.1-mini") or an object with an id and prices',
  vectorStoreRef: 'expected a catalog vector-store id (e.g. "pinecone-serverless") or an object with an id and prices',
  reasoning: 'expected { tokens: N } or { effort: NAME } (an effort the catalog measures, e.g. minimal, medium, default)',
  spread: 'expected a spread (p95/p50, e.g. 1.8) or a map { default: 1.8, prefill: 2.5 }',
  strategyKnowledge: 'expected "full" or "none" (prompt_only), or a knowledge section override',
  policyLevel: 'expected "error" (fail the check) or "warn" (report only)',
  policyMetric: 'expected monthly_usd, total_usd or per_query_usd',
  policyMustBe: 'expected a strategy id or kind, or a list of them',
  policyBudgets: 'expected a list of budgets ("- monthly_usd: 20k")',
} as const;
type ShapeWords = keyof typeof SHAPES;

// ---------------------------------------------------------------------------------------------
// Gate results of a policy (src/policy/evaluate.ts finds the figures, this section words them):
// one sentence per rule × scenario × limit, the figure, the limit and what was compared. A gate
// result is an outcome, not a problem of the input, so its words have no problem code; they
// have the same guarantees: `gateText.<entry>(…)` is the only way to make a GateMessage, and a
// GateResult's message is one.

declare const gateWorded: unique symbol;
/** A gate result's sentence worded by this catalog; a plain string does not type-check as one. */
export type GateMessage = string & { readonly [gateWorded]: true };

/** Why a rule's strategy cannot be found in a scenario. */
export type MissingStrategy =
  | { why: 'none_recommended' }
  | { why: 'recommended_missing'; id: string }
  | { why: 'not_in_scenario'; selector: string; ids: readonly string[] };

function missingWords(m: MissingStrategy): string {
  switch (m.why) {
    case 'none_recommended':
      return 'no strategy is recommended (none is feasible, fully priced and on target)';
    case 'recommended_missing':
      return `the recommended strategy "${m.id}" is missing from the run`;
    case 'not_in_scenario':
      return `the scenario has no strategy "${m.selector}" (it has ${m.ids.join(', ')})`;
  }
}

/** The figure a gate compares, in words ("month 2 (2027-02)", "the cost per query"). */
export type GateFigure =
  | { month: number; label?: string | undefined }
  | { highestMonth: number | undefined; label: string | undefined }
  | { monthsTotal: number | undefined }
  | 'horizon_total'
  | 'cost_per_query'
  | 'p90_total'
  | 'latency_p95'
  | 'ttft_p95';

function figureWords(f: GateFigure): string {
  if (typeof f === 'object') {
    if ('month' in f) return `month ${f.month}${f.label === undefined ? '' : ` (${f.label})`}`;
    if ('highestMonth' in f) return `the highest month, ${f.highestMonth} (${f.label})`;
    return `the ${f.monthsTotal ?? ''}-month total`;
  }
  return { horizon_total: 'the horizon total', cost_per_query: 'the cost per query', p90_total: 'P90 of the horizon total', latency_p95: 'latency p95', ttft_p95: 'TTFT p95' }[f];
}

/** Why a figure is unknown. */
const UNKNOWN_FIGURE = {
  price_missing: 'unknown (a price is missing)',
  unknown: 'unknown',
  no_ranges: 'not available: the scenario has no ranges',
  never_priced: 'unknown (never priced in the draws)',
} as const;

/** Which run a change limit could not read: this one, or the baseline. */
type Side = 'now' | 'baseline';
const sideWords = (side: Side) => (side === 'now' ? 'now' : 'in the baseline');

const GATE_ENTRIES = {
  // Budgets and latency limits: a figure against a limit (both formatted by the caller, in the figure's unit).
  limitUncheckable: (missing: MissingStrategy, limit: string) => `${missingWords(missing)}; the limit ${limit} cannot be checked`,
  figureUnknown: (figure: GateFigure, why: keyof typeof UNKNOWN_FIGURE, limit: string) =>
    `${figureWords(figure)} is ${UNKNOWN_FIGURE[why]}; unknown is not within the limit ${limit}`,
  againstLimit: (figure: GateFigure, value: string, limit: string, ok: boolean) =>
    `${figureWords(figure)}: ${value} is ${ok ? 'within' : 'over'} the limit ${limit}`,
  monthPastHorizon: (month: number, months: number) => `month ${month} is past the horizon (${months} months)`,
  latencyUnknown: (figure: GateFigure) => `${figureWords(figure)} is unknown (the strategy has no latency: it is infeasible)`,

  // Change limits: a figure of the baseline against the same figure now.
  newScenario: () => 'a new scenario: the baseline has nothing to compare it with',
  changeUncheckable: (side: Side, missing: MissingStrategy, limit: string) =>
    `${sideWords(side)}: ${missingWords(missing)}; the change limit ${limit} cannot be checked`,
  changeUnknown: (figure: GateFigure, side: Side, limit: string) =>
    `${figureWords(figure)} is unknown ${sideWords(side)} (a price is missing); unknown is not within ${limit}`,
  /** `change` is signed ("+$40.00", "-3.2%"). */
  changeAgainstLimit: (figure: GateFigure, before: string, after: string, change: string, ok: boolean, limit: string) =>
    `${figureWords(figure)}: ${before} → ${after}, ${change}; ${ok ? 'within' : 'over'} the limit ${limit}`,
  changeFromZero: (figure: GateFigure, before: string, after: string, ok: boolean, limit: string) =>
    `${figureWords(figure)}: ${before} → ${after}; ${ok ? 'no increase' : 'an increase from $0 is over any percentage limit'} (${limit})`,

  // Verdict rules.
  verdictNone: (wanted: string) => `no strategy is recommended; the verdict must be ${wanted}`,
  verdictIs: (recommended: string, ok: boolean, wanted: string) => `the verdict is ${recommended}${ok ? '' : `; it must be ${wanted}`}`,
  feasible: (recommended: string) => `${recommended} is feasible, fully priced and on target`,
  noneFeasible: (reason: string) => `no strategy is feasible, fully priced and on target: ${reason}`,

  // A rule that selects no scenario (it fails, so that a typo cannot switch a gate off).
  noScenarioToCheck: () => 'the run has no scenario to check',
  matchesNoScenario: () => 'matches no scenario of the run (a scenario name, or a glob over scenario files)',
} as const satisfies Record<string, (...args: never[]) => string>;

type GateId = keyof typeof GATE_ENTRIES;

/** A gate result's words: which entry said it, and the sentence. */
export interface GateText {
  readonly id: GateId;
  readonly message: GateMessage;
}

type GateCatalog = { [K in GateId]: (...args: Parameters<(typeof GATE_ENTRIES)[K]>) => GateText & { readonly id: K } };

/** The gate results' catalog: `gateText.againstLimit({ month: 2, label }, '$56.00', '$50.00', false)`. */
export const gateText: GateCatalog = Object.fromEntries(
  (Object.keys(GATE_ENTRIES) as GateId[]).map((id) => {
    const words = GATE_ENTRIES[id] as (...args: unknown[]) => string;
    return [id, (...args: unknown[]) => ({ id, message: words(...args) as GateMessage })];
  }),
) as GateCatalog;
