/**
 * Issue 13, "silently absurd results": inputs inside their bounds that are implausible
 * together still run, and the projection carries a note naming the input.
 */
import { describe, expect, it } from 'vitest';
import { plausibilityNotes } from '../../src/model/plausibility.js';
import { simulate } from '../../src/model/simulate.js';
import { scenarioOf, testCatalog } from '../model/fixtures.js';

const base = (workload: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  version: 1,
  name: 'x',
  workload: { queries_per_month: 1000, ...workload },
  prompt: { query: { tokens: 100 }, output: { tokens: 100 } },
  strategies: { prompt_only: {} },
  ...extra,
});

describe('implausible together', () => {
  it('growth above 50% a month: a note naming workload.growth_per_month, with its yearly factor', async () => {
    const scenario = await scenarioOf(base({ growth_per_month: '60%' }));
    const p = simulate(scenario, testCatalog());
    const note = p.notes.find((n) => (n.code as string) === 'implausible_growth');
    // 1.6^12 = 281.47…: "×281 a year".
    expect(note?.message).toContain('workload.growth_per_month = 60% compounds to ×281 a year');
    expect(p.strategies[0]!.total_usd).not.toBeNull(); // the projection still runs
  });

  it('month-end volume 1,000× month 1: a note naming growth and horizon', async () => {
    const scenario = await scenarioOf(base({ growth_per_month: '10%' }, { horizon_months: 120 }));
    const p = simulate(scenario, testCatalog());
    // 1.1^(120 − 1) = 84,280.6…
    expect(p.notes.find((n) => (n.code as string) === 'implausible_volume')?.message).toContain('horizon_months = 120 ends at 84,281× month 1');
  });

  it('no note for a plain scenario (5% growth over 12 months)', async () => {
    const p = simulate(await scenarioOf(base({ growth_per_month: '5%' })), testCatalog());
    expect(p.notes.filter((n) => n.code.startsWith('implausible'))).toEqual([]);
  });

  it('a total above $10^12, or $10M from a month 1 under $100k, is named with its driver', async () => {
    const scenario = await scenarioOf(base({ growth_per_month: '10%' }, { horizon_months: 120 }));
    const p = simulate(scenario, testCatalog());
    const s = p.strategies[0]!;
    // Scale the figures as a larger input would (the note reads the result, not how it was made).
    const trillion = { ...s, total_usd: 2e12 };
    expect(plausibilityNotes(scenario, [trillion]).find((n) => (n.code as string) === 'implausible_scale')?.message).toMatch(
      /prompt_only totals \$2\.00×10\^12, more than any LLM budget; it comes from workload\.growth_per_month = 10%/,
    );
    const tenMillion = { ...s, total_usd: 2e7, one_time_usd: 0, monthly: s.monthly.map((m, i) => ({ ...m, total_usd: i === 0 ? 500 : m.total_usd })) };
    expect(plausibilityNotes(scenario, [tenMillion]).find((n) => (n.code as string) === 'implausible_total')?.message).toBe(
      'implausible result: prompt_only totals $2.00×10^7 over the horizon from $500 in month 1; it comes from workload.growth_per_month = 10% compounding over horizon_months = 120',
    );
  });
});
