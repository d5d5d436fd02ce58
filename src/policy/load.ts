/**
 * Reads a policy file the way scenarios are read (src/scenario/load.ts): the same parser and
 * source map (line and column of every key, duplicate keys, tags and alias bombs refused),
 * the same "unknown key … (did you mean …)" and the same value syntax. Every problem is
 * reported at once as `file:line:column: field.path: message`; nothing throws for a user
 * mistake. A policy is data: values are numbers with units, never formulas.
 */
import { readFileSync, statSync } from 'node:fs';
import { zodProblems } from '../scenario/normalize.js';
import { formatPath, parsePath, parseScenarioText, type PathSegment } from '../scenario/source-map.js';
import { needsExpressionEngine, parseValue, type ValueKind } from '../scenario/values.js';
import { problem, problemText, PROBLEM, type Problem } from '../messages/problems.js';
import { PolicyFileSchema, SECTIONS, type ChangesInput, type LatencyInput, type VerdictInput } from './schema.js';
import type { BudgetRule, ChangeRule, Level, LatencyRule, Policy, Rule, VerdictRule } from './types.js';

/** A policy file larger than this is refused: a real one is a few hundred bytes. */
const MAX_POLICY_BYTES = 1024 * 1024;

type PolicyLoadResult = { ok: true; policy: Policy } | { ok: false; problems: string[] };

/** `budgets.0.monthly_usd` (zod's form) → segments with list indexes as numbers. */
function segmentsOf(path: string): PathSegment[] {
  return parsePath(path).map((s) => (typeof s === 'string' && /^\d+$/.test(s) ? Number(s) : s));
}

/** Reads `text` (the policy file's contents) into rules; `file` names it in problems. */
export function parsePolicy(text: string, file: string): PolicyLoadResult {
  const parsed = parseScenarioText(text, file);
  const problems: Problem[] = [];
  const where = (p: string, key = false) => parsed.locate(segmentsOf(p), { key });
  const show = (list: Problem[]) =>
    list
      .map((p) => ({ p, path: formatPath(segmentsOf(p.path)), at: where(p.path, p.code === PROBLEM.unknownKey) }))
      .sort((a, b) => (a.at?.line ?? 0) - (b.at?.line ?? 0) || (a.at?.column ?? 0) - (b.at?.column ?? 0))
      .map(({ p, path, at }) => `${file}${at ? `:${at.line}:${at.column}` : ''}: ${path ? `${path}: ` : ''}${p.message}`);

  if (text.trim() === '') return { ok: false, problems: [`${file}: ${problemText.policyEmpty().message}`] };
  if (parsed.problems.length > 0) {
    return {
      ok: false,
      problems: parsed.problems.map((p) => `${file}${p.line !== undefined ? `:${p.line}:${p.column ?? 1}` : ''}: ${p.path ? `${p.path}: ` : ''}${p.message.replace('a scenario', 'a policy')}`),
    };
  }
  const data = parsed.data;
  const shape = PolicyFileSchema.safeParse(data);
  const shapeProblems = shape.success ? [] : zodProblems(shape.error as never, data, PolicyFileSchema);
  // The one-or-many sections, each as a mapping or a list of mappings.
  const sections: { changes?: ChangesInput[]; latency?: LatencyInput[]; verdict?: VerdictInput[] } = {};
  const many = new Set<string>();
  if (typeof data === 'object' && data !== null) {
    for (const [name, entry] of Object.entries(SECTIONS)) {
      const raw = (data as Record<string, unknown>)[name];
      if (raw === undefined) continue;
      const list = Array.isArray(raw);
      if (list) many.add(name);
      const schema = list ? entry.array() : entry;
      const r = schema.safeParse(raw);
      if (r.success) (sections as Record<string, unknown>)[name] = list ? r.data : [r.data];
      else shapeProblems.push(...zodProblems(r.error as never, raw, schema).map((p) => ({ ...p, path: p.path ? `${name}.${p.path}` : name })));
    }
  }
  if (shapeProblems.length > 0 || !shape.success) return { ok: false, problems: show(shapeProblems) };
  const doc = { budgets: shape.data.budgets, ...sections };

  const value = (raw: unknown, kind: ValueKind, path: string): number | undefined => {
    if (raw === undefined) return undefined;
    if (needsExpressionEngine(raw)) {
      problems.push(problem(path, problemText.policyFormula(raw)));
      return undefined;
    }
    // A policy has no vars, so a bare word is just not a value (no "not the name of a var").
    if (typeof raw === 'string' && /^\s*[A-Za-z_][A-Za-z0-9_]*\s*$/.test(raw)) {
      problems.push(problem(path, problemText.expected(kind, raw)));
      return undefined;
    }
    const r = parseValue(raw, kind, {});
    if (!r.ok) {
      problems.push(problem(path, r));
      return undefined;
    }
    return r.value;
  };
  const sourceOf = (segments: PathSegment[]) => {
    const path = formatPath(segments);
    const at = where(path);
    return { path, ...(at ? { line: at.line, column: at.column } : {}) };
  };
  /** Entries with their place: `[i]` in a list, nothing for a section written as one mapping. */
  const list = <T>(name: string, x: T[] | undefined): [T, PathSegment[]][] => {
    if (x === undefined) return [];
    return many.has(name) || name === 'budgets' ? x.map((e, i) => [e, [i]]) : x.map((e) => [e, []]);
  };

  const rules: Rule[] = [];
  const base = (e: { scenario?: string; level?: Level }, segments: PathSegment[]) => ({
    source: sourceOf(segments),
    level: e.level ?? 'error',
    ...(e.scenario !== undefined ? { scenario: e.scenario } : {}),
  });

  for (const [e, seg] of list('budgets', doc.budgets)) {
    const at = ['budgets', ...seg];
    const p = (k: string) => formatPath([...at, k]);
    const rule: BudgetRule = { kind: 'budget', ...base(e, at), strategy: e.strategy ?? 'recommended' };
    const limits = {
      monthly_usd: value(e.monthly_usd, 'usd', p('monthly_usd')),
      total_usd: value(e.total_usd, 'usd', p('total_usd')),
      per_query_usd: value(e.per_query_usd, 'usd', p('per_query_usd')),
      p90_total_usd: value(e.p90_total_usd, 'usd', p('p90_total_usd')),
    };
    for (const [k, v] of Object.entries(limits)) if (v !== undefined) (rule as unknown as Record<string, number>)[k] = v;
    if ([e.monthly_usd, e.total_usd, e.per_query_usd, e.p90_total_usd].every((v) => v === undefined)) {
      problems.push(problem(formatPath(at), problemText.budgetNoLimit()));
    }
    if (e.month !== undefined) {
      if (e.monthly_usd === undefined) problems.push(problem(p('month'), problemText.budgetMonthWithoutMonthly()));
      rule.month = e.month;
    }
    rules.push(rule);
  }

  for (const [e, seg] of list('changes', doc.changes)) {
    const at = ['changes', ...seg];
    const p = (k: string) => formatPath([...at, k]);
    const limit = readIncrease(e.max_increase, p('max_increase'), problems);
    const metric = e.metric ?? 'monthly_usd';
    if (e.month !== undefined && metric !== 'monthly_usd') problems.push(problem(p('month'), problemText.changeMonthMetric(metric)));
    const rule: ChangeRule = { kind: 'change', ...base(e, at), strategy: e.strategy ?? 'recommended', metric, month: e.month ?? 1, max_increase: limit ?? { type: 'usd', value: 0 } };
    rules.push(rule);
  }

  for (const [e, seg] of list('latency', doc.latency)) {
    const at = ['latency', ...seg];
    const p = (k: string) => formatPath([...at, k]);
    const rule: LatencyRule = { kind: 'latency', ...base(e, at), strategy: e.strategy ?? 'recommended' };
    const p95 = value(e.p95_ms, 'ms', p('p95_ms'));
    const ttft = value(e.ttft_p95_ms, 'ms', p('ttft_p95_ms'));
    if (p95 !== undefined) rule.p95_ms = p95;
    if (ttft !== undefined) rule.ttft_p95_ms = ttft;
    if (e.p95_ms === undefined && e.ttft_p95_ms === undefined) problems.push(problem(formatPath(at), problemText.latencyNoLimit()));
    rules.push(rule);
  }

  for (const [e, seg] of list('verdict', doc.verdict)) {
    const at = ['verdict', ...seg];
    const rule: VerdictRule = { kind: 'verdict', ...base(e, at) };
    if (e.must_be !== undefined) rule.must_be = Array.isArray(e.must_be) ? e.must_be : [e.must_be];
    if (e.must_have_feasible !== undefined) rule.must_have_feasible = e.must_have_feasible;
    if (e.must_be === undefined && e.must_have_feasible !== true) {
      problems.push(problem(formatPath(at), problemText.verdictNoRule()));
    }
    rules.push(rule);
  }

  if (problems.length === 0 && rules.length === 0) problems.push(problem('', problemText.policyNoRules()));
  if (problems.length > 0) return { ok: false, problems: show(problems) };
  return { ok: true, policy: { file, rules } };
}

