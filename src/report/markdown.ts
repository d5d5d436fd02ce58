/**
 * `summary.md` (per scenario) and the batch summary: GitHub-flavoured Markdown for a
 * pull-request comment. Every piece of user text goes through `escapeMarkdown`
 * (or `escapeMarkdownCell` inside a table): a scenario name cannot break a table, start a
 * heading, make a link or inject HTML — `<script>` arrives as the literal text `<script>`.
 */
import { oneTimeByCategory } from '../model/line-items.js';
import { COST_CATEGORIES } from '../model/types.js';
import type { Projection, RunDocument, StrategyResult } from '../model/types.js';
import { executiveSummary, keyAssumptions } from './executive.js';
import { noteLines } from './notes.js';
import { rangesMarkdown } from './ranges.js';
import {
  CANNOT_RUN,
  cannotRun,
  formatMsValue,
  formatUsd,
  formatUsdOrFloor,
  commandLineOverrides,
  horizonText,
  monthText,
  pricedOneTime,
  pricedTotal,
  strategyMetrics,
  pricesDated,
} from '../format.js';

const BLOCK_START = /^(\s*)(?:([#+\-=>])|(\d+)([.)]))/;

/**
 * `&` that would start a character reference (`&amp;`, `&#60;`, `&#x3c;`): only those need
 * escaping, a bare `&` is literal text in CommonMark (spec §6.2, "Entity and numeric
 * character references": a reference needs a name or number and a closing `;`).
 */
const ENTITY_LIKE = /&(?=#?[A-Za-z0-9]+;)/g;

/**
 * Inline Markdown text: `<` becomes `&lt;` where it could open a tag (so no tag the user
 * wrote is interpreted, and `<https://…>` is no autolink), `&` becomes `&amp;` only where it would start a character
 * reference (so `Q&A` stays `Q&A` in the raw file and on GitHub, while a typed `&lt;` stays
 * those four characters), Markdown punctuation that could start emphasis, code, links,
 * tables or strikethrough is backslash-escaped, and a line that would open a block (heading,
 * quote, list, rule) has its first character escaped. A `>` elsewhere is plain text: no tag
 * can be open for it to close. Line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  const escaped = escapeInline(text.replace(/\r\n?|\n/g, ' '));
  // A heading, quote, list, rule or setext marker only opens a block at the start of a line,
  // and this text is always placed at one (or right after a list marker it could nest in).
  return escaped.replace(BLOCK_START, (_m, ws: string, mark: string | undefined, digits: string | undefined, punct: string | undefined) =>
    mark === '>' ? `${ws}&gt;` : mark !== undefined ? `${ws}\\${mark}` : `${ws}${digits}\\${punct}`,
  );
}

/**
 * The inline part of `escapeMarkdown`, for text that can never open a block (inside a table
 * cell, after other text): `26.3 h` stays `26.3 h`. A `<` is only escaped where it could open
 * a tag, a comment or an autolink (followed by a letter, `/`, `!` or `?`; CommonMark §6.5–6.6),
 * so `<1%` reads as written.
 */
function escapeInline(text: string): string {
  return text
    .replace(ENTITY_LIKE, '&amp;')
    .replace(/<(?=[A-Za-z/!?])/g, '&lt;')
    .replace(/[\\`*_[\]|~]/g, (c) => '\\' + c);
}

/** Text for a table cell: as `escapeMarkdown`, with line breaks kept as `<br>`. */
export function escapeMarkdownCell(text: string): string {
  return text
    .split(/\r\n?|\n/)
    .map((line) => escapeMarkdown(line))
    .join('<br>');
}

/** A GFM table; `align` per column: `l` or `r`. Cells must already be escaped. */
export function markdownTable(header: string[], rows: string[][], align: ('l' | 'r')[]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const rule = `| ${header.map((_, i) => (align[i] === 'r' ? '---:' : ':---')).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** An inline-code span for an identifier (strategy id) that is safe whatever it holds. */
function code(id: string): string {
  // Backticks inside a code span cannot be escaped; fall back to escaped plain text.
  if (/[`\r\n|<>&]/.test(id)) return escapeMarkdownCell(id);
  return '`' + id + '`';
}

/**
 * The strategy comparison, metrics as rows and strategies as columns (the terminal table's
 * rows, src/format.ts strategyMetrics): a handful of columns, so a pull request shows it
 * without scrolling sideways. A strategy that cannot run shows "—" for its money.
 */
function strategyTable(p: Projection): string {
  const header = ['', ...p.strategies.map((s) => code(s.id))];
  const rows = strategyMetrics(p).map((r) => [
    escapeInline(r.label.trim()),
    ...r.cells.map((c, i) => {
      const text = escapeInline(c);
      return r.label === 'status' && p.strategies[i]?.id === p.verdict.recommended ? `**${text}**` : text;
    }),
  ]);
  return markdownTable(header, rows, header.map((_, i) => (i === 0 ? 'l' : 'r')));
}

/** "`prompt_only` cannot run (over the context window): its money shows —." or null. */
function cannotRunLine(p: Projection): string | null {
  const out = p.strategies.flatMap((s) => {
    const why = cannotRun(s);
    return why === null ? [] : [`${code(s.id)} cannot run (${escapeMarkdown(why)})`];
  });
  return out.length === 0 ? null : `${out.join('; ')}: ${out.length === 1 ? 'its' : 'their'} money shows ${CANNOT_RUN}, never a price.`;
}

/** A strategy's cell: "—" when it cannot run, else the formatted figure. */
function ifRuns(s: StrategyResult, text: () => string): string {
  return s.feasible ? text() : CANNOT_RUN;
}

function monthlyTable(p: Projection): string {
  const header = ['month', ...p.strategies.map((s) => code(s.id))];
  const months = p.strategies[0]?.monthly ?? [];
  const rows = months.map((m, i) => [
    escapeMarkdownCell(m.label),
    ...p.strategies.map((s) => ifRuns(s, () => monthText(s.monthly[i]))),
  ]);
  rows.push([
    `**total, ${p.scenario.horizon_months} month${p.scenario.horizon_months === 1 ? '' : 's'}**`,
    ...p.strategies.map((s) => ifRuns(s, () => `**${formatUsdOrFloor(s.total_usd, pricedTotal(s))}**`)),
  ]);
  return markdownTable(header, rows, header.map((_, i) => (i === 0 ? 'l' : 'r')));
}

/** One-time cost by category (columns: strategies); only categories that any strategy spends in. */
function oneTimeTable(p: Projection): string | null {
  const sums = p.strategies.map((s) => oneTimeByCategory(s.line_items));
  const categories = COST_CATEGORIES.filter((c) => sums.some((m) => m.has(c)));
  if (categories.length === 0) return null;
  const header = ['category', ...p.strategies.map((s) => code(s.id))];
  const rows = categories.map((c) => [c, ...sums.map((m, i) => ifRuns(p.strategies[i]!, () => (m.has(c) ? formatUsd(m.get(c)!) : '$0')))]);
  rows.push(['**total**', ...p.strategies.map((s) => ifRuns(s, () => `**${formatUsdOrFloor(s.one_time_usd, pricedOneTime(s))}**`))]);
  return markdownTable(header, rows, header.map((_, i) => (i === 0 ? 'l' : 'r')));
}

/** Pipeline order of the latency components (docs/model.md §10). */
const LATENCY_COMPONENTS = ['network', 'embed', 'search', 'rerank', 'queue', 'prefill', 'reasoning', 'decode'];

/** Median of each latency component per strategy, then TTFT and end-to-end percentiles; null when no strategy has latency. */
function latencyTable(p: Projection): string | null {
  const withLatency = p.strategies.filter((s) => s.per_query.latency_ms !== null);
  if (withLatency.length === 0) return null;
  const header = ['component (ms)', ...p.strategies.map((s) => code(s.id))];
  const present = LATENCY_COMPONENTS.filter((c) => withLatency.some((s) => s.per_query.latency_ms?.components[c] !== undefined));
  const cell = (s: StrategyResult, pick: (l: NonNullable<StrategyResult['per_query']['latency_ms']>) => number | undefined) => {
    const l = s.per_query.latency_ms;
    const v = l ? pick(l) : undefined;
    return v === undefined ? '–' : formatMsValue(v);
  };
  const rows = present.map((c) => [`${c} (p50)`, ...p.strategies.map((s) => cell(s, (l) => l.components[c]?.p50))]);
  rows.push(['time to first token p50 / p95', ...p.strategies.map((s) => `${cell(s, (l) => l.ttft_p50)} / ${cell(s, (l) => l.ttft_p95)}`)]);
  rows.push(['**end-to-end p50 / p95 / p99**', ...p.strategies.map((s) => `**${cell(s, (l) => l.p50)} / ${cell(s, (l) => l.p95)} / ${cell(s, (l) => l.p99)}**`)]);
  return markdownTable(header, rows, header.map((_, i) => (i === 0 ? 'l' : 'r')));
}

function verdictLine(p: Projection): string {
  return p.verdict.recommended === null
    ? '**Verdict: no strategy is feasible, fully priced and on target.**'
    : `**Verdict: ${code(p.verdict.recommended)}**`;
}

/** The `summary.md` of one scenario. Ends with a newline. */
export function renderMarkdown(p: Projection): string {
  const out: string[] = [];
  out.push(`# ${escapeMarkdown(p.scenario.name)}`);
  out.push('');
  if (p.scenario.description) {
    out.push(escapeMarkdown(p.scenario.description));
    out.push('');
  }
  out.push(
    `${escapeMarkdown(horizonText(p.scenario.horizon_months, p.scenario.start_month))} · scenario ${code(p.scenario.file)} · prices dated ${escapeMarkdown(pricesDated(p))}`,
  );
  for (const u of p.catalog.prices_used ?? []) out.push(`- prices from ${escapeMarkdown(u.source)}: ${u.oldest === u.newest ? u.oldest : `${u.oldest} to ${u.newest}`}`);
  const overrides = commandLineOverrides(p);
  if (overrides.length > 0) out.push(`- set on the command line: ${overrides.map(code).join(', ')}`);
  out.push('');
  out.push(verdictLine(p));
  out.push('');
  // The executive summary, in plain sentences, then the drivers and why the others lost.
  const ex = executiveSummary(p);
  for (const t of [ex.recommendation, ex.cost, ex.overtakes, ex.range]) if (t !== null) out.push(escapeMarkdown(t), '');
  if (ex.drivers.length > 0) {
    out.push('What drives the total:', '');
    for (const d of ex.drivers) out.push(`- ${escapeMarkdown(d)}`);
    out.push('');
  }
  if (p.verdict.reasons.length > 0) {
    out.push('How each strategy fared:', '');
    for (const r of p.verdict.reasons) out.push(`- ${escapeMarkdown(r)}`);
    out.push('');
  }
  const key = keyAssumptions(p);
  if (key.length > 0) {
    out.push('## Key assumptions', '');
    for (const k of key) out.push(`- **${escapeInline(k.topic)}**: ${escapeInline(k.text)}`);
    out.push('');
  }
  const ranges = rangesMarkdown(p);
  if (ranges !== '') out.push(ranges);
  out.push('## Strategies');
  out.push('');
  const cannot = cannotRunLine(p);
  if (cannot !== null) out.push(cannot, '');
  out.push(strategyTable(p));
  out.push('');
  const latency = latencyTable(p);
  if (latency !== null) {
    out.push('## Latency per query');
    out.push('');
    out.push('Medians of the components do not add up to the end-to-end median (skewed parts); compare the p95 with the SLO.');
    out.push('');
    out.push(latency);
    out.push('');
  }
  out.push('## Monthly totals (USD)');
  out.push('');
  out.push(monthlyTable(p));
  out.push('');
  const oneTime = oneTimeTable(p);
  if (oneTime !== null) {
    out.push('## One-time costs (USD)');
    out.push('');
    out.push(oneTime);
    out.push('');
  }
  const notes = noteLines(p).map(({ message, strategies, subject }) =>
    subject === '' ? `- ${escapeMarkdown(message)}` : `- ${subject === 'every strategy' ? subject : strategies.map(code).join(', ')}: ${escapeMarkdown(message)}`,
  );
  // Unpriced lines are usually explained by a note already; say it only where none does.
  const unpriced = p.strategies.filter((s) => s.unpriced.length > 0 && !s.notes.some((n) => n.code === 'unpriced'));
  if (notes.length > 0 || unpriced.length > 0) {
    out.push('## Notes');
    out.push('');
    out.push(...notes);
    for (const s of unpriced) {
      out.push(`- ${code(s.id)}: could not be priced: ${s.unpriced.map((u) => escapeMarkdown(u)).join(', ')} (totals show *unknown*).`);
    }
    out.push('');
  }
  out.push(`<sub>costsim · catalog as of ${escapeMarkdown(p.catalog.as_of)} · money in USD, rounded for display only</sub>`);
  return out.join('\n') + '\n';
}

/**
 * Where a problem is, for a bullet: "`retrieval.top_k` (line 3, column 5): ", "line 1,
 * column 61: " or nothing, never an empty field.
 */
function problemWhere(pr: RunDocument['errors'][number]['problems'][number]): string {
  const pos = pr.line !== undefined ? `line ${pr.line}${pr.column !== undefined ? `, column ${pr.column}` : ''}` : '';
  if (pr.path && pos) return `${code(pr.path)} (${pos}): `;
  if (pr.path) return `${code(pr.path)}: `;
  return pos ? `${pos}: ` : '';
}

/**
 * The batch summary: one row per scenario, then the files that failed. Six columns, so a pull
 * request shows it without scrolling sideways: the scenario's name with its file beneath (two
 * scenarios may share a name), the recommendation, its one-time cost, its first month and its
 * total over the scenario's horizon, and the p95 latency; the price dates follow the table.
 * Ends with a newline.
 */
export function renderBatchMarkdown(projections: Projection[], errors: RunDocument['errors'] = []): string {
  const out: string[] = ['# costsim summary', ''];
  // A batch runs every file with the same --set: say it once, above the table.
  const overrides = [...new Set(projections.flatMap(commandLineOverrides))];
  if (overrides.length > 0) out.push(`Set on the command line: ${overrides.map(code).join(', ')}`, '');
  if (projections.length > 0) {
    const header = ['scenario', 'recommended', 'one-time', 'month 1', 'total', 'p95 (ms)'];
    const rows = projections.map((p) => {
      const s = p.strategies.find((x) => x.id === p.verdict.recommended);
      const months = `${p.scenario.horizon_months} mo`;
      return [
        `${escapeMarkdownCell(p.scenario.name)}<br>${code(p.scenario.file)}`,
        s ? code(s.id) : '*none*',
        s ? formatUsd(s.one_time_usd) : '–',
        s ? formatUsd(s.monthly[0]?.total_usd ?? null) : '–',
        s ? `${formatUsd(s.total_usd)} (${months})` : `– (${months})`,
        s ? formatMsValue(s.per_query.latency_ms?.p95 ?? null) : '–',
      ];
    });
    out.push(markdownTable(header, rows, header.map((_, i) => (i < 2 ? 'l' : 'r'))));
    out.push('');
    const dates = projections.map((p) => pricesDated(p).split(' to '));
    const oldest = dates.map((d) => d[0]!).sort()[0]!;
    const newest = dates.map((d) => d.at(-1)!).sort().at(-1)!;
    out.push(`Prices dated ${escapeMarkdown(oldest === newest ? oldest : `${oldest} to ${newest}`)}; each scenario's summary.md gives its own.`);
    out.push('');
  }
  if (errors.length > 0) {
    out.push(`## ${errors.length} file${errors.length === 1 ? '' : 's'} failed`);
    out.push('');
    for (const e of errors) {
      out.push(`- ${code(e.file)}`);
      for (const pr of e.problems) out.push(`  - ${problemWhere(pr)}${escapeMarkdown(pr.message)}`);
    }
    out.push('');
  }
  if (projections.length === 0 && errors.length === 0) out.push('No scenarios.', '');
  return out.join('\n');
}
