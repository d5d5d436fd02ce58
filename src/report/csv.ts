/**
 * `costs.csv` (and `--format csv`) and `line-items.csv`: the projection's money in tidy form,
 * for a spreadsheet or a data frame (docs/model.md §13).
 *
 * `costs.csv` columns: `scenario,file,strategy,kind,status,period,month,label,category,usd,priced`
 * - One row per strategy × category × month (`period` = `monthly`, `month` 1…horizon), for
 *   every category of docs/model.md §7.2 — a category a strategy has no line item in is a
 *   real `0.00`, so every strategy has the same rows and a pivot needs no fill-in.
 * - Plus one row per strategy × category with `period` = `one_time`, `month` = 0 and `label`
 *   `one-time`: the sum of that category's one-time line items.
 * - Row count per scenario: strategies × categories × (months + 1).
 *
 * `line-items.csv` columns: `scenario,file,strategy,kind,status,item_id,item,category,period,
 * month,label,quantity,unit,unit_price_usd,usd,priced,source`
 * - One row per strategy × recurring line item × month (its quantity and cost in that month),
 *   plus one row per one-time line item (`month` 0, `label` `one-time`).
 *
 * Both files:
 * - `status`: the strategy's standing (src/format.ts strategyStatus): `recommended`,
 *   `feasible`, `misses target`, `unpriced` or `infeasible`. An infeasible strategy's rows
 *   keep the money it would cost, so that a filter on `status` is the only step needed.
 * - `label`: the month as `2027-M01` (the SDMX form of a monthly period), which no spreadsheet
 *   reads as a date (`2027-01` becomes 1 Jan 2027 in Excel and LibreOffice).
 * - Money (`usd`) is rounded to the cent; a unit price (`unit_price_usd`, fractions of a cent
 *   per token) to 6 significant digits; a quantity to 12 significant digits. Every number is a
 *   plain decimal (never `4e-7`), so there is no float noise like `481836.8000000001`. The
 *   rounded cents of a strategy's rows add up to its `total_usd` within half a cent per row;
 *   projection.json keeps every figure unrounded.
 * - An unknown price is an empty cell with `priced` = `false` — never 0, which would read as
 *   free.
 *
 * Format: RFC 4180 — CRLF line ends, a header row, fields containing `,` `"` CR or LF quoted
 * with `"` and inner quotes doubled. Spreadsheet-safe (OWASP "CSV injection"): a text cell
 * (names, ids, labels, sources — anything a user wrote) that would start with `=` `+` `-` `@`,
 * tab or CR gets a leading `'`, so no spreadsheet reads it as a formula. Numbers are written
 * by us and left as numbers.
 */
import { oneTimeByCategory } from '../model/line-items.js';
import { COST_CATEGORIES } from '../model/types.js';
import type { CostCategory, LineItem, Projection } from '../model/types.js';
import { strategyStatus } from '../format.js';

export const CSV_COLUMNS = ['scenario', 'file', 'strategy', 'kind', 'status', 'period', 'month', 'label', 'category', 'usd', 'priced'] as const;

const LINE_ITEM_COLUMNS = [
  'scenario',
  'file',
  'strategy',
  'kind',
  'status',
  'item_id',
  'item',
  'category',
  'period',
  'month',
  'label',
  'quantity',
  'unit',
  'unit_price_usd',
  'usd',
  'priced',
  'source',
] as const;

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

/** A number cell at full precision (the shortest round-trip decimal), for the sweep's grid CSV. */
export function numberCell(x: number): string {
  return Object.is(finite(x), -0) ? '0' : String(x);
}

/** A finite number or a CSV error: non-finite numbers have no place in a cost file. */
function finite(x: number): number {
  if (!Number.isFinite(x)) throw new Error(`costs.csv: non-finite number ${x}`);
  return x;
}

/**
 * `x` rounded to `sig` significant digits, written as a plain decimal (no exponent, no
 * trailing zeros): `4e-7` → `0.0000004`, `481836.8000000001` → `481836.8`.
 */
