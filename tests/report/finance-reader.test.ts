/**
 * Issue 11, "the finance reader": what a finance reader saw in report.html, summary.md, the
 * terminal table and costs.csv, each pinned by a test that failed before the fix.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Projection } from '../../src/model/types.js';
import { CANNOT_RUN_REASON, cannotRun, statusText } from '../../src/format.js';
import { INFEASIBLE_CODES } from '../../src/messages/notes.js';
import { problem, problemText } from '../../src/messages/problems.js';
import { moneyCell, monthCell, renderCsv, renderLineItemsCsv, significantCell } from '../../src/report/csv.js';
import { renderHtml } from '../../src/report/html.js';
import { renderBatchMarkdown, renderMarkdown } from '../../src/report/markdown.js';
import { renderTable } from '../../src/report/table.js';
import { loadFixture, tinyProjection } from './fixture.js';

/** RFC 4180 records (CRLF, quotes doubled); enough for files whose quoting csv.test.ts checks strictly. */
function records(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r') {
      row.push(field), rows.push(row), (row = []), (field = ''), i++;
    } else field += c;
  }
  const [header, ...rest] = rows;
  return rest.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
}

describe('item 2: a strategy that cannot run does not look like an option', () => {
  // help-center-rag: prompt_only puts 18,004,110 + 350 tokens into gpt-4.1-mini's 1,047,576-token
  // window (context_exceeded); v0.1 showed its $38,341,534 in every total row.
  const p = loadFixture('help-center-rag');
  const promptOnly = p.strategies.find((s) => s.id === 'prompt_only')!;
  const itsTotal = '$38,341,534';

  it('has a short reason for every infeasibility code', () => {
    for (const code of INFEASIBLE_CODES) expect(CANNOT_RUN_REASON[code], code).toMatch(/\w/);
    expect(cannotRun(promptOnly)).toBe('over the context window');
    expect(statusText(p, promptOnly)).toBe('infeasible: over the context window');
    expect(cannotRun(p.strategies.find((s) => s.id === 'rag')!)).toBeNull();
  });

  it('terminal table: "—" for its money, the reason in its status', () => {
    const out = renderTable([p], [], { width: 200 });
    const line = (label: string) => out.split('\n').find((l) => l.startsWith(label)) ?? '';
    expect(line('status')).toMatch(/^status\s+infeasible: over the context window\s+recommended/);
    expect(line('total, 12 months')).toMatch(/^total, 12 months\s+—\s+\$63,840\s/);
    expect(line('one-time')).toMatch(/^one-time\s+—\s/);
    expect(line('cost / query')).toMatch(/^cost \/ query\s+—\s/);
    expect(out).not.toContain(itsTotal);
  });

  it('summary.md: "—" in the strategy, monthly and one-time tables, and why', () => {
    const md = renderMarkdown(p);
    expect(md).toContain('`prompt_only` cannot run (over the context window)');
    expect(md).toContain('| status | infeasible: over the context window | **recommended** |');
    expect(md).toContain('| total, 12 months | — | $63,840 |');
    expect(md).toContain('| **total, 12 months** | — | **$63,840** |');
    expect(md).toMatch(/\| 2027-01 \| — \| \$3,379 \|/);
    expect(md).not.toContain(itsTotal);
  });

  it('its P10–P90 range is no price either when it is infeasible in every draw', () => {
    // The committed run of help-center-rag has ranges (golden projections are run without them).
    const ranged = JSON.parse(readFileSync(new URL('../../charts/help-center-rag/projection.json', import.meta.url), 'utf8')) as Projection;
    expect(ranged.uncertainty!.strategies.find((s) => s.id === 'prompt_only')!.p_infeasible).toBe(1);
    expect(renderMarkdown(ranged)).toContain('| prompt\\_only | — | — | 0% | 100% | 0% |');
    expect(renderHtml(ranged)).toContain('<tr><th>prompt_only</th><td class="num">—</td><td class="num">—</td>');
  });

  it('report.html: "—" with the reason in the bold total row, the months and one-time costs', () => {
    const html = renderHtml(p);
    expect(html).not.toContain(itsTotal);
    expect(html).toContain('infeasible: over the context window');
    const totalRow = html.match(/<tr><th><strong>Total, 12 months<\/strong><\/th>(.*?)<\/tr>/)![1]!;
    expect(totalRow).toContain('<span class="cannot" title="cannot run: over the context window">—</span>');
    expect(totalRow).toContain('$63,840');
  });

  it('costs.csv and line-items.csv: a status column', () => {
    for (const text of [renderCsv([p]), renderLineItemsCsv([p])]) {
      const byStrategy = new Map(records(text).map((r) => [r.strategy, r.status]));
      expect(Object.fromEntries(byStrategy)).toEqual({ prompt_only: 'infeasible', rag: 'recommended', fine_tuning: 'feasible', hybrid: 'feasible' });
    }
    const tiny = records(renderCsv([tinyProjection()]));
    expect(new Set(tiny.filter((r) => r.strategy === 'hybrid').map((r) => r.status))).toEqual(new Set(['unpriced']));
  });
});

