/**
 * The first page for a finance reader (issue 11): the executive summary and the key
 * assumptions, as plain sentences that report.html and summary.md escape and place at the top.
 * Everything here is worked out from the projection; nothing is computed that the model did not.
 *
 * - The summary: the recommendation; what it costs (one-time, first month, horizon); when it
 *   overtakes the next option, from the cumulative monthly series (one-time costs included);
 *   the two or three things that drive its total (the sensitivity's widest bars when the
 *   scenario has one, else its largest line items); its P10–P90 range when the scenario has
 *   ranges.
 * - The key assumptions: traffic, the query, the knowledge, the targets, the set-up effort and
 *   the uncertain inputs, in the words a reviewer questions ("1.5M queries in Jan 2027,
 *   growing 3% a month"), each with the field it comes from.
 */
import { horizonCost } from '../model/line-items.js';
import type { Projection, StrategyResult } from '../model/types.js';
import { exactValue } from '../sweep/report.js';
import { percent } from '../uncertainty/verdict.js';
import { formatCompact, formatCount, formatPercent, formatPrice, formatUsd, formatValue } from '../format.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2028-09` → `Sep 2028`; any other label as it is. */
export function monthName(label: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(label);
  const name = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && name ? `${name} ${m[1]}` : label;
}

export interface ExecutiveSummary {
  /** "Recommended: rag, the cheapest of the 3 strategies that can run and meet every target." */
  recommendation: string;
  /** What the recommendation costs; null without one. */
  cost: string | null;
  /** When it overtakes the next option (or that it never trails it); null when there is none. */
  overtakes: string | null;
  /** The two or three things that drive its total. */
  drivers: string[];
  /** The P10–P90 range of its total; null without ranges. */
  range: string | null;
}

/** A strategy that can run, is priced and meets every target: a real option. */
const isOption = (s: StrategyResult) => s.feasible && s.meets_targets && s.total_usd !== null;

/** Cumulative spend by the end of each month (index 0 = the one-time costs alone); null if any part is unknown. */
export function cumulative(s: StrategyResult): number[] | null {
  if (s.one_time_usd === null) return null;
  const out = [s.one_time_usd];
  for (const m of s.monthly) {
    if (m.total_usd === null) return null;
    out.push(out[out.length - 1]! + m.total_usd);
  }
  return out;
}

/**
 * When the recommendation overtakes the next option, from the two cumulative series: the
 * last month the next option was cheaper so far decides it ("rag is cheaper until Aug 2028,
 * hybrid from Sep 2028 on"). When the recommendation is never behind: by how much it leads at
 * the end, and, when its monthly bill is the higher one in the last month, when the other
 * would catch up at that month's rates.
 */
export function overtakeSentence(p: Projection, rec: StrategyResult): string | null {
  const others = p.strategies.filter((s) => s !== rec && isOption(s)).sort((a, b) => a.total_usd! - b.total_usd!);
  const next = others[0];
  if (next === undefined) return null;
  const a = cumulative(rec);
  const b = cumulative(next);
  const months = rec.monthly;
  if (a === null || b === null || months.length === 0) return null;
  const end = months[months.length - 1]!;
  const lead = b[b.length - 1]! - a[a.length - 1]!;
  // Month index (1-based) of the last month by whose end the next option had spent less.
  let lastBehind = 0;
  for (let m = 1; m < a.length; m++) if (a[m]! > b[m]!) lastBehind = m;
  if (lastBehind === months.length) return null; // cannot happen: the recommendation has the lowest total
  const nextName = `${next.id} (the next option)`;
  if (lastBehind > 0) {
    const until = months[lastBehind - 1]!;
    const from = months[lastBehind]!;
    return `${next.id} is cheaper until ${monthName(until.label)}, ${rec.id} from ${monthName(from.label)} on (cumulative spend, one-time costs included): ${formatUsd(lead)} less than ${nextName} by ${monthName(end.label)}.`;
  }
  const sentence = `${rec.id} costs less than ${nextName} by the end of every month, one-time costs included: ${formatUsd(lead)} less by ${monthName(end.label)}.`;
  const recLast = end.total_usd!;
  const nextLast = next.monthly[next.monthly.length - 1]!.total_usd!;
  if (recLast > nextLast) {
    const catchUp = Math.ceil(lead / (recLast - nextLast));
    return `${sentence} Its monthly bill is the higher one (${formatUsd(recLast)} against ${formatUsd(nextLast)} in ${monthName(end.label)}): at those rates ${next.id} would catch up about ${catchUp} month${catchUp === 1 ? '' : 's'} after the horizon.`;
  }
  return sentence;
}

/** A field path as words: `vars.daily_chats` → `daily chats`, `knowledge.change_per_month` → `knowledge change per month`. */
function inputWords(id: string): string {
  return id.replace(/^vars\./, '').replace(/[._]+/g, ' ');
}

