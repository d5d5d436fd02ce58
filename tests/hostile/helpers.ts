/**
 * Helpers of the hostile-input regressions (issue 13): a scratch folder of scenario files and
 * the built CLI run with a time limit, so that a regression to a hang fails instead of waiting.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll } from 'vitest';

export const CLI = path.resolve('dist/bin/costsim.js');

/** A small valid scenario every strategy can run (gpt-4.1-mini is in the bundled catalog). */
export const BASE_YAML = `version: 1
name: base
start_month: 2027-01
workload: { queries_per_month: 10k }
prompt: { query: { tokens: 50 }, output: { tokens: 100 } }
knowledge: { corpus: { tokens: 100k } }
models: { generator: gpt-4.1-mini, embedding: text-embedding-3-small }
`;

/** A self-hosted scenario: 100k queries/month on a deployment of 1,000 prefill / 50 decode tok/s. */
export const SELF_HOSTED_YAML = `version: 1
name: self-hosted
start_month: 2027-01
workload: { queries_per_month: 100k }
prompt: { query: { tokens: 50 }, output: { tokens: 100 } }
models: { generator: gpt-4.1-mini }
deployment: { kind: self_hosted, gpu_usd_per_hour: 2, prefill_tokens_per_s: 1000, output_tokens_per_s: 50 }
strategies: { prompt_only: {} }
`;

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder holding `files` (name → text); removed after the suite. */
export function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'costsim-hostile-'));
  scratch.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** True when the run was killed at the time limit. */
  timedOut: boolean;
  ms: number;
}

/** The built CLI, killed after `timeoutMs` (a hang is a result, not a stuck suite). */
export function costsim(args: string[], cwd: string, timeoutMs = 10_000): CliRun {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, COSTSIM_TODAY: '2026-11-21', NO_COLOR: '1' },
  });
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT' || r.signal === 'SIGTERM';
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', timedOut, ms: Date.now() - t0 };
}
