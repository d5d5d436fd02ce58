/**
 * Sweep charts:
 *  - sweep-cost (1-D): each strategy's cost against the swept input, the winner's band shaded
 *    behind, and a dashed rule at every exact band edge, labelled with its value.
 *  - decision-map (2-D): the winner in each cell, and the boundary points where the winner
 *    changes along the first input (found by root-finding, so they sit between cell centres).
 * User strings (ids, input paths) enter only as data values or title text.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { SweepResult } from '../../sweep/sweep.js';
import { exactValue } from '../../sweep/report.js';
import { WIDTH, currencyAxis, strategyColor, strategyColorSlots, withFootnotes } from './common.js';

const NONE = 'none qualifies';

function colors(r: SweepResult): { domain: string[]; range: string[] } {
  const slots = strategyColorSlots(r.strategies);
  const domain = [...r.strategies];
  const range = r.strategies.map((id, i) => strategyColor(slots.get(id) ?? i));
  if (r.points.some((p) => p.winner === null) || r.bands.some((b) => b.winner === null)) {
    domain.push(NONE);
    range.push('#BBBBBB');
  }
  return { domain, range };
}

function axisFor(a: SweepResult['axes'][number]): Record<string, unknown> {
  const fraction = a.kind === 'fraction';
  return { title: a.input, format: fraction ? '.0%' : '~s', grid: false };
}

export function sweepCostChart(r: SweepResult): TopLevelSpec {
  const axis = r.axes[0]!;
  const scale = colors(r);
  const lines: { x: number; strategy: string; usd: number }[] = [];
  let min = Infinity;
  let max = 0;
  // A strategy that qualifies nowhere in the range is left out (its cost would only set the scale).
  const shown = r.strategies.map((_, k) => r.points.some((p) => p.eligible[k]));
  for (const p of r.points) {
    r.strategies.forEach((id, k) => {
      if (!shown[k]) return;
      const usd = p.cost_usd[k];
      if (usd == null || !(usd > 0)) return;
      min = Math.min(min, usd);
      max = Math.max(max, usd);
      lines.push({ x: p.at[0]!, strategy: id, usd });
    });
  }
  const logY = max / Math.max(min, 1e-9) > 100;
  const bands = r.bands.map((b) => ({ from: b.from, to: b.to, winner: b.winner ?? NONE }));
  const edges = r.bands.slice(1).map((b) => ({ x: b.from, label: exactValue(b.from, axis.kind) }));
  const xEnc = { field: 'x', type: 'quantitative', scale: { type: axis.log ? 'log' : 'linear', domain: [axis.from, axis.to], nice: false }, axis: axisFor(axis) };
  const chart = {
    width: WIDTH,
    height: 320,
    layer: [
      {
        data: { values: bands },
        mark: { type: 'rect', opacity: 0.13 },
        encoding: {
          x: { ...xEnc, field: 'from' },
          x2: { field: 'to' },
          color: { field: 'winner', type: 'nominal', title: 'Strategy', scale, legend: { symbolOpacity: 1, orient: 'bottom', direction: 'horizontal', columns: 4 } },
        },
      },
      {
        data: { values: lines },
        mark: { type: 'line', strokeWidth: 2.5 },
        encoding: {
          x: xEnc,
          y: {
            field: 'usd',
            type: 'quantitative',
            title: r.metric === 'total_usd' ? 'Total over the horizon (USD)' : `Spend in month ${r.month} (USD)`,
            scale: logY ? { type: 'log' } : { zero: true },
            axis: { ...currencyAxis(max), tickCount: 6 },
          },
          color: { field: 'strategy', type: 'nominal', title: 'Strategy', scale, legend: null },
        },
      },
      {
        data: { values: edges },
        mark: { type: 'rule', strokeDash: [5, 4], color: '#333333' },
        encoding: { x: xEnc },
      },
      {
        data: { values: edges },
        mark: { type: 'text', align: 'left', dx: 4, dy: 4, baseline: 'top', fontSize: 11, color: '#333333' },
        encoding: { x: xEnc, y: { value: 0 }, text: { field: 'label', type: 'nominal' } },
      },
    ],
  };
  const notes = [
    'Shading: the strategy the verdict picks (cheapest among feasible, priced, on-target strategies) over that stretch.',
    'Dashed rules: exact values where the winner changes, found by root-finding between grid points.',
  ];
  if (logY) notes.push('Cost axis is logarithmic: the strategies differ by more than 100×.');
  const hidden = r.strategies.filter((_, k) => !shown[k]);
  if (hidden.length > 0) notes.push(`Not plotted: ${hidden.join(', ')} (infeasible, unpriced or missing a target everywhere in this range).`);
  return withFootnotes({ text: `${r.scenario.name}: cost against ${axis.input}`, subtitle: [`${axis.steps} values${axis.log ? ', log-spaced' : ''}; other inputs as in the scenario`] }, chart, notes, WIDTH);
}

/** Cell edges: halfway (geometric on a log axis) between grid values, the ends at the range ends. */
function edgesOf(a: SweepResult['axes'][number]): number[] {
  const v = a.values;
  const out = [a.from];
  for (let i = 0; i + 1 < v.length; i++) out.push(a.log ? Math.sqrt(v[i]! * v[i + 1]!) : (v[i]! + v[i + 1]!) / 2);
  out.push(a.to);
  return out;
}

export function decisionMapChart(r: SweepResult): TopLevelSpec {
  const [ax, ay] = r.axes as [SweepResult['axes'][number], SweepResult['axes'][number]];
  const ex = edgesOf(ax);
  const ey = edgesOf(ay);
  const nx = ax.values.length;
  const cells = r.points.map((p, i) => {
    const col = i % nx;
    const row = Math.floor(i / nx);
    return { x: ex[col]!, x2: ex[col + 1]!, y: ey[row]!, y2: ey[row + 1]!, winner: p.winner ?? NONE };
  });
  const scale = colors(r);
  const xScale = { type: ax.log ? 'log' : 'linear', domain: [ax.from, ax.to], nice: false };
  const yScale = { type: ay.log ? 'log' : 'linear', domain: [ay.from, ay.to], nice: false };
  const chart = {
    width: WIDTH - 80,
    height: 420,
    layer: [
      {
        data: { values: cells },
        mark: { type: 'rect', stroke: null, opacity: 0.85 },
        encoding: {
          x: { field: 'x', type: 'quantitative', scale: xScale, axis: axisFor(ax) },
          x2: { field: 'x2' },
          y: { field: 'y', type: 'quantitative', scale: yScale, axis: axisFor(ay) },
          y2: { field: 'y2' },
          color: { field: 'winner', type: 'nominal', title: 'Winner', scale, legend: { orient: 'bottom', direction: 'horizontal', columns: 4 } },
        },
      },
      {
        data: { values: r.boundaries.map((b) => ({ x: b.x, y: b.y })) },
        mark: { type: 'point', filled: true, size: 10, color: '#111111' },
        encoding: {
          x: { field: 'x', type: 'quantitative', scale: xScale },
          y: { field: 'y', type: 'quantitative', scale: yScale },
        },
      },
    ],
  };
  const notes = [
    'Each cell: the strategy the verdict picks with both inputs at that cell, everything else as in the scenario.',
    'Black dots: where the winner changes along the horizontal input, found by root-finding in each row.',
  ];
  return withFootnotes(
    { text: `${r.scenario.name}: decision map`, subtitle: [`${ax.input} × ${ay.input}; ${r.metric === 'total_usd' ? 'total over the horizon' : `spend of month ${r.month}`}`] },
    chart,
    notes,
    WIDTH,
  );
}
