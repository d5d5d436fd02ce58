/**
 * Reads one numeric field by its rule (fields.ts): the value language of values.ts, then the
 * field's words ("auto", "never") and bounds. Never throws; a problem is a message.
 */
import { NO_RANGE_REASONS, problem, problemText, showValue, type NoRangeField, type Problem, type ProblemText } from '../messages/problems.js';
import { formatDecimal } from '../format.js';
import { fitRange } from '../uncertainty/distributions.js';
import type { FieldRule } from './fields.js';
import type { FieldBinding, ScenarioInputs, UncertainInput } from './types.js';
import { needsExpressionEngine, parseRange, parseValue, prepareValues, rangeForm, resolveVars, type ValueKind } from './values.js';

export type FieldValue = number | 'auto' | 'never';
type FieldResult = { ok: true; value: FieldValue } | ({ ok: false } & ProblemText);

/** Where a value read goes: recorded so the scenario can be re-projected with other values. */
export interface ReadAt {
  scope: string;
  key: string;
  /** The path the value is written at (the input's id). */
  input: string;
}

export interface FieldReader {
  /**
   * Reads one value. With `at`, the read is recorded (see ScenarioInputs) and a range is
   * accepted: the value returned is then the range's base (median of an interval, `base` of a
   * three-point estimate). Without `at`, a range is refused.
   */
  read(raw: unknown, rule: FieldRule, at?: ReadAt): FieldResult;
  /** Records that a scope's setting is derived from another field (its default). */
  derived(scope: string, key: ScenarioInputs['derived'][number]['key']): void;
  /** Everything recorded, for Scenario.inputs. */
  inputs(uncertainty: ScenarioInputs['uncertainty']): ScenarioInputs;
}

export function valueKind(rule: FieldRule): ValueKind {
  switch (rule.kind) {
    case 'fraction':
      // A rate that may fall (growth) is a signed number; "3%" still reads as 0.03.
      return rule.min !== undefined && rule.min < 0 ? 'number' : 'fraction';
    case 'count':
      return rule.integer ? 'count' : 'tokens';
    case 'hours':
      return 'duration_hours';
    case 'seconds':
      return 'duration_s';
    default:
      return rule.kind;
  }
}

const group = (n: number) => formatDecimal(n, 6);

/** Duration units, largest first, in hours. */
const DURATION_UNITS: [hours: number, one: string, many: string][] = [
  [8760, 'year', 'years'], [168, 'week', 'weeks'], [24, 'day', 'days'], [1, 'h', 'h'], [1 / 60, 'min', 'min'], [1 / 3600, 's', 's'],
];

function showHours(h: number): string {
  if (h === 0) return '0';
  for (const [size, one, many] of DURATION_UNITS) {
    // The largest unit that shows the value with at most two decimals: "10 years", "2.25 h", "1 min".
    const n = h / size;
    const cents = Math.round(n * 100);
    if (n >= 1 && Math.abs(n * 100 - cents) < 1e-6) return `${group(cents / 100)} ${cents === 100 ? one : many}`;
  }
  return `${group(h)} h`;
}

/** A bound or value of a field, in the words its kind is written in ("1 min", "100%", "600,000 ms"). */
export function showBound(rule: FieldRule, n: number): string {
  switch (rule.kind) {
    case 'hours':
      return showHours(n);
    case 'seconds':
      return showHours(n / 3600);
    case 'fraction':
      return `${group(Math.round(n * 1e6) / 1e4)}%`;
    case 'ms':
      return `${group(n)} ms`;
    default:
      return group(n);
  }
}

/** The allowed range of a field: "between 1 and 120", "greater than -100% and at most 100%". */
export function describeRange(rule: FieldRule): string {
  const lo = showBound(rule, rule.min);
  const hi = showBound(rule, rule.max);
  return rule.exclusiveMin ? `greater than ${lo} and at most ${hi}` : `between ${lo} and ${hi}`;
}

/** The raw value, and what a formula came to (`"a * 2" = 2400`). */
function showResult(raw: unknown, value: number, rule: FieldRule): string {
  return needsExpressionEngine(raw) ? `${showValue(raw)} = ${showBound(rule, value)}` : showValue(raw);
}

/** A share or rate written as a bare number above 1 ("3" meaning 3%). */
function barePercent(raw: unknown, value: number): boolean {
  const bare = typeof raw === 'number' || (typeof raw === 'string' && /^\s*[+-]?[\d.,_]+(e[+-]?\d+)?\s*$/i.test(raw));
  return bare && value > 1;
}

/** A value outside its field's rule: a bare percentage, out of bounds, or not whole. */
export function checkBounds(raw: unknown, value: number, rule: FieldRule): ProblemText | null {
  // A rate of 3 would mean +300%: almost always "3%" written without its sign.
  if (rule.kind === 'fraction' && barePercent(raw, value)) return problemText.barePercent(raw, value);
  if (outOfBounds(value, rule)) return problemText.outOfRange(describeRange(rule), showResult(raw, value, rule), rule.why);
  if (rule.integer && !Number.isInteger(value)) return problemText.mustBeWhole(showResult(raw, value, rule));
  return null;
}

function outOfBounds(value: number, rule: FieldRule): boolean {
  return (rule.exclusiveMin ? value <= rule.min : value < rule.min) || value > rule.max;
}

const fail = (text: ProblemText): { ok: false } & ProblemText => ({ ok: false, id: text.id, code: text.code, message: text.message });

/**
 * Keys whose string values are names or text, never numbers: a model id like "gpt-4.1-mini"
 * or a description would otherwise look like a formula and load mathjs (~0.4 s) for nothing.
 */
