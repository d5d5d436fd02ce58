/** Loads the shared projection fixtures (tests/fixtures/projection-*.json). */
import { readFileSync } from 'node:fs';
import type { Projection } from '../../../src/model/types.js';

export function loadProjection(name: 'support' | 'small'): Projection {
  const url = new URL(`../../fixtures/projection-${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Projection;
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
