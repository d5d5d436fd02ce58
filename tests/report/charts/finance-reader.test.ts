/**
 * Issue #11, finance reader item 7 (the charts) and the chart side of item 2 (a strategy that
 * cannot run is not drawn as an option). Each block reproduces what a finance reader saw, on the
 * Vega-Lite spec where that is enough and on the rendered SVG where the problem is the picture.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Projection } from '../../../src/model/types.js';
import { renderSvg } from '../../../src/render/index.js';
import { buildCharts, strategyInfos } from '../../../src/report/charts/index.js';
import { WIDTH } from '../../../src/report/charts/common.js';
import { loadFixture } from '../fixture.js';
import { loadProjection, walk } from './fixtures.js';

const support: Projection = await loadProjection('support');
const helpCenter: Projection = loadFixture('help-center-rag');

type Obj = Record<string, unknown>;
const specOf = (p: Projection, name: string): Obj => buildCharts(p).find((c) => c.name === name)?.spec as unknown as Obj;
const objects = (spec: unknown): Obj[] =>
  [...walk(spec)].map((n) => n.value).filter((v): v is Obj => typeof v === 'object' && !Array.isArray(v));
/** Data rows of a spec (objects carrying `kind`). */
const rowsOf = (spec: unknown, kind: string): Obj[] => objects(spec).filter((o) => o['kind'] === kind);
/** The colour encoding whose field is `field`, with its scale and legend. */
const colorEncoding = (spec: unknown, field: string): Obj | undefined =>
  objects(spec).find((o) => o['field'] === field && typeof o['scale'] === 'object' && o['scale'] !== null && 'legend' in o);
/** The footnotes under a chart, each one whole again (they are wrapped into rows of text). */
const footnotes = (spec: unknown): string[] =>
  objects(spec)
    .filter((o) => typeof o['line'] === 'number' && typeof o['text'] === 'string')
    .map((o) => String(o['text']))
    .join('\n')
    .split(/\n?• /)
    .map((t) => t.replace(/\n {2}/g, ' ').trim())
    .filter((t) => t.length > 0);

/** help-center-rag with eight more strategies (copies under new ids), the name of a long scenario. */
function manyStrategies(): Projection {
  const p = structuredClone(helpCenter);
  p.scenario.name = 'Legal archive Q&A (corpus too large for any context)';
  const extra = ['rag-k3', 'rag-k6', 'rag-k12', 'rag-k20', 'hybrid-k12', 'ft-small', 'ft-large', 'rag-rerank'];
  extra.forEach((id, i) => p.strategies.push({ ...structuredClone(p.strategies[1 + (i % 3)]!), id }));
  return p;
}

