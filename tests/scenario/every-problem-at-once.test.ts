/**
 * Why normalize reads the document as written rather than zod's parsed output
 * (docs/model.md §2.8, "Why normalize reads the document as written").
 *
 * zod does collect every issue in one pass, across siblings: an unknown key at the top, a
 * wrong type in one section and a refused value in another all come back together. But its
 * output is all or nothing: when any issue is found, `safeParse` returns no data at all. The
 * problems that only normalize can find (a catalog id that does not exist, fields that
 * contradict each other, a file that cannot be read) would then be reported only once the
 * structure is right, one round of fixes later. Reading the document as written, normalize
 * finds them in the same run. This test pins both halves.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { normalizeScenario } from '../../src/scenario/normalize.js';
import { ScenarioFileSchema } from '../../src/scenario/schema.js';

const catalog = loadCatalog();

/** Three mistakes zod can see (a misspelled key, a list for a mapping, a token source with no count) and three it cannot. */
const doc = {
  version: 1,
  name: 'every problem at once',
  workload: { queries_per_month: 1000, grwoth_per_month: '3%' },
  prompt: { query: { tokens: 10 }, output: { tokens: 10 }, system: { words: 100 } },
  caching: [],
  models: { generator: 'gpt-9-ultra' },
  retrieval: { chunk_tokens: 512, chunk_overlap_tokens: 600 },
  knowledge: { corpus: { file: 'corpus/missing.md' } },
};

describe('every problem at once', () => {
  it('zod reports its three issues together, but returns no parsed data', () => {
    const parsed = ScenarioFileSchema.safeParse(doc);
    expect(parsed.success).toBe(false);
    expect(parsed.data).toBeUndefined();
    expect(parsed.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['caching', 'prompt.system', 'workload']);
  });

  it('normalize reports those three and the three zod cannot see, in one run', async () => {
    const r = await normalizeScenario(doc, { catalog, file: 'every.yaml', today: '2026-11-30' });
    expect(r.ok).toBe(false);
    const found = r.ok ? [] : r.problems.map((p) => `${p.code} ${p.path}`);
    expect(found.sort()).toEqual(
      [
        'unknown_key workload.grwoth_per_month', // zod
        'wrong_type prompt.system', // zod
        'wrong_type caching', // zod
        'unknown_id models.generator', // the catalog
        'inconsistent retrieval.chunk_overlap_tokens', // overlap 600 ≥ chunk 512
        'file knowledge.corpus', // no such file in the scenario's folder
      ].sort(),
    );
  });
});
