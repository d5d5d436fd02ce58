import { describe, expect, it } from 'vitest';
import { SUMMARY_CHART_SCENARIOS, TopScenarios } from '../../src/cli/run-command.js';
import type { Projection } from '../../src/model/types.js';
import { summaryChart } from '../../src/report/charts/summary.js';
import { loadFixture } from '../report/fixture.js';

/** The support fixture with its recommended strategy's horizon total set to `usd`. */
function costing(usd: number, name: string): Projection {
  const p = structuredClone(loadFixture('help-center-rag'));
  p.scenario.name = name;
  const rec = p.strategies.find((s) => s.id === p.verdict.recommended);
  if (!rec) throw new Error('fixture has a recommended strategy');
  rec.total_usd = usd;
  return p;
}

describe('the batch summary chart at scale', () => {
  it('keeps the costliest 20 in batch order, with their numbers in the batch', () => {
    expect(SUMMARY_CHART_SCENARIOS).toBe(20);
    const top = new TopScenarios();
    // Totals 1,000 … 30,000 in a shuffled order: scenario k (1-based) costs ((k × 7) mod 30 + 1) × $1,000.
    const totals = Array.from({ length: 30 }, (_, i) => (((i + 1) * 7) % 30 + 1) * 1000);
    totals.forEach((usd, i) => top.add(costing(usd, `s${i + 1}`)));
    const { projections, numbers } = top.selected();
    expect(top.count).toBe(30);
    // The 20 largest totals are 11,000 … 30,000: the scenarios whose total is > 10,000.
    const expected = totals.map((usd, i) => ({ usd, n: i + 1 })).filter((x) => x.usd > 10_000).map((x) => x.n);
    expect(numbers).toEqual(expected);
    expect(projections.map((p) => p.scenario.name)).toEqual(expected.map((n) => `s${n}`));
  });

  it('says how many of how many it draws, and numbers panels by their place in the batch', () => {
    const spec = summaryChart([costing(5, 'a'), costing(6, 'b')], { numbers: [7, 42], total: 300 }) as unknown as Record<string, unknown>;
    const text = JSON.stringify(spec);
    expect(text).toContain('the 2 costliest of 300 scenarios');
    expect(text).toContain('"7. a (');
    expect(text).toContain('"42. b (');
    // Without options: every scenario, numbered 1, 2 (the chart of a small batch, unchanged).
    const plain = JSON.stringify(summaryChart([costing(5, 'a'), costing(6, 'b')]));
    expect(plain).toContain('2 scenarios · each panel on its own scale');
    expect(plain).toContain('"1. a (');
  });
});
