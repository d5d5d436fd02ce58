/**
 * Issue 13, "one Infinity or NaN loses the whole batch's output": an overflowing scenario is
 * a problem for that file, named at the input responsible; the other files' results are
 * still printed and written, in every format.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/run-command.js';
import { assertFinite, NonFiniteError, nonFinitePaths, suspectInputs } from '../../src/model/finite.js';
import { simulate } from '../../src/model/simulate.js';
import { scenarioOf, testCatalog } from '../model/fixtures.js';
import { BASE_YAML, costsim, folderWith } from './helpers.js';

const INF_YAML = BASE_YAML.replace('name: base', 'name: overflow') + 'one_time: { engineer_weeks: { rag: 1e308 } }\n';

function batch() {
  return folderWith({
    'a.yaml': BASE_YAML.replace('name: base', 'name: first'),
    'b.yaml': INF_YAML,
    'c.yaml': BASE_YAML.replace('name: base', 'name: third'),
  });
}

describe('one overflowing scenario among three', () => {
  it('--format json prints the two others and an error entry for the third', () => {
    const r = costsim(['run', '.', '--format', 'json'], batch());
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.results.map((p: { scenario: { name: string } }) => p.scenario.name)).toEqual(['first', 'third']);
    expect(doc.errors).toHaveLength(1);
    expect(doc.errors[0].file).toBe('b.yaml');
    const problem = doc.errors[0].problems[0];
    // Named at the input, with its line: the 8th line of b.yaml holds one_time.
    expect(problem.path).toBe('one_time.engineer_weeks.rag');
    expect(problem.line).toBe(8);
    expect(problem.message).toContain('1e+308'); // a field bound, or the overflow guard naming the input
    expect(JSON.stringify(doc.results)).not.toMatch(/Infinity|NaN/);
  });

  it('--format csv and table print the others and no Infinity; the exit code says a file failed', async () => {
    const dir = batch();
    const csv = await runCommand([dir], { format: 'csv' });
    expect(csv.exitCode).toBe(1);
    expect(csv.stdout).toContain('first');
    expect(csv.stdout).toContain('third');
    expect(csv.stdout).not.toMatch(/Infinity|NaN/);
    const table = await runCommand([dir], { format: 'table' });
    expect(table.exitCode).toBe(1);
    expect(table.stdout).toContain('first');
    expect(table.stdout).not.toMatch(/\$-?Infinity|\$NaN/);
    expect(table.stderr).toContain(`${path.join(dir, 'b.yaml')}:8:`);
  });

  // --out: the two good scenarios' folders are written and summary.md names the bad file, with
  // --jobs 1 and --jobs 2 alike: tests/e2e/batch-out.test.ts (whose runs render charts anyway).

  it.each([
    ['latency.spread=1e308'],
    ['workload.growth_per_month=1e308%'],
    ['workload.peak_to_average=1e308'],
    ['knowledge.publish_every=1e-300 ms'],
    ['prompt.output.tokens=1e307'],
  ])('--set %s: a problem (or a bound) for the file, never Infinity in the output', async (set) => {
    const r = await runCommand([folderWith({ 's.yaml': BASE_YAML })], { format: 'json', set: [set] });
    expect(r.exitCode).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.results).toEqual([]);
    expect(doc.errors[0].problems.length).toBeGreaterThan(0);
    expect(r.stdout).not.toContain('internal error');
  });

  it('a catalog price of 1e308 is a problem for the scenario, not an internal error', () => {
    const dir = folderWith({
      's.yaml': BASE_YAML,
      'cat.yaml': 'models:\n  - { id: gpt-4.1-mini, provider: openai, mode: chat, input_usd_per_1m: 1e308, output_usd_per_1m: 1e308, source: { name: test, as_of: 2026-01-01 } }\n',
    });
    const r = costsim(['run', 's.yaml', '--format', 'json', '--catalog', 'cat.yaml'], dir);
    expect(r.stdout + r.stderr).not.toContain('internal error');
    expect(r.code).not.toBe(0);
    if (r.stdout !== '') expect(JSON.stringify(JSON.parse(r.stdout).results)).not.toMatch(/Infinity|NaN/);
  });
});

describe('simulate is finite by construction (library)', () => {
  it('throws NonFiniteError naming the overflowing figure and the input, rather than return Infinity', async () => {
    // Built without the field bounds of normalize: the model's own guard is what is tested.
    const scenario = await scenarioOf({ version: 1, name: 'x', workload: { queries_per_month: 1000 }, prompt: { query: { tokens: 10 }, output: { tokens: 10 } } });
    for (const spec of scenario.strategies) spec.settings.one_time.engineer_weeks[spec.kind] = 1e308;
    let err: unknown;
    try {
      simulate(scenario, testCatalog());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NonFiniteError);
    const e = err as NonFiniteError;
    // 1e308 weeks × $4,000 = 4e311 > 1.8e308: one_time_usd overflows.
    expect(e.where).toMatch(/one_time_usd = Infinity|line_items\[\d+\]\.cost_usd = Infinity/);
    // The variant's own value (the base scenario says 0), named under its strategy.
    const first = scenario.strategies[0]!;
    expect(e.suspects[0]).toEqual({ path: `strategies.${first.id}.one_time.engineer_weeks.${first.kind}`, value: 1e308 });
  });

  it('a RangeError of the latency model (a median of Infinity ms) becomes a NonFiniteError', async () => {
    const scenario = await scenarioOf({ version: 1, name: 'x', workload: { queries_per_month: 1000 }, prompt: { query: { tokens: 10 }, output: { tokens: 10 } } });
    for (const spec of scenario.strategies) spec.settings.prompt.output_tokens = 1e308;
    expect(() => simulate(scenario, testCatalog())).toThrow(NonFiniteError);
  });

  it('assertFinite checks results of any shape: shared objects, a cycle, more than 64 levels', async () => {
    const scenario = await scenarioOf({ version: 1, name: 'x', workload: { queries_per_month: 1000 }, prompt: { query: { tokens: 10 }, output: { tokens: 10 } } });
    const spec = scenario.strategies[0]!;
    const shared = { x: 1 };
    const cyclic: Record<string, unknown> = { a: shared, b: [shared, 2], samples: new Float64Array([Infinity]) };
    cyclic.self = cyclic;
    expect(() => assertFinite(cyclic, scenario, spec)).not.toThrow(); // a typed array is scratch, not a figure
    cyclic.c = { d: [Number.NaN] };
    expect(() => assertFinite(cyclic, scenario, spec)).toThrow(/c\.d\[0\] = NaN/);
    let deep: unknown = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < 100; i++) deep = { next: deep };
    expect(() => assertFinite(deep, scenario, spec)).toThrow(NonFiniteError);
    let deepFinite: unknown = 1;
    for (let i = 0; i < 100; i++) deepFinite = [deepFinite];
    expect(() => assertFinite(deepFinite, scenario, spec)).not.toThrow();
  });

  it('nonFinitePaths finds NaN and ±Infinity anywhere, and suspectInputs ranks written values before derived ones', async () => {
    expect(nonFinitePaths({ a: [1, { b: NaN }], c: -Infinity, d: 'Infinity' })).toEqual(['a[1].b = NaN', 'c = -Infinity']);
    const scenario = await scenarioOf({ version: 1, name: 'x', workload: { queries_per_month: 1000 }, prompt: { query: { tokens: 10 }, output: { tokens: 10 } } });
    const spec = scenario.strategies[0]!;
    spec.settings.prompt.output_tokens = 1e307;
    spec.settings.fine_tuning.dataset_tokens = Infinity;
    expect(suspectInputs(scenario, spec).map((s) => s.path)).toEqual(['strategies.' + spec.id + '.prompt.output', 'strategies.' + spec.id + '.fine_tuning.dataset']);
  });
});
