/**
 * Finite by construction (issue 13): no NaN or ±Infinity leaves the model. A projection is
 * checked once, as a whole, before `simulate` returns it; arithmetic that left the range of
 * float64 (a product past 1.8e308, 0 × Infinity, a speed of 1e-300 tokens/s) becomes a
 * `NonFiniteError` for that scenario, naming where the figure appeared and the inputs most
 * likely to have caused it. The batch turns that error into a problem for the one file and
 * writes the others (a writer never meets a non-finite number, so it never fails the batch).
 *
 * Why a check at the end rather than at every multiplication: the model has hundreds of
 * products, and any future one could overflow; one walk over the result cannot be forgotten.
 */
import type { Scenario, StrategySpec } from '../scenario/types.js';

/** Where a non-finite number sits in a value: `strategies[1].one_time_usd`. */
export function nonFinitePaths(value: unknown, limit = 5): string[] {
  const found: string[] = [];
  const seen = new Set<object>();
  const walk = (v: unknown, path: string): void => {
    if (found.length >= limit) return;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) found.push(`${path} = ${String(v)}`);
      return;
    }
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    if (ArrayBuffer.isView(v)) return; // sample buffers are scratch, never part of a result
    if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, `${path}[${i}]`));
      return;
    }
    for (const [k, item] of Object.entries(v)) walk(item, path === '' ? k : `${path}.${k}`);
  };
  walk(value, '');
  return found;
}

/**
 * Whether every number in `v` is finite (what `nonFinitePaths(v)` finds nothing in). A result
 * is a tree a few levels deep, walked without remembering what was seen (a set of the ≈1,000
 * objects of each strategy's result cost more than the walk itself); past MAX_TREE_DEPTH
 * levels, which only a cycle reaches, the walk starts again with a set.
 */
function allFinite(v: unknown): boolean {
  return allFiniteIn(v, 0, null) ?? allFiniteIn(v, 0, new Set())!;
}

const MAX_TREE_DEPTH = 64;

/**
 * allFinite's walk. Without `seen`, as a tree (a shared object is walked once per place it is
 * found), giving up (undefined) past MAX_TREE_DEPTH; with it, each object once, at any depth.
 */
function allFiniteIn(v: unknown, depth: number, seen: Set<object> | null): boolean | undefined {
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v !== 'object' || v === null) return true;
  if (seen === null) {
    if (depth >= MAX_TREE_DEPTH) return undefined;
  } else {
    if (seen.has(v)) return true;
    seen.add(v);
  }
  if (ArrayBuffer.isView(v)) return true;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const r = allFiniteIn(v[i], depth + 1, seen);
      if (r !== true) return r;
    }
    return true;
  }
  const record = v as Record<string, unknown>;
  for (const k in record) {
    if (!Object.hasOwn(record, k)) continue;
    const r = allFiniteIn(record[k], depth + 1, seen);
    if (r !== true) return r;
  }
  return true;
}

/** A scenario input named as users write it, with its value: the suspect of an overflow. */
interface SuspectInput {
  path: string;
  value: number;
}

/** Settings paths (the "as used" names) → the field the user wrote. */
const WRITTEN_AS: Readonly<Record<string, string>> = {
  'knowledge.corpus_tokens': 'knowledge.corpus',
  'knowledge.publish_every_hours': 'knowledge.publish_every',
  'knowledge.indexing_hours': 'knowledge.indexing_time',
  'knowledge.freshness_target_hours': 'knowledge.freshness_target',
  'prompt.system_tokens': 'prompt.system',
  'prompt.instructions_tokens': 'prompt.instructions',
  'prompt.examples_tokens': 'prompt.examples',
  'prompt.query_tokens': 'prompt.query',
  'prompt.output_tokens': 'prompt.output',
  'caching.ttl_s': 'caching.ttl',
  'fine_tuning.retrain_every_hours': 'fine_tuning.retrain_every',
  'fine_tuning.examples': 'fine_tuning.dataset',
  'fine_tuning.tokens_per_example': 'fine_tuning.dataset',
  'fine_tuning.dataset_tokens': 'fine_tuning.dataset',
};

