/**
 * A re-projection (a Monte Carlo draw, a sweep point) skips what only a report reads: the notes'
 * wording, the line items, each item's month arrays. What it keeps must be the very doubles the
 * full projection gives, and what it copies must never reach back into the scenario:
 *  - every bundled scenario, at its base and with volume and growth moved, gives bit for bit the
 *    full projection's month totals, one-time, total and per-query cost, feasibility and targets;
 *  - withInputs never modifies the scenario it is given (it copies only what it writes, so a
 *    write into an object it forgot to copy would show here), for every input of two scenarios;
 *  - unworded notes keep their code, and wording comes back after the call, even after a throw.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { notes, unworded } from '../../src/messages/notes.js';
import { simulate } from '../../src/model/simulate.js';
import { normalizeScenario } from '../../src/scenario/normalize.js';
import type { Scenario } from '../../src/scenario/types.js';
import { baseValue, inputIds, withInputs } from '../../src/uncertainty/apply.js';
import { catalog, load, today } from './bundled.js';
import { DRAW_LATENCY_SAMPLES, Reprojections, withLatencySamples } from '../../src/uncertainty/project.js';


const bundled = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => `scenarios/${f}`);

/** Every figure a re-projection is read for, exactly (Object.is: -0 and NaN included). */
function expectSameFigures(scenario: Scenario) {
  const quick = withLatencySamples(scenario, DRAW_LATENCY_SAMPLES);
  const full = simulate(quick, catalog, { latencyCdf: false });
  const lean = new Reprojections(catalog).all(quick);
  expect(lean.verdict.recommended).toBe(full.verdict.recommended);
  full.strategies.forEach((f, k) => {
    const l = lean.strategies[k]!;
    // An infeasible strategy billed per token is never eligible: a re-projection checks no
    // latency for it, so its targets (and the latency step's notes) are not compared.
    const checked = f.feasible || quick.strategies[k]!.settings.deployment !== null;
    const figures = (s: typeof f) => ({
      feasible: s.feasible,
      meets_targets: checked ? s.meets_targets : null,
      one_time_usd: s.one_time_usd,
      total_usd: s.total_usd,
      per_query_usd: s.per_query.cost_usd,
      months: s.monthly.map((m) => [m.month, m.label, m.queries, m.total_usd]),
      // The codes (not the words); `unpriced` lists the items, which a re-projection does not build.
      notes: checked ? s.notes.map((n) => n.code).filter((c) => c !== 'unpriced') : null,
    });
    const [a, b] = [figures(l), figures(f)];
    // toEqual treats -0 and 0 alike; compare every number's bits as well.
    expect(a).toEqual(b);
    const bits = (x: unknown) => JSON.stringify(x, (_k, v) => (typeof v === 'number' ? (Object.is(v, -0) ? '-0' : String(v)) : v));
    expect(bits(a)).toBe(bits(b));
  });
}

describe('a re-projection gives the full projection’s figures, bit for bit', () => {
  for (const file of bundled) {
    it(file, async () => {
      const s = await load(file);
      expectSameFigures(s);
      const volume = baseValue(s, 'workload.queries_per_month')!;
      // Volume down and up (a vector store's plan minimum bites at low volume, rate limits at
      // high), and growth from none to steep (a floor that bites in some months only).
      for (const values of [
        [['workload.queries_per_month', volume / 50]],
        [['workload.queries_per_month', volume * 20]],
        [['workload.growth_per_month', 0]],
        [['workload.queries_per_month', volume / 20], ['workload.growth_per_month', 0.4]],
      ] as [string, number][][]) {
        expectSameFigures(withInputs(s, new Map(values)));
      }
    });
  }

  it('with an unpriced item (o4-mini reasons, how much is unknown): every month unknown, as in the full projection', async () => {
    const r = await normalizeScenario(
      {
        version: 1,
        name: 'Unpriced',
        start_month: '2027-01',
        horizon_months: 4,
        workload: { queries_per_month: '200k', growth_per_month: '5%' },
        prompt: { system: { tokens: 400 }, query: { tokens: 80 }, output: { tokens: 300 } },
        knowledge: { corpus: { tokens: '2M' }, change_per_month: '10%' },
        models: { generator: 'o4-mini' },
        strategies: { prompt_only: {}, rag: {} },
      },
      { catalog, file: 'memory.yaml', today },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(simulate(r.scenario, catalog).strategies.map((x) => x.total_usd)).toEqual([null, null]);
    expectSameFigures(r.scenario);
  });
});

describe('withInputs leaves the scenario it is given as it was', () => {
  for (const file of ['scenarios/help-center-rag.yaml', 'scenarios/self-hosted-llama-triage.yaml']) {
    it(`every input of ${file}, set to another value`, async () => {
      const s = await load(file);
      const before = structuredClone(s);
      let moved = 0;
      for (const id of inputIds(s.inputs!)) {
        const v = baseValue(s, id);
        if (v === null) continue;
        // Another value of the same sign (a count stays whole); the field's bounds clamp it.
        const other = withInputs(s, new Map([[id, v === 0 ? 1 : Math.round(v * 3) === v * 3 ? v * 3 : v * 1.5]]));
        if (other !== s) moved++;
      }
      expect(moved).toBeGreaterThan(20);
      expect(s).toEqual(before);
    });
  }

  it('a value is written into a copy, and what it does not touch stays shared', async () => {
    const s = await load('scenarios/help-center-rag.yaml');
    const ft = s.strategies.find((x) => x.kind === 'fine_tuning')!;
    const perExample = ft.settings.fine_tuning.tokens_per_example;
    const moved = withInputs(s, new Map([['prompt.output.tokens', 1000]]));
    const movedFt = moved.strategies.find((x) => x.kind === 'fine_tuning')!;
    // The bundled file gives tokens_per_example itself (900): it does not follow.
    expect(movedFt.settings.fine_tuning.tokens_per_example).toBe(900);
    expect(ft.settings.fine_tuning.tokens_per_example).toBe(perExample);
    expect(movedFt.settings.prompt.output_tokens).toBe(1000);
    expect(ft.settings.prompt.output_tokens).toBe(350);
    // What the value does not touch is shared, not copied.
    expect(movedFt.settings.models).toBe(ft.settings.models);
    expect(movedFt.settings.fine_tuning).toBe(ft.settings.fine_tuning);
  });
});

describe('unworded', () => {
  it('notes keep their code and lose their text inside, and get it back after', () => {
    const inside = unworded(() => notes.fewExamples(120));
    expect(inside).toEqual({ code: 'few_training_examples', message: '' });
    expect(notes.fewExamples(120)).toEqual({
      code: 'few_training_examples',
      message: '120 training examples: common guidance is 500–1,000 at least, and a smaller set tends to disappoint',
    });
  });

  it('wording comes back after a throw, and a nested call leaves the outer one unworded', () => {
    expect(() =>
      unworded(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(notes.noCorpus().message).not.toBe('');
    unworded(() => {
      unworded(() => undefined);
      expect(notes.noCorpus().message).toBe('');
    });
    expect(notes.noCorpus().message).not.toBe('');
  });
});
