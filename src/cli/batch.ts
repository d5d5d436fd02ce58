/**
 * One scenario of a batch, start to finish: load, simulate, render what the run prints and, with
 * `--out`, write the scenario's folder (into the run's temporary folder). The same function runs
 * in the main thread (`--jobs 1`) and in each worker thread, so both give the same bytes.
 *
 * Nothing here keeps a scenario after it returns: the caller streams the outcome and drops it,
 * which is what keeps a 10,000-file batch in bounded memory.
 */
import { loadCatalog } from '../catalog/load.js';
import type { Catalog } from '../catalog/types.js';
import { rmSync } from 'node:fs';
import { OutputError, describeIoError, writeFilesInto } from '../io/write.js';
import { problem, problemText } from '../messages/problems.js';
import type { Projection, RunProblem } from '../model/types.js';
import { projectFile, renderFiles } from '../pipeline.js';
import type { SetOverride } from '../scenario/load.js';
import type { SourceMemo } from '../scenario/normalize.js';

export type OutputFormat = 'table' | 'json' | 'jsonl' | 'csv' | 'md' | 'focus';

/** Everything a worker needs to run scenarios exactly as the main thread would (structured-clonable). */
export interface BatchSettings {
  /** Add the tornado and break-evens to scenarios without ranges (--sensitivity). */
  sensitivity?: boolean;
  /** null: no text (an in-memory batch keeps the projections instead). */
  format: OutputFormat | null;
  /** The run's temporary output folder when `--out` is given. */
  outTemp?: string;
  strategies?: string[];
  sets: SetOverride[];
  catalogFile?: string;
  allowOutside: boolean;
  today: string;
  /** Render only the checks (`validate`): no simulation, no output. */
  validateOnly: boolean;
  /** Keep whole projections in the outcome (the main thread needs them for the batch summary chart). */
  keepProjection: boolean;
}

export interface ScenarioTask {
  index: number;
  file: string;
}

export type ScenarioOutcome =
  | { index: number; file: string; ok: false; problems: RunProblem[] }
  | {
      index: number;
      file: string;
      ok: true;
      /** The format's text for this scenario, without the separators the stream adds (json, jsonl: UTF-8 bytes). */
      text: string | Uint8Array;
      /** focus: lines for stderr naming the line items FOCUS cannot hold. */
      notes?: string;
      /** The row of the batch summary (summary.md, the `md` batch table). */
      summary?: Projection;
      projection?: Projection;
      /** `--out`: the part folder written and its file count (the main thread names it). */
      part?: { dir: string; files: number };
      /** `--out` failed for this scenario (its stdout text is still printed). */
      writeProblem?: RunProblem;
    };

/**
 * The fields of a projection the batch summary reads (scenario, catalog, verdict, and per strategy
 * its totals, month 1 and per-query figures): a few hundred bytes instead of ≈100 KB, so the
 * summary of 10,000 scenarios fits in memory.
 */
function summaryView(p: Projection): Projection {
  return {
    schema: p.schema,
    scenario: p.scenario,
    catalog: p.catalog,
    verdict: p.verdict,
    strategies: p.strategies.map((s) => ({
      ...s,
      notes: [],
      monthly: s.monthly.slice(0, 1),
      line_items: [],
      rate_limits: [],
    })),
    // The command-line overrides stay: the batch summary says which inputs a what-if changed.
    assumptions: p.assumptions.filter((a) => a.origin === 'command-line'),
    notes: [],
  };
}

const catalogs = new Map<string, Catalog>();
function catalogFor(settings: BatchSettings): Catalog {
  const key = settings.catalogFile ?? '';
  let c = catalogs.get(key);
  if (c === undefined) {
    c = loadCatalog(settings.catalogFile === undefined ? {} : { extraFile: settings.catalogFile });
    catalogs.set(key, c);
  }
  return c;
}

/**
 * The token sources a batch has counted, per run (per settings object: the main thread's, or a
 * worker's copy): scenarios of one folder share their prompt files, corpus and dataset
 * (SourceMemo in scenario/normalize.ts). Held weakly, so a finished run's counts go with it.
 */
