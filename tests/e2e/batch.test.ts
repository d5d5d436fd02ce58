/**
 * Batches through the built CLI (issue 12, and the output folder of issue 13): the same bytes
 * whatever --jobs, JSON Lines, a streamed JSON document, an --out folder that a kill -9 leaves
 * as the old run or the new one, I/O errors that name the file and the cause, and one scenario
 * that cannot be rendered not losing the others.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs helper shared with bench/ (no type declarations)
import { generateScenarios } from '../../bench/generate.mjs';

const CLI = path.resolve('dist/bin/costsim.js');
const ENV = { ...process.env, COSTSIM_TODAY: '2026-11-21', NO_COLOR: '1' };
/** Runs that render charts take seconds each; on a shared 2-core machine allow for a slow one. */
const SLOW = 600_000;

const scratch: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function costsim(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: ENV, maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Each command line runs once per suite (the runs take seconds on a shared machine). */
const memo = new Map<string, ReturnType<typeof costsim>>();
function cached(args: string[]) {
  const key = JSON.stringify(args);
  let r = memo.get(key);
  if (r === undefined) memo.set(key, (r = costsim(args)));
  return r;
}

/** Every file under `dir` (relative path → sha256), hidden entries included. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out[path.relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/**
 * 8 generated scenarios (cost and latency differ in each) and one broken file. (A path that does
 * not exist is a usage error found before anything runs: tests/cli/arguments.test.ts.)
 */
const batch = tempDir('costsim-jobs-');
generateScenarios(batch, 8, 7);
writeFileSync(path.join(batch, '4b-broken.yaml'), 'version: 1\nname: broken\nworkload:\n  queries_per_month: -5\n');
const ARGS = [batch];

describe('--jobs', () => {
  for (const format of ['json', 'jsonl', 'csv', 'table', 'md']) {
    it(`prints the same bytes with --jobs 1 and --jobs 2 (${format})`, () => {
      // --quiet: the progress line depends on timing; everything else on stderr must match too.
      const one = cached(['run', ...ARGS, '--format', format, '--jobs', '1', '--quiet']);
      const two = cached(['run', ...ARGS, '--format', format, '--jobs', '2', '--quiet']);
      expect(one.code).toBe(1); // the broken file
      expect(two.code).toBe(1);
      expect(two.stdout).toBe(one.stdout);
      expect(two.stderr).toBe(one.stderr);
      expect(one.stdout.length).toBeGreaterThan(1000);
    }, SLOW);
  }

  it('refuses a --jobs that is not a whole number from 1 to 64', () => {
    for (const bad of ['0', '-1', '1.5', 'all', '65']) {
      const r = costsim(['run', batch, '--jobs', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toContain('--jobs expects a whole number from 1 to 64');
    }
  });
});

describe('streamed JSON and JSON Lines', () => {
  it('the streamed document is valid JSON holding every result in input order, errors last', () => {
    const r = cached(['run', ...ARGS, '--format', 'json', '--jobs', '2', '--quiet']);
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe('costsim.run/v1');
    expect(doc.results).toHaveLength(8);
    expect(doc.results.map((p: { scenario: { name: string } }) => p.scenario.name.replace(/.* no\. /, '#'))).toEqual(Array.from({ length: 8 }, (_, i) => `#${i + 1}`));
    expect(doc.errors.map((e: { file: string }) => path.basename(e.file))).toEqual(['4b-broken.yaml']);
    // Byte for byte what JSON.stringify(doc, null, 2) gives: the stream adds no whitespace of its own.
    expect(r.stdout).toBe(JSON.stringify(doc, null, 2) + '\n');
  });

  it('prints no progress while stdout is the JSON stream, and a plain line otherwise only every 10 s', () => {
    // Without --quiet: JSON on stdout keeps stderr empty (the errors are in the document).
    expect(costsim(['run', ...ARGS, '--format', 'json', '--jobs', '2']).stderr).toBe('');
  }, SLOW);

  it('JSON Lines: one projection or error entry per line, the same objects as the document', () => {
    const doc = JSON.parse(cached(['run', ...ARGS, '--format', 'json', '--jobs', '2', '--quiet']).stdout);
    const r = cached(['run', ...ARGS, '--format', 'jsonl', '--jobs', '2', '--quiet']);
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

describe('--out', () => {
  const two = tempDir('costsim-out2-');
  generateScenarios(two, 2, 3);

  it('writes the same folder with --jobs 1 and --jobs 2', () => {
    const base = tempDir('costsim-outj-');
    const a = costsim(['run', two, '--out', path.join(base, 'a'), '--jobs', '1', '--format', 'json']);
    const b = costsim(['run', two, '--out', path.join(base, 'b'), '--jobs', '2', '--format', 'json']);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const sa = snapshot(path.join(base, 'a'));
    expect(Object.keys(sa)).toContain('1-claude-long-context-tier/projection.json');
    expect(Object.keys(sa)).toContain('charts/summary.png');
    expect(snapshot(path.join(base, 'b'))).toEqual(sa);
    // Nothing left beside the folder: the temporary run folder became it.
    expect(readdirSync(base).sort()).toEqual(['a', 'b']);
  }, SLOW);

  it('a kill -9 leaves the old run or the new one, never a mix; the next run clears the leftovers', async () => {
    // Chart rendering makes each run take seconds, so the test runs as few whole runs as it can:
    // the old run, three killed runs, and the new run to completion at the end (whose folder is
    // the "new" state every earlier snapshot is compared with).
    const base = tempDir('costsim-kill-');
    const out = path.join(base, 'out');
    const oldRun = costsim(['run', two, '--out', out, '--months', '6', '--jobs', '1']);
    expect(oldRun.code).toBe(0);
    const oldSnap = snapshot(out);

    // Kill at three stages of the new run: as soon as its temporary folder exists, once its first
    // scenario folder is in place, and once the second is being written.
    const tempOf = () => readdirSync(base).find((e) => e.startsWith('.out.costsim-new-'));
    const stages: ((temp: string) => boolean)[] = [
      () => true,
      (temp) => readdirSync(path.join(base, temp)).some((e) => !e.startsWith('.part-')),
      (temp) => existsSync(path.join(base, temp, '.part-1')),
    ];
    let killedMidway = 0;
    const afterKills: Record<string, string>[] = [];
    for (const stage of stages) {
      const before = snapshot(out);
      const child = spawn(process.execPath, [CLI, 'run', two, '--out', out, '--jobs', '1'], { env: ENV, stdio: 'ignore' });
      let exitedOnItsOwn = false;
      const exited = new Promise((resolve) => child.on('exit', () => resolve((exitedOnItsOwn = child.signalCode === null))));
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        if (child.exitCode !== null || child.signalCode !== null) break;
        const temp = tempOf();
        try {
          if (temp !== undefined && stage(temp)) break;
        } catch {
          /* the folder moved between readdir calls: look again */
        }
      }
      child.kill('SIGKILL');
      await exited;
      const now = snapshot(out);
      afterKills.push(now);
      if (!exitedOnItsOwn && tempOf() !== undefined) {
        killedMidway++;
        expect(now).toEqual(before); // killed before the swap: the folder as it was, whole
      }
    }
    expect(killedMidway).toBeGreaterThanOrEqual(2);

    // The new run to completion: it also clears the leftovers of the killed ones.
    expect(costsim(['run', two, '--out', out, '--jobs', '1']).code).toBe(0);
    const newSnap = snapshot(out);
    expect(newSnap).not.toEqual(oldSnap); // 6 months against 12: every projection differs
    for (const now of afterKills) expect([oldSnap, newSnap]).toContainEqual(now);
    expect(tempOf()).toBeUndefined();
    expect(readdirSync(base)).toEqual(['out']);
  }, SLOW);

  it('v0.1 leftovers (*.tmp) in the folder go away with the next run', () => {
    const base = tempDir('costsim-legacy-');
    const out = path.join(base, 'out');
    mkdirSync(path.join(out, 'scenario-a'), { recursive: true });
    writeFileSync(path.join(out, 'scenario-a', 'report.html.4242.3.tmp'), 'half a file');
    writeFileSync(path.join(out, 'summary.md.4242.7.tmp'), 'half a file');
    const r = costsim(['run', 'scenarios/invoice-extraction-ft.yaml', '--out', out, '--jobs', '1', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(''); // --quiet: not even the "wrote N files" line
    expect(Object.keys(snapshot(out)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(path.join(out, 'scenario-a'))).toBe(false);
    expect(existsSync(path.join(out, 'invoice-extraction-ft', 'projection.json'))).toBe(true);
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

  it('an empty --out is a usage error', () => {
    const r = costsim(['run', 'scenarios/invoice-extraction-ft.yaml', '--out', '']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--out needs a folder name');
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

  it('one scenario whose numbers cannot be written is an error entry; the others are written', () => {
    const dir = tempDir('costsim-inf-');
    generateScenarios(dir, 2, 5);
    // 1e308 engineer-weeks × $4,000 overflows to Infinity (issue 13's first row): whether the
    // model refuses it or the JSON writer does, only this file fails.
    const text = readFileSync('scenarios/help-center-rag.yaml', 'utf8').replace(/rag: 4,/, 'rag: 1e308,');
    writeFileSync(path.join(dir, '3-overflow.yaml'), text);
    const out = path.join(dir, 'out');
    const r = costsim(['run', dir, '--format', 'json', '--out', out, '--jobs', '2']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.results).toHaveLength(2);
    expect(doc.errors.map((e: { file: string }) => path.basename(e.file))).toEqual(['3-overflow.yaml']);
    expect(readdirSync(out).sort()).toEqual(['1-claude-long-context-tier', '2-faq-prompt-caching', 'charts', 'summary.md']);
    expect(readFileSync(path.join(out, 'summary.md'), 'utf8')).toContain('3-overflow.yaml');
  }, SLOW);
});
