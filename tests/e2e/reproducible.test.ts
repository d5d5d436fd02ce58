/**
 * Outputs depend only on the inputs (issue 11, item 11): a scenario that sets its start_month and
 * writes prices inline renders the same bytes whatever today's date is. Before, an inline price's
 * source took today's date, so `npm start` rewrote the committed charts/ every day.
 *
 * The date reaches only the projection (projectFile's `today`); every output file is rendered
 * from the projection alone (renderFiles takes nothing else, and renders the same bytes each time:
 * tests/render/render.test.ts). So the same projection.json on two days is the same outputs, and
 * the test compares that file rather than rendering every chart twice.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { projectFile } from '../../src/pipeline.js';
import { renderProjectionJson } from '../../src/report/json.js';

const catalog = loadCatalog();

async function projectionJson(today: string): Promise<string> {
  const r = await projectFile('scenarios/self-hosted-llama-triage.yaml', { catalog, today, allowOutside: false });
  if (!r.ok || !r.projection) throw new Error(JSON.stringify(r));
  return renderProjectionJson(r.projection);
}

describe('self-hosted-llama-triage (inline fine-tuning prices, start_month 2027-01)', () => {
  it('gives a byte-identical projection.json, from which every output is rendered, on two different days', async () => {
    const a = await projectionJson('2026-11-21');
    const b = await projectionJson('2026-12-15');
    // The inline prices are in it, with a source date of their own.
    expect(a).toContain('"as_of"');
    expect(b).toBe(a);
  });
});
