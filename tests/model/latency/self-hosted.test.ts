import { describe, expect, it } from 'vitest';
import { latencyComponents } from '../../../src/model/latency/components.js';
import { NOTE } from '../../../src/messages/notes.js';
import { erlangC } from '../../../src/model/latency/queue.js';
import { peakInteractiveTraffic, selfHostedLatencyAndCost, serviceTimeS } from '../../../src/model/latency/self-hosted.js';
import { simulateLatency } from '../../../src/model/latency/simulate.js';
import type { LognormalComponent, QueryShape } from '../../../src/model/latency/types.js';
import type { ScenarioSettings, StrategySpec } from '../../../src/scenario/types.js';
import { SECONDS_PER_MONTH } from '../../../src/units.js';
import { catalogFixture, deployment, noSpread, specFixture } from './fixtures.js';

// One request: 1,000 input tokens, 101 output tokens, on a replica slot that prefills 5,000
// tok/s and decodes 50 tok/s: prefill 1000/5000 s = 200 ms + first token 20 ms = 220 ms,
// decode 100/50 s = 2,000 ms → service time 2.22 s. Network 50 ms: base total 2,270 ms, TTFT 270 ms.
const SHAPE: QueryShape = { input_tokens: 1000, cached_input_tokens: 0, output_tokens: 101, reasoning_tokens: 0, retrieval: false };

// 1.5 queries/s on average, peak ×2 → λ = 3 req/s at peak; offered load a = 3 · 2.22 = 6.66 busy slots.
function selfHosted(patch: (s: ScenarioSettings) => void = () => {}): StrategySpec {
  return specFixture('fine_tuning', (s) => {
    noSpread(s);
    s.workload.queries_per_month = 1.5 * SECONDS_PER_MONTH;
    s.deployment = deployment();
    patch(s);
  });
}

function run(spec: StrategySpec) {
  const base = latencyComponents(spec, SHAPE, catalogFixture()).components!;
  const peak = peakInteractiveTraffic(spec.settings);
  return { base, peak, res: selfHostedLatencyAndCost(spec, peak, base) };
}

const p95With = (base: LognormalComponent[], spec: StrategySpec, replicas: number): number => {
  const fixed = selfHosted((s) => {
    s.deployment = deployment({ replicas });
    s.latency.slo_p95_ms = spec.settings.latency.slo_p95_ms;
  });
  const { res } = run(fixed);
  return simulateLatency([...base, res.queue!], { samples: spec.settings.latency.samples, seed: spec.settings.latency.seed }).p95;
};