describe('item 5: costs.csv opens cleanly in a spreadsheet', () => {
  it('money to the cent, unit prices to 6 significant digits, never an exponent or float noise', () => {
    expect(moneyCell(481836.8000000001)).toBe('481836.80');
    expect(moneyCell(0.1 + 0.2)).toBe('0.30');
    expect(moneyCell(2.675)).toBe('2.68'); // 2.675 is 2.67499999… in float64; rounded at 15 digits first
    expect(moneyCell(0.004)).toBe('0.00');
    expect(significantCell(4e-7, 6)).toBe('0.0000004');
    expect(significantCell(1.6e-6 * 3, 6)).toBe('0.0000048');
    expect(significantCell(0.1 + 0.2, 6)).toBe('0.3');
    expect(significantCell(20_571_648, 12)).toBe('20571648');
    expect(significantCell(1_645_731.8400000001, 12)).toBe('1645731.84');
  });

  it('month labels a spreadsheet does not read as dates', () => {
    expect(monthCell('2027-01')).toBe('2027-M01');
    const rows = records(renderCsv([loadFixture('help-center-rag')]));
    for (const r of rows) {
      expect(r.label).toMatch(/^(\d{4}-M\d{2}|one-time)$/);
      expect(r.usd).toMatch(/^(\d+\.\d{2})?$/);
    }
    // 12 months from 2027-01: the last is 2027-M12.
    expect(rows.filter((r) => r.month === '12').every((r) => r.label === '2027-M12')).toBe(true);
  });

  it('line-items.csv: a row per month × strategy × line item, adding up to each month and the total', () => {
    const rows = records(renderLineItemsCsv([tinyProjection()]));
    // rag: 2 one-time items + 4 recurring × 2 months = 10; hybrid: 1 one-time + 3 recurring × 2 = 7
    expect(rows.length).toBe(17);
    const rag2 = rows.find((r) => r.strategy === 'rag' && r.item_id === 'inference.input' && r.month === '2')!;
    // 4,200 tokens × 2,000 queries = 8,400,000 tokens × $0.40/1M = $3.36
    expect(rag2).toMatchObject({ label: '2027-M02', quantity: '8400000', unit: 'tokens', unit_price_usd: '0.0000004', usd: '3.36', priced: 'true', period: 'per_query' });
    const hosting = rows.find((r) => r.strategy === 'hybrid' && r.item_id === 'hosting.fine_tuned' && r.month === '1')!;
    expect(hosting).toMatchObject({ quantity: '730', unit_price_usd: '', usd: '', priced: 'false' });
    const setup = rows.find((r) => r.item_id === 'engineering.effort')!;
    expect(setup).toMatchObject({ month: '0', label: 'one-time', quantity: '3', unit_price_usd: '4000', usd: '12000.00', source: 'scenario' });
    // rag: 12,000 + 1.50 one-time + 7.10 + 9.20 = $12,017.80
    const ragSum = rows.filter((r) => r.strategy === 'rag').reduce((a, r) => a + Number(r.usd), 0);
    expect(ragSum).toBeCloseTo(12017.8, 6);

    const p = loadFixture('help-center-rag');
    const all = records(renderLineItemsCsv([p]));
    for (const s of p.strategies) {
      for (const m of s.monthly) {
        const items = all.filter((r) => r.strategy === s.id && r.month === String(m.month));
        const sum = items.reduce((a, r) => a + Number(r.usd), 0);
        expect(Math.abs(sum - m.total_usd!), `${s.id} month ${m.month}`).toBeLessThanOrEqual(0.005 * items.length);
      }
    }
  });
});

