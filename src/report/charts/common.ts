/**
 * What every chart shares: the look (fonts, palettes, formats), how a strategy is labelled and
 * marked, and the footnotes. Pure: projection in, plain data out; no vega import here (chart
 * builders only describe specs; src/render compiles them).
 *
 * Safety rule for every builder: user strings (scenario name, strategy ids, note messages) go
 * into the spec only as data values or title text, never inside an expression (`labelExpr`,
 * `calculate`, `filter` strings, `test`, custom `sort` arrays, which vega-lite turns into
 * expressions). Expressions here are built from numbers the code controls.
 */
import { dejavuTextWidth } from '../../render/dejavu-metrics.js';
import type { Config, TopLevelSpec } from 'vega-lite';
import { formatCount, formatUsdWhole } from '../../format.js';
import { pricedOneTimeUsd } from '../../model/line-items.js';
import type { CostCategory, MonthResult, Projection, StrategyResult } from '../../model/types.js';
import { COST_CATEGORIES, STRATEGY_KINDS } from '../../model/types.js';
import { INFEASIBLE_CODES, TARGET_MISS_CODES } from '../../messages/notes.js';
import { pricesDated } from '../../format.js';

export const FONT = 'DejaVu Sans';

/** Chart width in px (the PNG is rendered at 2×). */
export const WIDTH = 640;

/**
 * Okabe–Ito (Okabe & Ito 2008, "Color Universal Design"), ordered so that the first slots get the
 * colours that read best on white; vermillion late (it is also the SLO rule's colour) and yellow
 * last (poor contrast on white).
 *
 * Slot assignment (strategyColorSlots): the four strategy kinds own slots 0–3 whether or not they
 * are present (prompt_only blue, rag orange, fine_tuning bluish green, hybrid reddish purple), so
 * `rag` has the same colour in every scenario and in the batch summary; any other id (a named
 * variant such as `rag-k12`) takes the next free slot in the order it first appears. Past eight
 * strategies the colours repeat.
 */
export const STRATEGY_COLORS = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#000000',
  '#D55E00',
  '#F0E442',
] as const;

/**
 * Cost categories get Paul Tol's colour-blind-safe "light" scheme: paler than the strategy
 * colours, so a stack of categories is never mistaken for a strategy. Fixed per category so the
 * same category has the same colour in every chart and every scenario.
 */
export const CATEGORY_COLORS: Record<CostCategory, string> = {
  inference: '#77AADD',
  retrieval: '#EE8866',
  indexing: '#EEDD88',
  storage: '#FFAABB',
  training: '#44BB99',
  hosting: '#BBCC33',
  engineering: '#AAAA00',
  curation: '#99DDFF',
};

/** Latency components in pipeline order, each with a fixed colour (Tol "muted"). */
const COMPONENT_ORDER = ['network', 'queue', 'embed', 'search', 'rerank', 'prefill', 'reasoning', 'decode'] as const;
const COMPONENT_COLORS: Record<string, string> = {
  network: '#88CCEE',
  queue: '#882255',
  embed: '#DDCC77',
  search: '#CC6677',
  rerank: '#AA4499',
  prefill: '#44AA99',
  decode: '#332288',
};
const EXTRA_COMPONENT_COLORS = ['#999933', '#117733', '#DDDDDD'];

export const SLO_COLOR = '#D55E00';
const GREY = '#555555';

/** Font size of chart titles (px). */
const TITLE_FONT_SIZE = 16;

/** Shared vega-lite config: DejaVu Sans named for every text element, white background. */
export const CHART_CONFIG: Config = {
  font: FONT,
  background: '#FFFFFF',
  padding: 12,
  view: { stroke: null },
  title: {
    font: FONT,
    subtitleFont: FONT,
    fontSize: TITLE_FONT_SIZE,
    subtitleFontSize: 12,
    subtitleColor: GREY,
    anchor: 'start',
    offset: 14,
  },
  axis: {
    labelFont: FONT,
    titleFont: FONT,
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    titleColor: '#333333',
    labelColor: '#333333',
    gridColor: '#E6E6E6',
    domainColor: '#888888',
    tickColor: '#888888',
    labelOverlap: true,
  },
  legend: {
    labelFont: FONT,
    titleFont: FONT,
    labelFontSize: 11,
    titleFontSize: 12,
    labelLimit: 0,
    orient: 'bottom',
    direction: 'horizontal',
    columns: 2,
    symbolType: 'square',
  },
  header: { labelFont: FONT, titleFont: FONT, labelFontSize: 12, titleFontSize: 12 },
  text: { font: FONT },
  mark: { font: FONT },
};

