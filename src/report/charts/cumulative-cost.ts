/**
 * cumulative-cost: what each strategy has cost so far, with one-time costs at the start (x = 0,
 * "Start") and each month's spend added at its end. The title states the verdict.
 *
 * Crossovers (where two fully priced lines cross: a break-even) are marked only when they matter
 * to the decision: those involving the recommended strategy, and those on the lower envelope
 * (where the cheapest strategy changes). Crossovers between two losing strategies are counted in
 * a footnote, not drawn. Each mark is a ring on the point and a dotted leader up to a label above
 * the plot, so no label sits on the axis or on a line.
 *
 * When one strategy (or a few) ends at least OUTLIER_RATIO times above the rest, the others
 * would collapse into one band at the bottom: a second panel below draws them alone on their own
 * scale, and the subtitle says so. A second panel rather than a log axis, because a finance
 * reader reads distances on a linear axis as money and on a log axis would misread them.
 */
import type { TopLevelSpec } from 'vega-lite';
import { dejavuTextWidth } from '../../render/dejavu-metrics.js';
import type { Projection } from '../../model/types.js';
import type { StrategyInfo } from './common.js';
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
  strategyLineEncoding,
  strategyScale,
  verdictHeadline,
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
 * A strategy ending at least this many times above the next one gets the zoom panel (the others
 * then fill under a quarter of the main panel's height).
 */
const OUTLIER_RATIO = 4;

/** Plot height of the main panel and of the zoom panel (px). */
const HEIGHT = 320;
const ZOOM_HEIGHT = 200;
/** Crossover labels: rows above the plot, each ROW_PX high; at most MAX_LABEL_ROWS rows. */
const ROW_PX = 15;
const MAX_LABEL_ROWS = 3;
const LABEL_FONT_PX = 11;

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

/** A series' value at fractional month x (linear between month ends, as the lines are drawn). */
function valueAt(usd: readonly number[], x: number): number {
  const k = Math.min(Math.max(0, Math.floor(x)), usd.length - 1);
  const a = usd[k] ?? 0;
  const b = usd[k + 1] ?? a;
  return a + (x - k) * (b - a);
}

/**
 * The crossovers a decision turns on: those involving `recommended`, and those on the lower
 * envelope of `series` (no line is below the crossing point there, so the cheapest strategy so
 * far changes). A crossover of two strategies that are both dearer than a third is neither.
 */
export function decisiveCrossovers(
  crossovers: readonly Crossover[],
  series: readonly { id: string; usd: readonly number[] }[],
  recommended: string | null,
): Crossover[] {
  return crossovers.filter((c) => {
    if (c.cheaper === recommended || c.other === recommended) return true;
    const lowest = Math.min(...series.map((s) => valueAt(s.usd, c.x)));
    return c.usd <= lowest + 1e-9 * Math.max(1, Math.abs(c.usd));
  });
}

/**
 * Strategies far above the rest: sorted by their last cumulative value, the ones before the first
 * gap of OUTLIER_RATIO× or more. Empty when there is no such gap or fewer than three lines.
 */
export function outliers(finals: readonly { id: string; usd: number }[]): string[] {
  if (finals.length < 3) return [];
  const sorted = [...finals].sort((a, b) => b.usd - a.usd);
  for (let i = 0; i + 1 < sorted.length; i++) {
    const hi = sorted[i]?.usd ?? 0;
    const lo = sorted[i + 1]?.usd ?? 0;
    // At least two lines stay for the zoom panel to be worth a panel.
    if (lo > 0 && hi >= OUTLIER_RATIO * lo && sorted.length - (i + 1) >= 2) return sorted.slice(0, i + 1).map((s) => s.id);
  }
  return [];
}

interface Line {
  strategy: string;
  label: string;
  order: number;
  month: number;
  usd: number;
  style: string;
}

interface Marked {
  x: number;
  usd: number;
  label: string;
  /** Row above the plot (0 = nearest) and the label's alignment at its leader. */
  row: number;
  align: 'left' | 'right';
}

/**
 * Crossover labels placed in rows above the plot: each in the lowest row where it does not
 * overlap a label already there (measured width); past MAX_LABEL_ROWS the label is left to the
 * footnote. Near the right edge a label ends at its leader instead of starting there.
 */
function placeLabels(points: readonly { x: number; usd: number; label: string }[], lastMonth: number): Marked[] {
  const taken: [number, number][][] = Array.from({ length: MAX_LABEL_ROWS }, () => []);
  const out: Marked[] = [];
  for (const p of points) {
    const px = (p.x / Math.max(1, lastMonth)) * WIDTH;
    const w = dejavuTextWidth(p.label, LABEL_FONT_PX, 'bold') + 8;
    const align = px + w > WIDTH ? 'right' : 'left';
    const span: [number, number] = align === 'left' ? [px - 2, px + w] : [px - w, px + 2];
    const row = taken.findIndex((r) => r.every(([a, b]) => span[1] < a || span[0] > b));
    if (row < 0) continue;
    taken[row]?.push(span);
    out.push({ ...p, row, align });
  }
  return out;
}

function panel(
  projection: Projection,
  shown: readonly StrategyInfo[],
  all: readonly StrategyInfo[],
  lines: readonly Line[],
  marked: readonly Marked[],
  lastMonth: number,
  height: number,
  title: string | null,
): Record<string, unknown> {
  const ids = new Set(shown.map((s) => s.id));
  const values = lines.filter((l) => ids.has(l.strategy));
  let max = Math.max(0, ...values.map((l) => l.usd));
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
  const fan = fanLayer(projection, shown, 'cumulative', x, strategyScale(all));
  if (fan) max = Math.max(max, fanMax(projection, 'cumulative', [...ids]));
  const y = {
    field: 'usd',
    type: 'quantitative',
    title: 'Cumulative cost (USD)',
    scale: { zero: true },
    axis: { ...currencyAxis(max), tickCount: 6 },
  };
  const layer: Record<string, unknown>[] = [
    {
      data: { values },
      mark: { type: 'line', point: { size: 30, filled: true }, strokeWidth: 2.5 },
      encoding: {
        x,
        y,
        // The whole domain in both panels: one legend, the same colours.
        ...strategyLineEncoding(all),
        tooltip: [
          { field: 'strategy', type: 'nominal', title: 'Strategy' },
          { field: 'month', type: 'quantitative', title: 'Month (0 = start)' },
          { field: 'usd', type: 'quantitative', title: 'Cumulative USD', format: '$,.0f' },
        ],
      },
    },
  ];
  if (fan) layer.unshift(fan);
  if (marked.length > 0) {
    layer.push({
      data: { values: marked },
      mark: { type: 'point', shape: 'circle', size: 110, filled: false, stroke: '#222222', strokeWidth: 2 },
      encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'usd', type: 'quantitative' } },
    });
    // Per label row: a dotted leader from each point up to its row above the plot, and the labels
    // (rows are layers because a pixel position above the plot is a constant, not a scaled field).
    for (let row = 0; row < MAX_LABEL_ROWS; row++) {
      const inRow = marked.filter((m) => m.row === row);
      if (inRow.length === 0) continue;
      const top = -(ROW_PX * row + 2);
      layer.push({
        data: { values: inRow },
        mark: { type: 'rule', color: '#555555', strokeWidth: 1, strokeDash: [2, 2] },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'usd', type: 'quantitative' }, y2: { value: top } },
      });
      for (const align of ['left', 'right'] as const) {
        if (!inRow.some((m) => m.align === align)) continue;
        layer.push(
          ...haloText({
            data: { values: inRow },
            transform: [{ filter: { field: 'align', equal: align } }],
            mark: { type: 'text', align, baseline: 'bottom', dx: align === 'left' ? 3 : -3, fontSize: LABEL_FONT_PX, fontWeight: 'bold', color: '#222222' },
            encoding: { x: { field: 'x', type: 'quantitative' }, y: { value: top }, text: { field: 'label', type: 'nominal' } },
          }),
        );
      }
    }
  }
  const view: Record<string, unknown> = { width: WIDTH, height, layer };
  // The panel title sits above the crossover label rows this panel uses.
  const rowsUsed = marked.length > 0 ? Math.max(...marked.map((m) => m.row)) + 1 : 0;
  if (title !== null) view['title'] = { text: title, fontSize: 12, fontWeight: 'bold', anchor: 'start', offset: 6 + ROW_PX * rowsUsed };
  return view;
}

