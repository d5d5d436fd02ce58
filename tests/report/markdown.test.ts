import { describe, expect, it } from 'vitest';
import { escapeMarkdown, escapeMarkdownCell, renderBatchMarkdown, renderMarkdown } from '../../src/report/markdown.js';
import { loadFixture, tinyProjection, withNames } from './fixture.js';
import { problem, problemText } from '../../src/messages/problems.js';

/** Cells of a GFM table row, split on pipes that are not backslash-escaped. */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

describe('escapeMarkdown', () => {
  it('turns HTML into inert text', () => {
    // Every `<` that could open a tag is an entity; a `>` alone cannot close one.
    expect(escapeMarkdown('<script>alert(1)</script>')).toBe('&lt;script>alert(1)&lt;/script>');
    expect(escapeMarkdown('<!-- x --> <?php <https://e.com>')).toBe('&lt;!-- x --> &lt;?php &lt;https://e.com>');
    expect(escapeMarkdown('&lt;')).toBe('&amp;lt;'); // an entity the user typed stays literal text
    expect(escapeMarkdown('&#60; &#x3c;')).toBe('&amp;#60; &amp;#x3c;');
    expect(escapeMarkdown('> quoted')).toBe('&gt; quoted'); // a leading > would open a block quote
  });
  it('leaves a bare & and a < that opens nothing as typed (issue 11: "Q&amp;A" in a PR)', () => {
    // CommonMark §6.2: `&` starts a character reference only before a name or number and `;`.
    expect(escapeMarkdown('Q&A')).toBe('Q&A');
    expect(escapeMarkdown('a & b; R&D')).toBe('a & b; R&D');
    expect(escapeMarkdown('<1% of futures, 3 < 4')).toBe('<1% of futures, 3 < 4');
  });
  it('escapes pipes, emphasis, code and link syntax', () => {
    expect(escapeMarkdown('a|b')).toBe('a\\|b');
    expect(escapeMarkdown('*x* _y_ `z` [l](u)')).toBe('\\*x\\* \\_y\\_ \\`z\\` \\[l\\](u)');
  });
  it('stops a leading marker from opening a heading or a list', () => {
    expect(escapeMarkdown('# Title')).toBe('\\# Title');
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('1. item')).toBe('1\\. item');
  });
  it('joins lines in text and uses <br> in cells', () => {
    expect(escapeMarkdown('a\nb')).toBe('a b');
    expect(escapeMarkdownCell('a\r\nb|c')).toBe('a<br>b\\|c');
  });
});

describe('renderMarkdown', () => {
  it('has the verdict, reasons, the strategy, monthly and one-time tables and the catalog date', () => {
    const md = renderMarkdown(tinyProjection());
    expect(md).toMatch(/^# Tiny\n/);
    expect(md).toContain('**Verdict: `rag`**');
    expect(md).toContain('- rag is the only priced strategy.');
    expect(md).toContain('## Strategies');
    expect(md).toContain('## Monthly totals (USD)');
    expect(md).toContain('## One-time costs (USD)');
    expect(md).toContain('prices dated 2026-07-24');
    // rag month 2: 2000 × 0.0021 + 5 = $9.20; total $12,017.80 → $12,018
    expect(md).toContain('| 2027-02 | $9.20 | unknown (≥ $6.00) |'); // hybrid month 2: only inference $6 is priced
    expect(md).toContain('| **total, 2 months** | **$12,018** | **unknown (≥ $57.00)** |'); // 48 + 3 + 6
    // one-time: rag engineering $12,000 and hybrid has none; hybrid training $48.00
    expect(md).toContain('| engineering | $12,000 | $0 |');
    expect(md).toContain('| training | $0 | $48.00 |');
  });

  it('every table row has as many cells as its header, even with hostile names', () => {
    const p = withNames(tinyProjection(), 'A | B\nC <b>', ['x|y', 'p`q']);
    const md = renderMarkdown(p);
    const lines = md.split('\n');
    let width = 0;
    for (const line of lines) {
      if (!line.startsWith('|')) {
        width = 0;
        continue;
      }
      const n = cells(line).length;
      if (width === 0) width = n;
      else expect(n, line).toBe(width);
    }
    expect(md).toContain('# A \\| B C &lt;b>');
    expect(md).not.toContain('<b>');
  });

  it('renders a <script> scenario name as text', () => {
    const md = renderMarkdown(withNames(tinyProjection(), '<script>alert(1)</script>', ['rag', 'hybrid']));
    expect(md).not.toMatch(/<script/i);
    expect(md).toContain('&lt;script>alert(1)&lt;/script>');
  });

  it('matches the snapshot of the support fixture', () => {
    expect(renderMarkdown(loadFixture('help-center-rag'))).toMatchSnapshot();
  });
});

describe('renderBatchMarkdown', () => {
  it('one row per scenario and the failed files', () => {
    const md = renderBatchMarkdown(
      [tinyProjection(), withNames(loadFixture('invoice-extraction-ft'), 'Docs | Q&A', ['rag', 'fine_tuning'])],
      [{ file: 'scenarios/bad.yaml', problems: [problem('retrieval.top_k', problemText.expected('count', 'six'), { line: 3, column: 5 })] }],
    );
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    expect(rows.length).toBe(2 + 2); // header, alignment rule ("| :---"), one row per scenario
    // rag: one-time 12001.5 → $12,002; month 1 $7.10; total $12,017.80 → $12,018; p95 4,169.6 ms → 4,170
    expect(md).toContain('| Tiny<br>`scenarios/tiny.yaml` | `rag` | $12,002 | $7.10 | $12,018 (2 mo) | 4,170 |');
    expect(md).toContain('| Docs \\| Q&A<br>`scenarios/invoice-extraction-ft.yaml` | `fine_tuning` |');
    expect(md).toContain('- `scenarios/bad.yaml`');
    expect(md).toContain('  - `retrieval.top_k` (line 3, column 5): expected a whole number (e.g. 6, "20k" or an expression over vars); got "six"');
  });
});
