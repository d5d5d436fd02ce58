/**
 * Issue 11, finance reader items 1 and 4: the executive summary and the key assumptions at the
 * top of report.html and summary.md. Figures worked out by hand in the comments.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MonthResult, Projection, StrategyResult } from '../../src/model/types.js';
import { executiveSummary, keyAssumptions, monthName, overtakeSentence } from '../../src/report/executive.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { loadFixture, tinyProjection } from './fixture.js';

/** Twelve months from 2027-01, each costing `monthly`; `oneTime` before month 1. */
function flat(s: StrategyResult, oneTime: number, monthly: number): StrategyResult {
  const months: MonthResult[] = Array.from({ length: 12 }, (_, i) => ({
    month: i + 1,
    label: `2027-${String(i + 1).padStart(2, '0')}`,
    queries: 1000,
    total_usd: monthly,
    by_category: { inference: monthly },
  }));
  return { ...s, feasible: true, meets_targets: true, notes: [], unpriced: [], one_time_usd: oneTime, monthly: months, total_usd: oneTime + 12 * monthly };
}

function twoOptions(rag: [number, number], hybrid: [number, number]): Projection {
  const p = tinyProjection();
  p.scenario.horizon_months = 12;
  p.strategies = [flat(p.strategies[0]!, ...rag), flat(p.strategies[1]!, ...hybrid)];
  return p;
}

describe('executive summary', () => {
  it('names months the way a reader says them', () => {
    expect(monthName('2028-09')).toBe('Sep 2028');
    expect(monthName('2027-01')).toBe('Jan 2027');
    expect(monthName('one-time')).toBe('one-time');
  });

  it('says when the recommendation overtakes the next option, from the cumulative series', () => {
    // rag: $1,000 once + $100 a month → 1000 + 100m by month m; hybrid: $200 a month → 200m.
    // rag is behind while 1000 + 100m > 200m, i.e. m < 10: hybrid is cheaper through month 9
    // (Sep 2027); they tie at month 10 (Oct 2027). By Dec 2027: 2,400 − 2,200 = $200.
    const p = twoOptions([1000, 100], [0, 200]);
    expect(overtakeSentence(p, p.strategies[0]!)).toBe(
      'hybrid is cheaper until Sep 2027, rag from Oct 2027 on (cumulative spend, one-time costs included): $200 less than hybrid (the next option) by Dec 2027.',
    );
  });

  it('says by how much it leads when it never trails, and when the other would catch up', () => {
    // rag: $150 a month → 150m; hybrid: $1,200 once + $100 a month → 1200 + 100m; rag is ahead
    // while 50m < 1200 (m < 24): all 12 months. Lead at Dec 2027: 2,400 − 1,800 = $600;
    // it shrinks by 150 − 100 = $50 a month: ⌈600 / 50⌉ = 12 months after the horizon.
    const p = twoOptions([0, 150], [1200, 100]);
    expect(overtakeSentence(p, p.strategies[0]!)).toBe(
      'rag costs less than hybrid (the next option) by the end of every month, one-time costs included: $600 less by Dec 2027. ' +
        'Its monthly bill is the higher one ($150 against $100 in Dec 2027): at those rates hybrid would catch up about 12 months after the horizon.',
    );
  });

  it('has no "next option" when the others cannot run or are not priced', () => {
    // tiny: hybrid's hosting has no price, so rag has no priced rival.
    const p = tinyProjection();
    expect(overtakeSentence(p, p.strategies[0]!)).toBeNull();
  });

  it('states the cost, and without a sensitivity the largest line items as what drives it', () => {
    const ex = executiveSummary(tinyProjection());
    expect(ex.recommendation).toBe('Recommended: rag, the cheapest of the 1 strategy that can run, are priced and meet every target.');
    // one-time 12,001.50 → $12,002; month 1 $7.10; month 2 $9.20; total 12,017.80 → $12,018
    expect(ex.cost).toBe('It costs $12,002 once, $7.10 in its first month (Jan 2027) rising to $9.20 in Feb 2027, and $12,018 over 2 months (Jan 2027 to Feb 2027).');
    // Over the horizon: engineering 12,000 (12,000 / 12,017.8 = 99.85%), storage 5 + 5 = $10
    // (0.083%), input tokens 1.68 + 3.36 = $5.04 (0.042%).
    expect(ex.drivers).toEqual([
      'engineering effort: $12,000, 99.9% of the total at $4,000 per engineer-week, once.',
      'vector storage: $10.00, 0.08% of the total at $5 per GB-month.',
      'input tokens: $5.04, 0.04% of the total at $0.40 per 1M tokens.',
    ]);
    expect(ex.range).toBeNull();
  });

  it('with ranges: the P10–P90 range and the widest tornado bars, not an input that moves nothing', () => {
    const p = JSON.parse(readFileSync(new URL('../../charts/help-center-rag/projection.json', import.meta.url), 'utf8')) as Projection;
    const ex = executiveSummary(p);
    const q = p.uncertainty!.strategies.find((s) => s.id === 'rag')!.total_usd!;
    expect(ex.range).toContain(`Range: $${Math.round(q.p10).toLocaleString('en-US')} to $${Math.round(q.p90).toLocaleString('en-US')} (P10 to P90`);
    // knowledge.change_per_month swings the total by $0.54, under 1% of $63,840: not a driver.
    expect(ex.drivers.some((d) => d.includes('knowledge'))).toBe(false);
    expect(ex.drivers[0]).toMatch(/^daily chats \(across its range, 30,000 to 300,000\) moves the total from \$[\d,]+ to \$[\d,]+; fine_tuning wins at the high end\.$/);
    expect(ex.drivers[1]).toMatch(/^fine_tuning becomes cheaper above [\d,]+ of daily chats \(other inputs at base\)\.$/);
  });

  it('says plainly when nothing is recommended', () => {
    const p = tinyProjection();
    p.verdict.recommended = null;
    expect(executiveSummary(p)).toMatchObject({ recommendation: 'No strategy is recommended: none can run, is fully priced and meets every target.', cost: null });
  });
});

