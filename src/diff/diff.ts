/**
 * The comparison of two runs (`costsim diff`): what a change to the scenarios, the command
 * line or the price catalog does to every scenario and strategy. Pure: two run documents in,
 * one `costsim.diff/v1` document out; the renderers (table, md, github-comment) and the gates
 * read only this.
 *
 * Matching (issue 10):
 *  - scenarios by file path (normalised: `./` and `\` do not count), then, among the ones left,
 *    by name, so a renamed file with the same scenario name is a change and not an add+remove;
 *  - strategies by id;
 *  - line items by their stable `id` when both sides have one, else by name (a name repeated
 *    within one strategy is told apart by its occurrence: `name#2`).
 *
 * A figure is "changed" when it differs by more than one part in a million (relative): the
 * model is deterministic, and below that are float noise and knock-on effects no reader
 * could see in a rounded figure (a cache hit rate moving in its 8th digit).
 */
import type { LineItem, Projection, RunDocument, StrategyResult } from '../model/types.js';

const DIFF_SCHEMA = 'costsim.diff/v1';

/** Before → after of one figure. `null` = unknown (an unpriced item) or absent on that side. */
export interface Change {
  before: number | null;
  after: number | null;
  /** after − before; null when either side is unknown. */
  delta: number | null;
  /** delta / before; null when either side is unknown or before is 0. */
  percent: number | null;
}

export type Status = 'added' | 'removed' | 'changed' | 'unchanged';

/** The figures compared for each strategy, in the order they are shown. */
const STRATEGY_METRICS = ['month_1_usd', 'last_month_usd', 'total_usd', 'per_query_usd', 'p95_ms', 'ttft_p95_ms'] as const;
export type StrategyMetric = (typeof STRATEGY_METRICS)[number];

export interface LineItemDiff {
  key: string;
  name: string;
  status: Exclude<Status, 'unchanged'>;
  period: LineItem['period'];
  /**
   * What `quantity` and `cost_usd` measure: a recurring item's month 1 (units and dollars
   * billed in the first month, so a volume change shows on the items it drives), a one-time
   * item's once; `per_query` only for runs saved before line items carried their months.
   */
  basis: 'month_1' | 'once' | 'per_query';
  unit: string;
  quantity: Change;
  unit_price_usd: Change;
  cost_usd: Change;
}

export interface StrategyDiff {
  id: string;
  status: Status;
  /** The kind on the side that has the strategy (the new side when both do). */
  kind: string;
  metrics: Record<StrategyMetric, Change>;
  /** Labels of month 1 and the last month, per side (horizons may differ). */
  months: { before: { first: string; last: string } | null; after: { first: string; last: string } | null };
  /** Only added, removed and changed items. */
  line_items: LineItemDiff[];
}

export interface ScenarioDiff {
  status: Status;
  name: string;
  file: string;
  before: { name: string; file: string } | null;
  after: { name: string; file: string } | null;
  verdict: { before: string | null; after: string | null; changed: boolean };
  /**
   * Month-1 spend of the recommended strategy on each side: what the team would pay in the
   * first month of the change. With no recommendation on a side it is unknown (null).
   */
  month_1_usd: Change;
  catalog_as_of: { before: string | null; after: string | null };
  strategies: StrategyDiff[];
}

interface DiffSummary {
  /** Scenarios on either side. */
  scenarios: number;
  changed: number;
  added: number;
  removed: number;
  unchanged: number;
  verdict_changes: number;
  /** Σ month_1_usd over the scenarios whose both sides are known (added: before 0; removed: after 0). */
  month_1_usd: Change;
  /** Scenarios left out of that sum because a side has no recommended strategy or is unpriced. */
  month_1_unknown: number;
}

export interface DiffDocument {
  schema: typeof DIFF_SCHEMA;
  summary: DiffSummary;
  scenarios: ScenarioDiff[];
  /** Files that failed to run, per side: copied from the run documents. */
  errors: { before: RunDocument['errors']; after: RunDocument['errors'] };
}

/** Relative difference under which two figures count as the same (see the header). */
const TOLERANCE = 1e-6;

export function same(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

export function change(before: number | null | undefined, after: number | null | undefined): Change {
  const b = before ?? null;
  const a = after ?? null;
  if (b === null || a === null) return { before: b, after: a, delta: null, percent: null };
  const delta = same(a, b) ? 0 : a - b;
  return { before: b, after: a, delta, percent: b === 0 ? null : delta / b };
}

/** `./scenarios\x.yaml` → `scenarios/x.yaml`: the same file whichever way the run spelled it. */
export function normaliseFile(file: string): string {
  return file.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/{2,}/g, '/');
}