describe('item 6: summary.md in a pull request', () => {
  it('the batch table is narrow and tells apart two scenarios of the same name by their file', () => {
    const a = tinyProjection();
    const b = tinyProjection();
    b.scenario.file = 'scenarios/other/tiny.yaml';
    const md = renderBatchMarkdown([a, b]);
    const header = md.split('\n').find((l) => l.startsWith('| scenario'))!;
    expect(header.split(' | ').length).toBeLessThanOrEqual(6);
    expect(md).toContain('| Tiny<br>`scenarios/tiny.yaml` |');
    expect(md).toContain('| Tiny<br>`scenarios/other/tiny.yaml` |');
    // Both price dates are 2026-07-24 (catalog.as_of, no prices_used): stated once, under the table.
    expect(md).toContain('Prices dated 2026-07-24;');
  });

  it('a problem without a field path shows no empty field', () => {
    const md = renderBatchMarkdown([], [
      { file: 'bad.yaml', problems: [problem('', problemText.yamlSyntax('Unexpected flow-map end'), { line: 1, column: 61 })] },
      { file: 'worse.yaml', problems: [problem('', problemText.empty())] },
    ]);
    expect(md).toContain('  - line 1, column 61: invalid YAML: Unexpected flow-map end');
    expect(md).toContain('  - the file is empty: a scenario needs at least version and name');
    expect(md).not.toMatch(/- {2}\(/);
  });

  it('"Q&A" reads "Q&A", in the raw file as on GitHub', () => {
    const p = tinyProjection();
    p.scenario.name = 'Legal archive Q&A';
    expect(renderMarkdown(p)).toContain('# Legal archive Q&A\n');
    expect(renderBatchMarkdown([p])).toContain('| Legal archive Q&A<br>');
  });
});

describe('item 3: the printed report', () => {
  const p = loadFixture('help-center-rag');
  const html = renderHtml(p);
  const print = html.slice(html.indexOf('@media print {'), html.indexOf('</style>'));

  // What Chromium makes of these rules (page count, nothing orphaned) is checked on the printed
  // PDF in tests/e2e/report-browser.test.ts; here, the markup and rules it relies on.
  it('keeps headings with what follows, and has no <tfoot> to repeat as a false total on every page', () => {
    expect(print).toMatch(/h2, h3, \.hint, \.drivers-title, caption, tr\.group \{ break-after: avoid; page-break-after: avoid; \}/);
    expect(print).toContain('.hint, caption { break-inside: avoid;');
    expect(print).toContain('thead { display: table-header-group; }');
    expect(html).not.toContain('<tfoot');
    // A price list may continue on the next page, under its header row, which names the strategy.
    expect(html).toMatch(/<table class="long items"><caption>[\s\S]*?<thead><tr><th><code>rag<\/code> item<\/th>/);
  });

  it('prints one line per line item, grouped by period; the month-by-month tables are screen-only', () => {
    expect(print).toContain('details.per-month { display: none; }');
    const rag = p.strategies.find((s) => s.id === 'rag')!;
    const tables = [...html.matchAll(/<table class="long items">([\s\S]*?)<\/table>/g)].map((m) => m[1]!);
    // prompt_only cannot run: no price list; rag, fine_tuning and hybrid have one each.
    expect(tables.length).toBe(3);
    const ragTable = tables.find((t) => t.includes('<code>rag</code>'))!;
    // The header, one row per item, one label row per period present, the total; no month as a row.
    const periods = new Set(rag.line_items.map((it) => it.period));
    expect(periods.size).toBe(3);
    expect(ragTable.match(/<tr/g)!.length).toBe(1 + rag.line_items.length + periods.size + 1);
    expect(ragTable.match(/<tr class="group">/g)!.length).toBe(3);
    expect(ragTable).not.toMatch(/<tr><th>2027-0[2-9]/);
    // No second line in an item's cell: its category sits beside its name.
    expect(ragTable).not.toContain('<br>');
    expect(ragTable).toContain('<tr><th>Input tokens, uncached <span class="muted small">inference</span></th>');
    // Every month of every item is in the collapsed table after it.
    const perMonth = html.match(/<details class="per-month"><summary>rag month by month \(USD\)<\/summary>([\s\S]*?)<\/details>/)![1]!;
    const recurring = rag.line_items.filter((it) => it.period !== 'one_time').length;
    expect(perMonth.match(/<tr/g)!.length).toBe(1 + recurring + 1);
    expect(perMonth).toContain('>2027-12</th>');
  });

  it('prints two charts and names the others; the all-in cost per query moves into the comparison', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"></svg>';
    const names = ['monthly-spend', 'spend-over-time', 'cumulative-cost', 'cost-per-query', 'latency-breakdown', 'latency-distribution'];
    const withCharts = renderHtml(p, names.map((name) => ({ name, title: `Title of ${name}`, svg })));
    const figures = [...withCharts.matchAll(/<figure class="([^"]*)" id="chart-([^"]+)"/g)].map((m) => [m[2], m[1]]);
    expect(figures.filter(([, c]) => c === 'chart').map(([n]) => n)).toEqual(['monthly-spend', 'cumulative-cost']);
    expect(figures.filter(([, c]) => c === 'chart screen-only').length).toBe(4);
    expect(print).toContain('.screen-only { display: none; }');
    expect(withCharts).toContain(
      '<p class="hint closing print-only">Print shows 2 of the 6 charts; the tables carry the figures of the others, which are on screen and in <code>charts/</code>: title of spend-over-time; title of cost-per-query; title of latency-breakdown; title of latency-distribution.</p>',
    );
    // All-in, month 1 = the month's spend ÷ its queries. rag in the golden help-center projection,
    // Jan 2027, 50,000 chats a day × 30 = 1,500,000 queries, by hand from the catalog prices:
    //   per query: 3,132 uncached input tokens × $0.40/1M + 4,050 cached × $0.10/1M + 350 output
    //   × $1.60/1M + 60 embedding tokens × $0.02/1M + 0.287 read units × $0.000016
    //   = $0.0012528 + $0.000405 + $0.00056 + $0.0000012 + $0.0000046 = $0.0022236 (the marginal row);
    //   per month: re-embedding $0.03 + writes $0.09 + storage $0.09 + Pinecone's $50 minimum topped
    //   up by $42.92 = $43.13, i.e. $0.0000288 a query at 1.5M.
    //   All-in ≈ $0.0022236 + $0.0000288 = $0.0022524 → "$0.00225" at 3 significant digits.
    const row = html.match(/<tr><th>All-in per query, 2027-01<\/th>(.*?)<\/tr>/)![1]!;
    const cells = [...row.matchAll(/<td class="num">(.*?)<\/td>/g)].map((m) => m[1]);
    // prompt_only cannot run; then rag, fine_tuning and hybrid in column order.
    expect(cells[0]).toContain('—');
    expect(cells[1]).toBe('$0.00225');
    expect(html).toMatch(/<tr><th>Cost per query, marginal<\/th><td class="num">.*?<\/td><td class="num">\$0\.00222<\/td>/);
  });
});
