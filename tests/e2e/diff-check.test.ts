/**
 * `costsim diff` and `costsim check` as a CI pipeline runs them (the built CLI, dist/):
 * the three ways to name the two sides, the formats, and the exit codes
 * (0 ok, 1 a scenario failed to run, 2 usage, 3 a gate failed). Each exit code comes once from
 * the built executable; the other command lines run in this process (tests/cli/in-process.ts:
 * main(), the function the executable calls), from the same folder.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { costsimHere } from '../cli/in-process.js';
import { DOCS, PRICE_RISE, SUPPORT } from '../diff/fixtures.js';

const CLI = path.resolve('dist/bin/costsim.js');
const dir = mkdtempSync(path.join(tmpdir(), 'costsim-diff-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function costsim(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, COSTSIM_TODAY: '2026-11-21', NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const here = (args: string[]) => costsimHere(args, dir);
function write(file: string, text: string): string {
  writeFileSync(path.join(dir, file), text);
  return file;
}

write('support.yaml', SUPPORT);
write('docs.yaml', DOCS);
write('prices.yaml', PRICE_RISE);

describe('costsim diff', () => {
  const base = costsim(['run', 'support.yaml', 'docs.yaml', '--format', 'json']);
  write('base.json', base.stdout);
  beforeAll(async () => {
    const head = await here(['run', 'support.yaml', 'docs.yaml', '--format', 'json', '--catalog', 'prices.yaml']);
    write('head.json', head.stdout);
  });

  it('compares two saved runs', () => {
    const r = costsim(['diff', 'base.json', 'head.json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // $56 + $8.26 → $96 + $16.36 (tests/diff/diff.test.ts works these out).
    expect(r.stdout.split('\n')[0]).toBe('Monthly LLM spend rises by $48.10 (+74.9%) across 2 scenarios; no verdict changes.');
  });

  it('compares a saved run with the scenarios as they are now (--compare-to)', async () => {
    const r = await here(['diff', '--compare-to', 'base.json', 'support.yaml', 'docs.yaml', '--set', 'workload.queries_per_month=200k', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe('costsim.diff/v1');
    // Support bot at 200k queries: 200,000 × $0.00056 = $112.
    expect(doc.scenarios.find((s: { name: string }) => s.name === 'Support bot').month_1_usd.after).toBeCloseTo(112, 9);
    expect(doc.scenarios.find((s: { name: string }) => s.name === 'Docs assistant').verdict).toEqual({ before: 'prompt_only', after: 'rag', changed: true });
  });

  it('compares two catalogs over the same scenarios (--catalog without a saved run)', async () => {
    const r = await here(['diff', '--catalog', 'prices.yaml', 'support.yaml', '--format', 'md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('| Support bot | prompt\\_only | $56.00 → $96.00 | +$40.00 (+71.4%) |');
    expect(r.stdout).toContain('prices as of 2026-11-21 → 2026-12-01');
  });

  it('writes the pull-request comment with its hidden marker', async () => {
    const r = await here(['diff', 'base.json', 'head.json', '--format', 'github-comment']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('<!-- costsim-pr-comment -->\n')).toBe(true);
  });

  it('is a usage error without a baseline, or with a file that is not a run', async () => {
    const none = costsim(['diff', 'support.yaml']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('diff needs a baseline: --compare-to base.json');
    const notRun = await here(['diff', '--compare-to', 'prices.yaml', 'support.yaml']);
    expect(notRun.code).toBe(2);
    expect(notRun.stderr).toContain('prices.yaml: not JSON');
    write('other.json', '{"schema": "something/v9"}');
    const wrong = await here(['diff', '--compare-to', 'other.json', 'support.yaml']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('its schema is "something/v9"');
  });

  it('exits 1 when a scenario fails to run, and still compares the rest', () => {
    write('broken.yaml', 'version: 1\nname: Broken\n');
    const r = costsim(['diff', '--compare-to', 'base.json', 'support.yaml', 'docs.yaml', 'broken.yaml']);
    expect(r.code).toBe(1);
    // Counted on stdout; the problems themselves once, on stderr (issue 11, item 6).
    expect(r.stdout).toContain('1 file failed to run');
    expect(r.stdout).not.toContain('broken.yaml');
    expect(r.stderr).toMatch(/^broken\.yaml:1:1: workload: is required \(head side\)$/m);
    expect(r.stdout).toContain('2 scenarios unchanged: Support bot, Docs assistant');
  });
});

describe('costsim run --format focus', () => {
  it('writes the FOCUS CSV on stdout and names what it leaves out on stderr', async () => {
    write('private.yaml', 'source: { name: "test", as_of: "2026-12-01" }\nmodels:\n  our-model: { provider: private, mode: chat, input_usd_per_1m: 1 }\n');
    write('private-scenario.yaml', SUPPORT.replace('strategies:', 'models: { generator: our-model }\nstrategies:'));
    const r = await here(['run', 'private-scenario.yaml', '--format', 'focus', '--catalog', 'private.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('BilledCost,BillingAccountId,')).toBe(true);
    expect(r.stderr).toBe('focus: Support bot · prompt_only: "Output tokens" has no known price and is left out (FOCUS has no unknown cost)\n');
  });
});

describe('costsim check', () => {
  it('passes (0), warns (0) and fails (3), naming the rule, scenario, figure and limit', async () => {
    write('pass.yaml', 'version: 1\nbudgets: [{ scenario: Support bot, monthly_usd: 60 }]\n');
    write('warn.yaml', 'version: 1\nbudgets: [{ scenario: Support bot, monthly_usd: 50, level: warn }]\n');
    write('fail.yaml', 'version: 1\nbudgets: [{ scenario: Support bot, monthly_usd: 50 }]\n');
    const pass = await here(['check', '--policy', 'pass.yaml', 'support.yaml']);
    expect([pass.code, pass.stdout.split('\n')[0]]).toEqual([0, 'gates: 0 failed, 0 warnings, 1 passed']);
    const warn = await here(['check', '--policy', 'warn.yaml', 'support.yaml']);
    expect(warn.code).toBe(0);
    expect(warn.stdout).toContain('WARN  budgets[0].monthly_usd  Support bot · prompt_only: the highest month, 1 (2027-01): $56.00 is over the limit $50.00  (warn.yaml:2:11)');
    const fail = costsim(['check', '--policy', 'fail.yaml', 'support.yaml']);
    expect(fail.code).toBe(3);
    expect(fail.stdout).toContain('FAIL  budgets[0].monthly_usd  Support bot · prompt_only: the highest month, 1 (2027-01): $56.00 is over the limit $50.00  (fail.yaml:2:11)');
  });

  it('checks change limits against --compare-to, and asks for it when the policy has them', async () => {
    write('changes.yaml', 'version: 1\nchanges: { max_increase: 10% }\n');
    const missing = await here(['check', '--policy', 'changes.yaml', 'support.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('add --compare-to base.json');
    const r = await here(['check', '--policy', 'changes.yaml', '--compare-to', 'base.json', 'head.json']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('month 1: $56.00 → $96.00, +71.4%; over the limit +10%');
  });

  it('diff --policy adds the gates to the comment and exits 3 on a failure', async () => {
    write('fail.yaml', 'version: 1\nbudgets: [{ scenario: Support bot, monthly_usd: 50 }]\n');
    const r = await here(['diff', 'base.json', 'head.json', '--policy', 'fail.yaml', '--format', 'github-comment']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('**Gates: 1 failed, 0 warnings, 0 passed.**');
    expect(r.stdout).toContain('<details open><summary>Gates: 1 failed, 0 warnings, 0 passed</summary>');
  });

  it('a policy with problems is a usage error listing each one', async () => {
    write('bad.yaml', 'version: 1\nlatency: { p95ms: 4000 }\nbudgets: [{ total_usd: lots }]\n');
    const r = await here(['check', '--policy', 'bad.yaml', 'support.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bad.yaml:2:12: latency.p95ms: unknown key "p95ms" (did you mean "p95_ms"?)\n');
    write('bad.yaml', 'version: 1\nlatency: { ttft_p95_ms: 1 }\nbudgets: [{ total_usd: lots }]\n');
    const values = await here(['check', '--policy', 'bad.yaml', 'support.yaml']);
    expect(values.code).toBe(2);
    expect(values.stderr).toBe('bad.yaml:3:24: budgets[0].total_usd: expected an amount in USD (e.g. 0.5, "$0.50" or "4k"); got "lots"\n');
  });

  it('exits 1 when a scenario fails to run', async () => {
    write('pass.yaml', 'version: 1\nbudgets: [{ scenario: Support bot, monthly_usd: 60 }]\n');
    write('broken.yaml', 'version: 1\nname: Broken\n');
    const r = await here(['check', '--policy', 'pass.yaml', 'support.yaml', 'broken.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('broken.yaml');
  });
});
