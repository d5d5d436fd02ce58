/**
 * Text views of a `costsim.diff/v1` document: the diff tree (terminal table, and the body of
 * the Markdown and pull-request views), the headline sentence and the narrow per-scenario
 * table. Every piece of user text (scenario names, files, strategy ids) goes through
 * `terminalSafe` in the tree and `escapeMarkdownCell` in Markdown.
 *
 * The tree follows infracost's diff: `~` changed, `+` added, `-` removed, one level for the
 * scenario, one for the strategy, one for its line items; a changed strategy lists only the
 * figures that changed. The verdict's change comes first under its scenario.
 */
import { formatMs, formatPercent, formatUsd, formatUsdPrecise, formatQuantity, formatPrice, UNKNOWN } from '../format.js';
import { escapeMarkdownCell, markdownTable } from '../report/markdown.js';
import { terminalSafe } from '../report/table.js';
import { same, type Change, type DiffDocument, type LineItemDiff, type ScenarioDiff, type Status, type StrategyDiff, type StrategyMetric } from './diff.js';

const MARK: Record<Status, string> = { added: '+', removed: '-', changed: '~', unchanged: ' ' };

type Fmt = (x: number | null) => string;

const METRIC_FORMAT: Record<StrategyMetric, Fmt> = {
  month_1_usd: formatUsd,
  last_month_usd: formatUsd,
  total_usd: formatUsd,
  per_query_usd: (x) => formatUsdPrecise(x),
  p95_ms: (x) => (x === null ? UNKNOWN : formatMs(x)),
  ttft_p95_ms: (x) => (x === null ? UNKNOWN : formatMs(x)),
};

/** `+` in front of a positive figure; formatters already put `-` in front of a negative one. */
function signed(x: number, text: string): string {
  return x > 0 ? `+${text}` : text;
}

/** `+$500 (+10%)`, `-$20 (-3.1%)`, `+$50 (new)` from 0, `unknown` when a side is unknown. */
function formatChange(c: Change, fmt: Fmt): string {
  if (c.delta === null) return UNKNOWN;
  if (c.delta === 0) return 'no change';
  const pct = c.percent === null ? '' : ` (${percentText(c.percent)})`;
  return signed(c.delta, fmt(c.delta)) + pct;
}

/** `+18%`, `-3.1%`; a change too small for two decimals is `<+0.01%`, never a bare `0%`. */
function percentText(p: number): string {
  if (Math.abs(p) < 0.00005) return p > 0 ? '<+0.01%' : '>-0.01%';
  return signed(p, formatPercent(p));
}

/** `$5,000 → $5,500  +$500 (+10%)`. */
function formatBeforeAfter(c: Change, fmt: Fmt): string {
  return `${fmt(c.before)} → ${fmt(c.after)}  ${formatChange(c, fmt)}`;
}

function metricLabel(m: StrategyMetric, s: StrategyDiff): string {
  const months = s.months.after ?? s.months.before;
  switch (m) {
    case 'month_1_usd':
      return `month 1${months ? ` (${months.first})` : ''}`;
    case 'last_month_usd': {
      const b = s.months.before?.last;
      const a = s.months.after?.last;
      return `last month${a && b && a !== b ? ` (${b} → ${a})` : a || b ? ` (${a ?? b})` : ''}`;
    }
    case 'total_usd':
      return 'horizon total';
    case 'per_query_usd':
      return 'cost / query';
    case 'p95_ms':
      return 'latency p95';
    case 'ttft_p95_ms':
      return 'TTFT p95';
  }
}

/** What an item's figures are: month 1, once, or (runs saved before items had months) per query. */
const BASIS_TEXT: Record<LineItemDiff['basis'], string> = { month_1: 'month 1', once: 'one-time', per_query: 'per query' };

function itemFmt(item: LineItemDiff): Fmt {
  return item.basis === 'per_query' ? (x) => formatUsdPrecise(x) : formatUsd;
}

function lineItemLines(item: LineItemDiff, indent: string): string[] {
  const fmt = itemFmt(item);
  const head = `${MARK[item.status]}${indent}${MARK[item.status]} ${terminalSafe(item.name)} (${BASIS_TEXT[item.basis]})`;
  if (item.status === 'added') return [`${head}  ${fmt(item.cost_usd.after)}`];
  if (item.status === 'removed') return [`${head}  was ${fmt(item.cost_usd.before)}`];
  const lines = [`${head}  ${formatBeforeAfter(item.cost_usd, fmt)}`];
  const unit = terminalSafe(item.unit);
  if (!same(item.unit_price_usd.before, item.unit_price_usd.after)) {
    // Token prices per million tokens, the way price pages (and report.html) state them.
    const perM = item.unit === 'tokens';
    const price = (x: number | null) => formatPrice(x === null ? null : perM ? x * 1_000_000 : x);
    lines.push(`~${indent}    unit price ${price(item.unit_price_usd.before)} → ${price(item.unit_price_usd.after)} per ${perM ? '1M tokens' : unit}`);
  }
  if (!same(item.quantity.before, item.quantity.after)) {
    const q = (x: number | null) => (x === null ? UNKNOWN : formatQuantity(x));
    lines.push(`~${indent}    quantity ${q(item.quantity.before)} → ${q(item.quantity.after)} ${unit}`);
  }
  return lines;
}

