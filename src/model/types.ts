/**
 * The projection: the machine-readable contract of docs/model.md §12 (`costsim.projection/v1`).
 * Field names here are stable; more may be added, none renamed.
 * Money is USD in float64; `null` means it could not be priced (an input price is unknown).
 */
import type { Sensitivity, UncertaintySummary } from '../uncertainty/types.js';

import type { NoteCode } from '../messages/notes.js';
import type { Problem } from '../messages/problems.js';

export const STRATEGY_KINDS = ['prompt_only', 'rag', 'fine_tuning', 'hybrid'] as const;
export type StrategyKind = (typeof STRATEGY_KINDS)[number];

export const COST_CATEGORIES = [
  'inference',
  'retrieval',
  'indexing',
  'storage',
  'training',
  'hosting',
  'engineering',
  'curation',
] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];

export type Period = 'per_query' | 'monthly' | 'one_time';

/**
 * One priced thing a strategy pays for. Recurring items (per_query, monthly) carry their
 * quantity and cost in every month of the horizon; for every strategy and month i:
 *   Σ items' cost_usd_by_month[i] = monthly[i].total_usd
 *   Σ one_time items' cost_usd    = one_time_usd
 *   one_time_usd + Σ monthly[i].total_usd = total_usd
 * (each sum null as soon as one of its parts is null).
 */
export interface LineItem {
  /** Stable identity within its strategy ("inference.output", "store.minimum_top_up"). */
  id: string;
  name: string;
  category: CostCategory;
  period: Period;
  /** What `quantity` counts: "tokens", "read units", "GB-month", "runs", "hours", … */
  unit: string;
  /** per_query: units per query in month 1; monthly: units in month 1; one_time: units, once. */
  quantity: number;
  /** null = unknown price; then every cost of the item is null too. */
  unit_price_usd: number | null;
  /** quantity × unit_price_usd: per query in month 1, in month 1, or once. */
  cost_usd: number | null;
  /** Recurring items: units billed in each month (index 0 = month 1). One-time items: []. */
  quantity_by_month: number[];
  /** quantity_by_month[i] × unit_price_usd. One-time items: []. */
  cost_usd_by_month: (number | null)[];
  /** Where the price came from: catalog entry id and date, or "scenario". */
  source?: string;
  /** The date the price's source gives (YYYY-MM-DD); absent for scenario inputs. */
  price_as_of?: string;
}

/** A note on a strategy or projection; every code and text comes from src/messages/notes.ts. */
export interface Note {
  code: NoteCode;
  message: string;
}

export interface ComponentLatency {
  p50: number;
  p95?: number;
}

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  ttft_p50: number;
  ttft_p95: number;
  ttft_p99?: number;
  components: Record<string, ComponentLatency>;
  /** ≈100 points of the end-to-end latency's empirical CDF, for the latency-distribution chart. */
  cdf?: { ms: number; p: number }[];
}

/** A provider rate limit checked against peak interactive traffic. */
export interface RateLimitHeadroom {
  model: string;
  role: 'generator' | 'embedding';
  metric: 'rpm' | 'tpm';
  /** null = unknown (neither the catalog nor the scenario gives it). */
  limit: number | null;
  peak_per_minute: number;
  /** (limit − peak) / limit; negative = over the limit; null when the limit is unknown. */
  headroom_fraction: number | null;
  origin: 'scenario' | 'catalog' | 'unknown';
}

export interface MonthResult {
  month: number; // 1-based
  label: string; // YYYY-MM
  queries: number;
  total_usd: number | null;
  by_category: Partial<Record<CostCategory, number | null>>;
}

export interface StrategyResult {
  id: string;
  kind: StrategyKind;
  feasible: boolean;
  meets_targets: boolean;
  notes: Note[];
  per_query: {
    input_tokens: number;
    cached_input_tokens: number;
    output_tokens: number;
    cost_usd: number | null;
    by_category: Partial<Record<CostCategory, number | null>>;
    latency_ms: LatencySummary | null;
  };
  freshness_hours: number | null;
  monthly: MonthResult[];
  one_time_usd: number | null;
  total_usd: number | null;
  line_items: LineItem[];
  /** Provider rate limits against the busiest month's peak interactive traffic. */
  rate_limits?: RateLimitHeadroom[];
  /** Self-hosted deployments: replicas serving the peak (null otherwise). */
  replicas?: number | null;
  /** Names of line items whose price is unknown (empty when fully priced). */
  unpriced: string[];
  /** Catalog ids this strategy was priced from. */
  models: { generator: string; embedding?: string; reranker?: string; vector_store?: string; fine_tuning?: string };
}

export interface PricesUsed {
  source: string;
  oldest: string;
  newest: string;
}

export interface Assumption {
  /** Field path, e.g. "retrieval.top_k", or a catalog price like "catalog:gpt-4.1-mini.input_usd_per_1m". */
  path: string;
  value: string | number | boolean | null;
  origin: 'scenario' | 'default' | 'catalog' | 'command-line' | 'derived';
  /** For catalog values: the source name and date. */
  source?: string;
}

export interface Verdict {
  recommended: string | null;
  reasons: string[];
}

export interface Projection {
  schema: 'costsim.projection/v1';
  scenario: {
    name: string;
    file: string;
    description: string;
    horizon_months: number;
    start_month: string;
  };
  catalog: {
    /** The newest source date in the whole catalog. */
    as_of: string;
    /** The prices this projection used, per source: oldest and newest date (sorted by source). */
    prices_used?: PricesUsed[];
  };
  /** The scenario's targets (before any strategy override); null = none set. */
  targets?: { slo_p95_ms: number | null; slo_ttft_p95_ms: number | null; freshness_target_hours: number | null };
  verdict: Verdict;
  strategies: StrategyResult[];
  assumptions: Assumption[];
  notes: Note[];
  /** Present only when the scenario has uncertain inputs (ranges): see src/uncertainty/. */
  uncertainty?: UncertaintySummary;
  /** The tornado and break-evens: with ranges always, otherwise when asked for (`run --sensitivity`). */
  sensitivity?: Sensitivity;
}

/** A problem in a file of a run: code, field path, line and column, message (src/messages/problems.ts). */
export type RunProblem = Problem;

export interface RunDocument {
  schema: 'costsim.run/v1';
  results: Projection[];
  errors: { file: string; problems: RunProblem[] }[];
}
