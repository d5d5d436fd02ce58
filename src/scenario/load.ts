/**
 * load: the only place a scenario's own file is read. Reads the text, parses it keeping
 * positions, applies --set overrides, normalizes, and gives every problem its line and
 * column. Never throws for a user mistake: the result carries the problems.
 */
import { PROBLEM, problem, problemText, setOnCommandLine, type ProblemText } from '../messages/problems.js';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYamlScalar } from 'yaml';
import type { Catalog } from '../catalog/types.js';
import { createScenarioFs } from '../io/scenario-fs.js';
import type { RunProblem } from '../model/types.js';
import { MAX_SCENARIO_BYTES, sizeProblems } from './limits.js';
import { newSourceMemo, normalizeScenario, type SourceMemo } from './normalize.js';
import { parsePath, parseScenarioText, type SourcePosition } from './source-map.js';
import type { Scenario } from './types.js';

export interface SetOverride {
  /** Dotted field path, e.g. "retrieval.top_k" or "strategies.rag-k12.retrieval.top_k". */
  path: string;
  /** As typed: read as a YAML scalar, so `12`, `3%`, `gpt-4.1` and `true` all work. */
  value: string;
}

export interface LoadOptions {
  catalog: Catalog;
  today: string;
  allowOutside: boolean;
  sets?: SetOverride[];
  /**
   * Token sources counted by earlier scenarios of the same batch, by scenario folder (filled in
   * here; see SourceMemo in normalize.ts). Leave it out and each load reads its sources afresh.
   */
  sourceMemos?: Map<string, SourceMemo>;
}

/** Scenario folders whose counts a batch keeps at most: a batch over more folders starts again. */
const MAX_MEMO_FOLDERS = 256;

/** The memo of a scenario folder's token sources in `memos` (made if new), or none without them. */
function folderMemo(memos: Map<string, SourceMemo> | undefined, folder: string, allowOutside: boolean): SourceMemo | undefined {
  if (memos === undefined) return undefined;
  const key = `${allowOutside ? 'outside' : 'inside'}\u0000${folder}`;
  let memo = memos.get(key);
  if (memo === undefined) {
    if (memos.size >= MAX_MEMO_FOLDERS) memos.clear();
    memos.set(key, (memo = newSourceMemo()));
  }
  return memo;
}

export type LoadResult =
  | {
      ok: true;
      scenario: Scenario;
      /** Line and column of a field path in the file (for problems found after loading, such as an overflow). */
      locate?: (path: string) => SourcePosition | undefined;
    }
  | { ok: false; problems: RunProblem[] };

/** Parses `path=value` from the command line; a string is the problem with it, for a usage error. */
export function parseSetOption(text: string): SetOverride | ProblemText {
  const eq = text.indexOf('=');
  if (eq <= 0) return problemText.setNotPathValue(text);
  const p = text.slice(0, eq).trim();
  if (!/^[A-Za-z0-9_.-]+$/.test(p) || p.split('.').some((s) => s === '')) return problemText.setNotFieldPath(p);
  return { path: p, value: text.slice(eq + 1) };
}

/**
 * Sets `set.path` in the parsed data with own-property semantics: a segment such as
 * `__proto__` or `constructor` is an ordinary (unknown) key, created with defineProperty,
 * never a walk into Object.prototype (`--set __proto__.polluted=1` used to pollute it).
 */
function applySet(data: Record<string, unknown>, set: SetOverride): void {
  const segments = set.path.split('.');
  const own = (obj: Record<string, unknown>, key: string): unknown => (Object.hasOwn(obj, key) ? obj[key] : undefined);
  const put = (obj: Record<string, unknown>, key: string, value: unknown): void => {
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  };
  let cur: Record<string, unknown> = data;
  for (const seg of segments.slice(0, -1)) {
    const next = own(cur, seg);
    if (typeof next !== 'object' || next === null || Array.isArray(next)) put(cur, seg, {});
    cur = own(cur, seg) as Record<string, unknown>;
  }
  let value: unknown;
  try {
    value = parseYamlScalar(set.value);
  } catch {
    value = set.value;
  }
  put(cur, segments[segments.length - 1] as string, value ?? set.value);
}

/**
 * Whether a problem at `problemPath` is about a value a --set gave (the set's own path) or, with
 * `keys`, about a key along a set's path (a reserved key, or an over-long one whose segment
 * is cut at 40 characters and ends in "…").
 */
