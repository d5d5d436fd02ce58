/**
 * Real projections for the chart tests, made by the real pipeline from the test scenarios in
 * tests/fixtures/scenarios/: `support` (every case a chart must mark) and `small` (internal
 * docs: rag first, then fine_tuning, 3 months).
 */
import type { Projection } from '../../../src/model/types.js';
import { fixtureProjection } from '../fixture.js';

export async function loadProjection(name: 'support' | 'small'): Promise<Projection> {
  return fixtureProjection(name === 'support' ? 'support-assistant' : 'internal-docs');
}

/** Every object in a JSON tree (depth first), with the key it sits under. */
export function* walk(node: unknown, key = ''): Generator<{ key: string; value: Record<string, unknown> | unknown[] | string }> {
  if (typeof node === 'string') {
    yield { key, value: node };
  } else if (Array.isArray(node)) {
    yield { key, value: node };
    for (const x of node) yield* walk(x, key);
  } else if (node !== null && typeof node === 'object') {
    yield { key, value: node as Record<string, unknown> };
    for (const [k, v] of Object.entries(node)) yield* walk(v, k);
  }
}
