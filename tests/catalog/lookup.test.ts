import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import {
  levenshtein,
  findFineTuning,
  findModel,
  resolveLatency,
  resolveModel,
  resolveVectorStore,
  suggest,
} from '../../src/catalog/lookup.js';
import { fakeCatalog, fineTuningEntry, latency, modelEntry, vectorStore } from './fixtures.js';

const catalog = fakeCatalog({
  models: [
    modelEntry('gpt-4.1-mini'),
    modelEntry('gpt-4.1-mini-2025-04-14'),
    modelEntry('gpt-4.1'),
    modelEntry('claude-sonnet-4-20250514', { provider: 'anthropic' }),
    modelEntry('claude-sonnet-4-5', { provider: 'anthropic' }),
    modelEntry('claude-opus-4-20250514', { provider: 'anthropic' }),
    modelEntry('claude-opus-4-20250601', { provider: 'anthropic' }), // two dated snapshots: ambiguous
    modelEntry('gemini/gemini-2.5-flash', { provider: 'gemini' }),
    modelEntry('gemini/gemini-2.5-pro', { provider: 'gemini' }),
    modelEntry('vertex_ai/gemini-2.5-pro', { provider: 'vertex_ai' }), // same tail as gemini/…: ambiguous
    modelEntry('text-embedding-3-small', { mode: 'embedding', dimensions: 1536 }),
    modelEntry('voyage/rerank-2.5', { mode: 'rerank', provider: 'voyage' }),
  ],
  fine_tuning: [
    fineTuningEntry('gpt-4.1-mini', 'gpt-4.1-mini-2025-04-14'),
    fineTuningEntry('azure/gpt-4.1-mini', 'gpt-4.1-mini-2025-04-14', { hosting_usd_per_hour: 1.7 }),
  ],
  vector_stores: [vectorStore('pinecone-serverless', { kind: 'serverless' }), vectorStore('pgvector-solo'), vectorStore('pgvector-scale')],
  latency: [latency('gpt-4.1-mini'), latency('gemini/gemini-2.5-flash'), latency('claude-sonnet-4-5')],
});

function ok<T>(r: { ok: true; entry: T } | { ok: false; message: string }): T {
  if (!r.ok) throw new Error(r.message);
  return r.entry;
}

describe('resolveModel', () => {
  it('takes the exact key first', () => {
    expect(ok(resolveModel(catalog, 'gpt-4.1-mini')).id).toBe('gpt-4.1-mini');
    expect(ok(resolveModel(catalog, 'GPT-4.1-MINI')).id).toBe('gpt-4.1-mini');
  });

  it('accepts a unique undated form of a dated key', () => {
    expect(ok(resolveModel(catalog, 'claude-sonnet-4')).id).toBe('claude-sonnet-4-20250514');
  });

  it('accepts a unique form without the provider prefix, or with one the key lacks', () => {
    expect(ok(resolveModel(catalog, 'gemini-2.5-flash')).id).toBe('gemini/gemini-2.5-flash');
    expect(ok(resolveModel(catalog, 'rerank-2.5')).id).toBe('voyage/rerank-2.5');
    expect(ok(resolveModel(catalog, 'openai/gpt-4.1')).id).toBe('gpt-4.1');
  });

  it('reports an ambiguous form with every candidate', () => {
    const dated = resolveModel(catalog, 'claude-opus-4');
    expect(dated.ok).toBe(false);
    if (dated.ok) return;
    expect(dated.candidates).toEqual(['claude-opus-4-20250514', 'claude-opus-4-20250601']);
    expect(dated.message).toMatch(/ambiguous model "claude-opus-4".*"claude-opus-4-20250514", "claude-opus-4-20250601"/);
    const prefixed = resolveModel(catalog, 'gemini-2.5-pro');
    expect(prefixed.ok ? [] : prefixed.candidates).toEqual(['gemini/gemini-2.5-pro', 'vertex_ai/gemini-2.5-pro']);
  });

  it('suggests near ids for an unknown one', () => {
    const r = resolveModel(catalog, 'gpt-4.1-mnii');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.candidates[0]).toBe('gpt-4.1-mini'); // 2 substitutions (n→i, i→n)
    expect(r.message).toMatch(/unknown model "gpt-4.1-mnii"; did you mean "gpt-4.1-mini"/);
    const none = resolveModel(catalog, 'zzzzzzzzzzzz');
    expect(none.ok ? null : none.candidates).toEqual([]);
  });

  it('checks the mode when asked', () => {
    expect(ok(resolveModel(catalog, 'text-embedding-3-small', 'embedding')).dimensions).toBe(1536);
    const wrong = resolveModel(catalog, 'text-embedding-3-small', 'chat');
    expect(wrong.ok).toBe(false);
    expect(wrong.ok ? '' : wrong.message).toMatch(/"text-embedding-3-small" is an embedding model, not a chat model/);
    // Shorter forms only look among models of that mode.
    expect(ok(resolveModel(catalog, 'rerank-2.5', 'rerank')).id).toBe('voyage/rerank-2.5');
    expect(resolveModel(catalog, 'rerank-2.5', 'chat').ok).toBe(false);
  });
});

