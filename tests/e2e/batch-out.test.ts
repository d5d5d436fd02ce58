/**
 * The --out folder of a batch through the built CLI (issues 12 and 13): an --out folder that a
 * kill -9 leaves as the old run or the new one, never a mix, and the leftovers of killed runs
 * (v0.1's *.tmp files too) gone with the next run; the same folder whatever --jobs; one scenario
 * that cannot be written not losing the others; I/O errors that name the file and the cause.
 *
 * Every run that writes a folder renders charts (about a second a scenario), so these tests run
 * as few whole runs as the properties need: the run that finishes after the killed ones is also
 * the --jobs 1 run that the --jobs 2 run is compared with. What needs a process of its own runs
 * the built CLI: the runs that are killed, and --jobs 2 (its worker threads load the bundle). The
 * others run the command line in this process (tests/cli/in-process.ts: main(), the function the
 * executable calls, on one thread as --jobs 1 asks), where resvg's WebAssembly is compiled once
 * instead of once per process (≈2 s of CPU each).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs helper shared with bench/ (no type declarations)
import { generateScenarios } from '../../bench/generate.mjs';
import { runCommand } from '../../src/cli/run-command.js';
import { costsimHere, type CliRun } from '../cli/in-process.js';
import { CLI, costsim, ENV, NODE_FLAGS, SLOW, snapshot, tempDir } from './batch-helpers.js';

/**
 * The batch: two scenarios, so that --jobs 2 runs one on each worker thread (and --jobs 1 both on
 * one thread: the charts must not depend on what the thread rendered before), and a third whose
 * numbers overflow: 1e308 engineer-weeks × $4,000 is Infinity (issue 13's first row); whether the
 * model refuses it or the JSON writer does, only this file fails. And a fourth with input
 * problems: a batch goes on past it too.
 */
const dir = tempDir('costsim-outj-');
generateScenarios(dir, 2, 3);
const overflow = readFileSync('scenarios/help-center-rag.yaml', 'utf8').replace(/rag: 4,/, 'rag: 1e308,');
writeFileSync(path.join(dir, '3-overflow.yaml'), overflow);
writeFileSync(path.join(dir, '4-bad.yaml'), 'version: 1\nname: broken\nworkload:\n  queries_per_month: -5\n');
const FIRST = '1-claude-long-context-tier';
const SECOND = '2-faq-prompt-caching';

/** The batch into `out` (--quiet: the progress line, 4 files, depends on timing). */
const batchArgs = (out: string, jobs: 1 | 2) => ['run', dir, '--out', out, '--jobs', String(jobs), '--format', 'json', '--quiet'];

type Snapshot = Record<string, string>;

interface KilledRuns {
  base: string;
  out: string;
  oldRun: CliRun;
  oldSnap: Snapshot;
  /** Per kill: the folder before and after it, and whether the run was killed before its swap. */
  kills: { before: Snapshot; after: Snapshot; killedMidway: boolean }[];
  /** The batch run to completion after the kills (--jobs 1, in this process): the "new" state. */
  newRun: CliRun;
  newSnap: Snapshot;
  /** Temporary folders and files beside `out` after the new run. */
  beside: string[];
}

/**
 * The old run (the first file alone, 6 months) into a folder holding what v0.1 left when it was
 * killed (*.tmp files); the batch killed at three stages; the batch to completion. Once per file.
 */
let killed: Promise<KilledRuns> | undefined;
function killedRuns(): Promise<KilledRuns> {
  killed ??= (async () => {
    const base = tempDir('costsim-kill-');
    const out = path.join(base, 'out');
    mkdirSync(path.join(out, 'scenario-a'), { recursive: true });
    writeFileSync(path.join(out, 'scenario-a', 'report.html.4242.3.tmp'), 'half a file');
    writeFileSync(path.join(out, 'summary.md.4242.7.tmp'), 'half a file');
    const oldRun = await costsimHere(['run', path.join(dir, `${FIRST}.yaml`), '--out', out, '--months', '6', '--jobs', '1', '--quiet']);
    const oldSnap = snapshot(out);

    // Kill at three stages of the new run: as soon as its temporary folder exists, while its first
    // scenario's files are being written (.part-0), and once that scenario's folder is in place.
    // (Each stage is a run rendering charts up to it, ≈1.2 s of CPU a scenario: the stages come
    // before the second scenario's render.) Should the few milliseconds of writing pass between
    // two looks, the second stage waits for the folder in place: still a run killed midway.
    // The killed run's own temporary folder (named with its pid): not one an earlier kill left.
    const tempOf = (pid: number | undefined) => readdirSync(base).find((e) => e.startsWith(`.out.costsim-new-${pid}-`));
    const placed = (temp: string) => readdirSync(path.join(base, temp)).some((e) => !e.startsWith('.part-'));
    const stages: ((temp: string) => boolean)[] = [
      () => true,
      (temp) => existsSync(path.join(base, temp, '.part-0')) || placed(temp),
      placed,
    ];
    const kills: KilledRuns['kills'] = [];
    for (const stage of stages) {
      const before = snapshot(out);
      const child = spawn(process.execPath, [...NODE_FLAGS, CLI, ...batchArgs(out, 1)], { env: ENV, stdio: 'ignore' });
      let exitedOnItsOwn = false;
      const exited = new Promise((resolve) => child.on('exit', () => resolve((exitedOnItsOwn = child.signalCode === null))));
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        if (child.exitCode !== null || child.signalCode !== null) break;
        const temp = tempOf(child.pid);
        try {
          if (temp !== undefined && stage(temp)) break;
        } catch {
          /* the folder moved between readdir calls: look again */
        }
      }
      child.kill('SIGKILL');
      await exited;
      kills.push({ before, after: snapshot(out), killedMidway: !exitedOnItsOwn && tempOf(child.pid) !== undefined });
    }

    // The new run to completion: it also clears the leftovers of the killed ones.
    const newRun = await costsimHere(batchArgs(out, 1));
    return { base, out, oldRun, oldSnap, kills, newRun, newSnap: snapshot(out), beside: readdirSync(base) };
  })();
  return killed;
}

