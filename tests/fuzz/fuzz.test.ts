/**
 * The fuzzer in `npm test` (issue 13): 100 mutated scenarios in process and 10 through the
 * built CLI, none of them a crash, stack trace, internal error, hang, non-finite or absurd
 * without a note. `npm run fuzz -- --count 10000 --seed N` runs the long version.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of scripts/ (no declarations), shared with `npm run fuzz`
import * as fuzz from '../../scripts/fuzz/lib.mjs';

const DIST = path.resolve('dist');
const folder = fuzz.caseFolder(mkdtempSync(path.join(tmpdir(), 'costsim-fuzz-test-')));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
process.env.COSTSIM_TODAY ??= '2026-11-21';

const seeds = fuzz.loadSeeds();
const cases = fuzz.drawCases(seeds, 100, 20261130);
const files: string[] = cases.map((c: unknown, i: number) => fuzz.writeCase(folder, i, fuzz.caseText(seeds, c)));

describe('fuzz (100 cases)', () => {
  it('in process: every case is a clean result or a clean problem', async () => {
    const bad: string[] = [];
    const counts: Record<string, number> = {};
    for (const [i, file] of files.entries()) {
      const r = await fuzz.runInProcess(file, DIST);
      counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
      if (fuzz.BAD_OUTCOMES.includes(r.outcome)) bad.push(`case-${i}: ${r.outcome}: ${r.detail}`);
    }
    expect(bad).toEqual([]);
    // The mutations reach both sides: some files run, some are refused.
    expect(counts['clean result']).toBeGreaterThan(0);
    expect(counts['clean problem']).toBeGreaterThan(0);
  }, 180_000); // ~8 s on an idle machine (100 cases at ~75 ms of CPU each); generous for a loaded CI

  it('through the built CLI: 10 cases in one batch, each a result or a problem', () => {
    const batch = files.slice(0, 10);
    const r = spawnSync(process.execPath, [path.join(DIST, 'bin/costsim.js'), 'run', ...batch, '--format', 'json'], { encoding: 'utf8', timeout: 100_000 });
    let doc = null;
    try {
      doc = JSON.parse(r.stdout);
    } catch {}
    const outcomes = batch.map((f) => fuzz.classifyCli(f, doc, r.stderr ?? '', r.status, r.error !== undefined).outcome);
    expect(outcomes.filter((o: string) => fuzz.BAD_OUTCOMES.includes(o))).toEqual([]);
  });
});

describe('the classifier sees each bad outcome', () => {
  const run = (patch: object) => fuzz.classify({ stdout: '', stderr: '', exitCode: 0, projections: [], ...patch });
  const projection = (total: number, notes: { code: string }[] = []) => ({
    notes,
    strategies: [{ id: 's', total_usd: total, one_time_usd: 0, monthly: [{ queries: 100, total_usd: 10 }, { queries: 110, total_usd: 11 }] }],
  });

  it('crash, stack trace, internal error, non-finite, absurd without a note', () => {
    expect(run({ threw: new Error('boom') }).outcome).toBe('crash');
    expect(run({ stderr: 'TypeError: x\n    at f (/a/b.js:1:2)' }).outcome).toBe('stack trace');
    expect(run({ stderr: 'costsim: internal error: x' }).outcome).toBe('internal error');
    expect(run({ projections: [{ a: [1, Infinity] }] }).outcome).toBe('non-finite');
    // $2e12 over the horizon: above $1e12, and no implausible_* note.
    expect(run({ projections: [projection(2e12)] }).outcome).toBe('absurd-without-note');
    expect(run({ projections: [projection(2e12, [{ code: 'implausible_scale' }])] }).outcome).toBe('clean result');
    expect(run({ exitCode: 1 }).outcome).toBe('clean problem');
  });
});
