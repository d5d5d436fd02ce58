/**
 * `costsim check --policy FILE [--compare-to base.json] [paths]`: the gates of a policy file
 * against a run of the scenarios (or one saved run), and against a baseline for change limits.
 *
 * Exit codes: 0 every gate passed (warnings allowed); 1 a scenario failed to run (its gates
 * could not be checked); 2 usage, including a policy file with problems (each printed as
 * `file:line:column: field.path: message`); 3 a gate failed.
 */
import { canonicalize } from '../report/json.js';
import { resolveSides, type DiffOptions } from './diff-command.js';
import { problemLines } from './problem-lines.js';
import { problemText } from '../messages/problems.js';
import { isUsageProblem, usage, type CommandResult } from './run-command.js';

const CHECK_FORMATS = ['table', 'json', 'md'] as const;

interface CheckOptions extends Omit<DiffOptions, 'format' | 'policy'> {
  policy?: string;
  format: (typeof CHECK_FORMATS)[number];
}

type CheckResult = Omit<CommandResult, 'exitCode'> & { exitCode: 0 | 1 | 2 | 3 };

export async function checkCommand(paths: string[], opts: CheckOptions): Promise<CheckResult> {
  if (!(CHECK_FORMATS as readonly string[]).includes(opts.format)) return usage(problemText.formatNotOneOf(CHECK_FORMATS, opts.format));
  if (opts.policy === undefined) return usage(problemText.checkNeedsPolicy());
  const { loadPolicyFile } = await import('../policy/load.js');
  const loaded = loadPolicyFile(opts.policy);
  if (!loaded.ok) return { stdout: '', stderr: loaded.problems.join('\n') + '\n', exitCode: 2 };
  const { evaluatePolicy, needsBaseline } = await import('../policy/evaluate.js');
  if (needsBaseline(loaded.policy) && opts.compareTo === undefined) {
    return usage(problemText.changeLimitsNeedBaseline(opts.policy));
  }
  const sides = await resolveSides(paths, opts, false);
  if (isUsageProblem(sides)) return usage(...sides.usage);
  const gates = evaluatePolicy(loaded.policy, sides.after, sides.before);
  const render = await import('../policy/render.js');

  let stdout: string;
  switch (opts.format) {
    case 'json': {
      const doc = { schema: 'costsim.check/v1', policy: opts.policy, gates, errors: sides.after.errors };
      canonicalize(doc); // throws on a non-finite number rather than printing it as null
      stdout = JSON.stringify(doc, null, 2) + '\n';
      break;
    }
    case 'md':
      stdout = render.renderGatesMarkdown(gates);
      break;
    case 'table':
      stdout = render.renderGatesText(gates);
      break;
  }
  const failed = gates.some((g) => g.status === 'fail');
  return {
    stdout,
    stderr: problemLines(sides.after.errors),
    exitCode: sides.after.errors.length > 0 ? 1 : failed ? 3 : 0,
  };
}
