/**
 * Gate results as text (terminal, CI log) and Markdown (the pull-request comment). Failures
 * first, then warnings, then passes and skips; each line names the rule (with its place in
 * the policy file), the scenario and strategy, the figure and the limit.
 */
import { escapeMarkdownCell, markdownTable } from '../report/markdown.js';
import { terminalSafe } from '../report/table.js';
import type { GateResult } from './types.js';

const ORDER: Record<GateResult['status'], number> = { fail: 0, warn: 1, pass: 2, skip: 3 };
const LABEL: Record<GateResult['status'], string> = { fail: 'FAIL', warn: 'WARN', pass: 'pass', skip: 'skip' };

export function sortedGates(gates: readonly GateResult[]): GateResult[] {
  return gates.map((g, i) => ({ g, i })).sort((a, b) => ORDER[a.g.status] - ORDER[b.g.status] || a.i - b.i).map(({ g }) => g);
}

/** `1 failed, 2 warnings, 5 passed` (skips counted when there are any). */
export function gateCounts(gates: readonly GateResult[]): string {
  const n = (s: GateResult['status']) => gates.filter((g) => g.status === s).length;
  const parts = [`${n('fail')} failed`, `${n('warn')} warning${n('warn') === 1 ? '' : 's'}`, `${n('pass')} passed`];
  if (n('skip') > 0) parts.push(`${n('skip')} skipped`);
  return parts.join(', ');
}

function subject(g: GateResult): string {
  return g.strategy === null ? g.scenario : `${g.scenario} · ${g.strategy}`;
}

export function renderGatesText(gates: readonly GateResult[]): string {
  const lines = [`gates: ${gateCounts(gates)}`];
  for (const g of sortedGates(gates)) {
    lines.push(terminalSafe(`${LABEL[g.status]}  ${g.rule}  ${subject(g)}: ${g.message}  (${g.where})`));
  }
  return lines.join('\n') + '\n';
}

export function renderGatesMarkdown(gates: readonly GateResult[]): string {
  const rows = sortedGates(gates).map((g) => [
    g.status === 'fail' ? '**FAIL**' : g.status === 'warn' ? 'warn' : g.status,
    escapeMarkdownCell(g.rule),
    escapeMarkdownCell(subject(g)),
    escapeMarkdownCell(g.message),
  ]);
  return `**Gates:** ${gateCounts(gates)}\n\n` + (rows.length > 0 ? markdownTable(['gate', 'rule', 'scenario', 'result'], rows, ['l', 'l', 'l', 'l']) + '\n' : '');
}
