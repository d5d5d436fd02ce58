/**
 * The value language of scenario files (docs/model.md §2.2): what a numeric field may say and
 * what number it means.
 *
 * A value is one of
 *  - a number (`0.5`, `1e6`), or a string holding one; digit groups `50_000` and `50,000`
 *    are read as fifty thousand (a comma is accepted only between groups of three digits);
 *  - a number with an SI suffix: `k`/`K` = 10^3, `M` = 10^6, `B`/`G` = 10^9, `T` = 10^12
 *    (`20k`, `1.5M`, `2B`; a space is allowed: `1.5 M`). A bare `m` is refused as ambiguous
 *    (milli? minutes? millions?), and lower-case `b`, `g`, `t` are refused with a hint;
 *  - a percentage `3%` = 0.03, accepted where the field is a plain number or a fraction;
 *  - a duration `<amount> <unit>`, accepted only by duration fields (and by `ms` fields):
 *    ms, s, min, h, d/day, w/week, mo/month, y/year, with long forms and plurals, any case
 *    (`250 ms`, `30 s`, `5 min`, `36 h`, `2 days`, `1 week`, `1 month`). 1 month = 730 h
 *    (HOURS_PER_MONTH), 1 year = 12 months = 8760 h, 1 week = 168 h, 1 day = 24 h. The amount
 *    may itself be a formula: `(a + b) / 2 days`, `cycle_weeks week`;
 *  - a formula over vars: `daily_chats * 30`, `(a + b) / 2`, `50k * 30`, `base * 3%`,
 *    with + - * / ^, parentheses and the functions in ALLOWED_FUNCTIONS.
 *
 * Formulas are parsed by a restricted mathjs instance (number-only build, created with just
 * the parser, the arithmetic and the allowed functions, with `import`, `evaluate`, `parse`,
 * `createUnit` … disabled on it) loaded lazily, because importing mathjs costs about half a
 * second. Every node of the parsed tree is checked before anything is evaluated: only
 * numbers, names of vars, the arithmetic operators, parentheses and calls of allowed
 * functions pass, so nothing from the file ever runs as code. `%` inside a formula is a
 * percentage only directly after a number or a closing group (`3%`, `a%`); a modulus
 * (`10 % 3`) is refused, as is implicit multiplication (`2x`).
 *
 * Kinds (what the field means; the result is in the unit the kind names):
 *  - `number`: any finite real (negative allowed), percent allowed.
 *  - `count`: a whole number ≥ 0 (`top_k`, `examples`).
 *  - `fraction`: 0 … 1; `8%` or `0.08`. A bare 8 is refused with a hint to write "8%".
 *  - `tokens`: ≥ 0, not necessarily whole; `18M` or `18M tokens`.
 *  - `usd`: ≥ 0; `0.5`, `$0.50`, `$4k`.
 *  - `ms`: a time in milliseconds for fields whose name carries the unit (`network_ms`):
 *    a bare number is ms, a duration with a unit is converted (`0.25 s` → 250).
 *  - `duration_hours` | `duration_s` | `duration_ms`: a duration field (`publish_every`,
 *    `ttl`): the unit is required, a bare number is an error (0 alone is accepted, since zero
 *    has no unit); the result is in hours, seconds or milliseconds. `never`, `auto`, `none`
 *    are keywords the caller handles before calling here.
 *  Upper bounds and "must be > 0" belong to the caller's field table.
 *
 * API: `parseValue` is synchronous. Literals and a lone var name never need mathjs; a
 * formula does, so the caller first awaits `prepareValues(raws)` (which loads the engine only
 * when some raw value is a formula; see `needsExpressionEngine`), or uses the async
 * `parseValueAsync`. A formula met before the engine is loaded gives a
 * problem message, never a throw. No function here throws for any input.
 */
import { HOURS_PER_MONTH } from '../units.js';
import { fitRange, type Distribution } from '../uncertainty/distributions.js';
import { atRangeEnd, problemText, type ProblemText } from '../messages/problems.js';

/** The kinds of value a field holds: how its text is read (units, percentages) and checked. */
export const VALUE_KINDS = [
  'number',
  'count',
  'fraction',
  'tokens',
  'usd',
  'ms',
  'duration_hours',
  'duration_s',
  'duration_ms',
] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

/** A value read, or the problem with it; `value` is what a number that was read but refused came to. */
type ValueResult = { ok: true; value: number } | ({ ok: false; value?: number } & ProblemText);

interface ValueOptions {
  /** Vars that exist but failed to resolve: a formula using one says so instead of "unknown name". */
  invalidVars?: ReadonlySet<string>;
}

