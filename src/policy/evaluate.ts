/**
 * Checks a policy against a run (and, for change limits, a baseline run). Pure: documents in,
 * one GateResult per rule × scenario × limit out, in policy order.
 *
 * Rules of judgement (the issue leaves them to us; docs/model.md §16.2 states them):
 *  - a figure that is unknown (an unpriced item, no recommended strategy, no ranges) is never
 *    a pass: it fails (or warns, at `level: warn`), and the message says why it is unknown;
 *  - a rule whose `scenario` matches no scenario of the run fails the same way, so that a
 *    typo or a renamed scenario cannot switch a gate off in silence;
 *  - `strategy: recommended` is the verdict's strategy on each side; for a change limit that
 *    is the spend the team would have before and after (even when the verdict changed);
 *  - a change limit on a scenario the baseline does not have is `skip`ped (there is nothing
 *    to compare it with; the budgets cover new scenarios);
 *  - `monthly_usd` without `month` is checked against the highest month of the horizon;
 *    a change limit's `monthly_usd` compares month 1 (as the diff's headline does) unless
 *    `month` says otherwise.
 */
import picomatch from 'picomatch';
import { matchScenarios, normaliseFile } from '../diff/diff.js';
import type { Projection, RunDocument, StrategyResult } from '../model/types.js';
import { formatMs, formatPercent, formatUsd, formatUsdPrecise } from '../format.js';
import { gateText, type GateFigure, type GateText, type MissingStrategy } from '../messages/problems.js';
import type { BudgetRule, ChangeRule, GateResult, LatencyRule, Policy, Rule, VerdictRule } from './types.js';

const GLOB = /[*?[\]{}!]/;

/** Whether a rule's `scenario` selects this projection: a glob over its file, else its name or file. */
export function selects(selector: string | undefined, p: Projection): boolean {
  if (selector === undefined) return true;
  const file = normaliseFile(p.scenario.file);
  if (GLOB.test(selector)) {
    const sel = normaliseFile(selector);
    // A glob without "/" matches the file's base name, as in .gitignore.
    return picomatch(sel, { dot: true, basename: !sel.includes('/') })(file);
  }
  return p.scenario.name === selector || file === normaliseFile(selector);
}

/**
 * P90 of a strategy's horizon total from the ranges output (`projection.uncertainty`, present
 * when the scenario has uncertain inputs: `uncertainty.strategies[].total_usd.p90`).
 * undefined = the run has no ranges; null = the strategy was never priced in the draws.
 */
function p90Total(p: Projection, strategyId: string): number | null | undefined {
  const u = (p as { uncertainty?: { strategies?: { id: string; total_usd: { p90: number } | null }[] } }).uncertainty;
  if (u?.strategies === undefined) return undefined;
  const s = u.strategies.find((x) => x.id === strategyId);
  if (s === undefined) return undefined;
  return s.total_usd === null ? null : s.total_usd.p90;
}

interface Context {
  rule: Rule;
  where: string;
  p: Projection;
}

function result(ctx: Context, name: string, strategy: string | null, ok: boolean | 'skip', figure: GateResult['figure'], limit: GateResult['limit'], unit: GateResult['unit'], text: GateText): GateResult {
  const status: GateResult['status'] = ok === 'skip' ? 'skip' : ok ? 'pass' : ctx.rule.level === 'warn' ? 'warn' : 'fail';
  return {
    rule: name ? `${ctx.rule.source.path}.${name}` : ctx.rule.source.path,
    where: ctx.where,
    level: ctx.rule.level,
    status,
    scenario: ctx.p.scenario.name,
    file: normaliseFile(ctx.p.scenario.file),
    strategy,
    figure,
    limit,
    unit,
    message: text.message,
  };
}

/** The strategy a rule names, or why there is none. */
function pick(p: Projection, selector: string): { s: StrategyResult } | { missing: MissingStrategy } {
  if (selector === 'recommended') {
    const id = p.verdict.recommended;
    if (id === null) return { missing: { why: 'none_recommended' } };
    const s = p.strategies.find((x) => x.id === id);
    return s ? { s } : { missing: { why: 'recommended_missing', id } };
  }
  const s = p.strategies.find((x) => x.id === selector);
  return s ? { s } : { missing: { why: 'not_in_scenario', selector, ids: p.strategies.map((x) => x.id) } };
}

/** A change with its sign: "+$40.00", "-3.2%". */
const signed = (x: number, fmt: (x: number) => string) => `${x >= 0 ? '+' : ''}${fmt(x)}`;