describe('findFineTuning', () => {
  it('by base id, dated snapshot or ft: key', () => {
    expect(findFineTuning(catalog, 'gpt-4.1-mini')?.hosting_usd_per_hour).toBe(0);
    expect(findFineTuning(catalog, 'gpt-4.1-mini-2025-04-14')?.base_model).toBe('gpt-4.1-mini');
    expect(findFineTuning(catalog, 'ft:gpt-4.1-mini-2025-04-14')?.base_model).toBe('gpt-4.1-mini');
    expect(findFineTuning(catalog, 'azure/gpt-4.1-mini')?.hosting_usd_per_hour).toBe(1.7);
  });

  it('is null for a known model that has no fine-tuning prices (the strategy is then infeasible, with a note)', () => {
    expect(findFineTuning(catalog, 'claude-sonnet-4-5')).toBeNull();
  });
});

describe('resolveVectorStore', () => {
  it('exact, unique prefix, ambiguous prefix, unknown', () => {
    expect(ok(resolveVectorStore(catalog, 'pgvector-solo')).monthly_usd).toBe(10);
    expect(ok(resolveVectorStore(catalog, 'pinecone')).id).toBe('pinecone-serverless');
    const amb = resolveVectorStore(catalog, 'pgvector');
    expect(amb.ok ? [] : amb.candidates).toEqual(['pgvector-scale', 'pgvector-solo']);
    const unknown = resolveVectorStore(catalog, 'pinecone-serverles');
    expect(unknown.ok).toBe(true); // a unique prefix of the real id
    const typo = resolveVectorStore(catalog, 'pincone-serverless');
    expect(typo.ok ? [] : typo.candidates).toEqual(['pinecone-serverless']);
  });
});

describe('resolveLatency', () => {
  it('falls back from snapshots, fine-tuned keys and provider prefixes to the base profile', () => {
    expect(resolveLatency(catalog, 'gpt-4.1-mini')?.model).toBe('gpt-4.1-mini');
    expect(resolveLatency(catalog, 'gpt-4.1-mini-2025-04-14')?.model).toBe('gpt-4.1-mini');
    expect(resolveLatency(catalog, 'ft:gpt-4.1-mini-2025-04-14')?.model).toBe('gpt-4.1-mini');
    expect(resolveLatency(catalog, 'azure/gpt-4.1-mini')?.model).toBe('gpt-4.1-mini');
    expect(resolveLatency(catalog, 'gemini-2.5-flash')?.model).toBe('gemini/gemini-2.5-flash');
    expect(resolveLatency(catalog, 'claude-sonnet-4-5-20250929')?.model).toBe('claude-sonnet-4-5');
    expect(resolveLatency(catalog, 'gpt-4.1')).toBeNull();
  });
});

