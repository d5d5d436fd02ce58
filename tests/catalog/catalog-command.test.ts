import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogCommand, renderCatalog } from '../../src/cli/catalog-command.js';
import { fakeCatalog, fineTuningEntry, latency, modelEntry, vectorStore } from './fixtures.js';

const catalog = fakeCatalog({
  models: [
    modelEntry('known-model', {
      input_usd_per_1m: 0.4,
      output_usd_per_1m: 1.6,
      cached_input_usd_per_1m: 0.1,
      batch_input_usd_per_1m: 0.2,
      batch_output_usd_per_1m: 0.8,
      long_context: { threshold_tokens: 200_000, input_usd_per_1m: 6, output_usd_per_1m: 22.5, cached_input_usd_per_1m: null, cache_write_usd_per_1m: null, cache_write_1h_usd_per_1m: null, batch: null },
      context_window: 1_047_576,
      source: { name: 'Price list A', as_of: '2026-07-24', reliability: 'D' },
    }),
    modelEntry('mystery-model', { input_usd_per_1m: null, output_usd_per_1m: null, context_window: null }),
    modelEntry('some-reranker', { mode: 'rerank', rerank_usd_per_search: 0.002, input_usd_per_1m: 0, output_usd_per_1m: 0 }),
    modelEntry('token-reranker', { mode: 'rerank', rerank_usd_per_search: null, input_usd_per_1m: 0.05, output_usd_per_1m: 0 }),
  ],
  fine_tuning: [fineTuningEntry('known-model', 'known-model-2025-04-14', { training_usd_per_1m: null, training_usd_per_hour: 100 })],
  vector_stores: [vectorStore('store-a', { search_spread: null })],
  latency: [latency('known-model')],
});

/** The table row that starts with `id`, split on runs of 2+ spaces. */
function row(text: string, id: string): string[] {
  const line = text.split('\n').find((l) => l.startsWith(`${id} `));
  if (!line) throw new Error(`no row for ${id} in\n${text}`);
  return line.trim().split(/\s{2,}/);
}

describe('renderCatalog (table)', () => {
  const text = renderCatalog(catalog, undefined, 'table');

  it('prints prices per 1M with cache, batch, tier, context, and source with its date', () => {
    expect(row(text, 'known-model')).toEqual([
      'known-model', 'chat', '0.4', '0.1', '=input', '1.6', '0.2/0.8', '>200,000: 6/22.5', '1,047,576', '16,384', '', '[1] 2026-07-24',
    ].filter((c) => c !== ''));
    expect(text).toContain('[1] Price list A (D)');
    expect(text).toContain('Catalog as of 2026-01-01');
  });

  it('prints an unknown price as unknown, never 0', () => {
    // input, cached (none = no caching known), write (=input), output, batch, tier, context, max out, source
    expect(row(text, 'mystery-model')).toEqual([
      'mystery-model', 'chat', 'unknown', 'none', '=input', 'unknown', 'none', '-', 'unknown', '16,384', '[2] 2026-01-01',
    ]);
  });

  it('lists fine-tuning (per-hour training), vector stores and latency profiles', () => {
    const ft = text.split('\n').filter((l) => l.startsWith('known-model ') && l.includes('known-model-2025-04-14'));
    expect(ft[0]).toContain('$100/h');
    expect(row(text, 'store-a')).toContain('5 (p95 unknown)');
    expect(row(text, 'some-reranker')).toContain('$0.002/search');
    expect(row(text, 'token-reranker')).toContain('per token');
    expect(row(text, 'store-a').slice(0, 7)).toEqual(['store-a', 'fixed', '10', '0', '0', '-', '-']); // no units on a flat plan
    expect(text).toMatch(/Latency profiles \(1\)/);
  });

  it('filters by query and says when nothing matches', () => {
    const only = renderCatalog(catalog, 'mystery', 'table');
    expect(only).toContain('Models (1)');
    expect(only).not.toContain('known-model ');
    expect(renderCatalog(catalog, 'mystery-modle', 'table')).toMatch(/No catalog entry matches "mystery-modle". Did you mean "mystery-model"/);
  });
});

describe('renderCatalog (json)', () => {
  it('keeps unknown prices null and carries every source', () => {
    const doc = JSON.parse(renderCatalog(catalog, 'model', 'json')) as {
      schema: string;
      as_of: string;
      models: { id: string; input_usd_per_1m: number | null; source: { as_of: string } }[];
    };
    expect(doc.schema).toBe('costsim.catalog/v1');
    expect(doc.as_of).toBe('2026-01-01');
    expect(doc.models.map((m) => m.id)).toEqual(['known-model', 'mystery-model']);
    expect(doc.models[1]!.input_usd_per_1m).toBeNull();
    expect(doc.models[0]!.source.as_of).toBe('2026-07-24');
  });
});

describe('catalogCommand', () => {
  const dir = mkdtempSync(join(tmpdir(), 'costsim-catalog-cmd-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the bundled catalog: exit 0', () => {
    const r = catalogCommand('gpt-4.1-mini', { format: 'table' });
    expect(r.exitCode).toBe(0);
    expect(row(r.stdout, 'gpt-4.1-mini').slice(0, 7)).toEqual(['gpt-4.1-mini', 'chat', '0.4', '0.1', '=input', '1.6', '0.2/0.8']);
  });

  it('exit 1 when nothing matches, exit 2 for a bad --catalog file', () => {
    expect(catalogCommand('no-such-thing-anywhere', {}).exitCode).toBe(1);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ models: [{ id: 'x' }] }));
    const r = catalogCommand(undefined, { catalog: bad });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${bad}: models.x.provider`);
  });
});
