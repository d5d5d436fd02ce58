/**
 * spend-over-time: each strategy's monthly spend over the horizon (one-time costs excluded; they
 * are in cumulative-cost). Solid line: eligible for the recommendation; dashed: misses a target or
 * is a lower bound because some items have no price. Infeasible strategies are named in a footnote.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Projection } from '../../model/types.js';
import {
  WIDTH,
  chartTitle,
  currencyAxis,
  monthAxisLabelExpr,
  monthTicks,
  pricedMonth,
  strategyFootnotes,
  strategyInfos,
  strategyLineEncoding,
  withFootnotes,
} from './common.js';
import { bandNote, fanLayer, fanMax } from './uncertainty.js';

export function spendOverTimeChart(projection: Projection): TopLevelSpec {
  const infos = strategyInfos(projection);
  const plotted = infos.filter((s) => s.plotted);
  const rows: { strategy: string; label: string; order: number; month: number; usd: number; style: string }[] = [];
  let max = 0;
  let lastMonth = 1;
  for (const s of plotted) {
    for (const m of s.result.monthly) {
      const usd = m.total_usd ?? pricedMonth(m).usd;
      max = Math.max(max, usd);
      lastMonth = Math.max(lastMonth, m.month);
      rows.push({ strategy: s.id, label: s.label, order: s.order, month: m.month, usd, style: s.eligible ? 'solid' : 'dashed' });
    }
  }
  const line = {
    data: { values: rows },
    mark: { type: 'line', point: { size: 36, filled: true }, strokeWidth: 2.5 },
    encoding: {
      x: {
        field: 'month',
        type: 'quantitative',
        title: null,
        scale: { domain: [1, lastMonth], nice: false, padding: 12 },
        axis: {
          values: monthTicks(1, lastMonth),
          labelExpr: monthAxisLabelExpr(projection.scenario.start_month, null),
          labelAngle: lastMonth > 8 ? -40 : 0,
          labelAlign: lastMonth > 8 ? 'right' : 'center',
          grid: false,
        },
      },
      y: {
        field: 'usd',
        type: 'quantitative',
        title: 'Spend per month (USD)',
        scale: { zero: true },
        axis: { ...currencyAxis(max), tickCount: 6 },
      },
      ...strategyLineEncoding(plotted),
      tooltip: [
        { field: 'strategy', type: 'nominal', title: 'Strategy' },
        { field: 'month', type: 'quantitative', title: 'Month' },
        { field: 'usd', type: 'quantitative', title: 'USD', format: '$,.2f' },
      ],
    },
  };
  // With ranges: a P10–P90 band behind each line, on the same scales.
  const fan = fanLayer(projection, plotted, 'monthly', line.encoding.x, line.encoding.color.scale);
  if (fan) line.encoding.y.axis = { ...currencyAxis(Math.max(max, fanMax(projection, 'monthly', plotted.map((s) => s.id)))), tickCount: 6 };
  const chart = fan ? { width: WIDTH, height: 300, layer: [fan, line] } : { width: WIDTH, height: 300, ...line };
  const notes = strategyFootnotes(infos, {
    infeasible: 'no line',
    lowerBound: 'its line counts priced items only, a lower bound.',
  });
  if (plotted.some((s) => !s.eligible)) {
    notes.push('Dashed lines: not eligible for the recommendation (misses a target, or a lower bound because of unpriced items).');
  }
  notes.push('One-time costs are not included here; see cumulative-cost.');
  if (fan) notes.push(bandNote(projection));
  return withFootnotes(chartTitle(projection, 'monthly spend over the horizon'), chart, notes, WIDTH);
}
