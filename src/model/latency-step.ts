/**
 * The latency step of the pipeline (docs/model.md §10): turns a strategy's query shape into its latency
 * distribution, checks the latency targets and rate limits, and adds a self-hosted
 * deployment's GPU cost. The model lives in ./latency/; this is the seam the cost pipeline calls.
 */
import type { Catalog } from '../catalog/types.js';
import type { StrategySpec } from '../scenario/types.js';
import type { QueryTokens } from './inference.js';
import { projectLatency } from './latency/index.js';
import type { LatencyReuse } from './reuse.js';
import type { LatencySummary, LineItem, Note, RateLimitHeadroom } from './types.js';

interface LatencyStep {
  summary: LatencySummary | null;
  line_items: LineItem[];
  notes: Note[];
  meets_targets: boolean;
  feasible: boolean;
  rate_limits: RateLimitHeadroom[];
  replicas: number | null;
}

/** `retrieves`: the strategy embeds, searches (and reranks) before every query; `reasoningTokens`: the cost model's figure (null = unknown). `cdf: false` skips the CDF points; `reuse` keeps the components and distribution between re-projections (reuse.ts). */
export function strategyLatency(
  spec: StrategySpec,
  tokens: QueryTokens,
  cachedTokens: number,
  reasoningTokens: number | null,
  retrieves: boolean,
  catalog: Catalog,
  options: { cdf?: boolean; reuse?: LatencyReuse } = {},
): LatencyStep {
  const result = projectLatency(
    spec,
    {
      input_tokens: tokens.static_prefix_tokens + tokens.dynamic_tokens,
      cached_input_tokens: cachedTokens,
      output_tokens: tokens.output_tokens,
      reasoning_tokens: reasoningTokens,
      retrieval: retrieves,
    },
    catalog,
    { cdf: options.cdf ?? true, reuse: options.reuse },
  );
  const summary = result.latency_ms && result.cdf && result.cdf.length > 0 ? { ...result.latency_ms, cdf: result.cdf } : result.latency_ms;
  return {
    summary,
    line_items: result.line_items,
    notes: result.notes,
    meets_targets: result.meets_targets,
    feasible: result.feasible,
    rate_limits: result.rate_limits,
    replicas: result.replicas,
  };
}
