import { describe, expect, it } from 'vitest';
import { NOTE } from '../../../src/messages/notes.js';
import { projectLatency } from '../../../src/model/latency/index.js';
import type { ScenarioSettings } from '../../../src/scenario/types.js';
import { SECONDS_PER_MONTH } from '../../../src/units.js';
import { catalogFixture, deployment, noSpread, PROMPT_ONLY_SHAPE, RAG_SHAPE, specFixture } from './fixtures.js';

const roomyLimits = (s: ScenarioSettings): void => {
  s.latency.rpm = 1e9;
  s.latency.tpm = 1e12;
  s.models.embedding = { ...s.models.embedding!, entry: { ...s.models.embedding!.entry, rpm: 1e9, tpm: 1e12 } };
};

describe('projectLatency', () => {
  it('with a 4,000 ms SLO, prompt-only (3,740 ms) meets it and RAG (4,160 ms) does not', () => {
    // Spreads 1: totals are the analytic sums of components.test.ts.
    const patch = (s: ScenarioSettings): void => {
      noSpread(s);
      roomyLimits(s);
      s.latency.slo_p95_ms = 4000;
    };
    const po = projectLatency(specFixture('prompt_only', patch), PROMPT_ONLY_SHAPE, catalogFixture());
    const rag = projectLatency(specFixture('rag', patch), RAG_SHAPE, catalogFixture());
    expect(po.latency_ms!.p95).toBeCloseTo(3740, 9);
    expect(po.meets_targets).toBe(true);
    expect(rag.latency_ms!.p95).toBeCloseTo(4160, 9);
    expect(rag.meets_targets).toBe(false);
    expect(rag.feasible).toBe(true);
    expect(rag.notes.map((n) => n.code)).toEqual([NOTE.sloMissed]);
  });

  it('returns the docs/model.md §12.3 latency_ms shape (no CDF inside) and the CDF beside it', () => {
    const r = projectLatency(specFixture('rag', roomyLimits), RAG_SHAPE, catalogFixture());
    expect(Object.keys(r.latency_ms!).sort()).toEqual(['components', 'p50', 'p95', 'p99', 'ttft_p50', 'ttft_p95', 'ttft_p99']);
    expect(Object.keys(r.latency_ms!.components)).toEqual(['network', 'embed', 'search', 'prefill', 'decode']);
    expect(r.cdf!.length).toBeGreaterThanOrEqual(100);
    expect(JSON.parse(JSON.stringify(r.latency_ms))).toEqual(r.latency_ms); // plain JSON, no NaN or undefined
  });

  it('unknown latency: latency_ms null, no invented numbers', () => {
    const spec = specFixture('prompt_only', (s) => {
      s.models.generator.latency = null;
      s.latency.slo_p95_ms = 4000;
      roomyLimits(s);
    });
    const r = projectLatency(spec, PROMPT_ONLY_SHAPE, catalogFixture());
    expect(r.latency_ms).toBeNull();
    expect(r.cdf).toBeNull();
    expect(r.notes.map((n) => n.code)).toEqual([NOTE.noProfile, NOTE.sloUnchecked]);
  });

  it('self-hosted: adds the queue and the GPU line item; overloaded is infeasible', () => {
    // Defaults: 10 q/s, peak ×2 → 20 req/s. Service 2,000/5,000 s + 1/50 s + 299/50 s = 0.42 + 5.98 = 6.4 s → a = 128.
    const ok = projectLatency(
      specFixture('fine_tuning', (s) => {
        s.deployment = deployment();
      }),
      PROMPT_ONLY_SHAPE,
      catalogFixture(),
    );
    // 80% rule: 128 / 0.8 = 160 replicas → 160 · 2 · 730 · $2.50 = $584,000 a month.
    expect(ok.replicas).toBe(160);
    expect(ok.line_items[0]!.cost_usd).toBeCloseTo(584_000, 6);
    expect(ok.latency_ms!.components.queue).toBeDefined();
    expect(ok.rate_limits).toEqual([]);

    const over = projectLatency(
      specFixture('fine_tuning', (s) => {
        s.deployment = deployment({ replicas: 100 });
      }),
      PROMPT_ONLY_SHAPE,
      catalogFixture(),
    );
    expect(over.feasible).toBe(false);
    expect(over.meets_targets).toBe(false);
    expect(over.latency_ms).toBeNull();
    // Self-hosted speeds are the user's own: no catalog spread, so one note says 1 was taken.
    expect(over.notes.map((n) => n.code)).toEqual([NOTE.spreadAssumed, NOTE.deploymentOverloaded]);
    expect(over.notes[0]!.message).toContain('prefill (self-hosted deployment), decode (self-hosted deployment)');
    expect(over.line_items[0]!.quantity).toBe(100 * 2 * 730);
  });

  it('self-hosted with an unknown search latency still sizes and charges its GPUs', () => {
    // Hybrid shape on the deployment: service 5,000/5,000 s + 1/50 s + 299/50 s = 1 + 0.02 + 5.98 = 7 s;
    // 20 req/s at peak → a = 140 busy slots; the SLO cannot be evaluated, so the 80% rule: 140/0.8 = 175.
    const r = projectLatency(
      specFixture('hybrid', (s) => {
        s.deployment = deployment();
        s.retrieval.vector_store = { ...s.retrieval.vector_store, search_ms: null };
        s.latency.slo_p95_ms = 10_000;
      }),
      RAG_SHAPE,
      catalogFixture(),
    );
    expect(r.latency_ms).toBeNull();
    expect(r.feasible).toBe(true);
    expect(r.replicas).toBe(175);
    expect(r.line_items[0]!.quantity).toBe(175 * 2 * 730);
    const codes = r.notes.map((n) => n.code);
    expect(codes).toContain(NOTE.searchUnknown);
    expect(codes).toContain(NOTE.replicasNoSlo);
    expect(codes).toContain(NOTE.sloUnchecked);
  });

  it('is deterministic end to end', () => {
    const spec = () =>
      specFixture('rag', (s) => {
        s.workload.queries_per_month = 3 * SECONDS_PER_MONTH;
      });
    expect(projectLatency(spec(), RAG_SHAPE, catalogFixture())).toEqual(projectLatency(spec(), RAG_SHAPE, catalogFixture()));
  });
});