export type StrategyFlag = 'recommended' | 'infeasible' | 'misses target' | 'unpriced items';

export interface StrategyInfo {
  id: string;
  /** 0-based position in the projection: the order of bars and legends. */
  order: number;
  color: string;
  flags: StrategyFlag[];
  /** The id with its flags, e.g. "prompt_only (infeasible)". Shown on axes and legends. */
  label: string;
  /** Plotted in cost and latency charts (an infeasible strategy cannot run, so it is not). */
  plotted: boolean;
  /** Eligible for the verdict: feasible, meets every target and fully priced. */
  eligible: boolean;
  result: StrategyResult;
}

export function strategyColor(slot: number): string {
  return STRATEGY_COLORS[slot % STRATEGY_COLORS.length] ?? '#000000';
}

/** Colour slot per strategy id (see STRATEGY_COLORS): kinds first and fixed, then first appearance. */
export function strategyColorSlots(ids: Iterable<string>): Map<string, number> {
  const slots = new Map<string, number>();
  STRATEGY_KINDS.forEach((kind, i) => slots.set(kind, i));
  let next = STRATEGY_KINDS.length;
  for (const id of ids) if (!slots.has(id)) slots.set(id, next++);
  return slots;
}

export function strategyInfos(projection: Projection): StrategyInfo[] {
  const slots = strategyColorSlots(projection.strategies.map((s) => s.id));
  return projection.strategies.map((s, order) => {
    const flags: StrategyFlag[] = [];
    if (projection.verdict.recommended === s.id) flags.push('recommended');
    if (!s.feasible) flags.push('infeasible');
    else if (!s.meets_targets) flags.push('misses target');
    if (s.unpriced.length > 0) flags.push('unpriced items');
    const label = flags.length > 0 ? `${s.id} (${flags.join(', ')})` : s.id;
    return {
      id: s.id,
      order,
      color: strategyColor(slots.get(s.id) ?? order),
      flags,
      label,
      plotted: s.feasible,
      eligible: s.feasible && s.meets_targets && s.unpriced.length === 0,
      result: s,
    };
  });
}

/** The latency SLO (p95, ms) the scenario used (projection.targets; older projections: the assumption); null if absent. */
export function sloP95Ms(projection: Projection): number | null {
  const fromTargets = projection.targets?.slo_p95_ms;
  if (typeof fromTargets === 'number' && Number.isFinite(fromTargets) && fromTargets > 0) return fromTargets;
  const a = projection.assumptions.find((x) => x.path === 'latency.slo_p95_ms');
  return typeof a?.value === 'number' && Number.isFinite(a.value) && a.value > 0 ? a.value : null;
}

/** The scenario's time-to-first-token target (p95, ms), or null when it has none. */
export function ttftTargetMs(projection: Projection): number | null {
  const fromTargets = projection.targets?.slo_ttft_p95_ms;
  if (typeof fromTargets === 'number' && Number.isFinite(fromTargets) && fromTargets > 0) return fromTargets;
  const a = projection.assumptions.find((x) => x.path === 'latency.slo_ttft_p95_ms');
  return typeof a?.value === 'number' && Number.isFinite(a.value) && a.value > 0 ? a.value : null;
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2027-01" → { year: 2027, month0: 0 }; null when not a YYYY-MM label. */
function parseMonth(label: string): { year: number; month0: number } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(label);
  if (!m) return null;
  const year = Number(m[1]);
  const month0 = Number(m[2]) - 1;
  return month0 >= 0 && month0 < 12 ? { year, month0 } : null;
}

/** "2027-01" → "Jan 2027" (anything else is returned as written). */
export function monthName(label: string): string {
  const p = parseMonth(label);
  return p ? `${MONTH_NAMES[p.month0]} ${p.year}` : label;
}

