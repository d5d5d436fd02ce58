/** Types of the latency model (docs/model.md §10). The output contract types live in ../types.ts. */
import type { LatencyComponent } from '../../scenario/types.js';
import type { LatencySummary, LineItem, Note, RateLimitHeadroom } from '../types.js';

/** Per-query token figures the cost model computed for one strategy. */
export interface QueryShape {
  input_tokens: number;
  /** Expected prompt-cache hits per query (h·P): these prefill at the cache's speed-up. */
  cached_input_tokens: number;
  output_tokens: number;
  /** Hidden reasoning tokens decoded before the first visible token; null = unknown (latency unknown). */
  reasoning_tokens: number | null;
  /** true for kinds that retrieve (rag, hybrid): adds the embed, search and rerank components. */
  retrieval: boolean;
}

interface ComponentBase {
  name: LatencyComponent;
  /**
   * Set when a component is a sum of independent parts, e.g. prefill = the published TTFT
   * (`published_ttft`) + the per-token time of this prompt (`tokens`).
   */
  part?: string;
  /** Median (ms). */
  median_ms: number;
  /** Counts towards time to first token (everything but decode). */
  in_ttft: boolean;
  /** Where the median came from, for the breakdown a reader follows. */
  source: string;
}

/** A lognormal latency with median `median_ms` and spread = p95/p50 (≥ 1; 1 = no variance). */
export interface LognormalComponent extends ComponentBase {
  kind: 'lognormal';
  spread: number;
}

/**
 * The Erlang C queueing delay of a self-hosted deployment: 0 with probability 1 − p_wait,
 * otherwise exponential with rate `decay_per_ms` (= cμ − λ). Sampled exactly, since a
 * lognormal cannot represent "most requests do not wait at all".
 */
export interface WaitComponent extends ComponentBase {
  kind: 'erlang_c_wait';
  p_wait: number;
  decay_per_ms: number;
}

export type ComponentModel = LognormalComponent | WaitComponent;

export interface SimulationOptions {
  /** Monte Carlo draws (latency.samples), a positive integer. */
  samples: number;
  /** latency.seed: the same seed gives bit-identical output. */
  seed: number;
  /** Whether to compute the CDF points (default true); a Monte Carlo over inputs needs only the percentiles. */
  cdf?: boolean;
}

/** One point of the empirical CDF of the end-to-end latency. */
export interface CdfPoint {
  ms: number;
  p: number;
}

export interface SimulatedLatency extends LatencySummary {
  /** ≈100 points of the total's empirical CDF (p = 0.01 … 0.99, 0.995, 0.999). */
  cdf: CdfPoint[];
}

/** A provider rate limit against the peak interactive traffic (the projection's own type). */
export type RateLimitCheck = RateLimitHeadroom;

export interface TargetCheck {
  meets: boolean;
  notes: Note[];
  rate_limits: RateLimitCheck[];
}

export interface SelfHostedResult {
  /** false when the deployment cannot keep up (utilisation ≥ 1): latency is unbounded. */
  feasible: boolean;
  /** The replica count used (sized or given); null when none is feasible. */
  replicas: number | null;
  /** λ / (c·μ) at peak with that many replicas; null when replicas is null. */
  utilisation: number | null;
  /** Seconds one request occupies a replica slot (prefill + decode). */
  service_s: number;
  /** The queueing component to add to the others; null when infeasible. */
  queue: WaitComponent | null;
  line_items: LineItem[];
  notes: Note[];
}

/** Everything the projection needs from the latency model for one strategy. */
export interface StrategyLatency {
  /** null = unknown (no latency profile, unknown search latency) or unbounded (overloaded deployment). */
  latency_ms: LatencySummary | null;
  cdf: CdfPoint[] | null;
  components: ComponentModel[] | null;
  /** false only for an overloaded self-hosted deployment. */
  feasible: boolean;
  meets_targets: boolean;
  notes: Note[];
  /** Self-hosted GPU hosting (category hosting, monthly); empty otherwise. */
  line_items: LineItem[];
  rate_limits: RateLimitCheck[];
  /** Interactive peak QPS the queue and rate limits were checked at, and the month it falls in. */
  peak: { qps: number; month: number };
  replicas: number | null;
}