/** Functions a formula may call. */
export const ALLOWED_FUNCTIONS = ['abs', 'ceil', 'exp', 'floor', 'log', 'log10', 'max', 'min', 'round', 'sqrt'] as const;

/** Longest string accepted as a value: a formula is a line, not a program. */
const MAX_VALUE_LENGTH = 500;
/** Deepest formula tree accepted (guards the recursive checker and evaluator). */
const MAX_DEPTH = 64;

/** SI suffix → power of ten. */
const SI_EXPONENT: Readonly<Record<string, number>> = { k: 3, K: 3, M: 6, B: 9, G: 9, T: 12 };

const MS_PER_HOUR = 3_600_000;
const MS_PER_MONTH = HOURS_PER_MONTH * MS_PER_HOUR; // 730 h, docs/model.md §1

/** Duration unit spelling (lower case) → milliseconds. All are whole numbers of ms. */
const DURATION_UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1, msec: 1, msecs: 1, millisecond: 1, milliseconds: 1,
  s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000,
  min: 60_000, mins: 60_000, minute: 60_000, minutes: 60_000,
  h: MS_PER_HOUR, hr: MS_PER_HOUR, hrs: MS_PER_HOUR, hour: MS_PER_HOUR, hours: MS_PER_HOUR,
  d: 24 * MS_PER_HOUR, day: 24 * MS_PER_HOUR, days: 24 * MS_PER_HOUR,
  w: 168 * MS_PER_HOUR, wk: 168 * MS_PER_HOUR, wks: 168 * MS_PER_HOUR, week: 168 * MS_PER_HOUR, weeks: 168 * MS_PER_HOUR,
  mo: MS_PER_MONTH, mon: MS_PER_MONTH, month: MS_PER_MONTH, months: MS_PER_MONTH,
  y: 12 * MS_PER_MONTH, yr: 12 * MS_PER_MONTH, yrs: 12 * MS_PER_MONTH, year: 12 * MS_PER_MONTH, years: 12 * MS_PER_MONTH,
};

/** Unit of a kind's result, in ms; undefined for kinds that are not times. */
const KIND_TARGET_MS: Partial<Record<ValueKind, number>> = {
  ms: 1,
  duration_ms: 1,
  duration_s: 1000,
  duration_hours: MS_PER_HOUR,
};

const TOKEN_WORDS = new Set(['token', 'tokens']);

/** Words the formula parser treats as operators or constants: never usable as var names. */
const RESERVED_NAMES = new Set([
  'and', 'or', 'xor', 'not', 'mod', 'to', 'in', 'end', 'true', 'false', 'null', 'undefined', 'NaN', 'Infinity',
  // JavaScript's own object members: mathjs refuses them as names, and so do we.
  'constructor', 'prototype', '__proto__', '__defineGetter__', '__defineSetter__', '__lookupGetter__',
  '__lookupSetter__', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString',
  'toString', 'valueOf',
]);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

// ---------------------------------------------------------------------------------------------
// Reading a value: first the plain grammar (no engine), then formulas.

/** A number without sign: digits with optional groups, fraction and exponent. */
const UNSIGNED = String.raw`(?:\d{1,3}(?:_\d{3})+|\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?`;
/** sign, dollar, number, rest (a suffix and/or unit, checked afterwards). */
const LITERAL = new RegExp(String.raw`^([+-])?\s*(\$)?\s*(${UNSIGNED})\s*(.*)$`, 's');
/**
 * A currency sign other than the dollar: never part of a formula (mathjs reads none of them), so
 * it is said to be one, instead of "could not read the formula". Codes (EUR, GBP, …) are named
 * only where they follow a plain number (`4000 EUR`): in a formula they may be a var's name.
 */
const OTHER_CURRENCY_SIGN = /[€£¥₹₩₽₺₪]/u;
const CURRENCY_CODES = new Set(['EUR', 'GBP', 'JPY', 'CNY', 'INR', 'CHF', 'CAD', 'AUD', 'SEK', 'NOK', 'DKK', 'KRW', 'BRL', 'MXN']);
/** `<amount> <unit>` where the amount does not end with an operator. */
const AMOUNT_AND_UNIT = /^(.*[\w)%.])\s+([A-Za-z]+)$/s;

type Unit = { type: 'none' } | { type: 'percent' } | { type: 'duration'; ms: number } | { type: 'tokens' };