function driverSentences(p: Projection, rec: StrategyResult): string[] {
  const t = p.sensitivity;
  if (t && t.strategy === rec.id) {
    // The tornado's bars, widest first; an input that moves the total by under 1% drives nothing.
    const bars = t.bars.filter((b) => b.swing_usd >= 0.01 * t.base_total_usd).slice(0, 3);
    const how = t.inputs_from === 'ranges' ? 'across its range' : 'halved and doubled';
    const out = bars.map((b) => {
      const flips = [
        b.verdict_at_low !== rec.id ? `${b.verdict_at_low ?? 'no strategy'} wins at the low end` : '',
        b.verdict_at_high !== rec.id ? `${b.verdict_at_high ?? 'no strategy'} wins at the high end` : '',
      ].filter(Boolean);
      const at = (x: number | null) => (x === null ? 'unknown' : formatUsd(x));
      return `${inputWords(b.id)} (${how}, ${exactValue(b.low, b.kind)} to ${exactValue(b.high, b.kind)}) moves the total from ${at(b.total_at_low)} to ${at(b.total_at_high)}${flips.length > 0 ? `; ${flips.join(', ')}` : ''}.`;
    });
    for (const c of t.break_even.filter((c) => c.below === rec.id).slice(0, 1)) {
      out.push(`${c.above} becomes cheaper above ${exactValue(c.value, c.kind)} of ${inputWords(c.input)} (other inputs at base).`);
    }
    if (out.length > 0) return out;
    return [`No input moves the total by 1% or more ${how}.`];
  }
  // Without a sensitivity: the largest line items over the horizon, with their share.
  const total = rec.total_usd;
  if (total === null || total <= 0) return [];
  const items = rec.line_items
    .map((it) => ({ it, usd: horizonCost(it) }))
    .filter((x): x is { it: (typeof rec.line_items)[number]; usd: number } => x.usd !== null && x.usd > 0)
    .sort((a, b) => b.usd - a.usd)
    .slice(0, 3);
  return items.map(({ it, usd }) => {
    const share = formatPercent(usd / total);
    const per = it.unit_price_usd === null ? '' : it.unit === 'tokens' ? ` at ${formatPrice(it.unit_price_usd * 1e6)} per 1M tokens` : ` at ${formatPrice(it.unit_price_usd)} per ${it.unit.replace(/s$/, '')}`;
    return `${it.name}: ${formatUsd(usd)}, ${share} of the total${per}${it.period === 'one_time' ? ', once' : ''}.`;
  });
}

export function executiveSummary(p: Projection): ExecutiveSummary {
  const rec = p.strategies.find((s) => s.id === p.verdict.recommended);
  const options = p.strategies.filter(isOption).length;
  if (!rec) {
    const why = p.strategies.length === 0 ? 'the scenario has no strategy' : 'none can run, is fully priced and meets every target';
    return { recommendation: `No strategy is recommended: ${why}.`, cost: null, overtakes: null, drivers: [], range: null };
  }
  const first = rec.monthly[0];
  const last = rec.monthly[rec.monthly.length - 1];
  const h = p.scenario.horizon_months;
  const span = first && last ? ` (${monthName(first.label)} to ${monthName(last.label)})` : '';
  const cost = `It costs ${formatUsd(rec.one_time_usd)} once, ${formatUsd(first?.total_usd ?? null)} in its first month${first ? ` (${monthName(first.label)})` : ''}${last && last !== first ? ` rising to ${formatUsd(last.total_usd)} in ${monthName(last.label)}` : ''}, and ${formatUsd(rec.total_usd)} over ${h} month${h === 1 ? '' : 's'}${span}.`;
  const q = p.uncertainty?.strategies.find((s) => s.id === rec.id);
  const range =
    q?.total_usd && p.uncertainty
      ? `Range: ${formatUsd(q.total_usd.p10)} to ${formatUsd(q.total_usd.p90)} (P10 to P90, P50 ${formatUsd(q.total_usd.p50)}) over ${p.uncertainty.samples.toLocaleString('en-US')} futures drawn from the uncertain inputs; ${rec.id} is the cheapest option in ${percent(q.p_recommended)} of them.`
      : null;
  return {
    recommendation: `Recommended: ${rec.id}, the cheapest of the ${options} strateg${options === 1 ? 'y' : 'ies'} that can run, are priced and meet every target.`,
    cost,
    overtakes: overtakeSentence(p, rec),
    drivers: driverSentences(p, rec),
    range,
  };
}

/** One key assumption: a sentence, and the fields it comes from (for the reader who checks). */
interface KeyAssumption {
  topic: string;
  text: string;
  fields: string[];
}

/**
 * The handful of inputs a reviewer questions first, in words, from the projection's
 * assumptions and results (the full list, with origins, stays at the end of the report).
 */
