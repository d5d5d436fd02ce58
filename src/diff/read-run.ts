/**
 * Reads a saved run for `costsim diff` and `costsim check --compare-to`: the document of
 * `costsim run --format json` (`costsim.run/v1`) or a scenario's `projection.json`
 * (`costsim.projection/v1`, read as a run of one). Anything else is a clear problem, never a
 * stack trace: the file is the user's.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import type { Projection, RunDocument } from '../model/types.js';
import { inRunFile, problemText, type ProblemText, type Worded } from '../messages/problems.js';

/** A saved run larger than this is refused rather than parsed (a run of 1,000 scenarios is ~60 MB). */
const MAX_RUN_BYTES = 512 * 1024 * 1024;

type ReadRunResult = { ok: true; doc: RunDocument } | { ok: false; text: Worded };

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** What a parsed value holds, as a run document; a message when it is not one. */
function asRunDocument(data: unknown, file: string): ReadRunResult {
  if (!isObject(data)) return { ok: false, text: inRunFile(file, problemText.runNotADocument(data)) };
  if (data.schema === 'costsim.run/v1') {
    if (!Array.isArray(data.results) || !Array.isArray(data.errors)) return { ok: false, text: inRunFile(file, problemText.runNeedsLists()) };
    for (const [i, p] of (data.results as unknown[]).entries()) {
      const why = projectionProblem(p);
      if (why) return { ok: false, text: inRunFile(file, why, `results[${i}]`) };
    }
    return { ok: true, doc: data as unknown as RunDocument };
  }
  if (data.schema === 'costsim.projection/v1') {
    const why = projectionProblem(data);
    if (why) return { ok: false, text: inRunFile(file, why) };
    return { ok: true, doc: { schema: 'costsim.run/v1', results: [data as unknown as Projection], errors: [] } };
  }
  return { ok: false, text: inRunFile(file, problemText.runUnknownSchema(data.schema)) };
}

/** The shape the diff reads from a projection; a sentence when it is missing. */
function projectionProblem(p: unknown): ProblemText | undefined {
  if (!isObject(p) || p.schema !== 'costsim.projection/v1') return problemText.projectionShape('schema');
  if (!isObject(p.scenario) || typeof p.scenario.name !== 'string' || typeof p.scenario.file !== 'string') return problemText.projectionShape('scenario');
  if (!isObject(p.verdict) || !isObject(p.catalog) || !Array.isArray(p.strategies)) return problemText.projectionShape('sections');
  for (const s of p.strategies as unknown[]) {
    if (!isObject(s) || typeof s.id !== 'string' || !Array.isArray(s.monthly) || !Array.isArray(s.line_items) || !isObject(s.per_query)) {
      return problemText.projectionShape('strategy');
    }
  }
  return undefined;
}

/** Reads and checks a saved run file. */
export function readRunFile(file: string): ReadRunResult {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_RUN_BYTES) return { ok: false, text: problemText.runTooLarge(file, size, MAX_RUN_BYTES) };
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, text: code === 'ENOENT' ? problemText.noSuchFile(file) : problemText.cannotRead(file, (err as Error).message) };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, text: inRunFile(file, problemText.runNotJson(file, (err as Error).message)) };
  }
  return asRunDocument(data, file);
}

/** True when `file` is a saved run rather than a scenario (a scenario may be JSON too). */
export function looksLikeRunFile(file: string): boolean {
  if (!file.toLowerCase().endsWith('.json')) return false;
  try {
    // A run document starts with its schema key (the writer puts it first); read a little only.
    const fd = openSync(file, 'r');
    const buf = Buffer.alloc(200);
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, 0);
    } finally {
      closeSync(fd);
    }
    const head = buf.subarray(0, n).toString('utf8');
    return /^\s*\{\s*"schema"\s*:\s*"costsim\.(run|projection)\/v1"/.test(head);
  } catch {
    return false;
  }
}