/** `10%` → a fraction of the base figure; `$500` (or `500 USD`-free `$500`) → dollars. A bare number is ambiguous. */
function readIncrease(raw: unknown, path: string, problems: Problem[]): ChangeRule['max_increase'] | undefined {
  if (typeof raw !== 'string' || needsExpressionEngine(raw)) {
    problems.push(problem(path, problemText.policyIncrease(raw)));
    return undefined;
  }
  const text = raw.trim();
  if (text.endsWith('%')) {
    const r = parseValue(text, 'number', {});
    if (!r.ok) problems.push(problem(path, r));
    else if (r.value < 0) problems.push(problem(path, problemText.negative(raw, r.value)));
    else return { type: 'percent', value: r.value };
    return undefined;
  }
  if (/^\$/.test(text)) {
    const r = parseValue(text, 'usd', {});
    if (!r.ok) problems.push(problem(path, r));
    else return { type: 'usd', value: r.value };
    return undefined;
  }
  problems.push(problem(path, problemText.policyIncrease(raw)));
  return undefined;
}

/** Reads and parses a policy file. */
export function loadPolicyFile(file: string): PolicyLoadResult {
  try {
    if (statSync(file).isDirectory()) return { ok: false, problems: [problemText.policyIsFolder(file).message] };
    if (statSync(file).size > MAX_POLICY_BYTES) return { ok: false, problems: [`${file}: ${problemText.policyTooLarge(MAX_POLICY_BYTES).message}`] };
    return parsePolicy(readFileSync(file, 'utf8'), file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, problems: [(code === 'ENOENT' ? problemText.noSuchPolicy(file) : problemText.cannotRead(file, (err as Error).message)).message] };
  }
}

