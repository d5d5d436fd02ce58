import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FsAccessErrorKind, ScenarioFs } from '../../src/io/scenario-fs.js';
import { createMemoryFs, createScenarioFs, FsAccessError } from '../../src/io/scenario-fs.js';

function accessError(fn: () => unknown): FsAccessError {
  try {
    fn();
  } catch (err) {
    if (err instanceof FsAccessError) return err;
    throw err;
  }
  throw new Error('expected an FsAccessError, but nothing was thrown');
}

function expectKind(fn: () => unknown, kind: FsAccessErrorKind, message?: RegExp): FsAccessError {
  const err = accessError(fn);
  expect(err.kind).toBe(kind);
  if (message) expect(err.message).toMatch(message);
  return err;
}

// Layout (under a fresh temporary folder):
//   outside/secret.md                 a file outside the scenario's folder
//   outside/more/deep.md
//   scen/                             the scenario's folder
//     prompts/system.md               (with a byte-order mark)
//     docs/a.md  docs/b.txt  docs/sub/c.md  docs/.hidden.md  docs/logo.png (binary)
//     docs/alias.md   → ../prompts/system.md   (symlink inside the tree: allowed)
//     looped/x.md     looped/inner/up → ..     (a symlink loop inside the tree)
//     evil.md         → ../outside/secret.md   (symlink to a file outside)
//     mixed/ok.md     mixed/shared → ../../outside  (symlink to a folder outside)
let base: string;
let scen: string;
let outside: string;

beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'costsim-fs-'));
  scen = path.join(base, 'scen');
  outside = path.join(base, 'outside');
  mkdirSync(path.join(outside, 'more'), { recursive: true });
  writeFileSync(path.join(outside, 'secret.md'), 'top secret');
  writeFileSync(path.join(outside, 'more', 'deep.md'), 'deep');
  mkdirSync(path.join(scen, 'prompts'), { recursive: true });
  mkdirSync(path.join(scen, 'docs', 'sub'), { recursive: true });
  mkdirSync(path.join(scen, 'mixed'), { recursive: true });
  writeFileSync(path.join(scen, 'prompts', 'system.md'), '\uFEFFYou are helpful.');
  writeFileSync(path.join(scen, 'docs', 'a.md'), '# A');
  writeFileSync(path.join(scen, 'docs', 'b.txt'), 'B');
  writeFileSync(path.join(scen, 'docs', 'sub', 'c.md'), 'C');
  writeFileSync(path.join(scen, 'docs', '.hidden.md'), 'hidden');
  writeFileSync(path.join(scen, 'docs', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
  symlinkSync(path.join('..', 'prompts', 'system.md'), path.join(scen, 'docs', 'alias.md'));
  mkdirSync(path.join(scen, 'looped', 'inner'), { recursive: true });
  writeFileSync(path.join(scen, 'looped', 'x.md'), 'x');
  symlinkSync('..', path.join(scen, 'looped', 'inner', 'up'));
  symlinkSync(path.join('..', 'outside', 'secret.md'), path.join(scen, 'evil.md'));
  writeFileSync(path.join(scen, 'mixed', 'ok.md'), 'ok');
  symlinkSync(path.join('..', '..', 'outside'), path.join(scen, 'mixed', 'shared'));
});

afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