const TEXT_KEYS = new Set(['name', 'description', 'start_month', 'generator', 'embedding', 'reranker', 'vector_store', 'id', 'file', 'dir', 'include', 'text', 'kind', 'knowledge', 'encoding']);

/** String values of numeric fields, so the formula engine is loaded once, and only if one needs it. */
function numericLeaves(data: unknown, out: unknown[] = []): unknown[] {
  if (typeof data === 'string') out.push(data);
  else if (Array.isArray(data)) for (const v of data) numericLeaves(v, out);
  else if (typeof data === 'object' && data !== null) {
    for (const [k, v] of Object.entries(data)) if (!TEXT_KEYS.has(k) || (typeof v === 'object' && v !== null && !Array.isArray(v))) numericLeaves(v, out);
  }
  return out;
}

export async function createFieldReader(
  varsRaw: Record<string, unknown>,
  data: unknown,
): Promise<{ reader: FieldReader; problems: Problem[] }> {
  await prepareValues(numericLeaves(data));
  const vars = resolveVars(varsRaw);
  const problems = vars.problems.map((p) => problem(`vars.${p.name}`, p.text));
  const bindings: FieldBinding[] = [];
  const uncertain = new Map<string, UncertainInput>();
  for (const name of vars.order) {
    const dist = vars.ranges[name];
    if (dist !== undefined) uncertain.set(`vars.${name}`, { id: `vars.${name}`, distribution: dist, rule: null });
  }
  const derived: ScenarioInputs['derived'] = [];
  const readRange = (raw: unknown, rule: FieldRule, at: ReadAt | undefined): FieldResult | null => {
    const range = rangeForm(raw);
    if (range === null) return null;
    if (at === undefined) return fail(problemText.rangeNotHere(raw));
    if (Object.hasOwn(NO_RANGE_REASONS, at.key)) return fail(problemText.rangeRefused(at.key as NoRangeField));
    const read = parseRange(range, valueKind(rule), vars.values, { invalidVars: vars.invalid });
    if (!read.ok) return read;
    for (const [end, v] of [['low', read.low], ['high', read.high], ['base', read.base]] as const) {
      if (v === undefined) continue;
      if (rule.kind === 'fraction' && barePercent(raw, v)) return fail(problemText.rangeEndBarePercent(end, v));
      if (outOfBounds(v, rule)) return fail(problemText.rangeEndOutOfRange(end, describeRange(rule), v, rule.why));
    }
    const distribution = fitRange(read, range.form);
    uncertain.set(at.input, { id: at.input, distribution, rule });
    return { ok: true, value: clampToRule(distribution.base, rule) };
  };
  const reader: FieldReader = {
    read(raw, rule, at) {
      const result = readRange(raw, rule, at) ?? (typeof raw === 'string' ? readText(raw, rule) : readPlain(raw, rule));
      if (at !== undefined && result.ok) bindings.push({ scope: at.scope, key: at.key, input: at.input, raw, rule });
      return result;
    },
    derived(scope, key) {
      derived.push({ scope, key });
    },
    inputs(uncertainty) {
      return {
        vars: { raw: varsRaw, values: vars.values, order: vars.order },
        bindings,
        uncertain: [...uncertain.values()],
        uncertainty,
        derived,
      };
    },
  };
  /**
   * A value written as text, read once per field rule: the base and every strategy read the
   * same values again (a scenario of four strategies reads "3%" or a formula five times), and
   * reading is a pure function of the text, the rule and the vars, which a scenario fixes.
   * Results are never modified by their readers.
   */
  const readTexts = new Map<FieldRule, Map<string, FieldResult>>();
  function readText(raw: string, rule: FieldRule): FieldResult {
    let byText = readTexts.get(rule);
    if (byText === undefined) readTexts.set(rule, (byText = new Map()));
    let result = byText.get(raw);
    if (result === undefined) byText.set(raw, (result = readPlain(raw, rule)));
    return result;
  }
  function readPlain(raw: unknown, rule: FieldRule): FieldResult {
    if (typeof raw === 'string') {
      const word = raw.trim().toLowerCase();
      if (word === 'auto') return rule.auto ? { ok: true, value: 'auto' } : fail(problemText.wordNotAccepted('auto', rule.doc));
      if (word === 'never') return rule.never ? { ok: true, value: 'never' } : fail(problemText.wordNotAccepted('never', rule.doc));
    }
    const result = parseValue(raw, valueKind(rule), vars.values, { invalidVars: vars.invalid });
    if (!result.ok) {
      // The value reader refuses a negative count, amount or duration in its own words; the
      // field states its whole range instead.
      if (result.id === 'negative' && result.value !== undefined) return fail(problemText.negativeOutOfRange(describeRange(rule), raw, result.value, rule.why));
      return result;
    }
    const bad = checkBounds(raw, result.value, rule);
    return bad ? fail(bad) : { ok: true, value: result.value };
  }
  return { reader, problems };
}

/**
 * A drawn (or base) value made valid for its field: rounded when the field is a whole
 * number, then clamped into its bounds (a lognormal tail of "50% to 90%" can pass 100%; an
 * exclusive minimum is approached, never reached).
 */
export function clampToRule(value: number, rule: FieldRule | null): number {
  if (rule === null) return value;
  let v = rule.integer ? Math.round(value) : value;
  if (rule.max !== undefined && v > rule.max) v = rule.max;
  if (rule.min !== undefined) {
    if (rule.exclusiveMin) {
      if (v <= rule.min) v = rule.integer ? rule.min + 1 : rule.min + Math.max(Math.abs(rule.min), 1) * 1e-9;
    } else if (v < rule.min) v = rule.min;
  }
  return v;
}
