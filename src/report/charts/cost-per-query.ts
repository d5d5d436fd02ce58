/**
 * cost-per-query: what one query costs under each strategy, stacked by cost category (the
 * per-query line items only: monthly and one-time items are in the other charts).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { CostCategory, Projection } from '../../model/types.js';
import { COST_CATEGORIES } from '../../model/types.js';
import {
  WIDTH,
  categoriesPresent,
  categoryScale,
  chartTitle,
  currencyAxis,
  formatUsd,
  strategyFootnotes,
  strategyInfos,
  withFootnotes,
} from './common.js';
import { bandNote } from './uncertainty.js';

export function costPerQueryChart(projection: Projection): TopLevelSpec {
  const infos = strategyInfos(projection);
  const rows: Record<string, string | number>[] = [];
  const cats = new Set<string>();
  let max = 0;
  for (const s of infos) {
    const base = { strategy: s.id, label: s.label, order: s.order };
    if (!s.plotted) {
      rows.push({ ...base, kind: 'total', x: 0, text: 'infeasible: not plotted', color: '#666666' });
      continue;
    }
    let sum = 0;
    const unpriced: CostCategory[] = [];
    for (const cat of COST_CATEGORIES) {
      const usd = s.result.per_query.by_category[cat];
      if (usd === null) unpriced.push(cat);
      if (typeof usd !== 'number') continue;
      cats.add(cat);
      sum += usd;
      rows.push({ ...base, kind: 'segment', category: cat, category_order: COST_CATEGORIES.indexOf(cat), usd });
    }
    max = Math.max(max, sum);
    const text = unpriced.length > 0 ? `≥ ${formatUsd(sum, true)} (${unpriced.join(', ')} unpriced)` : formatUsd(sum, true);
    rows.push({ ...base, kind: 'total', x: sum, text, color: s.color });
  }
  // With ranges: a P10–P90 whisker on each bar; the total's label moves past it.
  const whiskers: Record<string, string | number>[] = [];
  for (const s of infos) {
    const q = s.plotted ? projection.uncertainty?.strategies.find((u) => u.id === s.id)?.per_query_usd : undefined;
    if (!q) continue;
    whiskers.push({ label: s.label, order: s.order, p10: q.p10, p90: q.p90 });
    max = Math.max(max, q.p90);
    const total = rows.find((r) => r.kind === 'total' && r.strategy === s.id);
    if (total) {
      total.x = Math.max(Number(total.x), q.p90);
      total.text = `${total.text} (P10–P90 ${formatUsd(q.p10, true)}–${formatUsd(q.p90, true)})`;
    }
  }
  const categories = categoriesPresent(cats);
  const domainMax = max > 0 ? max * (whiskers.length > 0 ? 1.9 : 1.35) : 1;
  const y = { field: 'label', type: 'nominal', title: null, sort: { field: 'order', op: 'min' }, axis: { labelLimit: 0 } };
  const chart = {
    width: WIDTH - 190,
    height: Math.max(90, 34 * infos.length),
    data: { values: rows },
    layer: [
      {
        transform: [{ filter: { field: 'kind', equal: 'segment' } }],
        mark: { type: 'bar', stroke: '#FFFFFF', strokeWidth: 0.5, height: { band: 0.7 } },
        encoding: {
          y,
          x: {
            field: 'usd',
            type: 'quantitative',
            stack: 'zero',
            title: 'Cost per query (USD)',
            scale: { domain: [0, domainMax], nice: false },
            axis: { ...currencyAxis(domainMax, true), tickCount: 5 },
          },
          color: {
            field: 'category',
            type: 'nominal',
            title: 'Cost category',
            scale: categoryScale(categories),
            legend: { orient: 'bottom', direction: 'horizontal', columns: 4 },
          },
          order: { field: 'category_order', type: 'quantitative' },
          tooltip: [
            { field: 'strategy', type: 'nominal', title: 'Strategy' },
            { field: 'category', type: 'nominal', title: 'Category' },
            { field: 'usd', type: 'quantitative', title: 'USD per query', format: '$,.6f' },
          ],
        },
      },
      {
        transform: [{ filter: { field: 'kind', equal: 'total' } }],
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, fontSize: 11, fontWeight: 'bold' },
        encoding: {
          y,
          x: { field: 'x', type: 'quantitative', stack: null },
          text: { field: 'text', type: 'nominal' },
          color: { field: 'color', type: 'nominal', scale: null },
        },
      },
    ],
  };
  if (whiskers.length > 0) {
    (chart.layer as Record<string, unknown>[]).splice(1, 0, {
      data: { values: whiskers },
      mark: { type: 'errorbar', ticks: { size: 10 }, color: '#222222', thickness: 1.5 },
      encoding: { y, x: { field: 'p10', type: 'quantitative', title: 'Cost per query (USD)' }, x2: { field: 'p90' } },
    });
  }
  const notes = strategyFootnotes(infos, {
    infeasible: 'not plotted',
    lowerBound: 'the bar shows the priced categories only, a lower bound.',
  });
  if (whiskers.length > 0) notes.push(bandNote(projection, 'Whiskers'));
  notes.push('Per-query items only: monthly items (storage, retraining, hosting) and one-time costs are in the other charts.');
  return withFootnotes(chartTitle(projection, 'cost per query by cost category'), chart, notes, WIDTH);
}
