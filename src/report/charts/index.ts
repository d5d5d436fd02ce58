/**
 * Chart builders: projection → Vega-Lite specs (docs/model.md §13). Pure and light (no vega import); the
 * specs are rendered by src/render.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Projection } from '../../model/types.js';
import { costPerQueryChart } from './cost-per-query.js';
import { cumulativeCostChart } from './cumulative-cost.js';
import { latencyBreakdownChart } from './latency-breakdown.js';
import { latencyDistributionChart } from './latency-distribution.js';
import { monthlySpendChart } from './monthly-spend.js';
import { spendOverTimeChart } from './spend-over-time.js';
import { tornadoChart, winProbabilityChart } from './uncertainty.js';

export { costPerQueryChart } from './cost-per-query.js';
export { cumulativeCostChart, findCrossovers } from './cumulative-cost.js';
export type { Crossover } from './cumulative-cost.js';
export { latencyBreakdownChart } from './latency-breakdown.js';
export { latencyDistributionChart } from './latency-distribution.js';
export { monthlySpendChart } from './monthly-spend.js';
export { spendOverTimeChart } from './spend-over-time.js';
export { summaryChart } from './summary.js';
export { tornadoChart, winProbabilityChart } from './uncertainty.js';
export { decisionMapChart, sweepCostChart } from './sweep.js';
export { CATEGORY_COLORS, CHART_CONFIG, FONT, STRATEGY_COLORS, strategyColor, strategyColorSlots, strategyInfos } from './common.js';
export type { StrategyFlag, StrategyInfo } from './common.js';

export const CHART_NAMES = [
  'monthly-spend',
  'spend-over-time',
  'cumulative-cost',
  'cost-per-query',
  'latency-breakdown',
  'latency-distribution',
] as const;
type ChartName = (typeof CHART_NAMES)[number];

const BUILDERS: Record<ChartName, (p: Projection) => TopLevelSpec> = {
  'monthly-spend': monthlySpendChart,
  'spend-over-time': spendOverTimeChart,
  'cumulative-cost': cumulativeCostChart,
  'cost-per-query': costPerQueryChart,
  'latency-breakdown': latencyBreakdownChart,
  'latency-distribution': latencyDistributionChart,
};

/** Charts a scenario gets when it has ranges (win-probability) or a sensitivity (tornado). */
type RangeChartName = 'win-probability' | 'tornado';

/** The six charts of one scenario, in docs/model.md §13 order, then win-probability and tornado when the projection has them. */
export function buildCharts(projection: Projection): { name: ChartName | RangeChartName; spec: TopLevelSpec }[] {
  const charts: { name: ChartName | RangeChartName; spec: TopLevelSpec }[] = CHART_NAMES.map((name) => ({ name, spec: BUILDERS[name](projection) }));
  if (projection.uncertainty) charts.push({ name: 'win-probability', spec: winProbabilityChart(projection) });
  if (projection.sensitivity) charts.push({ name: 'tornado', spec: tornadoChart(projection) });
  return charts;
}
