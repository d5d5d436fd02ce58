/**
 * docs/model.md §4: the inference cost of one (average) query, as the provider bills it.
 *
 * Tokens: input I = static prefix P + dynamic part (I − P), visible output O, hidden reasoning R.
 * Shares: interactive (1 − b) and batch b, each billed at its own price set:
 *   interactive: the standard prices; batch: the batch prices (where the provider publishes
 *   none for cache reads or writes, batch requests get no cache discount and pay batch input).
 * For each share s with price set p and hit rate h (caching applies when P ≥ the minimum):
 *   implicit caching: (I − P)·p.in + h·P·p.cached + (1 − h)·P·p.write(ttl)
 *   explicit caching: (I − P)·p.in + P·p.cached   (the cache's creation and storage are monthly items)
 *   no caching:       I·p.in
 *   output:           (O + R)·p.out   (reasoning tokens are billed as output tokens)
 * Cache writes: Anthropic sells a 5-minute (1.25× input) and a 1-hour (2× input) lifetime;
 * providers without a write premium (OpenAI, Gemini implicit) bill a miss as ordinary input.
 * Long-context tier: if I exceeds the threshold, every token of the request is billed at the
 * tier's prices (its batch prices for the batch share).
 * Limits: I ≤ the input limit; O + R ≤ the output limit; I + O + R ≤ the total window where the
 * model has one (Claude, gpt-4.1), not where the limits are separate (gpt-5, Gemini 2.5).
 * Line-item quantities are tokens per average query (fractions are expected).
 */
import { formatCount } from '../format.js';
import type { PRICE_TABLE_FIELDS } from '../catalog/model-fields.js';
import type { BatchPrices, ModelEntry, TokenPrices } from '../catalog/types.js';
import { HOURS_PER_MONTH, perToken } from '../units.js';
import { costOf, lineItem, type PricedBy } from './line-items.js';
import { notes } from '../messages/notes.js';
import type { LineItem, Note } from './types.js';

/** Where a generator's prices come from: a base model or a fine-tuned one. */
export type PriceTable = Pick<ModelEntry, (typeof PRICE_TABLE_FIELDS)[number] | 'long_context' | 'cache_storage_usd_per_1m_per_hour'> & {
  label: string;
  source: PricedBy;
};

export interface QueryTokens {
  /** Everything before the retrieved chunks and the query: cacheable. */
  static_prefix_tokens: number;
  /** Retrieved chunks and the query. */
  dynamic_tokens: number;
  output_tokens: number;
}

interface InferenceOptions {
  caching_enabled: boolean;
  /** Hit rate of every share, unless `hit_rate_of_share` is given. */
  hit_rate: number;
  /**
   * The hit rate of a share that carries `fraction` of the traffic (an auto rate: each share's
   * own traffic warms its cache; docs/model.md §4.3). Applied to the shares as billed.
   */
  hit_rate_of_share?: (fraction: number) => number;
  batch_share: number;
  /** Cache lifetime (s): picks the write price where the provider sells several (Anthropic). */
  ttl_s: number;
  cache_mode: 'implicit' | 'explicit';
  /** Hidden reasoning tokens per query; null = the model reasons but how much is unknown. */
  reasoning_tokens: number | null;
}

/** OpenAI's rule where a model states no minimum: caching starts at 1,024 prompt tokens
 * (https://platform.openai.com/docs/guides/prompt-caching; docs/model.md §4.3). */
const DEFAULT_MIN_CACHEABLE_TOKENS = 1024;
/** Anthropic's two cache lifetimes (s). */
export const CACHE_TTL_5_MIN_S = 300;
export const CACHE_TTL_1_H_S = 3600;

/** The prices of a request in one share: standard or batch, base or tier. */
interface SharePrices {
  input: number | null;
  output: number | null;
  cached: number | null;
  /** Price of a cache miss's write at the chosen lifetime (input price where there is no premium). */
  write: number | null;
  /** false: this share gets no cache discount at all (batch without a published batch cache price). */
  discounted: boolean;
}

function writePrice(p: TokenPrices, ttlS: number, missAt: number | null): number | null {
  // No write premium at all (OpenAI, Gemini implicit): a miss pays the input price.
  if (p.cache_write_usd_per_1m === null && p.cache_write_1h_usd_per_1m === null) return missAt;
  return ttlS === CACHE_TTL_1_H_S ? p.cache_write_1h_usd_per_1m : p.cache_write_usd_per_1m;
}

