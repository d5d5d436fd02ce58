/**
 * A run of re-projections keeps, per strategy, the steps its moved inputs leave as they were
 * (src/model/reuse.ts). What it keeps is checked against its inputs on every call, so:
 *  - with the steps kept from the base projection (warm), moving ANY input of any bundled
 *    scenario up and down, each time moving it back after, gives the very result a re-projection that keeps nothing
 *    gives: every figure, note code and flag, compared bit for bit. An input a kept step reads
 *    but its key forgot would give the base's stale figure here (the total of a strategy whose
 *    prompt, chunking, fine-tuning dataset or latency figure moved);
 *  - the keys hit where they should (a Monte Carlo over volume and change rate keeps the front,
 *    the latency components and the training costs) and miss where they must.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StrategyReuse, type Front } from '../../src/model/reuse.js';
import { reindexingPart, retrievalPart, trainingPart } from '../../src/model/strategies/parts.js';
import { latencyComponents } from '../../src/model/latency/components.js';
import type { Scenario } from '../../src/scenario/types.js';
import { baseValue, inputIds, withInputs } from '../../src/uncertainty/apply.js';
import { catalog, load } from './bundled.js';
import { DRAW_LATENCY_SAMPLES, Reprojections, withLatencySamples, type Reprojection } from '../../src/uncertainty/project.js';


/** A re-projection that keeps nothing: a new Reprojections computes every step on its first call. */
const reproject = (s: Scenario) => new Reprojections(catalog).all(s);

const bundled = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => `scenarios/${f}`);

/** Every number by its bits (-0 and NaN included), so two results compare exactly. */
const bits = (x: Reprojection) => JSON.stringify(x, (_k, v) => (typeof v === 'number' ? (Object.is(v, -0) ? '-0' : String(v)) : v));

/**
 * Other values of the same sign for an input, one above and one below (a count stays whole);
 * the field's bounds clamp them. Both ways: a target moved only up may be met either way.
 */
function moves(v: number): number[] {
  if (v === 0) return [1];
  const up = Math.round(v * 3) === v * 3 ? v * 3 : v * 1.5;
  return [up, Number.isInteger(v) ? Math.floor(v / 3) : v / 3];
}

describe('kept steps give what a re-projection keeping nothing gives, bit for bit', () => {
  for (const file of bundled) {
    it(`${file}: every input moved after the base projection, then moved back`, async () => {
      const s = withLatencySamples(await load(file), DRAW_LATENCY_SAMPLES);
      const kept = new Reprojections(catalog);
      const base = bits(reproject(s));
      expect(bits(kept.all(s))).toBe(base);
      let checked = 0;
      for (const id of inputIds(s.inputs!)) {
        const v = baseValue(s, id);
        if (v === null) continue;
        for (const to of moves(v)) {
          const other = withInputs(s, new Map([[id, to]]));
          expect(bits(kept.all(other)), `${id} = ${to}`).toBe(bits(reproject(other)));
          // Back at base: nothing of the moved projection may stay behind.
          expect(bits(kept.all(s)), `${id}, back`).toBe(base);
        }
        checked++;
      }
      expect(checked).toBeGreaterThan(20);
    });
  }

  it('one strategy at a time (a break-even search) as well', async () => {
    const s = withLatencySamples(await load('scenarios/help-center-rag.yaml'), DRAW_LATENCY_SAMPLES);
    const kept = new Reprojections(catalog);
    for (const [id, v] of [
      ['workload.queries_per_month', 9e6],
      ['fine_tuning.dataset.examples', 500],
      ['workload.queries_per_month', 2e5],
    ] as const) {
      const other = withInputs(s, new Map([[id, v]]));
      const fresh = reproject(other);
      s.strategies.forEach((_spec, k) => expect(JSON.stringify(kept.one(other, k))).toBe(JSON.stringify(fresh.strategies[k])));
    }
  });
});

