/**
 * `costsim run` and `costsim validate`: the batch shell around the pipeline (src/pipeline.ts).
 * Reads each scenario, simulates, renders and writes; one bad file never stops the batch,
 * it is reported and the exit code says so (SPEC §8: 0 all good, 1 a scenario failed).
 */
import * as path from 'node:path';
import { loadCatalog } from '../catalog/load.js';
import type { Catalog } from '../catalog/types.js';
import { writeOutputs, type OutputFile } from '../io/write.js';
import type { Projection, RunDocument } from '../model/types.js';
import { projectFile, renderFiles } from '../pipeline.js';
import { parseSetOption, type SetOverride } from '../scenario/load.js';
import { expandPaths } from './paths.js';

export type OutputFormat = 'table' | 'json' | 'csv' | 'md';

export interface RunOptions {
  format: OutputFormat;
  out?: string;
  strategy?: string;
  set?: string[];
  months?: string;
  catalog?: string;
  allowOutside?: boolean;
}

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: 0 | 1 | 2;
}

/** Today as YYYY-MM-DD: month 1 defaults to the month after it. The shell owns the clock. */
export function today(): string {
  return process.env.COSTSIM_TODAY ?? new Date().toISOString().slice(0, 10);
}

function usage(message: string): CommandResult {
  return { stdout: '', stderr: `costsim: ${message}\n`, exitCode: 2 };
}

export function parseSets(opts: RunOptions): SetOverride[] | string {
  const sets: SetOverride[] = [];
  for (const text of opts.set ?? []) {
    const s = parseSetOption(text);
    if (typeof s === 'string') return s;
    sets.push(s);
  }
  if (opts.months !== undefined) {
    if (!/^\d+$/.test(opts.months) || Number(opts.months) < 1) return `--months expects a whole number of months; got "${opts.months}"`;
    sets.push({ path: 'horizon_months', value: opts.months });
  }
  return sets;
}

export function openCatalog(file: string | undefined): Catalog | string {
  try {
    return loadCatalog(file === undefined ? {} : { extraFile: file });
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

export interface Batch {
  doc: RunDocument;
  files: string[];
}

export async function runBatch(paths: string[], opts: RunOptions, catalog: Catalog, sets: SetOverride[], simulateToo: boolean): Promise<Batch> {
  const expanded = expandPaths(paths.length > 0 ? paths : ['scenarios']);
  const doc: RunDocument = { schema: 'costsim.run/v1', results: [], errors: [] };
  for (const m of expanded.missing) doc.errors.push({ file: m.path, problems: [{ path: '', message: m.message }] });
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

async function renderStdout(doc: RunDocument, format: OutputFormat): Promise<string> {
  switch (format) {
    case 'json':
      return (await import('../report/json.js')).renderRunJson(doc);
    case 'csv':
      return (await import('../report/csv.js')).renderCsv(doc.results);
    case 'md': {
      const md = await import('../report/markdown.js');
      if (doc.results.length === 1 && doc.errors.length === 0) return md.renderMarkdown(doc.results[0] as Projection);
      return [...doc.results.map((p) => md.renderMarkdown(p)), md.renderBatchMarkdown(doc.results, doc.errors)].join('\n');
    }
    case 'table':
      return (await import('../report/table.js')).renderTable(doc.results, doc.errors);
  }
}

/** Files of the output folder: a folder per scenario, plus the batch summary (SPEC §7). */
async function outputFiles(doc: RunDocument): Promise<OutputFile[]> {
  const [{ uniqueFolderNames }, { renderSummaryChart }, md] = await Promise.all([
    import('../report/outputs.js'),
    import('../render/render.js'),
    import('../report/markdown.js'),
  ]);
  const files: OutputFile[] = [];
  const folders = uniqueFolderNames(doc.results);
  for (const [k, projection] of doc.results.entries()) {
    const folder = folders[k] as string;
    for (const f of await renderFiles(projection)) files.push({ path: `${folder}/${f.path}`, data: f.data });
  }
  files.push({ path: 'summary.md', data: md.renderBatchMarkdown(doc.results, doc.errors) });
  if (doc.results.length > 0) {
    for (const c of await renderSummaryChart(doc.results)) files.push({ path: `charts/${c.path}`, data: c.bytes });
  }
  return files;
}

function problemLines(doc: RunDocument): string {
  const lines: string[] = [];
  for (const e of doc.errors) {
    for (const p of e.problems) {
      const where = p.line !== undefined ? `${e.file}:${p.line}:${p.column ?? 1}` : e.file;
      lines.push(`${where}: ${p.path ? `${p.path}: ` : ''}${p.message}`);
    }
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}

export async function runCommand(paths: string[], opts: RunOptions): Promise<CommandResult> {
  if (!['table', 'json', 'csv', 'md'].includes(opts.format)) return usage(`--format must be table, json, csv or md; got "${opts.format}"`);
  const sets = parseSets(opts);
  if (typeof sets === 'string') return usage(sets);
  const catalog = openCatalog(opts.catalog);
  if (typeof catalog === 'string') return usage(catalog);

  const { doc } = await runBatch(paths, opts, catalog, sets, true);
  let stderr = problemLines(doc);
  if (opts.out !== undefined) {
    try {
      const written = writeOutputs(opts.out, await outputFiles(doc));
      stderr += `wrote ${written.length} files for ${doc.results.length} scenario(s) under ${path.resolve(opts.out)}\n`;
    } catch (err) {
      return { stdout: '', stderr: stderr + `costsim: could not write the output: ${(err as Error).message}\n`, exitCode: 1 };
    }
  }
  // JSON carries its errors in the document; the other formats list them on stderr.
  const stdout = await renderStdout(doc, opts.format);
  return { stdout, stderr: opts.format === 'json' && opts.out === undefined ? '' : stderr, exitCode: doc.errors.length > 0 ? 1 : 0 };
}

export async function validateCommand(paths: string[], opts: Pick<RunOptions, 'set' | 'catalog' | 'allowOutside'>): Promise<CommandResult> {
  const sets = parseSets({ format: 'table', ...opts });
  if (typeof sets === 'string') return usage(sets);
  const catalog = openCatalog(opts.catalog);
  if (typeof catalog === 'string') return usage(catalog);
  const { doc, files } = await runBatch(paths, { format: 'table', ...opts }, catalog, sets, false);
  const bad = new Set(doc.errors.map((e) => e.file));
  const ok = files.filter((f) => !bad.has(f)).map((f) => `${f}: ok\n`).join('');
  return { stdout: ok, stderr: problemLines(doc), exitCode: doc.errors.length > 0 ? 1 : 0 };
}
