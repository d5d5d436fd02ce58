/**
 * `costsim init`, as a newcomer meets it right after `npm install` (issue 11). Runs the built CLI.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = path.resolve('dist/bin/costsim.js');
const dir = mkdtempSync(path.join(tmpdir(), 'costsim-init-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function costsim(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, COSTSIM_TODAY: '2026-11-21', NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('costsim init', () => {
  it('suggests a command that works without a global install (item 12)', () => {
    const r = costsim(['init', 'starter.yaml']);
    expect(r.code).toBe(0);
    // npm install puts costsim in node_modules/.bin, not on PATH: only `npx costsim` runs it.
    expect(r.stdout).toContain('npx costsim run starter.yaml');
    // Every command the starter file itself mentions is spelled the same way.
    const text = readFileSync(path.join(dir, 'starter.yaml'), 'utf8');
    expect(text.match(/(?<!npx )costsim (run|catalog|validate|schema|tokens)\b/g)).toBeNull();
  });
});