/** How a string will be read. `amount` plans are numbers already; `formula` plans need mathjs. */
type Plan =
  | { type: 'amount'; value: number; unit: Unit; dollar: boolean }
  | { type: 'name'; name: string; unit: Unit }
  | { type: 'formula'; text: string; unit: Unit }
  | { type: 'error'; text: ProblemText };

/** `mantissa × 10^shift` by moving the decimal exponent, so `1.1k` is exactly 1100. */
function shiftDecimal(numeral: string, shift: number): number {
  const clean = numeral.replace(/[_,]/g, '');
  const [mantissa = '0', exponent = '0'] = clean.split(/[eE]/);
  return Number(`${mantissa}e${Number(exponent) + shift}`);
}

/** Spelling → unit, for the words a plain value may end with. */
function readUnitWord(word: string): Unit | undefined {
  const ms = Object.hasOwn(DURATION_UNIT_MS, word.toLowerCase()) ? DURATION_UNIT_MS[word.toLowerCase()] : undefined;
  if (ms !== undefined) return { type: 'duration', ms };
  if (TOKEN_WORDS.has(word.toLowerCase())) return { type: 'tokens' };
  return undefined;
}

function suffixCandidates(kind: ValueKind): string[] {
  const out = Object.keys(SI_EXPONENT);
  if (KIND_TARGET_MS[kind] !== undefined) out.push('ms', 's', 'min', 'h', 'day', 'week', 'month', 'year');
  if (kind === 'tokens') out.push('tokens');
  return out;
}

/** Reads `rest`, what follows the number in a plain value: '', '%', 'k', 'M tokens', 'days', … */
function readRest(rest: string, raw: string, kind: ValueKind): { shift: number; unit: Unit } | { text: ProblemText } {
  if (rest === '') return { shift: 0, unit: { type: 'none' } };
  if (rest === '%') return { shift: -2, unit: { type: 'percent' } };
  let shift = 0;
  let word = rest;
  const si = /^([A-Za-z])(?:\s+(.*))?$/s.exec(rest);
  if (si?.[1] !== undefined && Object.hasOwn(SI_EXPONENT, si[1])) {
    shift = SI_EXPONENT[si[1]] ?? 0;
    word = si[2] ?? '';
    if (word === '') return { shift, unit: { type: 'none' } };
  }
  if (word === 'm') return { text: problemText.ambiguousM(raw) };
  if (CURRENCY_CODES.has(word.toUpperCase())) return { text: problemText.otherCurrency(word.toUpperCase(), raw) };
  const unit = /^[A-Za-z]+$/.test(word) ? readUnitWord(word) : undefined;
  if (unit === undefined) return { text: problemText.unknownSuffix(word, raw, suffixCandidates(kind)) };
  return { shift, unit };
}

/**
 * Plans by kind and text, kept: a Monte Carlo or a sweep reads the same written values (a
 * formula over a var it draws) again at every draw, and a plan depends on nothing else. The
 * plans are only read. Bounded like parsedFormulas below.
 */
const plans = new Map<ValueKind, Map<string, Plan>>();
const MAX_PLANS = 1000;
let planCount = 0;

function plan(raw: string, kind: ValueKind): Plan {
  let byText = plans.get(kind);
  if (byText === undefined) plans.set(kind, (byText = new Map()));
  let p = byText.get(raw);
  if (p === undefined) {
    if (planCount >= MAX_PLANS) {
      for (const m of plans.values()) m.clear();
      planCount = 0;
    }
    byText.set(raw, (p = planFresh(raw, kind)));
    planCount++;
  }
  return p;
}

function planFresh(raw: string, kind: ValueKind): Plan {
  const text = raw.trim();
  if (text.length > MAX_VALUE_LENGTH) return { type: 'error', text: problemText.valueTooLong(text.length, MAX_VALUE_LENGTH) };
  if (text === '') return { type: 'error', text: problemText.expected(kind, raw) };
  const sign = OTHER_CURRENCY_SIGN.exec(text);
  if (sign !== null) return { type: 'error', text: problemText.otherCurrency(sign[0], raw) };
  const literal = LITERAL.exec(text);
  if (literal !== null) {
    const [, sign, dollar, numeral = '', rest = ''] = literal;
    // Only a suffix and/or a unit may follow a plain number; anything else (`3 * a`, `2^10`,
    // `50k * 30`, `2 top_k`) makes it a formula.
    if (/^\s*(?:%|[A-Za-z]+(?:\s+[A-Za-z]+)?)?\s*$/.test(rest)) {
      const read = readRest(rest.trim(), raw, kind);
      if ('text' in read) return { type: 'error', text: read.text };
      const magnitude = shiftDecimal(numeral, read.shift);
      return { type: 'amount', value: sign === '-' ? -magnitude : magnitude, unit: read.unit, dollar: dollar !== undefined };
    }
  }
  if (IDENTIFIER.test(text)) return { type: 'name', name: text, unit: { type: 'none' } };
  // `(a + b) / 2 days`, `cycle week`: a formula (or a name) with one unit at the end.
  const split = AMOUNT_AND_UNIT.exec(text);
  if (split?.[1] !== undefined && split[2] !== undefined) {
    const unit = readUnitWord(split[2]);
    if (unit !== undefined) {
      const amount = split[1].trim();
      if (IDENTIFIER.test(amount)) return { type: 'name', name: amount, unit };
      return { type: 'formula', text: amount, unit };
    }
  }
  return { type: 'formula', text, unit: { type: 'none' } };
}

