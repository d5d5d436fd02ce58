/**
 * What the charts show of a scenario's ranges (projection.uncertainty and .sensitivity):
 *  - fan bands (P10–P90 of the draws) behind the lines of spend-over-time and cumulative-cost,
 *  - whiskers (P10–P90) on cost-per-query,
 *  - win-probability: how often each strategy is the verdict across the draws,
 *  - tornado: the verdict strategy's total with each input at its low and its high end.
 * User strings (ids, input paths) enter only as data values or title text.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Projection } from '../../model/types.js';
import { exactValue } from '../../sweep/report.js';
import type { StrategyInfo } from './common.js';
import { WIDTH, chartTitle, currencyAxis, formatUsd, strategyColor, strategyColorSlots, withFootnotes } from './common.js';

/** The footnote every chart with bands carries. */
export function bandNote(p: Projection, what = 'Bands'): string {
  const u = p.uncertainty!;
  return `${what}: P10–P90 over ${u.samples.toLocaleString('en-US')} draws of the uncertain inputs (${u.inputs.map((i) => i.id).join(', ')}); lines: every input at its base value.`;
}

/** An area layer P10–P90 per plotted strategy, by month (`cumulative` also has month 0). */
export function fanLayer(p: Projection, plotted: readonly StrategyInfo[], which: 'monthly' | 'cumulative', x: Record<string, unknown>, colorScale: unknown): Record<string, unknown> | null {
  const u = p.uncertainty;
  if (!u) return null;
  const rows: { label: string; month: number; p10: number; p90: number }[] = [];
  for (const s of plotted) {
    const su = u.strategies.find((x) => x.id === s.id);
    if (!su) continue;
    const series = which === 'monthly' ? su.monthly_usd : su.cumulative_usd;
    series.forEach((q, i) => {
      if (q !== null) rows.push({ label: s.label, month: which === 'monthly' ? i + 1 : i, p10: q.p10, p90: q.p90 });
    });
  }
  return {
    data: { values: rows },
    mark: { type: 'area', opacity: 0.16, interpolate: 'linear' },
    encoding: {
      x,
      y: { field: 'p10', type: 'quantitative' },
      y2: { field: 'p90' },
      // The lines' legend names the colours (a `legend: null` here would drop it: the layers share one);
      // no `order` (on an area it splits the band per point).
      color: { field: 'label', type: 'nominal', scale: colorScale, legend: { orient: 'bottom', direction: 'horizontal', columns: 2, symbolOpacity: 1 } },
    },
  };
}

/** Highest P90 of a fan (for the y scale). */
export function fanMax(p: Projection, which: 'monthly' | 'cumulative', ids: readonly string[]): number {
  let max = 0;
  for (const s of p.uncertainty?.strategies ?? []) {
    if (!ids.includes(s.id)) continue;
    for (const q of which === 'monthly' ? s.monthly_usd : s.cumulative_usd) if (q) max = Math.max(max, q.p90);
  }
  return max;
}

export function winProbabilityChart(p: Projection): TopLevelSpec {
  const u = p.uncertainty!;
  const slots = strategyColorSlots(p.strategies.map((s) => s.id));
  const rows = u.strategies.map((s, order) => ({
    strategy: s.id,
    order,
    share: s.p_recommended,
    text: `${(s.p_recommended * 100).toFixed(s.p_recommended > 0 && s.p_recommended < 0.01 ? 1 : 0)}%`,
    color: strategyColor(slots.get(s.id) ?? order),
  }));
  if (u.p_no_verdict > 0) rows.push({ strategy: 'no strategy qualifies', order: rows.length, share: u.p_no_verdict, text: `${(u.p_no_verdict * 100).toFixed(0)}%`, color: '#999999' });
  const y = { field: 'strategy', type: 'nominal', title: null, sort: { field: 'order', op: 'min' }, axis: { labelLimit: 0 } };
  const chart = {
    width: WIDTH - 190,
    height: Math.max(90, 34 * rows.length),
    data: { values: rows },
    layer: [
      {
        mark: { type: 'bar', height: { band: 0.7 } },
        encoding: {
          y,
          x: { field: 'share', type: 'quantitative', title: 'Share of futures in which it is the verdict', scale: { domain: [0, 1.15], nice: false }, axis: { format: '.0%', values: [0, 0.25, 0.5, 0.75, 1] } },
          color: { field: 'color', type: 'nominal', scale: null },
        },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, fontSize: 11, fontWeight: 'bold' },
        encoding: { y, x: { field: 'share', type: 'quantitative' }, text: { field: 'text', type: 'nominal' } },
      },
    ],
  };
  const notes = [...u.verdict.map((v) => `${v}.`), `${u.samples.toLocaleString('en-US')} draws, seed ${u.seed}; the verdict is the cheapest strategy that is feasible, priced and meets every target in that draw.`];
  return withFootnotes(chartTitle(p, 'how likely each strategy is to win'), chart, notes, WIDTH);
}

