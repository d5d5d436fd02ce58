import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/report/escape-html.js';
import { CSP, renderHtml, scopeSvgIds } from '../../src/report/html.js';
import { loadFixture, tinyProjection, withNames } from './fixture.js';

const SVG = (label: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" class="marks" width="200" height="100" viewBox="0 0 200 100">` +
  `<defs><clipPath id="clip1"><rect width="200" height="100"/></clipPath></defs>` +
  `<g clip-path="url(#clip1)"><rect width="50" height="40" fill="#0072B2"/><text x="5" y="90">${label}</text></g></svg>`;

const CHARTS = [
  { name: 'monthly-spend', title: 'Monthly spend', svg: SVG('a') },
  { name: 'spend-over-time', title: 'Spend over time', svg: SVG('b') },
];

/** Text with namespace declarations removed: what is left must not point at the network. */
function withoutNamespaces(html: string): string {
  return html.replace(/\sxmlns(:\w+)?="[^"]*"/g, '');
}

describe('renderHtml', () => {
  const html = renderHtml(loadFixture('help-center-rag'), CHARTS);

  it('is one document with the strict CSP', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`.replace(/'/g, '&#39;'));
    expect(CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('references nothing on the network and loads or runs nothing', () => {
    const body = withoutNamespaces(html);
    expect(body).not.toMatch(/https?:\/\//i);
    expect(body).not.toMatch(/<script|<link|<iframe|<img|@import|\bsrc=/i);
    // the only url() references are to ids inside the inlined SVG
    for (const m of body.matchAll(/url\(([^)]*)\)/g)) expect(m[1]).toMatch(/^#/);
  });

  it('has the verdict, charts, tables, assumptions, notes and a print stylesheet', () => {
    const p = loadFixture('help-center-rag');
    expect(html).toContain('<h2 id="verdict-title">Verdict: ');
    expect(html).toContain('<code>rag</code>');
    // The verdict's first reason, as the model wrote it (its numbers are pinned by the golden test).
    expect(p.verdict.reasons[0]).not.toMatch(/[&<>"']/);
    expect(html).toContain(p.verdict.reasons[0]);
    for (const id of ['cmp', 'charts', 'pq', 'mo', 'ot', 'li', 'as', 'nt']) expect(html).toContain(`aria-labelledby="${id}"`);
    expect(html).toContain('id="chart-monthly-spend"');
    expect(html).toContain('aria-label="Spend over time"');
    // assumptions with their origin and source
    // (a line may break after each dot of a setting's path: <wbr>)
    expect(html).toContain('<code>catalog:pinecone-serverless.<wbr>read_unit_usd_per_1m</code>');
    const source = p.assumptions.find((x) => x.path === 'catalog:pinecone-serverless.read_unit_usd_per_1m')!.source!;
    expect(html).toContain(source.replace(/&/g, '&amp;').replace(/'/g, '&#39;'));
    expect(html).toContain('<span class="origin default">default</span>');
    // an unpriced line item says unknown, in the item table and the totals: the tiny fixture's
    // hybrid hosting has no price; its priced part is 48 one-time + 3 + 6 in the months = $57.
    const tiny = renderHtml(tinyProjection(), CHARTS);
    expect(tiny).toMatch(/hosting <span class="muted small">hosting<\/span><\/th>.*?<span class="unknown">unknown<\/span>/s);
    expect(tiny).toContain('≥ $57.00 priced');
    // token prices per 1M tokens: gpt-4.1-mini input 4e-7 $/token = $0.40 / 1M
    expect(html).toMatch(/<span class="unit">tokens<\/span><\/td><td class="num">\$0\.40 \/ 1M<\/td>/);
    // a non-token price is per unit of the unit column: Pinecone storage $0.33 per GB-month
    expect(html).toMatch(/<span class="unit">GB-month<\/span><\/td><td class="num">\$0\.33<\/td>/);
    expect(html).toContain('@media print');
    expect(html).toContain('@page { size: A4; margin: 15mm; }');
    expect(html).toMatch(/break-inside: avoid/);
  });

  it('escapes a <script> scenario name everywhere', () => {
    const p = withNames(tinyProjection(), '<script>alert(1)</script>', ['"><img src=x onerror=alert(1)>', 'hybrid']);
    p.scenario.description = '<b onmouseover="alert(1)">hover</b>';
    p.verdict.reasons = ['<iframe src="javascript:alert(1)">'];
    p.strategies[1]!.notes = [{ code: 'unpriced', message: '</ul><script>alert(2)</script>' }];
    p.assumptions = [{ path: '<svg onload=alert(1)>', value: '<script>', origin: 'scenario', source: "'><script>" }];
    const out = renderHtml(p, []);
    expect(out).not.toMatch(/<script|<img|<iframe|<b |<svg/i);
    expect(out).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt; — costsim report</title>');
    expect(out).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(out).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
  });

  it('scopes SVG ids per chart so two charts do not share clip paths', () => {
    const both = renderHtml(tinyProjection(), CHARTS);
    expect(both).toContain('<clipPath id="c0-clip1">');
    expect(both).toContain('clip-path="url(#c0-clip1)"');
    expect(both).toContain('<clipPath id="c1-clip1">');
    expect(both).toContain('clip-path="url(#c1-clip1)"');
    expect(both).not.toContain('id="clip1"');
    expect(scopeSvgIds('<?xml version="1.0"?>\n<svg><use xlink:href="#a"/><g id="a"/></svg>', 'p-')).toBe(
      '<svg><use xlink:href="#p-a"/><g id="p-a"/></svg>',
    );
  });

  it('prints the hand-checked totals of the tiny projection', () => {
    const out = renderHtml(tinyProjection(), []);
    // rag: one-time 12001.5 → $12,002; month 2 = 2000 × 0.0021 + 5 = $9.20; total $12,017.80 → $12,018
    expect(out).toContain('<strong>$12,018</strong>');
    expect(out).toContain('$9.20');
    // hybrid: unknown, floor 48 + 3 + 6 = $57.00
    expect(out).toContain('≥ $57.00 priced');
  });

  it('escapeHtml covers text and attribute contexts', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
