/**
 * The one formatting module: every number a person reads — in the terminal table, summary.md,
 * report.html, costs.csv, the charts and the notes and problems of the message catalog
 * (src/messages/) — is formatted here.
 *
 * The model computes money in float64 and never rounds (docs/model.md §1); rounding happens here and
 * only here. Formatting is locale-independent on purpose: a report must read the same on
 * every machine, so grouping uses `,` and the decimal point is `.` whatever the host locale.
 * `null` money is an unknown price and prints as `unknown`, never as `$0`.
 */

import { pricedOneTimeUsd } from './model/line-items.js';
import type { NoteCode } from './messages/notes.js';
import type { MonthResult, Projection, StrategyResult } from './model/types.js';

export const UNKNOWN = 'unknown';
/** Shown where a figure does not apply (no latency for an infeasible strategy, …). */
const NOT_APPLICABLE = '–';

/** Digits of `n` (a non-negative integer string) with a `,` every three digits. */
function group(intDigits: string): string {
  const n = intDigits.length;
  if (n <= 3) return intDigits;
  // Built left to right from the first group (1–3 digits): formatFixed runs for every number
  // of every note of every re-projection of a sweep, where a regular expression cost ≈1 µs.
  const head = n % 3 || 3;
  let out = intDigits.slice(0, head);
  for (let i = head; i < n; i += 3) out += ',' + intDigits.slice(i, i + 3);
  return out;
}

/**
 * `x` with exactly `decimals` decimals and grouped thousands, never in exponent notation.
 * `toFixed` switches to exponent notation at 1e21, which no cost reaches; guard anyway.
 */
export function formatFixed(x: number, decimals: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 1e21) return x.toExponential(3);
  const fixed = Math.abs(x).toFixed(decimals);
  const dot = fixed.indexOf('.');
  const intPart = dot === -1 ? fixed : fixed.slice(0, dot);
  // -0.00 after rounding is just 0.00
  let negative = false;
  if (x < 0) {
    for (let i = 0; i < fixed.length && !negative; i++) {
      const c = fixed.charCodeAt(i);
      negative = c >= 0x31 && c <= 0x39; // a digit 1–9
    }
  }
  return (negative ? '-' : '') + group(intPart) + (dot === -1 ? '' : fixed.slice(dot));
}

/** Decimals needed to show `x` with `sig` significant digits (0 for numbers ≥ 10^(sig-1)). */
function decimalsFor(x: number, sig: number): number {
  if (x === 0) return 0;
  // Round first so that 0.0009996 → 0.001 is sized as 0.001, not as 0.0009996.
  const rounded = Math.abs(Number(x.toPrecision(sig)));
  const magnitude = Math.floor(Math.log10(rounded));
  return Math.max(0, sig - 1 - magnitude);
}

function withSign(x: number, body: string): string {
  return x < 0 ? '-$' + body.replace(/^-/, '') : '$' + body;
}

/**
 * A total (monthly, one-time, horizon): whole dollars from $100 up (`$12,345`), cents
 * below (`$42.50`), since a reviewer compares totals and cents of a five-figure sum are
 * noise, while a $3.20 line rounded to `$3` would hide a third of a dollar.
 */
export function formatUsd(x: number | null | undefined): string {
  if (x === null || x === undefined) return UNKNOWN;
  if (x === 0) return '$0';
  const decimals = Math.abs(x) >= 100 ? 0 : 2;
  const body = formatFixed(Math.abs(x), decimals);
  // A tiny positive amount would round to $0.00 and look free; say it is below a cent.
  if (body === '0.00') return x > 0 ? '<$0.01' : '>-$0.01';
  return withSign(x, body);
}

/** Whole dollars, grouped (`$3,206`, `$9`): chart labels and verdict sentences, where cents are noise. */
export function formatUsdWhole(x: number): string {
  return withSign(x, formatFixed(Math.abs(Math.round(x)), 0));
}

/**
 * A small amount (per-query cost, unit price): three significant digits, so that
 * $0.00234 and $0.0000012 stay distinguishable; at least two decimals from $1 up.
 */
export function formatUsdPrecise(x: number | null | undefined, sig = 3): string {
  if (x === null || x === undefined) return UNKNOWN;
  if (x === 0) return '$0';
  const decimals = Math.min(Math.max(decimalsFor(x, sig), Math.abs(x) >= 1 ? 2 : 0), 12);
  return withSign(x, formatFixed(Math.abs(x), decimals));
}

