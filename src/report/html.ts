/**
 * `report.html`: the finance review of one scenario in ONE self-contained file.
 *
 * - No network: no external font, script, stylesheet or image; the charts are inline SVG and
 *   the CSS is inline. A Content-Security-Policy meta tag (`default-src 'none'`) makes that a
 *   guarantee rather than a habit: even injected markup could neither load nor run anything.
 * - Every user-provided string (scenario name, description, file, strategy ids, notes,
 *   reasons, line-item names, assumption values and sources) is HTML-escaped, in text and in
 *   attributes. The chart SVG is trusted markup from vega's SVG renderer (which escapes its
 *   text) and is embedded as is, except that its element ids are scoped per chart: vega numbers
 *   clip paths and gradients from 1 in every chart, and two inline SVGs defining `#clip1`
 *   would clip each other's marks.
 * - Prints on A4 (`@page`, `@media print`) as a summary of a few pages (docs/model.md §13):
 *   two charts, scaled to the page; one line per line item; the assumptions in two columns;
 *   small tables and charts do not break across pages, long ones repeat their header row, and
 *   no heading, hint or caption ends a page without what it introduces.
 */
import { horizonCost, oneTimeByCategory } from '../model/line-items.js';
import { COST_CATEGORIES } from '../model/types.js';
import type { Assumption, LineItem, MonthResult, Period, Projection, StrategyResult } from '../model/types.js';
import { STRATEGY_COLORS } from './charts/common.js';
import { executiveSummary, keyAssumptions, type ExecutiveSummary } from './executive.js';
import { escapeHtml } from './escape-html.js';
import { noteLines } from './notes.js';
import { rangesHtml } from './ranges.js';
import {
  formatCompact,
  formatCount,
  formatHours,
  formatMsValue,
  formatPrice,
  formatQuantity,
  formatUsd,
  formatUsdPrecise,
  formatValue,
  commandLineOverrides,
  horizonText,
  pricedOneTime,
  pricedPart,
  pricedTotal,
  strategyStatus,
  statusText,
  cannotRun,
  CANNOT_RUN,
  UNKNOWN,
  yesNo,
  pricesDated,
} from '../format.js';

interface HtmlChart {
  /** File stem, e.g. `monthly-spend`; also the figure's id. */
  name: string;
  /** Caption shown above the chart. */
  title: string;
  /** SVG markup from the chart renderer. */
  svg: string;
}

export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const h = escapeHtml;

/**
 * Prepare vega's SVG for inlining: drop an XML prolog or doctype (not allowed mid-document),
 * prefix every `id` and every reference to it (`url(#…)`, `href="#…"`) with `prefix`.
 */
