import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { buildCharts, summaryChart } from '../../src/report/charts/index.js';
import { compileToVega, dejavuTextWidth, renderAllCharts, renderChart, renderSvg } from '../../src/render/index.js';
import type { Projection } from '../../src/model/types.js';
import { loadProjection, walk } from '../report/charts/fixtures.js';

const support: Projection = await loadProjection('support');
const small: Projection = await loadProjection('small');

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the PNG's IHDR chunk (big-endian at bytes 16 and 20). */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const dv = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: dv.getUint32(16), height: dv.getUint32(20) };
}

function svgSize(svg: string): { width: number; height: number } {
  const m = /^<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  return { width: Number(m?.[1] ?? 0), height: Number(m?.[2] ?? 0) };
}

/**
 * The support fixture's six charts as renderAllCharts writes them, rendered once for the two
 * tests that read them (a chart render takes a good part of a second on this machine).
 */
let supportFiles: Promise<Awaited<ReturnType<typeof renderAllCharts>>> | undefined;
const renderSupport = () => (supportFiles ??= renderAllCharts(support));

/** A chart as renderChart returns it: from renderAllCharts' files for support's charts, else rendered here. */
async function rendered(name: string, spec: TopLevelSpec, fromSupport: boolean): Promise<{ svg: string; png: Uint8Array; vl: string }> {
  if (!fromSupport) return renderChart(spec);
  const files = await renderSupport();
  const file = (ext: string) => files.find((f) => f.path === `charts/${name}.${ext}`)?.bytes ?? new Uint8Array();
  return { svg: new TextDecoder().decode(file('svg')), png: file('png'), vl: new TextDecoder().decode(file('vl.json')) };
}