/** An integer count (tokens, queries) with grouped thousands: `18,004,560`. */
export function formatCount(x: number | null | undefined): string {
  if (x === null || x === undefined) return UNKNOWN;
  return formatFixed(Math.round(x), 0);
}

/**
 * A quantity that may be fractional (line-item quantities: 0.287 GB-month, 4.35 runs,
 * 20,571,648 tokens): integers as counts, other values with three significant digits.
 */
export function formatQuantity(x: number): string {
  if (Number.isInteger(x)) return formatCount(x);
  // Large non-integers (1,645,731.84 tokens) read better without the fraction.
  if (Math.abs(x) >= 1000) return formatFixed(x, 0);
  return trimZeros(formatFixed(x, Math.min(decimalsFor(x, 3), 9)));
}

/** Compact count for headings: 18M, 1.5M, 20k, 950. */
export function formatCompact(x: number): string {
  const abs = Math.abs(x);
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, suffix] of units) {
    if (abs >= size) {
      const v = x / size;
      return trimZeros(v.toFixed(Math.abs(v) >= 100 ? 0 : 1)) + suffix;
    }
  }
  return trimZeros(x.toFixed(abs >= 100 ? 0 : 1));
}

/** A plain decimal, grouped, with at most `maxDecimals` decimals and no trailing zeros: `1,234.5`. */
export function formatDecimal(x: number, maxDecimals = 6): string {
  return trimZeros(formatFixed(x, maxDecimals));
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** Milliseconds without the unit (column headers carry it): integers from 10 ms up. */
export function formatMsValue(x: number | null | undefined): string {
  if (x === null || x === undefined) return NOT_APPLICABLE;
  return formatFixed(x, Math.abs(x) >= 10 ? 0 : 1);
}

/** Milliseconds with the unit: `2,673 ms`; `–` when there is no latency. */
export function formatMs(x: number | null | undefined): string {
  if (x === null || x === undefined) return NOT_APPLICABLE;
  return formatMsValue(x) + ' ms';
}

/** A fraction as a percentage: 0.03 → `3%`, 0.025 → `2.5%`, 0.3333 → `33.3%`. */
export function formatPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined) return NOT_APPLICABLE;
  const pct = fraction * 100;
  const decimals = Math.abs(pct) >= 10 || Number.isInteger(pct) ? (Number.isInteger(pct) ? 0 : 1) : 2;
  return trimZeros(pct.toFixed(decimals)) + '%';
}

/** Hours of staleness: `24.4 h`, with days beside it from two days up (`170.5 h (7.1 days)`). */
export function formatHours(h: number | null | undefined): string {
  if (h === null || h === undefined) return NOT_APPLICABLE;
  const hours = trimZeros(formatFixed(h, 1)) + ' h';
  if (Math.abs(h) >= 48) return `${hours} (${trimZeros((h / 24).toFixed(1))} days)`;
  return hours;
}

/** An assumption value as text: numbers grouped, booleans and null spelled out. */
export function formatValue(v: string | number | boolean | null): string {
  if (v === null) return 'none';
  if (typeof v === 'number') return Number.isInteger(v) ? formatCount(v) : String(v);
  return String(v);
}

/** `yes`/`no`. */
export function yesNo(b: boolean): string {
  return b ? 'yes' : 'no';
}

/** `12 months from 2027-01` (labels stay YYYY-MM: they sort and read the same everywhere). */
export function horizonText(horizonMonths: number, startMonth: string): string {
  return `${horizonMonths} month${horizonMonths === 1 ? '' : 's'} from ${startMonth}`;
}

// ---------------------------------------------------------------------------------------------
// The per-strategy summary every text view shows (terminal table, summary.md, report.html).


/**
 * A strategy's standing, one vocabulary for every output (terminal, summary.md, report.html,
 * costs.csv's `status` column), most serious first: `infeasible` (it cannot run: over a
 * context, input or output limit, no fine-tuning price, a deployment that cannot serve the
 * load), `misses target` (it runs but misses a latency or freshness target), `unpriced` (a
 * price is unknown, so its total is unknown), else `feasible`; `recommended` is the verdict's
 * pick, always a feasible one.
 */