function budget(ctx: Context, rule: BudgetRule): GateResult[] {
  const out: GateResult[] = [];
  const chosen = pick(ctx.p, rule.strategy);
  const sid = 's' in chosen ? chosen.s.id : rule.strategy;
  type UnknownWhy = Parameters<typeof gateText.figureUnknown>[1];
  const check = (name: string, limit: number, figure: number | null | undefined, what: GateFigure, fmt: (x: number) => string, unknownWhy: UnknownWhy) => {
    if ('missing' in chosen) return out.push(result(ctx, name, null, false, null, limit, 'usd', gateText.limitUncheckable(chosen.missing, fmt(limit))));
    if (figure === null || figure === undefined) return out.push(result(ctx, name, sid, false, null, limit, 'usd', gateText.figureUnknown(what, unknownWhy, fmt(limit))));
    const ok = figure <= limit;
    return out.push(result(ctx, name, sid, ok, figure, limit, 'usd', gateText.againstLimit(what, fmt(figure), fmt(limit), ok)));
  };
  const s = 's' in chosen ? chosen.s : undefined;
  if (rule.monthly_usd !== undefined) {
    if (rule.month !== undefined) {
      const m = s?.monthly[rule.month - 1];
      if (s !== undefined && m === undefined) {
        out.push(result(ctx, 'monthly_usd', sid, false, null, rule.monthly_usd, 'usd', gateText.monthPastHorizon(rule.month, s.monthly.length)));
      } else check('monthly_usd', rule.monthly_usd, m?.total_usd, { month: rule.month, label: m?.label }, formatUsd, 'price_missing');
    } else if (s !== undefined) {
      // The highest month, unless a month is unknown (then the peak is unknown too).
      const unknown = s.monthly.find((m) => m.total_usd === null);
      const peak = s.monthly.reduce<(typeof s.monthly)[number] | undefined>((a, m) => (a === undefined || (m.total_usd ?? -Infinity) > (a.total_usd ?? -Infinity) ? m : a), undefined);
      if (unknown) check('monthly_usd', rule.monthly_usd, null, { month: unknown.month, label: unknown.label }, formatUsd, 'price_missing');
      else check('monthly_usd', rule.monthly_usd, peak?.total_usd ?? null, { highestMonth: peak?.month, label: peak?.label }, formatUsd, 'unknown');
    } else check('monthly_usd', rule.monthly_usd, null, { month: 1 }, formatUsd, 'unknown'); // no strategy: `check` says so
  }
  if (rule.total_usd !== undefined) {
    check('total_usd', rule.total_usd, s?.total_usd, { monthsTotal: s?.monthly.length }, formatUsd, 'price_missing');
  }
  if (rule.per_query_usd !== undefined) {
    check('per_query_usd', rule.per_query_usd, s?.per_query.cost_usd, 'cost_per_query', (x) => formatUsdPrecise(x), 'price_missing');
  }
  if (rule.p90_total_usd !== undefined) {
    const p90 = s === undefined ? undefined : p90Total(ctx.p, s.id);
    check('p90_total_usd', rule.p90_total_usd, p90, 'p90_total', formatUsd, p90 === undefined ? 'no_ranges' : 'never_priced');
  }
  return out;
}

function changeFigure(s: StrategyResult, rule: ChangeRule): { value: number | null; what: GateFigure } {
  switch (rule.metric) {
    case 'monthly_usd': {
      const m = s.monthly[rule.month - 1];
      return { value: m?.total_usd ?? null, what: { month: rule.month } };
    }
    case 'total_usd':
      return { value: s.total_usd, what: 'horizon_total' };
    case 'per_query_usd':
      return { value: s.per_query.cost_usd, what: 'cost_per_query' };
  }
}

function changeLimit(ctx: Context, rule: ChangeRule, before: Projection | undefined): GateResult[] {
  const limitText = rule.max_increase.type === 'percent' ? `+${formatPercent(rule.max_increase.value)}` : `+${formatUsd(rule.max_increase.value)}`;
  const unit = rule.max_increase.type === 'percent' ? 'percent' : 'usd';
  if (before === undefined) return [result(ctx, 'max_increase', null, 'skip', null, rule.max_increase.value, unit, gateText.newScenario())];
  const fmt = rule.metric === 'per_query_usd' ? (x: number) => formatUsdPrecise(x) : formatUsd;
  const a = pick(ctx.p, rule.strategy);
  const b = pick(before, rule.strategy);
  if ('missing' in a || 'missing' in b) {
    const text = 'missing' in a ? gateText.changeUncheckable('now', a.missing, limitText) : gateText.changeUncheckable('baseline', (b as { missing: MissingStrategy }).missing, limitText);
    return [result(ctx, 'max_increase', null, false, null, rule.max_increase.value, unit, text)];
  }
  const fa = changeFigure(a.s, rule);
  const fb = changeFigure(b.s, rule);
  const sid = a.s.id === b.s.id ? a.s.id : `${b.s.id} → ${a.s.id}`;
  if (fa.value === null || fb.value === null) {
    return [result(ctx, 'max_increase', sid, false, null, rule.max_increase.value, unit, gateText.changeUnknown(fa.what, fa.value === null ? 'now' : 'baseline', limitText))];
  }
  const delta = fa.value - fb.value;
  const [was, now] = [fmt(fb.value), fmt(fa.value)];
  if (rule.max_increase.type === 'usd') {
    const ok = delta <= rule.max_increase.value;
    return [result(ctx, 'max_increase', sid, ok, delta, rule.max_increase.value, 'usd', gateText.changeAgainstLimit(fa.what, was, now, signed(delta, fmt), ok, limitText))];
  }
  if (fb.value === 0) {
    const ok = delta <= 0;
    return [result(ctx, 'max_increase', sid, ok, null, rule.max_increase.value, 'percent', gateText.changeFromZero(fa.what, was, now, ok, limitText))];
  }
  const fraction = delta / fb.value;
  const ok = fraction <= rule.max_increase.value;
  return [result(ctx, 'max_increase', sid, ok, fraction, rule.max_increase.value, 'percent', gateText.changeAgainstLimit(fa.what, was, now, signed(fraction, formatPercent), ok, limitText))];
}

