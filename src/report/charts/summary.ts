/**
 * summary (batch runs): total cost over each scenario's horizon, one panel per scenario, one bar
 * per strategy. Each panel has its own scale (scenarios differ by orders of magnitude). Strategy
 * colours use the same slots as the scenario charts (the four kinds fixed, other ids in order of
 * first appearance across the batch), so a kind has one colour everywhere.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Projection } from '../../model/types.js';
import { WIDTH, formatUsd, pricedTotal, strategyColor, strategyColorSlots, strategyInfos, withFootnotes } from './common.js';

export function summaryChart(projections: readonly Projection[]): TopLevelSpec {
  const slots = strategyColorSlots(projections.flatMap((p) => p.strategies.map((s) => s.id)));
  const colorOf = (id: string): string => strategyColor(slots.get(id) ?? 0);
  const ids = [...new Set(projections.flatMap((p) => p.strategies.map((s) => s.id)))];
  const rows: Record<string, string | number>[] = [];
  const plottedIds = new Set<string>();
  const notes: string[] = [];
  projections.forEach((p, pi) => {
    // Numbered so that two scenarios with the same name stay two panels.
    const scenario = `${pi + 1}. ${p.scenario.name} (${p.scenario.horizon_months} months)`;
    const infos = strategyInfos(p);
    for (const s of infos) {
      const base = { scenario, scenario_order: pi, strategy: s.id, label: s.label, order: s.order };
      if (!s.plotted) {
        rows.push({ ...base, kind: 'total', x: 0, text: 'infeasible: not plotted', color: '#666666' });
        continue;
      }
      const t = pricedTotal(s.result);
      rows.push({ ...base, kind: 'bar', usd: t.usd });
      plottedIds.add(s.id);
      rows.push({ ...base, kind: 'total', x: t.usd, text: `${t.lowerBound ? '≥ ' : ''}${formatUsd(t.usd)}`, color: colorOf(s.id) });
      if (t.lowerBound) notes.push(`${p.scenario.name}: ${s.id} has unpriced items (${s.result.unpriced.join(', ')}); its bar is a lower bound.`);
    }
    if (p.verdict.recommended === null) notes.push(`${p.scenario.name}: no strategy is feasible, meets every target and is fully priced.`);
  });
  // Colour by first appearance in the batch; the legend lists only strategies drawn somewhere.
  const shown = ids.filter((id) => plottedIds.has(id));
  const legendScale = { domain: shown, range: shown.map(colorOf) };
  const yAxis = { field: 'label', type: 'nominal', title: null, sort: { field: 'order', op: 'min' }, axis: { labelLimit: 0 } };
  const chart = {
    data: { values: rows },
    facet: {
      row: {
        field: 'scenario',
        type: 'nominal',
        title: null,
        sort: { field: 'scenario_order', op: 'min' },
        header: { labelAngle: 0, labelAnchor: 'start', labelOrient: 'top', labelFontSize: 13, labelFontWeight: 'bold', labelLimit: 0 },
      },
    },
    spec: {
      width: WIDTH - 220,
      height: { step: 26 },
      layer: [
        {
          transform: [{ filter: { field: 'kind', equal: 'bar' } }],
          mark: { type: 'bar', height: { band: 0.7 } },
          encoding: {
            y: yAxis,
            x: {
              field: 'usd',
              type: 'quantitative',
              title: 'Total over the horizon, one-time costs included (USD)',
              axis: { format: '$,.0f', tickCount: 4 },
              scale: { zero: true },
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
          transform: [{ filter: { field: 'kind', equal: 'total' } }],
          mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, fontSize: 11, fontWeight: 'bold' },
          encoding: {
            y: yAxis,
            x: { field: 'x', type: 'quantitative' },
            text: { field: 'text', type: 'nominal' },
            color: { field: 'color', type: 'nominal', scale: null },
          },
        },
      ],
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
  };
  const dates = [...new Set(projections.map((p) => p.catalog.as_of))].sort();
  const title = {
    text: 'Scenario comparison: total cost per strategy',
    subtitle: [`${projections.length} scenario${projections.length === 1 ? '' : 's'} · each panel on its own scale · catalog prices as of ${dates.join(', ') || 'n/a'}`],
  };
  notes.push('Infeasible strategies are listed but not plotted; see each scenario\'s report for the reasons.');
  return withFootnotes(title, chart, notes, WIDTH);
}
