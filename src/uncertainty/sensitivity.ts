/**
 * Sensitivity: which input matters most to the recommendation, and where it flips.
 *
 *  - The tornado: each input moved to its low and then its high end, every other input at
 *    base; the bar is the verdict strategy's total at each end, and the verdict at each end
 *    shows whether it flips. Inputs are the scenario's ranges (their written ends: the 90%
 *    interval's, or a three-point estimate's low and high) or, for a scenario without ranges,
 *    the main inputs (MAIN_INPUTS) halved and doubled (fractions capped at 100%).
 *  - Break-even: along each input's low…high, the exact values where the verdict strategy's
 *    total crosses another strategy's (sweep.ts's root-finding), the other inputs at base.
 */
import type { Catalog } from '../catalog/types.js';
import type { Projection } from '../model/types.js';
import { clampToRule } from '../scenario/read-field.js';
import type { FieldRule } from '../scenario/fields.js';
import type { Scenario } from '../scenario/types.js';
import { sweep } from '../sweep/sweep.js';
import { baseValue, knowsInput, withInputs } from './apply.js';
import { DRAW_LATENCY_SAMPLES, Reprojections, withLatencySamples } from './project.js';
import type { BreakEven, Sensitivity, SensitivityBar } from './types.js';

/** Inputs a scenario without ranges is tested on, when it has them (each halved and doubled). */
const MAIN_INPUTS = [
  'workload.queries_per_month',
  'workload.growth_per_month',
  'knowledge.corpus.tokens',
  'knowledge.change_per_month',
  'knowledge.publish_every',
  'prompt.output.tokens',
  'prompt.instructions.tokens',
  'retrieval.top_k',
  'caching.hit_rate',
  'one_time.usd_per_engineer_week',
] as const;

/** Grid of the break-even search along one input (the roots are then found exactly). */
const BREAK_EVEN_STEPS = 16;

interface Span {
  id: string;
  low: number;
  high: number;
  rule: FieldRule | null;
}

function spans(scenario: Scenario): { from: 'ranges' | 'main'; spans: Span[] } {
  const inputs = scenario.inputs!;
  if (inputs.uncertain.length > 0) {
    return {
      from: 'ranges',
      spans: inputs.uncertain.map((u) => ({
        id: u.id,
        low: clampToRule(u.distribution.low, u.rule),
        high: clampToRule(u.distribution.high, u.rule),
        rule: u.rule,
      })),
    };
  }
  const out: Span[] = [];
  for (const id of MAIN_INPUTS) {
    if (!knowsInput(inputs, id)) continue;
    const base = baseValue(scenario, id);
    if (base === null || !(base > 0)) continue;
    const rule = inputs.bindings.find((b) => b.input === id)?.rule ?? null;
    const low = clampToRule(base / 2, rule);
    const high = clampToRule(base * 2, rule);
    if (low < high) out.push({ id, low, high, rule });
  }
  return { from: 'main', spans: out };
}

/** The tornado and the break-evens of a projected scenario; null when no strategy is recommended. */
export function sensitivity(scenario: Scenario, catalog: Catalog, projection: Projection): Sensitivity | null {
  const strategy = projection.verdict.recommended;
  if (strategy === null || !scenario.inputs) return null;
  const k = scenario.strategies.findIndex((s) => s.id === strategy);
  const baseTotal = projection.strategies[k]?.total_usd;
  if (k < 0 || baseTotal == null) return null;
  const quick = withLatencySamples(scenario, DRAW_LATENCY_SAMPLES);
  const { from, spans: list } = spans(scenario);
  const projections = new Reprojections(catalog);
  const at = (id: string, v: number) => projections.all(withInputs(quick, new Map([[id, v]])));
  const bars: SensitivityBar[] = list.map((s) => {
    const lo = at(s.id, s.low);
    const hi = at(s.id, s.high);
    const tl = lo.strategies[k]!.total_usd;
    const th = hi.strategies[k]!.total_usd;
    return {
      id: s.id,
      ...(s.rule ? { kind: s.rule.kind } : {}),
      low: s.low,
      high: s.high,
      total_at_low: tl,
      total_at_high: th,
      swing_usd: tl === null || th === null ? 0 : Math.abs(th - tl),
      verdict_at_low: lo.verdict.recommended,
      verdict_at_high: hi.verdict.recommended,
    };
  });
  bars.sort((a, b) => b.swing_usd - a.swing_usd || (a.id < b.id ? -1 : 1));

  // Break-evens along the ranges (all of them), or along the most important main input.
  const along = from === 'ranges' ? bars : bars.slice(0, 1);
  const breakEven: BreakEven[] = [];
  for (const bar of along) {
    const swept = sweep(scenario, catalog, {
      axes: [{ input: bar.id, from: bar.low, to: bar.high, steps: BREAK_EVEN_STEPS, log: bar.low > 0 }],
    });
    for (const c of swept.crossovers) {
      if (c.below === strategy || c.above === strategy) breakEven.push({ ...c, ...(bar.kind ? { kind: bar.kind } : {}) });
    }
  }
  return { strategy, base_total_usd: baseTotal, inputs_from: from, bars, break_even: breakEven };
}