export function significantCell(x: number, sig: number): string {
  const r = Number(finite(x).toPrecision(sig));
  if (r === 0) return '0';
  const decimals = Math.min(100, Math.max(0, sig - 1 - Math.floor(Math.log10(Math.abs(r)))));
  const text = r.toFixed(decimals);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/**
 * Money to the cent: `481836.80`. The cents are rounded at 15 significant digits first, so that
 * float64's representation error cannot tip a half-cent the wrong way (2.675 is stored as
 * 2.67499999…; it is $2.68).
 */
export function moneyCell(x: number): string {
  const cents = Math.round(Number((finite(x) * 100).toPrecision(15)));
  const text = (cents / 100).toFixed(2);
  return text === '-0.00' ? '0.00' : text;
}

/** A month's label for a spreadsheet: `2027-01` → `2027-M01` (never read as a date). */
export function monthCell(label: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(label);
  return m ? `${m[1]}-M${m[2]}` : textCell(label);
}

/** The CSV of one or more projections (one header), ending with CRLF. */
export function renderCsv(projections: Projection[]): string {
  const lines: string[] = [CSV_COLUMNS.join(',')];
  for (const p of projections) {
    for (const s of p.strategies) {
      const head = [textCell(p.scenario.name), textCell(p.scenario.file), textCell(s.id), textCell(s.kind), strategyStatus(p, s)].join(',');
      const row = (period: 'monthly' | 'one_time', month: number, label: string, category: CostCategory, usd: number | null) =>
        [head, period, String(month), label, category, usd === null ? '' : moneyCell(usd), usd === null ? 'false' : 'true'].join(',');
      const oneTime = oneTimeByCategory(s.line_items);
      for (const category of COST_CATEGORIES) {
        // A category with no one-time line item costs nothing up front.
        lines.push(row('one_time', 0, 'one-time', category, oneTime.has(category) ? oneTime.get(category)! : 0));
      }
      for (const m of s.monthly) {
        for (const category of COST_CATEGORIES) {
          // Absent from by_category = no line item of that category = $0; null = unknown.
          const v = m.by_category[category];
          lines.push(row('monthly', m.month, monthCell(m.label), category, v === undefined ? 0 : v));
        }
      }
    }
  }
  return lines.join('\r\n') + '\r\n';
}

/**
 * `line-items.csv`: every line item of every strategy, month by month (one-time items once,
 * as month 0), ending with CRLF. Σ `usd` of a strategy's rows = its `total_usd` (before
 * rounding), because Σ items of month m = monthly[m].total_usd (docs/model.md §12.4).
 */
export function renderLineItemsCsv(projections: Projection[]): string {
  const lines: string[] = [LINE_ITEM_COLUMNS.join(',')];
  for (const p of projections) {
    const labels = p.strategies[0]?.monthly.map((m) => monthCell(m.label)) ?? [];
    for (const s of p.strategies) {
      const head = [textCell(p.scenario.name), textCell(p.scenario.file), textCell(s.id), textCell(s.kind), strategyStatus(p, s)].join(',');
      const row = (it: LineItem, month: number, label: string, quantity: number, usd: number | null) =>
        [
          head,
          textCell(it.id),
          textCell(it.name),
          it.category,
          it.period,
          String(month),
          label,
          significantCell(quantity, 12),
          textCell(it.unit),
          it.unit_price_usd === null ? '' : significantCell(it.unit_price_usd, 6),
          usd === null ? '' : moneyCell(usd),
          usd === null ? 'false' : 'true',
          textCell(it.source ?? ''),
        ].join(',');
      for (const it of s.line_items) if (it.period === 'one_time') lines.push(row(it, 0, 'one-time', it.quantity, it.cost_usd));
      for (let i = 0; i < s.monthly.length; i++) {
        for (const it of s.line_items) {
          if (it.period === 'one_time') continue;
          lines.push(row(it, i + 1, labels[i] ?? monthCell(s.monthly[i]!.label), it.quantity_by_month[i] ?? 0, it.cost_usd_by_month[i] ?? null));
        }
      }
    }
  }
  return lines.join('\r\n') + '\r\n';
}
