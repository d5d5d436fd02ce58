/**
 * docs/model.md §9 verdict: among strategies that are feasible, fully priced and meet every target
 * (freshness, latency SLO, rate limits), the one with the lowest total_usd; every other
 * strategy says why not.
 */
import { formatPercent, formatQuantity, formatUsdWhole } from '../format.js';
import { INFEASIBLE_CODES, TARGET_MISS_CODES } from '../messages/notes.js';
import type { StrategyResult, Verdict } from './types.js';

const money = formatUsdWhole;

/**
 * How much more, said sensibly at any size: `+0.47%`, `+26%`, `+98%`, `3.2× as much`,
 * `2,501× as much` (a ratio of 2,500 read "+250001%").
 */
export function increase(fraction: number): string {
  if (fraction >= 1) return `${formatQuantity(Math.round((1 + fraction) * 10) / 10)}× as much`;
  return `+${formatPercent(fraction)}`;
}

function whyNot(s: StrategyResult): string | null {
  if (!s.feasible) {
    const reasons = s.notes.filter((n) => INFEASIBLE_CODES.has(n.code)).map((n) => n.message);
    return `${s.id}: ${reasons.join('; ') || 'infeasible'}`;
  }
  if (s.total_usd === null) return `${s.id}: could not be priced (unknown: ${s.unpriced.join(', ')})`;
  if (!s.meets_targets) {
    const missed = s.notes.filter((n) => TARGET_MISS_CODES.has(n.code)).map((n) => n.message);
    // The notes put their fix after "—"; the details follow a colon here, so one line keeps one dash per fact.
    return `${s.id}: misses a target: ${missed.join('; ') || 'see notes'}`;
  }
  return null;
}

export function decideVerdict(strategies: StrategyResult[]): Verdict {
  const eligible = strategies
    .filter((s) => whyNot(s) === null)
    .sort((a, b) => (a.total_usd as number) - (b.total_usd as number));
  const best = eligible[0];
  if (!best) {
    return {
      recommended: null,
      reasons: ['no strategy is feasible, fully priced and meets every target', ...strategies.map((s) => whyNot(s) ?? s.id)],
    };
  }
  const bestTotal = best.total_usd as number;
  const reasons = [`${best.id}: lowest total cost (${money(bestTotal)} over the horizon) among strategies that are feasible and meet every target`];
  for (const s of strategies) {
    if (s === best) continue;
    const why = whyNot(s);
    if (why) reasons.push(why);
    else {
      const more = (s.total_usd as number) - bestTotal;
      const pct = bestTotal > 0 ? ` (${increase(more / bestTotal)})` : '';
      reasons.push(`${s.id}: costs ${money(more)} more${pct}`);
    }
  }
  return { recommended: best.id, reasons };
}