export function cumulativeCostChart(projection: Projection): TopLevelSpec {
  const infos = strategyInfos(projection);
  const plotted = infos.filter((s) => s.plotted);
  const lines: Line[] = [];
  const complete: { id: string; usd: number[] }[] = [];
  const finals: { id: string; usd: number }[] = [];
  let lastMonth = 1;
  for (const s of plotted) {
    const c = cumulativeSeries(s.result);
    c.usd.forEach((usd, month) => {
      lastMonth = Math.max(lastMonth, month);
      lines.push({ strategy: s.id, label: s.label, order: s.order, month, usd, style: s.eligible ? 'solid' : 'dashed' });
    });
    finals.push({ id: s.id, usd: c.usd[c.usd.length - 1] ?? 0 });
    if (!c.lowerBound) complete.push({ id: s.id, usd: c.usd });
  }
  const start = projection.scenario.start_month;
  const all = findCrossovers(complete);
  const decisive = decisiveCrossovers(all, complete, projection.verdict.recommended);
  const points = decisive.map((c) => ({
    ...c,
    label: `${c.cheaper} cheaper from ${monthLabelAt(start, c.month)}`,
    text: `${c.cheaper} becomes cheaper in total than ${c.other} from ${monthLabelAt(start, c.month)} (cumulative ${formatUsd(c.usd)})`,
  }));

  // Outliers go in the main panel only; the zoom panel draws the rest on their own scale.
  const far = outliers(finals);
  const zoomed = plotted.filter((s) => !far.includes(s.id));
  const inZoom = (p: { cheaper: string; other: string }) => far.length > 0 && !far.includes(p.cheaper) && !far.includes(p.other);
  const mainMarks = placeLabels(points.filter((p) => !inZoom(p)), lastMonth);
  const zoomMarks = placeLabels(points.filter(inZoom), lastMonth);

  const main = panel(projection, plotted, plotted, lines, mainMarks, lastMonth, HEIGHT, far.length > 0 ? 'All strategies' : null);
  const chart =
    far.length > 0
      ? {
          vconcat: [main, panel(projection, zoomed, plotted, lines, zoomMarks, lastMonth, ZOOM_HEIGHT, `Without ${far.join(', ')}: the others on their own scale`)],
          spacing: 16,
        }
      : main;

  const notes = strategyFootnotes(infos, {
    infeasible: 'no line',
    lowerBound: 'its line counts priced items only, a lower bound, and is left out of the crossovers.',
  });
  if (plotted.some((s) => !s.eligible)) {
    notes.push('Dashed lines: not eligible for the recommendation (misses a target, or a lower bound because of unpriced items).');
  }
  notes.push('Start = one-time costs (engineering, curation, first training run, initial index); each month adds its spend at its end.');
  const labelled = new Set([...mainMarks, ...zoomMarks].map((m) => `${m.x}:${m.label}`));
  for (const p of points) notes.push(`Crossover: ${p.text}${labelled.has(`${p.x}:${p.label}`) ? '' : ' (not labelled: no room)'}.`);
  const hidden = all.length - decisive.length;
  if (hidden > 0) {
    notes.push(
      `${hidden} crossover${hidden === 1 ? '' : 's'} between strategies that are neither recommended nor the cheapest at that point ${hidden === 1 ? 'is' : 'are'} not marked.`,
    );
  }
  if (projection.uncertainty) notes.push(bandNote(projection));

  const title = chartTitle(projection, 'cumulative cost, one-time costs at the start', verdictHeadline(projection));
  if (far.length > 0) {
    const next = Math.max(...finals.filter((f) => !far.includes(f.id)).map((f) => f.usd));
    const least = Math.min(...finals.filter((f) => far.includes(f.id)).map((f) => f.usd));
    title.subtitle.splice(
      1,
      0,
      `${far.join(', ')} end${far.length === 1 ? 's' : ''} ${Math.floor(least / next)}× above the rest: the lower panel shows the others on their own scale`,
    );
  }
  return withFootnotes(title, chart, notes, WIDTH);
}
