/**
 * Every problem is printed once in a terminal (issue 11, engineering lead item 6): on stderr, as
 * `file:line:col: path: message`, the form an editor jumps to; the grouped form only in the
 * documents that carry the errors elsewhere (`validate --format json`, summary.md, run JSON).
 * Runs the command line in this process (tests/cli/in-process.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { costsimHere } from './in-process.js';

const dir = mkdtempSync(path.join(tmpdir(), 'costsim-once-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bad = path.join(dir, 'bad.yaml');
// Line 5, column 3: the key "growth" (workload takes growth_per_month).
writeFileSync(bad, 'version: 1\nname: Bad\nworkload:\n  queries_per_month: 10k\n  growth: 3%\nprompt:\n  query: { tokens: 60 }\n  output: { tokens: 300 }\n');
const good = path.join(dir, 'good.yaml');
writeFileSync(good, 'version: 1\nname: Good\nworkload:\n  queries_per_month: 10k\nprompt:\n  query: { tokens: 60 }\n  output: { tokens: 300 }\nstrategies:\n  rag: {}\n');

const count = (text: string, part: string) => text.split(part).length - 1;

describe('a problem is printed once', () => {
  it('run (table): on stderr in file:line:col form, not again in a grouped block on stdout', async () => {
    const r = await costsimHere(['run', bad, good, '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${bad}:5:3: workload.growth: unknown key "growth" (did you mean "growth_per_month"?)\n`);
    expect(count(r.stdout + r.stderr, 'unknown key "growth"')).toBe(1);
    expect(r.stdout).not.toContain('failed');
    expect(r.stdout).toContain('Good'); // the good scenario's table is still printed
  });

  it('run with only failures prints nothing on stdout', async () => {
    const r = await costsimHere(['run', bad, '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(count(r.stderr, 'unknown key "growth"')).toBe(1);
  });

  it('validate --format json: one document on stdout with every file, nothing on stderr', async () => {
    const r = await costsimHere(['validate', bad, good, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe('costsim.validate/v1');
    expect(doc.valid).toEqual([good]);
    expect(doc.errors).toEqual([
      { file: bad, problems: [{ code: 'unknown_key', path: 'workload.growth', line: 5, column: 3, message: 'unknown key "growth" (did you mean "growth_per_month"?)' }] },
    ]);
  });

  it('diff (table): the failed file is counted on stdout and its problem is on stderr once', async () => {
    const base = path.join(dir, 'base.json');
    writeFileSync(base, (await costsimHere(['run', good, '--format', 'json'])).stdout);
    const r = await costsimHere(['diff', good, bad, '--compare-to', base]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('1 file failed to run');
    expect(r.stdout).not.toContain('unknown key');
    expect(r.stderr).toBe(`${bad}:5:3: workload.growth: unknown key "growth" (did you mean "growth_per_month"?) (head side)\n`);
  });
});
