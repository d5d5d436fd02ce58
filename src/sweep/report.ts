/**
 * A sweep's outputs: the statements a lead reads ("fine_tuning becomes cheaper than rag above
 * 2,264,000"), sweep.json, sweep.csv, the terminal table and the report.html section.
 * User text (scenario name, strategy ids, input paths) is escaped in HTML and neutralised in CSV.
 */
import { canonicalize } from '../report/json.js';
import { numberCell, textCell } from '../report/csv.js';
import { escapeHtml } from '../report/escape-html.js';
import type { FieldRule } from '../scenario/fields.js';
import { formatInputValue } from '../uncertainty/verdict.js';
import type { Crossover, SweepResult, WinnerBand } from './sweep.js';

/** An exact value as a sentence shows it: whole numbers above 1,000 with separators, else 4 significant digits. */
export function exactValue(value: number, kind: FieldRule['kind'] | undefined): string {
  if (kind === 'fraction') return `${+(value * 100).toPrecision(4)}%`;
  if (kind === 'hours') return value >= 48 ? `${+(value / 24).toPrecision(4)} days` : `${+value.toPrecision(4)} h`;
  if (kind === 'seconds') return `${+value.toPrecision(4)} s`;
  if (kind === 'ms') return `${+value.toPrecision(4)} ms`;
  const dollar = kind === 'usd' ? '$' : '';
  if (Math.abs(value) >= 1000) return `${dollar}${Math.round(value).toLocaleString('en-US')}`;
  return `${dollar}${+value.toPrecision(4)}`;
}

function crossoverStatement(c: Crossover, kind: FieldRule['kind'] | undefined): string {
  return `${c.above} becomes cheaper than ${c.below} above ${exactValue(c.value, kind)} (${c.input})`;
}

function bandStatement(b: WinnerBand, kind: FieldRule['kind'] | undefined): string {
  const who = b.winner === null ? 'no strategy qualifies' : `${b.winner} wins`;
  return `${exactValue(b.from, kind)} to ${exactValue(b.to, kind)}: ${who}`;
}

export function sweepStatements(r: SweepResult): string[] {
  const kind = r.axes[0]?.kind;
  if (r.axes.length === 1) {
    return [...r.bands.map((b) => bandStatement(b, kind)), ...r.crossovers.map((c) => crossoverStatement(c, kind))];
  }
  const [x, y] = r.axes as [SweepResult['axes'][number], SweepResult['axes'][number]];
  const winners = new Map<string, number>();
  for (const p of r.points) winners.set(p.winner ?? 'none', (winners.get(p.winner ?? 'none') ?? 0) + 1);
  const share = [...winners].sort((a, b) => b[1] - a[1]).map(([w, n]) => `${w === 'none' ? 'no strategy qualifies' : w} in ${Math.round((n / r.points.length) * 100)}% of the map`);
  return [
    `${x.input} from ${formatInputValue(x.from, x.kind)} to ${formatInputValue(x.to, x.kind)} × ${y.input} from ${formatInputValue(y.from, y.kind)} to ${formatInputValue(y.to, y.kind)}: ${share.join(', ')}`,
    `${r.boundaries.length} boundary point(s) where the winner changes along ${x.input}`,
  ];
}

export function renderSweepJson(r: SweepResult): string {
  return JSON.stringify(canonicalize(r), null, 2) + '\n';
}

/** Tidy rows: one per point × strategy. Columns: the axes, strategy, cost_usd, eligible, winner. */
export function renderSweepCsv(r: SweepResult): string {
  const header = [...r.axes.map((a) => textCell(a.input)), 'strategy', 'cost_usd', 'priced', 'eligible', 'winner'];
  const rows = [header.join(',')];
  for (const p of r.points) {
    r.strategies.forEach((id, k) => {
      const cost = p.cost_usd[k];
      rows.push(
        [...p.at.map(numberCell), textCell(id), cost == null ? '' : numberCell(cost), String(cost != null), String(p.eligible[k]), textCell(p.winner ?? '')].join(','),
      );
    });
  }
  return rows.join('\r\n') + '\r\n';
}

export function renderSweepTable(r: SweepResult): string {
  const lines = [`${r.scenario.name}: sweep of ${r.axes.map((a) => `${a.input} (${a.steps} values${a.log ? ', log' : ''})`).join(' × ')}`];
  lines.push(`metric: ${r.metric === 'total_usd' ? 'total over the horizon' : `spend of month ${r.month}`}`);
  for (const s of sweepStatements(r)) lines.push(`  ${s}`);
  return lines.join('\n') + '\n';
}

/** The sweep's section of a report.html (charts are inline SVG from the renderer). */
export function sweepHtmlSection(r: SweepResult, charts: { name: string; title: string; svg: string }[]): string {
  const h = escapeHtml;
  const items = sweepStatements(r).map((s) => `<li>${h(s)}</li>`).join('\n');
  const figures = charts.map((c) => `<figure class="chart" id="${h(c.name)}"><figcaption>${h(c.title)}</figcaption>${c.svg}</figure>`).join('\n');
  return `<section aria-labelledby="sweep"><h2 id="sweep">Sweep: where the answer changes</h2>
<p class="hint">Each point is a full projection with the input${r.axes.length > 1 ? 's' : ''} set as shown and everything else as in the scenario. Break-even values are found by root-finding between grid points, not read off the grid.</p>
<ul class="reasons">
${items}
</ul>
${figures}
</section>`;
}