/** True when reading `raw` needs the formula engine (mathjs), i.e. it is a formula. */
export function needsExpressionEngine(raw: unknown): boolean {
  const range = rangeForm(raw);
  if (range !== null) return rangeEnds(range).some(needsExpressionEngine);
  // The kind changes messages, not whether a string is a formula.
  return typeof raw === 'string' && plan(raw, 'number').type === 'formula';
}

// ---------------------------------------------------------------------------------------------
// Ranges: an uncertain value is written as a 90% interval `2M to 5M` (each end a value of the
// field's kind, units included: `3% to 8%`, `1 day to 1 week`) or as a three-point estimate
// `{ low: 1M, base: 2M, high: 6M }`. This module reads the ends; src/uncertainty/ fits the
// distribution. `to` is a reserved word of the formula language, so no formula contains it.

type RangeForm =
  | { form: 'interval'; low: unknown; high: unknown }
  | { form: 'three_point'; low: unknown; base: unknown; high: unknown };

/** The numbers a range's ends came to (`base` only for a three-point estimate). */
type RangeResult = { ok: true; low: number; high: number; base?: number } | ({ ok: false } & ProblemText);

const INTERVAL = /^(.*?\S)\s+to\s+(\S.*)$/is;

/** How `raw` is written when it is a range; null when it is a plain value. */
export function rangeForm(raw: unknown): RangeForm | null {
  if (typeof raw === 'string') {
    if (raw.length > MAX_VALUE_LENGTH) return null;
    const m = INTERVAL.exec(raw.trim());
    return m?.[1] !== undefined && m[2] !== undefined ? { form: 'interval', low: m[1].trim(), high: m[2].trim() } : null;
  }
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw) && 'low' in raw && 'high' in raw) {
    const r = raw as Record<string, unknown>;
    return { form: 'three_point', low: r.low, base: r.base, high: r.high };
  }
  return null;
}

function rangeEnds(range: RangeForm): unknown[] {
  return range.form === 'interval' ? [range.low, range.high] : [range.low, range.base, range.high];
}

/** A unit word at the end of a value (`1 to 2 weeks` lends "weeks" to its low end). */
const TRAILING_WORD = /\s*([A-Za-z]+|%)$/;

/** Reads the ends of a range with `kind` (never throws). */
export function parseRange(range: RangeForm, kind: ValueKind, vars: Readonly<Record<string, number>>, options: ValueOptions = {}): RangeResult {
  const readEnd = (raw: unknown, name: string, unitFrom?: unknown): ValueResult => {
    if (raw === undefined) return fail(problemText.rangeMissing(name));
    let r = parseValue(raw, kind, vars, options);
    // `1 to 2 weeks`, `3 to 8%`: a bare low end takes the high end's unit when it needs one.
    if (!r.ok && typeof raw === 'string' && typeof unitFrom === 'string' && !TRAILING_WORD.test(raw.trim())) {
      const unit = TRAILING_WORD.exec(unitFrom.trim())?.[1];
      if (unit !== undefined) {
        const lent = parseValue(`${raw.trim()}${unit === '%' ? '' : ' '}${unit}`, kind, vars, options);
        if (lent.ok) r = lent;
      }
    }
    return r.ok ? r : fail(atRangeEnd(name, r));
  };
  const low = readEnd(range.low, 'low', range.high);
  if (!low.ok) return low;
  const high = readEnd(range.high, 'high');
  if (!high.ok) return high;
  if (range.form === 'interval') {
    if (low.value > high.value) return fail(problemText.rangeOrder(low.value, high.value));
    return { ok: true, low: low.value, high: high.value };
  }
  const base = readEnd(range.base, 'base', range.high);
  if (!base.ok) return base;
  if (!(low.value <= base.value && base.value <= high.value)) {
    return fail(problemText.threePointOrder(low.value, base.value, high.value));
  }
  return { ok: true, low: low.value, base: base.value, high: high.value };
}

