/**
 * `costsim tokens <paths...>` (docs/model.md §15): token counts of text files, whole folders and chat
 * fine-tuning datasets.
 *
 * - A text file counts its UTF-8 text.
 * - A folder counts every text file under it, recursively; dot-files and binary files (a NUL
 *   byte in the first 8,000 bytes, git's rule) are skipped.
 * - A `.jsonl` file counts as an OpenAI chat dataset (tokens/chat-jsonl.ts: 3 per message +
 *   role/content/name tokens + 1 per name, + 3 per example). A `.jsonl` file in which no
 *   line is a chat example is counted as plain text instead, and says so.
 * The paths are the user's own, named on the command line, so they are read relative to the
 * working directory with no sandbox. A missing path is reported and the rest still counted.
 *
 * Exit codes: 0 all counted; 1 a path was missing or unreadable, or a dataset had malformed
 * lines (everything else is still printed); 2 usage error.
 */
import { formatCount, formatFixed } from '../format.js';
import { problemText, type Worded } from '../messages/problems.js';
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { globSync } from 'tinyglobby';
import { decodeText, looksBinary } from '../tokens/binary.js';
import type { ChatJsonlProblem } from '../tokens/chat-jsonl.js';
import { countChatJsonl } from '../tokens/chat-jsonl.js';
import type { Encoding } from '../tokens/encoder.js';
// encoder.ts imports nothing heavy at load time; the rank tables load in createTokenCounter.
import { createTokenCounter, DEFAULT_ENCODING, ENCODINGS, encodingForModel, isEncoding } from '../tokens/encoder.js';

interface TokensCommandOptions {
  model?: string;
  encoding?: Encoding;
  format: 'table' | 'json';
}

interface TokensCommandResult {
  stdout: string;
  stderr: string;
  exitCode: 0 | 1 | 2;
}

interface TokensFileRow {
  /** As the user named it, or `<dir>/<relative path>` for a file found in a folder. */
  path: string;
  kind: 'text' | 'chat_jsonl';
  tokens: number;
  /** chat_jsonl only. */
  examples?: number;
  max_tokens_per_example?: number;
  mean_tokens_per_example?: number;
  problems?: readonly ChatJsonlProblem[];
  /** Why a .jsonl file was counted as text. */
  note?: string;
}

export interface TokensReport {
  schema: 'costsim.tokens/v1';
  encoding: Encoding;
  model: string | null;
  /** true when --model names a non-OpenAI model: the counts are an o200k_base approximation. */
  approximate: boolean;
  files: TokensFileRow[];
  total_tokens: number;
  /** Σ examples over chat datasets. */
  total_examples: number;
  errors: { path: string; message: string }[];
}

const PROGRAM = 'costsim tokens';