function strategyLines(s: StrategyDiff): string[] {
  const id = terminalSafe(s.id);
  const m = s.metrics;
  if (s.status === 'added') {
    return [`+   + ${id} (new strategy): month 1 ${formatUsd(m.month_1_usd.after)}, horizon total ${formatUsd(m.total_usd.after)}, p95 ${METRIC_FORMAT.p95_ms(m.p95_ms.after)}`];
  }
  if (s.status === 'removed') {
    return [`-   - ${id} (strategy removed): was month 1 ${formatUsd(m.month_1_usd.before)}, horizon total ${formatUsd(m.total_usd.before)}`];
  }
  const lines = [`~   ~ ${id}`];
  const rows: [string, string][] = [];
  for (const key of Object.keys(m) as StrategyMetric[]) {
    const c = m[key];
    if (same(c.before, c.after)) continue;
    rows.push([metricLabel(key, s), formatBeforeAfter(c, METRIC_FORMAT[key])]);
  }
  const width = Math.max(0, ...rows.map(([l]) => l.length));
  for (const [label, text] of rows) lines.push(`~       ${label.padEnd(width)}  ${text}`);
  for (const item of s.line_items) lines.push(...lineItemLines(item, '       '));
  return lines;
}

function verdictText(v: string | null): string {
  return v === null ? 'none' : terminalSafe(v);
}

/** The tree lines of one scenario; the first column is the diff mark (for ```diff colouring). */
export function scenarioTree(s: ScenarioDiff): string[] {
  const title = `${terminalSafe(s.name)}  (${terminalSafe(s.file)})`;
  const month1 = (x: number | null) => formatUsd(x);
  if (s.status === 'added') {
    return [`+ ${title}: new scenario; verdict ${verdictText(s.verdict.after)}; month 1 ${month1(s.month_1_usd.after)}`];
  }
  if (s.status === 'removed') {
    return [`- ${title}: scenario removed; was verdict ${verdictText(s.verdict.before)}; month 1 ${month1(s.month_1_usd.before)}`];
  }
  if (s.status === 'unchanged') return [`  ${title}: no change`];
  const lines = [`~ ${title}`];
  if (s.verdict.changed) lines.push(`!   verdict changes: ${verdictText(s.verdict.before)} → ${verdictText(s.verdict.after)}`);
  if (s.before && s.after && s.before.file !== s.after.file) lines.push(`~   file: ${terminalSafe(s.before.file)} → ${terminalSafe(s.after.file)}`);
  if (s.before && s.after && s.before.name !== s.after.name) lines.push(`~   name: ${terminalSafe(s.before.name)} → ${terminalSafe(s.after.name)}`);
  if (!same(s.month_1_usd.before, s.month_1_usd.after)) {
    lines.push(`~   month-1 spend of the recommended strategy: ${formatBeforeAfter(s.month_1_usd, month1)}`);
  }
  if (s.catalog_as_of.before !== s.catalog_as_of.after) {
    lines.push(`~   prices as of ${terminalSafe(s.catalog_as_of.before ?? UNKNOWN)} → ${terminalSafe(s.catalog_as_of.after ?? UNKNOWN)}`);
  }
  for (const st of s.strategies) if (st.status !== 'unchanged') lines.push(...strategyLines(st));
  return lines;
}

/** Scenarios in the order a reviewer wants them: verdict changes, then changed, added, removed, unchanged. */
export function orderedScenarios(doc: DiffDocument): ScenarioDiff[] {
  const rank = (s: ScenarioDiff) => (s.verdict.changed ? 0 : { changed: 1, added: 2, removed: 3, unchanged: 4 }[s.status]);
  return doc.scenarios.map((s, i) => ({ s, i })).sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i).map(({ s }) => s);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * "Monthly LLM spend rises by $1,240 (+18%) across 3 scenarios; the verdict changes in 1."
 * Monthly spend is month 1 of each scenario's recommended strategy (an added scenario counts
 * from $0, a removed one to $0); a scenario with no priced recommendation on a side is left
 * out and the sentence says so.
 */
