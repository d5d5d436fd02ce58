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

export { costPerQueryChart } from './cost-per-query.js';
export { cumulativeCostChart, findCrossovers } from './cumulative-cost.js';
export type { Crossover } from './cumulative-cost.js';
export { latencyBreakdownChart } from './latency-breakdown.js';
export { latencyDistributionChart } from './latency-distribution.js';
export { monthlySpendChart } from './monthly-spend.js';
export { spendOverTimeChart } from './spend-over-time.js';
export { summaryChart } from './summary.js';
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
export type ChartName = (typeof CHART_NAMES)[number];

const BUILDERS: Record<ChartName, (p: Projection) => TopLevelSpec> = {
  'monthly-spend': monthlySpendChart,
  'spend-over-time': spendOverTimeChart,
  'cumulative-cost': cumulativeCostChart,
  'cost-per-query': costPerQueryChart,
  'latency-breakdown': latencyBreakdownChart,
  'latency-distribution': latencyDistributionChart,
};

/** The six charts of one scenario, in docs/model.md §13 order. */
export function buildCharts(projection: Projection): { name: ChartName; spec: TopLevelSpec }[] {
  return CHART_NAMES.map((name) => ({ name, spec: BUILDERS[name](projection) }));
}