function metric(s: StrategyResult | undefined, m: StrategyMetric): number | null {
  if (s === undefined) return null;
  switch (m) {
    case 'month_1_usd':
      return s.monthly[0]?.total_usd ?? null;
    case 'last_month_usd':
      return s.monthly[s.monthly.length - 1]?.total_usd ?? null;
    case 'total_usd':
      return s.total_usd;
    case 'per_query_usd':
      return s.per_query.cost_usd;
    case 'p95_ms':
      return s.per_query.latency_ms?.p95 ?? null;
    case 'ttft_p95_ms':
      return s.per_query.latency_ms?.ttft_p95 ?? null;
  }
}

/** Keys of a strategy's line items: `id` when every item has one, else the name (`name#2` for a repeat). */
function keyed(items: readonly LineItem[], byId: boolean): Map<string, LineItem> {
  const out = new Map<string, LineItem>();
  const seen = new Map<string, number>();
  for (const item of items) {
    const base = byId ? String((item as { id?: string }).id) : item.name;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    out.set(n === 1 ? base : `${base}#${n}`, item);
  }
  return out;
}

/** An item's figures on the diff's basis (see LineItemDiff.basis). */
function figures(item: LineItem): { basis: LineItemDiff['basis']; quantity: number; cost: number | null } {
  if (item.period === 'one_time') return { basis: 'once', quantity: item.quantity, cost: item.cost_usd };
  const q = (item as { quantity_by_month?: number[] }).quantity_by_month;
  const c = (item as { cost_usd_by_month?: (number | null)[] }).cost_usd_by_month;
  if (q !== undefined && c !== undefined && q.length > 0) return { basis: 'month_1', quantity: q[0] ?? 0, cost: c[0] ?? null };
  return { basis: item.period === 'per_query' ? 'per_query' : 'month_1', quantity: item.quantity, cost: item.cost_usd };
}

const hasIds = (items: readonly LineItem[]) => items.every((i) => typeof (i as { id?: unknown }).id === 'string');

export function diffLineItems(before: readonly LineItem[], after: readonly LineItem[]): LineItemDiff[] {
  const byId = hasIds(before) && hasIds(after);
  const b = keyed(before, byId);
  const a = keyed(after, byId);
  const out: LineItemDiff[] = [];
  const entry = (key: string, status: LineItemDiff['status'], x: LineItem | undefined, y: LineItem | undefined): LineItemDiff => {
    const shown = (y ?? x) as LineItem;
    const fx = x === undefined ? undefined : figures(x);
    const fy = y === undefined ? undefined : figures(y);
    return {
      key,
      name: shown.name,
      status,
      period: shown.period,
      basis: (fy ?? fx)!.basis,
      unit: shown.unit,
      quantity: change(fx?.quantity, fy?.quantity),
      unit_price_usd: change(x?.unit_price_usd, y?.unit_price_usd),
      cost_usd: change(fx?.cost, fy?.cost),
    };
  };
  // Order: the new side's order, then what only the old side had.
  for (const [key, y] of a) {
    const x = b.get(key);
    if (x === undefined) {
      out.push(entry(key, 'added', undefined, y));
      continue;
    }
    const fx = figures(x);
    const fy = figures(y);
    if (!same(fx.quantity, fy.quantity) || !same(x.unit_price_usd, y.unit_price_usd) || !same(fx.cost, fy.cost) || x.period !== y.period) {
      out.push(entry(key, 'changed', x, y));
    }
  }
  for (const [key, x] of b) if (!a.has(key)) out.push(entry(key, 'removed', x, undefined));
  return out;
}

function monthLabels(s: StrategyResult | undefined): { first: string; last: string } | null {
  if (s === undefined || s.monthly.length === 0) return null;
  return { first: s.monthly[0]?.label ?? '', last: s.monthly[s.monthly.length - 1]?.label ?? '' };
}

function diffStrategy(before: StrategyResult | undefined, after: StrategyResult | undefined): StrategyDiff {
  const metrics = Object.fromEntries(STRATEGY_METRICS.map((m) => [m, change(metric(before, m), metric(after, m))])) as Record<StrategyMetric, Change>;
  const line_items = diffLineItems(before?.line_items ?? [], after?.line_items ?? []);
  const status: Status =
    before === undefined
      ? 'added'
      : after === undefined
        ? 'removed'
        : line_items.length > 0 ||
            STRATEGY_METRICS.some((m) => !same(metrics[m].before, metrics[m].after)) ||
            before.feasible !== after.feasible ||
            before.meets_targets !== after.meets_targets
          ? 'changed'
          : 'unchanged';
  return {
    id: (after ?? before)!.id,
    status,
    kind: (after ?? before)!.kind,
    metrics,
    months: { before: monthLabels(before), after: monthLabels(after) },
    line_items: status === 'added' || status === 'removed' ? [] : line_items,
  };
}

