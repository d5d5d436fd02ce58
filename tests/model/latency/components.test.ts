import { describe, expect, it } from 'vitest';
import { latencyComponents } from '../../../src/model/latency/components.js';
import { NOTE } from '../../../src/messages/notes.js';
import { simulateLatency } from '../../../src/model/latency/simulate.js';
import type { ComponentModel, QueryShape } from '../../../src/model/latency/types.js';
import type { StrategySpec } from '../../../src/scenario/types.js';
import { analyticLatency, catalogFixture, deployment, noSpread, PROMPT_ONLY_SHAPE, RAG_SHAPE, specFixture } from './fixtures.js';

function build(spec: StrategySpec, shape: QueryShape): ComponentModel[] {
  const res = latencyComponents(spec, shape, catalogFixture());
  if (res.components === null) throw new Error(`unexpectedly unknown: ${JSON.stringify(res.notes)}`);
  return res.components;
}

const medians = (cs: ComponentModel[]): Record<string, number> =>
  Object.fromEntries(cs.map((c) => [c.part ? `${c.name}/${c.part}` : c.name, c.median_ms]));

describe('latencyComponents: hand-checked analytic cases (every spread 1)', () => {
  it('RAG minus prompt-only on the same model = embed + search + prefill of the chunks', () => {
    // gen-a: TTFT 500 ms, prefill 10,000 tok/s, 100 output tok/s. network 50 ms.
    // prompt-only: 2,000 input → prefill 500 + 2000/10000 s = 500 + 200 = 700; decode (300 − 1)/100 s = 2,990.
    //   total 50 + 700 + 2990 = 3,740 ms; TTFT 750 ms.
    // RAG: 5,000 input → prefill 500 + 500 = 1,000; + embed 100 + search 20.
    //   total 50 + 100 + 20 + 1000 + 2990 = 4,160 ms; TTFT 1,170 ms.
    // Difference 420 = 100 (embed) + 20 (search) + 3000 chunk tokens / 10,000 tok/s (300).
    const po = build(specFixture('prompt_only', noSpread), PROMPT_ONLY_SHAPE);
    const rag = build(specFixture('rag', noSpread), RAG_SHAPE);
    expect(medians(po)).toEqual({ network: 50, 'prefill/published_ttft': 500, 'prefill/tokens': 200, decode: 2990 });
    expect(medians(rag)).toEqual({
      network: 50,
      embed: 100,
      search: 20,
      'prefill/published_ttft': 500,
      'prefill/tokens': 500,
      decode: 2990,
    });
    const a = analyticLatency(po);
    const b = analyticLatency(rag);
    expect(a.total_ms).toBeCloseTo(3740, 9);
    expect(b.total_ms).toBeCloseTo(4160, 9);
    expect(b.total_ms - a.total_ms).toBeCloseTo(420, 9);
    expect(b.ttft_ms - a.ttft_ms).toBeCloseTo(420, 9); // decode is the same, so all of it lands in TTFT
    // And the simulation agrees to the bit.
    const sa = simulateLatency(po, { samples: 1000, seed: 1 });
    const sb = simulateLatency(rag, { samples: 1000, seed: 1 });
    expect(sb.p95 - sa.p95).toBe(b.total_ms - a.total_ms);
  });

  it('adds the reranker when the strategy has one', () => {
    // Same RAG plus rerank 150 ms (catalog default via the resolved reranker): 4,160 + 150 = 4,310 ms.
    const spec = specFixture('rag', (s) => {
      noSpread(s);
      s.models.reranker = { entry: catalogFixture().models['gen-a']!, inline: false, rerank_ms: 150 };
    });
    const cs = build(spec, RAG_SHAPE);
    expect(medians(cs).rerank).toBe(150);
    expect(analyticLatency(cs).total_ms).toBeCloseTo(4310, 9);
    // retrieval.rerank_ms overrides it: 4,160 + 40 = 4,200 ms.
    spec.settings.retrieval.rerank_ms = 40;
    expect(analyticLatency(build(spec, RAG_SHAPE)).total_ms).toBeCloseTo(4200, 9);
  });

  it('prefills a cached prefix at the cache speed-up', () => {
    // 5,000 input tokens, 4,000 of them cached, speed-up ×5:
    // 1,000 / 10,000 tok/s = 100 ms + 4,000 / 50,000 tok/s = 80 ms → tokens part 180 ms; prefill 500 + 180 = 680 ms.
    // Uncached it was 1,000 ms: caching saves 320 ms.
    const cs = build(specFixture('rag', noSpread), { ...RAG_SHAPE, cached_input_tokens: 4000 });
    expect(medians(cs)['prefill/tokens']).toBeCloseTo(180, 9);
    expect(analyticLatency(cs).total_ms).toBeCloseTo(4160 - 320, 9);
  });

  it('a long output is dominated by decode', () => {
    // 8,001 output tokens at 100 tok/s: decode 8,000/100 s = 80,000 ms. Prompt-only prefill 700, network 50.
    // Total 80,750 ms; decode is 80,000 / 80,750 = 99.07% of it; TTFT unchanged at 750 ms.
    const cs = build(specFixture('prompt_only', noSpread), { ...PROMPT_ONLY_SHAPE, output_tokens: 8001 });
    const a = analyticLatency(cs);
    expect(a.total_ms).toBeCloseTo(80_750, 9);
    expect(a.ttft_ms).toBeCloseTo(750, 9);
    expect(medians(cs).decode! / a.total_ms).toBeGreaterThan(0.99);
  });

  it('uses the scenario retrieval overrides over the catalog', () => {
    // embed 80 and search 5 instead of 100 and 20: 4,160 − 20 − 15 = 4,125 ms.
    const spec = specFixture('rag', (s) => {
      noSpread(s);
      s.retrieval.embed_ms = 80;
      s.retrieval.search_ms = 5;
    });
    const cs = build(spec, RAG_SHAPE);
    expect(medians(cs).embed).toBe(80);
    expect(medians(cs).search).toBe(5);
    expect(cs.find((c) => c.name === 'search')!.source).toBe('retrieval.search_ms');
    expect(analyticLatency(cs).total_ms).toBeCloseTo(4125, 9);
  });

  it('self-hosted: prefill and decode from the deployment speeds', () => {
    // 5,000 prefill tok/s, 50 output tok/s. Prompt-only 2,000 input, 300 output:
    // prefill 2000/5000 s = 400 ms + first token 1/50 s = 20 ms → 420 ms; decode 299/50 s = 5,980 ms.
    const spec = specFixture('fine_tuning', (s) => {
      noSpread(s);
      s.deployment = deployment();
      s.models.generator.latency = null; // an open model with no published profile still works
    });
    const cs = build(spec, PROMPT_ONLY_SHAPE);
    expect(medians(cs)).toEqual({ network: 50, prefill: 420, decode: 5980 });
  });
});

