/**
 * The latency step of the pipeline (SPEC §5): turns a strategy's query shape into its
 * latency distribution, checks the latency targets and adds a self-hosted deployment's
 * GPU cost. The model lives in ./latency/; this is the seam the cost pipeline calls.
 */
import type { Catalog } from '../catalog/types.js';
import type { StrategySpec } from '../scenario/types.js';
import type { QueryTokens } from './inference.js';
import type { LatencySummary, LineItem, Note } from './types.js';

export interface LatencyStep {
  summary: LatencySummary | null;
  line_items: LineItem[];
  notes: Note[];
  meets_targets: boolean;
  feasible: boolean;
}

export function strategyLatency(_spec: StrategySpec, _tokens: QueryTokens, _cachedTokens: number, _catalog: Catalog): LatencyStep {
  return { summary: null, line_items: [], notes: [], meets_targets: true, feasible: true };
}
