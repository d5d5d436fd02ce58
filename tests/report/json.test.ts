import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RunDocument } from '../../src/model/types.js';
import { canonicalize, canonicalJsonBytes, renderProjectionJson, renderRunJson } from '../../src/report/json.js';
import { loadFixture, supportProjection, tinyProjection } from './fixture.js';
import { problem, problemText } from '../../src/messages/problems.js';

/** Keys of every object reached through `path` segments (`*` = every array element). */
function keysAt(root: unknown, path: string[]): string[][] {
  let nodes: unknown[] = [root];
  for (const seg of path) {
    nodes = nodes.flatMap((n) => {
      if (seg === '*') return Array.isArray(n) ? n : [];
      return n !== null && typeof n === 'object' && seg in (n as object) ? [(n as Record<string, unknown>)[seg]] : [];
    });
  }
  return nodes.filter((n) => n !== null && typeof n === 'object' && !Array.isArray(n)).map((n) => Object.keys(n as object));
}

/** Reverse every object's key order, so that the renderer has to restore it. */
function scramble(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(scramble);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, scramble(x)]));
  return v;
}

describe('renderRunJson', () => {
  const doc: RunDocument = {
    schema: 'costsim.run/v1',
    results: [loadFixture('help-center-rag')],
    errors: [{ file: 'bad.yaml', problems: [problem('retrieval.top_k', problemText.expected('count', 'six'), { line: 3, column: 5 })] }],
  };

  it('is 2-space indented JSON that parses back to the same data', () => {
    const text = renderRunJson(doc);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "schema": "costsim.run/v1",');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(doc)));
  });

  it('puts keys in the contract order whatever order the objects were built in', () => {
    const text = renderRunJson(scramble(doc) as RunDocument);
    expect(text).toBe(renderRunJson(doc));
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed)).toEqual(['schema', 'results', 'errors']);
    expect(keysAt(parsed, ['errors', '*'])[0]).toEqual(['file', 'problems']);
    expect(keysAt(parsed, ['errors', '*', 'problems', '*'])[0]).toEqual(['code', 'path', 'line', 'column', 'message']);
    const p = ['results', '*'];
    expect(keysAt(parsed, p)[0]).toEqual(['schema', 'scenario', 'catalog', 'targets', 'verdict', 'strategies', 'notes', 'assumptions']);
    expect(keysAt(parsed, [...p, 'targets'])[0]).toEqual(['slo_p95_ms', 'slo_ttft_p95_ms', 'freshness_target_hours']);
    expect(keysAt(parsed, [...p, 'scenario'])[0]).toEqual(['name', 'file', 'description', 'horizon_months', 'start_month']);
    expect(keysAt(parsed, [...p, 'verdict'])[0]).toEqual(['recommended', 'reasons']);
    const s = [...p, 'strategies', '*'];
    for (const keys of keysAt(parsed, s)) {
      expect(keys).toEqual([
        'id', 'kind', 'feasible', 'meets_targets', 'notes', 'per_query', 'freshness_hours', 'monthly',
        'one_time_usd', 'total_usd', 'line_items', 'rate_limits', 'replicas', 'unpriced', 'models',
      ]);
    }
    expect(keysAt(parsed, [...s, 'notes', '*'])[0]).toEqual(['code', 'message']);
    expect(keysAt(parsed, [...s, 'per_query'])[0]).toEqual([
      'input_tokens', 'cached_input_tokens', 'output_tokens', 'cost_usd', 'by_category', 'latency_ms',
    ]);
    // the rag strategy carries an extra `cdf` field: unknown keys go last
    expect(keysAt(parsed, [...s, 'per_query', 'latency_ms'])[0]).toEqual([
      'p50', 'p95', 'p99', 'ttft_p50', 'ttft_p95', 'ttft_p99', 'components', 'cdf',
    ]);
    // [1]: rag's components (prompt_only, first, has no embed or search)
    expect(keysAt(parsed, [...s, 'per_query', 'latency_ms', 'components'])[1]).toEqual(['network', 'embed', 'search', 'prefill', 'decode']);
    expect(keysAt(parsed, [...s, 'monthly', '*'])[0]).toEqual(['month', 'label', 'queries', 'total_usd', 'by_category']);
    // rag's months (after prompt_only's 12) have four categories
    expect(keysAt(parsed, [...s, 'monthly', '*', 'by_category'])[12]).toEqual(['inference', 'retrieval', 'indexing', 'storage']);
    expect(keysAt(parsed, [...s, 'line_items', '*'])[0]).toEqual([
      'name', 'id', 'category', 'period', 'unit', 'quantity', 'unit_price_usd', 'cost_usd', 'quantity_by_month', 'cost_usd_by_month', 'source', 'price_as_of',
    ]);
    expect(keysAt(parsed, [...s, 'rate_limits', '*'])[0]).toEqual([
      'model', 'role', 'metric', 'limit', 'peak_per_minute', 'headroom_fraction', 'origin',
    ]);
    expect(keysAt(parsed, [...s, 'models'])[3]).toEqual(['generator', 'embedding', 'vector_store', 'fine_tuning']);
    expect(keysAt(parsed, [...p, 'assumptions', '*']).at(-1)).toEqual(['path', 'value', 'origin', 'source']);
  });

  it('throws on a non-finite number instead of writing null (which means "unknown")', () => {
    const p = tinyProjection();
    p.strategies[0]!.total_usd = Number.POSITIVE_INFINITY;
    expect(() => renderProjectionJson(p)).toThrow(/\$\.strategies\[0\]\.total_usd is Infinity/);
    p.strategies[0]!.total_usd = Number.NaN;
    expect(() => renderProjectionJson(p)).toThrow(/NaN/);
  });

  it('keeps null, drops undefined optional fields, and writes -0 as 0', () => {
    expect(canonicalize({ b: null, a: undefined, c: -0 })).toEqual({ b: null, c: 0 });
    expect(JSON.stringify(canonicalize({ c: -0 }))).toBe('{"c":0}');
  });
});

