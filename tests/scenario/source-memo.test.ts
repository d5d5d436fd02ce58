/**
 * A batch's scenarios in one folder share their counted token sources (SourceMemo,
 * src/scenario/normalize.ts; issue 12: listing and reading the same prompt files and corpus
 * for each of 1,000 generated scenarios was a tenth of a JSON batch's CPU). What a user must
 * not see from it: a different count, or a problem reported for one scenario and not for the
 * next. The memo is seen at work by removing the files after the first load: the second load
 * still counts them, and a load without the memo reports them missing.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { loadScenario, type LoadOptions } from '../../src/scenario/load.js';
import type { SourceMemo } from '../../src/scenario/normalize.js';

const catalog = loadCatalog();
const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** faq-prompt-caching (a `file:` system prompt and a `dir:` corpus) copied into a fresh folder. */
function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'costsim-memo-'));
  scratch.push(dir);
  cpSync('scenarios/faq-prompt-caching.yaml', path.join(dir, 'a.yaml'));
  cpSync('scenarios/faq-prompt-caching.yaml', path.join(dir, 'b.yaml'));
  cpSync('scenarios/prompts', path.join(dir, 'prompts'), { recursive: true });
  cpSync('scenarios/faq', path.join(dir, 'faq'), { recursive: true });
  return dir;
}

const options = (memos?: Map<string, SourceMemo>): LoadOptions => ({ catalog, today: '2026-11-21', allowOutside: false, ...(memos ? { sourceMemos: memos } : {}) });

async function tokens(file: string, memos?: Map<string, SourceMemo>) {
  const r = await loadScenario(file, options(memos));
  if (!r.ok) return { problems: r.problems.map((p) => `${p.path}: ${p.message}`) };
  const s = r.scenario.base;
  return { system: s.prompt.system_tokens, corpus: s.knowledge.corpus_tokens };
}

describe('token sources shared by the scenarios of a batch', () => {
  it('count the same as a scenario loaded alone, and are read once per folder', async () => {
    const dir = folder();
    const alone = await tokens(path.join(dir, 'a.yaml'));
    expect(alone).toMatchObject({ system: expect.any(Number), corpus: expect.any(Number) });
    expect((alone as { corpus: number }).corpus).toBeGreaterThan(0);

    const memos = new Map<string, SourceMemo>();
    expect(await tokens(path.join(dir, 'a.yaml'), memos)).toEqual(alone);
    // The sources are gone from disk: the second scenario of the batch counts them from the memo…
    rmSync(path.join(dir, 'faq'), { recursive: true });
    rmSync(path.join(dir, 'prompts'), { recursive: true });
    expect(await tokens(path.join(dir, 'b.yaml'), memos)).toEqual(alone);
    // …which a load on its own does not have.
    const fresh = await tokens(path.join(dir, 'b.yaml'));
    expect(fresh.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^prompt\.system: /), expect.stringMatching(/^knowledge\.corpus: /)]));
  });

  it('keep no failure: a missing source is reported for every scenario, and found once it exists', async () => {
    const dir = folder();
    rmSync(path.join(dir, 'prompts'), { recursive: true });
    const memos = new Map<string, SourceMemo>();
    for (const file of ['a.yaml', 'b.yaml']) {
      const r = await tokens(path.join(dir, file), memos);
      expect(r.problems, file).toEqual([expect.stringMatching(/^prompt\.system: .*prompts\/faq-system\.md/)]);
    }
    cpSync('scenarios/prompts', path.join(dir, 'prompts'), { recursive: true });
    expect(await tokens(path.join(dir, 'a.yaml'), memos)).toEqual(await tokens(path.join(dir, 'b.yaml')));
  });

  it('are kept per folder: another folder with other files counts its own', async () => {
    const one = folder();
    const two = folder();
    // The same relative path with other text in the second folder: another count.
    writeFileSync(path.join(two, 'prompts', 'faq-system.md'), 'word '.repeat(1000));
    const memos = new Map<string, SourceMemo>();
    const a = await tokens(path.join(one, 'a.yaml'), memos);
    const b = await tokens(path.join(two, 'a.yaml'), memos);
    expect(b).toEqual(await tokens(path.join(two, 'a.yaml')));
    expect((b as { system: number }).system).not.toBe((a as { system: number }).system);
    expect(memos.size).toBe(2);
  });
});