function usage(text: Worded): TokensCommandResult {
  return { stdout: '', stderr: `${PROGRAM}: ${text.message}\n`, exitCode: 2 };
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function errorText(err: unknown): string {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return code ?? (err instanceof Error ? err.message : String(err));
}

function isJsonl(p: string): boolean {
  return p.toLowerCase().endsWith('.jsonl');
}

const integer = { format: formatCount };
const oneDecimal = { format: (x: number) => formatFixed(x, 1) };

function renderTable(report: TokensReport): string {
  const lines: string[] = [];
  const source = report.model ? `for ${report.model}` : '';
  const approx = report.approximate
    ? ` (approximate: ${report.model} does not use an OpenAI tokenizer, so o200k_base stands in for it; a scenario scales such counts with models.token_ratio)`
    : '';
  lines.push(`encoding ${report.encoding}${source ? ` ${source}` : ''}${approx}`);
  if (report.files.length === 0) {
    lines.push('no text files counted');
    return `${lines.join('\n')}\n`;
  }
  const anyChat = report.files.some((f) => f.kind === 'chat_jsonl');
  const header = ['FILE', 'KIND', ...(anyChat ? ['EXAMPLES', 'MEAN/EXAMPLE'] : []), 'TOKENS'];
  const rows = report.files.map((f) => [
    f.path,
    f.kind === 'chat_jsonl' ? 'chat' : 'text',
    ...(anyChat
      ? f.kind === 'chat_jsonl'
        ? [integer.format(f.examples ?? 0), oneDecimal.format(f.mean_tokens_per_example ?? 0)]
        : ['', '']
      : []),
    integer.format(f.tokens),
  ]);
  const total = [
    `total (${report.files.length} file${report.files.length === 1 ? '' : 's'})`,
    '',
    ...(anyChat ? [integer.format(report.total_examples), ''] : []),
    integer.format(report.total_tokens),
  ];
  const all = [header, ...rows, total];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  // Text columns align left, numbers right.
  const format = (r: string[]) =>
    r
      .map((cell, c) => (c < 2 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  ')
      .trimEnd();
  lines.push(format(header));
  for (const r of rows) lines.push(format(r));
  lines.push(format(total));
  return `${lines.join('\n')}\n`;
}

export async function runTokensCommand(paths: string[], opts: TokensCommandOptions): Promise<TokensCommandResult> {
  if (paths.length === 0) return usage(problemText.nothingToCount());
  if (opts.model !== undefined && opts.encoding !== undefined) return usage(problemText.modelAndEncoding());
  if (opts.encoding !== undefined && !isEncoding(opts.encoding)) return usage(problemText.unknownEncoding(opts.encoding, ENCODINGS));
  if (opts.format !== 'table' && opts.format !== 'json') return usage(problemText.tokensFormat(opts.format));
  if (opts.model !== undefined && opts.model.trim() === '') return usage(problemText.modelEmpty());

  const picked = opts.model !== undefined ? encodingForModel(opts.model) : { encoding: opts.encoding ?? DEFAULT_ENCODING, approximate: false };
  const count = await createTokenCounter(picked.encoding);

  const report: TokensReport = {
    schema: 'costsim.tokens/v1',
    encoding: picked.encoding,
    model: opts.model ?? null,
    approximate: picked.approximate,
    files: [],
    total_tokens: 0,
    total_examples: 0,
    errors: [],
  };
  const stderr: string[] = [];
  let failed = false;

  const fail = (p: string, message: string) => {
    report.errors.push({ path: p, message });
    stderr.push(`${PROGRAM}: ${p}: ${message}`);
    failed = true;
  };

  /** Counts one file; `named` is true when the user named it (a binary file is then worth a word). */
  // A file named twice (or named and also inside a named folder) is counted once.
  const seen = new Set<string>();

  async function countFile(shown: string, abs: string, named: boolean): Promise<void> {
    if (seen.has(abs)) return;
    seen.add(abs);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(abs);
    } catch (err) {
      fail(shown, `could not be read (${errorText(err)})`);
      return;
    }
    if (looksBinary(bytes)) {
      if (named) stderr.push(`${PROGRAM}: ${shown}: skipped, a binary file (it contains NUL bytes)`);
      return;
    }
    const text = decodeText(bytes);
    if (isJsonl(abs)) {
      const ds = countChatJsonl(text, count);
      if (ds.examples > 0) {
        report.files.push({
          path: shown,
          kind: 'chat_jsonl',
          tokens: ds.total_tokens,
          examples: ds.examples,
          max_tokens_per_example: ds.max_tokens_per_example,
          mean_tokens_per_example: ds.mean_tokens_per_example,
          problems: ds.problems,
        });
        for (const p of ds.problems) fail(`${shown}:${p.line}`, p.message);
        return;
      }
      report.files.push({
        path: shown,
        kind: 'text',
        tokens: count(text),
        note: 'no line is a chat example ({"messages": [...]}), so the file was counted as plain text',
      });
      if (text.trim() !== '') stderr.push(`${PROGRAM}: ${shown}: no line is a chat example; counted as plain text`);
      return;
    }
    report.files.push({ path: shown, kind: 'text', tokens: count(text) });
  }

  for (const given of paths) {
    const abs = path.resolve(given);
    let info;
    try {
      info = await stat(abs);
    } catch (err) {
      const code = typeof err === 'object' && err !== null && 'code' in err ? (err as { code: unknown }).code : undefined;
      fail(given, code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file or folder' : `could not be read (${errorText(err)})`);
      continue;
    }
    if (info.isDirectory()) {
      let found: string[];
      try {
        // Dot-files and dot-folders (.git, .venv) are left out, as a user expects of "this folder".
        found = globSync('**/*', { cwd: abs, dot: false, onlyFiles: true, followSymbolicLinks: true }).sort();
      } catch (err) {
        fail(given, `could not be listed (${errorText(err)})`);
        continue;
      }
      const before = report.files.length;
      for (const rel of found) {
        await countFile(toPosix(path.join(given, rel)), path.join(abs, rel), false);
      }
      if (report.files.length === before) stderr.push(`${PROGRAM}: ${given}: no text files in this folder`);
    } else {
      await countFile(given, abs, true);
    }
  }

  for (const f of report.files) {
    report.total_tokens += f.tokens;
    report.total_examples += f.examples ?? 0;
  }

  const stdout = opts.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderTable(report);
  return { stdout, stderr: stderr.length > 0 ? `${stderr.join('\n')}\n` : '', exitCode: failed ? 1 : 0 };
}
