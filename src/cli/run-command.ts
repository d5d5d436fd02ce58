/**
 * `costsim run` and `costsim validate`: the batch shell around the pipeline (src/pipeline.ts).
 *
 * Scenarios run on a pool of worker threads (`--jobs`, default the number of cores) and come back
 * in input order; each one is printed (and, with `--out`, its folder written) as soon as it and
 * those before it are done, then dropped, so a batch of any size runs in bounded memory. One bad
 * file never stops the batch: it is reported and the exit code says so (docs/model.md §15: 0 all good,
 * 1 a scenario failed, 2 usage).
 */
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { CatalogError, loadCatalog } from '../catalog/load.js';
import { OutputError, OutputRun, describeIoError, type OutputFile } from '../io/write.js';
import type { Projection, RunDocument, RunProblem } from '../model/types.js';
import { problem, problemText, type Worded } from '../messages/problems.js';
import { parseSetOption, type SetOverride } from '../scenario/load.js';
import type { Catalog } from '../catalog/types.js';
import { projectFile } from '../pipeline.js';
import type { BatchSettings, OutputFormat, ScenarioOutcome } from './batch.js';
import { expandPaths, type Expanded } from './paths.js';
import { runInOrder } from './pool.js';
import { Progress } from './progress.js';
import { escapeForTerminal } from '../util/terminal.js';
import { problemLines } from './problem-lines.js';

export type { OutputFormat } from './batch.js';
const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'jsonl', 'csv', 'md', 'focus'];

interface RunOptions {
  format: OutputFormat;
  out?: string;
  strategy?: string;
  set?: string[];
  months?: string;
  catalog?: string;
  allowOutside?: boolean;
  /** Add the tornado and break-evens to scenarios without ranges (those with ranges always get them). */
  sensitivity?: boolean;
  jobs?: string;
  quiet?: boolean;
  /** The command line as typed (after `costsim`), for the hint on a path that follows --set; default process.argv. */
  argv?: string[];
}

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: 0 | 1 | 2;
}

