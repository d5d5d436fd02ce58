/**
 * latency-breakdown: the median (p50) of each latency component per strategy, stacked in
 * pipeline order; a tick in the strategy's colour marks the end-to-end p95, and the p95 SLO is a
 * vertical rule. The stacked medians do not add up to the end-to-end median exactly (medians of
 * skewed components are not additive); the bar shows where the time goes, the tick what to
 * compare with the SLO.
 *
 * With a time-to-first-token target (latency.slo_ttft_p95_ms), that target is a second rule
 * (dotted) and each strategy's TTFT p95 a diamond on its row, named in its label ("p95 7,103 ms
 * · TTFT 2,539 ms"): the two targets a streaming product is held to, side by side. Components
 * too short to see (under 2 px in every bar) leave the legend; a footnote names them.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Projection } from '../../model/types.js';
import { dejavuTextWidth } from '../../render/dejavu-metrics.js';
import {
  SLO_COLOR,
  visibleKeys,
  WIDTH,
  chartTitle,
  componentScale,
  formatMs,
  infeasibleRowText,
  haloText,
  orderComponents,
  sloP95Ms,
  ttftTargetMs,
  strategyFootnotes,
  strategyInfos,
  withFootnotes,
} from './common.js';

/** Offset of a p95 label from its tick, and the white box's padding around the label (px). */
const LABEL_DX_PX = 6;
const BOX_PAD_PX = 3;