describe('monthly-spend', () => {
  it('writes each bar’s amount in one neutral colour: colour means cost category only', () => {
    // Before: the amount took the strategy's colour, so fine_tuning's bluish-green "$…" sat beside
    // the light-green training segment and read as "training".
    const spec = specOf(support, 'monthly-spend');
    const strategyColors = new Set(strategyInfos(support).map((s) => s.color));
    const totals = rowsOf(spec, 'total');
    expect(totals.length).toBe(2 * support.strategies.length); // two panels
    for (const row of totals) expect(strategyColors.has(String(row['color'])), String(row['text'])).toBe(false);
    expect(new Set(totals.filter((r) => String(r['text']).startsWith('$')).map((r) => r['color']))).toEqual(new Set(['#222222']));
  });

  it('keeps categories too small to see out of the legend and names them in a footnote', () => {
    // help-center-rag, both panels share one x scale: domain = 1.45 × the largest month's bar.
    // The largest is fine_tuning in month 12 (inference 2,172 × 1.03^11 + training 5,475); a
    // panel is (640 − 20) / 2 = 310 px. rag's storage, $43.02 in month 1 (the Pinecone plan
    // minimum's top-up and storage), is 43.02 / (1.45 × ~8,480) × 310 ≈ 1.1 px: not visible,
    // while inference (≥ $2,172, ≥ 55 px) and training ($5,475) are.
    const spec = specOf(helpCenter, 'monthly-spend');
    const color = colorEncoding(spec, 'category');
    const legend = color?.['legend'] as Obj;
    const domain = (color?.['scale'] as Obj)['domain'] as string[];
    expect(domain).toEqual(['inference', 'retrieval', 'indexing', 'storage', 'training']);
    expect(legend['values']).toEqual(['inference', 'training']);
    const note = footnotes(spec).find((t) => t.includes('Too small to see'));
    expect(note).toContain('retrieval');
    expect(note).toContain('indexing (under $1 a month)');
    expect(note).toContain('storage (at most $');
    // Every category left out is narrower than 2 px in every bar; every one kept is wider somewhere.
    const xScale = objects(spec).find((o) => o['field'] === 'usd' && typeof o['scale'] === 'object')?.['scale'] as Obj;
    const usdPerPx = ((xScale['domain'] as number[])[1] ?? 0) / 310;
    const widest = new Map<string, number>();
    for (const r of rowsOf(spec, 'segment')) widest.set(String(r['category']), Math.max(widest.get(String(r['category'])) ?? 0, Number(r['usd']) / usdPerPx));
    for (const [cat, px] of widest) expect(px >= 2, `${cat}: ${px} px`).toBe((legend['values'] as string[]).includes(cat));
  });

  it('fills the image: with many strategies and a long name, the panels span most of its width', async () => {
    // Before: two 220-px panels under a one-line 780-px title; the image was ~1,000 px wide and
    // the right half empty. Now the panels share WIDTH (640 px) and the title wraps.
    const spec = buildCharts(manyStrategies()).find((c) => c.name === 'monthly-spend')!.spec;
    const facet = objects(spec).find((o) => 'facet' in o) as Obj;
    const panelWidth = (facet['spec'] as Obj)['width'] as number;
    const spacing = facet['spacing'] as number;
    expect(2 * panelWidth + spacing).toBeLessThanOrEqual(WIDTH);
    expect(2 * panelWidth + spacing).toBeGreaterThan(WIDTH - 2);
    const svg = await renderSvg(spec);
    const imageWidth = Number(/width="(\d+(?:\.\d+)?)"/.exec(svg)![1]);
    expect((2 * panelWidth + spacing) / imageWidth).toBeGreaterThan(0.7);
  });

  it('shows a strategy that cannot run as "—" with the reason, not as a bar or an amount', () => {
    const spec = specOf(support, 'monthly-spend');
    const rows = objects(spec).filter((o) => o['strategy'] === 'prompt_only');
    expect(rows.filter((r) => r['kind'] === 'segment')).toEqual([]);
    for (const r of rows) expect(String(r['text'])).toMatch(/^— cannot run: 18,004,560 input/);
  });
});

describe('cost-per-query', () => {
  const selfHosted = JSON.parse(
    readFileSync(fileURLToPath(new URL('../../golden/__snapshots__/self-hosted-llama-triage.projection.json', import.meta.url)), 'utf8'),
  ) as Projection;

  it('shows the all-in cost per query of a self-hosted strategy beside its marginal $0, and names the month', () => {
    // ft-llama-selfhosted, Jan 2027 (month 1): 1 GPU replica × 730 h × $3.89/h = $2,839.70, plus
    // retraining 1/3 of a run × $4.50 = $1.50 → $2,841.20 over 3,000,000 queries = $0.000947067
    // a query. Its per-query line items are none: marginal $0. Before: one bar, "$0.0000".
    const spec = specOf(selfHosted, 'cost-per-query');
    const totals = rowsOf(spec, 'total').filter((r) => r['strategy'] === 'ft-llama-selfhosted');
    const allIn = totals.find((r) => String(r['panel']).startsWith('All-in, Jan 2027'));
    const marginal = totals.find((r) => String(r['panel']).startsWith('Marginal'));
    expect(allIn?.['x']).toBeCloseTo(2841.2 / 3_000_000, 12);
    expect(allIn?.['text']).toBe('$0.000947');
    expect(marginal?.['x']).toBe(0);
    expect(marginal?.['text']).toBe('$0: billed by the month, see all-in');
    const hosting = rowsOf(spec, 'segment').find((r) => r['strategy'] === 'ft-llama-selfhosted' && r['category'] === 'hosting');
    expect(hosting?.['usd']).toBeCloseTo(2839.7 / 3_000_000, 12);
    // prompt_only has no monthly items, so its two panels agree: 250 uncached input × $0.40/1M
    // + 5,800 cached × $0.10/1M + 40 output × $1.60/1M = 0.0001 + 0.00058 + 0.000064 = $0.000744.
    const po = rowsOf(spec, 'total').filter((r) => r['strategy'] === 'prompt_only');
    expect(po.map((r) => r['text'])).toEqual(['$0.000744', '$0.000744']);
    expect(po[0]?.['x']).toBeCloseTo(0.000744, 12);
    expect(po[1]?.['x']).toBeCloseTo(0.000744, 12);
    const title = spec['title'] as { text: string | string[] };
    expect([title.text].flat().join(' ')).toContain('all-in (Jan 2027)');
  });
});