/** Where a run streams its output; the CLI passes process.stdout and process.stderr. */
interface RunStreams {
  stdout: { write(text: string | Uint8Array): boolean; once(event: 'drain', listener: () => void): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

/** Today as YYYY-MM-DD: month 1 defaults to the month after it. The shell owns the clock. */
export function today(): string {
  return process.env.COSTSIM_TODAY ?? new Date().toISOString().slice(0, 10);
}

/**
 * Every path argument is checked before anything runs: a path that matches nothing is a usage
 * error (exit 2), not a failed scenario found after the others were projected. A path that follows
 * a --set value is most often the rest of that value, split by the shell at an unquoted space
 * (`--set vars.daily_chats=60 k`), so the message says to quote it. `argv` is the raw command line.
 */
function missingPathsMessage(missing: Expanded['missing'], argv: string[] = process.argv.slice(2)): Worded[] | undefined {
  if (missing.length === 0) return undefined;
  return missing.map((m) => {
    const i = argv.indexOf(m.path);
    const before = i > 0 ? argv[i - 1] : undefined;
    if (before === undefined || !(argv[i - 2] === '--set' || before.startsWith('--set='))) return m.text;
    return problemText.pathAfterSet(m.text, before.replace(/^--set=/, ''), m.path);
  });
}

/** A usage error (exit 2): each text of the catalog on a line of its own, after "costsim: ". */
export function usage(...texts: Worded[]): CommandResult {
  return { stdout: '', stderr: texts.map((t) => `costsim: ${t.message}\n`).join(''), exitCode: 2 };
}

/** What is wrong with the command line, in the catalog's words (several: one per path that matches nothing). */
export interface UsageProblem {
  usage: Worded[];
}
const usageProblem = (...texts: Worded[]): UsageProblem => ({ usage: texts });
export const isUsageProblem = (x: object): x is UsageProblem => 'usage' in x;

export function parseSets(opts: Pick<RunOptions, 'set' | 'months'> & { format?: string }): SetOverride[] | UsageProblem {
  const sets: SetOverride[] = [];
  for (const text of opts.set ?? []) {
    const s = parseSetOption(text);
    if ('code' in s) return usageProblem(s);
    sets.push(s);
  }
  if (opts.months !== undefined) {
    if (!/^\d+$/.test(opts.months) || Number(opts.months) < 1) return usageProblem(problemText.monthsNotWhole(opts.months));
    sets.push({ path: 'horizon_months', value: opts.months });
  }
  return sets;
}

export function openCatalog(file: string | undefined): Catalog | UsageProblem {
  try {
    return loadCatalog(file === undefined ? {} : { extraFile: file });
  } catch (err) {
    if (err instanceof CatalogError) return usageProblem(problemText.catalogUnusable(err.problems));
    return usageProblem(problemText.unreadableInput(err instanceof Error ? err.message : String(err)));
  }
}

/** Opens the catalog once up front, so that a broken --catalog is one usage error, not one per file. */
function checkCatalog(file: string | undefined): UsageProblem | null {
  const c = openCatalog(file);
  return isUsageProblem(c) ? c : null;
}

interface Batch {
  doc: RunDocument;
  files: string[];
}

/**
 * A whole batch in memory, against a given catalog (`costsim diff` and `check` compare whole
 * documents): the pipeline's per-file phases in this thread, nothing printed.
 */
export async function runBatch(paths: string[], opts: Pick<RunOptions, 'strategy' | 'allowOutside'>, catalog: Catalog, sets: SetOverride[], simulateToo: boolean): Promise<Batch> {
  const expanded = expandPaths(paths.length > 0 ? paths : ['scenarios']);
  const doc: RunDocument = { schema: 'costsim.run/v1', results: [], errors: [] };
  for (const m of expanded.missing) doc.errors.push({ file: m.path, problems: [problem('', m.text)] });
  const strategies = opts.strategy?.split(',').map((s) => s.trim()).filter(Boolean);
  for (const file of expanded.files) {
    const r = await projectFile(file, {
      catalog,
      today: today(),
      allowOutside: opts.allowOutside === true,
      sets,
      simulate: simulateToo,
      ...(strategies ? { strategies } : {}),
    });
    if (!r.ok) doc.errors.push({ file, problems: r.problems });
    else if (r.projection) doc.results.push(r.projection);
  }
  return { doc, files: expanded.files };
}

/** Most worker threads a batch starts: beyond the cores they only add memory. */
const MAX_JOBS = 64;

function parseJobs(text: string | undefined): number | UsageProblem {
  if (text === undefined) return availableParallelism();
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_JOBS) return usageProblem(problemText.jobsNotWhole(MAX_JOBS, text));
  return Number(text);
}

/**
 * The arguments `run` and `validate` share, checked before anything runs: a usage message, or
 * the overrides, the thread count, the files, and an error entry for each path that names none.
 */
function checkBatchArguments(
  paths: string[],
  opts: Pick<RunOptions, 'set' | 'months' | 'catalog' | 'argv'> & { format?: string },
  jobsText: string | undefined,
): UsageProblem | { sets: SetOverride[]; jobs: number; expanded: Expanded; errors: RunDocument['errors'] } {
  const sets = parseSets(opts);
  if (isUsageProblem(sets)) return sets;
  const jobs = parseJobs(jobsText);
  if (typeof jobs !== 'number') return jobs;
  const catalogProblem = checkCatalog(opts.catalog);
  if (catalogProblem !== null) return catalogProblem;
  const expanded = expandPaths(paths.length > 0 ? paths : ['scenarios']);
  const badPaths = missingPathsMessage(expanded.missing, opts.argv);
  if (badPaths !== undefined) return usageProblem(...badPaths);
  const errors: RunDocument['errors'] = expanded.missing.map((m) => ({ file: m.path, problems: [problem('', m.text)] }));
  return { sets, jobs, expanded, errors };
}

/**
 * Writes the stream of one format: a head before the first scenario, each scenario's text with
 * the separator its format puts between scenarios, and a tail after the last. The bytes are those
 * of rendering the whole batch at once (`renderRunJson`, `renderCsv`, `renderTable`, …).
 */
class FormatStream {
  private count = 0;
  /** md: one scenario and no error prints that scenario's report alone, so wait for the end. */
  private held: string | null = null;

  constructor(
    private readonly format: OutputFormat,
    private readonly write: (text: string | Uint8Array) => Promise<void>,
    private readonly single: boolean,
  ) {}