function recommendedMonth1(p: Projection | undefined): number | null {
  if (p === undefined) return 0; // a scenario that does not exist on a side spends nothing there
  const s = p.strategies.find((x) => x.id === p.verdict.recommended);
  return s?.monthly[0]?.total_usd ?? null;
}

function diffScenario(before: Projection | undefined, after: Projection | undefined): ScenarioDiff {
  const shown = (after ?? before)!;
  const strategies: StrategyDiff[] = [];
  const beforeById = new Map((before?.strategies ?? []).map((s) => [s.id, s]));
  const afterIds = new Set((after?.strategies ?? []).map((s) => s.id));
  for (const s of after?.strategies ?? []) strategies.push(diffStrategy(beforeById.get(s.id), s));
  for (const s of before?.strategies ?? []) if (!afterIds.has(s.id)) strategies.push(diffStrategy(s, undefined));
  const vb = before === undefined ? null : before.verdict.recommended;
  const va = after === undefined ? null : after.verdict.recommended;
  const verdictChanged = before !== undefined && after !== undefined && vb !== va;
  const status: Status =
    before === undefined
      ? 'added'
      : after === undefined
        ? 'removed'
        : verdictChanged ||
            strategies.some((s) => s.status !== 'unchanged') ||
            before.catalog.as_of !== after.catalog.as_of ||
            normaliseFile(before.scenario.file) !== normaliseFile(after.scenario.file) ||
            before.scenario.name !== after.scenario.name
          ? 'changed'
          : 'unchanged';
  return {
    status,
    name: shown.scenario.name,
    file: normaliseFile(shown.scenario.file),
    before: before ? { name: before.scenario.name, file: normaliseFile(before.scenario.file) } : null,
    after: after ? { name: after.scenario.name, file: normaliseFile(after.scenario.file) } : null,
    verdict: { before: vb, after: va, changed: verdictChanged },
    month_1_usd: change(recommendedMonth1(before), recommendedMonth1(after)),
    catalog_as_of: { before: before?.catalog.as_of ?? null, after: after?.catalog.as_of ?? null },
    strategies,
  };
}

/** Pairs of projections: by normalised file, then by name among the unmatched; unmatched ones alone. */
export function matchScenarios(before: readonly Projection[], after: readonly Projection[]): [Projection | undefined, Projection | undefined][] {
  const pairs: [Projection | undefined, Projection | undefined][] = [];
  const leftBefore = new Set(before);
  const matchedAfter = new Map<Projection, Projection>();
  const byFile = new Map<string, Projection>();
  for (const p of before) if (!byFile.has(normaliseFile(p.scenario.file))) byFile.set(normaliseFile(p.scenario.file), p);
  for (const p of after) {
    const b = byFile.get(normaliseFile(p.scenario.file));
    if (b !== undefined && leftBefore.has(b)) {
      leftBefore.delete(b);
      matchedAfter.set(p, b);
    }
  }
  // By name among the rest, first come first served (a map, so a large batch stays linear).
  const byName = new Map<string, Projection[]>();
  for (const b of before) {
    if (!leftBefore.has(b)) continue;
    const list = byName.get(b.scenario.name) ?? [];
    list.push(b);
    byName.set(b.scenario.name, list);
  }
  for (const p of after) {
    if (matchedAfter.has(p)) continue;
    const b = byName.get(p.scenario.name)?.shift();
    if (b !== undefined) {
      leftBefore.delete(b);
      matchedAfter.set(p, b);
    }
  }
  for (const p of after) pairs.push([matchedAfter.get(p), p]);
  for (const b of before) if (leftBefore.has(b)) pairs.push([b, undefined]);
  return pairs;
}

export function diffRuns(before: RunDocument, after: RunDocument): DiffDocument {
  const scenarios = matchScenarios(before.results, after.results).map(([b, a]) => diffScenario(b, a));
  let sumBefore = 0;
  let sumAfter = 0;
  let unknown = 0;
  for (const s of scenarios) {
    if (s.month_1_usd.before === null || s.month_1_usd.after === null) unknown++;
    else {
      sumBefore += s.month_1_usd.before;
      sumAfter += s.month_1_usd.after;
    }
  }
  const count = (st: Status) => scenarios.filter((s) => s.status === st).length;
  return {
    schema: DIFF_SCHEMA,
    summary: {
      scenarios: scenarios.length,
      changed: count('changed'),
      added: count('added'),
      removed: count('removed'),
      unchanged: count('unchanged'),
      verdict_changes: scenarios.filter((s) => s.verdict.changed).length,
      month_1_usd: change(sumBefore, sumAfter),
      month_1_unknown: unknown,
    },
    scenarios,
    errors: { before: before.errors, after: after.errors },
  };
}
