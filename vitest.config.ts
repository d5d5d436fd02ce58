import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Test files share one module registry per worker instead of importing mathjs, vega and the
    // catalog afresh for each of ~70 files: on this 2-core machine that import time was most of
    // `npm test` (tests/scenario, model, report and catalog: 38 s → 13 s of CPU). A test that
    // needs a module in its first state asks for one with vi.resetModules() and a dynamic import.
    isolate: false,
    // Two test files at a time. vitest's default is one fewer than the cores, which is one on this
    // 2-core machine, so the files ran one after another: 143 s of vitest time with one worker,
    // 104 s with two (whole suite, quiet machine, 2026-11-30).
    maxWorkers: 2,
  },
});