describe('edit distance', () => {
  it('counts inserts, deletes and substitutions', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3); // k→s, e→i, +g
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('same', 'same')).toBe(0);
    // Distances 1, 4 and 14; a 10-character query keeps distances up to max(3, floor(10/3)) = 3.
    expect(suggest('gpt-4o-mni', ['gpt-4o-mini', 'gpt-4o', 'claude-haiku-4-5'])).toEqual(['gpt-4o-mini']);
    // A name that contains the query ranks first, whatever its length.
    expect(suggest('haiku', ['claude-haiku-4-5', 'haiku-x'])).toEqual(['haiku-x', 'claude-haiku-4-5']);
  });
});

describe('on the bundled catalog', () => {
  const real = loadCatalog();
  it('resolves the forms docs/model.md §2.6 names', () => {
    expect(ok(resolveModel(real, 'claude-sonnet-4', 'chat')).id).toBe('claude-sonnet-4-20250514');
    expect(ok(resolveModel(real, 'gemini/gemini-2.5-flash', 'chat')).id).toBe('gemini/gemini-2.5-flash');
    expect(ok(resolveModel(real, 'text-embedding-3-small', 'embedding')).dimensions).toBe(1536);
    expect(ok(resolveModel(real, 'embed-v4.0', 'embedding')).id).toBe('cohere/embed-v4.0');
    expect(findFineTuning(real, 'gpt-4o-2024-08-06')?.base_model).toBe('gpt-4o');
    expect(resolveVectorStore(real, 'pgvector').ok).toBe(false);
    expect(resolveLatency(real, 'gpt-4.1-mini-2025-04-14')?.ttft_ms).toBe(630);
  });
});

describe('resolveModel against the tiers written out as filters', () => {
  // The tiers of docs/model.md §2.6 as a filter over every id (how the lookup worked before it
  // was indexed): the indexed lookup must find the same entry or the same candidates.
  const DATE = /(-\d{8}|-\d{4}-\d{2}-\d{2}|@\d{8})$/;
  const undated = (id: string) => id.replace(DATE, '');
  const tailOf = (id: string) => id.slice(id.lastIndexOf('/') + 1);
  function byFilters(ids: string[], query: string): string[] {
    const q = query.trim();
    if (ids.includes(q)) return [q];
    const lower = q.toLowerCase();
    const tiers = [
      (id: string) => id.toLowerCase() === lower,
      (id: string) => !id.includes('/') && undated(id).toLowerCase() === lower,
      (id: string) => {
        const l = id.toLowerCase();
        const t = tailOf(l);
        return (l.includes('/') && (t === lower || undated(t) === lower)) || (lower.includes('/') && tailOf(lower) === l);
      },
    ];
    for (const tier of tiers) {
      const found = ids.filter(tier);
      if (found.length > 0) return found.sort();
    }
    return [];
  }

  it('finds what the filters find, for every bundled id and its other spellings', () => {
    const bundled = loadCatalog();
    const chat = Object.values(bundled.models).filter((m) => m.mode === 'chat').map((m) => m.id);
    const queries = new Set<string>();
    for (const id of Object.keys(bundled.models)) {
      const t = tailOf(id);
      for (const q of [id, id.toUpperCase(), undated(id), t, undated(t), `openai/${t}`, `gemini/${undated(t)}`, ` ${t} `]) queries.add(q);
    }
    let unique = 0;
    for (const q of queries) {
      const expected = byFilters(chat, q);
      // findModel words no problem (fast); resolveModel lists the candidates of an ambiguous form.
      const found = findModel(bundled, q, 'chat');
      if (expected.length === 1) {
        unique++;
        expect(found?.id, q).toBe(expected[0]);
      } else {
        expect(found, q).toBeNull();
        if (expected.length > 1) expect(resolveModel(bundled, q, 'chat')).toMatchObject({ ok: false, candidates: expected });
      }
    }
    expect(unique).toBeGreaterThan(300); // the comparison covers real hits, not only misses
  });
});