  async head(): Promise<void> {
    if (this.format === 'json') await this.write('{\n  "schema": "costsim.run/v1",\n  "results": [');
    if (this.format === 'csv') {
      const { CSV_COLUMNS } = await import('../report/csv.js');
      await this.write(CSV_COLUMNS.join(',') + '\r\n');
    }
    if (this.format === 'focus') {
      const focus = (await import('../report/focus.js')).renderFocus([]);
      await this.write(focus); // the header line alone
    }
  }

  /** json and jsonl come as UTF-8 bytes (canonicalJsonBytes), the other formats as text. */
  async result(text: string | Uint8Array): Promise<void> {
    const first = this.count++ === 0;
    if (typeof text !== 'string') {
      if (this.format === 'json') await this.write(first ? '\n    ' : ',\n    ');
      await this.write(text);
      return this.format === 'jsonl' ? this.write('\n') : undefined;
    }
    switch (this.format) {
      case 'json':
        return this.write(`${first ? '' : ','}\n    ${text}`);
      case 'jsonl':
        return this.write(text + '\n');
      case 'csv':
      case 'focus':
        return this.write(text);
      case 'table':
        return this.write(first ? text : '\n\n' + text);
      case 'md':
        if (this.single) {
          this.held = text;
          return;
        }
        return this.write(text + '\n');
    }
  }

  async error(entry: RunDocument['errors'][number]): Promise<void> {
    if (this.format === 'jsonl') {
      const { canonicalize } = await import('../report/json.js');
      await this.write(JSON.stringify(canonicalize(entry)) + '\n');
    }
  }

  async tail(errors: RunDocument['errors'], summaries: readonly Projection[]): Promise<void> {
    switch (this.format) {
      case 'json': {
        const { canonicalJsonBytes } = await import('../report/json.js');
        await this.write(`${this.count > 0 ? '\n  ' : ''}],\n  "errors": `);
        await this.write(canonicalJsonBytes(errors, 1));
        return this.write('\n}\n');
      }
      case 'table': {
        // The problems went to stderr as they came (file:line:col); the table does not repeat them.
        if (this.count > 0 || errors.length > 0) return;
        const { renderTable } = await import('../report/table.js');
        return this.write(renderTable([]));
      }
      case 'md': {
        if (this.held !== null && errors.length === 0) return this.write(this.held.endsWith('\n') ? this.held : this.held + '\n');
        if (this.held !== null) await this.write(this.held + '\n');
        const { renderBatchMarkdown } = await import('../report/markdown.js');
        const md = renderBatchMarkdown([...summaries], errors);
        return this.write(md.endsWith('\n') ? md : md + '\n');
      }
      default:
        return;
    }
  }
}

/** Scenarios the batch summary chart draws; the rest are in summary.md's table. */
export const SUMMARY_CHART_SCENARIOS = 20;

/** The summary chart's ranking: the recommended strategy's horizon total, else the cheapest drawn one. */
function summaryRank(p: Projection): number {
  const drawn = p.strategies.filter((s) => s.feasible);
  const rec = drawn.find((s) => s.id === p.verdict.recommended);
  const totals = (rec ? [rec] : drawn).map((s) => s.total_usd ?? 0);
  return totals.length > 0 ? Math.min(...totals) : 0;
}

/** Keeps the `SUMMARY_CHART_SCENARIOS` costliest projections seen so far (ties: the earlier file). */
export class TopScenarios {
  private kept: { rank: number; index: number; projection: Projection }[] = [];
  count = 0;

  add(projection: Projection): void {
    const entry = { rank: summaryRank(projection), index: this.count++, projection };
    this.kept.push(entry);
    if (this.kept.length > SUMMARY_CHART_SCENARIOS) {
      this.kept.sort((a, b) => b.rank - a.rank || a.index - b.index);
      this.kept.pop();
    }
  }

