/**
 * `costsim init`, as a newcomer meets it right after `npm install` (issue 11). Runs the built CLI
 * to write the starter file once, then the command line in this process (tests/cli/in-process.ts);
 * the starter's story (a verdict, the what-ifs its comments suggest) is about the model's numbers,
 * so it is projected in this process, as `run` would.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { projectFile } from '../../src/pipeline.js';
import { parseSetOption, type SetOverride } from '../../src/scenario/load.js';
import { costsimHere } from './in-process.js';

const CLI = path.resolve('dist/bin/costsim.js');
const dir = mkdtempSync(path.join(tmpdir(), 'costsim-init-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function costsim(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, COSTSIM_TODAY: '2026-11-21', NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('costsim init', () => {
  it('suggests a command that works without a global install (item 12)', () => {
    const r = costsim(['init', 'starter.yaml']);
    expect(r.code).toBe(0);
    // npm install puts costsim in node_modules/.bin, not on PATH: only `npx costsim` runs it.
    expect(r.stdout).toContain('npx costsim run starter.yaml');
    // Every command the starter file itself mentions is spelled the same way.
    const text = readFileSync(path.join(dir, 'starter.yaml'), 'utf8');
    expect(text.match(/(?<!npx )costsim (run|catalog|validate|schema|tokens)\b/g)).toBeNull();
  });
});

describe('the starter scenario gives a verdict and its comments tell the story (item 1)', () => {
  const catalog = loadCatalog();
  /** `costsim run story.yaml --set …` without the process: the same pipeline, the same date. */
  const run = async (sets: string[] = []) => {
    const r = await projectFile(path.join(dir, 'story.yaml'), { catalog, today: '2026-11-21', allowOutside: false, sets: sets.map((s) => parseSetOption(s) as SetOverride) });
    if (!r.ok || r.projection === null) throw new Error(JSON.stringify(r));
    return r.projection;
  };

  it('rag is recommended, as the comments say, and each claim about the others holds', async () => {
    expect((await costsimHere(['init', 'story.yaml'], dir)).code).toBe(0);
    const text = readFileSync(path.join(dir, 'story.yaml'), 'utf8');
    expect(text).toContain('# - rag is recommended');
    const p = await run();
    expect(p.verdict.recommended).toBe('rag');
    const by = Object.fromEntries(p.strategies.map((s) => [s.id, s]));
    // prompt_only: 2M corpus tokens > gpt-4.1-mini's 1,047,576-token window.
    expect(by.prompt_only!.feasible).toBe(false);
    // fine_tuning and hybrid meet both targets but cost more over the horizon.
    for (const id of ['fine_tuning', 'hybrid']) {
      expect(by[id]!.meets_targets).toBe(true);
      expect(by[id]!.total_usd).toBeGreaterThan(by.rag!.total_usd ?? Infinity);
    }
  });

  it('the what-ifs the comments suggest do what they say', async () => {
    // "at a larger volume it can win: try --set vars.daily_chats=200k"
    expect((await run(['vars.daily_chats=200k'])).verdict.recommended).toBe('fine_tuning');
    // "a target under 7 s leaves no strategy on target (try --set latency.slo_p95_ms=6000)"
    expect((await run(['latency.slo_p95_ms=6000'])).verdict.recommended).toBeNull();
  });
});
