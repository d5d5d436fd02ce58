/**
 * `costs.csv` and `--format csv`: the projection's money in tidy form, for a spreadsheet or
 * a data frame.
 *
 * Columns: `scenario,file,strategy,kind,period,month,label,category,usd,priced`
 * - One row per strategy × category × month (`period` = `monthly`, `month` 1…horizon, `label`
 *   YYYY-MM), for every category of docs/model.md §7.2 — a category a strategy has no line item in is
 *   a real `0`, so every strategy has the same rows and a pivot needs no fill-in.
 * - Plus one row per strategy × category with `period` = `one_time`, `month` = 0 and `label`
 *   `one-time`: the sum of that category's one-time line items. So the `usd` of all rows of a
 *   strategy adds up to its `total_usd`, and filtering on `period` separates run-rate from
 *   set-up cost.
 * - Row count per scenario: strategies × categories × (months + 1).
 * - `usd` is the unrounded float64 (shortest round-trip form); an unknown price is an empty
 *   cell with `priced` = `false` — never 0, which would read as free.
 *
 * Format: RFC 4180 — CRLF line ends, a header row, fields containing `,` `"` CR or LF quoted
 * with `"` and inner quotes doubled. Spreadsheet-safe (OWASP "CSV injection"): a text cell
 * (names, ids, labels — anything a user wrote) that would start with `=` `+` `-` `@`, tab or
 * CR gets a leading `'`, so no spreadsheet reads it as a formula. Numbers are written by us,
 * are never negative here, and are left as numbers.
 */
import { oneTimeByCategory } from '../model/line-items.js';
import { COST_CATEGORIES } from '../model/types.js';
import type { CostCategory, Projection, StrategyResult } from '../model/types.js';

export const CSV_COLUMNS = ['scenario', 'file', 'strategy', 'kind', 'period', 'month', 'label', 'category', 'usd', 'priced'] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/** Neutralise a user-provided text cell so that a spreadsheet cannot read it as a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180 quoting: quote when the field holds `,` `"` CR or LF, doubling inner quotes. */
export function quoteField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** A cell of user text: neutralised, then quoted. */
export function textCell(text: string): string {
  return quoteField(neutraliseFormula(text));
}

/** A number cell: the shortest round-trip decimal; non-finite numbers have no place in a cost file. */
export function numberCell(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`costs.csv: non-finite number ${x}`);
  return Object.is(x, -0) ? '0' : String(x);
}

function row(p: Projection, s: StrategyResult, period: 'monthly' | 'one_time', month: number, label: string, category: CostCategory, usd: number | null): string {
  return [
    textCell(p.scenario.name),
    textCell(p.scenario.file),
    textCell(s.id),
    textCell(s.kind),
    period,
    String(month),
    textCell(label),
    category,
    usd === null ? '' : numberCell(usd),
    usd === null ? 'false' : 'true',
  ].join(',');
}

/** The CSV of one or more projections (one header), ending with CRLF. */
export function renderCsv(projections: Projection[]): string {
  const lines: string[] = [CSV_COLUMNS.join(',')];
  for (const p of projections) {
    for (const s of p.strategies) {
      const oneTime = oneTimeByCategory(s.line_items);
      for (const category of COST_CATEGORIES) {
        // A category with no one-time line item costs nothing up front.
        const usd = oneTime.has(category) ? oneTime.get(category)! : 0;
        lines.push(row(p, s, 'one_time', 0, 'one-time', category, usd));
      }
      for (const m of s.monthly) {
        for (const category of COST_CATEGORIES) {
          // Absent from by_category = no line item of that category = $0; null = unknown.
          const v = m.by_category[category];
          lines.push(row(p, s, 'monthly', m.month, m.label, category, v === undefined ? 0 : v));
        }
      }
    }
  }
  return lines.join('\r\n') + '\r\n';
}