  /** The kept projections in batch order, with their 1-based numbers in the batch. */
  selected(): { projections: Projection[]; numbers: number[] } {
    const inOrder = [...this.kept].sort((a, b) => a.index - b.index);
    return { projections: inOrder.map((e) => e.projection), numbers: inOrder.map((e) => e.index + 1) };
  }
}

async function summaryFiles(summaries: readonly Projection[], top: TopScenarios, errors: RunDocument['errors']): Promise<OutputFile[]> {
  const { renderBatchMarkdown } = await import('../report/markdown.js');
  const files: OutputFile[] = [{ path: 'summary.md', data: renderBatchMarkdown([...summaries], errors) }];
  if (top.count > 0) {
    const [{ renderChart }, { summaryChart }] = await Promise.all([import('../render/render.js'), import('../report/charts/summary.js')]);
    const { projections, numbers } = top.selected();
    const chart = await renderChart(summaryChart(projections, { numbers, total: top.count }));
    files.push({ path: 'charts/summary.svg', data: chart.svg }, { path: 'charts/summary.png', data: chart.png }, { path: 'charts/summary.vl.json', data: chart.vl });
  }
  return files;
}

function stdoutWriter(stdout: RunStreams['stdout']): (text: string | Uint8Array) => Promise<void> {
  return (text) => (stdout.write(text) ? Promise.resolve() : new Promise<void>((resolve) => stdout.once('drain', resolve)));
}

/** Streams that collect what a run prints (in-process callers get it back in the result). */
function collectingStreams(): RunStreams & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const text = (t: string | Uint8Array) => (typeof t === 'string' ? t : Buffer.from(t.buffer, t.byteOffset, t.byteLength).toString('utf8'));
  return { out, err, stdout: { write: (t) => (out.push(text(t)), true), once: () => undefined }, stderr: { write: (t) => err.push(t) } };
}

/**
 * Scenarios a worker thread must have to pay for its start-up (loading the model and renderers
 * in a new thread costs about as much CPU as 10–20 JSON projections, or less than one scenario's
 * charts): below this, the default is one thread.
 */
const WORKER_MIN_FILES = { out: 2, stdout: 16 };

/**
 * `costsim run`. The CLI passes process.stdout/stderr and the output streams as it goes; an
 * in-process caller that passes no streams gets stdout and stderr back in the result (and one
 * thread unless it asks for --jobs).
 */
export async function runCommand(paths: string[], opts: RunOptions, given?: RunStreams): Promise<CommandResult> {
  const collected = given === undefined ? collectingStreams() : null;
  const streams: RunStreams = given ?? (collected as RunStreams);
  const r = await runStreaming(paths, opts, streams, given !== undefined);
  if (collected === null) return r;
  return { stdout: collected.out.join(''), stderr: collected.err.join('') + r.stderr, exitCode: r.exitCode };
}