export function headline(doc: DiffDocument): string {
  const sum = doc.summary;
  const c = sum.month_1_usd;
  const across = `across ${plural(sum.scenarios - sum.month_1_unknown, 'scenario')}`;
  let spend: string;
  if (c.delta === null || c.delta === 0) spend = `Monthly LLM spend is unchanged at ${formatUsd(c.after)} ${across}`;
  else {
    const pct = c.percent === null ? '' : ` (${percentText(c.percent)})`;
    spend = `Monthly LLM spend ${c.delta > 0 ? 'rises' : 'falls'} by ${formatUsd(Math.abs(c.delta))}${pct} ${across}`;
  }
  const parts = [spend];
  parts.push(sum.verdict_changes === 0 ? 'no verdict changes' : `the verdict changes in ${sum.verdict_changes}`);
  if (sum.added > 0 || sum.removed > 0) {
    parts.push([sum.added > 0 ? `${plural(sum.added, 'scenario')} added` : '', sum.removed > 0 ? `${plural(sum.removed, 'scenario')} removed` : ''].filter(Boolean).join(', '));
  }
  let text = parts.join('; ') + '.';
  if (sum.month_1_unknown > 0) {
    text += ` (${plural(sum.month_1_unknown, 'scenario')} without a priced recommendation on one side ${sum.month_1_unknown === 1 ? 'is' : 'are'} left out of the sum.)`;
  }
  const failed = doc.errors.before.length + doc.errors.after.length;
  if (failed > 0) text += ` ${plural(failed, 'file')} failed to run and ${failed === 1 ? 'is' : 'are'} not compared.`;
  return text;
}

/** The whole diff tree for the terminal. */
export function renderDiffTable(doc: DiffDocument): string {
  const out = [terminalSafe(headline(doc)), ''];
  const unchanged = doc.scenarios.filter((s) => s.status === 'unchanged');
  for (const s of orderedScenarios(doc)) if (s.status !== 'unchanged') out.push(...scenarioTree(s), '');
  if (unchanged.length > 0) out.push(`${plural(unchanged.length, 'scenario')} unchanged: ${unchanged.map((s) => terminalSafe(s.name)).join(', ')}`, '');
  // Failed files: counted in the headline; each problem is on stderr (src/cli/problem-lines.ts).
  return out.join('\n').replace(/\n+$/, '') + '\n';
}

/** Failed files of either side, one a line. */
export function errorLines(doc: DiffDocument): string[] {
  const lines: string[] = [];
  for (const [side, errors] of [['base', doc.errors.before], ['head', doc.errors.after]] as const) {
    for (const e of errors) {
      for (const p of e.problems) {
        const where = p.line !== undefined ? `${e.file}:${p.line}:${p.column ?? 1}` : e.file;
        lines.push(`failed on the ${side} side: ${where}: ${p.path ? `${p.path}: ` : ''}${p.message}`);
      }
    }
  }
  return lines;
}

/** A fenced code block whose fence is longer than any backtick run inside (so no text closes it). */
export function fenced(lines: string[], info = ''): string {
  const body = lines.join('\n');
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${body}\n${fence}`;
}

function verdictCell(s: ScenarioDiff): string {
  const v = (x: string | null) => (x === null ? 'none' : escapeMarkdownCell(x));
  if (s.status === 'added') return `${v(s.verdict.after)} (new)`;
  if (s.status === 'removed') return `${v(s.verdict.before)} (removed)`;
  return s.verdict.changed ? `**${v(s.verdict.before)} → ${v(s.verdict.after)}**` : v(s.verdict.after);
}

/** The narrow table: scenario, verdict, month 1 before → after, change. Rows in `orderedScenarios` order. */
export function narrowTable(scenarios: ScenarioDiff[]): string {
  const rows = scenarios.map((s) => [
    escapeMarkdownCell(s.name),
    verdictCell(s),
    `${formatUsd(s.month_1_usd.before)} → ${formatUsd(s.month_1_usd.after)}`,
    formatChange(s.month_1_usd, formatUsd),
  ]);
  return markdownTable(['scenario', 'verdict', 'month 1 (recommended)', 'change'], rows, ['l', 'l', 'r', 'r']);
}

/** `--format md`: headline, narrow table, then each changed scenario's tree in a ```diff block. */
export function renderDiffMarkdown(doc: DiffDocument): string {
  const out = ['# costsim diff', '', escapeMarkdownCell(headline(doc)), ''];
  const ordered = orderedScenarios(doc);
  if (ordered.length > 0) out.push(narrowTable(ordered), '');
  const trees = ordered.filter((s) => s.status !== 'unchanged').flatMap((s) => [...scenarioTree(s), '']);
  if (trees.length > 0) out.push(fenced(trees.slice(0, -1), 'diff'), '');
  const errors = errorLines(doc);
  if (errors.length > 0) out.push(...errors.map((e) => `- ${escapeMarkdownCell(e)}`), '');
  return out.join('\n');
}