/** Label of month `m` (1-based) of a horizon starting at `start` (YYYY-MM). */
export function monthLabelAt(start: string, m: number): string {
  const p = parseMonth(start);
  if (!p) return `Month ${m}`;
  const idx = p.year * 12 + p.month0 + (m - 1);
  return `${MONTH_NAMES[idx % 12]} ${Math.floor(idx / 12)}`;
}

/**
 * Axis labels for a quantitative month axis (value = month number, 0 = "Start"). Built only from
 * integers parsed out of the start month, so no user text reaches the expression.
 */
export function monthAxisLabelExpr(start: string, zeroLabel: string | null): string {
  const p = parseMonth(start);
  const zero = zeroLabel === null ? '' : `datum.value == 0 ? ${JSON.stringify(zeroLabel)} : `;
  const body = p
    ? `utcFormat(utc(${p.year}, ${p.month0} + datum.value - 1, 1), '%b %Y')`
    : `'Month ' + datum.value`;
  return zero + body;
}

/** Month tick values 0..n (or 1..n), thinned so that labels never crowd (at most ~13 ticks). */
export function monthTicks(first: number, last: number): number[] {
  const count = last - first + 1;
  const step = count <= 13 ? 1 : count <= 26 ? 2 : count <= 39 ? 3 : count <= 78 ? 6 : 12;
  const out: number[] = [];
  for (let m = first; m <= last; m += step) out.push(m);
  return out;
}

/**
 * d3 format for a currency axis whose largest value is `max` USD: whole dollars with thousands
 * separators below $1M, SI (k, M, B) above, enough decimals for per-query amounts.
 */
export function currencyAxis(max: number, perQuery = false): { format?: string; labelExpr?: string } {
  if (perQuery) {
    // 4 decimals (a hundredth of a cent); more when the largest amount is below a tenth of a cent.
    const decimals = max > 0 ? Math.max(4, Math.min(8, Math.ceil(-Math.log10(max)) + 1)) : 4;
    return { format: `$,.${decimals}f` };
  }
  if (max < 1e6) return { format: '$,.0f' };
  // d3's SI prefix for 1e9 is "G"; finance says "B".
  return { labelExpr: "replace(format(datum.value, '$.3~s'), 'G', 'B')" };
}

/** Text form of an amount for labels beside bars and points (computed here, not by vega). */
export function formatUsd(usd: number, perQuery = false): string {
  const abs = Math.abs(usd);
  if (perQuery) {
    // Three significant digits, at least 4 decimals: $0.00211, $0.0421, $1.8010.
    const decimals = abs > 0 ? Math.max(4, Math.min(10, Math.ceil(-Math.log10(abs)) + 2)) : 4;
    return `$${usd.toFixed(decimals)}`;
  }
  if (abs >= 1e9) return `$${(usd / 1e9).toFixed(2)}B`;
  if (abs >= 1e6) return `$${(usd / 1e6).toFixed(2)}M`;
  return formatUsdWhole(usd);
}

export function formatMs(ms: number): string {
  return `${formatCount(ms)} ms`;
}

/** Categories in their fixed order, limited to those present. */
export function categoriesPresent(present: Iterable<string>): CostCategory[] {
  const set = new Set(present);
  return COST_CATEGORIES.filter((c) => set.has(c));
}

function categoryScale(categories: readonly CostCategory[]): { domain: string[]; range: string[] } {
  return { domain: [...categories], range: categories.map((c) => CATEGORY_COLORS[c]) };
}

/**
 * The two layers of a horizontal bar chart of money stacked by cost category (monthly-spend,
 * cost-per-query): the category segments, and each strategy's total written beside its bar in a
 * neutral colour (the data rows carry `kind: 'segment' | 'total'`).
 */
