import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokensReport } from '../../src/cli/tokens-command.js';
import { runTokensCommand } from '../../src/cli/tokens-command.js';
import { prepareEncoders, tokenCounter } from '../../src/tokens/encoder.js';
import { tiktokenCore } from './tiktoken-core.js';

// The cookbook's example conversation: 124 tokens in o200k_base and 129 in cl100k_base by
// num_tokens_from_messages, both equal to the API's count (How_to_count_tokens_with_tiktoken.ipynb, c81359cd).
const COOKBOOK_EXAMPLE = JSON.stringify({
  messages: [
    { role: 'system', content: 'You are a helpful, pattern-following assistant that translates corporate jargon into plain English.' },
    { role: 'system', name: 'example_user', content: 'New synergies will help drive top-line growth.' },
    { role: 'system', name: 'example_assistant', content: 'Things working well together will increase revenue.' },
    { role: 'system', name: 'example_user', content: "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage." },
    { role: 'system', name: 'example_assistant', content: "Let's talk later when we're less busy about how to do better." },
    { role: 'user', content: "This late pivot means we don't have time to boil the ocean for the client deliverable." },
  ],
});

// Layout:
//   a.txt                 "hello world"                     2 tokens in either encoding
//   data/train.jsonl      the cookbook example, twice        2 × 124 = 248 (o200k), 2 × 129 = 258 (cl100k)
//   data/sub/b.md         "hello world"                     2
//   data/logo.bin         binary (NUL bytes)                 skipped
//   data/.notes.md        dot-file                           skipped
//   logs.jsonl            JSON lines that are not chat       counted as plain text
//   bad.jsonl             line 1 good (124 o200k), line 2 broken JSON
let dir: string;
const p = (...parts: string[]) => path.join(dir, ...parts);
const LOGS = '{"level":"info","msg":"started"}\n{"level":"warn","msg":"slow"}\n';

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'costsim-tokens-'));
  mkdirSync(p('data', 'sub'), { recursive: true });
  writeFileSync(p('a.txt'), 'hello world');
  writeFileSync(p('data', 'train.jsonl'), `${COOKBOOK_EXAMPLE}\n${COOKBOOK_EXAMPLE}\n`);
  writeFileSync(p('data', 'sub', 'b.md'), 'hello world');
  writeFileSync(p('data', 'logo.bin'), Buffer.from([0x47, 0x49, 0x46, 0x00, 0x00, 0x01]));
  writeFileSync(p('data', '.notes.md'), 'not counted');
  writeFileSync(p('logs.jsonl'), LOGS);
  writeFileSync(p('bad.jsonl'), `${COOKBOOK_EXAMPLE}\n{"messages": [\n`);
  await prepareEncoders(['o200k_base']);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('runTokensCommand', () => {
  it('prints a per-file table with a total: text files, folders (recursively) and chat datasets', async () => {
    const r = await runTokensCommand([p('a.txt'), p('data')], { format: 'table' });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('encoding o200k_base');
    expect(lines[1]).toMatch(/^FILE\s+KIND\s+EXAMPLES\s+MEAN\/EXAMPLE\s+TOKENS$/);
    // Folder contents sorted; the binary file and the dot-file are not listed.
    expect(lines.slice(2).map((l) => l.split(/\s{2,}/))).toEqual([
      [p('a.txt'), 'text', '2'],
      [p('data', 'sub', 'b.md'), 'text', '2'],
      [p('data', 'train.jsonl'), 'chat', '2', '124.0', '248'],
      // 2 + 2 + 248 = 252 tokens; 2 examples
      ['total (3 files)', '2', '252'],
    ]);
  });

  it('prints JSON with the same numbers', async () => {
    const r = await runTokensCommand([p('a.txt'), p('data')], { format: 'json' });
    expect(r.exitCode).toBe(0);
    const report = JSON.parse(r.stdout) as TokensReport;
    expect(report).toMatchObject({
      schema: 'costsim.tokens/v1',
      encoding: 'o200k_base',
      model: null,
      approximate: false,
      total_tokens: 252, // 2 + 2 + 248
      total_examples: 2,
      errors: [],
    });
    expect(report.files.find((f) => f.kind === 'chat_jsonl')).toEqual({
      path: p('data', 'train.jsonl'),
      kind: 'chat_jsonl',
      tokens: 248,
      examples: 2,
      max_tokens_per_example: 124,
      mean_tokens_per_example: 124,
      problems: [],
    });
  });

  it('picks the encoding from --model: gpt-4 counts in cl100k_base', async () => {
    const r = await runTokensCommand([p('a.txt'), p('data', 'train.jsonl')], { model: 'gpt-4', format: 'json' });
    const report = JSON.parse(r.stdout) as TokensReport;
    expect(report.encoding).toBe('cl100k_base');
    expect(report.approximate).toBe(false);
    expect(report.total_tokens).toBe(260); // 2 + 2 × 129
  });

  it('says when the count is approximate (a model without an OpenAI tokenizer)', async () => {
    const r = await runTokensCommand([p('a.txt')], { model: 'claude-sonnet-4-20250514', format: 'table' });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^encoding o200k_base for claude-sonnet-4-20250514 \(approximate: .*not use an OpenAI tokenizer/);
    const json = JSON.parse((await runTokensCommand([p('a.txt')], { model: 'claude-sonnet-4-20250514', format: 'json' })).stdout);
    expect(json.approximate).toBe(true);
  });

  it('--encoding chooses the encoding directly', async () => {
    const r = await runTokensCommand([p('data', 'train.jsonl')], { encoding: 'cl100k_base', format: 'json' });
    expect((JSON.parse(r.stdout) as TokensReport).total_tokens).toBe(258); // 2 × 129
  });

  it('reports a missing path on stderr, exits 1 and still counts the others', async () => {
    const missing = p('nope.md');
    const r = await runTokensCommand([missing, p('a.txt')], { format: 'table' });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(`costsim tokens: ${missing}: no such file or folder\n`);
    expect(r.stdout).toMatch(/total \(1 file\)\s+2\n$/);
    const json = JSON.parse((await runTokensCommand([missing, p('a.txt')], { format: 'json' })).stdout) as TokensReport;
    expect(json.errors).toEqual([{ path: missing, message: 'no such file or folder' }]);
    expect(json.total_tokens).toBe(2);
  });

  it('reports malformed dataset lines with file:line and exits 1, counting the good lines', async () => {
    const r = await runTokensCommand([p('bad.jsonl')], { format: 'json' });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^costsim tokens: ${p('bad.jsonl').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: not valid JSON`));
    const report = JSON.parse(r.stdout) as TokensReport;
    expect(report.files[0]).toMatchObject({ kind: 'chat_jsonl', examples: 1, tokens: 124 });
    expect(report.files[0]?.problems?.map((x) => x.line)).toEqual([2]);
  });

  it('counts a .jsonl file with no chat example as plain text, and says so', async () => {
    const r = await runTokensCommand([p('logs.jsonl')], { format: 'json' });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/no line is a chat example; counted as plain text/);
    const report = JSON.parse(r.stdout) as TokensReport;
    // The fallback under test is "count the whole text": the same number the counter gives for it.
    expect(report.files[0]).toMatchObject({ kind: 'text', tokens: tokenCounter('o200k_base')(LOGS) });
  });

  it('skips a binary file named explicitly, with a word on stderr', async () => {
    const r = await runTokensCommand([p('data', 'logo.bin'), p('a.txt')], { format: 'json' });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/logo\.bin: skipped, a binary file/);
    expect((JSON.parse(r.stdout) as TokensReport).files.map((f) => f.path)).toEqual([p('a.txt')]);
  });

  it('counts a file once when it is named twice or also lies in a named folder', async () => {
    const r = await runTokensCommand([p('data'), p('data', 'sub', 'b.md'), p('a.txt'), p('a.txt')], { format: 'json' });
    expect((JSON.parse(r.stdout) as TokensReport).total_tokens).toBe(252); // 2 + 248 + 2, as above
  });

  it('returns exit code 2 for usage errors', async () => {
    expect((await runTokensCommand([], { format: 'table' })).exitCode).toBe(2);
    const both = await runTokensCommand([p('a.txt')], { model: 'gpt-4o', encoding: 'cl100k_base', format: 'table' });
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toMatch(/--model or --encoding, not both/);
    const bad = await runTokensCommand([p('a.txt')], { encoding: 'p50k_base' as never, format: 'table' });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/unknown encoding "p50k_base"; expected one of o200k_base, cl100k_base/);
  });

  it('counts hostile files exactly as tiktoken does, and a 30,000-letter run without a space', async () => {
    // Issue 13: a prompt file of 30,000 letters with no space took over 120 s (quadratic merges).
    // "aaaaaaaa" is one o200k_base token and no longer run of a's is (tests/tokens/bpe.test.ts),
    // so 30,000 a's are 30,000 / 8 = 3,750 tokens.
    const hostile = 'emoji 👨‍👩‍👧 \uFEFF mid-text BOM, <|endoftext|> as text, 東京 CJK, مرحبا, ' + 'x1'.repeat(500);
    writeFileSync(p('run.txt'), 'a'.repeat(30_000));
    writeFileSync(p('hostile.txt'), hostile);
    const r = await runTokensCommand([p('run.txt'), p('hostile.txt')], { format: 'json' });
    expect(r.exitCode).toBe(0);
    const report = JSON.parse(r.stdout) as TokensReport;
    // The reference: tiktoken's core, which bpe.test.ts shows counts as js-tiktoken does.
    expect(report.files.map((f) => f.tokens)).toEqual([3750, tiktokenCore('o200k_base').encode_ordinary(hostile).length]);
  });
});
