/**
 * costsim as a library: load or normalize a scenario, simulate it against a catalog, render.
 * The phases and their modules are drawn in src/pipeline.ts.
 *
 *   const catalog = loadCatalog();
 *   const loaded = await loadScenario('scenarios/support.yaml', { catalog, today: '2026-11-21', allowOutside: false });
 *   if (loaded.ok) console.log(simulate(loaded.scenario, catalog).verdict);
 */
export { projectFile, renderFiles } from './pipeline.js';
export type { ProjectOptions, ProjectResult } from './pipeline.js';
export { simulate, simulateStrategy } from './model/simulate.js';
export { loadScenario } from './scenario/load.js';
export type { LoadOptions, LoadResult, SetOverride } from './scenario/load.js';
export { normalizeScenario } from './scenario/normalize.js';
export type { NormalizeOptions, NormalizeResult, Problem } from './scenario/normalize.js';
export { scenarioJsonSchema, ScenarioFileSchema } from './scenario/schema.js';
export type { ScenarioFile } from './scenario/schema.js';
export { loadCatalog } from './catalog/load.js';
export type * from './model/types.js';
export type * from './scenario/types.js';
export type * from './catalog/types.js';