export function categoryBarLayers(options: {
  y: Record<string, unknown>;
  xTitle: string;
  domainMax: number;
  perQuery: boolean;
  categories: readonly CostCategory[];
  visible: readonly string[];
  tooltipUsd: { title: string; format: string };
}): Record<string, unknown>[] {
  const { y, xTitle, domainMax, perQuery, categories, visible, tooltipUsd } = options;
  return [
    {
      transform: [{ filter: { field: 'kind', equal: 'segment' } }],
      mark: { type: 'bar', stroke: '#FFFFFF', strokeWidth: 0.5, height: { band: 0.7 } },
      encoding: {
        y,
        x: {
          field: 'usd',
          type: 'quantitative',
          stack: 'zero',
          title: xTitle,
          scale: { domain: [0, domainMax], nice: false },
          axis: { ...currencyAxis(domainMax, perQuery), tickCount: 3, grid: true },
        },
        color: {
          field: 'category',
          type: 'nominal',
          title: 'Cost category',
          scale: categoryScale(categories),
          legend: { orient: 'bottom', direction: 'horizontal', columns: 4, values: visible },
        },
        order: { field: 'category_order', type: 'quantitative' },
        tooltip: [
          { field: 'strategy', type: 'nominal', title: 'Strategy' },
          { field: 'category', type: 'nominal', title: 'Category' },
          { field: 'usd', type: 'quantitative', ...tooltipUsd },
        ],
      },
    },
    {
      transform: [{ filter: { field: 'kind', equal: 'total' } }],
      mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, fontSize: 11, fontWeight: 'bold' },
      encoding: {
        y,
        x: { field: 'x', type: 'quantitative', stack: null },
        text: { field: 'text', type: 'nominal' },
        color: { field: 'color', type: 'nominal', scale: null },
      },
    },
  ];
}

/**
 * Side-by-side panels of one chart (monthly-spend's second panel for the cheaper strategies,
 * cost-per-query's marginal and all-in): rows carry `panel` (its header) and `panel_order`.
 */
export const PANEL_FACET = {
  column: {
    field: 'panel',
    type: 'nominal',
    title: null,
    sort: { field: 'panel_order', op: 'min' },
    header: { labelFontSize: 12, labelFontWeight: 'bold' },
  },
};

export function componentScale(names: readonly string[]): { domain: string[]; range: string[] } {
  let extra = 0;
  return {
    domain: [...names],
    range: names.map((n) => COMPONENT_COLORS[n] ?? EXTRA_COMPONENT_COLORS[extra++ % EXTRA_COMPONENT_COLORS.length] ?? GREY),
  };
}

/** Components in pipeline order; unknown names after the known ones, alphabetically. */
export function orderComponents(names: Iterable<string>): string[] {
  const set = new Set(names);
  const known: string[] = COMPONENT_ORDER.filter((c) => set.has(c));
  const rest = [...set].filter((n) => !(COMPONENT_ORDER as readonly string[]).includes(n)).sort();
  return [...known, ...rest];
}

/** Scale mapping each plotted strategy's label to its colour (legend order = projection order). */
export function strategyScale(infos: readonly StrategyInfo[]): { domain: string[]; range: string[] } {
  return { domain: infos.map((s) => s.label), range: infos.map((s) => s.color) };
}

/**
 * The encoding of a line per strategy, shared by spend-over-time and cumulative-cost: its colour
 * from the strategy scale (one legend under the chart), solid where the strategy is eligible for
 * the verdict and dashed where it is infeasible or misses a target (the rows' `style`), drawn in
 * month order.
 */
export function strategyLineEncoding(infos: readonly StrategyInfo[]) {
  return {
    color: {
      field: 'label',
      type: 'nominal',
      title: 'Strategy',
      scale: strategyScale(infos),
      legend: { orient: 'bottom', direction: 'horizontal', columns: 2 },
    },
    strokeDash: {
      field: 'style',
      type: 'nominal',
      scale: { domain: ['solid', 'dashed'], range: [[1, 0], [6, 4]] },
      legend: null,
    },
    order: { field: 'month', type: 'quantitative' },
  } as const;
}

/**
 * The widest a title may be (px): wider than every chart's own title (the longest, about
 * 700 px, is "…: monthly spend by cost category, first and last month" after a 25-character
 * name) and a bound on the image. vega sizes the image to its title's full width, even with
 * a `limit` (it truncates the drawing, not the bounds), so a 1,000-character scenario name
 * made a 27,000-px PNG and 10,000 exhausted memory: titles are cut here instead.
 */
export const MAX_TITLE_PX = 1000;

