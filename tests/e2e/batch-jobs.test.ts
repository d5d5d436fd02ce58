/**
 * Batches through the built CLI (issue 12): the same bytes whatever --jobs, in every format, a
 * streamed JSON document and JSON Lines. The --out folder is tested in batch-out.test.ts (two
 * files, so that vitest's two workers share the batch tests).
 *
 * What is compared: the built CLI with --jobs 2 (its worker threads, the bundle a user runs)
 * against the same batch run in this process with --jobs 1 (runCommand, the function the CLI
 * calls, on the sources). The one-thread run needs no process of its own: the CLI's own
 * one-thread path is what every other e2e test runs (fewer than 16 files print on one thread).
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
// @ts-expect-error: a plain .mjs helper shared with bench/ (no type declarations)
import { generateScenarios } from '../../bench/generate.mjs';
import { runCommand, type OutputFormat } from '../../src/cli/run-command.js';
import { costsimHere } from '../cli/in-process.js';
import { costsim, ENV, SLOW, tempDir } from './batch-helpers.js';

// The in-process runs date month 1 as the CLI runs do (the CLI gets it from ENV).
beforeAll(() => {
  vi.stubEnv('COSTSIM_TODAY', ENV.COSTSIM_TODAY);
});
afterAll(() => {
  vi.unstubAllEnvs();
});


/**
 * 8 generated scenarios (cost and latency differ in each; one of each bundled kind) and one
 * broken file. (A path that does not exist is a usage error found before anything runs:
 * tests/cli/arguments.test.ts.)
 *
 * The third file is help-center-rag, whose ranges make it a Monte Carlo: it runs longest, so with
 * two threads the files after it finish first and must still come out in input order, and its
 * draws must give the same bits in a worker thread as in the main thread. 200 draws show that as
 * well as the bundled 2,000 (the draws are seeded per input, whatever their number), at a tenth
 * of the time. Likewise each file's latency Monte Carlo draws 1,000 samples instead of the
 * default 20,000: seeded the same way, the same bits on any thread, and the latency model was
 * most of the CPU these ten runs spent on each scenario.
 */
const batch = tempDir('costsim-jobs-');
for (const file of generateScenarios(batch, 8, 7) as string[]) {
  const text = readFileSync(file, 'utf8');
  if (!/^latency:$/m.test(text)) throw new Error(`${file}: no latency section to set the samples in`);
  writeFileSync(file, text.replace(/^latency:$/m, 'latency:\n  samples: 1000'));
}
appendFileSync(path.join(batch, '3-help-center-rag.yaml'), 'uncertainty:\n  samples: 200\n');
writeFileSync(path.join(batch, '4b-broken.yaml'), 'version: 1\nname: broken\nworkload:\n  queries_per_month: -5\n');

type Format = Extract<OutputFormat, 'json' | 'jsonl' | 'csv' | 'table' | 'md'>;

/**
 * One format's batch, once per file (the runs take seconds on a shared machine). JSON and JSON
 * Lines on stdout never print progress (their errors are in the stream), so they run without
 * --quiet and the test checks that stderr stays empty; the other formats print a progress line
 * that depends on timing, so they run with --quiet.
 */
const memo = new Map<string, Promise<{ code: number | null; stdout: string; stderr: string }>>();
function batchRun(format: Format, jobs: 1 | 2) {
  const key = `${format} ${jobs}`;
  let r = memo.get(key);
  if (r === undefined) {
    const quiet = format === 'json' || format === 'jsonl' ? {} : { quiet: true };
    r =
      jobs === 2
        ? Promise.resolve(costsim(['run', batch, '--format', format, '--jobs', '2', ...(quiet.quiet ? ['--quiet'] : [])]))
        : runCommand([batch], { format, jobs: '1', ...quiet }).then((c) => ({ code: c.exitCode, stdout: c.stdout, stderr: c.stderr }));
    memo.set(key, r);
  }
  return r;
}

describe('--jobs', () => {
  for (const format of ['json', 'jsonl', 'csv', 'table', 'md'] as const) {
    it(`prints the same bytes with --jobs 1 and --jobs 2 (${format})`, async () => {
      const one = await batchRun(format, 1);
      const two = await batchRun(format, 2);
      expect(one.code).toBe(1); // the broken file
      expect(two.code).toBe(1);
      expect(two.stdout).toBe(one.stdout);
      // Everything else on stderr must match too (the broken file's problem, in its place).
      expect(two.stderr).toBe(one.stderr);
      expect(one.stdout.length).toBeGreaterThan(1000);
      if (format === 'json' || format === 'jsonl') expect(one.stderr).toBe('');
      else expect(one.stderr).toContain('4b-broken.yaml');
    }, SLOW);
  }

  it('refuses a --jobs that is not a whole number from 1 to 64', async () => {
    // Through the command line once (in this process: main(), what the executable calls), for
    // the exit code and stderr; the other values through the command it calls (commander passes
    // --jobs on as text, unparsed).
    const r = await costsimHere(['run', batch, '--jobs', '1.5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('costsim: --jobs expects a whole number from 1 to 64; got "1.5"\n');
    expect(r.stdout).toBe('');
    for (const bad of ['0', '-1', 'all', '65', '']) {
      const c = await runCommand([batch], { format: 'table', jobs: bad });
      expect(c.exitCode, bad).toBe(2);
      expect(c.stderr).toBe(`costsim: --jobs expects a whole number from 1 to 64; got "${bad}"\n`);
      expect(c.stdout).toBe('');
    }
  });
});

describe('streamed JSON and JSON Lines', () => {
  it('the streamed document is valid JSON holding every result in input order, errors last', async () => {
    const r = await batchRun('json', 2);
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe('costsim.run/v1');
    expect(doc.results).toHaveLength(8);
    expect(doc.results.map((p: { scenario: { name: string } }) => p.scenario.name.replace(/.* no\. /, '#'))).toEqual(Array.from({ length: 8 }, (_, i) => `#${i + 1}`));
    expect(doc.errors.map((e: { file: string }) => path.basename(e.file))).toEqual(['4b-broken.yaml']);
    // The Monte Carlo ran, with the 200 draws the file asks for.
    expect(doc.results[2].uncertainty.samples).toBe(200);
    // Byte for byte what JSON.stringify(doc, null, 2) gives: the stream adds no whitespace of its own.
    expect(r.stdout).toBe(JSON.stringify(doc, null, 2) + '\n');
  });

  it('prints no progress while stdout is the JSON stream, even without --quiet', async () => {
    // 9 files is a batch that would print progress (PROGRESS_MIN_FILES = 4); the JSON stream
    // keeps stderr empty (the errors are in the document). The runs above had no --quiet.
    expect((await batchRun('json', 2)).stderr).toBe('');
    expect((await batchRun('jsonl', 2)).stderr).toBe('');
    expect((await batchRun('json', 1)).stderr).toBe('');
  });

  it('JSON Lines: one projection or error entry per line, the same objects as the document', async () => {
    const doc = JSON.parse((await batchRun('json', 2)).stdout);
    const r = await batchRun('jsonl', 2);
    const lines = r.stdout.split('\n');
    expect(lines.pop()).toBe(''); // ends with a newline
    const objects = lines.map((l) => JSON.parse(l));
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
    // 8 projections + 1 error entry, in input order: the broken file in its place.
    expect(objects).toHaveLength(9);
    expect(objects.filter((o) => o.schema === 'costsim.projection/v1')).toEqual(doc.results);
    expect(objects.filter((o) => o.schema === undefined)).toEqual(doc.errors);
    expect(objects[4].file).toContain('4b-broken.yaml'); // after files 1…4
  });
});
