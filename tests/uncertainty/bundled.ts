/**
 * What the re-projection tests (reproject.test.ts, reuse.test.ts) share: the bundled catalog, the
 * date month 1 is counted from, and a scenario file loaded and normalized by the real pipeline.
 */
import { loadCatalog } from '../../src/catalog/load.js';
import { loadScenario } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/types.js';

export const catalog = loadCatalog();
export const today = '2026-11-21';

/** `file`, loaded and normalized; throws with its problems when it has any. */
export async function load(file: string): Promise<Scenario> {
  const r = await loadScenario(file, { catalog, today, allowOutside: false });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.scenario;
}
