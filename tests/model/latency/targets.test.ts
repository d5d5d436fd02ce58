import { describe, expect, it } from 'vitest';
import { NOTE } from '../../../src/messages/notes.js';
import { peakInteractiveTraffic } from '../../../src/model/latency/self-hosted.js';
import { checkTargets } from '../../../src/model/latency/targets.js';
import type { LatencySummary } from '../../../src/model/types.js';
import type { ScenarioSettings } from '../../../src/scenario/types.js';
import { deployment, PROMPT_ONLY_SHAPE, RAG_SHAPE, specFixture } from './fixtures.js';

const summary = (p95: number, ttft_p95: number): LatencySummary => ({
  p50: p95 / 2,
  p95,
  p99: p95 * 1.2,
  ttft_p50: ttft_p95 / 2,
  ttft_p95,
  components: {},
});

// Traffic: 10 q/s on average, peak ×2, 25% batch → 10 · 0.75 · 2 = 15 interactive q/s = 900 requests/min.
const withBatch = (s: ScenarioSettings): void => {
  s.workload.batch_share = 0.25;
};

describe('checkTargets: SLOs', () => {
  it('meets when p95 is within the SLO, misses with a note when over', () => {
    const ok = specFixture('prompt_only', (s) => {
      s.latency.slo_p95_ms = 4000;
      s.latency.rpm = 1e9;
      s.latency.tpm = 1e12;
    });
    const peak = peakInteractiveTraffic(ok.settings);
    expect(checkTargets(ok, summary(3740, 750), PROMPT_ONLY_SHAPE, peak)).toMatchObject({ meets: true, notes: [] });
    // Exactly at the SLO still meets it (≤).
    expect(checkTargets(ok, summary(4000, 750), PROMPT_ONLY_SHAPE, peak).meets).toBe(true);
    const miss = checkTargets(ok, summary(4160, 1170), PROMPT_ONLY_SHAPE, peak);
    expect(miss.meets).toBe(false);
    expect(miss.notes.map((n) => n.code)).toEqual([NOTE.sloMissed]);
    expect(miss.notes[0]!.message).toContain('4,160 ms');
    expect(miss.notes[0]!.message).toContain('4,000 ms');
  });

  it('checks the TTFT SLO separately', () => {
    const spec = specFixture('rag', (s) => {
      s.latency.slo_ttft_p95_ms = 1000;
      s.latency.rpm = 1e9;
      s.latency.tpm = 1e12;
    });
    const peak = peakInteractiveTraffic(spec.settings);
    const r = checkTargets(spec, summary(4160, 1170), RAG_SHAPE, peak);
    expect(r.meets).toBe(false);
    expect(r.notes.map((n) => n.code)).toContain(NOTE.ttftSloMissed);
  });

  it('unknown latency leaves the SLO unchecked (not missed), with a note', () => {
    const spec = specFixture('prompt_only', (s) => {
      s.latency.slo_p95_ms = 4000;
      s.latency.rpm = 1e9;
      s.latency.tpm = 1e12;
    });
    const r = checkTargets(spec, null, PROMPT_ONLY_SHAPE, peakInteractiveTraffic(spec.settings));
    expect(r.meets).toBe(true);
    expect(r.notes.map((n) => n.code)).toEqual([NOTE.sloUnchecked]);
  });

  it('all-batch traffic has no interactive target', () => {
    const spec = specFixture('prompt_only', (s) => {
      s.latency.slo_p95_ms = 10;
      s.workload.batch_share = 1;
    });
    const r = checkTargets(spec, summary(3740, 750), PROMPT_ONLY_SHAPE, peakInteractiveTraffic(spec.settings));
    expect(r.meets).toBe(true);
    expect(r.notes.map((n) => n.code)).toEqual([NOTE.allBatch]);
  });

  it('an overloaded deployment misses every target', () => {
    const spec = specFixture('fine_tuning', (s) => {
      s.deployment = deployment();
    });
    const r = checkTargets(spec, null, PROMPT_ONLY_SHAPE, peakInteractiveTraffic(spec.settings), { unbounded: true });
    expect(r.meets).toBe(false);
  });
});