/**
 * `text` cut so that it is at most `maxPx` wide in DejaVu Sans at `fontSize` (bold, as vega
 * draws titles, unless `weight` says otherwise), ending in "…" when cut. Measured with the
 * renderer's own width table.
 */
export function fitTitle(text: string, fontSize: number, maxPx = MAX_TITLE_PX, weight: 'bold' | 'normal' = 'bold'): string {
  const width = (t: string) => dejavuTextWidth(t, fontSize, weight);
  if (width(text) <= maxPx) return text;
  // Longest prefix that fits with the ellipsis: binary search (width grows with length).
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (width(`${text.slice(0, mid)}…`) <= maxPx) lo = mid;
    else hi = mid - 1;
  }
  const code = text.charCodeAt(lo - 1);
  if (code >= 0xd800 && code <= 0xdbff) lo--; // keep surrogate pairs whole
  return `${text.slice(0, lo)}…`;
}

/**
 * Width (px) at which chart titles wrap: about the width of a chart with its axis labels, so a
 * long title does not make the image wider than what it draws (vega sizes the image to the
 * title's full width: a one-line 780-px title over a 640-px chart left a third of the image empty).
 */
const TITLE_WRAP_PX = WIDTH + 180;

/**
 * A title word-wrapped at `maxPx` (measured, bold) into at most `maxLines` lines, the last cut
 * with "…" when text remains. One line stays a string (vega draws an array as lines).
 */
function wrapTitle(text: string, fontSize: number, maxPx = TITLE_WRAP_PX, maxLines = 2): string | string[] {
  const width = (t: string) => dejavuTextWidth(t, fontSize, 'bold');
  if (width(text) <= maxPx) return text;
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = '';
  let i = 0;
  while (i < words.length && lines.length < maxLines - 1) {
    const w = words[i] ?? '';
    const next = line.length === 0 ? w : `${line} ${w}`;
    if (width(next) <= maxPx) {
      line = next;
      i++;
    } else if (line.length === 0) {
      lines.push(fitTitle(w, fontSize, maxPx)); // a word wider than a line is cut
      i++;
    } else {
      lines.push(line);
      line = '';
    }
  }
  const rest = [line, ...words.slice(i)].filter((w) => w.length > 0).join(' ');
  if (rest.length > 0) lines.push(fitTitle(rest, fontSize, maxPx));
  return lines.length === 1 ? (lines[0] ?? '') : lines;
}

interface ChartTitle {
  text: string | string[];
  subtitle: string[];
}

/**
 * A chart's title: "<scenario>: <what>", wrapped, over "Horizon N months from … · prices dated …".
 * With a `headline` (the verdict), the title says the headline and `what` moves to the subtitle.
 */
export function chartTitle(projection: Projection, what: string, headline?: string): ChartTitle {
  const start = projection.scenario.start_month;
  const n = projection.scenario.horizon_months;
  const horizon = `Horizon ${n} month${n === 1 ? '' : 's'} from ${monthName(start)} · prices dated ${pricesDated(projection)}`;
  if (headline === undefined) {
    return { text: wrapTitle(`${projection.scenario.name}: ${what}`, TITLE_FONT_SIZE), subtitle: [horizon] };
  }
  return {
    text: wrapTitle(`${projection.scenario.name}: ${headline}`, TITLE_FONT_SIZE),
    subtitle: [`${what.charAt(0).toUpperCase()}${what.slice(1)}`, horizon],
  };
}

/**
 * The verdict in a few words, for a title: "rag is cheapest: $63,840 over 12 months". When a
 * cheaper feasible plan is passed over (it misses a target, or its total is unknown) the
 * recommended one is not "cheapest", and the headline says what it is instead.
 */
export function verdictHeadline(projection: Projection): string {
  const id = projection.verdict.recommended;
  if (id === null) return 'no strategy is feasible, priced and on target';
  const rec = projection.strategies.find((s) => s.id === id);
  const n = projection.scenario.horizon_months;
  const over = `over ${n} month${n === 1 ? '' : 's'}`;
  const total = rec?.total_usd;
  if (typeof total !== 'number') return `${id} is recommended`;
  const passedOver = projection.strategies.some((s) => s.id !== id && s.feasible && (s.total_usd === null || s.total_usd < total));
  return passedOver
    ? `${id} is recommended: ${formatUsd(total)} ${over}, the cheapest that meets every target`
    : `${id} is cheapest: ${formatUsd(total)} ${over}`;
}

