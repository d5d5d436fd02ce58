/**
 * InferencePlan.rates_matter: a projection asks for each month's quantities at that month's
 * auto hit rates only where some quantity depends on them (src/model/simulate.ts), so a plan
 * that says they do not must give the same doubles at every rate, and one that says they do
 * must really move with them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { planInference } from '../../src/model/inference.js';
import { priceTableOf } from '../../src/model/strategies/parts.js';

const catalog = loadCatalog();
const chat = Object.values(catalog.models).filter((m) => m.mode === 'chat');

describe('InferencePlan.rates_matter', () => {
  it('property: false → every quantity is the same at any hit rates; true → the cache reads move with the rate', () => {
    let without = 0;
    let withRates = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...chat),
        fc.integer({ min: 0, max: 300_000 }),
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 1, max: 4000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        fc.constantFrom('implicit' as const, 'explicit' as const),
        (model, prefix, dynamic, output, h, other, batch, caching, mode) => {
          const plan = planInference(priceTableOf(model), { static_prefix_tokens: prefix, dynamic_tokens: dynamic, output_tokens: output }, {
            caching_enabled: caching, hit_rate: h, batch_share: batch, ttl_s: 300, cache_mode: mode, reasoning_tokens: 0,
          });
          const base = plan.itemsAt(plan.rates).map((i) => i.quantity);
          const at = (r: readonly [number, number]) => {
            const out = new Float64Array(base.length);
            plan.quantitiesAt(r, out);
            return [...out];
          };
          if (!plan.rates_matter) {
            without++;
            // Object.is on every quantity: the same doubles, not merely close ones.
            for (const r of [[other, other], [0, 1], [1, 0]] as const) at(r).forEach((q, k) => expect(Object.is(q, base[k])).toBe(true));
          } else if (plan.fractions[0] > 0) {
            // (All traffic in batch has no interactive line to look at.)
            withRates++;
            // A read of h·P cached tokens: at h = 0 none, at h = 1 the whole prefix P (> 0 where caching applies).
            const reads = plan.itemsAt(plan.rates).findIndex((i) => i.id === 'inference.cache_read');
            expect(reads).toBeGreaterThanOrEqual(0);
            expect(at([0, 0])[reads]).toBe(0);
            expect(at([1, 1])[reads]).toBe((1 - plan.fractions[1]) * prefix);
          }
        },
      ),
      { numRuns: 400 },
    );
    // Both kinds of plan were met (caching off or explicit; implicit above the minimum prefix).
    expect(without).toBeGreaterThan(20);
    expect(withRates).toBeGreaterThan(20);
  });
});