export function keyAssumptions(p: Projection): KeyAssumption[] {
  const byPath = new Map(p.assumptions.map((a) => [a.path, a]));
  // A value as written; a range as written ("{ low: 4%, base: 8%, high: 15% }") by its base,
  // since the uncertain inputs get a line of their own.
  const val = (path: string) => {
    const a = byPath.get(path);
    if (a === undefined || a.value === null) return null;
    const text = formatValue(a.value);
    return /^\s*\{/.test(text) ? (/\bbase:\s*([^,}]+?)\s*[,}]/.exec(text)?.[1] ?? text) : text;
  };
  const out: KeyAssumption[] = [];
  const rec = p.strategies.find((s) => s.id === p.verdict.recommended) ?? p.strategies[0];
  const months = rec?.monthly ?? [];
  const first = months[0];
  const last = months[months.length - 1];

  if (first) {
    const formula = byPath.get('workload.queries_per_month');
    // A formula ("daily_chats * 30") is worth showing; a number as written ("400k") is not.
    const written = formula && typeof formula.value === 'string' && /[A-Za-z_]{2,}/.test(formula.value) ? ` (${formula.value})` : '';
    const vars = p.assumptions.filter((a) => a.path.startsWith('vars.')).map((a) => `${inputWords(a.path)} ${formatValue(a.value)}`);
    const growth = val('workload.growth_per_month');
    const peak = val('workload.peak_to_average');
    const parts = [`${formatCompact(first.queries)} queries in ${monthName(first.label)}${written}${vars.length > 0 ? ` with ${vars.join(', ')}` : ''}`];
    if (growth !== null && growth !== '0' && last && last !== first) parts.push(`growing ${growth} a month to ${formatCompact(last.queries)} in ${monthName(last.label)}`);
    else if (last && last !== first && last.queries !== first.queries) parts.push(`${formatCompact(last.queries)} in ${monthName(last.label)}`);
    if (peak !== null) parts.push(`the busiest minute at ${peak}× the average`);
    out.push({ topic: 'Traffic', text: `${parts.join(', ')}.`, fields: ['workload.queries_per_month', 'workload.growth_per_month', 'workload.peak_to_average'] });
  }

  if (rec) {
    const gen = rec.models.generator;
    // The prices it pays (a fine-tuned model's, not the base model's): its token line items'.
    const price = (id: string) => rec.line_items.find((it) => it.id === id && it.unit === 'tokens')?.unit_price_usd ?? null;
    const inP = price('inference.input');
    const outP = price('inference.output');
    const prices = inP !== null && outP !== null ? `, at ${formatPrice(inP * 1e6)} in and ${formatPrice(outP * 1e6)} out per 1M tokens` : '';
    const cached = rec.per_query.cached_input_tokens > 0 ? ` (${formatCount(rec.per_query.cached_input_tokens)} of them cached)` : '';
    out.push({
      topic: 'Each query',
      text: `${formatCount(rec.per_query.input_tokens)} input tokens${cached} and ${formatCount(rec.per_query.output_tokens)} output tokens with ${rec.id}, on ${rec.models.fine_tuning ? `a fine-tuned ${gen}` : gen}${prices}.`,
      fields: ['prompt', 'models.generator'],
    });
  }

  const change = val('knowledge.change_per_month');
  const publish = val('knowledge.publish_every');
  const fresh = val('knowledge.freshness_target');
  const knowledge = [
    change !== null && change !== '0' ? `${change} of the knowledge changes a month` : null,
    publish !== null ? `published every ${publish}` : null,
    fresh !== null ? `answers at most ${fresh} old` : null,
  ].filter((x): x is string => x !== null);
  if (knowledge.length > 0) {
    const text = knowledge.join(', ');
    out.push({ topic: 'Knowledge', text: `${text.charAt(0).toUpperCase()}${text.slice(1)}.`, fields: ['knowledge.change_per_month', 'knowledge.publish_every', 'knowledge.freshness_target'] });
  }

  const p95 = val('latency.slo_p95_ms');
  const ttft = val('latency.slo_ttft_p95_ms');
  const targets = [p95 !== null ? `95% of answers within ${p95}` : null, ttft !== null ? `the first word within ${ttft}` : null].filter((x): x is string => x !== null);
  if (targets.length > 0) out.push({ topic: 'Targets', text: `${targets.join(', ')}.`.replace(/^./, (c) => c.toUpperCase()), fields: ['latency.slo_p95_ms', 'latency.slo_ttft_p95_ms'] });

  const effort = rec?.line_items.find((it) => it.id === 'engineering.effort');
  if (rec && effort && effort.unit_price_usd !== null) {
    out.push({
      topic: 'Set-up',
      text: `${formatValue(effort.quantity)} engineer-week${effort.quantity === 1 ? '' : 's'} for ${rec.id} at ${formatUsd(effort.unit_price_usd)} a week.`,
      fields: ['one_time.usd_per_engineer_week', 'one_time.engineer_weeks'],
    });
  }

  const u = p.uncertainty;
  if (u && u.inputs.length > 0) {
    out.push({
      topic: 'Uncertain',
      text: `${u.inputs.map((i) => `${inputWords(i.id)} ${exactValue(i.low, i.kind)} to ${exactValue(i.high, i.kind)} (most likely ${exactValue(i.base, i.kind)})`).join('; ')}.`,
      fields: u.inputs.map((i) => i.id),
    });
  }

  const overrides = p.assumptions.filter((a) => a.origin === 'command-line');
  if (overrides.length > 0) {
    out.push({
      topic: 'Changed',
      text: `on the command line: ${overrides.map((a) => `${a.path} = ${formatValue(a.value)}`).join(', ')}.`,
      fields: overrides.map((a) => a.path),
    });
  }
  return out;
}
