/**
 * Reads one numeric field by its rule (fields.ts): the value language of values.ts, then the
 * field's words ("auto", "never") and bounds. Never throws; a problem is a message.
 */
import { formatDecimal } from '../format.js';
import type { FieldRule } from './fields.js';
import { needsExpressionEngine, parseValue, prepareValues, resolveVars, showValue, type ValueKind } from './values.js';

export type FieldValue = number | 'auto' | 'never';
export type FieldResult = { ok: true; value: FieldValue } | { ok: false; message: string };

export interface FieldReader {
  read(raw: unknown, rule: FieldRule): FieldResult;
}

function valueKind(rule: FieldRule): ValueKind {
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

function checkBounds(raw: unknown, value: number, rule: FieldRule): string | null {
  if (rule.kind === 'fraction' && barePercent(raw, value)) {
    // A rate of 3 would mean +300%: almost always "3%" written without its sign.
    return `expected a fraction or a percentage (e.g. 0.03 or "3%"); got ${showValue(raw)} (for a percentage, write "${value}%")`;
  }
  const low = rule.exclusiveMin ? value <= rule.min : value < rule.min;
  if (low || value > rule.max) return `must be ${describeRange(rule)}; got ${showResult(raw, value, rule)} (${rule.why})`;
  if (rule.integer && !Number.isInteger(value)) return `must be a whole number; got ${showResult(raw, value, rule)}`;
  return null;
}

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
): Promise<{ reader: FieldReader; problems: { path: string; message: string }[] }> {
  await prepareValues(numericLeaves(data));
  const vars = resolveVars(varsRaw);
  const problems = vars.problems.map((p) => ({ path: `vars.${p.name}`, message: p.message }));
  const reader: FieldReader = {
    read(raw, rule) {
      if (typeof raw === 'string') {
        const word = raw.trim().toLowerCase();
        if (word === 'auto') return rule.auto ? { ok: true, value: 'auto' } : { ok: false, message: `"auto" is not accepted here (${rule.doc})` };
        if (word === 'never') return rule.never ? { ok: true, value: 'never' } : { ok: false, message: `"never" is not accepted here (${rule.doc})` };
      }
      const result = parseValue(raw, valueKind(rule), vars.values, { invalidVars: vars.invalid });
      if (!result.ok) {
        // The value reader refuses a negative count, amount or duration in its own words; the
        // field states its whole range instead.
        const negative = /^must not be negative; (got .*)$/.exec(result.message);
        return negative ? { ok: false, message: `must be ${describeRange(rule)}; ${negative[1]} (${rule.why})` } : result;
      }
      const bad = checkBounds(raw, result.value, rule);
      return bad ? { ok: false, message: bad } : { ok: true, value: result.value };
    },
  };
  return { reader, problems };
}
