/**
 * V8 settings for the `costsim` process, set before any command runs (imported first by bin.ts;
 * flags are process-wide, so the worker threads of `run --jobs N` share them).
 *
 * A costsim run lives under a second, so it is spent mostly in code the JIT has not optimised
 * yet. TurboFan, the optimising compiler, inlines callees into a hot function up to a total of
 * 920 bytes of bytecode by default; the projection's entry points (simulateStrategy, the
 * re-projection of a draw) then take ~200 ms each to compile on a background thread, during
 * which the main thread keeps running them unoptimised (measured with --trace-opt on the
 * ranged run of scenarios/help-center-rag.yaml). A smaller inlining budget makes optimised code
 * arrive sooner and costs less to make: see README.md, "Benchmarks", for the ratios with and
 * without it. Only how fast code runs changes, never a result (V8 computes the same doubles in
 * every tier): tests/e2e/batch-jobs.test.ts compares the CLI's bytes, with these flags, against
 * the same batch run in the test process, without them, a Monte Carlo scenario included.
 *
 * A library caller's process is left alone: this module belongs to the executable only.
 */
import { setFlagsFromString } from 'node:v8';

/** The flags, each with the reason above. */
const ENGINE_FLAGS = ['--max-inlined-bytecode-size-cumulative=200'] as const;

for (const flag of ENGINE_FLAGS) setFlagsFromString(flag);
