/**
 * The --out folder of a batch through the built CLI (issues 12 and 13): an --out folder that a
 * kill -9 leaves as the old run or the new one, never a mix, and the leftovers of killed runs
 * (v0.1's *.tmp files too) gone with the next run; the same folder whatever --jobs; one scenario
 * that cannot be written not losing the others; I/O errors that name the file and the cause.
 *
 * Every run that writes a folder renders charts (about a second a scenario), so these tests run
 * as few whole runs as the properties need. What needs a process of its own runs the built CLI:
 * the run that is killed, and --jobs 2 (its worker threads load the bundle). The others run the
 * command line in this process (tests/cli/in-process.ts: main(), the function the executable
 * calls, on one thread as --jobs 1 asks), where resvg's WebAssembly is compiled once instead of
 * once per process (≈2 s of CPU each).
 *
 * A kill at a moment of a run leaves the folders exactly as they are at that moment: SIGKILL runs
 * no code of the process, not even an exit handler. So one run stopped (SIGSTOP) at each stage
 * shows what a kill there would leave, and is then let go on (SIGCONT): the --jobs 2 run to
 * completion is the run stopped midway three times, and a run killed for real, once, leaves the
 * leftovers that the next run must clear. The folder they replace is the one an earlier run left
 * (made here file by file, with the names a run writes: rendering it would cost a second of
 * charts and show nothing more), with what v0.1 left when it was killed in it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs helper shared with bench/ (no type declarations)
import { generateScenarios } from '../../bench/generate.mjs';
import { runCommand } from '../../src/cli/run-command.js';
import { costsimHere, type CliRun } from '../cli/in-process.js';
import { CLI, ENV, NODE_FLAGS, SLOW, snapshot, tempDir } from './batch-helpers.js';

/**
 * The batch: two scenarios, placed so that --jobs 2 renders one on each worker thread (a worker
 * takes two files at a time: files 1 and 2 go to the first, 3 and 4 to the second) while --jobs 1
 * renders the second after the first on one thread: the charts must not depend on what the
 * thread rendered before. Between them, a file whose numbers overflow: 1e308 engineer-weeks ×
 * $4,000 is Infinity (issue 13's first row); whether the model refuses it or the JSON writer
 * does, only this file fails. And last, a file with input problems: a batch goes on past it too.
 */
const dir = tempDir('costsim-outj-');
generateScenarios(dir, 2, 3);
renameSync(path.join(dir, '2-faq-prompt-caching.yaml'), path.join(dir, '3-faq-prompt-caching.yaml'));
const overflow = readFileSync('scenarios/help-center-rag.yaml', 'utf8').replace(/rag: 4,/, 'rag: 1e308,');
writeFileSync(path.join(dir, '2-overflow.yaml'), overflow);
writeFileSync(path.join(dir, '4-bad.yaml'), 'version: 1\nname: broken\nworkload:\n  queries_per_month: -5\n');
const FIRST = '1-claude-long-context-tier';
const SECOND = '3-faq-prompt-caching';

/** The batch into `out` (--quiet: the progress line, 4 files, depends on timing). */
const batchArgs = (out: string, jobs: 1 | 2) => ['run', dir, '--out', out, '--jobs', String(jobs), '--format', 'json', '--quiet'];

type Snapshot = Record<string, string>;

/** One moment of a run: the folder as the wait for that moment began and at it, and whether the run was midway (not yet swapped in). */
interface Stage {
  what: string;
  before: Snapshot;
  after: Snapshot;
  midway: boolean;
}