const STRATEGY_STATUSES = ['recommended', 'feasible', 'misses target', 'unpriced', 'infeasible'] as const;
type StrategyStatus = (typeof STRATEGY_STATUSES)[number];

export function strategyStatus(projection: Projection, s: StrategyResult): StrategyStatus {
  if (projection.verdict.recommended === s.id) return 'recommended';
  if (!s.feasible) return 'infeasible';
  if (!s.meets_targets) return 'misses target';
  if (s.total_usd === null) return 'unpriced';
  return 'feasible';
}

/**
 * Why a strategy cannot run, in a few words for a table cell (the strategy's note says it
 * in full, with the numbers). Keyed by the infeasibility codes of src/messages/notes.ts
 * (INFEASIBLE_CODES; tests/report/status.test.ts checks that every one has words here).
 */
export const CANNOT_RUN_REASON: Readonly<Partial<Record<NoteCode, string>>> = {
  context_exceeded: 'over the context window',
  input_limit_exceeded: 'over the input limit',
  max_output_exceeded: 'over the output limit',
  no_fine_tuning_entry: 'no fine-tuning price',
  deployment_overloaded: 'deployment overloaded',
  deployment_too_large: 'deployment too large',
};

/** The short reason an infeasible strategy cannot run; null when it can. */
export function cannotRun(s: StrategyResult): string | null {
  if (s.feasible) return null;
  for (const n of s.notes) {
    const reason = CANNOT_RUN_REASON[n.code];
    if (reason !== undefined) return reason;
  }
  return 'cannot run';
}

/** Shown instead of a figure of a strategy that cannot run: its money is no option's price. */
export const CANNOT_RUN = '—';

/** The status with its reason: `infeasible: over the context window`, else the status alone. */
export function statusText(projection: Projection, s: StrategyResult): string {
  const status = strategyStatus(projection, s);
  const why = cannotRun(s);
  return why === null ? status : `${status}: ${why}`;
}

/** A month's total, or its floor when part is unknown; `–` for a month the strategy lacks. */
export function monthText(m: MonthResult | undefined): string {
  if (m === undefined) return NOT_APPLICABLE;
  return formatUsdOrFloor(m.total_usd, pricedPart(m.by_category));
}

interface MetricRow {
  label: string;
  /** One formatted cell per strategy, in projection order. */
  cells: string[];
  /** Numeric rows align right in the terminal table. */
  numeric: boolean;
}

/**
 * The rows of the strategy comparison, already formatted: status, feasibility, tokens,
 * cost, latency, freshness and the money over the horizon. Month labels come from the
 * first strategy (every strategy of a projection shares the months).
 */
export function strategyMetrics(projection: Projection): MetricRow[] {
  const ss = projection.strategies;
  const first = ss[0];
  const firstLabel = first?.monthly[0]?.label;
  const lastMonth = first?.monthly[first.monthly.length - 1];
  const horizon = projection.scenario.horizon_months;
  const row = (label: string, numeric: boolean, f: (s: StrategyResult) => string): MetricRow => ({
    label,
    numeric,
    cells: ss.map(f),
  });
  const lat = (s: StrategyResult, k: 'p50' | 'p95' | 'p99') => formatMsValue(s.per_query.latency_ms?.[k] ?? null);
  // A strategy that cannot run has no price: its money rows show "—", the status row says why.
  const money = (f: (s: StrategyResult) => string) => (s: StrategyResult) => (s.feasible ? f(s) : CANNOT_RUN);
  return [
    row('status', false, (s) => statusText(projection, s)),
    row('feasible', false, (s) => yesNo(s.feasible)),
    row('meets targets', false, (s) => yesNo(s.meets_targets)),
    row('input tokens / query', true, (s) => formatCount(s.per_query.input_tokens)),
    row('  of which cached', true, (s) => formatCount(s.per_query.cached_input_tokens)),
    row('output tokens / query', true, (s) => formatCount(s.per_query.output_tokens)),
    row('cost / query', true, money((s) => formatUsdPrecise(s.per_query.cost_usd))),
    row('latency p50 (ms)', true, (s) => lat(s, 'p50')),
    row('latency p95 (ms)', true, (s) => lat(s, 'p95')),
    row('latency p99 (ms)', true, (s) => lat(s, 'p99')),
    row('freshness, worst case', true, (s) => formatHours(s.freshness_hours)),
    row('one-time', true, money((s) => formatUsdOrFloor(s.one_time_usd, pricedOneTime(s)))),
    row(`month 1${firstLabel ? ` (${firstLabel})` : ''}`, true, money((s) => monthText(s.monthly[0]))),
    ...(lastMonth && lastMonth.month !== 1
      ? [row(`month ${lastMonth.month} (${lastMonth.label})`, true, money((s) => monthText(s.monthly[s.monthly.length - 1])))]
      : []),
    row(`total, ${horizon} month${horizon === 1 ? '' : 's'}`, true, money((s) => formatUsdOrFloor(s.total_usd, pricedTotal(s)))),
  ];
}

