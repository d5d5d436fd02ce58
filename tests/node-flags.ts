/**
 * Node's flags for the test suite's own processes: vitest's workers (vitest.config.ts) and the
 * CLI that the end-to-end tests spawn (tests/e2e/batch-helpers.ts).
 *
 * --liftoff-only: WebAssembly (resvg's chart renderer, tiktoken's core) runs on V8's baseline
 * compiler only, without the optimizing recompile (TurboFan) that V8 starts in the background for
 * hot functions. A test renders a few charts and is done: that recompile costs more CPU than it
 * saves (one scenario's spawned --out run: 3.3 s → 2.1 s of CPU; tests/render + what-if +
 * hostile/sizes in the workers: 12.2 s → 9.5 s of test time, 2026-12-01), and the bytes written
 * are the same (the same code, compiled another way). A user's run, and bench/, keep Node's defaults.
 */
export const NODE_FLAGS = ['--liftoff-only'];
