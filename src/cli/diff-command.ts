/**
 * `costsim diff`: what a change does to every scenario.
 *
 *   costsim diff --compare-to base.json [paths]   base = a saved run; head = these scenarios now
 *   costsim diff A.json B.json                    two saved runs (costsim run --format json)
 *   costsim diff --catalog new.json [paths]       the same scenarios priced by the bundled
 *                                                 catalog (or --base-catalog) and by new.json
 *
 * `--set`, `--strategy`, `--months` and `--allow-outside` shape the scenarios that are run
 * (both sides in the catalog comparison, so only prices differ). With `--policy FILE` the
 * gates are evaluated on the head side (against the base for `changes`), printed with the
 * diff, and a failed gate exits 3.
 *
 * Exit codes: 0 compared; 1 a scenario failed to run on a side (it is listed, the rest is
 * compared); 2 usage; 3 a gate failed (when nothing failed to run).
 */
import type { RunDocument } from '../model/types.js';
import { canonicalize } from '../report/json.js';
import { problemText } from '../messages/problems.js';
import { isUsageProblem, openCatalog, parseSets, runBatch, usage, type CommandResult, type UsageProblem } from './run-command.js';
import { problemLines } from './problem-lines.js';

const DIFF_FORMATS = ['table', 'json', 'md', 'github-comment'] as const;
type DiffFormat = (typeof DIFF_FORMATS)[number];

export interface DiffOptions {
  compareTo?: string;
  format: DiffFormat;
  catalog?: string;
  baseCatalog?: string;
  strategy?: string;
  set?: string[];
  months?: string;
  allowOutside?: boolean;
  policy?: string;
}

/**
 * The two run documents the options describe, or a usage message. Shared with `costsim check`,
 * whose baseline is optional (`before` undefined without --compare-to).
 */
export async function resolveSides(
  paths: string[],
  opts: Omit<DiffOptions, 'format'>,
  requireBaseline: boolean,
): Promise<{ before?: RunDocument; after: RunDocument } | UsageProblem> {
  const { looksLikeRunFile, readRunFile } = await import('../diff/read-run.js');
  const sets = parseSets({ format: 'table', set: opts.set, months: opts.months });
  if (isUsageProblem(sets)) return sets;
  const runOpts = { format: 'table' as const, strategy: opts.strategy, allowOutside: opts.allowOutside };

  const run = async (catalogFile: string | undefined): Promise<RunDocument | UsageProblem> => {
    const catalog = openCatalog(catalogFile);
    if (isUsageProblem(catalog)) return catalog;
    return (await runBatch(paths, runOpts, catalog, sets, true)).doc;
  };
  const read = (file: string): RunDocument | UsageProblem => {
    const r = readRunFile(file);
    return r.ok ? r.doc : { usage: [r.text] };
  };

  const savedRuns = paths.length > 0 && paths.every(looksLikeRunFile);
  if (savedRuns && (opts.catalog !== undefined || opts.set !== undefined || opts.months !== undefined || opts.strategy !== undefined)) {
    return { usage: [problemText.savedRunAsSaved()] };
  }
  if (opts.compareTo !== undefined) {
    const before = read(opts.compareTo);
    if (isUsageProblem(before)) return before;
    if (savedRuns && paths.length > 1) return { usage: [problemText.compareToSeveralRuns()] };
    const after = savedRuns ? read(paths[0] as string) : await run(opts.catalog);
    return isUsageProblem(after) ? after : { before, after };
  }
  if (savedRuns && paths.length === 2 && requireBaseline) {
    const before = read(paths[0] as string);
    if (isUsageProblem(before)) return before;
    const after = read(paths[1] as string);
    return isUsageProblem(after) ? after : { before, after };
  }
  if (savedRuns && paths.length === 1 && !requireBaseline) {
    const after = read(paths[0] as string);
    return isUsageProblem(after) ? after : { after };
  }
  if (savedRuns) return { usage: [problemText.savedRunsCount(requireBaseline)] };
  if (requireBaseline && opts.catalog === undefined && opts.baseCatalog === undefined) return { usage: [problemText.diffNeedsBaseline()] };
  if (!requireBaseline) {
    const after = await run(opts.catalog);
    return isUsageProblem(after) ? after : { after };
  }
  // The catalog comparison: the same scenarios, the same overrides, two catalogs.
  const before = await run(opts.baseCatalog);
  if (isUsageProblem(before)) return before;
  const after = await run(opts.catalog);
  return isUsageProblem(after) ? after : { before, after };
}

type DiffResult = Omit<CommandResult, 'exitCode'> & { exitCode: 0 | 1 | 2 | 3 };

export async function diffCommand(paths: string[], opts: DiffOptions): Promise<DiffResult> {
  if (!(DIFF_FORMATS as readonly string[]).includes(opts.format)) return usage(problemText.formatNotOneOf(DIFF_FORMATS, opts.format));
  let policy: import('../policy/types.js').Policy | undefined;
  if (opts.policy !== undefined) {
    const loaded = (await import('../policy/load.js')).loadPolicyFile(opts.policy);
    if (!loaded.ok) return { stdout: '', stderr: loaded.problems.join('\n') + '\n', exitCode: 2 };
    policy = loaded.policy;
  }
  const sides = await resolveSides(paths, opts, true);
  if (isUsageProblem(sides)) return usage(...sides.usage);
  const before = sides.before as RunDocument;
  const { diffRuns } = await import('../diff/diff.js');
  const doc = diffRuns(before, sides.after);
  const gates = policy === undefined ? undefined : (await import('../policy/evaluate.js')).evaluatePolicy(policy, sides.after, before);

  const render = await import('../diff/render.js');
  let stdout: string;
  switch (opts.format) {
    case 'json': {
      const out = gates === undefined ? doc : { ...doc, gates };
      canonicalize(out); // throws on a non-finite number rather than printing it as null
      stdout = JSON.stringify(out, null, 2) + '\n';
      break;
    }
    case 'md':
      stdout = render.renderDiffMarkdown(doc) + (gates === undefined ? '' : '\n' + (await import('../policy/render.js')).renderGatesMarkdown(gates));
      break;
    case 'github-comment':
      stdout = (await import('../report/github-comment.js')).renderGithubComment(doc, gates);
      break;
    case 'table':
      stdout = render.renderDiffTable(doc) + (gates === undefined ? '' : '\n' + (await import('../policy/render.js')).renderGatesText(gates));
      break;
  }
  // Failed files are part of the document in json, md and the comment; the terminal gets each
  // problem once, on stderr, in the file:line:col form (the table only counts them).
  const failed = doc.errors.before.length + doc.errors.after.length > 0;
  const stderr = problemLines(doc.errors.before, '(base side)') + problemLines(doc.errors.after, '(head side)');
  const gateFailed = gates?.some((g) => g.status === 'fail') ?? false;
  return { stdout, stderr, exitCode: failed ? 1 : gateFailed ? 3 : 0 };
}