/** Applies the unit and the kind's checks to a number read from `raw`. */
function finish(raw: unknown, kind: ValueKind, value: number, unit: Unit, dollar: boolean): ValueResult {
  const targetMs = KIND_TARGET_MS[kind];
  if (dollar && kind !== 'usd') return fail(problemText.dollarNotExpected(kind, raw));
  if (!Number.isFinite(value)) return fail(problemText.notFinite(raw));
  let result = value;
  switch (unit.type) {
    case 'percent':
      if (kind !== 'number' && kind !== 'fraction') return fail(problemText.percentNotExpected(kind, raw));
      break;
    case 'tokens':
      if (kind !== 'tokens') return fail(problemText.tokensNotExpected(kind, raw));
      break;
    case 'duration': {
      if (targetMs === undefined) return fail(problemText.durationNotExpected(kind, raw));
      // One multiplication by a whole ratio where possible, so `2 days` is exactly 48 h.
      const ratio = unit.ms / targetMs;
      result = Number.isInteger(ratio) ? value * ratio : (value * unit.ms) / targetMs;
      break;
    }
    case 'none':
      // Zero has no unit, so `ttl: 0` is fine; any other bare number in a duration field is not.
      if (targetMs !== undefined && kind !== 'ms' && value !== 0) return fail(problemText.durationNoUnit(kind, raw));
      break;
  }
  if (!Number.isFinite(result)) return fail(problemText.notFinite(raw));
  if (result === 0) result = 0; // "-0" reads as 0: a -0 would print as "0" yet divide to -Infinity
  if (kind === 'fraction') {
    if (result < 0 || result > 1) return fail(problemText.fractionRange(raw, result, unit.type === 'none'));
  } else if (kind !== 'number') {
    if (result < 0) return { ...fail(problemText.negative(raw, result)), value: result };
    if (kind === 'count' && !Number.isInteger(result)) return fail(problemText.notWhole(raw, result));
  }
  return { ok: true, value: result };
}

function fail(text: ProblemText): { ok: false } & ProblemText {
  return { ok: false, id: text.id, code: text.code, message: text.message };
}

/**
 * Reads one value of a numeric field. Synchronous; a formula needs the engine loaded first
 * (`prepareValues`). Never throws.
 */
export function parseValue(
  raw: unknown,
  kind: ValueKind,
  vars: Readonly<Record<string, number>>,
  options: ValueOptions = {},
): ValueResult {
  try {
    if (typeof raw === 'number') return finish(raw, kind, raw, { type: 'none' }, false);
    if (typeof raw !== 'string') return fail(problemText.expected(kind, raw));
    const p = plan(raw, kind);
    switch (p.type) {
      case 'error':
        return fail(p.text);
      case 'amount':
        return finish(raw, kind, p.value, p.unit, p.dollar);
      case 'name': {
        if (Object.hasOwn(vars, p.name)) return finish(raw, kind, vars[p.name] ?? NaN, p.unit, false);
        if (options.invalidVars?.has(p.name)) return fail(problemText.usesInvalidVar(p.name));
        const names = Object.keys(vars);
        if (p.unit.type === 'none' && p.name === raw.trim()) return fail(problemText.notAVar(kind, p.name, names));
        return fail(problemText.unknownName(p.name, raw, names));
      }
      case 'formula': {
        if (engine === undefined) return fail(problemText.engineNotLoaded(raw));
        const evaluated = evaluateFormula(engine, p.text, raw, vars, options);
        if (!evaluated.ok) return evaluated;
        return finish(raw, kind, evaluated.value, p.unit, false);
      }
    }
  } catch (err) {
    // Defensive: a bug here must become a message, not a stack trace.
    return fail(problemText.evaluation(raw, err instanceof Error ? err.message : String(err)));
  }
}

/** parseValue, loading the engine first when `raw` is a formula. */
export async function parseValueAsync(
  raw: unknown,
  kind: ValueKind,
  vars: Readonly<Record<string, number>>,
  options: ValueOptions = {},
): Promise<ValueResult> {
  await prepareValues([raw]);
  return parseValue(raw, kind, vars, options);
}

// ---------------------------------------------------------------------------------------------
// The formula engine: a restricted mathjs instance, loaded on first need.

