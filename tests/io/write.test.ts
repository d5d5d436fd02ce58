import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OutputRun, describeIoError, foreignEntry } from '../../src/io/write.js';

const scratch: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'costsim-write-'));
  scratch.push(d);
  return d;
}
afterAll(() => {
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
});

const errno = (code: string) => Object.assign(new Error(`${code}: something, write`), { code });

describe('describeIoError', () => {
  it('names the real cause instead of the errno and syscall', () => {
    expect(describeIoError(errno('ENOSPC'))).toBe('disk full (ENOSPC)');
    expect(describeIoError(errno('EROFS'))).toBe('read-only file system (EROFS)');
    expect(describeIoError(errno('EACCES'))).toBe('permission denied (the folder is read-only for this user) (EACCES)');
    expect(describeIoError(errno('ENOTDIR'))).toBe('a part of the path is a file, not a folder (ENOTDIR)');
    expect(describeIoError(errno('EWHATEVER'))).toBe('EWHATEVER: something, write');
  });
});

describe('OutputRun', () => {
  it('swaps the new run in whole and removes the old one', () => {
    const base = tempDir();
    const out = path.join(base, 'out');
    mkdirSync(path.join(out, 'old-scenario'), { recursive: true });
    writeFileSync(path.join(out, 'old-scenario', 'projection.json'), 'old');
    const run = OutputRun.open(out);
    run.writeFiles([{ path: 'summary.md', data: 'new' }]);
    // Until the commit the folder is the old run.
    expect(readdirSync(out)).toEqual(['old-scenario']);
    run.commit();
    expect(readdirSync(out)).toEqual(['summary.md']);
    expect(readFileSync(path.join(out, 'summary.md'), 'utf8')).toBe('new');
    expect(readdirSync(base)).toEqual(['out']);
    expect(run.filesWritten).toBe(1);
  });

  it('puts the old run back when a kill fell between the two renames', () => {
    const base = tempDir();
    // A dead process's folders: pid 2^22+1 is above Linux's pid_max default of 2^22.
    const dead = 4194305;
    mkdirSync(path.join(base, `.out.costsim-old-${dead}-abc`));
    writeFileSync(path.join(base, `.out.costsim-old-${dead}-abc`, 'summary.md'), 'old run');
    mkdirSync(path.join(base, `.out.costsim-new-${dead}-def`));
    const run = OutputRun.open(path.join(base, 'out'));
    expect(readFileSync(path.join(base, 'out', 'summary.md'), 'utf8')).toBe('old run');
    expect(readdirSync(base).filter((e) => e.includes(String(dead)))).toEqual([]);
    run.abandon();
    expect(readdirSync(base)).toEqual(['out']);
  });

  it('leaves the folders of a run still alive (this process) alone', () => {
    const base = tempDir();
    const mine = path.join(base, `.out.costsim-new-${process.pid}-xyz`);
    mkdirSync(mine);
    OutputRun.open(path.join(base, 'out')).abandon();
    expect(readdirSync(base)).toEqual([path.basename(mine)]);
  });

  it('recognises a costsim output folder and refuses anything else', () => {
    const d = tempDir();
    mkdirSync(path.join(d, 'support', 'charts'), { recursive: true });
    writeFileSync(path.join(d, 'support', 'projection.json'), '{}');
    writeFileSync(path.join(d, 'summary.md'), '');
    mkdirSync(path.join(d, 'charts'));
    expect(foreignEntry(d)).toBeNull();
    writeFileSync(path.join(d, 'support', 'notes.txt'), '');
    expect(foreignEntry(d)).toBe('support/notes.txt');
    expect(() => OutputRun.open(d)).toThrow(/holds support\/notes.txt, which costsim did not write/);
  });
});