export function tornadoChart(p: Projection): TopLevelSpec {
  const t = p.sensitivity!;
  const rows: Record<string, string | number | boolean>[] = [];
  let max = t.base_total_usd;
  let min = t.base_total_usd;
  t.bars.forEach((b, order) => {
    const lo = b.total_at_low ?? t.base_total_usd;
    const hi = b.total_at_high ?? t.base_total_usd;
    max = Math.max(max, lo, hi);
    min = Math.min(min, lo, hi);
    const flips = [
      b.verdict_at_low !== t.strategy ? `low → ${b.verdict_at_low ?? 'none'}` : '',
      b.verdict_at_high !== t.strategy ? `high → ${b.verdict_at_high ?? 'none'}` : '',
    ].filter(Boolean);
    rows.push({ input: b.id, order, end: 'low', from: t.base_total_usd, to: lo });
    rows.push({ input: b.id, order, end: 'high', from: t.base_total_usd, to: hi });
    rows.push({ input: b.id, order, end: 'label', from: Math.max(lo, hi), to: Math.max(lo, hi), text: flips.length > 0 ? `verdict flips: ${flips.join(', ')}` : formatUsd(b.swing_usd) + ' swing' });
  });
  const span = max - min || Math.max(max, 1);
  const y = { field: 'input', type: 'nominal', title: null, sort: { field: 'order', op: 'min' }, axis: { labelLimit: 0 } };
  const x = { field: 'from', type: 'quantitative', title: `Total of ${t.strategy} over the horizon (USD)`, scale: { domain: [Math.max(0, min - span * 0.05), max + span * 0.75], nice: false }, axis: { ...currencyAxis(max), tickCount: 5 } };
  const chart = {
    width: WIDTH - 190,
    height: Math.max(90, 34 * t.bars.length),
    layer: [
      {
        data: { values: rows },
        transform: [{ filter: { field: 'end', oneOf: ['low', 'high'] } }],
        mark: { type: 'bar', height: { band: 0.6 } },
        encoding: {
          y,
          x,
          x2: { field: 'to' },
          color: { field: 'end', type: 'nominal', title: 'Input at its', scale: { domain: ['low', 'high'], range: ['#56B4E9', '#E69F00'] }, legend: { orient: 'bottom', direction: 'horizontal' } },
        },
      },
      {
        data: { values: [{ base: t.base_total_usd }] },
        mark: { type: 'rule', color: '#222222', strokeWidth: 1.5 },
        encoding: { x: { field: 'base', type: 'quantitative' } },
      },
      {
        data: { values: rows },
        transform: [{ filter: { field: 'end', equal: 'label' } }],
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 6, fontSize: 11 },
        encoding: { y, x: { field: 'from', type: 'quantitative' }, text: { field: 'text', type: 'nominal' } },
      },
    ],
  };
  const how = t.inputs_from === 'ranges' ? 'each uncertain input at the low and the high end of its range' : 'each main input halved and doubled';
  const notes = [
    `Bars: ${t.strategy}'s total with ${how}, every other input at its base value; sorted by swing. Rule: the base total, ${formatUsd(t.base_total_usd)}.`,
    ...t.bars.map((b) => `${b.id}: low ${exactValue(b.low, b.kind)}, high ${exactValue(b.high, b.kind)}.`),
  ];
  return withFootnotes(chartTitle(p, 'which input matters most (tornado)'), chart, notes, WIDTH);
}
