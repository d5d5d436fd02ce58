/**
 * Issue 13: a dataset of 100,000 bad lines is bounded work and a bounded answer. normalize
 * reports each problem once through a Set of keys (no scan of the problems so far, which made
 * 100,000 line problems 5·10^9 comparisons), and lists the first MAX_DATASET_LINE_PROBLEMS
 * lines of a dataset and a count of the rest.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { createMemoryFs } from '../../src/io/scenario-fs.js';
import { MAX_DATASET_LINE_PROBLEMS, normalizeScenario } from '../../src/scenario/normalize.js';

const catalog = loadCatalog();

describe('a dataset of 100,000 bad lines', () => {
  it('gives the first 20 line problems and one count of the rest, once for every strategy that reads it', async () => {
    const text = Array.from({ length: 100_000 }, (_, i) => `not json ${i}`).join('\n');
    const r = await normalizeScenario(
      {
        version: 1, name: 'dataset', start_month: '2027-01', horizon_months: 1,
        workload: { queries_per_month: 1000 },
        models: { generator: 'gpt-4.1-mini' },
        fine_tuning: { dataset: { file: 'train.jsonl' } },
        // Two strategies read the same dataset: its problems are reported once.
        strategies: { fine_tuning: {}, 'ft-monthly': { kind: 'fine_tuning', fine_tuning: { retrain_every: '1 month' } } },
      },
      { catalog, fs: createMemoryFs({ 'train.jsonl': text }), file: 'dataset.yaml', today: '2026-11-30' },
    );
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems.filter((p) => p.path === 'fine_tuning.dataset.file');
    // 20 listed + 1 count + "holds no training examples" = 22, not 100,001 (or twice that with both strategies).
    expect(MAX_DATASET_LINE_PROBLEMS).toBe(20);
    expect(problems).toHaveLength(MAX_DATASET_LINE_PROBLEMS + 2);
    expect(new Set(problems.map((p) => p.message)).size).toBe(problems.length);
    expect(problems[0]!.message).toMatch(/^train\.jsonl line 1: /);
    expect(problems[19]!.message).toMatch(/^train\.jsonl line 20: /);
    // 100,000 − 20 = 99,980 more.
    expect(problems[20]!.message).toBe('train.jsonl: 99,980 more lines with problems (the first 20 are listed); fix those and validate again');
    expect(problems[21]!.message).toBe('train.jsonl holds no training examples');
  });

  it('a dataset with fewer bad lines than the cap lists every one and no count', async () => {
    const text = ['not json', 'not json either', 'still not json'].join('\n');
    const r = await normalizeScenario(
      {
        version: 1, name: 'dataset', start_month: '2027-01', horizon_months: 1,
        workload: { queries_per_month: 1000 }, models: { generator: 'gpt-4.1-mini' },
        fine_tuning: { dataset: { file: 'train.jsonl' } }, strategies: { fine_tuning: {} },
      },
      { catalog, fs: createMemoryFs({ 'train.jsonl': text }), file: 'dataset.yaml', today: '2026-11-30' },
    );
    const problems = r.ok ? [] : r.problems.filter((p) => p.path === 'fine_tuning.dataset.file');
    expect(problems.map((p) => p.message.split(':')[0])).toEqual(['train.jsonl line 1', 'train.jsonl line 2', 'train.jsonl line 3', 'train.jsonl holds no training examples']);
    expect(problems.some((p) => p.message.includes('more lines with problems'))).toBe(false);
  });
});
