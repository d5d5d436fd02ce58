/**
 * The pipeline, drawn once. Every command that projects a scenario goes through these phases,
 * named as the code names them:
 *
 *   load        scenario/load.ts        read the file; parse YAML or JSON with a source map
 *                                       (every problem gets its line and column); apply --set
 *   normalize   scenario/normalize.ts   check every field against the field table, resolve vars
 *                                       and catalog ids, count tokens, merge strategy variants
 *   simulate    model/simulate.ts       per strategy: line items per month, latency, targets;
 *                                       then the verdict → a Projection (docs/model.md §12)
 *   uncertainty uncertainty/analyze.ts  only for a scenario with ranges (or --sensitivity): the
 *                                       Monte Carlo over inputs, the tornado and the break-evens,
 *                                       re-projecting in memory (docs/model.md §16)
 *   render      report/*, render/*      projection.json, summary.md, costs.csv, report.html and
 *                                       the charts (Vega-Lite → SVG → PNG)
 *   write       io/write.ts             the files under --out, atomically
 *
 * `projectFile` runs load → normalize → simulate → uncertainty for one file and turns every failure into
 * problems for that file (a batch goes on past it); `renderFiles` is the render phase of one
 * projection. The shell (cli/run-command.ts) owns the clock, the catalog and the write phase.
 */
import { problem, problemText } from './messages/problems.js';
import type { Catalog } from './catalog/types.js';
import type { OutputFile } from './io/write.js';
import { NonFiniteError } from './model/finite.js';
import { simulate } from './model/simulate.js';
import type { Projection, RunProblem } from './model/types.js';
import { loadScenario, type SetOverride } from './scenario/load.js';
import type { SourceMemo } from './scenario/normalize.js';
import { analyzeUncertainty } from './uncertainty/analyze.js';

export interface ProjectOptions {
  catalog: Catalog;
  /** YYYY-MM-DD: month 1 defaults to the month after it. */
  today: string;
  allowOutside: boolean;
  sets?: SetOverride[];
  /** Keep only these strategy ids (--strategy); a file with none of them is a problem. */
  strategies?: string[];
  /** false: stop after normalize (`costsim validate`). */
  simulate?: boolean;
  /** Add the tornado and break-evens to a scenario without ranges (one with ranges always gets them). */
  sensitivity?: boolean;
  /** Token sources counted by earlier files of the same batch (LoadOptions.sourceMemos). */
  sourceMemos?: Map<string, SourceMemo>;
}

export type ProjectResult = { ok: true; projection: Projection | null } | { ok: false; problems: RunProblem[] };

/** load → normalize → simulate one scenario file. Never throws for a bad file. */
export async function projectFile(file: string, opts: ProjectOptions): Promise<ProjectResult> {
  try {
    // load (normalize runs inside it: a scenario is only ever handed out normalized)
    const loaded = await loadScenario(file, { catalog: opts.catalog, today: opts.today, allowOutside: opts.allowOutside, sets: opts.sets ?? [], ...(opts.sourceMemos ? { sourceMemos: opts.sourceMemos } : {}) });
    if (!loaded.ok) return { ok: false, problems: loaded.problems };
    const scenario = loaded.scenario;
    const wanted = opts.strategies;
    if (wanted) {
      const unknown = wanted.filter((id) => !scenario.strategies.some((s) => s.id === id));
      if (unknown.length === wanted.length) {
        const ids = scenario.strategies.map((s) => s.id);
        return { ok: false, problems: [problem('strategies', problemText.strategiesNotInScenario(wanted, ids))] };
      }
      scenario.strategies = scenario.strategies.filter((s) => wanted.includes(s.id));
    }
    if (opts.simulate === false) return { ok: true, projection: null };
    // simulate
    try {
      const projection = simulate(scenario, opts.catalog);
      // uncertainty
      return { ok: true, projection: analyzeUncertainty(scenario, opts.catalog, projection, { sensitivity: opts.sensitivity === true }) };
    } catch (err) {
      if (!(err instanceof NonFiniteError)) throw err;
      // An overflow is this scenario's problem, shown at the input most likely responsible.
      const suspect = err.suspects[0]?.path;
      const at = suspect === undefined ? undefined : loaded.locate?.(suspect);
      return { ok: false, problems: [problem(suspect ?? '', problemText.overflow(err.message), at)] };
    }
  } catch (err) {
    // A bug must not take the batch down: report it against the file and go on.
    return { ok: false, problems: [problem('', problemText.internal(err instanceof Error ? err.message : String(err)))] };
  }
}

/** The render phase of one projection: its folder's files (paths relative to the folder). */
export async function renderFiles(projection: Projection): Promise<OutputFile[]> {
  const [{ scenarioOutputFiles }, { renderChart }, { buildCharts }] = await Promise.all([
    import('./report/outputs.js'),
    import('./render/render.js'),
    import('./report/charts/index.js'),
  ]);
  const charts = [];
  for (const { name, spec } of buildCharts(projection)) charts.push({ name, ...(await renderChart(spec)) });
  return scenarioOutputFiles(projection, charts);
}
