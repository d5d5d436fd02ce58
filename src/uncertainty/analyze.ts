/**
 * The uncertainty phase of a run: after `simulate`, a scenario with ranges gets its Monte
 * Carlo over inputs (sample.ts) and its sensitivity (sensitivity.ts); a scenario without
 * ranges is left exactly as simulate made it, unless the sensitivity is asked for.
 */
import type { Catalog } from '../catalog/types.js';
import type { Projection } from '../model/types.js';
import type { Scenario } from '../scenario/types.js';
import { sample } from './sample.js';
import { sensitivity } from './sensitivity.js';

export function analyzeUncertainty(scenario: Scenario, catalog: Catalog, projection: Projection, options: { sensitivity?: boolean } = {}): Projection {
  const mc = sample(scenario, catalog);
  if (mc === null && options.sensitivity !== true) return projection;
  const out: Projection = { ...projection };
  if (mc !== null) {
    const { draws: _draws, ...summary } = mc;
    out.uncertainty = summary;
  }
  const tornado = sensitivity(scenario, catalog, projection);
  if (tornado !== null) out.sensitivity = tornado;
  return out;
}