/** Whether a note already starts by naming its strategy (then an `id:` prefix would repeat it). */
export function mentionsFirst(message: string, id: string): boolean {
  return message.startsWith(id) && /^[\s:,]/.test(message.slice(id.length));
}

/**
 * A unit price: up to six significant digits with trailing zeros dropped, but cents kept
 * as a pair (`$0.40`, `$48`, `$4,000`, `$0.000016`, `$0.33`).
 */
export function formatPrice(x: number | null | undefined): string {
  if (x === null || x === undefined) return UNKNOWN;
  if (x === 0) return '$0';
  const decimals = Math.min(decimalsFor(x, 6), 12);
  let body = trimZeros(formatFixed(Math.abs(x), decimals));
  const frac = body.split('.')[1];
  if (frac !== undefined && frac.length === 1) body += '0';
  return withSign(x, body);
}

type ByCategory = Partial<Record<string, number | null>>;

/** Sum of the priced categories of a month: the whole total, or a floor under an unknown one. */
export function pricedPart(byCategory: ByCategory): number {
  let sum = 0;
  for (const v of Object.values(byCategory)) if (typeof v === 'number') sum += v;
  return sum;
}

/** What is known of a strategy's one-time cost: the sum of its priced one-time line items. */
export function pricedOneTime(s: StrategyResult): number {
  return pricedOneTimeUsd(s.line_items);
}

/** What is known of a strategy's horizon total: priced one-time items plus every month's priced part. */
export function pricedTotal(s: StrategyResult): number {
  return s.monthly.reduce((a, m) => a + pricedPart(m.by_category), pricedOneTime(s));
}

/**
 * A total that may be unknown: `$3,163`, or `unknown (≥ $5,935)` when part of it could not
 * be priced — the reader still learns the floor, and nothing unknown is counted as $0.
 */
export function formatUsdOrFloor(total: number | null | undefined, floor: number): string {
  if (total !== null && total !== undefined) return formatUsd(total);
  return floor > 0 ? `${UNKNOWN} (≥ ${formatUsd(floor)})` : UNKNOWN;
}

/**
 * The dates of the prices a projection used: "2026-07-24" when one date, else "2025-08-21 to
 * 2026-07-24". Falls back to the catalog's date for a projection saved without prices_used.
 */
export function pricesDated(p: { catalog: { as_of: string; prices_used?: { oldest: string; newest: string }[] } }): string {
  const used = p.catalog.prices_used;
  if (!used || used.length === 0) return p.catalog.as_of;
  const oldest = used.map((u) => u.oldest).sort()[0]!;
  const newest = used.map((u) => u.newest).sort().at(-1)!;
  return oldest === newest ? oldest : `${oldest} to ${newest}`;
}

/**
 * The inputs changed on the command line (`--set path=value`, `--months`), each as
 * `path=value`, in the order of the assumptions: a what-if says so in every output's header.
 */
export function commandLineOverrides(p: { assumptions: readonly { path: string; value: string | number | boolean | null; origin: string }[] }): string[] {
  return p.assumptions.filter((a) => a.origin === 'command-line').map((a) => `${a.path}=${a.value === null ? 'none' : String(a.value)}`);
}

/** "set on the command line: vars.daily_chats=60k, retrieval.top_k=8", or null when nothing was. */
export function overridesText(p: Parameters<typeof commandLineOverrides>[0]): string | null {
  const list = commandLineOverrides(p);
  return list.length === 0 ? null : `set on the command line: ${list.join(', ')}`;
}
