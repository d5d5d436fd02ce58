/**
 * Outputs depend only on the inputs (issue 11, item 11): a scenario that sets its start_month and
 * writes prices inline renders the same bytes whatever today's date is. Before, an inline price's
 * source took today's date, so `npm start` rewrote the committed charts/ every day.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { projectFile, renderFiles } from '../../src/pipeline.js';

const catalog = loadCatalog();

async function render(today: string) {
  const r = await projectFile('scenarios/self-hosted-llama-triage.yaml', { catalog, today, allowOutside: false });
  if (!r.ok || !r.projection) throw new Error(JSON.stringify(r));
  return (await renderFiles(r.projection)).map((f) => ({ path: f.path, bytes: Buffer.from(f.data).toString('base64') }));
}

describe('self-hosted-llama-triage (inline fine-tuning prices, start_month 2027-01)', () => {
  it('renders byte-identical outputs on two different days', async () => {
    const a = await render('2026-11-21');
    const b = await render('2026-12-15');
    expect(a.map((f) => f.path)).toContain('projection.json');
    expect(b).toEqual(a);
  });
});