async function runStreaming(paths: string[], opts: RunOptions, streams: RunStreams, cli: boolean): Promise<CommandResult> {
  if (!OUTPUT_FORMATS.includes(opts.format)) return usage(problemText.formatNotOneOf(OUTPUT_FORMATS, opts.format));
  if (opts.out !== undefined && opts.out.trim() === '') return usage(problemText.outEmpty());
  const args = checkBatchArguments(paths, opts, opts.jobs);
  if (isUsageProblem(args)) return usage(...args.usage);
  const { sets, jobs: jobsAsked, expanded, errors } = args;

  const workerWorth = expanded.files.length >= (opts.out !== undefined ? WORKER_MIN_FILES.out : WORKER_MIN_FILES.stdout);
  const jobs = opts.jobs !== undefined ? jobsAsked : cli && workerWorth ? jobsAsked : 1;
  const jsonOnStdout = (opts.format === 'json' || opts.format === 'jsonl') && opts.out === undefined;
  // JSON carries its errors in the document; the other formats list them on stderr as they come.
  const say = (text: string) => {
    if (text === '' || jsonOnStdout) return;
    progress.clear();
    streams.stderr.write(text);
  };
  const progress = Progress.for(expanded.files.length, streams.stderr, opts.quiet !== true && !jsonOnStdout);
  say(problemLines(errors));

  let run: OutputRun | null = null;
  let outFailed = false;
  if (opts.out !== undefined) {
    try {
      run = OutputRun.open(opts.out);
    } catch (err) {
      outFailed = true;
      say(`costsim: could not write the output: ${err instanceof OutputError ? err.message : describeIoError(err)}\n`);
    }
  }

  const settings: BatchSettings = {
    format: opts.format,
    ...(run ? { outTemp: run.temp } : {}),
    ...(opts.strategy !== undefined ? { strategies: opts.strategy.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
    sets,
    ...(opts.catalog !== undefined ? { catalogFile: opts.catalog } : {}),
    allowOutside: opts.allowOutside === true,
    today: today(),
    validateOnly: false,
    keepProjection: run !== null,
    sensitivity: opts.sensitivity === true,
  };
  const wantSummaries = run !== null || opts.format === 'md';
  const summaries: Projection[] = [];
  const top = new TopScenarios();
  // Only `--out` names folders; outputs.ts brings the HTML and Markdown renderers (≈60 kB of code
  // to compile), which a run printing JSON, JSONL or a table does not need.
  const folderName = run !== null ? (await import('../report/outputs.js')).folderNamer() : () => '';
  const single = expanded.files.length === 1 && expanded.missing.length === 0;
  const stream = new FormatStream(opts.format, stdoutWriter(streams.stdout), single);
  await stream.head();
  // Missing paths are listed before any scenario, as the document always had them.
  for (const e of errors) await stream.error(e);

  let results = 0;
  let focusNotes = '';
  const fail = async (o: ScenarioOutcome, problems: RunProblem[]) => {
    const entry = { file: o.file, problems };
    errors.push(entry);
    await stream.error(entry);
    say(problemLines([entry]));
  };
  for await (const o of runInOrder(expanded.files, settings, jobs)) {
    progress.tick(o.ok && o.writeProblem === undefined);
    if (!o.ok) {
      await fail(o, o.problems);
      continue;
    }
    results++;
    await stream.result(o.text);
    if (o.notes) focusNotes += o.notes;
    if (wantSummaries && o.summary) summaries.push(o.summary);
    if (run !== null && o.projection) top.add(o.projection);
    if (o.writeProblem) await fail(o, [o.writeProblem]);
    else if (run !== null && o.part && o.summary) {
      try {
        run.place(o.part.dir, folderName(o.summary), o.part.files);
      } catch (err) {
        run.discard(o.part.dir);
        await fail(o, [problem('', problemText.outputNotWritten(err instanceof Error ? err.message : String(err)))]);
      }
    }
  }
  progress.clear();
  if (run !== null) {
    try {
      run.writeFiles(await summaryFiles(summaries, top, errors));
      run.commit();
      if (opts.quiet !== true) say(`wrote ${run.filesWritten} files for ${results} scenario(s) under ${path.resolve(run.root)}\n`);
    } catch (err) {
      run.abandon();
      outFailed = true;
      say(`costsim: could not write the output: ${err instanceof OutputError ? err.message : describeIoError(err)}\n`);
    }
  }
  await stream.tail(errors, summaries);
  if (focusNotes !== '') say(focusNotes);
  return { stdout: '', stderr: '', exitCode: errors.length > 0 || outFailed ? 1 : 0 };
}

/**
 * `costsim validate`. table: `file: ok` on stdout for each good file, each problem on stderr.
 * json: one `costsim.validate/v1` document on stdout, every file checked and the problems of
 * those that failed (the run document's `errors` shape), nothing on stderr.
 */
export async function validateCommand(paths: string[], opts: Pick<RunOptions, 'set' | 'catalog' | 'allowOutside' | 'jobs' | 'argv'> & { format?: 'table' | 'json' }): Promise<CommandResult> {
  const format = opts.format ?? 'table';
  if (format !== 'table' && format !== 'json') return usage(problemText.formatNotOneOf(['table', 'json'], String(format)));
  const args = checkBatchArguments(paths, opts, opts.jobs ?? '1');
  if (isUsageProblem(args)) return usage(...args.usage);
  const { sets, jobs, expanded, errors } = args;
  const settings: BatchSettings = {
    format: 'table',
    sets,
    ...(opts.catalog !== undefined ? { catalogFile: opts.catalog } : {}),
    allowOutside: opts.allowOutside === true,
    today: today(),
    validateOnly: true,
    keepProjection: false,
  };
  let ok = '';
  const valid: string[] = [];
  for await (const o of runInOrder(expanded.files, settings, jobs)) {
    if (o.ok) {
      ok += `${escapeForTerminal(o.file)}: ok\n`;
      valid.push(o.file);
    } else errors.push({ file: o.file, problems: o.problems });
  }
  const exitCode = errors.length > 0 ? 1 : 0;
  if (format === 'json') {
    const { canonicalize } = await import('../report/json.js');
    const doc = canonicalize({ schema: 'costsim.validate/v1', valid, errors });
    return { stdout: JSON.stringify(doc, null, 2) + '\n', stderr: '', exitCode };
  }
  return { stdout: ok, stderr: problemLines(errors), exitCode };
}
