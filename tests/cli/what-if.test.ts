/**
 * What-ifs leave a trace (issue 11, engineering lead item 3): every --set, on vars too, appears
 * with origin "command-line" in the projection's assumptions and in a plain line of the report
 * header, summary.md (per scenario and the batch's) and the terminal table.
 * Runs the command line in this process (tests/cli/in-process.ts).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { costsimHere } from './in-process.js';

const dir = mkdtempSync(path.join(tmpdir(), 'costsim-whatif-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scenario = path.join(dir, 'what-if.yaml');
writeFileSync(
  scenario,
  `version: 1
name: What-if
vars:
  daily_chats: 50k
workload:
  queries_per_month: daily_chats * 30
prompt:
  query: { tokens: 60 }
  output: { tokens: 300 }
strategies:
  rag: {}
`,
);

describe('--set leaves a trace in the outputs', () => {
  it('a var and a field set on the command line are assumptions with origin command-line', async () => {
    const base = await costsimHere(['run', scenario, '--format', 'json']);
    const r = await costsimHere(['run', scenario, '--format', 'json', '--set', 'vars.daily_chats=60k', '--set', 'retrieval.top_k=8']);
    expect(r.code).toBe(0);
    const [p] = JSON.parse(r.stdout).results;
    const fromCli = p.assumptions.filter((a: { origin: string }) => a.origin === 'command-line');
    expect(fromCli).toEqual(
      expect.arrayContaining([
        { path: 'vars.daily_chats', value: '60k', origin: 'command-line' },
        { path: 'retrieval.top_k', value: 8, origin: 'command-line' },
      ]),
    );
    expect(fromCli).toHaveLength(2);
    // The baseline has none: a what-if can be told from it.
    const [b] = JSON.parse(base.stdout).results;
    expect(b.assumptions.filter((a: { origin: string }) => a.origin === 'command-line')).toEqual([]);
    // And the override did change the numbers: 60k × 30 = 1.8M queries in month 1, not 1.5M.
    expect(p.strategies[0].monthly[0].queries).toBe(1_800_000);
    expect(b.strategies[0].monthly[0].queries).toBe(1_500_000);
  });

  it('the report header, both summary.md files and the terminal table say what was set', async () => {
    const out = path.join(dir, 'out');
    const r = await costsimHere(['run', scenario, '--out', out, '--quiet', '--set', 'vars.daily_chats=60k']);
    expect(r.code).toBe(0);
    const folder = readdirSync(out).find((f) => f !== 'summary.md' && f !== 'charts')!;
    const html = readFileSync(path.join(out, folder, 'report.html'), 'utf8');
    const header = html.slice(html.indexOf('<header>'), html.indexOf('</header>'));
    expect(header).toContain('<dt>Set on the command line</dt><dd><code>vars.daily_chats=60k</code></dd>');
    expect(readFileSync(path.join(out, folder, 'summary.md'), 'utf8')).toContain('- set on the command line: `vars.daily_chats=60k`');
    expect(readFileSync(path.join(out, 'summary.md'), 'utf8')).toContain('Set on the command line: `vars.daily_chats=60k`');
    const table = await costsimHere(['run', scenario, '--set', 'vars.daily_chats=60k']);
    expect(table.stdout.split('\n').slice(0, 5)).toContain('set on the command line: vars.daily_chats=60k');
    // Without --set, no such line anywhere.
    expect((await costsimHere(['run', scenario])).stdout).not.toContain('command line');
  });
});