describe('checkTargets: rate limits', () => {
  it('reports headroom against peak interactive traffic and flags a limit that is exceeded', () => {
    // gen-a: 1,000 RPM, 1,000,000 TPM (catalog). Peak 900 requests/min.
    // RPM headroom (1000 − 900)/1000 = 0.10.
    // TPM: 900 · (2,000 in + 300 out) = 2,070,000 tokens/min > 1,000,000: headroom (1e6 − 2.07e6)/1e6 = −1.07.
    const spec = specFixture('prompt_only', withBatch);
    const r = checkTargets(spec, summary(3740, 750), PROMPT_ONLY_SHAPE, peakInteractiveTraffic(spec.settings));
    const rpm = r.rate_limits.find((x) => x.metric === 'rpm')!;
    const tpm = r.rate_limits.find((x) => x.metric === 'tpm')!;
    expect(rpm).toMatchObject({ model: 'gen-a', role: 'generator', limit: 1000, origin: 'catalog' });
    expect(rpm.peak_per_minute).toBeCloseTo(900, 9);
    expect(rpm.headroom_fraction).toBeCloseTo(0.1, 9);
    expect(tpm.peak_per_minute).toBeCloseTo(2_070_000, 6);
    expect(tpm.headroom_fraction).toBeCloseTo(-1.07, 9);
    expect(r.meets).toBe(false);
    expect(r.notes.map((n) => n.code)).toEqual([NOTE.rateLimitExceeded]);
    expect(r.notes[0]!.message).toContain('2,070,000 tokens per minute');
  });

  it('says by how much a limit is exceeded, and names the input when the traffic is implausibly far over it', () => {
    // Peak 900 requests/min × 2,300 tokens = 2,070,000 tokens/min. Catalog TPM 1,000,000: 2.07 times the limit.
    const spec = specFixture('prompt_only', withBatch);
    const r = checkTargets(spec, summary(3740, 750), PROMPT_ONLY_SHAPE, peakInteractiveTraffic(spec.settings));
    expect(r.notes[0]!.message).toContain('2.07 times its limit of 1,000,000 TPM');
    expect(r.notes[0]!.message).not.toContain('implausible');
    // latency.tpm = 1 (the fuzz case of issue 13 had a headroom of −13,961,136): 2,070,000 times the limit, a
    // headroom of (1 − 2,070,000) / 1 = −2,069,999; the note names the scenario's latency.tpm.
    const tiny = specFixture('prompt_only', (s) => {
      withBatch(s);
      s.latency.tpm = 1;
    });
    const t = checkTargets(tiny, summary(3740, 750), PROMPT_ONLY_SHAPE, peakInteractiveTraffic(tiny.settings));
    expect(t.rate_limits.find((x) => x.metric === 'tpm')!.headroom_fraction).toBeCloseTo(-2_069_999, 3);
    expect(t.notes[0]!.message).toContain('2,070,000 times its limit of 1 TPM');
    expect(t.notes[0]!.message).toContain('implausible — check latency.tpm = 1 (set in the scenario)');
    // 10% over: 990 requests/min against a catalog-sized 900 RPM limit.
    const near = specFixture('prompt_only', (s) => {
      withBatch(s);
      s.latency.rpm = 818;
    });
    const n = checkTargets(near, summary(3740, 750), PROMPT_ONLY_SHAPE, peakInteractiveTraffic(near.settings));
    expect(n.notes.find((x) => x.message.includes('RPM'))!.message).toContain('10% over its limit of 818 RPM');
  });

  it('takes the scenario limit over the catalog', () => {
    // latency.tpm = 5,000,000: headroom (5e6 − 2.07e6)/5e6 = 0.586.
    const spec = specFixture('prompt_only', (s) => {
      withBatch(s);
      s.latency.tpm = 5_000_000;
    });
    const r = checkTargets(spec, summary(3740, 750), PROMPT_ONLY_SHAPE, peakInteractiveTraffic(spec.settings));
    const tpm = r.rate_limits.find((x) => x.metric === 'tpm')!;
    expect(tpm.origin).toBe('scenario');
    expect(tpm.headroom_fraction).toBeCloseTo(0.586, 9);
    expect(r.meets).toBe(true);
  });

  it('checks the embedding model of a retrieving strategy', () => {
    // emb-a: 3,000 RPM → (3000 − 900)/3000 = 0.7; 1,000,000 TPM vs 900 · 60 query tokens = 54,000 → 0.946.
    const spec = specFixture('rag', (s) => {
      withBatch(s);
      s.latency.tpm = 1e9;
    });
    const r = checkTargets(spec, summary(4160, 1170), RAG_SHAPE, peakInteractiveTraffic(spec.settings));
    const emb = r.rate_limits.filter((x) => x.role === 'embedding');
    expect(emb.map((x) => x.metric)).toEqual(['rpm', 'tpm']);
    expect(emb[0]!.headroom_fraction).toBeCloseTo(0.7, 9);
    expect(emb[1]!.peak_per_minute).toBeCloseTo(54_000, 6);
    expect(emb[1]!.headroom_fraction).toBeCloseTo(0.946, 9);
    expect(r.meets).toBe(true);
  });

  it('says when a limit is unknown, without failing the target', () => {
    const spec = specFixture('prompt_only', (s) => {
      s.models.generator.entry = { ...s.models.generator.entry, rpm: null, tpm: null };
    });
    const r = checkTargets(spec, summary(3740, 750), PROMPT_ONLY_SHAPE, peakInteractiveTraffic(spec.settings));
    expect(r.meets).toBe(true);
    expect(r.rate_limits.every((x) => x.limit === null && x.headroom_fraction === null && x.origin === 'unknown')).toBe(true);
    expect(r.notes.map((n) => n.code)).toEqual([NOTE.rateLimitUnknown]);
  });

  it('a self-hosted generator has no provider rate limit', () => {
    const spec = specFixture('fine_tuning', (s) => {
      s.deployment = deployment();
    });
    const r = checkTargets(spec, summary(3740, 750), PROMPT_ONLY_SHAPE, peakInteractiveTraffic(spec.settings));
    expect(r.rate_limits).toEqual([]);
  });
});