const sourceMemos = new WeakMap<BatchSettings, Map<string, SourceMemo>>();

function sourceMemosFor(settings: BatchSettings): Map<string, SourceMemo> {
  let memos = sourceMemos.get(settings);
  if (memos === undefined) sourceMemos.set(settings, (memos = new Map()));
  return memos;
}

/** Renders the format's text for one projection (what the stream writes for it). */
async function formatText(p: Projection, format: OutputFormat, catalog: Catalog): Promise<string | Uint8Array> {
  switch (format) {
    case 'focus': {
      const focus = (await import('../report/focus.js')).renderFocus([p], catalog);
      return focus.slice(focus.indexOf('\r\n') + 2); // rows only: the stream writes the header once
    }
    case 'json': {
      const { canonicalJsonBytes } = await import('../report/json.js');
      // Indented as it sits inside the run document's `results` array (JSON.stringify(doc, null, 2)).
      return canonicalJsonBytes(p, 2);
    }
    case 'jsonl':
      return (await import('../report/json.js')).canonicalJsonBytes(p, 0, false);
    case 'csv': {
      const csv = (await import('../report/csv.js')).renderCsv([p]);
      return csv.slice(csv.indexOf('\r\n') + 2); // rows only: the stream writes the header once
    }
    case 'md':
      return (await import('../report/markdown.js')).renderMarkdown(p);
    case 'table':
      return (await import('../report/table.js')).renderTable([p]);
  }
}

/** One scenario of a batch, from its file to its outcome (and, with --out, its written part folder). */
export async function runScenario(task: ScenarioTask, settings: BatchSettings): Promise<ScenarioOutcome> {
  const { index, file } = task;
  const fail = (problems: RunProblem[]): ScenarioOutcome => ({ index, file, ok: false, problems });
  let catalog: Catalog;
  try {
    catalog = catalogFor(settings);
  } catch (err) {
    return fail([problem('', problemText.unreadableInput(err instanceof Error ? err.message : String(err)))]);
  }
  // load → normalize → simulate (the pipeline turns every failure into this file's problems)
  const r = await projectFile(file, {
    catalog,
    today: settings.today,
    allowOutside: settings.allowOutside,
    sets: settings.sets,
    simulate: !settings.validateOnly,
    sensitivity: settings.sensitivity === true,
    sourceMemos: sourceMemosFor(settings),
    ...(settings.strategies ? { strategies: settings.strategies } : {}),
  });
  if (!r.ok) return fail(r.problems);
  const projection = r.projection;
  if (projection === null) return { index, file, ok: true, text: '' };
  let text: string | Uint8Array = '';
  try {
    if (settings.format !== null) text = await formatText(projection, settings.format, catalog);
  } catch (err) {
    // One scenario whose output cannot be rendered is an error entry; the rest of the batch is
    // still written.
    return fail([problem('', problemText.renderFailed(settings.format, err instanceof Error ? err.message : String(err)))]);
  }
  const outcome: ScenarioOutcome = { index, file, ok: true, text, summary: summaryView(projection) };
  if (settings.format === 'focus') outcome.notes = (await import('../report/focus.js')).focusNotes([projection]);
  if (settings.keepProjection) outcome.projection = projection;
  if (settings.outTemp !== undefined) {
    const dir = `${settings.outTemp}/.part-${index}`;
    try {
      // render, then write into the run's temporary folder (nobody sees it until the swap). No
      // forced garbage collection afterwards: resvg's memory is freed as each chart is drawn
      // (render/render.ts), and a full collection per scenario threw away optimised code (V8
      // deoptimises code whose embedded objects die), ≈10% of a batch's CPU.
      const n = writeFilesInto(dir, await renderFiles(projection));
      outcome.part = { dir, files: n };
    } catch (err) {
      rmSync(dir, { recursive: true, force: true });
      outcome.writeProblem = problem('', problemText.outputNotWritten(err instanceof OutputError ? err.message : describeIoError(err)));
    }
  }
  return outcome;
}
