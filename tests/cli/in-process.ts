/**
 * `costsim ARGS` run in the test's own process: the command line of src/cli/main.ts (the function
 * the executable calls with process.argv, stdout and stderr), its output collected, its exit code
 * returned. A spawned CLI costs a Node start and the bundle's load (0.2–0.4 s of CPU) and, with
 * --out, a first chart render (resvg's WebAssembly compiled afresh, ≈2 s); in-process the worker
 * pays those once. What only the process shows (the bundle starting, EPIPE, kill -9, --jobs
 * worker threads) is tested through dist/bin/costsim.js: tests/e2e/, tests/cli/pipe.test.ts.
 *
 * As the spawned tests ran it: month 1 dated from COSTSIM_TODAY=2026-11-21, and `cwd` the working
 * folder (relative paths, and the paths printed, read from it). A run uses one thread unless
 * --jobs asks for more, as the executable does for fewer than 2 files with --out (16 without);
 * --jobs 2 here would look for the worker beside src/cli/pool.ts, which only the build has.
 */
import { main } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function costsimHere(args: string[], cwd?: string): Promise<CliRun> {
  const out: Buffer[] = [];
  const err: string[] = [];
  const io = {
    stdout: {
      write: (text: string | Uint8Array) => {
        out.push(typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text));
        return true;
      },
      once: () => undefined,
    },
    stderr: { write: (text: string) => err.push(text) },
  };
  const today = process.env.COSTSIM_TODAY;
  const home = process.cwd();
  process.env.COSTSIM_TODAY = '2026-11-21';
  if (cwd !== undefined) process.chdir(cwd);
  try {
    const code = await main(args, io);
    return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: err.join('') };
  } finally {
    if (cwd !== undefined) process.chdir(home);
    if (today === undefined) delete process.env.COSTSIM_TODAY;
    else process.env.COSTSIM_TODAY = today;
  }
}
