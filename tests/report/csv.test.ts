import { describe, expect, it } from 'vitest';
import { COST_CATEGORIES } from '../../src/model/types.js';
import { neutraliseFormula, quoteField, renderCsv } from '../../src/report/csv.js';
import { loadFixture, tinyProjection, withNames } from './fixture.js';

/** A strict RFC 4180 reader, written independently of the renderer: CRLF records, quoted fields. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
      i++;
    } else if (c === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (c === '\r' || c === '\n') {
      throw new Error(`bare line break at ${i}`);
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new Error('unterminated quote');
  if (field !== '' || record.length > 0) throw new Error('last record not terminated by CRLF');
  return records;
}

function rowsOf(text: string): Record<string, string>[] {
  const [header, ...rest] = parseCsv(text);
  return rest.map((r) => {
    expect(r.length).toBe(header!.length);
    return Object.fromEntries(header!.map((h, i) => [h, r[i]!]));
  });
}

describe('renderCsv', () => {
  it('writes the documented header and one row per strategy × category × (months + one-time)', () => {
    const text = renderCsv([tinyProjection()]);
    const records = parseCsv(text);
    expect(records[0]).toEqual(['scenario', 'file', 'strategy', 'kind', 'status', 'period', 'month', 'label', 'category', 'usd', 'priced']);
    // 2 strategies × 8 categories × (2 months + 1 one-time row) = 48
    expect(records.length - 1).toBe(2 * 8 * 3);
    expect(COST_CATEGORIES.length).toBe(8);
  });

  it('row count for the help-center scenario: 4 strategies × 8 categories × (12 + 1) = 416', () => {
    const p = loadFixture('help-center-rag');
    expect(p.strategies.length).toBe(4);
    expect(p.scenario.horizon_months).toBe(12);
    expect(rowsOf(renderCsv([p])).length).toBe(416);
  });

  it('ends every line with CRLF and has no bare LF', () => {
    const text = renderCsv([tinyProjection()]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('writes monthly values, one-time sums, and unknown costs as empty + priced=false', () => {
    const rows = rowsOf(renderCsv([tinyProjection()]));
    const find = (strategy: string, period: string, month: string, category: string) =>
      rows.find((r) => r.strategy === strategy && r.period === period && r.month === month && r.category === category)!;
    expect(find('rag', 'monthly', '2', 'inference')).toMatchObject({ usd: '4.00', priced: 'true', label: '2027-M02', kind: 'rag', status: 'recommended' });
    expect(find('rag', 'monthly', '1', 'hosting')).toMatchObject({ usd: '0.00', priced: 'true' }); // no hosting item = $0
    expect(find('rag', 'one_time', '0', 'indexing')).toMatchObject({ usd: '1.50', label: 'one-time' });
    expect(find('rag', 'one_time', '0', 'engineering')).toMatchObject({ usd: '12000.00' });
    expect(find('hybrid', 'monthly', '1', 'hosting')).toMatchObject({ usd: '', priced: 'false', status: 'unpriced' });
    expect(find('hybrid', 'monthly', '2', 'inference')).toMatchObject({ usd: '6.00', priced: 'true' });
    expect(find('hybrid', 'one_time', '0', 'training')).toMatchObject({ usd: '48.00', priced: 'true' });
    // An unknown price is never written as a zero.
    for (const r of rows) if (r.priced === 'false') expect(r.usd).toBe('');
  });

  it("a strategy's rows add up to its total_usd", () => {
    for (const p of [tinyProjection(), loadFixture('help-center-rag'), loadFixture('invoice-extraction-ft')]) {
      const rows = rowsOf(renderCsv([p]));
      for (const s of p.strategies) {
        if (s.total_usd === null) continue;
        const sum = rows.filter((r) => r.strategy === s.id).reduce((a, r) => a + Number(r.usd), 0);
        // tiny rag: 12001.5 one-time + 7.1 + 9.2 = 12017.8. Cells are rounded to the cent, so
        // the sum may be off by at most half a cent per row.
        const n = rows.filter((r) => r.strategy === s.id).length;
        expect(Math.abs(sum - s.total_usd)).toBeLessThanOrEqual(0.005 * n + 1e-6);
      }
    }
  });

  it('quotes fields with comma, quote, CR and LF (RFC 4180) and reads back exactly', () => {
    const name = 'Q&A, "beta"\r\nsecond line';
    const p = withNames(tinyProjection(), name, ['a,b', 'c"d']);
    const text = renderCsv([p]);
    expect(text).toContain('"Q&A, ""beta""\r\nsecond line"');
    const rows = rowsOf(text);
    expect(rows[0]!.scenario).toBe(name);
    expect(new Set(rows.map((r) => r.strategy))).toEqual(new Set(['a,b', 'c"d']));
  });

  it('neutralises user text that a spreadsheet would read as a formula', () => {
    const p = withNames(tinyProjection(), '=HYPERLINK("http://evil.example","click")', ['@SUM(A1:A9)', '+1+1']);
    p.scenario.file = '-2+3.yaml';
    const rows = rowsOf(renderCsv([p]));
    expect(rows[0]!.scenario).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(rows[0]!.file).toBe(`'-2+3.yaml`);
    expect(new Set(rows.map((r) => r.strategy))).toEqual(new Set(["'@SUM(A1:A9)", "'+1+1"]));
    for (const r of rows) for (const cell of Object.values(r)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('guards tab and CR starts, leaves other text alone', () => {
    expect(neutraliseFormula('\tcmd')).toBe("'\tcmd");
    expect(neutraliseFormula('\rcmd')).toBe("'\rcmd");
    expect(neutraliseFormula('rag')).toBe('rag');
    expect(neutraliseFormula('a=b')).toBe('a=b');
    expect(quoteField('plain')).toBe('plain');
    expect(quoteField('x"y')).toBe('"x""y"');
  });

  it('writes one header for several projections', () => {
    const text = renderCsv([tinyProjection(), loadFixture('invoice-extraction-ft')]);
    const records = parseCsv(text);
    expect(records.filter((r) => r[0] === 'scenario').length).toBe(1);
    // 48 tiny rows + invoice: 2 strategies × 8 × (12 + 1) = 208
    expect(records.length - 1).toBe(48 + 208);
  });

  it('refuses a non-finite number rather than writing it', () => {
    const p = tinyProjection();
    p.strategies[0]!.monthly[0]!.by_category.inference = Number.NaN;
    expect(() => renderCsv([p])).toThrow(/non-finite/);
  });
});