describe('latencyComponents: spreads', () => {
  const spreadOf = (cs: ComponentModel[], key: string): number => {
    const c = cs.find((x) => (x.part ? `${x.name}/${x.part}` : x.name) === key)!;
    if (c.kind !== 'lognormal') throw new Error('not lognormal');
    return c.spread;
  };

  it('takes the catalog spreads when the scenario sets none', () => {
    const cs = build(specFixture('rag'), RAG_SHAPE);
    expect(spreadOf(cs, 'network')).toBe(1.5);
    expect(spreadOf(cs, 'embed')).toBe(2);
    expect(spreadOf(cs, 'search')).toBe(1.6);
    expect(spreadOf(cs, 'prefill/published_ttft')).toBe(2);
    expect(spreadOf(cs, 'prefill/tokens')).toBe(1.5);
    expect(spreadOf(cs, 'decode')).toBe(1.3);
  });

  it('a per-component scenario spread beats the scenario default, which beats the catalog', () => {
    const cs = build(
      specFixture('rag', (s) => {
        s.latency.spread = { default: 1.8, prefill: 2.5 };
      }),
      RAG_SHAPE,
    );
    expect(spreadOf(cs, 'network')).toBe(1.8);
    expect(spreadOf(cs, 'search')).toBe(1.8);
    expect(spreadOf(cs, 'prefill/published_ttft')).toBe(2.5);
    expect(spreadOf(cs, 'prefill/tokens')).toBe(2.5);
    expect(spreadOf(cs, 'decode')).toBe(1.8);
  });

  it('says so when a spread is unknown and takes 1', () => {
    const spec = specFixture('rag', (s) => {
      s.retrieval.vector_store = { ...s.retrieval.vector_store, search_spread: null };
    });
    const res = latencyComponents(spec, RAG_SHAPE, catalogFixture());
    expect(res.notes.map((n) => n.code)).toEqual([NOTE.spreadAssumed]);
    expect(spreadOf(res.components!, 'search')).toBe(1);
  });
});

describe('latencyComponents: unknown latency', () => {
  it('a generator without a profile has unknown latency, never invented numbers', () => {
    const spec = specFixture('prompt_only', (s) => {
      s.models.generator.latency = null;
    });
    const res = latencyComponents(spec, PROMPT_ONLY_SHAPE, catalogFixture());
    expect(res.components).toBeNull();
    expect(res.notes.map((n) => n.code)).toEqual([NOTE.noProfile]);
    expect(res.notes[0]!.message).toContain('gen-a');
  });

  it('a vector store without a search latency makes RAG unknown unless the scenario gives one', () => {
    const spec = specFixture('rag', (s) => {
      s.retrieval.vector_store = { ...s.retrieval.vector_store, search_ms: null };
    });
    const res = latencyComponents(spec, RAG_SHAPE, catalogFixture());
    expect(res.components).toBeNull();
    expect(res.notes.map((n) => n.code)).toContain(NOTE.searchUnknown);
    spec.settings.retrieval.search_ms = 12;
    expect(latencyComponents(spec, RAG_SHAPE, catalogFixture()).components).not.toBeNull();
  });

  it('flags a profile that rests on weak sources', () => {
    const spec = specFixture('prompt_only', (s) => {
      s.models.generator.latency = { ...s.models.generator.latency!, weak: true };
    });
    const res = latencyComponents(spec, PROMPT_ONLY_SHAPE, catalogFixture());
    expect(res.components).not.toBeNull();
    expect(res.notes.map((n) => n.code)).toEqual([NOTE.profileWeak]);
  });
});