/** Why a strategy cannot run: its infeasibility notes, joined, without their leading "infeasible:". */
function infeasibleReason(s: StrategyResult): string {
  const why = s.notes
    .filter((n) => INFEASIBLE_CODES.has(n.code))
    .map((n) => n.message.replace(/^infeasible:\s*/i, ''))
    .join('; ');
  return why || 'it cannot run as configured.';
}

/**
 * The text in the row of a strategy that cannot run: "— cannot run:" and the reason, cut to
 * `maxPx` at 11 px (the whole reason is in the footnote). A plan that cannot run gets no bar and
 * no amount, so it is never read as an option.
 */
export function infeasibleRowText(s: StrategyResult, maxPx: number, weight: 'bold' | 'normal' = 'bold'): string {
  return fitTitle(`— cannot run: ${infeasibleReason(s)}`, 11, Math.max(60, maxPx), weight);
}

/** Colour of amounts written beside bars: neutral, because bar colours mean cost categories or components, not strategies. */
export const LABEL_COLOR = '#222222';
/** Colour of the "—" rows of strategies that cannot run. */
export const ABSENT_COLOR = '#666666';

/**
 * A stacked segment narrower than this (px at 1×) cannot be seen. A category (or latency
 * component) whose every segment is narrower stays in the data and the tooltips but leaves the
 * legend, and a footnote names it with its largest amount.
 */
const MIN_VISIBLE_PX = 2;

/**
 * The keys whose largest segment is at least MIN_VISIBLE_PX wide on an axis where `unitsPerPx`
 * units make a pixel, in `order`; and the others with their largest value.
 */
export function visibleKeys(
  order: readonly string[],
  segments: readonly { key: string; value: number }[],
  unitsPerPx: number,
): { visible: string[]; hidden: { key: string; max: number }[] } {
  const max = new Map<string, number>();
  for (const s of segments) max.set(s.key, Math.max(max.get(s.key) ?? 0, Math.abs(s.value)));
  const visible: string[] = [];
  const hidden: { key: string; max: number }[] = [];
  for (const key of order) {
    const m = max.get(key);
    if (m === undefined) continue;
    if (m / unitsPerPx >= MIN_VISIBLE_PX) visible.push(key);
    else hidden.push({ key, max: m });
  }
  return { visible, hidden };
}

/**
 * Word-wrap for footnotes (vega does not wrap text by itself). A word longer than a line (a
 * long id, a name without spaces) is cut into line-sized pieces, so no line is wider than
 * `maxChars`.
 */
export function wrap(text: string, maxChars: number): string[] {
  const words = text
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .flatMap((w) => (w.length <= maxChars ? [w] : (w.match(new RegExp(`[\\s\\S]{1,${maxChars}}`, 'g')) ?? [])));
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line.length === 0) line = w;
    else if (line.length + 1 + w.length <= maxChars) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/** One footnote per flagged strategy, saying why it is marked and how it is drawn. */
export function strategyFootnotes(infos: readonly StrategyInfo[], drawnAs: { lowerBound: string; infeasible: string }): string[] {
  const notes: string[] = [];
  for (const s of infos) {
    if (s.flags.includes('infeasible')) {
      notes.push(`${s.id} cannot run (${drawnAs.infeasible}): ${infeasibleReason(s.result)}`);
    } else if (s.flags.includes('misses target')) {
      const why = s.result.notes.filter((n) => TARGET_MISS_CODES.has(n.code)).map((n) => n.message).join('; ') || 'it misses a target.';
      notes.push(`${s.id} misses a target: ${why}`);
    }
    if (s.flags.includes('unpriced items') && s.plotted) {
      notes.push(`${s.id} has unpriced items (${s.result.unpriced.join(', ')}): ${drawnAs.lowerBound}`);
    }
  }
  return notes;
}

/** Characters per footnote line at 11 px DejaVu Sans for a chart `width` px wide (≈6.3 px a character). */
function footnoteChars(width: number): number {
  return Math.max(40, Math.floor(width / 6.3));
}

