import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { NODE_FLAGS } from './tests/node-flags.js';

/**
 * The order files start in. With two workers, a long file started last keeps one worker busy
 * while the other has nothing left: the end-to-end files (the built CLI, charts, Chromium) are
 * the long ones, so they must start first. vitest orders files by their durations in the last
 * run (node_modules/.vite/vitest/…/results.json), longest first; a clean clone (CI) has no last
 * run, and vitest then orders by file size, which put the longest e2e file 134 s into a 200 s
 * run. Here, while any file has no duration on record, tests/e2e/ starts first (largest first).
 */
class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const known = (f: TestSpecification) => this.ctx.cache.getFileTestResults(`${f.project.name}:${relative(this.ctx.config.root, f.moduleId)}`) !== undefined;
    if (sorted.every(known)) return sorted;
    const e2e = (f: TestSpecification) => /[\\/]tests[\\/]e2e[\\/]/.test(f.moduleId);
    return [...sorted.filter(e2e), ...sorted.filter((f) => !e2e(f))];
  }
}

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Test files share one module registry per worker instead of importing mathjs, vega and the
    // catalog afresh for each of ~70 files: on this 2-core machine that import time was most of
    // `npm test` (tests/scenario, model, report and catalog: 38 s → 13 s of CPU). A test that
    // needs a module in its first state loads a new instance of that one module
    // (tests/fresh-module.ts), never vi.resetModules(): that forgets every module the worker has
    // loaded, and each later file in the worker then loads src/ again.
    isolate: false,
    // Two test files at a time. vitest's default is one fewer than the cores, which is one on this
    // 2-core machine, so the files ran one after another: 143 s of vitest time with one worker,
    // 104 s with two (whole suite, quiet machine, 2026-11-30).
    maxWorkers: 2,
    sequence: { sequencer: SlowestFirst },
    // WebAssembly on V8's baseline compiler only, as the spawned CLI runs (tests/node-flags.ts says why).
    execArgv: NODE_FLAGS,
    // vitest keeps the TypeScript it has transformed (src/, tests/) in
    // node_modules/.experimental-vitest-cache, keyed by each file's content and the config, and the
    // next run reads it instead of transforming again: ≈3 s of CPU less for the model, scenario,
    // report, render, cli, catalog and diff tests, the same on a first run (a clean clone, CI) as
    // without it (2026-12-01). `npx vitest --clearCache` empties it.
    experimental: { fsModuleCache: true },
  },
});