interface KilledRuns {
  base: string;
  out: string;
  /** The folder before the runs: an earlier run's output, and v0.1's leftovers. */
  oldSnap: Snapshot;
  /** The run killed for real (kill -9). */
  killed: Stage;
  /** The --jobs 2 run at the stages where it was stopped, then let go on. */
  stopped: Stage[];
  /** That run, to completion (the built CLI, --jobs 2): the "new" state. */
  newRun: CliRun;
  newSnap: Snapshot;
  /** Temporary folders and files beside `out` after the new run. */
  beside: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/**
 * Stops `child` (SIGSTOP) and returns once all its threads have stopped: on Linux each thread's
 * state in /proc is T. (Elsewhere the signal alone: the stages below come seconds before the
 * swap, so a run that went on for a moment still has its temporary folder.)
 */
async function stop(child: ChildProcess): Promise<void> {
  child.kill('SIGSTOP');
  const tasks = `/proc/${child.pid}/task`;
  const state = (t: string) => {
    try {
      const stat = readFileSync(path.join(tasks, t, 'stat'), 'utf8');
      return stat[stat.lastIndexOf(')') + 2];
    } catch {
      return 'X'; // the thread has ended
    }
  };
  while (running(child) && existsSync(tasks) && !readdirSync(tasks).every((t) => 'TtZX'.includes(state(t) ?? 'X'))) await sleep(1);
}

/**
 * An earlier run's folder (the first file's, and one scenario this batch does not have) holding
 * what v0.1 left when it was killed (*.tmp files); the batch killed as soon as it has begun; the
 * batch with --jobs 2, stopped at three stages and then run to completion. Once per file.
 */
let killed: Promise<KilledRuns> | undefined;
function killedRuns(): Promise<KilledRuns> {
  killed ??= (async () => {
    const base = tempDir('costsim-kill-');
    const out = path.join(base, 'out');
    for (const scenario of [FIRST, 'scenario-a']) {
      mkdirSync(path.join(out, scenario, 'charts'), { recursive: true });
      for (const f of ['projection.json', 'summary.md', 'costs.csv', 'line-items.csv', 'report.html', 'charts/monthly-spend.svg']) {
        writeFileSync(path.join(out, scenario, f), `${scenario}/${f} of the earlier run`);
      }
    }
    mkdirSync(path.join(out, 'charts'));
    writeFileSync(path.join(out, 'charts', 'summary.svg'), 'the earlier run\'s summary chart');
    writeFileSync(path.join(out, 'summary.md'), 'the earlier run\'s summary');
    writeFileSync(path.join(out, 'scenario-a', 'report.html.4242.3.tmp'), 'half a file');
    writeFileSync(path.join(out, 'summary.md.4242.7.tmp'), 'half a file');
    const oldSnap = snapshot(out);

    // A run's own temporary folder (named with its pid): not the one a killed run left.
    const tempOf = (pid: number | undefined) => readdirSync(base).find((e) => e.startsWith(`.out.costsim-new-${pid}-`));
    const placed = (temp: string) => readdirSync(path.join(base, temp)).some((e) => !e.startsWith('.part-'));
    /** Waits until `child`'s temporary folder meets `stage` (true) or the run has ended (false). */
    const reach = async (child: ChildProcess, stage: (temp: string) => boolean) => {
      for (;;) {
        await sleep(10);
        if (!running(child)) return false;
        const temp = tempOf(child.pid);
        try {
          if (temp !== undefined && stage(temp)) return true;
        } catch {
          /* the folder moved between readdir calls: look again */
        }
      }
    };
    const started = () => true;

    // Killed for real as soon as its temporary folder exists: what it leaves there is for the next run to clear.
    const before = snapshot(out);
    const victim = spawn(process.execPath, [...NODE_FLAGS, CLI, ...batchArgs(out, 1)], { env: ENV, stdio: 'ignore' });
    let exitedOnItsOwn = false;
    const victimExit = new Promise((resolve) => victim.on('exit', () => resolve((exitedOnItsOwn = victim.signalCode === null))));
    await reach(victim, started);
    victim.kill('SIGKILL');
    await victimExit;
    const killedStage: Stage = { what: 'killed once its temporary folder exists', before, after: snapshot(out), midway: !exitedOnItsOwn && tempOf(victim.pid) !== undefined };

    // The --jobs 2 run, stopped: as soon as its temporary folder exists, while a scenario's files
    // are being written (.part-N), and once a scenario's folder is in place. (Writing takes a few
    // milliseconds: should it pass between two looks, the second stop waits for a folder in place,
    // still midway: the second scenario and the summary chart are still to come.)
    const child = spawn(process.execPath, [...NODE_FLAGS, CLI, ...batchArgs(out, 2)], { env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const stopped: Stage[] = [];
    try {
      const stages: [string, (temp: string) => boolean][] = [
        ['stopped once its temporary folder exists', started],
        ['stopped while a scenario is being written', (temp) => readdirSync(path.join(base, temp)).some((e) => e.startsWith('.part-')) || placed(temp)],
        ['stopped once a scenario is in place', placed],
      ];
      for (const [what, stage] of stages) {
        const before = snapshot(out);
        if (!(await reach(child, stage))) break;
        await stop(child);
        stopped.push({ what, before, after: snapshot(out), midway: running(child) && tempOf(child.pid) !== undefined });
        child.kill('SIGCONT');
      }
    } finally {
      if (running(child)) child.kill('SIGCONT');
    }
    const newRun = { code: (await closed) ?? -1, stdout, stderr };
    return { base, out, oldSnap, killed: killedStage, stopped, newRun, newSnap: snapshot(out), beside: readdirSync(base) };
  })();
  return killed;
}

describe('--out', () => {
  it('a kill -9 leaves the old run or the new one, never a mix; v0.1 and killed runs\' leftovers go with the next run', async () => {
    const { oldSnap, killed, stopped, newRun, newSnap, beside } = await killedRuns();
    expect(Object.keys(oldSnap)).toContain(`${FIRST}/projection.json`);
    expect(Object.keys(oldSnap).filter((f) => f.endsWith('.tmp'))).toHaveLength(2);

    // Killed or stopped before the swap: the folder as it was, whole.
    expect(killed.midway).toBe(true);
    expect(killed.after).toEqual(killed.before);
    expect(stopped.map((s) => s.what)).toEqual(['stopped once its temporary folder exists', 'stopped while a scenario is being written', 'stopped once a scenario is in place']);
    for (const s of stopped) {
      expect(s.midway, s.what).toBe(true);
      expect(s.after, s.what).toEqual(s.before);
    }

    expect(newRun.code).toBe(1); // the two files that fail
    // The new run's files only: v0.1's leftovers and the scenario the batch does not have are gone
    // with the folder they were in, and a mix of the two runs would equal neither snapshot.
    expect(Object.keys(newSnap)).toContain(`${SECOND}/projection.json`);
    expect(Object.keys(newSnap).filter((f) => f.endsWith('.tmp') || f.startsWith('scenario-a/'))).toEqual([]);
    expect(newSnap[`${FIRST}/projection.json`]).not.toBe(oldSnap[`${FIRST}/projection.json`]);
    for (const { after } of [killed, ...stopped]) expect([oldSnap, newSnap]).toContainEqual(after);
    // The killed run's temporary folder went with the run that followed.
    expect(beside).toEqual(['out']);
  }, SLOW);

  it('writes the same folder with --jobs 1 and --jobs 2; a scenario that fails, at its input or at its numbers, is an error entry and the others are written', async () => {
    expect(overflow).toContain('rag: 1e308,');
    // --jobs 2: the built CLI's run that finished after the killed one (its folder had the old
    // run and the leftovers in it: the result must not show them); --jobs 1: in this process.
    const { out, newRun: b, newSnap: sb } = await killedRuns();
    const baseA = tempDir('costsim-outj-');
    const a = await costsimHere(batchArgs(path.join(baseA, 'a'), 1));
    expect(a.code).toBe(1);
    expect(b.code).toBe(1);
    expect(b.stdout).toBe(a.stdout);
    // stderr too: the failed files' problems, in input order.
    expect(b.stderr).toBe(a.stderr);
    expect(a.stderr).toContain('2-overflow.yaml');
    expect(a.stderr).toContain('4-bad.yaml');
    const doc = JSON.parse(a.stdout);
    expect(doc.results).toHaveLength(2);
    expect(doc.errors.map((e: { file: string }) => path.basename(e.file))).toEqual(['2-overflow.yaml', '4-bad.yaml']);
    expect(doc.errors[1].problems.map((p: { path: string }) => p.path).sort()).toEqual(['prompt', 'workload.queries_per_month']);
    // The good scenarios' folders are named after their files; the run's summary names the bad ones.
    expect(readdirSync(out).sort()).toEqual([FIRST, SECOND, 'charts', 'summary.md']);
    const summary = readFileSync(path.join(out, 'summary.md'), 'utf8');
    expect(summary).toContain('2-overflow.yaml');
    expect(summary).toContain('4-bad.yaml');
    for (const scenario of [FIRST, SECOND]) {
      for (const f of ['projection.json', 'summary.md', 'costs.csv', 'line-items.csv', 'report.html', 'charts/monthly-spend.svg', 'charts/monthly-spend.png', 'charts/monthly-spend.vl.json']) {
        expect(Object.keys(sb), f).toContain(`${scenario}/${f}`);
      }
    }
    expect(Object.keys(sb)).toContain('charts/summary.png');
    expect(snapshot(path.join(baseA, 'a'))).toEqual(sb);
    // Nothing left beside the folder: the temporary run folder became it.
    expect(readdirSync(baseA)).toEqual(['a']);
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
