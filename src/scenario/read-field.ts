/**
 * Reads one numeric field by its rule (fields.ts): the value language of values.ts, then the
 * field's words ("auto", "never") and bounds. Never throws; a problem is a message.
 */
import type { FieldRule } from './fields.js';
import { parseValue, prepareValues, resolveVars, showValue, type ValueKind } from './values.js';

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

const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : String(n));

function checkBounds(raw: unknown, value: number, rule: FieldRule): string | null {
  if (rule.min !== undefined && (rule.exclusiveMin ? value <= rule.min : value < rule.min)) {
    return `must be ${rule.exclusiveMin ? 'greater than' : 'at least'} ${fmt(rule.min)}; got ${showValue(raw)}`;
  }
  if (rule.max !== undefined && value > rule.max) return `must be at most ${fmt(rule.max)}; got ${showValue(raw)}`;
  if (rule.integer && !Number.isInteger(value)) return `must be a whole number; got ${showValue(raw)}`;
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
      if (!result.ok) return result;
      const bad = checkBounds(raw, result.value, rule);
      return bad ? { ok: false, message: bad } : { ok: true, value: result.value };
    },
  };
  return { reader, problems };
}