describe('canonicalJsonBytes', () => {
  const utf8 = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');
  /** What the run document printed before: the canonical copy, pretty-printed, indented by hand. */
  const reference = (value: unknown, depth: number) => JSON.stringify(canonicalize(value), null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);

  it('gives the bytes of JSON.stringify(canonicalize(…)) for real projections, at any depth and compact', async () => {
    const projections = [loadFixture('help-center-rag'), loadFixture('regulated-insurance-hybrid'), await supportProjection(), tinyProjection()];
    for (const p of projections) {
      for (const depth of [0, 1, 2, 3]) expect(utf8(canonicalJsonBytes(p, depth))).toBe(reference(p, depth));
      expect(utf8(canonicalJsonBytes(p, 0, false))).toBe(JSON.stringify(canonicalize(p)));
      // The same bytes as encoding the string: the UTF-8 of "—", "×", "→" in the notes included.
      expect(Buffer.from(canonicalJsonBytes(p, 2)).equals(Buffer.from(reference(p, 2)))).toBe(true);
    }
  });

  it('escapes strings exactly as JSON.stringify does: quotes, controls, lone surrogates, astral characters', () => {
    const nasty = ['"\\/\b\f\n\r\t', '\u0000\u0001\u001f\u007f', 'a\ud800b', '\udc00', '\ud83d\ude00 emoji', '\ud83d', 'x\ud83d\ud83d\ude00', '— × → €', '\ufeff<|endoftext|>'];
    for (const text of nasty) {
      const value = { [text]: [text, { k: text }] };
      expect(utf8(canonicalJsonBytes(value, 0))).toBe(JSON.stringify(value, null, 2));
      expect(utf8(canonicalJsonBytes(value, 0, false))).toBe(JSON.stringify(value));
    }
  });

  it('matches the reference on arbitrary JSON values (keys in contract order, array-index keys first)', () => {
    // Any UTF-16 unit, lone surrogates included; keys mix contract keys, others and array indices.
    const text = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 }).map((units) => String.fromCharCode(...units));
    const key = fc.oneof(text, fc.constantFrom('schema', 'id', 'total_usd', 'p95', 'network', 'hosting', '0', '7', '10', '01', '4294967295'));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null),
        fc.boolean(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer(),
        text,
        fc.array(tie('tree'), { maxLength: 4 }),
        // __proto__ is left out: the canonical copy's `out[k] =` would set a prototype, not a key.
        fc.dictionary(key.filter((k) => k !== '__proto__'), fc.option(tie('tree'), { nil: undefined }), { maxKeys: 5 }),
      ),
    }));
    fc.assert(
      fc.property(tree, fc.integer({ min: 0, max: 3 }), (value, depth) => {
        expect(utf8(canonicalJsonBytes(value, depth))).toBe(reference(value, depth));
        expect(utf8(canonicalJsonBytes(value, 0, false))).toBe(JSON.stringify(canonicalize(value)));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses what canonicalize refuses, naming the same path', () => {
    const p = tinyProjection();
    p.strategies[0]!.monthly[0]!.total_usd = Number.NaN;
    expect(() => canonicalJsonBytes(p)).toThrow(/\$\.strategies\[0\]\.monthly\[0\]\.total_usd is NaN/);
    expect(() => canonicalJsonBytes({ a: [1, () => 1] })).toThrow('JSON output: $.a[1] is a function, which JSON cannot hold');
  });
});
