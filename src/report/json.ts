/**
 * `--format json` and `projection.json`: the machine-readable documents of docs/model.md §12.
 *
 * Keys come out in one fixed order whatever order the code that built the object used, so
 * that two runs diff cleanly: first the keys of the contract in the order docs/model.md §12 lists
 * them (`schema` first), then category, component and model names in their natural order,
 * then any other key alphabetically. Numbers must be finite: `JSON.stringify` would turn
 * NaN or Infinity into `null`, which in this contract means "unknown price" — a silent lie,
 * so the renderer throws instead, naming the path.
 */
import { COST_CATEGORIES } from '../model/types.js';
import type { Projection, RunDocument } from '../model/types.js';

/**
 * One global rank list. It works across levels because every object type's keys appear in
 * it in that type's contract order (checked for each type in tests/report/json.test.ts).
 */
const KEY_ORDER: readonly string[] = [
  // documents
  'schema',
  'results',
  'errors',
  // projection
  'scenario',
  'name',
  'file',
  'problems',
  'description',
  'horizon_months',
  'start_month',
  'catalog',
  'as_of',
  'prices_used',
  'targets',
  'slo_p95_ms',
  'slo_ttft_p95_ms',
  'freshness_target_hours',
  'verdict',
  'recommended',
  'reasons',
  'strategies',
  // strategy
  'id',
  'kind',
  'feasible',
  'meets_targets',
  // notes and problems
  'code',
  'path',
  'line',
  'column',
  'message',
  'notes',
  // line item (after name)
  'category',
  'period',
  'unit',
  'quantity',
  'unit_price_usd',
  // per query
  'per_query',
  'input_tokens',
  'cached_input_tokens',
  'output_tokens',
  'freshness_hours',
  'monthly',
  // month
  'month',
  'label',
  'queries',
  'one_time_usd',
  'cost_usd',
  'quantity_by_month',
  'cost_usd_by_month',
  'total_usd',
  'by_category',
  'latency_ms',
  // latency
  'p50',
  'p95',
  'p99',
  'ttft_p50',
  'ttft_p95',
  'ttft_p99',
  'components',
  'line_items',
  'rate_limits',
  'model',
  'role',
  'metric',
  'limit',
  'peak_per_minute',
  'headroom_fraction',
  'replicas',
  'unpriced',
  'models',
  // assumption
  'value',
  'origin',
  'source',
  'price_as_of',
  'oldest',
  'newest',
  'assumptions',
  // map keys with a natural order
  ...COST_CATEGORIES,
  'network',
  'embed',
  'search',
  'rerank',
  'prefill',
  'reasoning',
  'decode',
  'queue',
  'generator',
  'embedding',
  'reranker',
  'vector_store',
  'fine_tuning',
];

const RANK = new Map(KEY_ORDER.map((k, i) => [k, i]));

/** Compare two keys by the contract's order; unknown keys after the known ones, alphabetically. */
function compareKeys(a: string, b: string): number {
  const ra = RANK.get(a);
  const rb = RANK.get(b);
  if (ra !== undefined && rb !== undefined) return ra - rb;
  if (ra !== undefined) return -1;
  if (rb !== undefined) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A deep copy with keys in contract order; throws on a non-finite number or a non-JSON value. */
export function canonicalize(value: unknown, path = '$'): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`JSON output: ${path} is ${value}; only finite numbers are allowed`);
    return Object.is(value, -0) ? 0 : value;
  }
  if (Array.isArray(value)) return value.map((v, i) => canonicalize(v, `${path}[${i}]`));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const entries = Object.entries(value as Record<string, unknown>)
      // An undefined property is an absent optional field: leave it out, as JSON.stringify would.
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => compareKeys(a, b));
    for (const [k, v] of entries) out[k] = canonicalize(v, `${path}.${k}`);
    return out;
  }
  throw new Error(`JSON output: ${path} is a ${typeof value}, which JSON cannot hold`);
}

function stringify(value: unknown): string {
  return JSON.stringify(canonicalize(value), null, 2) + '\n';
}

/** The `costsim.run/v1` document printed by `costsim run --format json`. */
export function renderRunJson(doc: RunDocument): string {
  return stringify(doc);
}

/** A scenario's `projection.json`. */
export function renderProjectionJson(projection: Projection): string {
  return stringify(projection);
}
