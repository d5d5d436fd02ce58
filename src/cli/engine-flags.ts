/**
 * V8 settings for the `costsim` process, set before any command runs (imported first by bin.ts;
 * flags are process-wide, so the worker threads of `run --jobs N` share them).
 *
 * A costsim run lives under a second, so it is spent mostly in code the JIT has not optimised
 * yet. TurboFan, the optimising compiler, inlines callees into a hot function up to a total of
 * 920 bytes of bytecode by default. In the ranged run of scenarios/help-center-rag.yaml
 * (`node --trace-opt`, a loaded machine, 2026-12-01) simulateStrategy with all it inlined then
 * took 518 ms to compile on a background thread, while the main thread kept running it
 * unoptimised, and the run's 99 compiles summed 2.1 s; with a budget of 200 bytes,
 * simulateStrategy took 142 ms and 131 compiles summed 0.8 s. Optimised code arrives sooner and
 * costs less to make (README.md, Development, gives the run times). Only how fast code runs
 * changes, never a result (V8 computes the same doubles in every tier):
 * tests/e2e/batch-jobs.test.ts compares the CLI's bytes, with these flags, against the same
 * batch run in the test process, without them, a Monte Carlo scenario included.
 *
 * A library caller's process is left alone: this module belongs to the executable only.
 */
import { setFlagsFromString } from 'node:v8';

/** The flags, each with the reason above. */
const ENGINE_FLAGS = ['--max-inlined-bytecode-size-cumulative=200'] as const;

for (const flag of ENGINE_FLAGS) setFlagsFromString(flag);
