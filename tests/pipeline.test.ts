/** The pipeline's one-file entry (src/pipeline.ts): load → normalize → simulate, failures as problems. */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../src/catalog/load.js';
import { projectFile } from '../src/pipeline.js';

const catalog = loadCatalog();
const base = { catalog, today: '2026-11-21', allowOutside: false };

describe('projectFile', () => {
  it('projects a bundled scenario through every phase', async () => {
    const r = await projectFile('scenarios/help-center-rag.yaml', base);
    expect(r.ok).toBe(true);
    if (!r.ok || !r.projection) throw new Error('no projection');
    expect(r.projection.scenario.name).toBe('Help center support (RAG)');
    expect(r.projection.strategies.map((s) => s.id)).toEqual(['prompt_only', 'rag', 'fine_tuning', 'hybrid']);
    // Its ranges (daily_chats, change_per_month) send it through the Monte Carlo phase too.
    expect(r.projection.uncertainty?.samples).toBe(2000);
  });

  it('stops after normalize when asked (validate) and keeps only the strategies named', async () => {
    const r = await projectFile('scenarios/help-center-rag.yaml', { ...base, simulate: false });
    expect(r).toEqual({ ok: true, projection: null });
    // The filter is the same code for any scenario: one without ranges keeps the Monte Carlo out of it.
    const only = await projectFile('scenarios/faq-prompt-caching.yaml', { ...base, strategies: ['rag', 'nope'] });
    if (!only.ok || !only.projection) throw new Error('no projection');
    expect(only.projection.strategies.map((s) => s.id)).toEqual(['rag']);
    expect(only.projection.uncertainty).toBeUndefined();
  });

  it('turns a missing file and a strategy filter that matches nothing into problems, never a throw', async () => {
    expect(await projectFile('scenarios/nope.yaml', base)).toEqual({ ok: false, problems: [{ code: 'file', path: '', message: 'no such file: scenarios/nope.yaml' }] });
    const none = await projectFile('scenarios/help-center-rag.yaml', { ...base, strategies: ['rga'] });
    expect(none.ok).toBe(false);
    if (none.ok) return;
    expect(none.problems[0]!.path).toBe('strategies');
    expect(none.problems[0]!.code).toBe('usage');
    expect(none.problems[0]!.message).toContain('none of these is in this scenario (it has prompt_only, rag, fine_tuning, hybrid)');
  });
});
