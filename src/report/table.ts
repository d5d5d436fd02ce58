/**
 * `--format table`: the terminal view of a run. Plain text, no colour (it must read the same
 * in a pipe, a CI log and with NO_COLOR), fitted to a width: metrics are rows and strategies
 * are columns, and when the strategies do not fit side by side they continue in another
 * block below, each block repeating the metric labels.
 */
import type { Projection, RunDocument } from '../model/types.js';
import { horizonText, overridesText, pricesDated, strategyMetrics } from '../format.js';
import { noteLines } from './notes.js';
import { escapeForTerminal } from '../util/terminal.js';

interface TableOptions {
  /** Terminal width in characters; the CLI passes `process.stdout.columns` (default 100). */
  width?: number;
}

const GAP = '  ';
const MIN_WIDTH = 40;

/**
 * Scenario text in a terminal: control, line-break and bidi characters (ANSI escapes, a
 * newline forging a line, U+202E reversing it) are shown escaped, as `\n` or `\u202e`
 * (util/terminal.ts).
 */
export const terminalSafe = escapeForTerminal;

/** Greedy word wrap of one paragraph to `width`, continuation lines indented by `indent`. */
export function wrap(text: string, width: number, firstPrefix = '', indent = ''): string[] {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = firstPrefix;
  let empty = true;
  for (const word of words) {
    const candidate = empty ? line + word : `${line} ${word}`;
    if (!empty && candidate.length > width) {
      lines.push(line);
      line = indent + word;
    } else {
      line = candidate;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}

function padEnd(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - s.length));
}
function padStart(s: string, n: number): string {
  return ' '.repeat(Math.max(0, n - s.length)) + s;
}

/** The comparison grid for one projection, split into blocks of strategies that fit `width`. */
function grid(projection: Projection, width: number): string[] {
  const rows = strategyMetrics(projection);
  const ids = projection.strategies.map((s) => terminalSafe(s.id));
  const labelWidth = Math.max(...rows.map((r) => r.label.length));
  const colWidths = ids.map((id, i) => Math.max(id.length, ...rows.map((r) => (r.cells[i] ?? '').length)));

  // Pack strategy columns left to right; a column wider than the terminal still gets a block.
  const blocks: number[][] = [];
  let current: number[] = [];
  let used = labelWidth;
  colWidths.forEach((w, i) => {
    if (current.length > 0 && used + GAP.length + w > width) {
      blocks.push(current);
      current = [];
      used = labelWidth;
    }
    current.push(i);
    used += GAP.length + w;
  });
  if (current.length > 0) blocks.push(current);

  const out: string[] = [];
  blocks.forEach((cols, b) => {
    if (b > 0) out.push('');
    const header = padEnd('', labelWidth) + cols.map((i) => GAP + padStart(ids[i] ?? '', colWidths[i] ?? 0)).join('');
    out.push(header.trimEnd());
    out.push(padEnd('', labelWidth) + cols.map((i) => GAP + '-'.repeat(colWidths[i] ?? 0)).join(''));
    for (const r of rows) {
      const cells = cols.map((i) => GAP + padStart(terminalSafe(r.cells[i] ?? ''), colWidths[i] ?? 0));
      out.push((padEnd(r.label, labelWidth) + cells.join('')).trimEnd());
    }
  });
  return out;
}

function renderOne(p: Projection, width: number): string[] {
  const out: string[] = [];
  const title = `${terminalSafe(p.scenario.name)}  (${terminalSafe(p.scenario.file)})`;
  out.push(title);
  out.push('='.repeat(Math.min(width, title.length)));
  if (p.scenario.description) out.push(...wrap(terminalSafe(p.scenario.description), width));
  out.push(terminalSafe(`${horizonText(p.scenario.horizon_months, p.scenario.start_month)} · prices ${pricesDated(p)}`));
  const overrides = overridesText(p);
  if (overrides !== null) out.push(...wrap(terminalSafe(overrides), width));
  out.push('');
  out.push(
    p.verdict.recommended === null
      ? 'Verdict: no strategy is feasible, priced and on target.'
      : `Verdict: ${terminalSafe(p.verdict.recommended)}`,
  );
  for (const reason of p.verdict.reasons) out.push(...wrap(terminalSafe(reason), width, '  - ', '    '));
  out.push('');
  out.push(...grid(p, width));

  const notes = noteLines(p);
  if (notes.length > 0) {
    out.push('');
    out.push('Notes:');
    for (const { subject, message } of notes) {
      const prefix = subject === '' ? '  - ' : `  - ${terminalSafe(subject)}: `;
      out.push(...wrap(terminalSafe(message), width, prefix, '    '));
    }
  }
  return out;
}

/** `retrieval.top_k (line 3, column 5): ` — or less when the problem has no path or position. */
function problemLocation(p: RunDocument['errors'][number]['problems'][number]): string {
  const pos =
    p.line !== undefined ? `line ${p.line}${p.column !== undefined ? `, column ${p.column}` : ''}` : '';
  if (p.path && pos) return `${terminalSafe(p.path)} (${pos}): `;
  if (p.path) return `${terminalSafe(p.path)}: `;
  if (pos) return `${pos}: `;
  return '';
}

function renderErrors(errors: RunDocument['errors'], width: number): string[] {
  if (errors.length === 0) return [];
  const out = [`${errors.length} scenario file${errors.length === 1 ? '' : 's'} failed:`];
  for (const e of errors) {
    out.push(`  ${terminalSafe(e.file)}`);
    for (const p of e.problems) {
      out.push(...wrap(terminalSafe(p.message), width, `    - ${problemLocation(p)}`, '      '));
    }
  }
  return out;
}

/**
 * The terminal report of a run: each scenario (verdict, reasons, the comparison grid, notes)
 * and then the files that failed with their problems. Ends with a newline.
 */
export function renderTable(projections: Projection[], errors: RunDocument['errors'] = [], options: TableOptions = {}): string {
  const width = Math.max(MIN_WIDTH, Math.floor(options.width ?? 100));
  const sections = projections.map((p) => renderOne(p, width).join('\n'));
  const err = renderErrors(errors, width);
  if (err.length > 0) sections.push(err.join('\n'));
  if (sections.length === 0) return 'No scenarios.\n';
  return sections.join('\n\n\n') + '\n';
}
