/**
 * YAML indentation mistakes in words a scenario's author knows (issue 11, item 7). The yaml
 * parser reports them in its own terms ("Nested mappings are not allowed in compact mappings",
 * "All mapping items must start at the same column") and, for a line indented too deep, at the
 * line above it. Here each is said as "indentation", at the line that is wrong, with the
 * indentations that would be right and the keys they line up with.
 *
 * Bounded: the lines are indexed once per file (the file is at most MAX_SCENARIO_BYTES), and each
 * explanation walks up the lines once. The words are the catalog's (src/messages/problems.ts).
 */
import { problemText, type ProblemText } from '../messages/problems.js';

/** The yaml library's error codes this module explains; any other code is left to the caller. */
const INDENT_CODES = new Set(['BAD_INDENT', 'BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY', 'TAB_AS_INDENT', 'MISSING_CHAR']);

interface IndentationProblem {
  line: number;
  column: number;
  text: ProblemText;
}

interface SourceLine {
  /** 1-based. */
  number: number;
  /** Offset of the line's first character in the text. */
  start: number;
  /** Leading spaces. */
  indent: number;
  /** A key or item, not blank and not a comment. */
  content: boolean;
  /** The text after the indentation, without the line break. */
  body: string;
}

/** Longest key or value quoted in a message, in characters. */
const MAX_QUOTED = 40;

function quote(text: string): string {
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text;
}

/** `queries_per_month` of `  queries_per_month: 10k`, `x` of `- x: 1`. */
function keyOf(body: string): string {
  const m = /^(?:-\s+)?([^:#\s][^:#]*?)\s*:(?:\s|$)/.exec(body);
  return quote(m?.[1] ?? body);
}

/** The value written after the key on the same line (`10k`), or '' when the key opens a block. */
function valueOf(body: string): string {
  const m = /^(?:-\s+)?[^:#\s][^:#]*?\s*:\s+(.*?)\s*(?:#.*)?$/.exec(body);
  return quote(m?.[1] ?? '');
}

export class IndentationExplainer {
  private readonly lines: SourceLine[] = [];

  constructor(text: string) {
    let start = 0;
    for (const raw of text.split('\n')) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      const indent = line.length - line.replace(/^ +/, '').length;
      const body = line.slice(indent);
      this.lines.push({ number: this.lines.length + 1, start, indent, content: body.trim() !== '' && !body.startsWith('#'), body });
      start += raw.length + 1;
    }
  }

  /** The line holding `offset` (0-based index into `lines`). */
  private indexAt(offset: number): number {
    let lo = 0;
    let hi = this.lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lines[mid]?.start ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * The parser's error `code` at `offset`, said as an indentation problem at the line that is
   * wrong; null when it is not an indentation mistake (the caller keeps its own message).
   */
  explain(code: string, offset: number, parserMessage = ''): IndentationProblem | null {
    if (!INDENT_CODES.has(code)) return null;
    // MISSING_CHAR covers unclosed quotes too; only a list item's stray line is indentation.
    if (code === 'MISSING_CHAR' && !/without - indicator/.test(parserMessage)) return null;
    const at = this.indexAt(offset);
    const line = this.lines[at];
    if (line === undefined) return null;
    if (code === 'TAB_AS_INDENT') {
      return { line: line.number, column: 1, text: problemText.indentationTab(line.number) };
    }
    if (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY') {
      // Reported at a key that has a value; the wrong line is the next one, indented deeper.
      const next = this.lines.slice(at + 1).find((l) => l.content);
      if (next === undefined || next.indent <= line.indent || valueOf(line.body) === '') return null;
      return this.deeperThanValue(next, line);
    }
    // BAD_INDENT, or MISSING_CHAR for a line between the levels of a list item: at the wrong line.
    if (!line.content) return null;
    return this.matchesNoLevel(at);
  }

  /** `wrong` sits deeper than `owner`, whose key already has a value on its own line. */
  private deeperThanValue(wrong: SourceLine, owner: SourceLine): IndentationProblem {
    return {
      line: wrong.number,
      column: wrong.indent + 1,
      text: problemText.indentationDeeperThanValue(wrong.number, wrong.indent, { line: owner.number, indent: owner.indent, key: keyOf(owner.body), value: valueOf(owner.body) }),
    };
  }

  /** The line at `at` lines up with none of the open levels above it. */
  private matchesNoLevel(at: number): IndentationProblem | null {
    const wrong = this.lines[at]!;
    // The open levels: walking up, each content line less indented than every one after it.
    const levels: SourceLine[] = [];
    let limit = Infinity;
    for (let i = at - 1; i >= 0 && limit > 0; i--) {
      const l = this.lines[i]!;
      if (!l.content || l.indent >= limit) continue;
      levels.push(l);
      limit = l.indent;
    }
    const deeper = levels.filter((l) => l.indent > wrong.indent).at(-1);
    const shallower = levels.find((l) => l.indent < wrong.indent);
    if (deeper === undefined && shallower !== undefined && valueOf(shallower.body) !== '') return this.deeperThanValue(wrong, shallower);
    const options = [deeper, shallower]
      .filter((l): l is SourceLine => l !== undefined)
      .map((l) => ({ line: l.number, indent: l.indent, key: keyOf(l.body) }));
    if (options.length === 0) return null;
    return { line: wrong.number, column: wrong.indent + 1, text: problemText.indentationNoLevel(wrong.number, wrong.indent, options) };
  }
}
