/**
 * Golden projections of the example scenarios: the projection JSON and the Markdown summary
 * are snapshot files under tests/golden/__snapshots__/. A changed number must be reviewed and
 * explained in the commit that refreshes them (`npx vitest run tests/golden -u`).
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { simulate } from '../../src/model/simulate.js';
import { renderProjectionJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { loadScenario } from '../../src/scenario/load.js';
import { expectLineItemsAddUp } from '../model/invariants.js';

const catalog = loadCatalog();
const dir = 'scenarios';
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

/** The verdict each example scenario's story argues for (see the comment at its top). */
const EXPECTED_VERDICT: Record<string, string | null> = {
  'faq-prompt-caching.yaml': 'prompt_only',
  'help-center-rag.yaml': 'rag',
  'invoice-extraction-ft.yaml': 'fine_tuning',
  'regulated-insurance-hybrid.yaml': 'hybrid',
  'claude-long-context-tier.yaml': 'rag',
  'legal-archive-too-large.yaml': 'rag',
  'self-hosted-llama-triage.yaml': 'prompt_only',
};

describe('golden scenarios', () => {
  it('covers every example scenario', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const f of Object.keys(EXPECTED_VERDICT)) expect(files).toContain(f);
  });

  for (const file of files) {
    it(file, async () => {
      const loaded = await loadScenario(path.join(dir, file), { catalog, today: '2026-11-21', allowOutside: false });
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems, null, 2));
      const projection = simulate(loaded.scenario, catalog);
      if (file in EXPECTED_VERDICT) expect(projection.verdict.recommended).toBe(EXPECTED_VERDICT[file]);
      for (const s of projection.strategies) expectLineItemsAddUp(s, projection.scenario.horizon_months);
      const stem = file.replace(/\.yaml$/, '');
      await expect(renderProjectionJson(projection)).toMatchFileSnapshot(`__snapshots__/${stem}.projection.json`);
      await expect(renderMarkdown(projection)).toMatchFileSnapshot(`__snapshots__/${stem}.summary.md`);
    });
  }

  it('states the tier and the infeasible context in the scenarios built to show them', async () => {
    const claude = await loadScenario('scenarios/claude-long-context-tier.yaml', { catalog, today: '2026-11-21', allowOutside: false });
    if (!claude.ok) throw new Error('invalid');
    const p = simulate(claude.scenario, catalog);
    expect(p.strategies.find((s) => s.id === 'prompt_only')?.notes.map((n) => n.code)).toContain('long_context_tier');
    const legal = await loadScenario('scenarios/legal-archive-too-large.yaml', { catalog, today: '2026-11-21', allowOutside: false });
    if (!legal.ok) throw new Error('invalid');
    const q = simulate(legal.scenario, catalog);
    expect(q.strategies.find((s) => s.id === 'prompt_only')?.feasible).toBe(false);
  });
});
