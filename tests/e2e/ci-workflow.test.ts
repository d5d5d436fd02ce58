/**
 * The example GitHub Actions workflow (docs/ci/costsim-pr.yml), end to end: its own step
 * scripts, read from the YAML file, run in a temporary git repository with two commits (the
 * base and the pull request's head), with the environment GitHub gives a step. The comment
 * step's script runs against a stand-in for GitHub's API client: the first run creates the
 * comment, the next finds it by its hidden marker and updates it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DOCS, SUPPORT } from '../diff/fixtures.js';

interface Step {
  name?: string;
  id?: string;
  if?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
const workflow = parse(readFileSync('docs/ci/costsim-pr.yml', 'utf8')) as { jobs: { costsim: { env: Record<string, string>; steps: Step[] } } };
const job = workflow.jobs.costsim;
const step = (name: string) => job.steps.find((s) => s.name === name)!;

const root = mkdtempSync(path.join(tmpdir(), 'costsim-ci-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const repo = path.join(root, 'repo');
const runnerTemp = path.join(root, 'runner-temp');
const output = path.join(root, 'github-output');

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } }).trim();
}
function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  writeFileSync(path.join(repo, file), text);
}

/** A `run:` step as GitHub runs it: bash -eo pipefail, in the workspace, with the job's and step's env. */
function runStep(s: Step) {
  const env = {
    ...process.env,
    ...job.env,
    ...(s.env ?? {}),
    BASE_SHA: git('rev-parse', 'HEAD~1'),
    RUNNER_TEMP: runnerTemp,
    GITHUB_WORKSPACE: repo,
    GITHUB_OUTPUT: output,
    NO_COLOR: '1',
  };
  return spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', s.run!], { cwd: repo, env, encoding: 'utf8' });
}

describe('the example workflow', () => {
  // The base commit: two scenarios and a policy. The head: Docs assistant at 200× the volume
  // (its verdict flips from prompt_only to rag) and a new scenario.
  mkdirSync(repo);
  mkdirSync(runnerTemp);
  git('init', '-q', '-b', 'main');
  write('scenarios/support.yaml', SUPPORT);
  write('scenarios/docs.yaml', DOCS);
  write('costsim-policy.yaml', 'version: 1\nverdict: { scenario: Docs assistant, must_be: prompt_only }\nbudgets: [{ monthly_usd: 100, level: warn }]\n');
  write('.gitignore', 'node_modules/\n');
  git('add', '.');
  git('commit', '-qm', 'base');
  write('scenarios/docs.yaml', DOCS.replace('queries_per_month: 1k', 'queries_per_month: 200k'));
  write('scenarios/billing.yaml', SUPPORT.replace('name: Support bot', 'name: Billing bot').replace('queries_per_month: 100k', 'queries_per_month: 50k'));
  git('add', '.');
  git('commit', '-qm', 'head');
  // `npm ci` stand-in: this costsim installed in the repository's node_modules.
  mkdirSync(path.join(repo, 'node_modules/.bin'), { recursive: true });
  symlinkSync(path.resolve('.'), path.join(repo, 'node_modules/costsim'));
  writeFileSync(path.join(repo, 'node_modules/.bin/costsim'), `#!/bin/sh\nexec "${process.execPath}" "${path.resolve('dist/bin/costsim.js')}" "$@"\n`);
  chmodSync(path.join(repo, 'node_modules/.bin/costsim'), 0o755);

  it('runs the base from a checkout of the base commit', () => {
    const r = runStep(step('Run costsim on the base'));
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    const base = JSON.parse(readFileSync(path.join(runnerTemp, 'base.json'), 'utf8'));
    expect(base.results.map((p: { scenario: { file: string } }) => p.scenario.file)).toEqual(['scenarios/docs.yaml', 'scenarios/support.yaml']);
  });

  it('diffs the head against it, checks the gates and records the exit code', () => {
    const r = runStep(step('Diff against the base and check the gates'));
    expect(r.status).toBe(0); // the step itself never fails: the last step does
    expect(readFileSync(output, 'utf8')).toBe('exit_code=3\n'); // the verdict gate failed
    const comment = readFileSync(path.join(runnerTemp, 'comment.md'), 'utf8');
    expect(comment.startsWith('<!-- costsim-pr-comment -->\n')).toBe(true);
    // Month 1 of the recommended strategies: Support $56 (unchanged), Docs $8.26 → rag at
    // 200k queries, Billing $0 → 50k × $0.00056 = $28 (tests/diff/diff.test.ts works these out).
    expect(comment).toMatch(/across 3 scenarios; the verdict changes in 1; 1 scenario added\./);
    expect(comment).toContain('| Docs assistant | **prompt\\_only → rag** |');
    expect(comment).toContain('| Billing bot | prompt\\_only (new) | $0 → $28.00 |');
    expect(comment).toContain('**Gates: 1 failed, 1 warning, 2 passed.**');
    expect(comment).toContain('the verdict is rag; it must be prompt\\_only');
  });

  it('posts one comment, then updates it', async () => {
    const s = step('Post or update the comment');
    expect(s.uses).toBe('actions/github-script@v7');
    expect(s.if).toBe("always() && steps.diff.outputs.exit_code != '2'");
    const calls: [string, Record<string, unknown>][] = [];
    let stored: { id: number; body: string }[] = [{ id: 7, body: 'an unrelated comment' }];
    const github = {
      paginate: async (fn: (a: unknown) => Promise<{ data: unknown[] }>, args: unknown) => (await fn(args)).data,
      rest: {
        issues: {
          listComments: async () => ({ data: stored }),
          createComment: async (a: Record<string, unknown>) => {
            calls.push(['create', a]);
            stored = [...stored, { id: 42, body: a.body as string }];
          },
          updateComment: async (a: Record<string, unknown>) => void calls.push(['update', a]),
        },
      },
    };
    const context = { repo: { owner: 'acme', repo: 'bots' }, issue: { number: 12 } };
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;
    const script = new AsyncFunction('require', 'github', 'context', s.with!.script!);
    process.env.COMMENT_FILE = path.join(runnerTemp, 'comment.md');
    try {
      await script(createRequire(import.meta.url), github, context);
      await script(createRequire(import.meta.url), github, context);
    } finally {
      delete process.env.COMMENT_FILE;
    }
    const body = readFileSync(path.join(runnerTemp, 'comment.md'), 'utf8');
    expect(calls).toEqual([
      ['create', { owner: 'acme', repo: 'bots', issue_number: 12, body }],
      ['update', { owner: 'acme', repo: 'bots', comment_id: 42, body }],
    ]);
  });

  it('fails the job with the diff step\'s exit code', () => {
    const s = step('Fail when a gate failed or a scenario did not run');
    expect(s.if).toBe("steps.diff.outputs.exit_code != '0'");
    expect(s.run).toBe('exit ${{ steps.diff.outputs.exit_code }}');
  });
});
