/**
 * The report sections of a scenario with ranges (projection.uncertainty) or a sensitivity
 * (projection.sensitivity), for report.html and summary.md: the robust verdict, P10/P50/P90 of
 * every total, win probabilities, the tornado as a table, and the exact break-evens.
 * All user text is escaped (HTML) or cell-escaped (Markdown).
 */
import type { Projection } from '../model/types.js';
import { exactValue } from '../sweep/report.js';
import type { Percentiles } from '../uncertainty/types.js';
import { percent } from '../uncertainty/verdict.js';
import { CANNOT_RUN, formatUsd, formatUsdPrecise } from '../format.js';
import { escapeHtml as h } from './escape-html.js';
import { escapeMarkdown, escapeMarkdownCell, markdownTable } from './markdown.js';

const range = (q: Percentiles | null, perQuery = false): string => {
  if (q === null) return 'unknown';
  const f = perQuery ? formatUsdPrecise : formatUsd;
  return `${f(q.p10)} · ${f(q.p50)} · ${f(q.p90)}`;
};

/** A strategy infeasible in every draw has no range of prices: "—" like everywhere it cannot run. */
const neverRuns = (s: { p_infeasible: number }): boolean => s.p_infeasible >= 1;

/** The break-even statements, the sensitivity's plain-language result. */
function breakEvenStatements(p: Projection): string[] {
  const t = p.sensitivity;
  if (!t) return [];
  return t.break_even.map((c) => `${c.above} becomes cheaper than ${c.below} above ${exactValue(c.value, c.kind)} of ${c.input} (other inputs at base)`);
}

export function rangesHtml(p: Projection): string {
  const u = p.uncertainty;
  const t = p.sensitivity;
  if (!u && !t) return '';
  const parts: string[] = ['<section aria-labelledby="ranges"><h2 id="ranges">Ranges: how sure is the answer</h2>'];
  if (u) {
    parts.push(`<ul class="reasons">${u.verdict.map((v) => `<li>${h(v)}</li>`).join('')}</ul>`);
    parts.push(`<table class="keep"><caption>P10 · P50 · P90 over ${u.samples.toLocaleString('en-US')} draws of the uncertain inputs (seed ${u.seed})</caption>
<thead><tr><th>Strategy</th><th class="num">Total</th><th class="num">Per query</th><th class="num">Wins</th><th class="num">Infeasible</th><th class="num">Misses a target</th></tr></thead><tbody>
${u.strategies.map((s) => `<tr><th>${h(s.id)}</th><td class="num">${neverRuns(s) ? CANNOT_RUN : h(range(s.total_usd))}</td><td class="num">${neverRuns(s) ? CANNOT_RUN : h(range(s.per_query_usd, true))}</td><td class="num">${h(percent(s.p_recommended))}</td><td class="num">${h(percent(s.p_infeasible))}</td><td class="num">${h(percent(s.p_misses_target))}</td></tr>`).join('\n')}
</tbody></table>`);
    parts.push(`<table class="keep"><caption>Uncertain inputs</caption>
<thead><tr><th>Input</th><th>Distribution</th><th class="num">Low</th><th class="num">Base</th><th class="num">High</th><th class="num">Sampled P5 · P50 · P95</th></tr></thead><tbody>
${u.inputs.map((i) => `<tr><th><code>${h(i.id)}</code></th><td>${h(i.distribution)}</td><td class="num">${h(exactValue(i.low, i.kind))}</td><td class="num">${h(exactValue(i.base, i.kind))}</td><td class="num">${h(exactValue(i.high, i.kind))}</td><td class="num">${h(`${exactValue(i.sampled.p5, i.kind)} · ${exactValue(i.sampled.p50, i.kind)} · ${exactValue(i.sampled.p95, i.kind)}`)}</td></tr>`).join('\n')}
</tbody></table>`);
  }
  if (t) {
    const how = t.inputs_from === 'ranges' ? 'each uncertain input at the low, then the high end of its range' : 'each main input halved, then doubled';
    parts.push(`<table class="keep"><caption>Sensitivity of ${h(t.strategy)}'s total (${h(formatUsd(t.base_total_usd))} at base): ${h(how)}, the others at base</caption>
<thead><tr><th>Input</th><th class="num">Low → total</th><th class="num">High → total</th><th class="num">Swing</th><th>Verdict at low / high</th></tr></thead><tbody>
${t.bars.map((b) => `<tr><th><code>${h(b.id)}</code></th><td class="num">${h(`${exactValue(b.low, b.kind)} → ${b.total_at_low === null ? 'unknown' : formatUsd(b.total_at_low)}`)}</td><td class="num">${h(`${exactValue(b.high, b.kind)} → ${b.total_at_high === null ? 'unknown' : formatUsd(b.total_at_high)}`)}</td><td class="num">${h(formatUsd(b.swing_usd))}</td><td>${h(`${b.verdict_at_low ?? 'none'} / ${b.verdict_at_high ?? 'none'}`)}${b.verdict_at_low !== t.strategy || b.verdict_at_high !== t.strategy ? ' <strong>(flips)</strong>' : ''}</td></tr>`).join('\n')}
</tbody></table>`);
    const be = breakEvenStatements(p);
    parts.push(be.length > 0 ? `<h3>Break-even</h3><ul class="reasons">${be.map((s) => `<li>${h(s)}</li>`).join('')}</ul>` : `<p class="hint closing">No break-even: ${h(t.strategy)} stays cheapest of the priced strategies across every input's range (others at base).</p>`);
  }
  parts.push('</section>');
  return parts.join('\n');
}

