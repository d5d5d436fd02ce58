/**
 * How every command prints a problem in a file: once, on stderr, one line each, in the
 * `file:line:col: path: message` form that editors and CI annotators jump to (gcc, tsc, eslint's
 * unix formatter). The grouped form (a heading per file) lives in the documents that carry the
 * errors for a reader elsewhere — summary.md, the JSON documents, the pull-request comment —
 * never in the terminal table beside these lines (issue 11: every problem was printed twice).
 */
import type { RunDocument } from '../model/types.js';
import { clip, escapeForTerminal } from '../util/terminal.js';

/** Longest problem message printed on a terminal line (the JSON document keeps it whole). */
const MAX_PROBLEM_CHARS = 1_000;

/**
 * One line per problem, each ending in a newline ('' when there is none). Escaped (a newline
 * in a model id must not forge a second problem line) and bounded. `tag` follows the message,
 * e.g. "(base side)" when a diff has two sides.
 */
export function problemLines(errors: RunDocument['errors'], tag = ''): string {
  const lines: string[] = [];
  for (const e of errors) {
    for (const p of e.problems) {
      const where = p.line !== undefined ? `${e.file}:${p.line}:${p.column ?? 1}` : e.file;
      lines.push(escapeForTerminal(`${where}: ${p.path ? `${clip(p.path)}: ` : ''}${clip(p.message, MAX_PROBLEM_CHARS)}${tag ? ` ${tag}` : ''}`));
    }
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}
