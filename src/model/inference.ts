/**
 * SPEC §4.1: the inference cost of one (average) query.
 *
 * For input tokens I = static prefix P + dynamic (I − P), output O, hit rate h and batch share b:
 *   interactive share (1 − b):
 *     cost_in  = (I − P)·in + h·P·cache_read + (1 − h)·P·(cache_write or in)   [caching applies]
 *     cost_in  = I·in                                                           [otherwise]
 *     cost_out = O·out
 *   batch share b (where the model has batch prices): I·batch_in + O·batch_out — batch requests
 *   are asynchronous and we do not assume their prefixes hit the cache.
 * Long-context tier: if I exceeds the threshold, every token of the request (input, cached,
 * cache-write, output) is billed at the tier's prices.
 * Line-item quantities are tokens per average query (fractions are expected: 0.3 of a query's
 * prefix is a cache write when h = 0.7).
 */
import { formatCount } from '../format.js';
import type { PRICE_TABLE_FIELDS } from '../catalog/model-fields.js';
import type { ModelEntry } from '../catalog/types.js';
import { perToken } from '../units.js';
import { lineItem } from './line-items.js';
import { notes } from '../messages/notes.js';
import type { LineItem, Note } from './types.js';

/** Where a generator's prices come from: a base model or a fine-tuned one. */
export type PriceTable = Pick<ModelEntry, (typeof PRICE_TABLE_FIELDS)[number] | 'long_context'> & { label: string; source: string };

export interface QueryTokens {
  /** Everything before the retrieved chunks and the query: cacheable. */
  static_prefix_tokens: number;
  /** Retrieved chunks and the query. */
  dynamic_tokens: number;
  output_tokens: number;
}

export interface InferenceOptions {
  caching_enabled: boolean;
  hit_rate: number;
  batch_share: number;
}

/** OpenAI's rule (FACTS.md §5.1) where a model states no minimum. */
export const DEFAULT_MIN_CACHEABLE_TOKENS = 1024;

export interface InferenceResult {
  items: LineItem[];
  notes: Note[];
  /** Average cached input tokens per query (the interactive share's cache reads). */
  cached_input_tokens: number;
  tier_applied: boolean;
  feasible: boolean;
}

export function priceInference(prices: PriceTable, tokens: QueryTokens, options: InferenceOptions): InferenceResult {
  const out: Note[] = [];
  const I = tokens.static_prefix_tokens + tokens.dynamic_tokens;
  const P = tokens.static_prefix_tokens;
  const O = tokens.output_tokens;
  let feasible = true;

  if (prices.context_window === null) out.push(notes.contextUnknown(prices.label));
  else if (I + O > prices.context_window) {
    out.push(notes.contextExceeded(prices.label, I, O, prices.context_window));
    feasible = false;
  }
  if (prices.max_output_tokens !== null && O > prices.max_output_tokens) {
    out.push(notes.maxOutputExceeded(prices.label, O, prices.max_output_tokens));
    feasible = false;
  }

  const tier = prices.long_context && I > prices.long_context.threshold_tokens ? prices.long_context : null;
  if (tier) out.push(notes.longContextTier(prices.label, I, tier.threshold_tokens));
  const tierNote = tier ? ` (>${formatCount(tier.threshold_tokens)} tier)` : '';
  const p = {
    input: tier ? tier.input_usd_per_1m : prices.input_usd_per_1m,
    output: tier ? tier.output_usd_per_1m : prices.output_usd_per_1m,
    cached: tier ? tier.cached_input_usd_per_1m : prices.cached_input_usd_per_1m,
    write: tier ? tier.cache_write_usd_per_1m : prices.cache_write_usd_per_1m,
  };
  // The tier replaces every price, so a tier with no cache price means caching there is
  // unpriced, unless the base model has no cache price either (then it simply has no caching).
  const hasCaching = prices.cached_input_usd_per_1m !== null;

  let b = options.batch_share;
  const batchKnown = prices.batch_input_usd_per_1m !== null && prices.batch_output_usd_per_1m !== null;
  if (b > 0 && (!batchKnown || tier)) {
    out.push(notes.noBatchPrice(prices.label, b));
    b = 0;
  }
  const interactive = 1 - b;

  let cacheApplies = false;
  if (options.caching_enabled && P > 0) {
    if (!hasCaching) out.push(notes.noCachePrice(prices.label));
    else {
      const min = prices.min_cacheable_tokens ?? DEFAULT_MIN_CACHEABLE_TOKENS;
      if (prices.min_cacheable_tokens === null) out.push(notes.cacheMinimumAssumed(prices.label, min));
      if (P >= min) cacheApplies = true;
      else out.push(notes.cachingBelowMinimum(P, min));
    }
  }

  const price = (usdPer1m: number | null) => (usdPer1m === null ? null : perToken(usdPer1m));
  const items: LineItem[] = [];
  const tokenItem = (id: string, name: string, quantity: number, unit_price_usd: number | null) =>
    lineItem({ id, name, category: 'inference', period: 'per_query', unit: 'tokens', quantity, unit_price_usd, source: prices.source });
  if (cacheApplies) {
    const h = options.hit_rate;
    items.push(tokenItem('inference.input', `Input tokens, uncached${tierNote}`, interactive * (I - P), price(p.input)));
    items.push(tokenItem('inference.cache_read', `Cached prefix reads${tierNote}`, interactive * h * P, price(p.cached)));
    // No write premium (OpenAI, Gemini implicit): a miss pays the ordinary input price.
    const writePrice = prices.cache_write_usd_per_1m === null ? p.input : p.write;
    items.push(tokenItem('inference.cache_write', `Prefix cache writes${tierNote}`, interactive * (1 - h) * P, price(writePrice)));
  } else {
    items.push(tokenItem('inference.input', `Input tokens${tierNote}`, interactive * I, price(p.input)));
  }
  items.push(tokenItem('inference.output', `Output tokens${tierNote}`, interactive * O, price(p.output)));
  if (b > 0) {
    items.push(tokenItem('inference.batch_input', 'Batch input tokens', b * I, price(prices.batch_input_usd_per_1m)));
    items.push(tokenItem('inference.batch_output', 'Batch output tokens', b * O, price(prices.batch_output_usd_per_1m)));
  }
  return {
    items,
    notes: out,
    cached_input_tokens: cacheApplies ? interactive * options.hit_rate * P : 0,
    tier_applied: tier !== null,
    feasible,
  };
}

/** SPEC §4.3: h = 1 − exp(−λ·ttl), λ = average queries per second of the month. */
export function autoHitRate(queriesPerMonth: number, ttlSeconds: number, secondsPerMonth: number): number {
  const lambda = queriesPerMonth / secondsPerMonth;
  return 1 - Math.exp(-lambda * ttlSeconds);
}