/**
 * Wraps a chart and its footnotes in a vconcat: the footnotes are a text view under the chart,
 * data rather than expressions, so note text cannot break the spec.
 */
export function withFootnotes(
  title: ChartTitle,
  chart: Record<string, unknown>,
  notes: readonly string[],
  width: number,
): TopLevelSpec {
  const base = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    config: CHART_CONFIG,
  };
  if (notes.length === 0) return { ...base, ...chart } as TopLevelSpec;
  const chars = footnoteChars(width);
  const rows: { line: number; text: string }[] = [];
  for (const note of notes) {
    wrap(note, chars).forEach((text, i) => rows.push({ line: rows.length, text: i === 0 ? `• ${text}` : `  ${text}` }));
  }
  const lineHeight = 15;
  const footnotes = {
    width,
    height: rows.length * lineHeight,
    data: { values: rows },
    mark: { type: 'text', align: 'left', baseline: 'top', fontSize: 11, color: '#444444', font: FONT },
    encoding: {
      x: { value: 0 },
      y: { field: 'line', type: 'quantitative', scale: { domain: [0, rows.length], range: [0, rows.length * lineHeight] }, axis: null },
      text: { field: 'text', type: 'nominal' },
    },
  };
  // Independent legends stay with the chart, above the footnotes, instead of below the whole page.
  return { ...base, vconcat: [chart, footnotes], spacing: 18, resolve: { legend: { color: 'independent' } } } as TopLevelSpec;
}

/** Priced part of a month: the sum of the categories that have a price, and those that have none. */
export function pricedMonth(m: MonthResult): { usd: number; unpriced: CostCategory[] } {
  let usd = 0;
  const unpriced: CostCategory[] = [];
  for (const cat of COST_CATEGORIES) {
    const v = m.by_category[cat];
    if (v === null) unpriced.push(cat);
    else if (v !== undefined) usd += v;
  }
  return { usd, unpriced };
}

/** Priced part of the one-time costs (from the line items when the total is unknown). */
export function pricedOneTime(s: StrategyResult): { usd: number; complete: boolean } {
  if (s.one_time_usd !== null) return { usd: s.one_time_usd, complete: true };
  return { usd: pricedOneTimeUsd(s.line_items), complete: false };
}

/**
 * Cumulative spend at the start (index 0: one-time costs) and at the end of each month
 * (index m). `lowerBound` when any part is unpriced: the values then count priced items only.
 */
export function cumulativeSeries(s: StrategyResult): { usd: number[]; lowerBound: boolean } {
  const oneTime = pricedOneTime(s);
  let lowerBound = !oneTime.complete;
  let acc = oneTime.usd;
  const usd = [acc];
  for (const m of [...s.monthly].sort((a, b) => a.month - b.month)) {
    const p = pricedMonth(m);
    if (p.unpriced.length > 0 || m.total_usd === null) lowerBound = true;
    acc += m.total_usd ?? p.usd;
    usd.push(acc);
  }
  return { usd, lowerBound };
}

/** Total over the horizon: the projection's own total, or the priced part as a lower bound. */
export function pricedTotal(s: StrategyResult): { usd: number; lowerBound: boolean } {
  if (s.total_usd !== null) return { usd: s.total_usd, lowerBound: false };
  const c = cumulativeSeries(s);
  return { usd: c.usd[c.usd.length - 1] ?? 0, lowerBound: true };
}

/**
 * A text layer drawn twice: first as a thick white outline, then filled, so that a label stays
 * legible where it crosses a line, a rule or a grid line.
 */
export function haloText(layer: { mark: Record<string, unknown> } & Record<string, unknown>): Record<string, unknown>[] {
  const { color: _color, ...markRest } = layer.mark;
  const encoding = { ...(layer['encoding'] as Record<string, unknown> | undefined) };
  delete encoding['color'];
  const halo = {
    ...layer,
    mark: { ...markRest, stroke: '#FFFFFF', strokeWidth: 4, strokeJoin: 'round', strokeOpacity: 0.9, fill: '#FFFFFF' },
    encoding,
  };
  return [halo, layer];
}
