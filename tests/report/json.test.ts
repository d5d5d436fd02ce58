import { describe, expect, it } from 'vitest';
import type { RunDocument } from '../../src/model/types.js';
import { canonicalize, renderProjectionJson, renderRunJson } from '../../src/report/json.js';
import { loadFixture, tinyProjection } from './fixture.js';
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
