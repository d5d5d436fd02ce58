/**
 * `costsim sweep FILE --vary path=lo..hi [--vary path2=lo..hi] [--log] [--steps N] [--month N]`:
 * the scenario is loaded and normalized once, then every grid point is re-projected in memory
 * (src/sweep/). Prints a table, JSON or CSV; with --out writes sweep.json, sweep.csv,
 * report.html and charts/ (sweep-cost or decision-map as SVG, PNG and .vl.json).
 */
import * as path from 'node:path';
import { writeOutputs, type OutputFile } from '../io/write.js';
import { loadScenario } from '../scenario/load.js';
import { problemLines } from './problem-lines.js';
import { valueKind } from '../scenario/read-field.js';
import type { Scenario } from '../scenario/types.js';
import { parseValueAsync } from '../scenario/values.js';
import { InputError, knowsInput } from '../uncertainty/apply.js';
import { sweep, type SweepAxis } from '../sweep/sweep.js';
import { isUsageProblem, openCatalog, parseSets, today, usage, type CommandResult } from './run-command.js';
import { problemText, type ProblemText } from '../messages/problems.js';

interface SweepCommandOptions {
  vary: string[];
  log?: boolean;
  steps?: string;
  month?: string;
  format: 'table' | 'json' | 'csv';
  out?: string;
  set?: string[];
  catalog?: string;
  allowOutside?: boolean;
}

/** `path=lo..hi` → the axis (values read with the field's own kind, so `0%..30%` and `1 day..2 weeks` work). */
async function parseVary(text: string, scenario: Scenario, steps: number, log: boolean): Promise<SweepAxis | ProblemText> {
  const eq = text.indexOf('=');
  if (eq <= 0) return problemText.varyNotPathRange(text);
  const input = text.slice(0, eq).trim();
  const range = text.slice(eq + 1);
  const dots = range.indexOf('..');
  if (dots < 0) return problemText.varyNoRange(input, range);
  if (!scenario.inputs || !knowsInput(scenario.inputs, input)) return problemText.varyNotAnInput(input);
  const rule = scenario.inputs.bindings.find((b) => b.input === input)?.rule;
  const kind = rule === undefined ? 'number' : valueKind(rule);
  const ends: number[] = [];
  for (const raw of [range.slice(0, dots), range.slice(dots + 2)]) {
    const r = await parseValueAsync(raw.trim(), kind, {});
    if (!r.ok) return problemText.varyEnd(input, r.message);
    ends.push(r.value);
  }
  // --log spaces every axis that can be (both ends > 0): `--vary queries=10k..50M --log --vary change=0%..30%`.
  return { input, from: ends[0]!, to: ends[1]!, steps, log: log && ends[0]! > 0, ...(rule ? { kind: rule.kind } : {}) };
}

export async function sweepCommand(file: string, opts: SweepCommandOptions): Promise<CommandResult> {
  if (opts.vary.length < 1 || opts.vary.length > 2) return usage(problemText.varyCount());
  const steps = opts.steps === undefined ? (opts.vary.length === 1 ? 60 : 40) : Number(opts.steps);
  if (!Number.isInteger(steps) || steps < 2) return usage(problemText.stepsNotWhole(opts.steps));
  let month: number | undefined;
  if (opts.month !== undefined) {
    month = Number(opts.month);
    if (!Number.isInteger(month) || month < 1) return usage(problemText.sweepMonthNotNumber(opts.month));
  }
  const sets = parseSets(opts);
  if (isUsageProblem(sets)) return usage(...sets.usage);
  const catalog = openCatalog(opts.catalog);
  if (isUsageProblem(catalog)) return usage(...catalog.usage);
  const loaded = await loadScenario(file, { catalog, today: today(), allowOutside: opts.allowOutside === true, sets });
  if (!loaded.ok) {
    return { stdout: '', stderr: problemLines([{ file, problems: loaded.problems }]), exitCode: 1 };
  }
  const axes: SweepAxis[] = [];
  for (const text of opts.vary) {
    const axis = await parseVary(text, loaded.scenario, steps, opts.log === true);
    if ('code' in axis) return usage(axis);
    axes.push(axis);
  }
  let result;
  try {
    result = sweep(loaded.scenario, catalog, { axes, ...(month !== undefined ? { month } : {}) });
  } catch (err) {
    if (err instanceof InputError) return usage(err.text);
    throw err;
  }
  const report = await import('../sweep/report.js');
  let stderr = '';
  if (opts.out !== undefined) {
    const [{ renderChart }, charts, { renderHtmlDocument }] = await Promise.all([
      import('../render/render.js'),
      import('../report/charts/sweep.js'),
      import('../report/html.js'),
    ]);
    const name = result.axes.length === 1 ? 'sweep-cost' : 'decision-map';
    const spec = result.axes.length === 1 ? charts.sweepCostChart(result) : charts.decisionMapChart(result);
    const chart = await renderChart(spec);
    const title = result.axes.length === 1 ? 'Cost against the swept input, with winner bands' : 'Decision map: the winner in each cell';
    const files: OutputFile[] = [
      { path: 'sweep.json', data: report.renderSweepJson(result) },
      { path: 'sweep.csv', data: report.renderSweepCsv(result) },
      { path: 'report.html', data: renderHtmlDocument(`${result.scenario.name} — sweep`, report.sweepHtmlSection(result, [{ name, title, svg: chart.svg }])) },
      { path: `charts/${name}.svg`, data: chart.svg },
      { path: `charts/${name}.png`, data: chart.png },
      { path: `charts/${name}.vl.json`, data: chart.vl },
    ];
    try {
      const written = writeOutputs(opts.out, files);
      stderr = `wrote ${written.length} files under ${path.resolve(opts.out)}\n`;
    } catch (err) {
      return { stdout: '', stderr: `costsim: could not write the output: ${(err as Error).message}\n`, exitCode: 1 };
    }
  }
  const stdout = opts.format === 'json' ? report.renderSweepJson(result) : opts.format === 'csv' ? report.renderSweepCsv(result) : report.renderSweepTable(result);
  return { stdout, stderr, exitCode: 0 };
}