export function scopeSvgIds(svg: string, prefix: string): string {
  const body = svg
    .replace(/^\uFEFF?\s*<\?xml[^>]*\?>\s*/, '')
    .replace(/^\s*<!DOCTYPE[^>]*>\s*/i, '');
  return body
    .replace(/\bid="([^"]+)"/g, (_m, id: string) => `id="${prefix}${id}"`)
    .replace(/url\(\s*(['"]?)#([^)'"]+)\1\s*\)/g, (_m, q: string, id: string) => `url(${q}#${prefix}${id}${q})`)
    .replace(/\b((?:xlink:)?href)="#([^"]+)"/g, (_m, attr: string, id: string) => `${attr}="#${prefix}${id}"`);
}

function cls(name: string): string {
  return ` class="${name}"`;
}

/** Money cell content: unknown prices are marked, not blank and never `$0`. */
function money(x: number | null | undefined, precise = false): string {
  if (x === null || x === undefined) return `<span${cls('unknown')}>${UNKNOWN}</span>`;
  return h(precise ? formatUsdPrecise(x) : formatUsd(x));
}

/** A total that may be unknown: the floor of its priced part goes beneath `unknown`. */
function moneyOrFloor(x: number | null | undefined, floor: number): string {
  if (x !== null && x !== undefined) return h(formatUsd(x));
  const below = floor > 0 ? `<br><span class="floor">≥ ${h(formatUsd(floor))} priced</span>` : '';
  return `<span${cls('unknown')}>${UNKNOWN}</span>${below}`;
}

function monthMoney(m: MonthResult | undefined): string {
  return m === undefined ? '–' : moneyOrFloor(m.total_usd, pricedPart(m.by_category));
}

/** A month's whole spend over its queries (USD per query): unknown when the month is. */
function allInPerQuery(m: MonthResult | undefined): string {
  if (m === undefined || m.queries <= 0) return '–';
  return money(m.total_usd === null ? null : m.total_usd / m.queries, true);
}

/** A strategy's money cell: "—" (with the reason on hover) when it cannot run, else the figure. */
function ifRuns(s: StrategyResult, figure: () => string): string {
  const why = cannotRun(s);
  return why === null ? figure() : `<span class="cannot" title="${h(`cannot run: ${why}`)}">${CANNOT_RUN}</span>`;
}

/** "prompt_only cannot run (over the context window): its money shows —." or nothing. */
function cannotRunNote(p: Projection): string {
  const out = p.strategies.flatMap((s, i) => {
    const why = cannotRun(s);
    return why === null ? [] : [`${strategyName(s, i)} cannot run (${h(why)})`];
  });
  return out.length === 0 ? '' : `<p class="hint cannot-run">${out.join('; ')}: ${out.length === 1 ? 'its' : 'their'} money shows ${CANNOT_RUN}, never a price.</p>`;
}

function swatch(i: number): string {
  const color = STRATEGY_COLORS[i % STRATEGY_COLORS.length] ?? '#000000';
  return `<span class="swatch" style="background:${color}" aria-hidden="true"></span>`;
}

/** A strategy id as a column or row header, with the strategy's chart colour beside it. */
function strategyName(s: StrategyResult, i: number): string {
  return `<span class="nowrap">${swatch(i)}<code>${h(s.id)}</code></span>`;
}

/** A row spanning the whole table that names the rows below it (a line-item table's period). */
interface GroupRow {
  group: string;
}

interface Table {
  caption?: string;
  head: string[];
  rows: (string[] | GroupRow)[];
  /** Indexes of numeric (right-aligned) columns. */
  numeric?: number[];
  /** Sum rows, after the body's rows (a rule above the first). */
  foot?: string[][];
  /** Long tables may break across printed pages; short ones keep together. */
  long?: boolean;
  className?: string;
}

function table(t: Table): string {
  const num = new Set(t.numeric ?? []);
  const cell = (tag: 'td' | 'th', c: string, i: number) => `<${tag}${num.has(i) ? cls('num') : ''}>${c}</${tag}>`;
  const classes = [t.long ? 'long' : 'keep', t.className].filter(Boolean).join(' ');
  return [
    `<table class="${classes}">`,
    t.caption ? `<caption>${t.caption}</caption>` : '',
    `<thead><tr>${t.head.map((c, i) => cell('th', c, i)).join('')}</tr></thead>`,
    // Sums are the last rows of the body, not a <tfoot>: a printed tfoot repeats at the foot of
    // every page a table spans, where a "Total" under half the months reads as their total.
    `<tbody>${[
      ...t.rows.map((r) =>
        Array.isArray(r)
          ? `<tr>${r.map((c, i) => cell(i === 0 ? 'th' : 'td', c, i)).join('')}</tr>`
          : `<tr class="group"><th colspan="${t.head.length}">${r.group}</th></tr>`,
      ),
      ...(t.foot ?? []).map((r, j) => `<tr class="${j === 0 ? 'sum first' : 'sum'}">${r.map((c, i) => cell(i === 0 ? 'th' : 'td', c, i)).join('')}</tr>`),
    ].join('')}</tbody>`,
    '</table>',
  ].join('');
}

const allNumeric = (n: number, from = 1) => Array.from({ length: Math.max(0, n - from) }, (_, i) => i + from);

// ---------------------------------------------------------------------------------------------

function header(p: Projection): string {
  const sc = p.scenario;
  const overrides = commandLineOverrides(p);
  return `<header>
<p class="kicker">costsim report</p>
<h1>${h(sc.name)}</h1>
${sc.description ? `<p class="description">${h(sc.description)}</p>` : ''}
<dl class="meta">
<div><dt>Horizon</dt><dd>${h(horizonText(sc.horizon_months, sc.start_month))}</dd></div>
<div><dt>Prices dated</dt><dd>${h(pricesDated(p))}${(p.catalog.prices_used ?? []).map((u) => `<br><small>${h(u.source)}: ${h(u.oldest === u.newest ? u.oldest : `${u.oldest} to ${u.newest}`)}</small>`).join('')}</dd></div>
<div><dt>Scenario file</dt><dd><code>${h(sc.file)}</code></dd></div>
${overrides.length > 0 ? `<div class="overrides"><dt>Set on the command line</dt><dd>${overrides.map((o) => `<code>${h(o)}</code>`).join(', ')}</dd></div>` : ''}
<div><dt>Currency</dt><dd>USD</dd></div>
</dl>
</header>`;
}

/** The executive summary's sentences, then what drives the total. */
function summaryHtml(ex: ExecutiveSummary): string {
  const lines = [ex.recommendation, ex.cost, ex.overtakes, ex.range].filter((t): t is string => t !== null);
  const drivers = ex.drivers.length > 0 ? `<p class="drivers-title">What drives the total:</p><ul class="drivers">${ex.drivers.map((d) => `<li>${h(d)}</li>`).join('')}</ul>` : '';
  return `<div class="summary">${lines.map((t) => `<p>${h(t)}</p>`).join('')}${drivers}</div>`;
}

function verdict(p: Projection): string {
  const idx = p.strategies.findIndex((s) => s.id === p.verdict.recommended);
  const s = p.strategies[idx];
  const ex = executiveSummary(p);
  const reasons = p.verdict.reasons.length > 0 ? `<ul class="reasons">${p.verdict.reasons.map((r) => `<li>${h(r)}</li>`).join('')}</ul>` : '';
  if (!s) {
    return `<section class="verdict none" aria-labelledby="verdict-title">
<h2 id="verdict-title">Verdict: no strategy recommended</h2>
${summaryHtml(ex)}
${reasons}
</section>`;
  }
  const months = s.monthly;
  const first = months[0];
  const last = months[months.length - 1];
  const lat = s.per_query.latency_ms;
  const figures: [string, string][] = [
    [`Total, ${p.scenario.horizon_months} months`, money(s.total_usd)],
    ['One-time', money(s.one_time_usd)],
    ...(first ? ([[`Month 1 (${h(first.label)})`, money(first.total_usd)]] as [string, string][]) : []),
    ...(last && first && last !== first ? ([[`Month ${last.month} (${h(last.label)})`, money(last.total_usd)]] as [string, string][]) : []),
    ['Per query', money(s.per_query.cost_usd, true)],
    ...(lat ? ([['Latency p95', `${h(formatMsValue(lat.p95))} ms`]] as [string, string][]) : []),
  ];
  return `<section class="verdict" aria-labelledby="verdict-title">
<h2 id="verdict-title">Verdict: ${strategyName(s, idx)}</h2>
${summaryHtml(ex)}
<dl class="figures">${figures.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('')}</dl>
${reasons ? `<p class="drivers-title">How each strategy fared:</p>${reasons}` : ''}
</section>`;
}

/** The inputs a reviewer questions first, in words; every input is in the Assumptions table at the end. */
function keyAssumptionsHtml(p: Projection): string {
  const list = keyAssumptions(p);
  if (list.length === 0) return '';
  return `<section class="key-assumptions" aria-labelledby="key"><h2 id="key">Key assumptions</h2>
<dl class="key">${list.map((k) => `<div><dt>${h(k.topic)}</dt><dd>${h(k.text)} <span class="fields">${k.fields.map((f) => `<code>${h(f)}</code>`).join(' ')}</span></dd></div>`).join('\n')}</dl>
<p class="hint closing">Every input, with where it came from, is listed under <a href="#as">Assumptions</a> at the end.</p>
</section>`;
}

function comparison(p: Projection): string {
  const ss = p.strategies;
  const first = ss[0]?.monthly[0];
  const lastOf = (s: StrategyResult) => s.monthly[s.monthly.length - 1];
  const last = ss[0] ? lastOf(ss[0]) : undefined;
  const status = (s: StrategyResult) => {
    const st = strategyStatus(p, s);
    return `<span class="status ${st.replace(/\s+/g, '-')}">${h(statusText(p, s))}</span>`;
  };
  const rows: [string, (s: StrategyResult) => string][] = [
    ['Status', status],
    ['Feasible', (s) => yesNo(s.feasible)],
    ['Meets every target', (s) => yesNo(s.meets_targets)],
    ['Cost per query, marginal', (s) => ifRuns(s, () => money(s.per_query.cost_usd, true))],
    // Print leaves the cost-per-query chart out; its all-in panel (monthly costs such as GPUs
    // spread over the month's queries, the only per-query cost of a self-hosted model) is here.
    ...(first ? ([[`All-in per query, ${h(first.label)}`, (s) => ifRuns(s, () => allInPerQuery(s.monthly[0]))]] as [string, (s: StrategyResult) => string][]) : []),
    ['Latency p95 (ms)', (s) => h(formatMsValue(s.per_query.latency_ms?.p95 ?? null))],
    ['Freshness, worst case', (s) => h(formatHours(s.freshness_hours))],
    ['One-time', (s) => ifRuns(s, () => moneyOrFloor(s.one_time_usd, pricedOneTime(s)))],
    ...(first ? ([[`Month 1 (${h(first.label)})`, (s) => ifRuns(s, () => monthMoney(s.monthly[0]))]] as [string, (s: StrategyResult) => string][]) : []),
    ...(last && last.month !== 1
      ? ([[`Month ${last.month} (${h(last.label)})`, (s) => ifRuns(s, () => monthMoney(lastOf(s)))]] as [string, (s: StrategyResult) => string][])
      : []),
    [`<strong>Total, ${p.scenario.horizon_months} months</strong>`, (s) => ifRuns(s, () => `<strong>${moneyOrFloor(s.total_usd, pricedTotal(s))}</strong>`)],
  ];
  return `<section aria-labelledby="cmp"><h2 id="cmp">Comparison</h2>${cannotRunNote(p)}${table({
    head: ['', ...ss.map(strategyName)],
    rows: rows.map(([label, f]) => [label, ...ss.map((s) => f(s))]),
    numeric: allNumeric(ss.length + 1),
    className: 'comparison',
  })}</section>`;
}

/**
 * The charts a printed report keeps, by file stem: the decision (cumulative cost, the verdict
 * in its title and where the strategies cross) and where the money goes (spend by category).
 * The others restate tables the printed report already has (per-query cost and latency, the
 * ranges, the monthly spend) at a size print cannot afford: they stay on screen and in charts/.
 */
const PRINTED_CHARTS: readonly string[] = ['cumulative-cost', 'monthly-spend'];

function chartsSection(list: HtmlChart[]): string {
  if (list.length === 0) return '';
  const figs = list.map((c, i) => {
    const id = `chart-${c.name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    const screenOnly = PRINTED_CHARTS.includes(c.name) ? '' : ' screen-only';
    const size = /<svg\b[^>]*?\bwidth="([\d.]+)"[^>]*?\bheight="([\d.]+)"/.exec(c.svg);
    const tall = size !== null && Number(size[2]) > Number(size[1]) ? ' tall' : '';
    // The chart draws its own title; the figure carries it for screen readers only.
    return `<figure class="chart${tall}${screenOnly}" id="${h(id)}" role="img" aria-label="${h(c.title)}">${scopeSvgIds(c.svg, `c${i}-`)}</figure>`;
  });
  const onScreen = list.filter((c) => !PRINTED_CHARTS.includes(c.name));
  const printNote =
    onScreen.length > 0
      ? `<p class="hint closing print-only">Print shows ${list.length - onScreen.length} of the ${list.length} charts; the tables carry the figures of the others, which are on screen and in <code>charts/</code>: ${onScreen.map((c) => h(c.title.charAt(0).toLowerCase() + c.title.slice(1))).join('; ')}.</p>`
      : '';
  return `<section aria-labelledby="charts"><h2 id="charts">Charts</h2>${figs.join('\n')}${printNote}</section>`;
}

function perQuery(p: Projection): string {
  const ss = p.strategies;
  const cats = COST_CATEGORIES.filter((c) => ss.some((s) => s.per_query.by_category[c] !== undefined));
  const tokens = table({
    caption: 'Tokens and cost per query',
    head: ['Strategy', 'Input tokens', 'of which cached', 'Output tokens', ...cats.map((c) => h(c)), 'Cost per query'],
    rows: ss.map((s, i) => [
      strategyName(s, i),
      h(formatCount(s.per_query.input_tokens)),
      h(formatCount(s.per_query.cached_input_tokens)),
      h(formatCount(s.per_query.output_tokens)),
      ...cats.map((c) => ifRuns(s, () => (s.per_query.by_category[c] === undefined ? '$0' : money(s.per_query.by_category[c], true)))),
      ifRuns(s, () => `<strong>${money(s.per_query.cost_usd, true)}</strong>`),
    ]),
    numeric: allNumeric(5 + cats.length),
  });
  const present = new Set(ss.flatMap((s) => Object.keys(s.per_query.latency_ms?.components ?? {})));
  const order = ['network', 'queue', 'embed', 'search', 'rerank', 'prefill', 'reasoning', 'decode'];
  const comps = [...order.filter((c) => present.has(c)), ...[...present].filter((c) => !order.includes(c)).sort()];
  const latency = table({
    caption: 'Latency per query (ms): end to end, time to first token, and the median of each component',
    head: ['Strategy', 'p50', 'p95', 'p99', 'TTFT p50', 'TTFT p95', ...comps.map((c) => `${h(c)} p50`)],
    rows: ss.map((s, i) => {
      const l = s.per_query.latency_ms;
      const v = (x: number | undefined | null) => h(formatMsValue(x ?? null));
      if (l === null) return [strategyName(s, i), ...Array.from({ length: 5 + comps.length }, () => '–')];
      return [strategyName(s, i), v(l.p50), v(l.p95), v(l.p99), v(l.ttft_p50), v(l.ttft_p95), ...comps.map((c) => v(l.components[c]?.p50))];
    }),
    numeric: allNumeric(6 + comps.length),
  });
  return `<section aria-labelledby="pq"><h2 id="pq">Per query</h2>${tokens}${latency}</section>`;
}

function monthly(p: Projection): string {
  const ss = p.strategies;
  const months = ss[0]?.monthly ?? [];
  // Show the query volume once when every strategy sees the same traffic (a variant may override the workload).
  const sameQueries = months.every((m, i) => ss.every((s) => s.monthly[i]?.queries === m.queries));
  const rows = months.map((m, i) => [
    h(m.label),
    ...(sameQueries ? [h(formatCount(m.queries))] : []),
    ...ss.map((s) => ifRuns(s, () => monthMoney(s.monthly[i]))),
  ]);
  const monthlySum = (s: StrategyResult) =>
    s.monthly.reduce<number | null>((acc, m) => (acc === null || m.total_usd === null ? null : acc + m.total_usd), 0);
  const totalQueries = months.reduce((a, m) => a + m.queries, 0);
  const foot = [
    [`Sum of the ${months.length} months`, ...(sameQueries ? [h(formatCount(totalQueries))] : []), ...ss.map((s) => ifRuns(s, () => moneyOrFloor(monthlySum(s), pricedTotal(s) - pricedOneTime(s))))],
    ['One-time', ...(sameQueries ? [''] : []), ...ss.map((s) => ifRuns(s, () => moneyOrFloor(s.one_time_usd, pricedOneTime(s))))],
    [
      `<strong>Total, ${p.scenario.horizon_months} months</strong>`,
      ...(sameQueries ? [''] : []),
      ...ss.map((s) => ifRuns(s, () => `<strong>${moneyOrFloor(s.total_usd, pricedTotal(s))}</strong>`)),
    ],
  ];
  return `<section aria-labelledby="mo"><h2 id="mo">Monthly spend</h2>${table({
    caption: 'Spend per month (USD)',
    head: ['Month', ...(sameQueries ? ['Queries'] : []), ...ss.map(strategyName)],
    rows,
    foot,
    numeric: allNumeric(1 + (sameQueries ? 1 : 0) + ss.length),
    long: months.length > 24,
  })}</section>`;
}

function oneTime(p: Projection): string {
  const ss = p.strategies;
  const sums = ss.map((s) => oneTimeByCategory(s.line_items));
  const cats = COST_CATEGORIES.filter((c) => sums.some((m) => m.has(c)));
  if (cats.length === 0) return '';
  return `<section aria-labelledby="ot"><h2 id="ot">One-time costs</h2>${table({
    caption: 'Paid once, before month 1 (USD)',
    head: ['Category', ...ss.map(strategyName)],
    rows: cats.map((c) => [h(c), ...sums.map((m, i) => ifRuns(ss[i]!, () => (m.has(c) ? money(m.get(c)) : '$0')))]),
    foot: [['<strong>Total</strong>', ...ss.map((s) => ifRuns(s, () => `<strong>${moneyOrFloor(s.one_time_usd, pricedOneTime(s))}</strong>`))]],
    numeric: allNumeric(ss.length + 1),
  })}</section>`;
}

/**
 * The line-item tables group their rows by period under one spanning row each, so that every
 * item is one line (its category beside its name): the period says what the money follows
 * (traffic, the calendar, or nothing), which is what a budget splits on.
 */
const PERIOD_TEXT: Record<Period, string> = {
  per_query: 'Per query: times each month’s queries',
  monthly: 'Per month',
  one_time: 'One-time: paid once, before month 1',
};
const PERIOD_ORDER: Period[] = ['per_query', 'monthly', 'one_time'];

/**
 * The price of one unit of the quantity beside it; token prices per million tokens, the way
 * every price page states them.
 */
function unitPrice(item: LineItem): string {
  if (item.unit_price_usd === null) return `<span${cls('unknown')}>${UNKNOWN}</span>`;
  if (item.unit === 'tokens') return `${h(formatPrice(item.unit_price_usd * 1_000_000))} / 1M`;
  return h(formatPrice(item.unit_price_usd));
}

/**
 * Every distinct source once, numbered in order of first use: the line-item and assumption
 * tables cite `[n]` instead of repeating a long catalog source on every row.
 */
class Sources {
  private readonly numbers = new Map<string, number>();
  ref(source: string | undefined): string {
    if (!source) return '<span class="muted">–</span>';
    let n = this.numbers.get(source);
    if (n === undefined) {
      n = this.numbers.size + 1;
      this.numbers.set(source, n);
    }
    return `<a class="ref" href="#src-${n}">[${n}]</a>`;
  }
  html(): string {
    if (this.numbers.size === 0) return '';
    const items = [...this.numbers].map(([source, n]) => `<li id="src-${n}" value="${n}">${h(source)}</li>`);
    return `<section aria-labelledby="src"><h2 id="src">Sources</h2><ol class="sources">${items.join('')}</ol></section>`;
  }
}

/** A quantity with its unit, compact: `90M tokens`, `0.287 GB-month`, `4 engineer-weeks`. */
function quantityText(x: number | undefined, unit: string): string {
  if (x === undefined) return '–';
  const n = Math.abs(x) >= 1e6 ? formatCompact(x) : formatQuantity(x);
  return `${h(n)} <span class="unit">${h(unit)}</span>`;
}

/**
 * The line items of every strategy that can run: one row per item, with its first and last
 * month and the horizon (the months between, per item, in a collapsed table on screen; in print
 * line-items.csv has them). A strategy that cannot run gets one line saying why, not a price list.
 */
function lineItems(p: Projection, sources: Sources): string {
  const n = p.scenario.horizon_months;
  const sections = p.strategies.map((s, i) => {
    const why = cannotRun(s);
    const title = `${strategyName(s, i)} — ${h(s.kind)}${s.models.generator ? `, generator <code>${h(s.models.generator)}</code>` : ''}`;
    if (why !== null) return `<h3>${title}</h3><p class="hint closing">Cannot run (${h(why)}): no price list. What it would cost is in line-items.csv.</p>`;
    const first = s.monthly[0];
    const last = s.monthly[s.monthly.length - 1];
    const showLast = last !== undefined && last !== first;
    const items = [...s.line_items].sort((a, b) => PERIOD_ORDER.indexOf(a.period) - PERIOD_ORDER.indexOf(b.period));
    const recurring = items.filter((it) => it.period !== 'one_time');
    const rows = items.flatMap((it, k): (string[] | GroupRow)[] => {
      const once = it.period === 'one_time';
      const row = [
        `${h(it.name)} <span class="muted small">${h(it.category)}</span>`,
        once ? quantityText(it.quantity, it.unit) : quantityText(it.quantity_by_month[0], it.unit),
        unitPrice(it),
        once ? '<span class="muted">once</span>' : money(it.cost_usd_by_month[0]),
        ...(showLast ? [once ? '' : money(it.cost_usd_by_month[it.cost_usd_by_month.length - 1])] : []),
        money(horizonCost(it)),
        sources.ref(it.source),
      ];
      const opensGroup = k === 0 || items[k - 1]!.period !== it.period;
      return opensGroup ? [{ group: h(PERIOD_TEXT[it.period] ?? it.period) }, row] : [row];
    });
    const summary = table({
      caption: title,
      // The strategy in the header row too: print repeats it on each page the list continues on.
      head: [`<code>${h(s.id)}</code> item`, `Quantity${first ? `, ${h(first.label)}` : ''}`, 'Unit price', first ? h(first.label) : 'Month 1', ...(showLast ? [h(last.label)] : []), `${n} months`, 'Source'],
      rows,
      foot: [['<strong>Total</strong>', '', '', monthMoney(first), ...(showLast ? [monthMoney(last)] : []), `<strong>${moneyOrFloor(s.total_usd, pricedTotal(s))}</strong>`, '']],
      numeric: showLast ? [1, 2, 3, 4, 5] : [1, 2, 3, 4],
      className: 'items',
      long: true,
    });
    const perMonth =
      recurring.length > 0 && s.monthly.length > 2
        ? `<details class="per-month"><summary>${h(s.id)} month by month (USD)</summary><div class="scroll">${table({
            head: ['Item', ...s.monthly.map((m) => h(m.label))],
            rows: recurring.map((it) => [h(it.name), ...s.monthly.map((_, k) => money(it.cost_usd_by_month[k]))]),
            foot: [['<strong>Month total</strong>', ...s.monthly.map((m) => monthMoney(m))]],
            numeric: allNumeric(s.monthly.length + 1),
            className: 'months',
            long: true,
          })}</div></details>`
        : '';
    return summary + perMonth;
  });
  // In print a price list may continue on the next page under its repeated header row; the
  // heading, the hint and each list's caption keep with the rows after them (break-after: avoid).
  return `<section aria-labelledby="li"><h2 id="li">Line items</h2>
<p class="hint">Every total above is a sum of these items: in each month, per-query items times that month’s queries plus the monthly items; one-time items once. Quantities are the first month’s. Each strategy’s month-by-month table opens on screen; line-items.csv has every item in every month.</p>
${sections.join('\n')}</section>`;
}

const ORIGIN_TEXT: Record<Assumption['origin'], string> = {
  scenario: 'scenario',
  default: 'default',
  catalog: 'catalog',
  'command-line': 'command line',
  derived: 'derived',
};

function assumptions(p: Projection, sources: Sources): string {
  if (p.assumptions.length === 0) return '';
  return `<section aria-labelledby="as"><h2 id="as">Assumptions</h2><div class="columns">${table({
    caption: 'Every input and where it came from',
    head: ['Setting', 'Value', 'Origin', 'Source'],
    rows: p.assumptions.map((a) => [
      // A break allowed after each dot: a long catalog path wraps at a dot, not mid-word.
      `<code>${h(a.path).replace(/\./g, '.<wbr>')}</code>`,
      h(formatValue(a.value)),
      `<span class="origin ${h(a.origin)}">${h(ORIGIN_TEXT[a.origin] ?? a.origin)}</span>`,
      sources.ref(a.source),
    ]),
    numeric: [],
    long: p.assumptions.length > 20,
    className: 'assumptions',
  })}</div></section>`;
}

function notes(p: Projection): string {
  const blocks: string[] = [];
  // One line per fact, naming the strategies it applies to (src/report/notes.ts).
  const items = noteLines(p).map(({ message, subject, strategies }) =>
    subject === '' ? `<li>${h(message)}</li>` : `<li><strong>${subject === 'every strategy' ? subject : strategies.map(h).join(', ')}</strong>: ${h(message)}</li>`,
  );
  p.strategies.forEach((s) => {
    if (s.feasible && s.unpriced.length > 0 && !s.notes.some((n) => n.code === 'unpriced')) {
      items.push(`<li><strong>${h(s.id)}</strong>: could not be priced: ${h(s.unpriced.join(', '))}; its totals are unknown</li>`);
    }
  });
  if (items.length > 0) blocks.push(`<ul>${items.join('')}</ul>`);
  if (blocks.length === 0) return '';
  return `<section aria-labelledby="nt"><h2 id="nt">Notes</h2>${blocks.join('\n')}</section>`;
}

const STYLE = `
:root { --ink:#1a1a1a; --muted:#5c5c5c; --rule:#d0d0d0; --band:#f4f5f7; --ok:#0b6b3a; --warn:#8a4b00; --bad:#a3162b; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 1080px; padding: 24px 32px 48px; color: var(--ink); background: #fff;
  font: 14px/1.45 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; font-variant-numeric: tabular-nums; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.92em; }
h1 { font-size: 28px; margin: 0 0 6px; overflow-wrap: anywhere; }
h2 { font-size: 19px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 15px; margin: 18px 0 6px; }
.kicker { margin: 0; color: var(--muted); text-transform: uppercase; letter-spacing: .08em; font-size: 12px; }
.description { margin: 0 0 12px; color: var(--muted); font-size: 15px; overflow-wrap: anywhere; }
dl.meta { display: flex; flex-wrap: wrap; gap: 4px 28px; margin: 0; font-size: 13px; }
dl.meta div, dl.figures div { display: flex; flex-direction: column; }
dt { color: var(--muted); font-size: 12px; }
dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
.verdict { margin: 24px 0; padding: 16px 20px; border: 2px solid var(--ok); border-radius: 6px; background: #f1f8f4; }
.verdict.none { border-color: var(--warn); background: #fdf6ec; }
.verdict h2 { border: 0; margin: 0 0 10px; padding: 0; font-size: 22px; }
dl.figures { display: flex; flex-wrap: wrap; gap: 8px 32px; margin: 0 0 10px; }
dl.figures dd { font-size: 18px; }
ul.reasons { margin: 6px 0 0; padding-left: 20px; }
.summary p { margin: 0 0 6px; font-size: 15px; }
.summary p:first-child { font-weight: 700; }
.drivers-title { margin: 8px 0 2px; font-weight: 600; }
ul.drivers { margin: 0 0 10px; padding-left: 20px; }
dl.key { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
dl.key div { display: contents; }
dl.key dt { font-size: 14px; font-weight: 600; color: var(--ink); }
dl.key dd { font-weight: normal; }
.fields { color: var(--muted); font-size: 11px; }
ul.reasons li { margin: 2px 0; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 20px; font-size: 13px; }
caption { text-align: left; font-weight: 600; padding: 4px 0 6px; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
thead th { border-bottom: 1.5px solid var(--ink); font-size: 12px; color: var(--muted); font-weight: 600; }
tbody th { font-weight: normal; }
tr.sum.first th, tr.sum.first td { border-top: 1.5px solid var(--ink); }
tr.sum th, tr.sum td { background: #fff; }
.num { text-align: right; white-space: nowrap; }
tbody tr:nth-child(even) { background: var(--band); }
table.comparison tbody th { white-space: nowrap; }
table.items tbody th:first-child { min-width: 12em; }
table.items caption { font-size: 14px; }
.small, .unit { font-size: 11px; }
.unit { color: var(--muted); }
a.ref { color: var(--muted); text-decoration: none; }
ol.sources { font-size: 12px; padding-left: 28px; }
details.per-month { margin: -12px 0 20px; }
details.per-month summary { cursor: pointer; color: var(--muted); font-size: 13px; }
.scroll { overflow-x: auto; }
table.months { font-size: 11px; }
table.months th, table.months td { padding: 2px 5px; }
.swatch { display: inline-block; width: .8em; height: .8em; margin-right: .35em; border-radius: 2px; vertical-align: -0.05em;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.unknown { font-style: italic; color: var(--bad); }
.muted, .hint, .floor { color: var(--muted); }
.floor { font-size: 11px; }
.nowrap { white-space: nowrap; }
.hint { font-size: 13px; }
.status.recommended { color: var(--ok); font-weight: 700; }
.status.infeasible, .status.unpriced { color: var(--bad); }
.cannot { color: var(--muted); }
.status.misses-target { color: var(--warn); }
figure.chart { margin: 12px 0 24px; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
tr.group th { padding-top: 8px; font-size: 12px; font-weight: 600; color: var(--muted); background: #fff; }
.print-only { display: none; }
footer { margin-top: 36px; padding-top: 8px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 12px; }
@page { size: A4; margin: 15mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9pt; line-height: 1.3; }
  h1 { font-size: 16pt; }
  h2 { font-size: 12pt; margin-top: 12pt; }
  h3 { font-size: 10pt; margin: 8pt 0 4pt; }
  .summary p { font-size: 9.5pt; }
  .verdict { margin: 10pt 0; padding: 8pt 12pt; }
  /* A heading, a hint or a caption stays with what follows it: no title alone at a page's foot. */
  h2, h3, .hint, .drivers-title, caption, tr.group { break-after: avoid; page-break-after: avoid; }
  /* A closing remark (a hint after what it explains) is no lead-in: what follows may start a page. */
  .hint.closing { break-after: auto; page-break-after: auto; }
  /* …and is not split itself, or the break falls between its lines, leaving the heading above. */
  .hint, caption { break-inside: avoid; page-break-inside: avoid; }
  table { font-size: 8pt; margin: 4pt 0 8pt; }
  th, td { padding: 1.5pt 4pt; }
  table.keep, figure.chart, .verdict, dl.key { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  /* A long table that breaks takes at least its sum rows' predecessor along: no total alone on a page. */
  tr.sum { break-before: avoid; page-break-before: avoid; }
  /* …and no caption and header row alone at a page's foot: the first rows come along. */
  tbody tr:first-child, tbody tr:nth-child(2) { break-before: avoid; page-break-before: avoid; }
  /* Two charts to a page's height at most: the height is capped, the viewBox keeps the proportions. */
  figure.chart { margin: 2pt 0 6pt; }
  figure.chart svg { width: 100% !important; height: auto !important; max-height: 105mm; }
  /* A chart taller than wide (cumulative cost with its second panel) would shrink past reading at that height. */
  figure.chart.tall svg { max-height: 165mm; }
  /* Print summarises: the charts whose figures the tables carry stay on screen (the hint says which). */
  .screen-only { display: none; }
  .print-only { display: block; }
  tbody tr:nth-child(even) { background: none; }
  .verdict { background: none; }
  /* The month-by-month tables are for the screen; print has the first and last month and the horizon. */
  details.per-month { display: none; }
  /* Every input, in two columns: a long list of short rows. */
  div.columns { columns: 2; column-gap: 8mm; }
  table.assumptions { font-size: 7pt; }
  table.assumptions th, table.assumptions td { padding: 1pt 3pt; }
  ol.sources { font-size: 7.5pt; }
  .fields { display: none; }
}
`;

/** The document around a report's body: one head (strict CSP, the shared style) for every report. */
function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${h(CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="costsim">
<title>${h(title)} — costsim report</title>
<style>${STYLE}</style>
</head>
<body>
${body}</body>
</html>
`;
}

/** The report of one scenario: a complete HTML document (UTF-8), ending with a newline. */
export function renderHtml(projection: Projection, charts: HtmlChart[] = []): string {
  const p = projection;
  const sources = new Sources();
  return page(p.scenario.name, `${header(p)}
<main>
${verdict(p)}
${keyAssumptionsHtml(p)}
${rangesHtml(p)}${p.uncertainty || p.sensitivity ? '\n' : ''}${comparison(p)}
${chartsSection(charts)}
${perQuery(p)}
${monthly(p)}
${oneTime(p)}
${lineItems(p, sources)}
${assumptions(p, sources)}
${sources.html()}
${notes(p)}
</main>
<footer>
<p>All money in USD, computed unrounded and rounded for display only; <em>unknown</em> marks a cost whose price is not known (never counted as $0). A month is 730 hours. Freshness is the worst-case age of the knowledge behind an answer. Prices dated ${h(pricesDated(p))}; catalog as of ${h(p.catalog.as_of)}.</p>
</footer>
`);
}

/** A standalone report around given sections (the sweep's report.html): same style and policy as a scenario's. */
export function renderHtmlDocument(title: string, body: string): string {
  return page(title, `<header><p class="kicker">costsim</p><h1>${h(title)}</h1></header>
<main>
${body}
</main>
`);
}