function standardPrices(p: TokenPrices, ttlS: number): SharePrices {
  return { input: p.input_usd_per_1m, output: p.output_usd_per_1m, cached: p.cached_input_usd_per_1m, write: writePrice(p, ttlS, p.input_usd_per_1m), discounted: true };
}

/**
 * Batch prices. A batch cache price the provider does not publish means no cache discount in
 * batch: OpenAI's pricing page (Batch tab) lists a batch cached-input price for the gpt-5
 * family and "-" for gpt-4.1, gpt-4o and the o-series, so their batch reads and writes pay
 * batch input (docs/model.md §4.4).
 */
function batchPrices(b: BatchPrices, standard: TokenPrices, ttlS: number): SharePrices {
  const hasPremium = standard.cache_write_usd_per_1m !== null || standard.cache_write_1h_usd_per_1m !== null;
  const write = hasPremium
    ? (ttlS === CACHE_TTL_1_H_S ? b.cache_write_1h_usd_per_1m : b.cache_write_usd_per_1m) ?? b.input_usd_per_1m
    : b.input_usd_per_1m;
  return {
    input: b.input_usd_per_1m,
    output: b.output_usd_per_1m,
    cached: b.cached_input_usd_per_1m ?? b.input_usd_per_1m,
    write,
    discounted: b.cached_input_usd_per_1m !== null,
  };
}

function baseBatch(p: PriceTable): BatchPrices | null {
  if (p.batch_input_usd_per_1m === null || p.batch_output_usd_per_1m === null) return null;
  return {
    input_usd_per_1m: p.batch_input_usd_per_1m,
    output_usd_per_1m: p.batch_output_usd_per_1m,
    cached_input_usd_per_1m: p.batch_cached_input_usd_per_1m,
    cache_write_usd_per_1m: p.batch_cache_write_usd_per_1m,
    cache_write_1h_usd_per_1m: p.batch_cache_write_1h_usd_per_1m,
  };
}


/** Hit rates of the interactive and the batch share, in that order. */
export type ShareRates = readonly [interactive: number, batch: number];

/**
 * Everything the pricing of a query decides that does not depend on the hit rates: the limits, the
 * tier, the shares' prices, whether caching applies, and the notes (worded at the hit rates of
 * the options given, month 1's). Only an auto hit rate changes from month to month (docs/model.md
 * §4.3), so the projection plans once per strategy and asks for each month's quantities,
 * instead of pricing (and wording the notes of) every month again.
 */
export interface InferencePlan {
  notes: Note[];
  tier_applied: boolean;
  feasible: boolean;
  /** Explicit caching: cached prefix tokens kept in storage (0 otherwise), for the monthly items. */
  explicit_cache_tokens: number;
  /** Traffic fraction of the interactive and the batch share as billed (batch 0 where it has no price). */
  fractions: ShareRates;
  /**
   * Whether any quantity depends on the hit rates: only implicit caching's reads and writes do
   * (an explicit cache serves every query's prefix, and without caching no line reads a rate),
   * so otherwise itemsAt and quantitiesAt give the same quantities at every rate.
   */
  rates_matter: boolean;
  /** The hit rates of the options the plan was made with. */
  rates: ShareRates;
  /** The per-query items at these hit rates. */
  itemsAt(rates: ShareRates): LineItem[];
  /** The same items' quantities at these hit rates, into out[0 … items − 1] (the same doubles itemsAt gives). */
  quantitiesAt(rates: ShareRates, out: Float64Array): void;
  /** Average cached input tokens per interactive query at these hit rates. */
  cachedInputTokensAt(rates: ShareRates): number;
}

/**
 * One per-query token item: its quantity is `weight × base` (no cache), `weight × h × P`
 * (cache reads) or `weight × (1 − h) × P` (cache writes), h its share's hit rate, always
 * formed in that order.
 */
interface TokenLine {
  id: string;
  name: string;
  unit_price_usd: number | null;
  weight: number;
  base: number;
  on: 'none' | 'hits' | 'misses';
  batch: boolean;
}

