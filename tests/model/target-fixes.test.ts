/**
 * A missed target says what it would take, computed from the model (issue 11, engineering lead
 * item 2): freshness (which cadence, given the indexing or training job), latency SLOs (how many
 * ms, and the component that weighs most), context limits and rate limits.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadCatalog } from '../../src/catalog/load.js';
import { STARTER_SCENARIO } from '../../src/cli/init-command.js';
import { NOTE } from '../../src/messages/notes.js';
import { simulate } from '../../src/model/simulate.js';
import type { StrategyResult } from '../../src/model/types.js';
import { normalizeScenario } from '../../src/scenario/normalize.js';

const catalog = loadCatalog();

/** The starter scenario (50k chats a day, gpt-4.1-mini, 2M-token corpus) with some fields changed. */
async function project(change: (d: Record<string, any>) => void) {
  const data = parse(STARTER_SCENARIO) as Record<string, any>;
  data.start_month = '2027-01';
  change(data);
  const r = await normalizeScenario(data, { catalog, file: 'starter.yaml', today: '2026-11-21' });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const p = simulate(r.scenario, catalog);
  return (id: string) => p.strategies.find((s) => s.id === id) as StrategyResult;
}
const noteOf = (s: StrategyResult, code: string) => s.notes.find((n) => n.code === code)?.message ?? '';

describe('what it would take to meet a missed target', () => {
  it('freshness: the cadence that meets it, given the indexing job', async () => {
    const s = await project((d) => {
      d.knowledge.publish_every = '1 day';
      d.knowledge.indexing_time = '1 h';
      d.knowledge.freshness_target = '20 h';
    });
    // rag: 24 h between publishes + 1 h indexing = 25 h > 20 h; 20 − 1 = 19 h between publishes meets it.
    expect(noteOf(s('rag'), NOTE.freshnessMissed)).toBe(
      'misses the freshness target: answers may be up to 25 h stale, the target is 20 h — publish at least every 19 h (knowledge.publish_every), since indexing takes 1 h',
    );
    // fine_tuning: retrain_every defaults to publish_every (24 h); a gpt-4.1-mini job takes the catalog's training_hours.
    expect(noteOf(s('fine_tuning'), NOTE.freshnessMissed)).toMatch(/ — publish and retrain at least every \d+ h \(knowledge\.publish_every, fine_tuning\.retrain_every\), since a training job takes /);
  });

  it('freshness: a job longer than the target leaves no cadence, and says so', async () => {
    const s = await project((d) => {
      d.knowledge.indexing_time = '30 h';
      d.knowledge.freshness_target = '1 day';
    });
    expect(noteOf(s('rag'), NOTE.freshnessMissed)).toContain('— indexing alone takes 30 h, so no cadence meets it: a faster indexing pipeline (knowledge.indexing_time) or a looser target');
  });

  it('latency SLO: the ms it needs to lose and the component that weighs most', async () => {
    const s = await project((d) => {
      d.latency.slo_p95_ms = 2000;
    });
    const rag = s('rag');
    const l = rag.per_query.latency_ms!;
    const over = Math.ceil(l.p95 - 2000);
    const parts = Object.entries(l.components).map(([k, c]) => [k, c.p50] as const);
    const sum = parts.reduce((a, [, v]) => a + v, 0);
    const [top, value] = parts.reduce((a, b) => (b[1] > a[1] ? b : a));
    // 350 output tokens decoded one by one dominate a gpt-4.1-mini answer.
    expect(top).toBe('decode');
    expect(noteOf(rag, NOTE.sloMissed)).toBe(
      `p95 latency ${Math.round(l.p95).toLocaleString('en-US')} ms exceeds the target latency.slo_p95_ms of 2,000 ms — the p95 needs ${over.toLocaleString('en-US')} ms less and decode is ${Math.round((value / sum) * 100)}% of the median: fewer output tokens (prompt.output) or a faster model`,
    );
  });

  it('context window: how many tokens too many, and the window that would hold them', async () => {
    const s = await project(() => undefined);
    // prompt_only sends 400 + 1,200 + 2,500 + 2,000,000 corpus + 60 query = 2,004,160 input tokens, + 350 output
    // = 2,004,510 tokens against gpt-4.1-mini's 1,047,576: 956,934 too many.
    expect(noteOf(s('prompt_only'), NOTE.contextExceeded)).toContain(
      "exceed gpt-4.1-mini's context window of 1,047,576 tokens — 956,934 tokens fewer would fit (retrieve what a query needs instead of sending it all), or a model whose window holds 2,004,510",
    );
  });

  it('rate limit: the limit that would do, or how flat the peak would have to be', async () => {
    const s = await project((d) => {
      d.latency.rpm = 50;
    });
    // Month 12: 50k × 30 × 1.03^11 = 2,076,351 queries; / (730 h × 60) = 47.41 a minute on average,
    // × 2.5 peak-to-average = 118.5 → 119 RPM. A 50 RPM limit holds a peak-to-average of at most
    // 2.5 × 50 / 118.5 = 1.0548 → 1.05; 118.5 / 50 = 2.37 times the limit.
    expect(noteOf(s('rag'), NOTE.rateLimitExceeded)).toBe(
      'peak traffic in month 12 needs 119 requests per minute on gpt-4.1-mini, 2.37 times its limit of 50 RPM — a limit of at least 119 RPM (a higher tier from the provider, then latency.rpm), or a flatter peak: workload.peak_to_average at most 1.05 (now 2.5)',
    );
  });
});
