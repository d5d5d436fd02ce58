/**
 * monthly-spend: one month's spend per strategy, stacked by cost category.
 *
 * Which month: the first and the last month of the horizon, side by side on one scale. A
 * finance reader wants two numbers from this chart: the run-rate at launch (month 1) and the
 * run-rate the budget must carry at the end of the horizon, after growth (month N). One-time
 * costs are not in either (they are in cumulative-cost). With a 1-month horizon there is one panel.
 *
 * Colour means cost category only: the amount beside each bar is neutral (a green "$4,079"
 * beside a bar read as "training"). A category too thin to see in every bar leaves the legend
 * and is named in a footnote. The panels share the chart's width, which does not grow with the
 * number of strategies (only the height does), and the title wraps at that width.
 * A strategy that cannot run gets "—" and the reason in its row, not a bar.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { CostCategory, Projection } from '../../model/types.js';
import { COST_CATEGORIES } from '../../model/types.js';
import {
  ABSENT_COLOR,
  LABEL_COLOR,
  PANEL_FACET,
  WIDTH,
  categoriesPresent,
  categoryBarLayers,
  chartTitle,
  formatUsd,
  infeasibleRowText,
  monthName,
  pricedMonth,
  strategyFootnotes,
  strategyInfos,
  visibleKeys,
  withFootnotes,
} from './common.js';

/** Space between the facet panels (px, vega-lite's default facet spacing). */
const PANEL_SPACING = 20;

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
  const panels = months.length;
  // The panels together are WIDTH px wide, like the other charts' plots.
  const panelWidth = Math.floor((WIDTH - PANEL_SPACING * (panels - 1)) / panels);
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
        const text = s.plotted ? 'no data' : infeasibleRowText(s.result, panelWidth - 8);
        rows.push({ ...base, kind: 'total', x: 0, text, color: ABSENT_COLOR });
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
      rows.push({ ...base, kind: 'total', x: sum, text, color: LABEL_COLOR });
    }
  });

  const categories = categoriesPresent(cats);
  // Room right of the longest bar for its total label (≈ 40% of a panel for "≥ $X (… unpriced)").
  const domainMax = max > 0 ? max * 1.45 : 1;
  const height = Math.max(90, 34 * infos.length);
  const { visible, hidden } = visibleKeys(
    categories,
    rows.filter((r) => r.kind === 'segment').map((r) => ({ key: r.category ?? '', value: r.usd ?? 0 })),
    domainMax / panelWidth,
  );

  const y = {
    field: 'label',
    type: 'nominal',
    title: null,
    sort: { field: 'order', op: 'min' },
    axis: { labelLimit: 0, labelFontSize: 11 },
  };
  const chart = {
    data: { values: rows },
    facet: PANEL_FACET,
    spec: {
      width: panelWidth,
      height,
      layer: categoryBarLayers({
        y,
        xTitle: 'Spend in the month (USD)',
        domainMax,
        perQuery: false,
        categories,
        visible,
        tooltipUsd: { title: 'USD', format: '$,.2f' },
      }),
    },
    spacing: PANEL_SPACING,
    resolve: { scale: { x: 'shared' } },
  };
  const notes = strategyFootnotes(infos, {
    infeasible: 'shown as —, no bar',
    lowerBound: 'the bar shows the priced categories only, a lower bound.',
  });
  if (hidden.length > 0) notes.push(tooThinNote(hidden));
  notes.push('One-time costs are not included here; see cumulative-cost.');
  return withFootnotes(chartTitle(projection, 'monthly spend by cost category, first and last month'), chart, notes, WIDTH);
}

/** The footnote naming the categories too thin to see, each with its largest monthly amount. */
function tooThinNote(hidden: readonly { key: string; max: number }[]): string {
  const list = hidden.map((h) => `${h.key} (${h.max < 1 ? 'under $1' : `at most ${formatUsd(h.max)}`} a month)`).join(', ');
  return `Too small to see at this scale, so not in the legend: ${list}.`;
}