describe('--out', () => {
  it('a kill -9 leaves the old run or the new one, never a mix; v0.1 and killed runs\' leftovers go with the next run', async () => {
    const { out, oldRun, oldSnap, kills, newRun, newSnap, beside } = await killedRuns();
    expect(oldRun.code).toBe(0);
    expect(oldRun.stderr).toBe(''); // --quiet: not even the "wrote N files" line
    expect(Object.keys(oldSnap).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(path.join(out, 'scenario-a'))).toBe(false);
    expect(Object.keys(oldSnap)).toContain(`${FIRST}/projection.json`);

    for (const { before, after, killedMidway } of kills) if (killedMidway) expect(after).toEqual(before); // killed before the swap: the folder as it was, whole
    expect(kills.filter((k) => k.killedMidway).length).toBeGreaterThanOrEqual(2);

    expect(newRun.code).toBe(1); // the two files that fail
    // Both good files, their own horizons: a mix of the two runs would equal neither snapshot.
    expect(Object.keys(newSnap)).toContain(`${SECOND}/projection.json`);
    expect(newSnap[`${FIRST}/projection.json`]).not.toBe(oldSnap[`${FIRST}/projection.json`]);
    for (const { after } of kills) expect([oldSnap, newSnap]).toContainEqual(after);
    expect(beside).toEqual(['out']);
  }, SLOW);

  it('writes the same folder with --jobs 1 and --jobs 2; a scenario that fails, at its input or at its numbers, is an error entry and the others are written', async () => {
    expect(overflow).toContain('rag: 1e308,');
    // --jobs 1: the run that finished after the killed ones (its folder had the old run and
    // their leftovers in it: the result must not show it), in this process; --jobs 2: the built CLI.
    const { out, newRun: a, newSnap: sa } = await killedRuns();
    const baseB = tempDir('costsim-outj-');
    const b = costsim(batchArgs(path.join(baseB, 'b'), 2));
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
    expect(readdirSync(out).sort()).toEqual([FIRST, SECOND, 'charts', 'summary.md']);
    const summary = readFileSync(path.join(out, 'summary.md'), 'utf8');
    expect(summary).toContain('3-overflow.yaml');
    expect(summary).toContain('4-bad.yaml');
    for (const f of ['projection.json', 'summary.md', 'costs.csv', 'line-items.csv', 'report.html', 'charts/monthly-spend.svg', 'charts/monthly-spend.png', 'charts/monthly-spend.vl.json']) {
      expect(Object.keys(sa), f).toContain(`${FIRST}/${f}`);
    }
    expect(Object.keys(sa)).toContain('charts/summary.png');
    expect(snapshot(path.join(baseB, 'b'))).toEqual(sa);
    // Nothing left beside the folder: the temporary run folder became it.
    expect(readdirSync(baseB)).toEqual(['b']);
  }, SLOW);

  it('refuses to replace a folder holding files costsim did not write', async () => {
    const base = tempDir('costsim-foreign-');
    writeFileSync(path.join(base, 'notes.txt'), 'mine');
    const r = await costsimHere(['run', 'scenarios/invoice-extraction-ft.yaml', '--out', base, '--format', 'csv']);
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

  it('an I/O error names the path and the cause, and stdout still has the results', async () => {
    // Running as root, a chmod'ed folder is still writable, so the honest portable faults are
    // paths under a file: the file itself as the parent, and a folder further below it (ENOTDIR).
    const base = tempDir('costsim-enotdir-');
    const file = path.join(base, 'a-file');
    writeFileSync(file, 'x');
    const r = await costsimHere(['run', 'scenarios/invoice-extraction-ft.yaml', '--out', path.join(file, 'out'), '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`costsim: could not write the output: ${file}: is a file, not a folder`);
    expect(JSON.parse(r.stdout).results).toHaveLength(1);
    expect(statSync(file).isFile()).toBe(true);
    const deeper = await costsimHere(['run', 'scenarios/invoice-extraction-ft.yaml', '--out', path.join(file, 'x', 'out'), '--format', 'csv']);
    expect(deeper.code).toBe(1);
    expect(deeper.stderr).toContain(`costsim: could not write the output: ${path.join(file, 'x')}: a part of the path is a file, not a folder (ENOTDIR)`);
    expect(deeper.stdout.startsWith('scenario,file,strategy')).toBe(true);
  });
});