export function planInference(prices: PriceTable, tokens: QueryTokens, options: InferenceOptions): InferencePlan {
  const out: Note[] = [];
  const I = tokens.static_prefix_tokens + tokens.dynamic_tokens;
  const P = tokens.static_prefix_tokens;
  const O = tokens.output_tokens;
  const R = options.reasoning_tokens;
  const Rk = R ?? 0; // limits are checked with what is known; an unknown R is reported below
  let feasible = true;

  // Limits: each named; the sum only against a window the model actually has. Where the
  // window is shared and no larger than the input limit, the window check says it all.
  const total = prices.total_window_tokens;
  if (prices.context_window === null) out.push(notes.contextUnknown(prices.label));
  else if (I > prices.context_window && (total === null || prices.context_window < total)) {
    out.push(notes.inputLimitExceeded(prices.label, I, prices.context_window));
    feasible = false;
  }
  if (prices.max_output_tokens !== null && O + Rk > prices.max_output_tokens) {
    out.push(notes.maxOutputExceeded(prices.label, O, Rk, prices.max_output_tokens));
    feasible = false;
  }
  if (total !== null && I + O + Rk > total) {
    out.push(notes.contextExceeded(prices.label, I, O, Rk, total));
    feasible = false;
  }

  const tier = prices.long_context && I > prices.long_context.threshold_tokens ? prices.long_context : null;
  if (tier) out.push(notes.longContextTier(prices.label, I, tier.threshold_tokens));
  const tierNote = tier ? ` (>${formatCount(tier.threshold_tokens)} tier)` : '';
  // The tier replaces every price, so a tier with no cache price means caching there is
  // unpriced, unless the base model has no cache price either (then it simply has no caching).
  const standardTable: TokenPrices = tier ?? prices;
  const interactivePrices = standardPrices(standardTable, options.ttl_s);

  let b = options.batch_share;
  const batchTable = tier ? tier.batch : baseBatch(prices);
  if (b > 0 && batchTable === null) {
    out.push(notes.noBatchPrice(prices.label, b));
    b = 0;
  }
  const batch = batchTable === null ? null : batchPrices(batchTable, standardTable, options.ttl_s);

  const hasCaching = prices.cached_input_usd_per_1m !== null;
  const explicit = options.cache_mode === 'explicit';
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
  // An explicit cache, while kept, serves every query's prefix; implicit hits follow each share's h.
  const fractions: ShareRates = [1 - b, b];
  const ofShare = options.hit_rate_of_share;
  const rates: ShareRates = ofShare ? [ofShare(fractions[0]), ofShare(fractions[1])] : [options.hit_rate, options.hit_rate];
  const hitRate = (r: ShareRates, batchShare: boolean) => (explicit ? 1 : r[batchShare ? 1 : 0]!);
  if (R === null) out.push(notes.reasoningUnknown(prices.label));

  const price = (usdPer1m: number | null) => (usdPer1m === null ? null : perToken(usdPer1m));
  // One share's lines; ids "inference.<part>" (interactive) and "inference.batch_<part>" (batch).
  const share = (batchShare: boolean, weight: number, p: SharePrices, lines: TokenLine[]) => {
    if (weight <= 0) return;
    const id = (part: string) => `inference.${batchShare ? 'batch_' : ''}${part}`;
    const named = (s: string) => (batchShare ? `Batch ${s}` : s.charAt(0).toUpperCase() + s.slice(1));
    const line = (part: string, name: string, unit_price_usd: number | null, base: number, on: TokenLine['on'] = 'none') =>
      lines.push({ id: id(part), name: named(name), unit_price_usd, weight, base, on, batch: batchShare });
    if (cacheApplies && p.discounted) {
      line('input', `input tokens, uncached${tierNote}`, price(p.input), I - P);
      line('cache_read', `cached prefix reads${tierNote}`, price(p.cached), P, 'hits');
      if (!explicit) {
        // The 5-minute cache is the default lifetime; only the 1-hour one is named.
        const oneHour = options.ttl_s === CACHE_TTL_1_H_S && prices.cache_write_1h_usd_per_1m !== null;
        line('cache_write', `prefix cache writes${oneHour ? ' (1-hour cache)' : ''}${tierNote}`, price(p.write), P, 'misses');
      }
    } else {
      line('input', `input tokens${tierNote}`, price(p.input), I);
    }
    line('output', `output tokens${tierNote}`, price(p.output), O);
    // Hidden reasoning is billed as output tokens (OpenAI reasoning guide; Gemini "output price
    // (including thinking tokens)"; Claude's thinking tokens are billed as output).
    if (R !== null && R > 0) line('reasoning', `reasoning tokens${tierNote}`, price(p.output), R);
  };
  const quantity = (l: TokenLine, r: ShareRates): number => {
    if (l.on === 'none') return l.weight * l.base;
    const h = hitRate(r, l.batch);
    return l.on === 'hits' ? l.weight * h * P : l.weight * (1 - h) * P;
  };
  // Pushed into a literal, not built with lines.map: map's result array can change map (element
  // kind) once TurboFan inlines the call, and that late map deoptimised simulateStrategy, which
  // reads these arrays, mid-way through a Monte Carlo (seen with node --trace-deopt; gone with this).
  const itemsOf = (lines: readonly TokenLine[], r: ShareRates): LineItem[] => {
    const items: LineItem[] = [];
    for (const l of lines) items.push(lineItem({ id: l.id, name: l.name, category: 'inference', period: 'per_query', unit: 'tokens', quantity: quantity(l, r), unit_price_usd: l.unit_price_usd, source: prices.source }));
    return items;
  };

  const lines: TokenLine[] = [];
  share(false, fractions[0], interactivePrices, lines);
  if (batch) share(true, b, batch, lines);
  if (batch && b > 0 && cacheApplies && !batch.discounted) {
    // The batch share gets no cache discount (OpenAI lists no batch cached-input price for
    // gpt-4.1/4o and the o-series): say so where that outweighs the batch discount, since
    // moving traffic to batch then raises the bill (docs/model.md §4.4). USD per query.
    const perQuery = (batchShare: boolean, p: SharePrices) => {
      const one: TokenLine[] = [];
      share(batchShare, 1, p, one);
      return costOf(itemsOf(one, rates));
    };
    const [interactiveQuery, batchQuery] = [perQuery(false, interactivePrices), perQuery(true, batch)];
    if (interactiveQuery !== null && batchQuery !== null && batchQuery > interactiveQuery && batch.input !== null && interactivePrices.cached !== null) {
      out.push(notes.batchCostsMore(prices.label, P, batch.input, interactivePrices.cached, batchQuery, interactiveQuery));
    }
  }
  const unknownReasoning = R === null;

  return {
    notes: out,
    tier_applied: tier !== null,
    feasible,
    explicit_cache_tokens: cacheApplies && explicit ? P : 0,
    rates_matter: cacheApplies && !explicit,
    fractions,
    rates,
    itemsAt(r) {
      const items = itemsOf(lines, r);
      if (unknownReasoning) {
        // Unknown is not zero: the line is listed, unpriced, so the totals are unknown too.
        items.push(lineItem({ id: 'inference.reasoning_unknown', name: 'Reasoning tokens (count unknown)', category: 'inference', period: 'per_query', unit: 'tokens', quantity: 0, unit_price_usd: null, source: prices.source }));
      }
      return items;
    },
    quantitiesAt(r, into) {
      for (let k = 0; k < lines.length; k++) into[k] = quantity(lines[k]!, r);
      if (unknownReasoning) into[lines.length] = 0;
    },
    // Per interactive query: its prefix hits, which prefill faster (the latency model's input).
    cachedInputTokensAt: (r) => (cacheApplies ? hitRate(r, false) * P : 0),
  };
}