describe('createScenarioFs: reading', () => {
  let sfs: ScenarioFs;
  beforeAll(() => {
    sfs = createScenarioFs(scen, { allowOutside: false });
  });

  it('reads a file inside the folder, without the byte-order mark', () => {
    expect(sfs.readText('prompts/system.md')).toBe('You are helpful.');
    expect(sfs.readText('./docs/../docs/a.md')).toBe('# A');
    expect(sfs.readText('docs/alias.md')).toBe('You are helpful.'); // symlink that stays inside
  });

  it('rejects .. that climbs out, naming the path, the folder and the flag', () => {
    const err = expectKind(() => sfs.readText('prompts/../../outside/secret.md'), 'outside');
    expect(err.path).toBe('prompts/../../outside/secret.md');
    expect(err.message).toBe(
      `prompts/../../outside/secret.md is outside the scenario's folder ${scen}; pass --allow-outside to allow it`,
    );
    // Rejected before looking: a path out there that does not exist gets the same answer.
    expectKind(() => sfs.readText('../nope/missing.md'), 'outside');
  });

  it('rejects an absolute path, even one that points inside', () => {
    expectKind(() => sfs.readText(path.join(outside, 'secret.md')), 'outside', /is an absolute path.*--allow-outside/);
    expectKind(() => sfs.readText(path.join(scen, 'docs', 'a.md')), 'outside', /absolute path/);
  });

  it('rejects a symbolic link whose target is outside, by its real path', () => {
    expectKind(() => sfs.readText('evil.md'), 'outside', /symbolic link to .*secret\.md, outside the scenario's folder/);
    expectKind(() => sfs.readText('mixed/shared/secret.md'), 'outside', /symbolic link/);
  });

  it('says what is wrong with missing files, folders and binary files', () => {
    expectKind(() => sfs.readText('prompts/nope.md'), 'not_found', /prompts\/nope\.md does not exist/);
    expectKind(() => sfs.readText('docs'), 'not_a_file', /docs is a folder, not a file/);
    expectKind(() => sfs.readText('docs/logo.png'), 'unreadable', /binary/);
    expectKind(() => sfs.readText(''), 'not_found', /empty/);
  });

  it('allows all of it with allowOutside', () => {
    const open = createScenarioFs(scen, { allowOutside: true });
    expect(open.readText('prompts/../../outside/secret.md')).toBe('top secret');
    expect(open.readText(path.join(outside, 'secret.md'))).toBe('top secret');
    expect(open.readText('evil.md')).toBe('top secret');
  });
});

describe('createScenarioFs: listing', () => {
  let sfs: ScenarioFs;
  beforeAll(() => {
    sfs = createScenarioFs(scen, { allowOutside: false });
  });

  it('lists text files recursively, sorted, relative to the scenario folder; skips dot-files and binaries', () => {
    const files = sfs.listFiles('docs', ['**/*']);
    expect(files).toEqual(['docs/a.md', 'docs/alias.md', 'docs/b.txt', 'docs/sub/c.md']);
    expect(sfs.listFiles('docs/', [])).toEqual(files); // [] = the default, **/*
  });

  it('terminates on a symlink loop and lists a file reached twice once, under its first name', () => {
    expect(sfs.listFiles('looped', ['**/*'])).toEqual(['looped/x.md']);
  });

  it('filters by the include globs', () => {
    expect(sfs.listFiles('docs', ['*.md'])).toEqual(['docs/a.md', 'docs/alias.md']);
    expect(sfs.listFiles('docs', ['*.txt', 'sub/**/*.md'])).toEqual(['docs/b.txt', 'docs/sub/c.md']);
    // A plain folder name means everything under it (tinyglobby's expandDirectories).
    expect(sfs.listFiles('docs', ['sub'])).toEqual(['docs/sub/c.md']);
    expect(sfs.listFiles('.', ['prompts/**'])).toEqual(['prompts/system.md']);
    // docs/alias.md is a link to prompts/system.md: one file, listed once, under its own name.
    expect(sfs.listFiles('.', ['prompts/**', 'docs/alias.md'])).toEqual(['prompts/system.md']);
  });

  it('rejects a symlinked folder outside that the globs would enter, but not one they never reach', () => {
    expectKind(() => sfs.listFiles('mixed', ['**/*.md']), 'outside', /mixed\/shared is a symbolic link to .*outside.*--allow-outside/);
    expect(sfs.listFiles('mixed', ['*.md'])).toEqual(['mixed/ok.md']); // *.md never looks inside mixed/shared
    expect(sfs.listFiles('.', ['docs/**/*.md'])).toEqual(['docs/a.md', 'docs/alias.md', 'docs/sub/c.md']);
  });

  it('rejects a symlinked file outside that the globs select', () => {
    expectKind(() => sfs.listFiles('.', ['*.md']), 'outside', /evil\.md is a symbolic link to/);
  });

  it('rejects folders and patterns that escape, and wrong kinds', () => {
    expectKind(() => sfs.listFiles('../outside', ['**/*']), 'outside', /--allow-outside/);
    expectKind(() => sfs.listFiles(outside, ['**/*']), 'outside', /absolute path/);
    expectKind(() => sfs.listFiles('docs', ['../prompts/*.md']), 'outside', /include pattern/);
    expectKind(() => sfs.listFiles('docs', ['/etc/*']), 'outside', /include pattern/);
    expectKind(() => sfs.listFiles('docs/a.md', ['**/*']), 'not_a_dir', /is a file, not a folder/);
    expectKind(() => sfs.listFiles('nothing-here', ['**/*']), 'not_found');
  });

  it('follows links outside with allowOutside, and names outside files relative to the scenario folder', () => {
    const open = createScenarioFs(scen, { allowOutside: true });
    expect(open.listFiles('mixed', ['**/*.md'])).toEqual(['mixed/ok.md', 'mixed/shared/more/deep.md', 'mixed/shared/secret.md']);
    expect(open.listFiles('../outside', ['**/*'])).toEqual(['../outside/more/deep.md', '../outside/secret.md']);
    expect(open.readText('../outside/more/deep.md')).toBe('deep');
  });

  it('judges containment by real paths when the scenario folder itself is reached through a link', () => {
    const viaLink = path.join(base, 'scen-link');
    symlinkSync(scen, viaLink);
    const linked = createScenarioFs(viaLink, { allowOutside: false });
    expect(linked.readText('prompts/system.md')).toBe('You are helpful.');
    expectKind(() => linked.readText('evil.md'), 'outside');
    expect(realpathSync(viaLink)).toBe(realpathSync(scen));
  });
});

describe('createMemoryFs', () => {
  const mem = createMemoryFs({
    'prompts/system.md': '\uFEFFsys',
    './docs/a.md': 'A',
    'docs/b.txt': 'B',
    'docs/sub/c.md': 'C',
    'docs/.hidden.md': 'H',
    'docs/logo.png': 'PNG\0\u0001',
    '../shared/x.md': 'X',
  });

  it('reads normalized relative paths', () => {
    expect(mem.readText('prompts/system.md')).toBe('sys');
    expect(mem.readText('docs/sub/../a.md')).toBe('A');
  });

  it('applies the same containment rules as the disk', () => {
    expectKind(() => mem.readText('prompts/../../shared/x.md'), 'outside', /outside the scenario's folder; pass --allow-outside/);
    expectKind(() => mem.readText('/etc/passwd'), 'outside', /absolute path/);
    expectKind(() => mem.listFiles('..', ['**/*']), 'outside');
    expectKind(() => mem.listFiles('docs', ['../*']), 'outside', /include pattern/);
    const open = createMemoryFs({ '../shared/x.md': 'X' }, { allowOutside: true });
    expect(open.readText('prompts/../../shared/x.md')).toBe('X');
  });

  it('reports missing files, folders read as files and files listed as folders', () => {
    expectKind(() => mem.readText('docs/nope.md'), 'not_found');
    expectKind(() => mem.readText('docs'), 'not_a_file');
    expectKind(() => mem.listFiles('docs/a.md', ['**/*']), 'not_a_dir');
    expectKind(() => mem.listFiles('nope', ['**/*']), 'not_found');
    expectKind(() => mem.readText('docs/logo.png'), 'unreadable', /binary/);
  });

  it('lists like the disk fs: sorted, globs, no dot-files, no binaries, nothing from outside', () => {
    expect(mem.listFiles('docs', ['**/*'])).toEqual(['docs/a.md', 'docs/b.txt', 'docs/sub/c.md']);
    expect(mem.listFiles('docs', ['*.md'])).toEqual(['docs/a.md']);
    expect(mem.listFiles('docs', ['sub'])).toEqual(['docs/sub/c.md']);
    expect(mem.listFiles('.', [])).toEqual(['docs/a.md', 'docs/b.txt', 'docs/sub/c.md', 'prompts/system.md']);
  });
});
