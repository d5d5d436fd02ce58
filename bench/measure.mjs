// Shared by the bench files: run a command and return its wall time, and for costsim runs the
// CPU time and peak memory the process reports about itself (cpu-report.mjs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

export const root = resolve(import.meta.dirname, '..');
export const CLI = join(root, 'dist/bin/costsim.js');
const REPORT = join(root, 'bench/cpu-report.mjs');
export const env = { ...process.env, COSTSIM_TODAY: '2026-11-21', NO_COLOR: '1' };

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Runs `node [--import cpu-report] args…` once; stdout goes to `stdoutFile` (or is discarded).
 * Returns { wall_ms, cpu_ms, peak_mb, status, stderr }.
 */
export function runNode(args, { stdoutFile, measure = true, allowFail = false } = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'costsim-bench-r-'));
  const report = join(scratch, 'report.jsonl');
  const fd = stdoutFile ? openSync(stdoutFile, 'w') : 'ignore';
  const t0 = performance.now();
  const r = spawnSync(process.execPath, measure ? ['--import', REPORT, ...args] : args, {
    env: { ...env, COSTSIM_BENCH_REPORT: report },
    stdio: ['ignore', fd, 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall_ms = performance.now() - t0;
  if (typeof fd === 'number') closeSync(fd);
  let self = { cpu_ms: NaN, peak_mb: NaN };
  try {
    self = JSON.parse(readFileSync(report, 'utf8').trim().split('\n').pop());
  } catch {
    /* the process died before its exit hook (killed): no self-report */
  }
  rmSync(scratch, { recursive: true, force: true });
  if (r.status !== 0 && !allowFail) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  return { wall_ms, ...self, status: r.status, stderr: r.stderr };
}

/** Median over `runs` of runNode's figures. */
export function medianRun(args, runs, options) {
  const all = Array.from({ length: runs }, () => runNode(args, options));
  return { wall_ms: median(all.map((x) => x.wall_ms)), cpu_ms: median(all.map((x) => x.cpu_ms)), peak_mb: Math.max(...all.map((x) => x.peak_mb)) };
}

export const verdict = (ok) => (ok ? 'met' : 'NOT met');

/** The machine's load when a figure was taken: on a shared machine a ratio means little without it. */
export const load = () => `load average ${loadavg().map((x) => x.toFixed(1)).join(', ')} on ${availableParallelism()} cores`;