describe('key assumptions in words', () => {
  it('help-center-rag: traffic, the query, the knowledge, the targets, the set-up', () => {
    const key = keyAssumptions(loadFixture('help-center-rag'));
    const text = Object.fromEntries(key.map((k) => [k.topic, k.text]));
    // 50k chats × 30 = 1.5M queries in Jan 2027; × 1.03^11 = 1.3842 → 2.08M in Dec 2027.
    expect(text.Traffic).toBe('1.5M queries in Jan 2027 (daily_chats * 30), growing 3% a month to 2.1M in Dec 2027, the busiest minute at 2.5× the average.');
    expect(text['Each query']).toBe('7,182 input tokens (4,050 of them cached) and 350 output tokens with rag, on gpt-4.1-mini, at $0.40 in and $1.60 out per 1M tokens.');
    // change_per_month is a range ({ low: 4%, base: 8%, high: 15% }): its base is the assumption.
    expect(text.Knowledge).toBe('8% of the knowledge changes a month, published every 1 day, answers at most 2 days old.');
    expect(text.Targets).toBe('95% of answers within 10 s, the first word within 3 s.');
    expect(text['Set-up']).toBe('4 engineer-weeks for rag at $4,000 a week.');
  });

  it('come first: before the comparison in report.html, before the strategies in summary.md', () => {
    const p = loadFixture('help-center-rag');
    const html = renderHtml(p);
    expect(html.indexOf('id="key"')).toBeGreaterThan(html.indexOf('id="verdict-title"'));
    expect(html.indexOf('id="key"')).toBeLessThan(html.indexOf('id="cmp"'));
    expect(html).toContain('It costs $16,002 once');
    const md = renderMarkdown(p);
    expect(md.indexOf('## Key assumptions')).toBeLessThan(md.indexOf('## Strategies'));
    expect(md.indexOf('It costs $16,002 once')).toBeLessThan(md.indexOf('## Key assumptions'));
    expect(md).toContain('- **Traffic**: 1.5M queries in Jan 2027 (daily\\_chats \\* 30), growing 3% a month');
  });
});