describe('self-hosted deployments', () => {
  it('takes the service time from prefill and decode speed', () => {
    const { base, peak } = run(selfHosted());
    expect(serviceTimeS(base)).toBeCloseTo(2.22, 12);
    expect(peak.qps).toBeCloseTo(3, 12);
    expect(peak.average_qps).toBeCloseTo(1.5, 12);
  });

  it('a fixed replica count below the load is infeasible, and still costs its GPUs', () => {
    // 5 replicas × 1 slot < 6.66 busy slots: ρ = 1.332.
    const { res } = run(selfHosted((s) => (s.deployment = deployment({ replicas: 5 }))));
    expect(res.feasible).toBe(false);
    expect(res.queue).toBeNull();
    expect(res.utilisation).toBeCloseTo(1.332, 12);
    expect(res.notes.map((n) => n.code)).toEqual([NOTE.deploymentOverloaded]);
    // 5 replicas · 2 GPUs · 730 h = 7,300 GPU-hours · $2.50 = $18,250 a month.
    expect(res.line_items).toEqual([
      {
        id: 'hosting.gpus',
        name: 'GPU replicas (5 × 2 GPU)',
        category: 'hosting',
        period: 'monthly',
        unit: 'GPU-hours',
        quantity: 7300,
        unit_price_usd: 2.5,
        cost_usd: 18_250,
        // Filled per month by the month step (projectMonths), not by the latency step.
        quantity_by_month: [],
        cost_usd_by_month: [],
        source: 'scenario deployment.gpu_usd_per_hour',
      },
    ]);
  });

  it('a fixed replica count above the load gets the Erlang C queue', () => {
    // 8 replicas: C(8, 6.66) (Erlang C, checked against a simulation in queue.test.ts);
    // decay cμ − λ = 8/2.22 − 3 = 0.6036/s = 0.0006036/ms.
    const { res } = run(selfHosted((s) => (s.deployment = deployment({ replicas: 8 }))));
    expect(res.feasible).toBe(true);
    expect(res.utilisation).toBeCloseTo(6.66 / 8, 12);
    expect(res.queue!.p_wait).toBeCloseTo(erlangC(8, 6.66), 12);
    expect(res.queue!.decay_per_ms).toBeCloseTo((8 / 2.22 - 3) / 1000, 12);
    expect(res.queue!.in_ttft).toBe(true);
  });

  it('replicas: auto without an SLO keeps utilisation ≤ 80%', () => {
    // 6.66 / 0.8 = 8.325 → 9 replicas (ρ = 0.74). 9 · 2 · 730 = 13,140 GPU-hours · $2.50 = $32,850.
    const { res } = run(selfHosted());
    expect(res.replicas).toBe(9);
    expect(res.line_items[0]!.cost_usd).toBeCloseTo(32_850, 9);
    expect(res.notes.map((n) => n.code)).toEqual([NOTE.replicasNoSlo, NOTE.replicasSized]);
  });

  it('replicas: auto picks the fewest replicas whose p95 meets the SLO', () => {
    // SLO 3,270 ms = base 2,270 ms + 1,000 ms of queueing allowed at p95 (spreads 1, so the base is constant).
    // Closed-form p95 wait ln(C/0.05)/(cμ − λ):
    //   9 replicas:  C = 0.3119, cμ − λ = 9/2.22 − 3 = 1.0541/s → ln(6.238)/1.0541 = 1.737 s > 1 s: misses.
    //   10 replicas: C = 0.1737, cμ − λ = 1.5045/s → ln(3.474)/1.5045 = 0.828 s ≤ 1 s: meets.
    const spec = selfHosted((s) => (s.latency.slo_p95_ms = 3270));
    const { base, res } = run(spec);
    expect(res.replicas).toBe(10);
    expect(res.notes.map((n) => n.code)).toEqual([NOTE.replicasSized]);
    // 6.66 / 10 = 67% utilised.
    expect(res.notes[0]!.message).toBe(
      'replicas: auto → 10 replica(s), 67% utilised at the month-1 peak (the fewest that meet the latency target)',
    );
    // The figures the projection reports agree: 10 meets it, 9 does not.
    expect(p95With(base, spec, 10)).toBeLessThanOrEqual(3270);
    expect(p95With(base, spec, 9)).toBeGreaterThan(3270);
    expect(simulateLatency([...base, res.queue!], { samples: 20_000, seed: 1 }).p95).toBeLessThanOrEqual(3270);
  });

  it('replicas: auto sizes to the TTFT SLO too', () => {
    // TTFT base 270 ms + 1,000 ms allowed: the same 10 replicas.
    const { res } = run(selfHosted((s) => (s.latency.slo_ttft_p95_ms = 1270)));
    expect(res.replicas).toBe(10);
  });

  it('an SLO below the no-queue latency cannot be bought with replicas', () => {
    // 2,000 ms < 2,270 ms without any queue: falls back to the 80% rule (9 replicas) and says so.
    const { res } = run(selfHosted((s) => (s.latency.slo_p95_ms = 2000)));
    expect(res.replicas).toBe(9);
    expect(res.notes.map((n) => n.code)).toEqual([NOTE.replicasSloUnreachable, NOTE.replicasSized]);
    expect(res.notes[1]!.message).toContain('(≤ 80% utilisation)');
  });

  it('batch traffic is left out of the peak but the fleet must still carry the average', () => {
    // batch 50%: interactive peak 1.5 · 0.5 · 2 = 1.5 req/s (a = 3.33); the average of all traffic is
    // 1.5 req/s too. Floor max(4, 4) = 4; the 80% rule: 3.33/0.8 = 4.16 → 5 replicas.
    const { res, peak } = run(selfHosted((s) => (s.workload.batch_share = 0.5)));
    expect(peak.qps).toBeCloseTo(1.5, 12);
    expect(res.replicas).toBe(5);
    // All batch: no interactive peak, but 1.5 req/s on average still needs 4 slots (a = 3.33).
    const allBatch = run(selfHosted((s) => (s.workload.batch_share = 1)));
    expect(allBatch.peak.qps).toBe(0);
    expect(allBatch.res.replicas).toBe(5); // 3.33 / 0.8 = 4.16 → 5
    expect(allBatch.res.feasible).toBe(true);
  });
});

describe('peakInteractiveTraffic', () => {
  it('checks the busiest month of the horizon', () => {
    // 10 q/s average in month 1, growth 10%/month over 3 months: month 3 has 10 · 1.1² = 12.1 q/s;
    // peak ×2 and 25% batch: 12.1 · 0.75 · 2 = 18.15 interactive q/s.
    const spec = specFixture('rag', (s) => {
      s.horizon_months = 3;
      s.workload.growth_per_month = 0.1;
      s.workload.batch_share = 0.25;
    });
    const p = peakInteractiveTraffic(spec.settings);
    expect(p.month).toBe(3);
    expect(p.average_qps).toBeCloseTo(12.1, 10);
    expect(p.qps).toBeCloseTo(18.15, 10);
    // Shrinking traffic: month 1 is the busiest.
    spec.settings.workload.growth_per_month = -0.1;
    expect(peakInteractiveTraffic(spec.settings).month).toBe(1);
  });
});
