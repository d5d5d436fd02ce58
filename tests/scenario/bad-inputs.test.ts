/**
 * A table of bad scenario files: each must give exactly these problems (code, path, line, message),
 * all of them at once, and never throw.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import type { ProblemCode } from '../../src/messages/problems.js';
import { loadScenario } from '../../src/scenario/load.js';

const catalog = loadCatalog();

/** A valid scenario; each case swaps one line or appends a block. */
const VALID = `version: 1
name: Bad inputs
workload:
  queries_per_month: 1000
prompt:
  query: { tokens: 10 }
  output: { tokens: 10 }
`;

interface Case {
  name: string;
  text: string;
  file?: string;
  extra?: Record<string, string>;
  expected: { code: ProblemCode; path: string; line?: number; message: string }[];
}

const cases: Case[] = [
  {
    name: 'a negative top_k',
    text: VALID + 'retrieval:\n  top_k: -3\n',
    expected: [{ code: 'out_of_range', path: 'retrieval.top_k', line: 9, message: 'must be between 1 and 1,000; got -3 (a query retrieves at least one chunk; rerankers take at most 1,000 documents a call)' }],
  },
  {
    name: 'a top_k of zero',
    text: VALID + 'retrieval:\n  top_k: 0\n',
    expected: [{ code: 'out_of_range', path: 'retrieval.top_k', line: 9, message: 'must be between 1 and 1,000; got 0 (a query retrieves at least one chunk; rerankers take at most 1,000 documents a call)' }],
  },
  {
    name: 'a misspelled key, with a hint',
    text: VALID + 'retrieval:\n  chunk_tokenz: 512\n',
    expected: [{ code: 'unknown_key', path: 'retrieval.chunk_tokenz', line: 9, message: 'unknown key "chunk_tokenz" (did you mean "chunk_tokens"?)' }],
  },
  {
    name: 'a misspelled top-level section',
    text: VALID + 'retreival:\n  top_k: 5\n',
    expected: [{ code: 'unknown_key', path: 'retreival', line: 8, message: 'unknown key "retreival" (did you mean "retrieval"?)' }],
  },
  {
    name: 'a duration with no unit',
    text: VALID + 'knowledge:\n  publish_every: 3\n',
    expected: [{ code: 'invalid_value', path: 'knowledge.publish_every', line: 9, message: 'expected a duration with a unit, e.g. "2 days" or "36 h"; got 3' }],
  },
  {
    name: 'an expression that tries import',
    text: VALID.replace('queries_per_month: 1000', 'queries_per_month: import("fs")'),
    expected: [{ code: 'invalid_value', path: 'workload.queries_per_month', line: 4, message: 'function "import" is not allowed in a formula; allowed: abs, ceil, exp, floor, log, log10, max, min, round, sqrt' }],
  },
  {
    name: 'an expression that assigns',
    text: VALID.replace('queries_per_month: 1000', 'queries_per_month: "x = 5"'),
    expected: [{ code: 'invalid_value', path: 'workload.queries_per_month', line: 4, message: 'an assignment ("a = 3") is not allowed: a formula is arithmetic over numbers and vars; got "x = 5"' }],
  },
  {
    name: 'an unknown var, with a hint',
    text: 'vars:\n  daily_chats: 50k\n' + VALID.replace('queries_per_month: 1000', 'queries_per_month: daily_chat * 30'),
    expected: [{ code: 'invalid_value', path: 'workload.queries_per_month', line: 6, message: 'unknown name "daily_chat" in "daily_chat * 30": a formula may use only the names defined under vars (did you mean "daily_chats"?)' }],
  },
  {
    name: 'a file outside the folder',
    text: VALID.replace('query: { tokens: 10 }', 'query: { file: ../secret.txt }'),
    expected: [{ code: 'file', path: 'prompt.query', line: 6, message: '../secret.txt is outside the scenario\'s folder <dir>; pass --allow-outside to allow it' }],
  },
  {
    name: 'an absolute file path',
    text: VALID.replace('query: { tokens: 10 }', 'query: { file: /etc/hostname }'),
    expected: [{ code: 'file', path: 'prompt.query', line: 6, message: '/etc/hostname is an absolute path, outside the scenario\'s folder <dir>; write it relative to the scenario file, or pass --allow-outside to allow it' }],
  },
  {
    name: 'a missing file',
    text: VALID.replace('query: { tokens: 10 }', 'query: { file: prompts/nope.md }'),
    expected: [{ code: 'file', path: 'prompt.query', line: 6, message: 'prompts/nope.md does not exist (looked for <dir>/prompts/nope.md)' }],
  },
  {
    name: 'invalid YAML',
    text: 'version: 1\nname: [unclosed\n',
    expected: [{ code: 'syntax', path: '', line: 3, message: 'invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]' }],
  },
  {
    name: 'an empty file',
    text: '',
    expected: [{ code: 'syntax', path: '', message: 'the file is empty: a scenario needs at least version and name' }],
  },
  {
    name: 'a missing required field',
    text: VALID.replace('  output: { tokens: 10 }\n', ''),
    expected: [{ code: 'required', path: 'prompt.output', line: 5, message: 'is required' }],
  },
  {
    name: 'the wrong version',
    text: VALID.replace('version: 1', 'version: 2'),
    expected: [{ code: 'invalid_value', path: 'version', line: 1, message: 'expected version: 1' }],
  },
  {
    name: 'an unknown model id, with candidates',
    text: VALID + 'models:\n  generator: gpt-4.1-minii\n',
    expected: [{ code: 'unknown_id', path: 'models.generator', line: 9, message: 'unknown chat model "gpt-4.1-minii"; did you mean "gpt-4.1-mini", "azure/gpt-4.1-mini", "gpt-4o-mini", "gpt-5.4-mini", "azure/gpt-4o-mini"?' }],
  },
  {
    name: 'a fraction above 100%',
    text: VALID + 'workload:\n  batch_share: 140%\n',
    // A second `workload` key is itself a problem: both are reported.
    expected: [
      { code: 'syntax', path: 'workload', line: 8, message: '<starts>duplicate key' },
    ],
  },
  {
    name: 'a share above 1',
    text: VALID.replace('queries_per_month: 1000', 'queries_per_month: 1000\n  batch_share: 140%'),
    expected: [{ code: 'out_of_range', path: 'workload.batch_share', line: 5, message: '<starts>expected a fraction between 0 and 1' }],
  },
  {
    // A strategy projected over fewer months would win on a shorter total, not a lower cost.
    name: 'a strategy with a horizon of its own',
    text: VALID + 'strategies:\n  rag: {}\n  rag-short: { kind: rag, horizon_months: 1 }\n',
    expected: [{ code: 'inconsistent', path: 'strategies.rag-short.horizon_months', line: 10, message: "is the scenario's, not a strategy's: every strategy is projected over the same months so that their totals compare; set horizon_months at the top of the file" }],
  },
  {
    name: 'an overlap not smaller than the chunk',
    text: VALID + 'retrieval:\n  chunk_tokens: 100\n  chunk_overlap_tokens: 100\n',
    expected: [{ code: 'inconsistent', path: 'retrieval.chunk_overlap_tokens', line: 10, message: 'must be less than chunk_tokens (100); got 100' }],
  },
  {
    name: 'a strategy id that is not a kind and has none',
    text: VALID + 'strategies:\n  rag-big: { retrieval: { top_k: 12 } }\n',
    expected: [{ code: 'unknown_id', path: 'strategies.rag-big', line: 9, message: '"rag-big" is not a strategy kind: give it a kind (one of prompt_only, rag, fine_tuning, hybrid)' }],
  },
  {
    name: 'a bad value inside a strategy override is reported at the override',
    text: VALID + 'strategies:\n  rag: {}\n  rag-k: { kind: rag, retrieval: { top_k: -1 } }\n',
    expected: [{ code: 'out_of_range', path: 'strategies.rag-k.retrieval.top_k', line: 10, message: 'must be between 1 and 1,000; got -1 (a query retrieves at least one chunk; rerankers take at most 1,000 documents a call)' }],
  },
  {
    name: 'a self-hosted deployment of a model with no latency profile needs its speeds',
    text: VALID + 'models:\n  generator: { id: our-llama, input_usd_per_1m: 0, output_usd_per_1m: 0 }\ndeployment:\n  kind: self_hosted\n  gpu_usd_per_hour: 2\n',
    expected: [
      { code: 'required', path: 'deployment.prefill_tokens_per_s', line: 10, message: 'is required: our-llama has no latency profile to take it from' },
      { code: 'required', path: 'deployment.output_tokens_per_s', line: 10, message: 'is required: our-llama has no latency profile to take it from' },
    ],
  },
  {
    name: 'an inline model with a zero decode speed',
    text: VALID + 'models:\n  generator: { id: gpt-4.1-mini, output_tokens_per_s: 0 }\n',
    expected: [{ code: 'out_of_range', path: 'models.generator.output_tokens_per_s', line: 9, message: 'must be between 0.1 and 1,000,000; got 0 (a token speed below 0.1 token/s is not a GPU, since a CPU decodes a 70B model at about 1 token/s; above 1,000,000 tokens/s is no published hardware)' }],
  },
  {
    name: 'a JSON syntax error gets a line and column',
    file: 'bad.json',
    text: '{\n  "version": 1,\n  "name": "x",,\n}\n',
    expected: [{ code: 'syntax', path: '', line: 3, message: '<starts>invalid JSON' }],
  },
  {
    name: 'several problems at once, in line order',
    text: VALID + 'retrieval:\n  top_k: -3\n  chunk_tokenz: 5\nknowledge:\n  publish_every: 3\n',
    expected: [
      { code: 'out_of_range', path: 'retrieval.top_k', line: 9, message: 'must be between 1 and 1,000; got -3 (a query retrieves at least one chunk; rerankers take at most 1,000 documents a call)' },
      { code: 'unknown_key', path: 'retrieval.chunk_tokenz', line: 10, message: 'unknown key "chunk_tokenz" (did you mean "chunk_tokens"?)' },
      { code: 'invalid_value', path: 'knowledge.publish_every', line: 12, message: 'expected a duration with a unit, e.g. "2 days" or "36 h"; got 3' },
    ],
  },
];

describe('bad scenario files', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'costsim-bad-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  for (const [i, c] of cases.entries()) {
    it(c.name, async () => {
      const dir = path.join(root, `case-${i}`);
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, c.file ?? 'scenario.yaml');
      writeFileSync(file, c.text);
      const result = await loadScenario(file, { catalog, today: '2026-11-21', allowOutside: false });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      const got = result.problems.map((p) => ({ code: p.code, path: p.path, line: p.line, message: p.message.replaceAll(dir, '<dir>') }));
      expect(got).toHaveLength(c.expected.length);
      c.expected.forEach((e, k) => {
        const g = got[k]!;
        expect(g.code).toBe(e.code);
        expect(g.path).toBe(e.path);
        if (e.line !== undefined) expect(g.line).toBe(e.line);
        if (e.message.startsWith('<starts>')) expect(g.message.startsWith(e.message.slice(8))).toBe(true);
        else expect(g.message).toBe(e.message);
      });
    });
  }
});