describe('StrategyReuse keys', () => {
  it('the front is kept while only the volume moves, and made again when the prompt moves', async () => {
    const s = await load('scenarios/help-center-rag.yaml');
    const k = s.strategies.findIndex((x) => x.kind === 'rag');
    const reuse = new StrategyReuse();
    let built = 0;
    const front = {} as Front;
    const askSpec = (spec: Scenario['strategies'][number], rates: readonly [number, number]) =>
      reuse.front(spec, () => rates, () => {
        built++;
        return { ...front, plan: { fractions: [1, 0], rates } } as unknown as Front;
      });
    const ask = (sc: Scenario, rates: readonly [number, number]) => askSpec(sc.strategies[k]!, rates);
    ask(s, [1, 0]);
    ask(withInputs(s, new Map([['workload.queries_per_month', 3e6]])), [1, 0]);
    ask(withInputs(s, new Map([['knowledge.change_per_month', 0.2]])), [1, 0]);
    expect(built).toBe(1);
    // Month 1's hit rates are part of the key: another rate is another plan.
    ask(s, [0.5, 0]);
    expect(built).toBe(2);
    // Each section the front reads, written by a draw, is a new object: a miss.
    for (const [id, v] of [
      ['prompt.output.tokens', 500],
      ['retrieval.top_k', 3],
      ['knowledge.corpus.tokens', 1e6],
      ['workload.batch_share', 0.5],
      ['one_time.engineer_weeks.rag', 2],
    ] as const) {
      const before = built;
      ask(withInputs(s, new Map([[id, v]])), [0.5, 0]);
      expect(built, id).toBe(before + 1);
    }
    // The knowledge fields freshness reads are compared one by one (a draw of the change rate
    // copies the knowledge section too): a publish cadence or freshness target moved in a copy
    // of that section alone is a miss. (withInputs also copies the fine-tuning section when the
    // cadence moves a default retrain cadence; a scenario that writes retrain_every does not.)
    const spec = s.strategies[k]!;
    for (const [knowledge, misses] of [
      [{ ...spec.settings.knowledge, change_per_month: 0.5 }, 0],
      [{ ...spec.settings.knowledge, publish_every_hours: 240 }, 1],
      [{ ...spec.settings.knowledge, freshness_target_hours: 12 }, 1],
    ] as const) {
      askSpec(spec, [0.5, 0]);
      const before = built;
      askSpec({ ...spec, settings: { ...spec.settings, knowledge } }, [0.5, 0]);
      expect(built).toBe(before + misses);
    }
  });

  it('latency components are kept for the same sections and query shape, and made again otherwise', async () => {
    const s = await load('scenarios/help-center-rag.yaml');
    const spec = s.strategies.find((x) => x.kind === 'rag')!;
    const reuse = new StrategyReuse();
    const shape = { input_tokens: 8000, cached_input_tokens: 4050, output_tokens: 350, reasoning_tokens: 0, retrieval: true };
    const first = reuse.components(spec, shape, catalog);
    expect(reuse.components(spec, { ...shape }, catalog)).toBe(first);
    const volume = withInputs(s, new Map([['workload.queries_per_month', 9e6]])).strategies.find((x) => x.kind === 'rag')!;
    expect(reuse.components(volume, shape, catalog)).toBe(first);
    // Fewer cached tokens: a slower prefill, computed again (and equal to a fresh build).
    const colder = reuse.components(spec, { ...shape, cached_input_tokens: 0 }, catalog);
    expect(colder).not.toBe(first);
    expect(colder.components).toEqual(latencyComponents(spec, { ...shape, cached_input_tokens: 0 }, catalog).components);
    const network = withInputs(s, new Map([['latency.network_ms', 400]])).strategies.find((x) => x.kind === 'rag')!;
    const slower = reuse.components(network, shape, catalog);
    expect(slower).not.toBe(colder);
    expect(slower.components![0]!.median_ms).toBe(400);
    // A search latency written in the scenario (no bundled scenario writes one): its own copy of
    // the retrieval section, so the search component follows it.
    const searched = { ...network, settings: { ...network.settings, retrieval: { ...network.settings.retrieval, search_ms: 80 } } };
    const search = reuse.components(searched, shape, catalog).components!.find((c) => c.name === 'search')!;
    expect(search.median_ms).toBe(80);
  });

  it('training costs are kept while the fine-tuning section is the same object', async () => {
    const s = await load('scenarios/help-center-rag.yaml');
    const k = s.strategies.findIndex((x) => x.kind === 'fine_tuning');
    const reuse = new StrategyReuse();
    const first = reuse.partCosts(0, trainingPart, s.strategies[k]!);
    const volume = withInputs(s, new Map([['workload.queries_per_month', 9e6], ['knowledge.change_per_month', 0.15]]));
    expect(reuse.partCosts(0, trainingPart, volume.strategies[k]!)).toBe(first);
    const fewer = withInputs(s, new Map([['fine_tuning.dataset.examples', 20_000]]));
    const again = reuse.partCosts(0, trainingPart, fewer.strategies[k]!);
    expect(again).not.toBe(first);
    // 20,000 examples × 900 tokens × 1 epoch (autoEpochs: 20,000 × 3 > 25,000 → max(1, ⌊25,000/20,000⌋) = 1 epoch)
    // = 18M trained tokens in the initial run.
    expect(again.one_time[0]!.quantity).toBe(20_000 * 900 * 1);
  });

  it('retrieval costs are kept while only the change rate and volume move; the re-indexing part follows the change rate', async () => {
    const s = await load('scenarios/help-center-rag.yaml');
    const k = s.strategies.findIndex((x) => x.kind === 'rag');
    const reuse = new StrategyReuse();
    const first = reuse.partCosts(1, retrievalPart, s.strategies[k]!);
    const moved = withInputs(s, new Map([['knowledge.change_per_month', 0.15], ['workload.queries_per_month', 9e6]]));
    expect(reuse.partCosts(1, retrievalPart, moved.strategies[k]!)).toBe(first);
    // 18M tokens in chunks of 512 overlapping by 64: ⌈18,000,000 / 448⌉ = 40,179 chunks, 15% of them
    // re-embedded a month: 0.15 × 40,179 × 512 = 3,085,747.2 tokens (8%: 1,645,731.84).
    const reembedded = (sc: Scenario) => reuse.partCosts(0, reindexingPart, sc.strategies[k]!).monthly.find((i) => i.id === 'indexing.reembedding')!.quantity;
    expect(reembedded(moved)).toBeCloseTo(3_085_747.2, 4);
    expect(reembedded(s)).toBeCloseTo(1_645_731.84, 4);
    // Fewer chunks retrieved: the retrieval section is another object, so its costs are made again.
    const top = withInputs(s, new Map([['retrieval.top_k', 3]]));
    expect(reuse.partCosts(1, retrievalPart, top.strategies[k]!)).not.toBe(first);
  });
});
