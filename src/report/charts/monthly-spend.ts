/**
 * monthly-spend: one month's spend per strategy, stacked by cost category.
 *
 * Which month: the first and the last month of the horizon, side by side on one scale. A
 * finance reader wants two numbers from this chart: the run-rate at launch (month 1) and the
 * run-rate the budget must carry at the end of the horizon, after growth (month N). One-time
 * costs are not in either (they are in cumulative-cost). With a 1-month horizon there is one panel.
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
  monthName,
  pricedMonth,
  strategyFootnotes,
  strategyInfos,
  withFootnotes,
} from './common.js';

interface Row {
  kind: 'segment' | 'total';
  panel: string;
  panel_order: number;
  strategy: string;
  label: string;
  order: number;
  category?: CostCategory;
  /** Position of the category in COST_CATEGORIES: fixes the stacking order. */
  category_order?: number;
  usd?: number;
  x?: number;
  text?: string;
  color?: string;
}

export function monthlySpendChart(projection: Projection): TopLevelSpec {
  const infos = strategyInfos(projection);
  const horizon = Math.max(1, ...projection.strategies.map((s) => s.monthly.length));
  const months = horizon > 1 ? [1, horizon] : [1];
  const rows: Row[] = [];
  const cats = new Set<string>();
  let max = 0;

  months.forEach((month, panelOrder) => {
    const anyLabel = projection.strategies.flatMap((s) => s.monthly).find((m) => m.month === month)?.label;
    const panel = `${anyLabel ? monthName(anyLabel) : `Month ${month}`} (month ${month})`;
    for (const s of infos) {
      const base = { panel, panel_order: panelOrder, strategy: s.id, label: s.label, order: s.order };
      const m = s.result.monthly.find((x) => x.month === month);
      if (!s.plotted || !m) {
        rows.push({ ...base, kind: 'total', x: 0, text: s.plotted ? 'no data' : 'infeasible: not plotted', color: '#666666' });
        continue;
      }
      for (const [cat, usd] of Object.entries(m.by_category) as [CostCategory, number | null | undefined][]) {
        if (typeof usd !== 'number') continue;
        cats.add(cat);
        rows.push({ ...base, kind: 'segment', category: cat, category_order: COST_CATEGORIES.indexOf(cat), usd });
      }
      const { usd: sum, unpriced } = pricedMonth(m);
      max = Math.max(max, sum);
      const text = unpriced.length > 0 ? `≥ ${formatUsd(sum)} (${unpriced.join(', ')} unpriced)` : formatUsd(sum);
      rows.push({ ...base, kind: 'total', x: sum, text, color: s.color });
    }
  });

  const categories = categoriesPresent(cats);
  const panels = months.length;
  // Room right of the longest bar for its total label (≈ 40% of a panel for "≥ $X (… unpriced)").
  const domainMax = max > 0 ? max * 1.45 : 1;
  const panelWidth = Math.floor((WIDTH - 200) / panels);
  const height = Math.max(90, 34 * infos.length);

  const y = {
    field: 'label',
    type: 'nominal',
    title: null,
    sort: { field: 'order', op: 'min' },
    axis: { labelLimit: 0, labelFontSize: 11 },
  };
  const chart = {
    data: { values: rows },
    facet: {
      column: {
        field: 'panel',
        type: 'nominal',
        title: null,
        sort: { field: 'panel_order', op: 'min' },
        header: { labelFontSize: 12, labelFontWeight: 'bold' },
      },
    },
    spec: {
      width: panelWidth,
      height,
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
              title: 'Spend in the month (USD)',
              scale: { domain: [0, domainMax], nice: false },
              axis: { ...currencyAxis(domainMax), tickCount: 3, grid: true },
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
              { field: 'usd', type: 'quantitative', title: 'USD', format: '$,.2f' },
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
    },
    resolve: { scale: { x: 'shared' } },
  };
  const notes = strategyFootnotes(infos, {
    infeasible: 'not plotted',
    lowerBound: 'the bar shows the priced categories only, a lower bound.',
  });
  notes.push('One-time costs are not included here; see cumulative-cost.');
  return withFootnotes(chartTitle(projection, 'monthly spend by cost category, first and last month'), chart, notes, WIDTH);
}