/** The few node fields we read; mathjs's own node types are broader than we accept. */
interface FormulaNode {
  type: string;
  name?: string;
  value?: unknown;
  op?: string;
  fn?: unknown;
  args?: FormulaNode[];
  implicit?: boolean;
  isPercentage?: boolean;
  content?: FormulaNode;
  compile(): { evaluate(scope: Map<string, number>): unknown };
}

interface Engine {
  parse(text: string): FormulaNode;
}

let engine: Engine | undefined;
let loading: Promise<Engine> | undefined;

/** Functions the mathjs security notes name as risky, disabled on the instance as well. */
const DISABLED_FUNCTIONS = [
  'import', 'createUnit', 'reviver', 'evaluate', 'parse', 'simplify', 'simplifyConstant', 'simplifyCore',
  'derivative', 'resolve', 'compile', 'chain', 'rationalize', 'parser', 'help',
];

export const OPERATOR_FUNCTIONS = ['add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus'] as const;

async function createEngine(): Promise<Engine> {
  // The number-only build (no units, matrices, complex numbers or big numbers to reach), and of it
  // only the factories the engine needs (formula-factories.ts).
  const mathjs = (await import('./formula-factories.js')) as unknown as {
    FACTORIES: Record<string, unknown>;
    create(factories: Record<string, unknown>, config: Record<string, unknown>): Record<string, unknown> & {
      parse(text: string): FormulaNode;
      import(functions: Record<string, unknown>, options: { override: boolean }): void;
    };
  };
  const factories = mathjs.FACTORIES;
  // predictable: sqrt(-1) is NaN (then refused as not finite), never a complex number.
  const math = mathjs.create(factories, { predictable: true });
  const parse = math.parse.bind(math); // kept before `parse` is disabled on the instance
  const disabled: Record<string, unknown> = {};
  for (const name of DISABLED_FUNCTIONS) {
    disabled[name] = () => {
      throw new Error(`function ${name} is disabled`);
    };
  }
  math.import(disabled, { override: true });
  return { parse };
}

/** Loads the formula engine (once per process). */
export async function loadExpressionEngine(): Promise<void> {
  if (engine !== undefined) return;
  loading ??= createEngine();
  engine = await loading;
}

/** Test probe: whether this process loaded the formula engine (the tests check it loads only for a formula). */
export function isExpressionEngineLoaded(): boolean {
  return engine !== undefined;
}

/** Loads the engine if, and only if, some of these raw values is a formula. */
export async function prepareValues(raws: Iterable<unknown>): Promise<void> {
  for (const raw of raws) {
    if (needsExpressionEngine(raw)) {
      await loadExpressionEngine();
      return;
    }
  }
}

/**
 * Rewrites the numbers of a formula for mathjs: SI suffixes and percentages become plain
 * numerals (`50k` → `50000`, `3%` → `0.03`), so that mathjs never sees a suffix it would
 * read as a name (`50k` would be 50 times a var `k`).
 */
