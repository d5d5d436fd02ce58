import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import {
  buildCatalog,
  BUNDLED_FILES,
  CatalogError,
  CHECKED_CATALOG_FILE,
  checkedCatalogText,
  loadCatalog,
  mergeCatalog,
  readCheckedCatalog,
} from '../../src/catalog/load.js';
import { fakeCatalog, modelEntry, vectorStore } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'costsim-catalog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function problemsOf(fn: () => unknown): { file: string; path: string; message: string }[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof CatalogError) return err.problems;
    throw err;
  }
  throw new Error('expected a CatalogError');
}

const base = fakeCatalog({ models: [modelEntry('gpt-4.1-mini')], vector_stores: [vectorStore('pgvector-solo')] });

describe('a user --catalog file', () => {
  it('adds a private model (JSON, list form); what it leaves out is unknown, not 0', () => {
    const file = write(
      'private.json',
      JSON.stringify({
        models: [
          {
            id: 'our-llama-70b',
            provider: 'private',
            mode: 'chat',
            input_usd_per_1m: 0.6,
            output_usd_per_1m: 0.9,
            source: { name: 'our GPU bill', as_of: '2026-12-01' },
          },
        ],
      }),
    );
    const c = loadCatalog({ extraFile: file });
    const m = c.models['our-llama-70b']!;
    expect([m.input_usd_per_1m, m.output_usd_per_1m]).toEqual([0.6, 0.9]);
    expect([m.cached_input_usd_per_1m, m.batch_input_usd_per_1m, m.context_window, m.long_context]).toEqual([null, null, null, null]);
    expect(c.models['gpt-4.1-mini']).toBeDefined(); // the bundled entries stay
    expect(c.as_of).toBe('2026-12-01'); // newer than every bundled date (2026-11-21)
  });

  it('replaces a bundled entry (YAML, map form, file-level source)', () => {
    const file = write(
      'contract.yaml',
      [
        'source: { name: "our negotiated prices", as_of: "2026-10-01" }',
        'models:',
        '  gpt-4.1-mini: { provider: openai, mode: chat, input_usd_per_1m: 0.3, output_usd_per_1m: 1.2 }',
        'vector_stores:',
        '  our-qdrant: { kind: fixed, monthly_usd: 180, minimum_monthly_usd: 0, usd_per_1m_queries: 0, storage_usd_per_gb_month: 0 }',
        'defaults: { embed_ms: 90 }',
      ].join('\n'),
    );
    const c = loadCatalog({ extraFile: file });
    expect(c.models['gpt-4.1-mini']!.input_usd_per_1m).toBe(0.3);
    expect(c.models['gpt-4.1-mini']!.source.name).toBe('our negotiated prices');
    expect(c.models['gpt-4.1-mini']!.cached_input_usd_per_1m).toBeNull(); // the whole entry is replaced
    expect(c.vector_stores['our-qdrant']!.monthly_usd).toBe(180);
    expect(c.vector_stores['our-qdrant']!.search_ms).toBeNull();
    expect(c.defaults.embed_ms).toBe(90);
    const bundled = loadCatalog();
    expect(c.defaults.rerank_ms).toBe(bundled.defaults.rerank_ms);
    expect(c.defaults.source.note).toBe(
      `embed_spread, rerank_ms, rerank_spread, network_spread from ${bundled.defaults.source.name} (${bundled.defaults.source.as_of})`,
    );
    expect(bundled.models['gpt-4.1-mini']!.input_usd_per_1m).toBe(0.4); // the bundled catalog is not touched
  });

  it('names file, entry and field of every problem, with a did-you-mean for a misspelt key', () => {
    const file = write(
      'bad.json',
      JSON.stringify({
        models: {
          'our-llama': { provider: 'x', mode: 'chat', inpt_usd_per_1m: 0.6, output_usd_per_1m: '0.9', source: { name: 'n', as_of: '2026-13' } },
        },
      }),
    );
    const problems = problemsOf(() => loadCatalog({ extraFile: file }));
    expect(problems.every((p) => p.file === file)).toBe(true);
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p.message]));
    expect(byPath['models.our-llama.output_usd_per_1m']).toBe('expected a number; got "0.9"');
    expect(byPath['models.our-llama.source.as_of']).toMatch(/YYYY-MM-DD/);
    expect(byPath['models.our-llama']).toBe('unknown key "inpt_usd_per_1m" (did you mean "input_usd_per_1m"?)');
    let message = '';
    try {
      loadCatalog({ extraFile: file });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain(`${file}: models.our-llama.output_usd_per_1m: `);
  });

  it('rejects an unknown section, a missing source, an id that differs from its key, and duplicates', () => {
    expect(problemsOf(() => mergeCatalog(base, { modles: [] }, 'u.json'))[0]).toMatchObject({ path: '', message: 'unknown key "modles" (did you mean "models"?)' });
    const noSource = problemsOf(() => mergeCatalog(base, { models: [{ id: 'a', provider: 'p', mode: 'chat' }] }, 'u.json'));
    expect(noSource[0]).toMatchObject({ path: 'models.a.source' });
    const mismatch = problemsOf(() =>
      mergeCatalog(base, { source: { name: 's', as_of: '2026-01-01' }, models: { a: { id: 'b', provider: 'p', mode: 'chat' } } }, 'u.json'),
    );
    expect(mismatch[0]).toMatchObject({ path: 'models.a.id', message: '"b" differs from its key "a"' });
    const dup = problemsOf(() =>
      mergeCatalog(
        base,
        { source: { name: 's', as_of: '2026-01-01' }, models: [{ id: 'a', provider: 'p', mode: 'chat' }, { id: 'a', provider: 'p', mode: 'chat' }] },
        'u.json',
      ),
    );
    expect(dup[0]).toMatchObject({ path: 'models.a', message: 'duplicate id "a"' });
    expect(problemsOf(() => mergeCatalog(base, { defaults: { embed_ms: 1 } }, 'u.json'))[0]).toMatchObject({ path: 'defaults.source' });
  });

  it('reports unreadable and unparsable files', () => {
    expect(problemsOf(() => loadCatalog({ extraFile: join(dir, 'missing.json') }))[0]!.message).toMatch(/cannot read catalog file/);
    expect(problemsOf(() => loadCatalog({ extraFile: write('broken.json', '{ "models": [') }))[0]!.message).toMatch(/invalid JSON/);
    expect(problemsOf(() => loadCatalog({ extraFile: write('broken.yaml', 'models: [\n  - a: 1\n b') }))[0]!.message).toMatch(/invalid YAML/);
  });
});

