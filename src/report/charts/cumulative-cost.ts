/**
 * cumulative-cost: what each strategy has cost so far, with one-time costs at the start (x = 0,
 * "Start") and each month's spend added at its end. Where two fully priced lines cross, the
 * crossover is marked with a point and a label naming the strategy that becomes cheaper and the
 * month: the break-even a finance reader asks about.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Projection } from '../../model/types.js';
import {
  WIDTH,
  chartTitle,
  currencyAxis,
  cumulativeSeries,
  formatUsd,
  haloText,
  monthAxisLabelExpr,
  monthLabelAt,
  monthTicks,
  strategyFootnotes,
  strategyInfos,
  strategyScale,
  withFootnotes,
} from './common.js';
import { bandNote, fanLayer, fanMax } from './uncertainty.js';

export interface Crossover {
  /** Fractional month (0 = start) where the two cumulative lines meet, linearly interpolated. */
  x: number;
  usd: number;
  /** The strategy that is cheaper after the crossover, and the one it overtakes. */
  cheaper: string;
  other: string;
  /** First month whose end has the new order (1-based; 0 never: x > 0). */
  month: number;
}

/**
 * Crossovers between every pair of series (cumulative USD at x = 0..n): where the difference
 * changes sign. The point is linearly interpolated between the two month ends around it; when
 * the lines touch exactly at a month end and then part the other way, the crossover is there.
 * Touching without changing order is not a crossover.
 */
export function findCrossovers(series: readonly { id: string; usd: readonly number[] }[]): Crossover[] {
  const out: Crossover[] = [];
  for (let i = 0; i < series.length; i++) {
    for (let j = i + 1; j < series.length; j++) {
      const a = series[i];
      const b = series[j];
      if (!a || !b) continue;
      const n = Math.min(a.usd.length, b.usd.length);
      const diff = (k: number): number => (a.usd[k] ?? 0) - (b.usd[k] ?? 0);
      for (let k = 0; k + 1 < n; k++) {
        const d0 = diff(k);
        if (d0 === 0) continue;
        let next = k + 1;
        while (next < n && diff(next) === 0) next++;
        if (next >= n || Math.sign(diff(next)) === Math.sign(d0)) continue;
        // a was dearer before (d0 > 0) → a is the cheaper one after.
        const cheaperIsA = d0 > 0;
        let x: number;
        let usd: number;
        if (next === k + 1) {
          const t = d0 / (d0 - diff(k + 1));
          const a0 = a.usd[k] ?? 0;
          const a1 = a.usd[k + 1] ?? 0;
          x = k + t;
          usd = a0 + t * (a1 - a0);
        } else {
          x = k + 1;
          usd = a.usd[k + 1] ?? 0;
        }
        out.push({ x, usd, cheaper: cheaperIsA ? a.id : b.id, other: cheaperIsA ? b.id : a.id, month: Math.ceil(x) });
      }
    }
  }
  return out.sort((p, q) => p.x - q.x || p.cheaper.localeCompare(q.cheaper));
}