export function latencyBreakdownChart(projection: Projection): TopLevelSpec {
  const infos = strategyInfos(projection);
  const slo = sloP95Ms(projection);
  const ttftTarget = ttftTargetMs(projection);
  const names = new Set<string>();
  for (const s of infos) for (const n of Object.keys(s.result.per_query.latency_ms?.components ?? {})) names.add(n);
  const components = orderComponents(names);
  const rows: Record<string, string | number>[] = [];
  const plotWidth = WIDTH - 190;
  let max = Math.max(slo ?? 0, ttftTarget ?? 0);
  for (const s of infos) {
    const base = { strategy: s.id, label: s.label, order: s.order };
    const lat = s.result.per_query.latency_ms;
    if (!s.plotted || !lat) {
      rows.push({ ...base, kind: 'note', x: 0, text: s.plotted ? 'no latency estimate' : '' });
      continue;
    }
    let sum = 0;
    for (const name of components) {
      const c = lat.components[name];
      if (!c) continue;
      sum += c.p50;
      rows.push({ ...base, kind: 'segment', component: name, component_order: components.indexOf(name), ms: c.p50 });
    }
    max = Math.max(max, sum, lat.p95);
    const ttft = ttftTarget !== null ? ` · TTFT ${formatMs(lat.ttft_p95)}` : '';
    rows.push({ ...base, kind: 'p95', x: lat.p95, text: `p95 ${formatMs(lat.p95)}${ttft}`, color: s.color });
    if (ttftTarget !== null) rows.push({ ...base, kind: 'ttft', x: lat.ttft_p95, color: s.color });
  }
  const domainMax = max > 0 ? max * 1.3 : 1;
  // A "—" row's reason, cut to the plot (the whole reason is in the footnote).
  const roomPx = plotWidth - 8;
  for (const row of rows) {
    const s = row.kind === 'note' && row.text === '' ? infos.find((i) => i.id === row.strategy) : undefined;
    if (s) row.text = infeasibleRowText(s.result, roomPx, 'normal');
  }
  // Each p95 label sits on a white box, drawn over the SLO rule, so the dashes never run
  // through its text. The box spans the label's measured width (DejaVu Sans bold 11 px).
  const msPerPx = domainMax / plotWidth;
  for (const row of rows.filter((r) => r.kind === 'p95')) {
    const x = (row.x as number) + LABEL_DX_PX * msPerPx - BOX_PAD_PX * msPerPx;
    const width = (dejavuTextWidth(String(row.text), 11, 'bold') + 2 * BOX_PAD_PX) * msPerPx;
    rows.push({ strategy: row.strategy as string, label: row.label as string, order: row.order as number, kind: 'label_box', x, x2: x + width });
  }
  const { visible, hidden } = visibleKeys(
    components,
    rows.filter((r) => r.kind === 'segment').map((r) => ({ key: String(r.component), value: Number(r.ms) })),
    msPerPx,
  );
  const y = { field: 'label', type: 'nominal', title: null, sort: { field: 'order', op: 'min' }, axis: { labelLimit: 0 } };
  const x = {
    field: 'ms',
    type: 'quantitative',
    title: 'Latency per query (ms)',
    scale: { domain: [0, domainMax], nice: false },
    axis: { format: ',.0f', tickCount: 6 },
  };
  const height = Math.max(90, 40 * infos.length);
  const layer: Record<string, unknown>[] = [
    {
      transform: [{ filter: { field: 'kind', equal: 'segment' } }],
      mark: { type: 'bar', stroke: '#FFFFFF', strokeWidth: 0.5, height: { band: 0.6 } },
      encoding: {
        y,
        x: { ...x, stack: 'zero' },
        color: {
          field: 'component',
          type: 'nominal',
          title: 'Component (p50)',
          scale: componentScale(components),
          legend: { orient: 'bottom', direction: 'horizontal', columns: 4, values: visible },
        },
        order: { field: 'component_order', type: 'quantitative' },
        tooltip: [
          { field: 'strategy', type: 'nominal', title: 'Strategy' },
          { field: 'component', type: 'nominal', title: 'Component' },
          { field: 'ms', type: 'quantitative', title: 'p50 (ms)', format: ',.0f' },
        ],
      },
    },
    {
      transform: [{ filter: { field: 'kind', equal: 'p95' } }],
      mark: { type: 'tick', thickness: 3, size: 30, orient: 'vertical', opacity: 1 },
      encoding: {
        y,
        x: { field: 'x', type: 'quantitative' },
        color: { field: 'color', type: 'nominal', scale: null },
      },
    },
    {
      transform: [{ filter: { field: 'kind', equal: 'ttft' } }],
      mark: { type: 'point', shape: 'diamond', size: 90, filled: true, opacity: 1, stroke: '#FFFFFF', strokeWidth: 1 },
      encoding: {
        y,
        x: { field: 'x', type: 'quantitative' },
        color: { field: 'color', type: 'nominal', scale: null },
      },
    },
    {
      transform: [{ filter: { field: 'kind', equal: 'label_box' } }],
      mark: { type: 'bar', color: '#FFFFFF', height: { band: 0.5 } },
      encoding: { y, x: { field: 'x', type: 'quantitative' }, x2: { field: 'x2' } },
    },
    ...haloText({
      transform: [{ filter: { field: 'kind', equal: 'p95' } }],
      mark: { type: 'text', align: 'left', baseline: 'middle', dx: LABEL_DX_PX, fontSize: 11, fontWeight: 'bold' },
      encoding: {
        y,
        x: { field: 'x', type: 'quantitative' },
        text: { field: 'text', type: 'nominal' },
        color: { field: 'color', type: 'nominal', scale: null },
      },
    }),
    // On a white outline: a "—" row's reason crosses the target rules and stays legible.
    ...haloText({
      transform: [{ filter: { field: 'kind', equal: 'note' } }],
      mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, fontSize: 11, color: '#666666' },
      encoding: { y, x: { field: 'x', type: 'quantitative' }, text: { field: 'text', type: 'nominal' } },
    }),
  ];
  if (slo !== null) {
    const sloRow = [{ x: slo, text: `SLO p95 ${formatMs(slo)}` }];
    layer.unshift(
      {
        data: { values: sloRow },
        mark: { type: 'rule', color: SLO_COLOR, strokeWidth: 2, strokeDash: [6, 3] },
        encoding: { x: { field: 'x', type: 'quantitative' } },
      },
      {
        data: { values: sloRow },
        mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 4, y: -4, fontSize: 11, fontWeight: 'bold', color: SLO_COLOR },
        encoding: { x: { field: 'x', type: 'quantitative' }, text: { field: 'text', type: 'nominal' } },
      },
    );
  }
  if (ttftTarget !== null) {
    // One row above the SLO's label, so the two never overlap however close the targets are.
    const ttftRow = [{ x: ttftTarget, text: `TTFT target p95 ${formatMs(ttftTarget)}` }];
    layer.unshift(
      {
        data: { values: ttftRow },
        mark: { type: 'rule', color: SLO_COLOR, strokeWidth: 2, strokeDash: [2, 3] },
        encoding: { x: { field: 'x', type: 'quantitative' } },
      },
      {
        data: { values: ttftRow },
        mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 4, y: slo !== null ? -19 : -4, fontSize: 11, fontWeight: 'bold', color: SLO_COLOR },
        encoding: { x: { field: 'x', type: 'quantitative' }, text: { field: 'text', type: 'nominal' } },
      },
    );
  }
  const chart = { width: plotWidth, height, data: { values: rows }, layer };
  const notes = strategyFootnotes(infos, {
    infeasible: 'shown as —, no bar',
    lowerBound: 'its latency is unaffected.',
  }).filter((n) => !n.includes('has unpriced items'));
  notes.push(
    ttftTarget !== null
      ? 'Bars: median (p50) of each component, stacked; tick: end-to-end p95 (compare it with the SLO, dashed); diamond: time to first token, p95 (compare it with the TTFT target, dotted).'
      : 'Bars: median (p50) of each component, stacked; tick: end-to-end p95 (compare it with the SLO).',
  );
  if (hidden.length > 0) {
    notes.push(`Too short to see at this scale, so not in the legend: ${hidden.map((h) => `${h.key} (at most ${formatMs(h.max)})`).join(', ')}.`);
  }
  if (slo === null) notes.push('No latency SLO in the scenario (latency.slo_p95_ms).');
  return withFootnotes(chartTitle(projection, 'latency per query by component'), chart, notes, WIDTH);
}