function latency(ctx: Context, rule: LatencyRule): GateResult[] {
  const out: GateResult[] = [];
  const chosen = pick(ctx.p, rule.strategy);
  for (const [name, limit, key, what] of [
    ['p95_ms', rule.p95_ms, 'p95', 'latency_p95'],
    ['ttft_p95_ms', rule.ttft_p95_ms, 'ttft_p95', 'ttft_p95'],
  ] as const) {
    if (limit === undefined) continue;
    if ('missing' in chosen) {
      out.push(result(ctx, name, null, false, null, limit, 'ms', gateText.limitUncheckable(chosen.missing, formatMs(limit))));
      continue;
    }
    const figure = chosen.s.per_query.latency_ms?.[key] ?? null;
    if (figure === null) {
      out.push(result(ctx, name, chosen.s.id, false, null, limit, 'ms', gateText.latencyUnknown(what)));
      continue;
    }
    const ok = figure <= limit;
    out.push(result(ctx, name, chosen.s.id, ok, figure, limit, 'ms', gateText.againstLimit(what, formatMs(figure), formatMs(limit), ok)));
  }
  return out;
}

function verdict(ctx: Context, rule: VerdictRule): GateResult[] {
  const out: GateResult[] = [];
  const rec = ctx.p.verdict.recommended;
  const recKind = ctx.p.strategies.find((s) => s.id === rec)?.kind;
  if (rule.must_be !== undefined) {
    const wanted = rule.must_be.join(' or ');
    const ok = rec !== null && (rule.must_be.includes(rec) || (recKind !== undefined && rule.must_be.includes(recKind)));
    out.push(result(ctx, 'must_be', rec, ok, rec, wanted, 'verdict', rec === null ? gateText.verdictNone(wanted) : gateText.verdictIs(rec, ok, wanted)));
  }
  if (rule.must_have_feasible === true) {
    const ok = rec !== null;
    const why = rec !== null ? gateText.feasible(rec) : gateText.noneFeasible(ctx.p.verdict.reasons[0] ?? 'see the verdict');
    out.push(result(ctx, 'must_have_feasible', rec, ok, rec, 'a feasible strategy', 'verdict', why));
  }
  return out;
}

/** Every rule against every scenario it selects. `before` is the baseline for change limits. */
export function evaluatePolicy(policy: Policy, after: RunDocument, before?: RunDocument): GateResult[] {
  const baseOf = new Map<Projection, Projection | undefined>();
  if (before !== undefined) for (const [b, a] of matchScenarios(before.results, after.results)) if (a !== undefined) baseOf.set(a, b);
  const out: GateResult[] = [];
  for (const rule of policy.rules) {
    const where = `${policy.file}${rule.source.line !== undefined ? `:${rule.source.line}:${rule.source.column ?? 1}` : ''}`;
    const selected = after.results.filter((p) => selects(rule.scenario, p));
    if (selected.length === 0) {
      const status = rule.level === 'warn' ? 'warn' : 'fail';
      out.push({
        rule: rule.source.path,
        where,
        level: rule.level,
        status,
        scenario: rule.scenario ?? '(every scenario)',
        file: '',
        strategy: null,
        figure: null,
        limit: null,
        unit: rule.kind === 'latency' ? 'ms' : rule.kind === 'verdict' ? 'verdict' : 'usd',
        message: (rule.scenario === undefined ? gateText.noScenarioToCheck() : gateText.matchesNoScenario()).message,
      });
      continue;
    }
    for (const p of selected) {
      const ctx: Context = { rule, where, p };
      switch (rule.kind) {
        case 'budget':
          out.push(...budget(ctx, rule));
          break;
        case 'change':
          if (before === undefined) throw new Error('change rules need a baseline (checked by the caller)');
          out.push(...changeLimit(ctx, rule, baseOf.get(p)));
          break;
        case 'latency':
          out.push(...latency(ctx, rule));
          break;
        case 'verdict':
          out.push(...verdict(ctx, rule));
          break;
      }
    }
  }
  return out;
}

/** True when the policy has change limits, which need a baseline (--compare-to). */
export function needsBaseline(policy: Policy): boolean {
  return policy.rules.some((r) => r.kind === 'change');
}
