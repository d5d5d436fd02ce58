/**
 * Inside the bounds but implausible together (issue 13): each field may be within its range
 * while the projection they make is not a plan anyone has — 60% growth every month, traffic
 * that ends a thousand times where it began, a total of more than a trillion dollars. The
 * projection still runs (the numbers are what the inputs say), and carries a note that names
 * the input making it implausible, so a reader does not take the figure at face value.
 *
 * | note                    | when                                                        | names |
 * |-------------------------|-------------------------------------------------------------|-------|
 * | implausible_growth      | growth_per_month above 50% (×130 a year)                    | workload.growth_per_month |
 * | implausible_volume      | the last month's queries ≥ 1,000 × month 1's                | workload.growth_per_month, horizon_months |
 * | implausible_total       | a strategy's horizon total ≥ $10M from a month 1 under $100k | the cost driving it: growth, or the one-time costs |
 * | implausible_scale       | a strategy's horizon total above $10^12 (a trillion dollars) | the largest line item and its quantity |
 *
 * The rate-limit check (latency/targets.ts) uses `max_rate_limit_ratio`: traffic 1,000× a limit
 * or more makes its rate_limit_exceeded note name the input to check.
 */
import type { Scenario } from '../scenario/types.js';
import { notes } from '../messages/notes.js';
import type { Note, StrategyResult } from './types.js';

export const PLAUSIBLE = {
  /** Compounding monthly growth above this is a startup's best month, not a plan: 1.5^12 ≈ 130× a year. */
  max_growth_per_month: 0.5,
  /** Traffic at the end of the horizon over month 1's. */
  max_volume_ratio: 1_000,
  /** A horizon total at or above this … */
  large_total_usd: 10_000_000,
  /** … from a first month below this is a 100× jump the reader should check. */
  small_first_month_usd: 100_000,
  /** No LLM workload spends a trillion dollars; more is an input at the wrong scale. */
  max_total_usd: 1e12,
  /** Peak traffic a thousand times a provider rate limit is a limit or a volume at the wrong scale. */
  max_rate_limit_ratio: 1_000,
} as const;

const usd = (n: number) =>
  n >= 1e6 ? `$${n.toExponential(2).replace('e+', '×10^')}` : `$${n.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
const pct = (x: number) => `${(x * 100).toLocaleString('en-US', { maximumFractionDigits: 1 })}%`;
const times = (x: number) => (x >= 1e6 ? x.toExponential(2).replace('e+', '×10^') : Math.round(x).toLocaleString('en-US'));

const plausibilityMessages = {
  growth: (growth: number): Note =>
    notes.implausibleGrowth(
      `implausible input: workload.growth_per_month = ${pct(growth)} compounds to ×${times((1 + growth) ** 12)} a year; check that it is a monthly rate`,
    ),
  volume: (ratio: number, months: number, growth: number): Note => 
    notes.implausibleVolume(
      `implausible input: workload.growth_per_month = ${pct(growth)} over horizon_months = ${months} ends at ${times(ratio)}× month 1's queries`,
    ),
  total: (strategy: string, total: number, first: number, driver: string): Note => 
    notes.implausibleTotal(
      `implausible result: ${strategy} totals ${usd(total)} over the horizon from ${usd(first)} in month 1; it comes from ${driver}`,
    ),
  scale: (strategy: string, total: number, driver: string): Note => 
    notes.implausibleScale(
      `implausible result: ${strategy} totals ${usd(total)}, more than any LLM budget; it comes from ${driver}`,
    ),
} as const;

/** The line item costing most over the horizon, described with its quantity and unit. */
function largestItem(s: StrategyResult): string {
  const queries = s.monthly.reduce((sum, m) => sum + m.queries, 0);
  let best: { text: string; cost: number } | null = null;
  for (const item of s.line_items) {
    const per = item.period === 'per_query' ? queries : item.period === 'monthly' ? s.monthly.length : 1;
    const cost = (item.cost_usd ?? 0) * per;
    const text = `"${item.name}" (${item.quantity.toPrecision(3)} ${item.unit}${item.period === 'per_query' ? ' per query' : item.period === 'monthly' ? ' a month' : ''})`;
    if (best === null || cost > best.cost) best = { text, cost };
  }
  return best?.text ?? 'unknown';
}

/** Notes for a projection whose inputs are each in range but together implausible. */
export function plausibilityNotes(scenario: Scenario, strategies: readonly StrategyResult[]): Note[] {
  const out: Note[] = [];
  const w = scenario.base.workload;
  const months = scenario.base.horizon_months;
  if (w.growth_per_month > PLAUSIBLE.max_growth_per_month) out.push(plausibilityMessages.growth(w.growth_per_month));
  const ratio = (1 + w.growth_per_month) ** (months - 1);
  if (ratio >= PLAUSIBLE.max_volume_ratio) out.push(plausibilityMessages.volume(ratio, months, w.growth_per_month));
  for (const s of strategies) {
    const total = s.total_usd;
    if (total === null) continue;
    // A variant may override the workload: its own growth is what compounds.
    const growth = scenario.strategies.find((spec) => spec.id === s.id)?.settings.workload.growth_per_month ?? w.growth_per_month;
    // Worded only when a note says it (toLocaleString builds a number formatter on every call).
    const growthDriver = () => `workload.growth_per_month = ${pct(growth)} compounding over horizon_months = ${months}`;
    const first = s.monthly[0]?.total_usd ?? null;
    const grows = (1 + growth) ** (months - 1) >= 10; // traffic ends ten times where it began, or more
    if (total > PLAUSIBLE.max_total_usd) {
      out.push(plausibilityMessages.scale(s.id, total, grows ? growthDriver() : `its largest cost, ${largestItem(s)}`));
    } else if (first !== null && total >= PLAUSIBLE.large_total_usd && first + (s.one_time_usd ?? 0) < PLAUSIBLE.small_first_month_usd) {
      out.push(plausibilityMessages.total(s.id, total, first, growth > 0 ? growthDriver() : `horizon_months = ${months} of recurring costs (largest: ${largestItem(s)})`));
    }
  }
  return out;
}
