/**
 * The policy file as written: its structure only (zod). Values are kept as written (`20k`,
 * `$500`, `10%`, `4 s`) and read by load.ts with the scenario value syntax.
 *
 *   version: 1
 *   budgets:                         # a list
 *     - scenario: Support assistant  # a name or a file glob; omitted = every scenario
 *       strategy: recommended        # or a strategy id (default: recommended)
 *       monthly_usd: 20k             # in any month (or only `month: N`)
 *       total_usd: 200k              # the horizon total, one-time costs included
 *       per_query_usd: $0.01
 *       p90_total_usd: 250k          # P90 of the horizon total (needs ranges)
 *       level: warn                  # report without failing (default: error)
 *   changes:  { max_increase: 10% }  # or $500; against --compare-to (a mapping or a list)
 *   latency:  { p95_ms: 4000, ttft_p95_ms: 1500 }
 *   verdict:  { must_be: rag, must_have_feasible: true }
 */
import * as z from 'zod';
import { problemText, zodError } from '../messages/problems.js';
import { Value } from '../scenario/schema.js';

const Level = z.enum(['error', 'warn'], zodError(problemText.shape('policyLevel')));
const Selector = {
  scenario: z.string().min(1).optional(),
  level: Level.optional(),
};
const StrategySelector = z.string().min(1).optional();
const Month = z.number().int().min(1).max(1200).optional();

const BudgetEntry = z.strictObject({
  ...Selector,
  strategy: StrategySelector,
  month: Month,
  monthly_usd: Value.optional(),
  total_usd: Value.optional(),
  per_query_usd: Value.optional(),
  p90_total_usd: Value.optional(),
});

const ChangesEntry = z.strictObject({
  ...Selector,
  strategy: StrategySelector,
  metric: z.enum(['monthly_usd', 'total_usd', 'per_query_usd'], zodError(problemText.shape('policyMetric'))).optional(),
  month: Month,
  max_increase: Value,
});

const LatencyEntry = z.strictObject({
  ...Selector,
  strategy: StrategySelector,
  p95_ms: Value.optional(),
  ttft_p95_ms: Value.optional(),
});

const VerdictEntry = z.strictObject({
  ...Selector,
  must_be: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)], zodError(problemText.shape('policyMustBe'))).optional(),
  must_have_feasible: z.boolean().optional(),
});

/**
 * The sections that may be one mapping or a list of them. They are checked one by one, as a
 * mapping or as a list, so that a mistake inside one is reported at its field (a zod union
 * would only say "invalid input" at the section).
 */
export const SECTIONS = { changes: ChangesEntry, latency: LatencyEntry, verdict: VerdictEntry } as const;

export const PolicyFileSchema = z.strictObject({
  version: z.literal(1, zodError(problemText.versionOne())),
  budgets: z.array(BudgetEntry, zodError(problemText.shape('policyBudgets'))).optional(),
  changes: z.unknown().optional(),
  latency: z.unknown().optional(),
  verdict: z.unknown().optional(),
});

export type ChangesInput = z.infer<typeof ChangesEntry>;
export type LatencyInput = z.infer<typeof LatencyEntry>;
export type VerdictInput = z.infer<typeof VerdictEntry>;