/** A Gemini explicit context cache's items: storage (monthly) and creation (one-time); none without one. */
export interface ExplicitCache {
  monthly: LineItem[];
  one_time: LineItem[];
}

/**
 * Items of a Gemini explicit context cache of `tokens` tokens. The cache is created once (its
 * tokens billed as ordinary input, one-time) and kept for the whole projection by refreshing its
 * TTL, so every hour of every month is billed for storage: tokens × 730 h × the storage price
 * per token-hour (Gemini pricing: "$1.00 / 1,000,000 tokens per hour" for 2.5 Flash).
 */
export function explicitCacheItems(prices: PriceTable, tokens: number): ExplicitCache {
  if (tokens <= 0) return { monthly: [], one_time: [] };
  const storage = prices.cache_storage_usd_per_1m_per_hour;
  return {
    monthly: [
      lineItem({
        id: 'inference.explicit_cache_storage', name: 'Explicit cache storage', category: 'inference', period: 'monthly', unit: 'token-hours',
        quantity: tokens * HOURS_PER_MONTH, unit_price_usd: storage === null ? null : perToken(storage), source: prices.source,
      }),
    ],
    one_time: [
      lineItem({
        id: 'inference.explicit_cache_creation', name: 'Explicit cache creation', category: 'inference', period: 'one_time', unit: 'tokens',
        quantity: tokens, unit_price_usd: prices.input_usd_per_1m === null ? null : perToken(prices.input_usd_per_1m), source: prices.source,
      }),
    ],
  };
}

/** docs/model.md §4.3: h = 1 − exp(−λ·ttl), λ = average queries per second of the month. */
export function autoHitRate(queriesPerMonth: number, ttlSeconds: number, secondsPerMonth: number): number {
  const lambda = queriesPerMonth / secondsPerMonth;
  return 1 - Math.exp(-lambda * ttlSeconds);
}
