/**
 * latency-distribution: the CDF of end-to-end latency per strategy (share of queries answered
 * within x ms), the p95 SLO as a vertical rule and the 95th percentile as a horizontal guide:
 * a line that crosses the guide left of the SLO meets it.
 *
 * Reads `latency_ms.cdf` (`[{ ms, p }]`, optional) when the latency model provides it; without
 * it the chart draws the three percentiles it has (p50, p95, p99) joined by straight segments
 * and says so in a footnote (nothing is invented between them).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { LatencySummary, Projection } from '../../model/types.js';
import {
  SLO_COLOR,
  WIDTH,
  chartTitle,
  formatMs,
  sloP95Ms,
  strategyFootnotes,
  strategyInfos,
  strategyScale,
  withFootnotes,
} from './common.js';

/** The optional distribution the latency model may add to LatencySummary. */
type WithCdf = LatencySummary & { cdf?: readonly { ms: number; p: number }[] };

function cdfPoints(lat: WithCdf): { points: { ms: number; p: number }[]; full: boolean } {
  const cdf = lat.cdf?.filter((q) => Number.isFinite(q.ms) && Number.isFinite(q.p) && q.p >= 0 && q.p <= 1);
  if (cdf && cdf.length >= 2) return { points: [...cdf].sort((a, b) => a.p - b.p || a.ms - b.ms), full: true };
  return { points: [ { ms: lat.p50, p: 0.5 }, { ms: lat.p95, p: 0.95 }, { ms: lat.p99, p: 0.99 } ], full: false };
}

export function latencyDistributionChart(projection: Projection): TopLevelSpec {
  const infos = strategyInfos(projection);
  const slo = sloP95Ms(projection);
  const drawn = infos.filter((s) => s.plotted && s.result.per_query.latency_ms);
  const rows: { strategy: string; label: string; order: number; ms: number; p: number; i: number }[] = [];
  const partial: string[] = [];
  let max = slo ?? 0;
  let min = Infinity;
  for (const s of drawn) {
    const lat = s.result.per_query.latency_ms as WithCdf;
    const { points, full } = cdfPoints(lat);
    if (!full) partial.push(s.id);
    points.forEach((q, i) => {
      max = Math.max(max, q.ms);
      min = Math.min(min, q.ms);
      rows.push({ strategy: s.id, label: s.label, order: s.order, ms: q.ms, p: q.p, i });
    });
  }
  const domainMax = max > 0 ? max * 1.08 : 1;
  // Start near the fastest query rather than at 0: the shape of the curves is what matters here.
  const step = domainMax > 5000 ? 1000 : 500;
  const domainMin = Math.max(0, Math.floor((Math.min(min, slo ?? min) * 0.85) / step) * step);
  const x = { field: 'ms', type: 'quantitative', title: 'End-to-end latency (ms)', scale: { domain: [domainMin, domainMax], nice: false, zero: false }, axis: { format: ',.0f', tickCount: 8 } };
  const y = { field: 'p', type: 'quantitative', title: 'Share of queries answered within', scale: { domain: [0, 1] }, axis: { format: '.0%', values: [0, 0.25, 0.5, 0.75, 0.95] } };
  const layer: Record<string, unknown>[] = [
    {
      data: { values: [{ p: 0.95, text: '95th percentile' }] },
      mark: { type: 'rule', color: '#999999', strokeDash: [2, 3] },
      encoding: { y: { field: 'p', type: 'quantitative' } },
    },
    {
      data: { values: rows },
      mark: { type: 'line', strokeWidth: 2.5, point: partial.length > 0 ? { filled: true, size: 30 } : false },
      encoding: {
        x,
        y,
        color: {
          field: 'label',
          type: 'nominal',
          title: 'Strategy',
          scale: strategyScale(drawn),
          legend: { orient: 'bottom', direction: 'horizontal', columns: 2, symbolType: 'stroke', symbolStrokeWidth: 3 },
        },
        order: { field: 'i', type: 'quantitative' },
        tooltip: [
          { field: 'strategy', type: 'nominal', title: 'Strategy' },
          { field: 'ms', type: 'quantitative', title: 'ms', format: ',.0f' },
          { field: 'p', type: 'quantitative', title: 'Share', format: '.1%' },
        ],
      },
    },
  ];
  if (slo !== null) {
    // The label sits at the foot of the rule, where the curves have not yet risen.
    const sloRow = [{ ms: slo, p: 0.02, text: `SLO p95 ${formatMs(slo)}` }];
    layer.push(
      {
        data: { values: sloRow },
        mark: { type: 'rule', color: SLO_COLOR, strokeWidth: 2, strokeDash: [6, 3] },
        encoding: { x: { field: 'ms', type: 'quantitative' } },
      },
      {
        data: { values: sloRow },
        mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 5, fontSize: 11, fontWeight: 'bold', color: SLO_COLOR },
        encoding: { x: { field: 'ms', type: 'quantitative' }, y: { field: 'p', type: 'quantitative' }, text: { field: 'text', type: 'nominal' } },
      },
    );
  }
  const chart = { width: WIDTH, height: 300, layer };
  const notes = strategyFootnotes(infos, { infeasible: 'no line', lowerBound: '' }).filter((n) => !n.includes('has unpriced items'));
  for (const s of infos) {
    if (s.plotted && !s.result.per_query.latency_ms) notes.push(`${s.id}: no latency estimate, not plotted.`);
  }
  if (partial.length > 0) {
    notes.push(`${partial.join(', ')}: only p50, p95 and p99 are known; the points are joined by straight lines.`);
  }
  return withFootnotes(chartTitle(projection, 'distribution of end-to-end latency'), chart, notes, WIDTH);
}
