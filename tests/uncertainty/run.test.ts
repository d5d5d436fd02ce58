/**
 * A scenario with ranges through the whole pipeline: Monte Carlo, sensitivity, reports and
 * charts; the same seed gives the same bytes; mistakes in a range are clear problems.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { simulate } from '../../src/model/simulate.js';
import { renderSvg } from '../../src/render/render.js';
import { buildCharts } from '../../src/report/charts/index.js';
import { renderHtml } from '../../src/report/html.js';
import { renderProjectionJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { normalizeScenario } from '../../src/scenario/normalize.js';
import { analyzeUncertainty } from '../../src/uncertainty/analyze.js';

const catalog = loadCatalog();
const today = '2026-11-21';

const scenario = {
  version: 1,
  name: 'Ranged',
  start_month: '2027-01',
  horizon_months: 6,
  uncertainty: { samples: 300, seed: 7 },
  vars: { daily: '10k to 150k' },
  workload: { queries_per_month: 'daily * 30' },
  prompt: { system: { tokens: 500 }, instructions: { tokens: 500 }, examples: { tokens: 2000 }, query: { tokens: 100 }, output: { tokens: 200 } },
  caching: { enabled: false },
  fine_tuning: { dataset: { examples: 1000, tokens_per_example: 1000 }, epochs: 3, retrain_every: 'never', curation_usd_per_example: '1 to 4' },
  strategies: { prompt_only: {}, fine_tuning: {} },
};

async function run(data: Record<string, unknown>) {
  const r = await normalizeScenario(data, { catalog, file: 'ranged.yaml', today });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return analyzeUncertainty(r.scenario, catalog, simulate(r.scenario, catalog));
}

async function problems(data: Record<string, unknown>): Promise<{ path: string; message: string }[]> {
  const r = await normalizeScenario(data, { catalog, file: 'bad.yaml', today });
  return r.ok ? [] : r.problems;
}

describe('a scenario with ranges', () => {
  it('reports P10/P50/P90, win probabilities that add up, a robust verdict, a tornado and a break-even', async () => {
    const p = await run(scenario);
    const u = p.uncertainty!;
    expect(u.samples).toBe(300);
    expect(u.seed).toBe(7);
    const wins = u.strategies.reduce((a, s) => a + s.p_recommended, 0) + u.p_no_verdict;
    expect(wins).toBeCloseTo(1, 12);
    for (const s of u.strategies) {
      expect(s.total_usd!.p10).toBeLessThan(s.total_usd!.p50);
      expect(s.total_usd!.p50).toBeLessThan(s.total_usd!.p90);
      expect(s.monthly_usd).toHaveLength(6);
      expect(s.cumulative_usd).toHaveLength(7);
    }
    // Both win in some futures: prompt_only at low volume, fine_tuning at high.
    expect(u.strategies.every((s) => s.p_recommended > 0)).toBe(true);
    expect(u.verdict[0]).toMatch(/^(prompt_only|fine_tuning) is cheapest in \d+% of futures; (prompt_only|fine_tuning) in \d+%, when vars\.daily (exceeds|is below) ~/);
    const t = p.sensitivity!;
    expect(t.inputs_from).toBe('ranges');
    expect(t.bars.map((b) => b.id).sort()).toEqual(['fine_tuning.curation_usd_per_example', 'vars.daily']);
    expect(t.bars[0]!.swing_usd).toBeGreaterThanOrEqual(t.bars[1]!.swing_usd);
    // Break-even along vars.daily at base curation (√(1·4) = $2 an example): one-time 15 + 2,000 = $2,015;
    // per query $0.00044 cheaper; 6 months of 30·d queries: 2015 = 0.00044 · 180 · d → d = 25,441.9…
    const be = t.break_even.find((b) => b.input === 'vars.daily');
    expect(be).toBeDefined();
    expect(Math.abs(be!.value / (2015 / (0.00044 * 180)) - 1)).toBeLessThan(1e-9);
    expect(renderHtml(p)).toContain('becomes cheaper than');
    expect(renderMarkdown(p)).toMatch(/Range: \$[\d,]+ to \$[\d,]+ \(P10 to P90, P50 \$[\d,]+\) over 300 futures/);
  });

  it('the same seed gives byte-identical JSON, report and charts; another seed other draws', async () => {
    const a = await run(scenario);
    const b = await run(scenario);
    expect(renderProjectionJson(a)).toBe(renderProjectionJson(b));
    expect(renderHtml(a)).toBe(renderHtml(b));
    const chartsA = buildCharts(a);
    const chartsB = buildCharts(b);
    expect(chartsA.map((c) => c.name)).toContain('win-probability');
    expect(chartsA.map((c) => c.name)).toContain('tornado');
    // The SVGs: a chart's PNG is drawn from its SVG alone (renderChart: svgToPng(svg)), and the
    // same SVG gives the same PNG bytes (tests/render/render.test.ts), so equal SVGs are equal charts.
    for (const [i, c] of chartsA.entries()) {
      if (!['win-probability', 'tornado', 'spend-over-time'].includes(c.name)) continue;
      expect(await renderSvg(c.spec)).toBe(await renderSvg(chartsB[i]!.spec));
    }
    const c = await run({ ...scenario, uncertainty: { samples: 300, seed: 8 } });
    expect(renderProjectionJson(c)).not.toBe(renderProjectionJson(a));
  }, 60_000);
});

describe('mistakes in ranges', () => {
  it('are problems at the field, saying what to write', async () => {
    const bad = await problems({
      ...scenario,
      horizon_months: '6 to 12',
      workload: { queries_per_month: '5M to 1M' },
      caching: { enabled: true, hit_rate: '20% to 140%' },
      models: { generator: { id: 'gpt-4.1-mini', input_usd_per_1m: '0.3 to 0.5' } },
      uncertainty: { samples: 5 },
    });
    const at = (path: string) => bad.find((p) => p.path === path)?.message;
    expect(at('horizon_months')).toMatch(/a range is not accepted here: the horizon is the length of every projection/);
    expect(at('workload.queries_per_month')).toMatch(/write the smaller value first/);
    expect(at('caching.hit_rate')).toMatch(/high end of the range/);
    expect(at('models.generator.input_usd_per_1m')).toMatch(/a range \("0.3 to 0.5"\) is not accepted here/);
    expect(at('uncertainty.samples')).toMatch(/must be between 10 and 100,000; got 5/);
  });
});