function rewriteNumerals(text: string, raw: unknown): { ok: true; text: string } | ({ ok: false } & ProblemText) {
  const numeral = /(?<![\w.])((?:(?:\d{1,3}(?:_\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)([A-Za-z_]\w*)?/g;
  let out = '';
  let last = 0;
  for (let m = numeral.exec(text); m !== null; m = numeral.exec(text)) {
    const [whole, digits = '', suffix] = m;
    let shift = 0;
    let end = m.index + whole.length;
    if (suffix !== undefined) {
      if (Object.hasOwn(SI_EXPONENT, suffix)) shift = SI_EXPONENT[suffix] ?? 0;
      else if (suffix === 'm') return fail(problemText.ambiguousM(raw));
      else if (readUnitWord(suffix)?.type === 'duration') return fail(problemText.unitInFormula(suffix, raw));
      else return fail(problemText.unknownSuffix(suffix, raw, Object.keys(SI_EXPONENT)));
    }
    // `3%` is a percentage when nothing that could be an operand follows (else `10 %3` is a modulus).
    if (text[end] === '%' && !/^\s*[\w.(]/.test(text.slice(end + 1))) {
      shift -= 2;
      end += 1;
    }
    const value = shiftDecimal(digits, shift);
    if (!Number.isFinite(value)) return fail(problemText.notFinite(raw));
    out += `${text.slice(last, m.index)}${String(value)}`;
    last = end;
    numeral.lastIndex = end;
  }
  return { ok: true, text: out + text.slice(last) };
}

const NODE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  AssignmentNode: 'an assignment ("a = 3")',
  FunctionAssignmentNode: 'a function definition ("f(x) = ...")',
  AccessorNode: 'property or index access ("a.b", "a[1]")',
  IndexNode: 'index access ("a[1]")',
  ArrayNode: 'a list or matrix ("[1, 2]")',
  ObjectNode: 'an object ("{a: 1}")',
  BlockNode: 'more than one statement',
  ConditionalNode: 'a condition ("a ? b : c")',
  RangeNode: 'a range ("1:3")',
  RelationalNode: 'a comparison',
};

/** Checks every node before anything runs; returns the problem of the first that is refused. */
function checkNode(
  node: FormulaNode,
  raw: unknown,
  vars: Readonly<Record<string, number>>,
  options: ValueOptions,
  depth: number,
): ProblemText | undefined {
  if (depth > MAX_DEPTH) return problemText.formulaTooDeep(raw);
  switch (node.type) {
    case 'ConstantNode':
      if (typeof node.value === 'number') return Number.isFinite(node.value) ? undefined : problemText.notFinite(raw);
      return problemText.notAllowed(typeof node.value === 'string' ? 'text' : `the constant ${String(node.value)}`, raw);
    case 'SymbolNode': {
      const name = node.name ?? '';
      if (Object.hasOwn(vars, name)) return undefined;
      if (options.invalidVars?.has(name)) return problemText.usesInvalidVar(name);
      return problemText.unknownName(name, raw, Object.keys(vars));
    }
    case 'ParenthesisNode':
      return node.content === undefined ? problemText.notAllowed('an empty group', raw) : checkNode(node.content, raw, vars, options, depth + 1);
    case 'OperatorNode': {
      if (node.fn === 'mod') return problemText.modulus(raw);
      if (node.implicit === true) return problemText.implicitMultiplication(raw);
      if (typeof node.fn !== 'string' || !(OPERATOR_FUNCTIONS as readonly string[]).includes(node.fn)) {
        return problemText.notAllowed(`the operator "${node.op ?? '?'}"`, raw);
      }
      return checkArgs(node.args ?? [], raw, vars, options, depth);
    }
    case 'FunctionNode': {
      const fn = node.fn as FormulaNode | undefined;
      if (fn?.type !== 'SymbolNode') return problemText.notAllowed('calling the result of an expression', raw);
      const name = fn.name ?? '';
      if (!(ALLOWED_FUNCTIONS as readonly string[]).includes(name)) return problemText.functionNotAllowed(name, ALLOWED_FUNCTIONS);
      return checkArgs(node.args ?? [], raw, vars, options, depth);
    }
    default:
      return problemText.notAllowed(NODE_DESCRIPTIONS[node.type] ?? `a ${node.type}`, raw);
  }
}

function checkArgs(
  args: FormulaNode[],
  raw: unknown,
  vars: Readonly<Record<string, number>>,
  options: ValueOptions,
  depth: number,
): ProblemText | undefined {
  for (const arg of args) {
    const problem = checkNode(arg, raw, vars, options, depth + 1);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** mathjs messages end with "(char 7)", counted in the rewritten text: drop it. */
function cleanDetail(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/\s*\(char \d+\)\s*$/, '');
}

/**
 * Parsed formulas by their text as written: a Monte Carlo over inputs evaluates the same
 * formulas with other var values on every draw, and rewriting the numerals and parsing are most
 * of an evaluation's time (both depend on the text alone). Every node is still checked on every
 * evaluation (the vars in scope may differ). A text that cannot be rewritten or parsed is not
 * kept: its problem is formed again each time. Bounded.
 */
const parsedFormulas = new Map<string, { node: FormulaNode; compiled: { evaluate(scope: Map<string, number>): unknown } | null }>();
const MAX_PARSED_FORMULAS = 1000;

function evaluateFormula(
  eng: Engine,
  text: string,
  raw: unknown,
  vars: Readonly<Record<string, number>>,
  options: ValueOptions,
): ValueResult {
  let parsed = parsedFormulas.get(text);
  if (parsed === undefined) {
    const rewritten = rewriteNumerals(text, raw);
    if (!rewritten.ok) return rewritten;
    try {
      const node = eng.parse(rewritten.text);
      parsed = { node, compiled: null };
    } catch (err) {
      return fail(problemText.formulaSyntax(raw, cleanDetail(err)));
    }
    if (parsedFormulas.size >= MAX_PARSED_FORMULAS) parsedFormulas.clear();
    parsedFormulas.set(text, parsed);
  }
  const problem = checkNode(parsed.node, raw, vars, options, 0);
  if (problem !== undefined) return fail(problem);
  let value: unknown;
  try {
    parsed.compiled ??= parsed.node.compile();
    // Only vars go into the scope: a name can resolve to nothing else.
    value = parsed.compiled.evaluate(new Map(Object.entries(vars)));
  } catch (err) {
    return fail(problemText.evaluation(raw, cleanDetail(err)));
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return fail(problemText.notFinite(raw));
  return { ok: true, value };
}

// ---------------------------------------------------------------------------------------------
// vars: named numbers, each a value over the vars before it in dependency order.

interface VarsProblem {
  /** The var's name (the field path is `vars.<name>`). */
  name: string;
  text: ProblemText;
}

interface VarsResult {
  values: Record<string, number>;
  problems: VarsProblem[];
  /** Vars that could not be resolved; pass as `invalidVars` when reading the other fields. */
  invalid: Set<string>;
  /** Vars written as ranges, fitted (their entry in `values` is the base). */
  ranges: Record<string, Distribution>;
  /** Valid vars in dependency order (a var comes after every var it uses). */
  order: string[];
}

/** Names a var's raw value refers to (by spelling; the formula check has the last word). */
export function referencedNames(raw: unknown): string[] {
  const range = rangeForm(raw);
  if (range !== null) return rangeEnds(range).flatMap(referencedNames);
  if (typeof raw !== 'string') return [];
  const out: string[] = [];
  for (const m of raw.matchAll(/(?<![\w.])([A-Za-z_]\w*)(?!\s*\()/g)) {
    if (m[1] !== undefined) out.push(m[1]);
  }
  return out;
}

/**
 * Resolves `vars` (each value read as kind `number`) in dependency order. A cycle is one
 * problem naming the cycle; a var using a broken one says so. Needs the engine loaded when a
 * var is a formula (`prepareValues(Object.values(raw))`).
 */
export function resolveVars(raw: Readonly<Record<string, unknown>>): VarsResult {
  const values: Record<string, number> = Object.create(null) as Record<string, number>;
  const ranges: Record<string, Distribution> = {};
  const problems: VarsProblem[] = [];
  const invalid = new Set<string>();
  const names = Object.keys(raw);
  for (const name of names) {
    if (!IDENTIFIER.test(name)) {
      problems.push({ name, text: problemText.varName(name) });
      invalid.add(name);
    } else if (RESERVED_NAMES.has(name) || (ALLOWED_FUNCTIONS as readonly string[]).includes(name)) {
      problems.push({ name, text: problemText.varNameReserved(name) });
      invalid.add(name);
    }
  }
  const known = new Set(names);
  const state = new Map<string, 'visiting' | 'done'>();
  const order: string[] = [];
  const stack: string[] = [];

  const visit = (name: string): void => {
    const s = state.get(name);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(name)), name];
      const members = new Set(cycle);
      const first = names.find((n) => members.has(n)) ?? name;
      if (!cycle.slice(0, -1).every((n) => invalid.has(n))) {
        problems.push({ name: first, text: problemText.varCycle(cycle) });
      }
      for (const n of members) invalid.add(n);
      return;
    }
    state.set(name, 'visiting');
    stack.push(name);
    for (const dep of referencedNames(raw[name])) {
      if (known.has(dep) && dep !== name) visit(dep);
      else if (dep === name) {
        if (!invalid.has(name)) problems.push({ name, text: problemText.varCycle([name, name]) });
        invalid.add(name);
      }
    }
    stack.pop();
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of names) visit(name);

  for (const name of order) {
    if (invalid.has(name)) continue;
    const range = rangeForm(raw[name]);
    if (range !== null) {
      // An uncertain var stands at its base value (src/uncertainty/ samples it per draw).
      const read = parseRange(range, 'number', values, { invalidVars: invalid });
      if (read.ok) {
        const fitted = fitRange(read, range.form);
        ranges[name] = fitted;
        values[name] = fitted.base;
      } else {
        problems.push({ name, text: read });
        invalid.add(name);
      }
      continue;
    }
    const result = parseValue(raw[name], 'number', values, { invalidVars: invalid });
    if (result.ok) values[name] = result.value;
    else {
      problems.push({ name, text: result });
      invalid.add(name);
    }
  }
  // Report in file order, whatever order they were found in.
  problems.sort((a, b) => names.indexOf(a.name) - names.indexOf(b.name));
  return { values: { ...values }, problems, invalid, ranges, order: order.filter((n) => !invalid.has(n)) };
}