export function cumulativeCostChart(projection: Projection): TopLevelSpec {
  const infos = strategyInfos(projection);
  const plotted = infos.filter((s) => s.plotted);
  const lines: { strategy: string; label: string; order: number; month: number; usd: number; style: string }[] = [];
  const complete: { id: string; usd: number[] }[] = [];
  let max = 0;
  let lastMonth = 1;
  for (const s of plotted) {
    const c = cumulativeSeries(s.result);
    c.usd.forEach((usd, month) => {
      max = Math.max(max, usd);
      lastMonth = Math.max(lastMonth, month);
      lines.push({ strategy: s.id, label: s.label, order: s.order, month, usd, style: s.eligible ? 'solid' : 'dashed' });
    });
    if (!c.lowerBound) complete.push({ id: s.id, usd: c.usd });
  }
  const crossovers = findCrossovers(complete).map((c, i) => ({
    x: c.x,
    usd: c.usd,
    // The short label sits at the point; the sentence naming both strategies is a footnote.
    label: `crossover ${monthLabelAt(projection.scenario.start_month, c.month)}`,
    text: `${c.cheaper} becomes cheaper in total than ${c.other} from ${monthLabelAt(projection.scenario.start_month, c.month)}`,
    // Neighbouring crossovers alternate their distance below the point (see the text layers).
    stagger: i % 2,
    value: formatUsd(c.usd),
  }));

  const x = {
    field: 'month',
    type: 'quantitative',
    title: 'Spent by the end of the month',
    scale: { domain: [0, lastMonth], nice: false, padding: 12 },
    axis: {
      values: monthTicks(0, lastMonth),
      labelExpr: monthAxisLabelExpr(projection.scenario.start_month, 'Start'),
      labelAngle: lastMonth > 8 ? -40 : 0,
      labelAlign: lastMonth > 8 ? 'right' : 'center',
      grid: false,
    },
  };
  const y = {
    field: 'usd',
    type: 'quantitative',
    title: 'Cumulative cost (USD)',
    scale: { zero: true },
    axis: { ...currencyAxis(max), tickCount: 6 },
  };
  const layer: Record<string, unknown>[] = [
    {
      data: { values: lines },
      mark: { type: 'line', point: { size: 30, filled: true }, strokeWidth: 2.5 },
      encoding: {
        x,
        y,
        color: {
          field: 'label',
          type: 'nominal',
          title: 'Strategy',
          scale: strategyScale(plotted),
          legend: { orient: 'bottom', direction: 'horizontal', columns: 2 },
        },
        strokeDash: {
          field: 'style',
          type: 'nominal',
          scale: { domain: ['solid', 'dashed'], range: [[1, 0], [6, 4]] },
          legend: null,
        },
        order: { field: 'month', type: 'quantitative' },
        tooltip: [
          { field: 'strategy', type: 'nominal', title: 'Strategy' },
          { field: 'month', type: 'quantitative', title: 'Month (0 = start)' },
          { field: 'usd', type: 'quantitative', title: 'Cumulative USD', format: '$,.0f' },
        ],
      },
    },
  ];
  if (crossovers.length > 0) {
    layer.push(
      {
        data: { values: crossovers },
        mark: { type: 'point', shape: 'circle', size: 110, filled: false, stroke: '#222222', strokeWidth: 2 },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'usd', type: 'quantitative' } },
      },
      // Below-right of the point: cumulative lines only rise, so that corner is clear of the two
      // lines that cross there.
      ...[0, 1].flatMap((stagger) =>
        haloText({
          data: { values: crossovers },
          transform: [{ filter: { field: 'stagger', equal: stagger } }],
          mark: { type: 'text', align: 'left', baseline: 'top', dx: 6, dy: 8 + 16 * stagger, fontSize: 11, fontWeight: 'bold', color: '#222222' },
          encoding: {
            x: { field: 'x', type: 'quantitative' },
            y: { field: 'usd', type: 'quantitative' },
            text: { field: 'label', type: 'nominal' },
          },
        }),
      ),
    );
  }
  // With ranges: a P10–P90 band behind each line, on the same scales.
  const fan = fanLayer(projection, plotted, 'cumulative', x, strategyScale(plotted));
  if (fan) {
    y.axis = { ...currencyAxis(Math.max(max, fanMax(projection, 'cumulative', plotted.map((s) => s.id)))), tickCount: 6 };
    layer.unshift(fan);
  }
  const chart = { width: WIDTH, height: 320, layer };
  const notes = strategyFootnotes(infos, {
    infeasible: 'no line',
    lowerBound: 'its line counts priced items only, a lower bound, and is left out of the crossovers.',
  });
  if (plotted.some((s) => !s.eligible)) {
    notes.push('Dashed lines: not eligible for the recommendation (misses a target, or a lower bound because of unpriced items).');
  }
  notes.push('Start = one-time costs (engineering, curation, first training run, initial index); each month adds its spend at its end.');
  for (const c of crossovers) notes.push(`Crossover: ${c.text} (cumulative ${c.value}).`);
  if (fan) notes.push(bandNote(projection));
  return withFootnotes(chartTitle(projection, 'cumulative cost, one-time costs at the start'), chart, notes, WIDTH);
}