/**
 * A number is suspect when it is more than 10^12 times away from 1 in either direction:
 * no field of a scenario is meant at that scale (a trillion queries a month, a price of a
 * trillionth of a dollar), and it is where float64 products overflow or underflow.
 */
const SUSPECT_DECADES = 12;

function magnitude(x: number): number {
  if (!Number.isFinite(x)) return Infinity;
  if (x === 0) return 0;
  return Math.abs(Math.log10(Math.abs(x)));
}

/**
 * The numeric inputs of a strategy at an extreme scale, most extreme first (at most `limit`).
 * Catalog entries (models, stores, fine-tuning) are walked too: a --catalog price of 1e308
 * is as much an input as a scenario field. A variant's own value is named under its
 * `strategies.<id>` path.
 */
export function suspectInputs(scenario: Scenario, spec: StrategySpec, limit = 3): SuspectInput[] {
  const out: SuspectInput[] = [];
  const seen = new Set<object>();
  const walk = (v: unknown, base: unknown, path: string): void => {
    if (typeof v === 'number') {
      if (magnitude(v) >= SUSPECT_DECADES) {
        const written = WRITTEN_AS[path] ?? path.replace(/\.entry\./, '.');
        const own = typeof base === 'number' && base !== v;
        out.push({ path: own ? `strategies.${spec.id}.${written}` : written, value: v });
      }
      return;
    }
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    const b = typeof base === 'object' && base !== null ? (base as Record<string, unknown>) : undefined;
    for (const [k, item] of Object.entries(v)) walk(item, b?.[k], path === '' ? k : `${path}.${k}`);
  };
  walk(spec.settings, scenario.base, '');
  // A written value (finite, extreme) is the cause; a derived Infinity is its effect: causes first.
  const rank = (s: SuspectInput) => (Number.isFinite(s.value) ? magnitude(s.value) : -1);
  out.sort((a, b) => rank(b) - rank(a));
  const unique = out.filter((s, i) => out.findIndex((t) => t.path === s.path) === i);
  return unique.slice(0, limit);
}

/** Thrown by `simulate` when a figure of the projection is not a finite number. */
export class NonFiniteError extends Error {
  constructor(
    /** Where in the projection (or the model step) the figure appeared. */
    readonly where: string,
    /** Inputs most likely responsible; the first is the one to fix. Empty when none stands out. */
    readonly suspects: SuspectInput[],
    /** The strategy whose arithmetic overflowed. */
    readonly strategy: string,
  ) {
    super(nonFiniteMessage(where, suspects, strategy));
    this.name = 'NonFiniteError';
  }
}

function nonFiniteMessage(where: string, suspects: SuspectInput[], strategy: string): string {
  const blame =
    suspects.length === 0
      ? 'no single input stands out; look for values near the limits of their range'
      : `the input${suspects.length > 1 ? 's' : ''} most likely responsible: ${suspects.map((s) => `${s.path} = ${s.value}`).join(', ')}`;
  return `the projection of strategy "${strategy}" left the range of finite numbers (${where}): ${blame}. Bring the value into a plausible range.`;
}

/**
 * Throws NonFiniteError when `result` holds a non-finite number. `strategy` names the
 * strategy whose result it is; the suspects are searched in its settings.
 */
export function assertFinite(result: unknown, scenario: Scenario, spec: StrategySpec, prefix = ''): void {
  // Every projection passes this check and almost none fails it: look first without naming
  // paths (a string per value cost ≈0.7 ms a scenario), then name the first bad one.
  if (allFinite(result)) return;
  const bad = nonFinitePaths(result, 1);
  if (bad.length === 0) return;
  throw new NonFiniteError(`${prefix}${bad[0]}`, suspectInputs(scenario, spec), spec.id);
}
