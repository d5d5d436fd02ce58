/**
 * The built CLI (dist/, built by `npm test` before the suite), run as a user runs it: each command
 * once through the bundle (its chunks load: formulas, tokens, the catalog, the schema) and its exit
 * codes. Where a test runs the same command line again with other arguments, the other runs are
 * in this process (tests/cli/in-process.ts: main(), the function the executable calls).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { costsimHere } from '../cli/in-process.js';

const CLI = path.resolve('dist/bin/costsim.js');

const scratch: string[] = [];
/** A fresh temporary folder, removed after the suite. */
function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function costsim(args: string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, COSTSIM_TODAY: '2026-11-21', NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('costsim CLI', () => {
  it('is built', () => {
    expect(existsSync(CLI)).toBe(true);
  });

  it('prints help and exits 0', () => {
    const r = costsim(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: costsim');
    for (const cmd of ['run', 'validate', 'tokens', 'catalog', 'schema', 'init']) expect(r.stdout).toContain(cmd);
  });

  it('runs the example scenarios as JSON', () => {
    const r = costsim(['run', 'scenarios', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe('costsim.run/v1');
    expect(doc.errors).toEqual([]);
    expect(doc.results.length).toBeGreaterThanOrEqual(6);
    for (const p of doc.results) {
      expect(p.schema).toBe('costsim.projection/v1');
      expect(p.catalog.as_of).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  // A bad file among good ones with --out (exit 1, the good results printed and written, the
  // summary naming the bad file): tests/e2e/batch-out.test.ts.

  it('validates: one line per problem with file:line:column, exit 1', () => {
    const dir = tempDir('costsim-validate-');
    const file = path.join(dir, 's.yaml');
    writeFileSync(file, 'version: 1\nname: x\nworkload:\n  queries_per_month: 1000\nprompt:\n  query: { tokens: 10 }\n  output: { tokens: 10 }\nretrieval:\n  top_k: -1\n');
    const r = costsim(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${file}:9:10: retrieval.top_k: must be between 1 and 1,000; got -1 (a query retrieves at least one chunk; rerankers take at most 1,000 documents a call)\n`);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });

  it('exits 2 on a usage error', async () => {
    expect(costsim(['run', '--format', 'xml']).code).toBe(2);
    expect((await costsimHere(['frobnicate'])).code).toBe(2);
    expect((await costsimHere(['run', '--set', 'nonsense'])).code).toBe(2);
  });

  it('applies --set and --strategy', async () => {
    const base = JSON.parse(costsim(['run', 'scenarios/legal-archive-too-large.yaml', '--format', 'json', '--strategy', 'rag']).stdout);
    const k12 = JSON.parse((await costsimHere(['run', 'scenarios/legal-archive-too-large.yaml', '--format', 'json', '--strategy', 'rag', '--set', 'retrieval.top_k=12'])).stdout);
    expect(base.results[0].strategies.map((s: { id: string }) => s.id)).toEqual(['rag']);
    // 6 more chunks of 800 tokens
    expect(k12.results[0].strategies[0].per_query.input_tokens - base.results[0].strategies[0].per_query.input_tokens).toBe(6 * 800);
    expect(k12.results[0].assumptions.find((a: { path: string }) => a.path === 'retrieval.top_k').origin).toBe('command-line');
  });

  it('prints the JSON Schema', () => {
    const r = costsim(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.required).toEqual(expect.arrayContaining(['version', 'name', 'workload', 'prompt']));
  });

  it('writes a starter scenario that validates and runs', async () => {
    const dir = tempDir('costsim-init-');
    const file = path.join(dir, 'starter.yaml');
    expect(costsim(['init', file]).code).toBe(0);
    expect((await costsimHere(['init', file])).code).toBe(2); // will not overwrite
    const v = await costsimHere(['validate', file]);
    expect(v.stderr).toBe('');
    expect(v.code).toBe(0);
    expect((await costsimHere(['run', file])).code).toBe(0);
  });

  it('lists catalog prices with their dates', () => {
    const r = costsim(['catalog', 'gpt-4.1-mini', '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.stringify(JSON.parse(r.stdout));
    expect(json).toContain('2026-07-24');
  });

  it('counts tokens of a file', () => {
    const r = costsim(['tokens', 'scenarios/prompts/faq-system.md', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).total_tokens).toBeGreaterThan(50);
  });
});
