/**
 * summary (batch runs): total cost over each scenario's horizon, one panel per scenario, one bar
 * per strategy. Each panel has its own scale (scenarios differ by orders of magnitude). Strategy
 * colours use the same slots as the scenario charts (the four kinds fixed, other ids in order of
 * first appearance across the batch), so a kind has one colour everywhere.
 *
 * A batch of hundreds of scenarios would make one chart tens of thousands of pixels tall (v0.1:
 * 1654 × 39,310 px for 100), so the CLI draws only the costliest `SUMMARY_CHART_SCENARIOS` and
 * passes `shown`: the subtitle then says how many of how many are drawn, each panel keeps its
 * number in the batch, and every scenario stays in summary.md's table.
 */
import type { TopLevelSpec } from 'vega-lite';
import { pricesDated } from '../../format.js';
import type { Projection } from '../../model/types.js';
import { WIDTH, currencyAxis, formatUsd, pricedTotal, strategyColor, strategyColorSlots, strategyInfos, fitTitle, withFootnotes } from './common.js';

interface SummaryOptions {
  /** 1-based number of each projection in the batch (default 1, 2, 3, …). */
  numbers?: readonly number[];
  /** Scenarios in the batch (default: as many as drawn). */
  total?: number;
}

export function summaryChart(projections: readonly Projection[], options: SummaryOptions = {}): TopLevelSpec {
  const total = options.total ?? projections.length;
  const slots = strategyColorSlots(projections.flatMap((p) => p.strategies.map((s) => s.id)));
  const colorOf = (id: string): string => strategyColor(slots.get(id) ?? 0);
  const ids = [...new Set(projections.flatMap((p) => p.strategies.map((s) => s.id)))];
  // One panel (a view of its own, with its own data and scales) per scenario: scenarios differ by
  // orders of magnitude, and a facet with per-layer data cannot resolve independent scales cleanly.
  const notes: string[] = [];
  // Legend: only strategies drawn somewhere (feasible in some scenario), in colour-slot order.
  const plottedIds = new Set(projections.flatMap((p) => p.strategies.filter((s) => s.feasible).map((s) => s.id)));
  const shown = ids.filter((id) => plottedIds.has(id)).sort((x, y) => (slots.get(x) ?? 0) - (slots.get(y) ?? 0));
  const legendScale = { domain: shown, range: shown.map(colorOf) };
  const panels = projections.map((p, pi) => {
    const infos = strategyInfos(p);
    // Both layers read the same rows (bar: `usd`, null when not drawn; label: `x` and `text`).
    const rows: Record<string, string | number | null>[] = [];
    let max = 0;
    for (const s of infos) {
      const base = { strategy: s.id, label: s.label, order: s.order };
      if (!s.plotted) {
        rows.push({ ...base, usd: null, x: 0, text: '— cannot run (reason in its report)', color: '#666666' });
        continue;
      }
      const t = pricedTotal(s.result);
      max = Math.max(max, t.usd);
      rows.push({ ...base, usd: t.usd, x: t.usd, text: `${t.lowerBound ? '≥ ' : ''}${formatUsd(t.usd)}`, color: colorOf(s.id) });
      if (t.lowerBound) notes.push(`${p.scenario.name}: ${s.id} has unpriced items (${s.result.unpriced.join(', ')}); its bar is a lower bound.`);
    }
    if (p.verdict.recommended === null) notes.push(`${p.scenario.name}: no strategy is feasible, meets every target and is fully priced.`);
    // Room right of the longest bar for its label.
    const domainMax = max > 0 ? max * 1.3 : 1;
    const yAxis = { field: 'label', type: 'nominal', title: null, sort: { field: 'order', op: 'min' }, axis: { labelLimit: 0 } };
    return {
      title: { text: fitTitle(`${options.numbers?.[pi] ?? pi + 1}. ${p.scenario.name} (${p.scenario.horizon_months} months)`, 13, WIDTH - 220), anchor: 'start', frame: 'group', fontSize: 13 },
      width: WIDTH - 220,
      height: { step: 26 },
      data: { values: rows },
      layer: [
        {
          mark: { type: 'bar', height: { band: 0.7 } },
          encoding: {
            y: yAxis,
            x: {
              field: 'usd',
              type: 'quantitative',
              title: 'Total over the horizon, one-time costs included (USD)',
              // One bar per strategy: nothing to stack (and no stack-order expression, which
              // vega-lite would build from the strategy ids).
              stack: null,
              axis: { ...currencyAxis(domainMax), tickCount: 4 },
              scale: { domain: [0, domainMax], nice: false },
            },
            color: {
              field: 'strategy',
              type: 'nominal',
              title: 'Strategy',
              scale: legendScale,
              legend: { orient: 'bottom', direction: 'horizontal', columns: 4 },
            },
            tooltip: [
              { field: 'strategy', type: 'nominal', title: 'Strategy' },
              { field: 'usd', type: 'quantitative', title: 'Total USD', format: '$,.0f' },
            ],
          },
        },
        {
          mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, fontSize: 11, fontWeight: 'bold' },
          encoding: {
            y: yAxis,
            x: { field: 'x', type: 'quantitative' },
            text: { field: 'text', type: 'nominal' },
            color: { field: 'color', type: 'nominal', scale: null },
          },
        },
      ],
    };
  });
  const chart = { vconcat: panels, spacing: 22, resolve: { scale: { x: 'independent', y: 'independent', color: 'shared' } } };
  const dates = [...new Set(projections.map((p) => pricesDated(p)))].sort();
  const title = {
    text: 'Scenario comparison: total cost per strategy',
    subtitle: [
      total > projections.length
        ? `the ${projections.length} costliest of ${total} scenarios (recommended strategy's total; every scenario is in summary.md) · each panel on its own scale · prices dated ${dates.join('; ') || 'n/a'}`
        : `${projections.length} scenario${projections.length === 1 ? '' : 's'} · each panel on its own scale · prices dated ${dates.join('; ') || 'n/a'}`,
    ],
  };
  notes.push('A strategy that cannot run (infeasible) is listed with "—" and no bar; each scenario\'s report gives the reason.');
  return withFootnotes(title, chart, notes, WIDTH);
}
