/**
 * An --out folder that a kill -9 leaves as the old run or the new one, never a mix, and the
 * leftovers of killed runs (v0.1's *.tmp files too) gone with the next run (issue 12). Through the
 * built CLI; each run renders charts, so the test runs as few whole runs as it can.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, costsim, ENV, SLOW, snapshot, tempDir } from './batch-helpers.js';

describe('--out', () => {
  it('a kill -9 leaves the old run or the new one, never a mix; v0.1 and killed runs\' leftovers go with the next run', async () => {
    // Chart rendering makes each run take seconds, so the test runs as few whole runs as it can,
    // of the two scenarios quickest to render: the old run (the first file alone, 6 months),
    // three killed runs of both files, and the new run to completion at the end (whose folder is
    // the "new" state every earlier snapshot is compared with).
    const two = tempDir('costsim-kill-src-');
    copyFileSync('scenarios/claude-long-context-tier.yaml', path.join(two, 'a-claude.yaml'));
    copyFileSync('scenarios/self-hosted-llama-triage.yaml', path.join(two, 'b-self-hosted.yaml'));
    const base = tempDir('costsim-kill-');
    const out = path.join(base, 'out');

    // The old run, into a folder holding what v0.1 left when it was killed (*.tmp files).
    mkdirSync(path.join(out, 'scenario-a'), { recursive: true });
    writeFileSync(path.join(out, 'scenario-a', 'report.html.4242.3.tmp'), 'half a file');
    writeFileSync(path.join(out, 'summary.md.4242.7.tmp'), 'half a file');
    const oldRun = costsim(['run', path.join(two, 'a-claude.yaml'), '--out', out, '--months', '6', '--jobs', '1', '--quiet']);
    expect(oldRun.code).toBe(0);
    expect(oldRun.stderr).toBe(''); // --quiet: not even the "wrote N files" line
    const oldSnap = snapshot(out);
    expect(Object.keys(oldSnap).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(path.join(out, 'scenario-a'))).toBe(false);
    expect(Object.keys(oldSnap)).toContain('a-claude/projection.json');

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
    // Both files, 12 months: a mix of the two runs would equal neither snapshot.
    expect(Object.keys(newSnap)).toContain('b-self-hosted/projection.json');
    expect(newSnap['a-claude/projection.json']).not.toBe(oldSnap['a-claude/projection.json']);
    for (const now of afterKills) expect([oldSnap, newSnap]).toContainEqual(now);
    expect(tempOf()).toBeUndefined();
    expect(readdirSync(base)).toEqual(['out']);
  }, SLOW);
});