describe('renderChart', () => {
  const supportCharts = buildCharts(support);
  const charts = [...supportCharts, ...buildCharts(small), { name: 'summary', spec: summaryChart([support, small]) }];

  it('compiles every chart without a vega-lite warning', async () => {
    for (const { name, spec } of charts) {
      const { warnings } = await compileToVega(spec);
      expect(warnings, name).toEqual([]);
      if (warnings.length) console.log(name, warnings);
    }
  });

  it('renders every chart to a non-empty SVG and a 2× PNG', async () => {
    // renderAllCharts renders each chart with renderChart; support's are read from its files.
    for (const [i, { name, spec }] of charts.entries()) {
      const r = await rendered(name, spec, i < supportCharts.length);
      const s = svgSize(r.svg);
      expect(s.width, name).toBeGreaterThan(300);
      expect(s.height, name).toBeGreaterThan(200);
      expect([...r.png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
      // resvg zoom 2: the PNG is twice the SVG's size (rounded up to whole pixels).
      const p = pngSize(r.png);
      expect(Math.abs(p.width - 2 * s.width), name).toBeLessThanOrEqual(1);
      expect(Math.abs(p.height - 2 * s.height), name).toBeLessThanOrEqual(1);
      expect(JSON.parse(r.vl)).toEqual(JSON.parse(JSON.stringify(spec)));
      expect(r.vl.endsWith('}\n')).toBe(true);
    }
  });

  it('is byte-identical on re-render, even with other charts rendered in between', async () => {
    const [a, b] = buildCharts(support);
    if (!a || !b) throw new Error('charts missing');
    // The first renders: renderAllCharts' (a first, then b and the four others, which advance
    // vega's clip-path and gradient counters), shared with the tests above.
    const first = await rendered(a.name, a.spec, true);
    const firstB = await rendered(b.name, b.spec, true);
    const again = await Promise.all([renderChart(a.spec), renderChart(b.spec), renderChart(a.spec)]);
    expect(first.svg.length).toBeGreaterThan(1000);
    expect(again[0]?.svg).toBe(first.svg);
    expect(again[2]?.svg).toBe(first.svg);
    expect(again[1]?.svg).toBe(firstB.svg);
    expect(Buffer.from(again[0]?.png ?? []).equals(Buffer.from(first.png))).toBe(true);
    expect(Buffer.from(again[2]?.png ?? []).equals(Buffer.from(first.png))).toBe(true);
    expect(Buffer.from(again[1]?.png ?? []).equals(Buffer.from(firstB.png))).toBe(true);
  });

  it('names only DejaVu Sans in the SVG and draws the text it should', async () => {
    const svg = await renderSvg(buildCharts(support)[0]?.spec as TopLevelSpec);
    const families = new Set([...svg.matchAll(/font-family="([^"]*)"/g)].map((m) => m[1]));
    expect([...families]).toEqual(['DejaVu Sans']);
    expect(svg).toContain(`${support.scenario.name}: monthly spend by cost category`);
    expect(svg).toContain('prompt_only (infeasible)');
    expect(svg).toContain('— cannot run: 18,004,560 input');
    // A currency tick label: the x scale ends at 1.45 × $4,419 (rag, December) ≈ $6,407,
    // so $4,000 is a tick.
    expect(svg).toContain('>$4,000</text>');
  });

  it('renders a hostile scenario name as text, with nothing executable', async () => {
    const evil = structuredClone(support);
    evil.scenario.name = '<script>alert(1)</script>';
    const rag = evil.strategies[1];
    if (rag) rag.id = '"><img src=x onerror=alert(2)>';
    evil.verdict.recommended = rag?.id ?? null;
    // The SVG is where text could turn into markup; the PNG is drawn from it (renderChart renders
    // both, and is tested above), so the SVG alone is rendered here.
    for (const { spec } of [...buildCharts(evil), { spec: summaryChart([evil]) }]) {
      const svg = await renderSvg(spec);
      // Every `<` that reaches the SVG opens a real element, as vega escapes `<` in text and
      // attributes: no script or img element, and no event-handler attribute once attribute
      // values are removed (a quote breaking out of a value would leave `onerror=` behind).
      expect(svg).not.toMatch(/<script/i);
      expect(svg).not.toMatch(/<img/i);
      for (const tag of svg.match(/<[a-zA-Z][^>]*>/g) ?? []) {
        expect(tag.replace(/"[^"]*"/g, '""')).not.toMatch(/\son[a-z]+\s*=/i);
      }
      const compiled = (await compileToVega(spec)).vega;
      for (const { key, value } of walk(compiled)) {
        if (['signal', 'expr', 'update', 'init', 'test'].includes(key)) expect(String(value)).not.toContain('alert');
      }
    }
    const svg = await renderSvg(buildCharts(evil)[0]?.spec as TopLevelSpec);
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;: monthly spend');
    expect(svg).toContain('"&gt;&lt;img src=x onerror=alert(2)&gt; (recommended)');
  });

  it('refuses to load data from a URL', async () => {
    const spec = { data: { url: 'https://example.com/data.json' }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' } } } as TopLevelSpec;
    await expect(renderChart(spec)).rejects.toThrow(/loading a URL is not allowed/);
  });
});

describe('renderAllCharts', () => {
  it('returns the svg, png and vl.json of all six charts under charts/', async () => {
    const files = await renderSupport();
    const names = ['monthly-spend', 'spend-over-time', 'cumulative-cost', 'cost-per-query', 'latency-breakdown', 'latency-distribution'];
    expect(files.map((f) => f.path)).toEqual(names.flatMap((n) => [`charts/${n}.svg`, `charts/${n}.png`, `charts/${n}.vl.json`]));
    for (const f of files) expect(f.bytes.byteLength, f.path).toBeGreaterThan(500);
    const vl = files.find((f) => f.path === 'charts/cost-per-query.vl.json');
    expect(JSON.parse(new TextDecoder().decode(vl?.bytes))).toEqual(JSON.parse(JSON.stringify(buildCharts(support)[3]?.spec)));
  });
});

describe('dejavuTextWidth', () => {
  it('uses DejaVu Sans advances: space is 651/2048 em, bold is wider', () => {
    // 651 font units / 2048 units per em × 16 px = 5.0859375 px.
    expect(dejavuTextWidth(' ', 16)).toBeCloseTo(5.0859375, 9);
    expect(dejavuTextWidth('Revenue', 11, 'bold')).toBeGreaterThan(dejavuTextWidth('Revenue', 11));
    expect(dejavuTextWidth('WWW', 11)).toBeGreaterThan(dejavuTextWidth('iii', 11));
    expect(dejavuTextWidth('', 11)).toBe(0);
  });
});