export function rangesMarkdown(p: Projection): string {
  const u = p.uncertainty;
  const t = p.sensitivity;
  if (!u && !t) return '';
  const out: string[] = ['## Ranges', ''];
  if (u) {
    for (const v of u.verdict) out.push(`- ${escapeMarkdown(v)}`);
    out.push('');
    out.push(
      markdownTable(
        ['Strategy', 'Total P10 · P50 · P90', 'Per query P10 · P50 · P90', 'Wins', 'Infeasible', 'Misses a target'],
        u.strategies.map((s) => [escapeMarkdownCell(s.id), neverRuns(s) ? CANNOT_RUN : range(s.total_usd), neverRuns(s) ? CANNOT_RUN : range(s.per_query_usd, true), percent(s.p_recommended), percent(s.p_infeasible), percent(s.p_misses_target)]),
        ['l', 'r', 'r', 'r', 'r', 'r'],
      ),
    );
    out.push('', `${u.samples.toLocaleString('en-US')} draws (seed ${u.seed}) of ${u.inputs.map((i) => `\`${escapeMarkdown(i.id)}\` (${i.distribution}, ${exactValue(i.low, i.kind)} to ${exactValue(i.high, i.kind)})`).join(', ')}.`);
  }
  if (t) {
    out.push('', `Sensitivity of ${escapeMarkdown(t.strategy)}'s total, most important input first:`, '');
    out.push(
      markdownTable(
        ['Input', 'Low → total', 'High → total', 'Swing', 'Verdict at low / high'],
        t.bars.map((b) => [
          escapeMarkdownCell(b.id),
          `${exactValue(b.low, b.kind)} → ${b.total_at_low === null ? 'unknown' : formatUsd(b.total_at_low)}`,
          `${exactValue(b.high, b.kind)} → ${b.total_at_high === null ? 'unknown' : formatUsd(b.total_at_high)}`,
          formatUsd(b.swing_usd),
          escapeMarkdownCell(`${b.verdict_at_low ?? 'none'} / ${b.verdict_at_high ?? 'none'}`),
        ]),
        ['l', 'r', 'r', 'r', 'l'],
      ),
    );
    const be = breakEvenStatements(p);
    if (be.length > 0) out.push('', ...be.map((s) => `- ${escapeMarkdown(s)}`));
  }
  return out.join('\n') + '\n';
}
