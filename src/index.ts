/**
 * costsim as a library: load or normalize a scenario, simulate it against a catalog, render.
 * The phases and their modules are drawn in src/pipeline.ts.
 *
 *   const catalog = loadCatalog();
 *   const loaded = await loadScenario('scenarios/support.yaml', { catalog, today: '2026-11-21', allowOutside: false });
 *   if (loaded.ok) console.log(simulate(loaded.scenario, catalog).verdict);
 *
 * Without a disk: normalizeScenario(data, { catalog, file: 'memory.yaml', today }) takes a plain
 * object (token counts or text; `fs: createMemoryFs({ 'kb/a.md': '…' })` for file: sources).
 * Ranges and maps: sample(scenario, catalog) runs the Monte Carlo over a scenario's ranges;
 * sweep(scenario, catalog, { axes }) the cost curves, exact break-evens and decision maps.
 */
export { projectFile, renderFiles } from './pipeline.js';
export type { ProjectOptions, ProjectResult } from './pipeline.js';
export { simulate, simulateStrategy } from './model/simulate.js';
export { loadScenario } from './scenario/load.js';
export type { LoadOptions, LoadResult, SetOverride } from './scenario/load.js';
export { normalizeScenario } from './scenario/normalize.js';
export type { NormalizeOptions, NormalizeResult } from './scenario/normalize.js';
export { PROBLEM, type Problem, type ProblemCode } from './messages/problems.js';
export { NOTE, type NoteCode } from './messages/notes.js';
export { scenarioJsonSchema, ScenarioFileSchema } from './scenario/schema.js';
export type { ScenarioFile } from './scenario/schema.js';
export { loadCatalog } from './catalog/load.js';
export { createMemoryFs } from './io/scenario-fs.js';
export type { ScenarioFs } from './io/scenario-fs.js';
export { sample } from './uncertainty/sample.js';
export type { SampleOptions, SampleResult } from './uncertainty/sample.js';
export { sensitivity } from './uncertainty/sensitivity.js';
export { withInputs } from './uncertainty/apply.js';
export { sweep } from './sweep/sweep.js';
export type { SweepAxis, SweepOptions, SweepResult, SweepPoint, Crossover, WinnerBand, BoundaryPoint } from './sweep/sweep.js';
export type * from './uncertainty/types.js';
export type * from './model/types.js';
export type * from './scenario/types.js';
export type * from './catalog/types.js';
