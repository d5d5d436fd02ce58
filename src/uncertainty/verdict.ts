/**
 * The robust verdict: how often each strategy is the verdict across the draws, and, for a
 * strategy that wins only sometimes, the condition under which it wins when one input decides
 * it ("fine_tuning in 19%, when workload.queries_per_month exceeds ~2.2M").
 *
 * The condition is a one-input threshold (a decision stump): over the draws, the threshold and
 * side of one input that best separate "this strategy wins" from "it does not". It is stated
 * only when it classifies at least STUMP_ACCURACY of the draws correctly; the threshold is
 * read off the draws (hence "~"), while the exact break-even along an input is in breakeven.ts.
 */
import type { FieldKind } from '../scenario/fields.js';
import type { UncertainInput } from '../scenario/types.js';
import type { Draws } from './sample.js';
import type { StrategyUncertainty } from './types.js';

/** Share of draws a stated condition must classify correctly. */
const STUMP_ACCURACY = 0.9;

interface Condition {
  input: string;
  side: 'above' | 'below';
  threshold: number;
  accuracy: number;
}

/** The best one-input threshold separating the draws where `wins[d]` from the rest. */
function bestCondition(inputs: Map<string, Float64Array>, wins: boolean[]): Condition | null {
  const n = wins.length;
  const positives = wins.filter(Boolean).length;
  if (positives === 0 || positives === n) return null;
  let best: Condition | null = null;
  for (const [id, values] of inputs) {
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
    // Sweep the threshold upward: below it "not a win", above it "a win" (side 'above'), or the mirror.
    let winsBelow = 0;
    for (let k = 0; k < n - 1; k++) {
      if (wins[order[k]!]) winsBelow++;
      const lo = values[order[k]!]!;
      const hi = values[order[k + 1]!]!;
      if (lo === hi) continue;
      const belowCount = k + 1;
      const aboveCorrect = belowCount - winsBelow + (positives - winsBelow); // non-wins below + wins above
      const belowCorrect = winsBelow + (n - belowCount - (positives - winsBelow)); // wins below + non-wins above
      const threshold = (lo + hi) / 2;
      // 'above' first, then 'below': on a tie the earlier candidate stays.
      const above = aboveCorrect / n;
      if (best === null || above > best.accuracy) best = { input: id, side: 'above', threshold, accuracy: above };
      const below = belowCorrect / n;
      if (below > best.accuracy) best = { input: id, side: 'below', threshold, accuracy: below };
    }
  }
  return best;
}

/** "12%", "<1%" or ">99%" for a share in [0, 1]. */
export function percent(share: number): string {
  if (share > 0 && share < 0.005) return '<1%';
  if (share < 1 && share > 0.995) return '>99%';
  return `${Math.round(share * 100)}%`;
}

/** A value the way its field is written: 2.2M, 8%, 36 h, $4,000. */
export function formatInputValue(value: number, kind: FieldKind | undefined): string {
  if (kind === 'fraction') return `${+(value * 100).toPrecision(2)}%`;
  if (kind === 'hours') return value >= 48 ? `${+(value / 24).toPrecision(2)} days` : `${+value.toPrecision(2)} h`;
  if (kind === 'seconds') return `${+value.toPrecision(2)} s`;
  if (kind === 'ms') return `${+value.toPrecision(3)} ms`;
  const dollar = kind === 'usd' ? '$' : '';
  const abs = Math.abs(value);
  for (const [size, suffix] of [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'k']] as const) {
    if (abs >= size) return `${dollar}${+(value / size).toPrecision(2)}${suffix}`;
  }
  return `${dollar}${+value.toPrecision(2)}`;
}

export function robustVerdict(strategies: StrategyUncertainty[], pNone: number, draws: Draws, uncertain: readonly UncertainInput[]): string[] {
  const ruleOf = new Map(uncertain.map((u) => [u.id, u.rule]));
  const winners = strategies.filter((s) => s.p_recommended > 0).sort((a, b) => b.p_recommended - a.p_recommended || (a.id < b.id ? -1 : 1));
  const sentences: string[] = [];
  const parts: string[] = [];
  winners.forEach((s, i) => {
    let text = i === 0 ? `${s.id} is cheapest in ${percent(s.p_recommended)} of futures` : `${s.id} in ${percent(s.p_recommended)}`;
    // The leader needs no condition; a strategy that wins only sometimes says when.
    if (i > 0) {
      const c = bestCondition(draws.inputs, draws.winners.map((w) => w === s.id));
      if (c !== null && c.accuracy >= STUMP_ACCURACY) {
        text += `, when ${c.input} ${c.side === 'above' ? 'exceeds' : 'is below'} ~${formatInputValue(c.threshold, ruleOf.get(c.input)?.kind)}`;
      }
    }
    parts.push(text);
  });
  if (pNone > 0) parts.push(`no strategy qualifies in ${percent(pNone)}`);
  if (parts.length > 0) sentences.push(parts.join('; '));
  else sentences.push('no strategy qualifies in any future drawn');
  for (const s of strategies) {
    if (s.p_infeasible > 0) sentences.push(`${s.id} is infeasible in ${percent(s.p_infeasible)} of futures`);
    if (s.p_misses_target > 0) sentences.push(`${s.id} misses a target in ${percent(s.p_misses_target)} of futures`);
  }
  return sentences;
}
