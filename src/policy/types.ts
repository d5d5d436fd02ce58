/**
 * A policy (`costsim check --policy FILE`, `costsim diff --policy FILE`): gates a CI pipeline
 * puts on the projection. Read from YAML or JSON by `load.ts`, evaluated by `evaluate.ts`.
 * All money is USD, all times milliseconds, after the scenario value syntax is read
 * (`20k`, `$500`, `4 s`).
 */
import type { GateMessage } from '../messages/problems.js';

export type Level = 'error' | 'warn';

/** Where a rule is written in the policy file, for "which rule" in every result. */
interface RuleSource {
  /** Field path in the policy: `budgets[0]`, `latency`, `verdict[1]`. */
  path: string;
  line?: number;
  column?: number;
}

interface RuleBase {
  source: RuleSource;
  /** A scenario name, or a glob over scenario files (`scenarios/*.yaml`, `support-*`); undefined = every scenario. */
  scenario?: string;
  level: Level;
}

export interface BudgetRule extends RuleBase {
  kind: 'budget';
  /** `recommended` (the verdict's strategy) or a strategy id. */
  strategy: string;
  /** With monthly_usd: only this month (1-based); undefined = every month of the horizon. */
  month?: number;
  monthly_usd?: number;
  total_usd?: number;
  per_query_usd?: number;
  /** P90 of the horizon total, from the ranges output. */
  p90_total_usd?: number;
}

type ChangeMetric = 'monthly_usd' | 'total_usd' | 'per_query_usd';

export interface ChangeRule extends RuleBase {
  kind: 'change';
  strategy: string;
  metric: ChangeMetric;
  /** With monthly_usd: this month; default month 1 (the spend the change starts with). */
  month: number;
  /** Largest allowed increase: a fraction of the base figure (`10%` = 0.1) or dollars. */
  max_increase: { type: 'percent'; value: number } | { type: 'usd'; value: number };
}

export interface LatencyRule extends RuleBase {
  kind: 'latency';
  strategy: string;
  p95_ms?: number;
  ttft_p95_ms?: number;
}

export interface VerdictRule extends RuleBase {
  kind: 'verdict';
  /** The recommended strategy must be one of these ids or kinds. */
  must_be?: string[];
  /** Some strategy must be feasible, fully priced and on target (a verdict exists). */
  must_have_feasible?: boolean;
}

export type Rule = BudgetRule | ChangeRule | LatencyRule | VerdictRule;

export interface Policy {
  file: string;
  rules: Rule[];
}

/**
 * One rule checked against one scenario. `figure` and `limit` are in `unit`; a figure of
 * null is unknown (an unpriced item, no recommendation, no ranges): never a pass.
 * `skip`: the rule does not apply (a change limit on a scenario the base did not have).
 */
export interface GateResult {
  /** `budgets[0].monthly_usd`, `latency.p95_ms`, `verdict.must_be`. */
  rule: string;
  /** `policy.yaml:4:5`, for the reader to find the rule. */
  where: string;
  level: Level;
  status: 'pass' | 'warn' | 'fail' | 'skip';
  scenario: string;
  file: string;
  strategy: string | null;
  figure: number | string | null;
  limit: number | string | null;
  unit: 'usd' | 'ms' | 'percent' | 'verdict';
  /** One sentence: the figure, the limit and what was compared (worded by src/messages/problems.ts). */
  message: GateMessage;
}