describe('the bundled files', () => {
  const dataDir = new URL('../../src/catalog/data/', import.meta.url);
  const read = (name: string): unknown => JSON.parse(readFileSync(new URL(name, dataDir), 'utf8'));
  const files = () => ({
    models: read(BUNDLED_FILES.models),
    rerankers: read(BUNDLED_FILES.rerankers),
    fine_tuning: read(BUNDLED_FILES.fine_tuning),
    vector_stores: read(BUNDLED_FILES.vector_stores),
    latency: read(BUNDLED_FILES.latency),
  });

  it('validate, and a broken one is reported by file and entry id', () => {
    expect(Object.keys(buildCatalog(files()).models).length).toBeGreaterThan(0);
    const broken = files();
    const ft = broken.fine_tuning as { entries: Record<string, unknown>[] };
    ft.entries[1]!.training_usd_per_1m = -5;
    delete ft.entries[1]!.source;
    const problems = problemsOf(() => buildCatalog(broken));
    const base = ft.entries[1]!.base_model as string;
    expect(problems.map((p) => [p.file, p.path])).toEqual([
      ['fine-tuning.json', `entries.${base}.training_usd_per_1m`],
      ['fine-tuning.json', `entries.${base}.source`],
    ]);
  });

  it('refuse a curated reranker that shadows an imported id', () => {
    const clash = files();
    const rr = clash.rerankers as { models: { id: string }[] };
    rr.models[0]!.id = 'rerank-v3.5';
    expect(problemsOf(() => buildCatalog(clash))[0]).toMatchObject({ file: 'rerankers.json', path: 'models.rerank-v3.5' });
  });

  // The build validates the files once and writes the result (scripts/copy-data.mjs); a run reads it back.
  it('validated at build time, read back as the very catalog that validating them builds', () => {
    const checkedDir = join(dir, 'checked');
    mkdirSync(checkedDir);
    cpSync(new URL('.', dataDir), checkedDir, { recursive: true });
    const url = pathToFileURL(`${checkedDir}/`);
    expect(readCheckedCatalog(url)).toBeUndefined(); // not written yet: the caller validates instead
    writeFileSync(join(checkedDir, CHECKED_CATALOG_FILE), checkedCatalogText(url));
    const read = readCheckedCatalog(url)!;
    const built = buildCatalog(files());
    expect(read).toStrictEqual(built);
    // Ids are keys of prototype-less records, as built: `constructor` is not a model.
    for (const section of [read.models, read.fine_tuning, read.vector_stores, read.latency]) expect(Object.getPrototypeOf(section)).toBeNull();
    expect(read.models['constructor']).toBeUndefined();
  });

  it('as checked by the last build, beside the library and the CLI bundle, match the data files', () => {
    const expected = checkedCatalogText(dataDir);
    for (const built of ['dist/catalog/data', 'dist/bin/data']) {
      const file = join(built, CHECKED_CATALOG_FILE);
      expect(existsSync(file), `${file}: run npm run build`).toBe(true);
      expect(readFileSync(file, 'utf8'), `${file} is stale: run npm run build`).toBe(expected);
    }
  });
});
