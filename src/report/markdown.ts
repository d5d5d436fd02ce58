/**
 * `summary.md` (per scenario) and the batch summary: GitHub-flavoured Markdown for a
 * pull-request comment. Every piece of user text goes through `escapeMarkdown`
 * (or `escapeMarkdownCell` inside a table): a scenario name cannot break a table, start a
 * heading, make a link or inject HTML — `<script>` arrives as the literal text `<script>`.
 */
import { oneTimeByCategory } from '../model/line-items.js';
import { COST_CATEGORIES } from '../model/types.js';
import type { Projection, RunDocument, StrategyResult } from '../model/types.js';
import { noteLines } from './notes.js';
import { rangesMarkdown, totalRangeText } from './ranges.js';
import {
  formatCount,
  formatHours,
  formatMsValue,
  formatUsd,
  formatUsdOrFloor,
  formatUsdPrecise,
  commandLineOverrides,
  horizonText,
  monthText,
  pricedOneTime,
  pricedTotal,
  strategyStatus,
  yesNo,
  pricesDated,
} from '../format.js';

const BLOCK_START = /^(\s*)(?:([#+\-=])|(\d+)([.)]))/;

/**
 * Inline Markdown text: HTML-significant characters become entities (so no tag or entity
 * the user wrote is interpreted), Markdown punctuation that could start emphasis, code,
 * links, tables or strikethrough is backslash-escaped, and a line that would open a block
 * (heading, quote, list, rule) has its first character escaped. Line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  const escaped = text
    .replace(/\r\n?|\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (c) => '\\' + c);
  // A heading, list, rule or setext marker only opens a block at the start of a line, and
  // this text is always placed at one (or right after a list marker it could nest in).
  return escaped.replace(BLOCK_START, (_m, ws: string, mark: string | undefined, digits: string | undefined, punct: string | undefined) =>
    mark !== undefined ? `${ws}\\${mark}` : `${ws}${digits}\\${punct}`,
  );
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

function latencyCell(s: StrategyResult): string {
  const l = s.per_query.latency_ms;
  if (l === null) return '–';
  return `${formatMsValue(l.p50)} / ${formatMsValue(l.p95)} / ${formatMsValue(l.p99)}`;
}

function strategyTable(p: Projection): string {
  const first = p.strategies[0];
  const last = first?.monthly[first.monthly.length - 1];
  const firstLabel = first?.monthly[0]?.label ?? 'month 1';
  const horizon = p.scenario.horizon_months;
  const header = [
    'strategy',
    'status',
    'feasible',
    'meets targets',
    'tokens / query (in · cached · out)',
    'cost / query',
    'latency p50 / p95 / p99 (ms)',
    'freshness, worst case',
    'one-time',
    `month 1 (${escapeMarkdownCell(firstLabel)})`,
    ...(last && last.month !== 1 ? [`month ${last.month} (${escapeMarkdownCell(last.label)})`] : []),
    `total, ${horizon} month${horizon === 1 ? '' : 's'}`,
  ];
  const rows = p.strategies.map((s) => {
    const status = strategyStatus(p, s);
    return [
      code(s.id),
      p.verdict.recommended === s.id ? `**${status}**` : status,
      yesNo(s.feasible),
      yesNo(s.meets_targets),
      `${formatCount(s.per_query.input_tokens)} · ${formatCount(s.per_query.cached_input_tokens)} · ${formatCount(s.per_query.output_tokens)}`,
      formatUsdPrecise(s.per_query.cost_usd),
      latencyCell(s),
      formatHours(s.freshness_hours),
      formatUsdOrFloor(s.one_time_usd, pricedOneTime(s)),
      monthText(s.monthly[0]),
      ...(last && last.month !== 1 ? [monthText(s.monthly[s.monthly.length - 1])] : []),
      formatUsdOrFloor(s.total_usd, pricedTotal(s)),
    ];
  });
  return markdownTable(header, rows, header.map((_, i) => (i < 4 ? 'l' : 'r')));
}

function monthlyTable(p: Projection): string {
  const header = ['month', ...p.strategies.map((s) => code(s.id))];
  const months = p.strategies[0]?.monthly ?? [];
  const rows = months.map((m, i) => [
    escapeMarkdownCell(m.label),
    ...p.strategies.map((s) => monthText(s.monthly[i])),
  ]);
  rows.push(['**total**', ...p.strategies.map((s) => `**${formatUsdOrFloor(s.total_usd, pricedTotal(s))}**`)]);
  return markdownTable(header, rows, header.map((_, i) => (i === 0 ? 'l' : 'r')));
}

/** One-time cost by category (columns: strategies); only categories that any strategy spends in. */
function oneTimeTable(p: Projection): string | null {
  const sums = p.strategies.map((s) => oneTimeByCategory(s.line_items));
  const categories = COST_CATEGORIES.filter((c) => sums.some((m) => m.has(c)));
  if (categories.length === 0) return null;
  const header = ['category', ...p.strategies.map((s) => code(s.id))];
  const rows = categories.map((c) => [c, ...sums.map((m) => (m.has(c) ? formatUsd(m.get(c)!) : '$0'))]);
  rows.push(['**total**', ...p.strategies.map((s) => `**${formatUsdOrFloor(s.one_time_usd, pricedOneTime(s))}**`)]);
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
  // With ranges, the executive summary states the range, not one number.
  const spread = p.verdict.recommended === null ? null : totalRangeText(p, p.verdict.recommended);
  if (spread !== null) {
    out.push(`Total of ${code(p.verdict.recommended!)}: ${escapeMarkdown(spread)}. Across the futures drawn: ${escapeMarkdown(p.uncertainty!.verdict[0] ?? '')}.`);
    out.push('');
  }
  for (const r of p.verdict.reasons) out.push(`- ${escapeMarkdown(r)}`);
  if (p.verdict.reasons.length > 0) out.push('');
  const ranges = rangesMarkdown(p);
  if (ranges !== '') out.push(ranges);
  out.push('## Strategies');
  out.push('');
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

/** The batch summary: one row per scenario, then the files that failed. Ends with a newline. */
export function renderBatchMarkdown(projections: Projection[], errors: RunDocument['errors'] = []): string {
  const out: string[] = ['# costsim summary', ''];
  // A batch runs every file with the same --set: say it once, above the table.
  const overrides = [...new Set(projections.flatMap(commandLineOverrides))];
  if (overrides.length > 0) out.push(`Set on the command line: ${overrides.map(code).join(', ')}`, '');
  if (projections.length > 0) {
    const header = ['scenario', 'recommended', 'one-time', 'month 1', 'total', 'horizon', 'cost / query', 'latency p95 (ms)', 'prices dated'];
    const rows = projections.map((p) => {
      const s = p.strategies.find((x) => x.id === p.verdict.recommended);
      return [
        escapeMarkdownCell(p.scenario.name),
        s ? code(s.id) : '*none*',
        s ? formatUsd(s.one_time_usd) : '–',
        s ? formatUsd(s.monthly[0]?.total_usd ?? null) : '–',
        s ? formatUsd(s.total_usd) : '–',
        `${p.scenario.horizon_months} mo`,
        s ? formatUsdPrecise(s.per_query.cost_usd) : '–',
        s ? formatMsValue(s.per_query.latency_ms?.p95 ?? null) : '–',
        escapeMarkdownCell(pricesDated(p)),
      ];
    });
    out.push(markdownTable(header, rows, header.map((_, i) => (i < 2 ? 'l' : 'r'))));
    out.push('');
  }
  if (errors.length > 0) {
    out.push(`## ${errors.length} file${errors.length === 1 ? '' : 's'} failed`);
    out.push('');
    for (const e of errors) {
      out.push(`- ${code(e.file)}`);
      for (const pr of e.problems) {
        const pos = pr.line !== undefined ? ` (line ${pr.line}${pr.column !== undefined ? `, column ${pr.column}` : ''})` : '';
        out.push(`  - ${pr.path ? code(pr.path) : ''}${pos}${pr.path || pos ? ': ' : ''}${escapeMarkdown(pr.message)}`);
      }
    }
    out.push('');
  }
  if (projections.length === 0 && errors.length === 0) out.push('No scenarios.', '');
  return out.join('\n');
}