function setByCommandLine(sets: readonly SetOverride[]): (problemPath: string, options: { keys: boolean }) => boolean {
  const setSegments = sets.map((set) => set.path.split('.'));
  return (problemPath, { keys }) => {
    const at = parsePath(problemPath).map(String);
    return setSegments.some((segs) => {
      if (at.length === segs.length && at.every((seg, i) => seg === segs[i])) return true;
      if (!keys || at.length > segs.length) return false;
      return at.every((seg, i) => seg === segs[i] || (i === at.length - 1 && seg.endsWith('…') && segs[i]!.startsWith(seg.slice(0, -1))));
    });
  };
}

export async function loadScenario(file: string, opts: LoadOptions): Promise<LoadResult> {
  let text: string;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) return fail(problemText.isFolder(file));
    if (stat.size > MAX_SCENARIO_BYTES) return fail(problemText.fileTooLarge(stat.size, MAX_SCENARIO_BYTES));
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? problemText.noSuchFile(file) : problemText.cannotRead(file, (err as Error).message));
  }
  const parsed = parseScenarioText(text, file);
  if (parsed.problems.length > 0 || typeof parsed.data !== 'object' || parsed.data === null) {
    return { ok: false, problems: parsed.problems };
  }
  const data = parsed.data as Record<string, unknown>;
  const unusedVars = unknownVarSets(data, opts.sets ?? []);
  if (unusedVars.length > 0) return { ok: false, problems: unusedVars };
  for (const set of opts.sets ?? []) applySet(data, set);
  const fromCommandLine = setByCommandLine(opts.sets ?? []);
  const tooLong = sizeProblems(data, parsed.locate);
  // Sizes and depths past the limits are refused like syntax the format does not take. A --set
  // value has no line in the file: its problem says where it came from instead.
  if (tooLong.length > 0) {
    return { ok: false, problems: tooLong.map((p) => (fromCommandLine(p.path, { keys: true }) ? problem(p.path, setOnCommandLine(p)) : p)) };
  }
  const folder = path.dirname(path.resolve(file));
  const memo = folderMemo(opts.sourceMemos, folder, opts.allowOutside);
  const result = await normalizeScenario(data, {
    catalog: opts.catalog,
    fs: createScenarioFs(folder, { allowOutside: opts.allowOutside }),
    file,
    today: opts.today,
    commandLinePaths: new Set((opts.sets ?? []).map((s) => s.path)),
    ...(memo ? { memo } : {}),
  });
  if (result.ok) return { ok: true, scenario: withOverrides(result.scenario, opts.sets ?? []), locate: (p: string) => parsed.locate(p) };
  const problems = result.problems.map((p) => {
      // An unknown key is shown at the key itself, not at its value.
      // An unknown key may be the first segment of a --set path (`workloads.queries_per_month`).
      if (fromCommandLine(p.path, { keys: p.code === PROBLEM.unknownKey })) return problem(p.path, setOnCommandLine(p));
      return problem(p.path, p, parsed.locate(p.path, { key: p.code === PROBLEM.unknownKey }));
  });
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { ok: false, problems };
}

/**
 * A var set on the command line that the file does not define is a slip (`vars.daily_chat` for
 * `daily_chats`): formulas live in the file, so nothing could read it, and the run would silently
 * project the baseline.
 */
function unknownVarSets(data: Record<string, unknown>, sets: readonly SetOverride[]): RunProblem[] {
  const vars = data.vars;
  const names = typeof vars === 'object' && vars !== null && !Array.isArray(vars) ? Object.keys(vars) : [];
  return sets
    .filter((s) => s.path.startsWith('vars.') && !names.includes(s.path.slice('vars.'.length)))
    .map((s) => {
      const name = s.path.slice('vars.'.length);
      return problem(s.path, problemText.setUnknownVar(name, names));
    });
}

/**
 * Every --set leaves a trace in the assumptions with origin "command-line", so a what-if can be
 * told from the baseline in every output. normalize already marks the fields it records (a base
 * field, a strategy's override); an override it does not record as a field (a var, a model id,
 * the name) is added here, as typed, ahead of the rest. A later --set of the same path wins, as
 * it does in the data.
 */
function withOverrides(scenario: Scenario, sets: readonly SetOverride[]): Scenario {
  if (sets.length === 0) return scenario;
  const recorded = new Set(scenario.assumptions.filter((a) => a.origin === 'command-line').map((a) => a.path));
  const last = new Map(sets.map((s) => [s.path, s.value]));
  const added = [...last].filter(([p]) => !recorded.has(p)).map(([p, value]): Scenario['assumptions'][number] => ({ path: p, value, origin: 'command-line' }));
  return added.length === 0 ? scenario : { ...scenario, assumptions: [...added, ...scenario.assumptions] };
}

function fail(text: ProblemText): LoadResult {
  return { ok: false, problems: [problem('', text)] };
}
