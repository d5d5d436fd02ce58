/**
 * cost-per-query: what one query costs under each strategy, stacked by cost category, in two
 * panels on one scale:
 *
 * - marginal: the per-query line items only (tokens, retrieval reads): what one more query adds;
 * - all-in, month 1: that month's whole spend (per-query items plus the monthly ones: hosting,
 *   storage, retraining, plan minimums) divided by that month's queries. A self-hosted strategy
 *   pays for its GPUs by the month, so its marginal cost is $0 and only this panel shows what a
 *   query costs it. Month 1 because it is the month the launch decision is made on, and the
 *   dearest one when volume grows (the fixed costs are spread over the fewest queries).
 *
 * One-time costs are in neither (they are in cumulative-cost). The amounts beside the bars are
 * neutral (colour means cost category), and categories too thin to see leave the legend.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { CostCategory, Projection } from '../../model/types.js';
import { COST_CATEGORIES } from '../../model/types.js';
import { formatCount } from '../../format.js';
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
  strategyFootnotes,
  strategyInfos,
  visibleKeys,
  withFootnotes,
} from './common.js';
import { bandNote } from './uncertainty.js';

/** Space between the two panels (px). */
const PANEL_SPACING = 20;
/** The month whose spend the all-in panel spreads over its queries (1-based). */
const ALL_IN_MONTH = 1;

type Row = Record<string, string | number>;

export function costPerQueryChart(projection: Projection): TopLevelSpec {
  const infos = strategyInfos(projection);
  const panelWidth = Math.floor((WIDTH - PANEL_SPACING) / 2);
  const monthLabel = projection.strategies.flatMap((s) => s.monthly).find((m) => m.month === ALL_IN_MONTH)?.label;
  const month = monthLabel ? monthName(monthLabel) : `month ${ALL_IN_MONTH}`;
  const queries = projection.strategies.flatMap((s) => s.monthly).find((m) => m.month === ALL_IN_MONTH)?.queries;
  const panels = [
    { panel: 'Marginal: per-query items', panel_order: 0 },
    { panel: `All-in, ${month}: the month’s spend ÷ its queries`, panel_order: 1 },
  ] as const;
  const rows: Row[] = [];
  const cats = new Set<string>();
  let max = 0;

  const addBar = (panel: (typeof panels)[number], base: Row, byCategory: Partial<Record<CostCategory, number | null>>, divisor: number) => {
    let sum = 0;
    const unpriced: CostCategory[] = [];
    for (const cat of COST_CATEGORIES) {
      const v = byCategory[cat];
      if (v === null) unpriced.push(cat);
      if (typeof v !== 'number') continue;
      const usd = v / divisor;
      cats.add(cat);
      sum += usd;
      rows.push({ ...base, ...panel, kind: 'segment', category: cat, category_order: COST_CATEGORIES.indexOf(cat), usd });
    }
    max = Math.max(max, sum);
    let text = unpriced.length > 0 ? `≥ ${formatUsd(sum, true)} (${unpriced.join(', ')} unpriced)` : formatUsd(sum, true);
    // "$0.0000" read as "free": a self-hosted model bills its GPUs by the month, not by the query.
    if (panel.panel_order === 0 && sum === 0 && unpriced.length === 0) text = '$0: billed by the month, see all-in';
    rows.push({ ...base, ...panel, kind: 'total', x: sum, text, color: LABEL_COLOR });
  };

  for (const s of infos) {
    const base = { strategy: s.id, label: s.label, order: s.order };
    if (!s.plotted) {
      for (const panel of panels) rows.push({ ...base, ...panel, kind: 'total', x: 0, text: infeasibleRowText(s.result, panelWidth - 8), color: ABSENT_COLOR });
      continue;
    }
    addBar(panels[0], base, s.result.per_query.by_category, 1);
    const m = s.result.monthly.find((x) => x.month === ALL_IN_MONTH);
    if (m && m.queries > 0) addBar(panels[1], base, m.by_category, m.queries);
    else rows.push({ ...base, ...panels[1], kind: 'total', x: 0, text: `no queries in ${month}`, color: ABSENT_COLOR });
  }

  // With ranges: a P10–P90 whisker on each marginal bar; the total's label moves past it.
  let whiskers = 0;
  for (const s of infos) {
    const q = s.plotted ? projection.uncertainty?.strategies.find((u) => u.id === s.id)?.per_query_usd : undefined;
    // A range too narrow to show at the label's precision is no range (an input that does not move per-query cost).
    if (!q || formatUsd(q.p10, true) === formatUsd(q.p90, true)) continue;
    whiskers++;
    rows.push({ strategy: s.id, label: s.label, order: s.order, ...panels[0], kind: 'whisker', p10: q.p10, p90: q.p90 });
    max = Math.max(max, q.p90);
    const total = rows.find((r) => r.kind === 'total' && r.strategy === s.id && r.panel_order === 0);
    if (total) {
      total.x = Math.max(Number(total.x), q.p90);
      total.text = `${total.text} (P10–P90 ${formatUsd(q.p10, true)}–${formatUsd(q.p90, true)})`;
    }
  }
  const categories = categoriesPresent(cats);
  const domainMax = max > 0 ? max * (whiskers > 0 ? 1.9 : 1.45) : 1;
  const { visible, hidden } = visibleKeys(
    categories,
    rows.filter((r) => r.kind === 'segment').map((r) => ({ key: String(r.category), value: Number(r.usd) })),
    domainMax / panelWidth,
  );
  const y = { field: 'label', type: 'nominal', title: null, sort: { field: 'order', op: 'min' }, axis: { labelLimit: 0 } };
  const xTitle = 'Cost per query (USD)';
  const layer = categoryBarLayers({
    y,
    xTitle,
    domainMax,
    perQuery: true,
    categories,
    visible,
    tooltipUsd: { title: 'USD per query', format: '$,.6f' },
  });
  if (whiskers > 0) {
    layer.splice(1, 0, {
      transform: [{ filter: { field: 'kind', equal: 'whisker' } }],
      mark: { type: 'errorbar', ticks: { size: 10 }, color: '#222222', thickness: 1.5 },
      encoding: { y, x: { field: 'p10', type: 'quantitative', title: xTitle }, x2: { field: 'p90' } },
    });
  }
  const chart = {
    data: { values: rows },
    facet: PANEL_FACET,
    spec: { width: panelWidth, height: Math.max(90, 34 * infos.length), layer },
    spacing: PANEL_SPACING,
    resolve: { scale: { x: 'shared' } },
  };
  const notes = strategyFootnotes(infos, {
    infeasible: 'shown as —, no bar',
    lowerBound: 'the bar shows the priced categories only, a lower bound.',
  });
  if (whiskers > 0) notes.push(bandNote(projection, 'Whiskers (marginal panel)'));
  const volume = typeof queries === 'number' ? ` (${formatCount(queries)} queries)` : '';
  notes.push(
    `Marginal: what one more query adds (tokens, retrieval reads). All-in: everything billed in ${month}${volume}, monthly items included (hosting, storage, retraining, plan minimums), divided by its queries; one-time costs are in cumulative-cost.`,
  );
  if (hidden.length > 0) {
    notes.push(`Too small to see at this scale, so not in the legend: ${hidden.map((h) => `${h.key} (${h.max < 1e-5 ? 'under $0.00001' : `at most ${formatUsd(h.max, true)}`} a query)`).join(', ')}.`);
  }
  return withFootnotes(chartTitle(projection, `cost per query, marginal and all-in (${month})`), chart, notes, WIDTH);
}
