/**
 * Every argument is parsed and checked before anything runs (issue 11, items 4 and 8).
 * Runs the command line in this process (tests/cli/in-process.ts).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { costsimHere } from './in-process.js';

const dir = mkdtempSync(path.join(tmpdir(), 'costsim-args-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('arguments are checked before anything runs (item 4)', () => {
  it('an unquoted space in a --set value is a usage error with a hint to quote it, and nothing is written', async () => {
    const out = path.join(dir, 'out');
    // The shell splits `--set vars.daily_chats=60 k` into the value "vars.daily_chats=60" and a path "k".
    const r = await costsimHere(['run', 'scenarios/help-center-rag.yaml', '--set', 'vars.daily_chats=60', 'k', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('no such file or folder: k');
    expect(r.stderr).toContain('--set "vars.daily_chats=60 k"');
    expect(existsSync(out)).toBe(false);
  });

  it('a path that does not exist is a usage error even when the others are fine', async () => {
    const r = await costsimHere(['validate', 'scenarios/help-center-rag.yaml', path.join(dir, 'nope.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(''); // help-center-rag.yaml was not validated either: nothing ran
    expect(r.stderr).toContain(`no such file or folder: ${path.join(dir, 'nope.yaml')}`);
    expect(r.stderr).not.toContain('quote');
  });
});

describe('did-you-mean on the command line (item 8)', () => {
  it('--format jsn suggests json, exit 2', async () => {
    const r = await costsimHere(['run', 'scenarios/help-center-rag.yaml', '--format', 'jsn']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    // "jsn" → "json" is one insertion; the limit for 4-letter words is floor(4/3) = 1.
    expect(r.stderr).toContain('(did you mean "json"?)');
  });

  it('tokens --encoding suggests the encoding meant', async () => {
    // "o200k_bse" → "o200k_base": one insertion.
    const r = await costsimHere(['tokens', 'README.md', '--encoding', 'o200k_bse']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('(did you mean "o200k_base"?)');
  });
});

describe('--strategy did-you-mean (item 8)', () => {
  it('--strategy rga suggests rag', async () => {
    // "rga" → "rag" is one swap of neighbours; the limit for 3-letter words is floor(3/3) = 1.
    const r = await costsimHere(['run', 'scenarios/help-center-rag.yaml', '--strategy', 'rga']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('(did you mean "rag"?)');
  });
});

describe('did-you-mean for --set paths and commands (item 8)', () => {
  it('--set workload.queries=5 suggests queries_per_month (the prefix rule) and says it came from the command line', async () => {
    const r = await costsimHere(['validate', 'scenarios/faq-prompt-caching.yaml', '--set', 'workload.queries=5']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('scenarios/faq-prompt-caching.yaml: workload.queries: unknown key "queries" (did you mean "queries_per_month"?) (set on the command line)\n');
  });

  it('a misspelt first segment is blamed on --set, not on a line of the file', async () => {
    const r = await costsimHere(['validate', 'scenarios/faq-prompt-caching.yaml', '--set', 'workloads.queries_per_month=5']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('scenarios/faq-prompt-caching.yaml: workloads: unknown key "workloads" (did you mean "workload"?) (set on the command line)\n');
  });

  it('--set of a var the file does not define is refused with the var meant, instead of projecting the baseline', async () => {
    const r = await costsimHere(['validate', 'scenarios/help-center-rag.yaml', '--set', 'vars.daily_chat=60k']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('vars.daily_chat: --set: the scenario has no var "daily_chat" (did you mean "daily_chats"?)');
  });

  it('an unknown command suggests the command meant, through the same suggest code', async () => {
    const r = await costsimHere(['valdate', 'scenarios']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    // "valdate" → "validate": one insertion.
    expect(r.stderr).toBe('costsim: unknown command "valdate" (did you mean "validate"?); the commands are run, sweep, validate, diff, check, tokens, catalog, schema, init (costsim --help)\n');
    expect((await costsimHere(['xyzzy'])).stderr).not.toContain('did you mean');
  });
});

describe('what the command-line parser finds is worded by the problem catalog, in one voice (issue 7, item 4)', () => {
  // Each is one line "costsim: …" and exit 2, as the commands' own usage errors are; none in
  // commander's voice ("error: …", "Allowed choices are …", "(run costsim --help for usage)").
  const cases: [string[], string][] = [
    // "--quit" → "--quiet": one insertion.
    [['run', 'scenarios', '--quit'], 'costsim: unknown option --quit for run (did you mean "--quiet"?); costsim run --help lists the options\n'],
    [['--bogus'], 'costsim: unknown option --bogus; costsim --help lists the options\n'],
    // "jsn" → "json": one insertion.
    [['validate', 'scenarios', '--format', 'jsn'], 'costsim: --format must be table or json; got "jsn" (did you mean "json"?)\n'],
    [['tokens', 'README.md', '--encoding', 'o300k'], 'costsim: --encoding must be o200k_base or cl100k_base; got "o300k"\n'],
    [['run', 'scenarios', '--months'], 'costsim: --months needs a value; got none (--months <n>)\n'],
    [['check', 'scenarios'], 'costsim: check needs --policy <file>: the policy file (YAML or JSON)\n'],
    [['tokens'], 'costsim: tokens needs <paths>: files or folders\n'],
    [['sweep', 'a.yaml', 'b.yaml', '--vary', 'workload.queries_per_month=1..2'], 'costsim: sweep takes one argument, <file>; got 2: "a.yaml" "b.yaml" (costsim sweep --help)\n'],
    [['schema', 'extra'], 'costsim: schema takes no arguments; got 1: "extra" (costsim schema --help)\n'],
  ];
  it.each(cases)('costsim %j', async (args, stderr) => {
    const r = await costsimHere(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(stderr);
  });

  it('a value typed on the command line is shown without terminal escapes', async () => {
    const r = await costsimHere(['run', 'scenarios', '--format', 'x\u001b[31my']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('\u001b');
    expect(r.stderr).toMatch(/^costsim: --format must be table, json, jsonl, csv, md, focus; got "x.*y"\n$/);
  });
});
