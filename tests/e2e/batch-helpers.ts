/**
 * What the batch tests (batch-jobs.test.ts, batch-out.test.ts) share: the built CLI run to the
 * end, scratch folders removed after the file, and a folder's files as hashes to compare.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll } from 'vitest';
import { NODE_FLAGS } from '../node-flags.js';

export { NODE_FLAGS };

export const CLI = path.resolve('dist/bin/costsim.js');
export const ENV = { ...process.env, COSTSIM_TODAY: '2026-11-21', NO_COLOR: '1' };
/** Runs that render charts take seconds each; on a shared 2-core machine allow for a slow one. */
export const SLOW = 600_000;

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder, removed after the test file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

export function costsim(args: string[]) {
  const r = spawnSync(process.execPath, [...NODE_FLAGS, CLI, ...args], { encoding: 'utf8', env: ENV, maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under `dir` (relative path → sha256), hidden entries included. */
export function snapshot(dir: string): Record<string, string> {
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
