/**
 * The --out folder of a batch through the built CLI (issues 12 and 13): the same folder whatever
 * --jobs, one scenario that cannot be written not losing the others, and I/O errors that name the
 * file and the cause. (A kill -9 mid-run: batch-kill.test.ts, a file of its own so that vitest's
 * two workers share the batch tests.) Every run that writes a folder renders charts (about a
 * second a scenario), so these tests run as few scenarios as the property needs.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs helper shared with bench/ (no type declarations)
import { generateScenarios } from '../../bench/generate.mjs';
import { runCommand } from '../../src/cli/run-command.js';
import { costsim, SLOW, snapshot, tempDir } from './batch-helpers.js';

describe('--out', () => {
  it('writes the same folder with --jobs 1 and --jobs 2; a scenario that fails, at its input or at its numbers, is an error entry and the others are written', () => {
    // Two scenarios, so that --jobs 2 runs one on each worker thread (and --jobs 1 both on one
    // thread: the charts must not depend on what the thread rendered before), and a third whose
    // numbers overflow: 1e308 engineer-weeks × $4,000 is Infinity (issue 13's first row); whether
    // the model refuses it or the JSON writer does, only this file fails.
    const dir = tempDir('costsim-outj-');
    generateScenarios(dir, 2, 3);
    const text = readFileSync('scenarios/help-center-rag.yaml', 'utf8').replace(/rag: 4,/, 'rag: 1e308,');
    expect(text).toContain('rag: 1e308,');
    writeFileSync(path.join(dir, '3-overflow.yaml'), text);
    // And a file with input problems: a batch goes on past it too.
    writeFileSync(path.join(dir, '4-bad.yaml'), 'version: 1\nname: broken\nworkload:\n  queries_per_month: -5\n');
    const base = tempDir('costsim-outj-');
    // --quiet: the progress line (4 files) depends on timing.
    const a = costsim(['run', dir, '--out', path.join(base, 'a'), '--jobs', '1', '--format', 'json', '--quiet']);
    const b = costsim(['run', dir, '--out', path.join(base, 'b'), '--jobs', '2', '--format', 'json', '--quiet']);
    expect(a.code).toBe(1);
    expect(b.code).toBe(1);
    expect(b.stdout).toBe(a.stdout);
    // stderr too: the failed files' problems, in input order.
    expect(b.stderr).toBe(a.stderr);
    expect(a.stderr).toContain('3-overflow.yaml');
    expect(a.stderr).toContain('4-bad.yaml');
    const doc = JSON.parse(a.stdout);
    expect(doc.results).toHaveLength(2);
    expect(doc.errors.map((e: { file: string }) => path.basename(e.file))).toEqual(['3-overflow.yaml', '4-bad.yaml']);
    expect(doc.errors[1].problems.map((p: { path: string }) => p.path).sort()).toEqual(['prompt', 'workload.queries_per_month']);
    // The good scenarios' folders are named after their files; the run's summary names the bad ones.
    const out = path.join(base, 'a');
    expect(readdirSync(out).sort()).toEqual(['1-claude-long-context-tier', '2-faq-prompt-caching', 'charts', 'summary.md']);
    const summary = readFileSync(path.join(out, 'summary.md'), 'utf8');
    expect(summary).toContain('3-overflow.yaml');
    expect(summary).toContain('4-bad.yaml');
    const sa = snapshot(out);
    for (const f of ['projection.json', 'summary.md', 'costs.csv', 'line-items.csv', 'report.html', 'charts/monthly-spend.svg', 'charts/monthly-spend.png', 'charts/monthly-spend.vl.json']) {
      expect(Object.keys(sa), f).toContain(`1-claude-long-context-tier/${f}`);
    }
    expect(Object.keys(sa)).toContain('charts/summary.png');
    expect(snapshot(path.join(base, 'b'))).toEqual(sa);
    // Nothing left beside the folders: each temporary run folder became its folder.
    expect(readdirSync(base).sort()).toEqual(['a', 'b']);
  }, SLOW);

  it('refuses to replace a folder holding files costsim did not write', () => {
    const base = tempDir('costsim-foreign-');
    writeFileSync(path.join(base, 'notes.txt'), 'mine');
    const r = costsim(['run', 'scenarios/invoice-extraction-ft.yaml', '--out', base, '--format', 'csv']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${base}: holds notes.txt, which costsim did not write`);
    expect(readFileSync(path.join(base, 'notes.txt'), 'utf8')).toBe('mine');
    // The results are still printed.
    expect(r.stdout.startsWith('scenario,file,strategy')).toBe(true);
  });

  it('an empty --out is a usage error', async () => {
    // commander passes the empty value on; the command refuses it before anything runs.
    const r = await runCommand(['scenarios/invoice-extraction-ft.yaml'], { format: 'table', out: '' });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('costsim: --out needs a folder name; got an empty one\n');
    expect(r.stdout).toBe('');
  });

  it('an I/O error names the path and the cause, and stdout still has the results', () => {
    // Running as root, a chmod'ed folder is still writable, so the honest portable faults are
    // paths under a file: the file itself as the parent, and a folder further below it (ENOTDIR).
    const base = tempDir('costsim-enotdir-');
    const file = path.join(base, 'a-file');
    writeFileSync(file, 'x');
    const r = costsim(['run', 'scenarios/invoice-extraction-ft.yaml', '--out', path.join(file, 'out'), '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`costsim: could not write the output: ${file}: is a file, not a folder`);
    expect(JSON.parse(r.stdout).results).toHaveLength(1);
    expect(statSync(file).isFile()).toBe(true);
    const deeper = costsim(['run', 'scenarios/invoice-extraction-ft.yaml', '--out', path.join(file, 'x', 'out'), '--format', 'csv']);
    expect(deeper.code).toBe(1);
    expect(deeper.stderr).toContain(`costsim: could not write the output: ${path.join(file, 'x')}: a part of the path is a file, not a folder (ENOTDIR)`);
    expect(deeper.stdout.startsWith('scenario,file,strategy')).toBe(true);
  });
});
