/**
 * `costsim diff --format github-comment`: Markdown made for a pull-request comment.
 *
 *   <!-- costsim-pr-comment -->          the hidden marker the example workflow finds the
 *                                        comment by, to update it instead of adding another
 *   ### LLM cost of this change
 *   one headline sentence                (and the gates' count when a policy was given)
 *   a narrow table                       scenario · verdict · month 1 before → after · change
 *   <details> Full diff </details>       the diff tree in a ```diff block
 *   <details> Gates </details>           every gate result, failures first
 *
 * GitHub refuses a comment body over 65,536 characters. When a large batch would exceed it,
 * the table, the gates and the diff are each cut at a whole row or scenario, every cut says
 * how much it left out, and a line at the top says that the comment is truncated. Lengths
 * are counted in UTF-16 code units, which is never fewer than GitHub's characters.
 */
import { headline, narrowTable, orderedScenarios, scenarioTree, fenced, errorLines } from '../diff/render.js';
import type { DiffDocument } from '../diff/diff.js';
import { gateCounts, sortedGates } from '../policy/render.js';
import type { GateResult } from '../policy/types.js';
import { escapeMarkdownCell, markdownTable } from './markdown.js';

/** GitHub's limit on an issue or pull-request comment body, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;
export const COMMENT_MARKER = '<!-- costsim-pr-comment -->';

const TRUNCATED = `> **This comment is truncated:** GitHub allows ${GITHUB_COMMENT_LIMIT.toLocaleString('en-US')} characters. Run \`costsim diff\` locally, or see the job log, for the whole diff.`;

/** Rows that fit `budget` characters, in order, and a closing line for the ones left out. */
function fit(rows: string[], budget: number, what: string): { rows: string[]; omitted: string | null } {
  const kept: string[] = [];
  let used = 0;
  for (const [i, row] of rows.entries()) {
    if (used + row.length + 1 > budget) {
      const left = rows.length - i;
      return { rows: kept, omitted: `… ${left} more ${what}${left === 1 ? '' : 's'} not shown (comment size limit)` };
    }
    kept.push(row);
    used += row.length + 1;
  }
  return { rows: kept, omitted: null };
}

function gateRows(gates: readonly GateResult[]): string[] {
  return sortedGates(gates).map((g) => {
    const who = g.strategy === null ? g.scenario : `${g.scenario} · ${g.strategy}`;
    const mark = g.status === 'fail' ? '**FAIL**' : g.status === 'warn' ? 'warn' : g.status;
    return `| ${mark} | ${escapeMarkdownCell(g.rule)} | ${escapeMarkdownCell(who)} | ${escapeMarkdownCell(g.message)} |`;
  });
}

interface Budgets {
  table: number;
  diff: number;
  gates: number;
}

function compose(doc: DiffDocument, gates: readonly GateResult[] | undefined, budgets: Budgets | null): string {
  const scenarios = orderedScenarios(doc);
  const shownInTable = scenarios.filter((s) => s.status !== 'unchanged');
  const unchanged = scenarios.length - shownInTable.length;
  const out: string[] = [COMMENT_MARKER, '### LLM cost of this change', ''];
  if (budgets !== null) out.push(TRUNCATED, '');
  let lead = escapeMarkdownCell(headline(doc));
  if (gates !== undefined) {
    const failed = gates.filter((g) => g.status === 'fail').length;
    lead += failed > 0 ? ` **Gates: ${gateCounts(gates)}.**` : ` Gates: ${gateCounts(gates)}.`;
  }
  out.push(lead, '');

  if (shownInTable.length > 0) {
    const table = narrowTable(shownInTable).split('\n');
    const [head = '', rule = '', ...rows] = table;
    const kept = budgets === null ? { rows, omitted: null } : fit(rows, budgets.table, 'scenario');
    out.push(head, rule, ...kept.rows);
    if (kept.omitted) out.push('', kept.omitted);
    out.push('');
  }
  if (unchanged > 0) out.push(`${unchanged} scenario${unchanged === 1 ? '' : 's'} unchanged.`, '');
  const errors = errorLines(doc).map((e) => `- ${escapeMarkdownCell(e)}`);
  if (errors.length > 0) {
    const kept = budgets === null ? { rows: errors, omitted: null } : fit(errors, budgets.table, 'problem');
    out.push(...kept.rows, ...(kept.omitted ? [kept.omitted] : []), '');
  }

  const blocks = shownInTable.map((s) => scenarioTree(s).join('\n'));
  if (blocks.length > 0) {
    const kept = budgets === null ? { rows: blocks, omitted: null } : fit(blocks, budgets.diff, 'scenario');
    out.push('<details><summary>Full diff</summary>', '');
    if (kept.rows.length > 0) out.push(fenced(kept.rows.join('\n\n').split('\n'), 'diff'), '');
    if (kept.omitted) out.push(kept.omitted, '');
    out.push('</details>', '');
  }

  if (gates !== undefined) {
    const rows = gateRows(gates);
    const kept = budgets === null ? { rows, omitted: null } : fit(rows, budgets.gates, 'gate result');
    out.push(`<details${gates.some((g) => g.status === 'fail') ? ' open' : ''}><summary>Gates: ${gateCounts(gates)}</summary>`, '');
    if (kept.rows.length > 0) {
      const [head = '', rule = ''] = markdownTable(['gate', 'rule', 'scenario', 'result'], [], ['l', 'l', 'l', 'l']).split('\n');
      out.push(head, rule, ...kept.rows, '');
    }
    if (kept.omitted) out.push(kept.omitted, '');
    out.push('</details>', '');
  }
  out.push('<sub>Month 1 of each scenario, recommended strategy. Made by costsim diff.</sub>');
  return out.join('\n') + '\n';
}

/** The comment for a diff (and the gates, when a policy was checked); never over `limit`. */
export function renderGithubComment(doc: DiffDocument, gates?: readonly GateResult[], limit = GITHUB_COMMENT_LIMIT): string {
  const whole = compose(doc, gates, null);
  if (whole.length <= limit) return whole;
  // Room for everything but the cut sections, then shares of what is left: failures matter
  // most, so the gates come first, then the table (and failed files), then the tree.
  const fixed = compose(doc, gates, { table: 0, diff: 0, gates: 0 }).length;
  let room = Math.max(0, limit - fixed - 200);
  for (let attempt = 0; attempt < 4; attempt++) {
    const gatesShare = gates === undefined ? 0 : Math.floor(room * 0.3);
    const tableShare = Math.floor(room * 0.3);
    const text = compose(doc, gates, { gates: gatesShare, table: tableShare, diff: room - gatesShare - tableShare });
    if (text.length <= limit) return text;
    // The shares are estimates (a fence may grow by a backtick): cut harder and try again.
    room = Math.max(0, room - (text.length - limit) - 200);
  }
  // Only the fixed parts are left and they alone are too long: cut the text itself.
  const note = `\n\n${TRUNCATED}\n`;
  return whole.slice(0, limit - note.length) + note;
}
