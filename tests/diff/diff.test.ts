/**
 * `costsim diff`: golden diffs (terminal tree, Markdown, pull-request comment) for the cases
 * of issue 10 — a price change, a volume change that flips the verdict, an added and a removed
 * scenario, a new strategy variant — with the figures that matter worked out by hand.
 * Goldens are reviewed files: refresh them with `npx vitest run tests/diff -u` and say why.
 */
import { describe, expect, it } from 'vitest';
import { diffRuns, matchScenarios, normaliseFile, type DiffDocument } from '../../src/diff/diff.js';
import { headline, renderDiffMarkdown, renderDiffTable } from '../../src/diff/render.js';
import { renderGithubComment } from '../../src/report/github-comment.js';
import type { Projection } from '../../src/model/types.js';
import { DOCS, PRICE_RISE, runTexts, SUPPORT } from './fixtures.js';

async function golden(name: string, doc: DiffDocument): Promise<void> {
  await expect(renderDiffTable(doc)).toMatchFileSnapshot(`./__snapshots__/${name}.diff.txt`);
  await expect(renderDiffMarkdown(doc)).toMatchFileSnapshot(`./__snapshots__/${name}.diff.md`);
  await expect(renderGithubComment(doc)).toMatchFileSnapshot(`./__snapshots__/${name}.comment.md`);
}

const scenario = (doc: DiffDocument, name: string) => doc.scenarios.find((s) => s.name === name)!;

describe('diff: a price change (a catalog refresh)', async () => {
  const base = await runTexts({ 'support.yaml': SUPPORT, 'docs.yaml': DOCS });
  const head = await runTexts({ 'support.yaml': SUPPORT, 'docs.yaml': DOCS }, PRICE_RISE);
  const doc = diffRuns(base, head);

  it('prices every scenario at the new input price', () => {
    const support = scenario(doc, 'Support bot');
    // Per query: 1,000 input × $0.40/1M + 100 output × $1.60/1M = $0.00056; × 100k = $56 a month.
    // At $0.80/1M input: 1,000 × 0.8e-6 + 100 × 1.6e-6 = $0.00096; × 100k = $96.
    const po = support.strategies[0]!;
    expect(po.metrics.month_1_usd.before).toBeCloseTo(56, 9);
    expect(po.metrics.month_1_usd.after).toBeCloseTo(96, 9);
    expect(po.metrics.month_1_usd.delta).toBeCloseTo(40, 9);
    expect(po.metrics.month_1_usd.percent).toBeCloseTo(40 / 56, 12);
    expect(po.metrics.total_usd.after).toBeCloseTo(3 * 96, 9); // 3 months, no one-time cost
    expect(po.metrics.per_query_usd.after).toBeCloseTo(0.00096, 15);
    // The changed line item is the input tokens, at twice the unit price ($ per token).
    const input = po.line_items.find((i) => i.status === 'changed' && i.unit === 'tokens' && i.period === 'per_query')!;
    expect(input.unit_price_usd.before).toBeCloseTo(0.4e-6, 18);
    expect(input.unit_price_usd.after).toBeCloseTo(0.8e-6, 18);
    expect(support.catalog_as_of).toEqual({ before: '2026-11-21', after: '2026-12-01' });
  });

  it('sums month 1 of the recommended strategies into the headline', () => {
    // Docs assistant, prompt only: (200 + 20,000 + 50) × $0.40/1M + 100 × $1.60/1M = $0.00826 a query,
    // × 1k = $8.26; at $0.80/1M: 20,250 × 0.8e-6 + 0.00016 = $0.01636 → $16.36.
    // Sum: $56 + $8.26 = $64.26 → $96 + $16.36 = $112.36: +$48.10, +74.85%.
    expect(doc.summary.month_1_usd.before).toBeCloseTo(64.26, 9);
    expect(doc.summary.month_1_usd.after).toBeCloseTo(112.36, 9);
    expect(headline(doc)).toBe('Monthly LLM spend rises by $48.10 (+74.9%) across 2 scenarios; no verdict changes.');
    expect(doc.summary).toMatchObject({ scenarios: 2, changed: 2, added: 0, removed: 0, verdict_changes: 0 });
  });

  it('renders the golden diff and comment', async () => golden('price-change', doc));
});

describe('diff: a volume change that flips the verdict', async () => {
  const base = await runTexts({ 'docs.yaml': DOCS });
  const head = await runTexts({ 'docs.yaml': DOCS.replace('queries_per_month: 1k', 'queries_per_month: 200k') });
  const doc = diffRuns(base, head);

  it('calls the verdict change out', () => {
    const docs = scenario(doc, 'Docs assistant');
    expect(docs.verdict).toEqual({ before: 'prompt_only', after: 'rag', changed: true });
    // prompt only at 200k queries: $0.00826 × 200,000 = $1,652 a month (was $8.26).
    const po = docs.strategies.find((s) => s.id === 'prompt_only')!;
    expect(po.metrics.month_1_usd.after).toBeCloseTo(1652, 9);
    // The per-query cost does not depend on volume.
    expect(po.metrics.per_query_usd.delta).toBe(0);
    expect(doc.summary.verdict_changes).toBe(1);
    expect(headline(doc)).toMatch(/; the verdict changes in 1\.$/);
    expect(renderDiffTable(doc)).toContain('verdict changes: prompt_only → rag');
  });

  it('shows the line items the volume drives, in month 1', () => {
    const rag = scenario(doc, 'Docs assistant').strategies.find((s) => s.id === 'rag')!;
    const item = (key: string) => rag.line_items.find((i) => i.key === key)!;
    // RAG's prompt: 200 system + 6 chunks × 512 + 50 query = 3,322 input tokens a query;
    // × 1k queries = 3,322,000 tokens in month 1, × 200k = 664,400,000.
    expect(item('inference.input')).toMatchObject({ basis: 'month_1', quantity: { before: 3_322_000, after: 664_400_000 } });
    expect(item('inference.input').cost_usd.after).toBeCloseTo(664_400_000 * 0.4e-6, 9);
    // Pinecone bills at least 0.25 read units a search (a namespace far below 1 GB): 250 → 50,000
    // read units at $16 per million.
    expect(item('store.read_units').quantity).toMatchObject({ before: 250, after: 50_000 });
    expect(item('store.read_units').cost_usd.after).toBeCloseTo(50_000 * 16e-6, 12);
  });

  it('puts the verdict line first under its scenario', () => {
    const lines = renderDiffTable(doc).split('\n');
    const at = lines.findIndex((l) => l.includes('Docs assistant'));
    expect(lines[at + 1]).toBe('!   verdict changes: prompt_only → rag');
  });

  it('renders the golden diff and comment', async () => golden('verdict-flip', doc));
});

describe('diff: an added and a removed scenario', async () => {
  const billing = SUPPORT.replace('name: Support bot', 'name: Billing bot').replace('queries_per_month: 100k', 'queries_per_month: 50k');
  const base = await runTexts({ 'support.yaml': SUPPORT, 'docs.yaml': DOCS });
  const head = await runTexts({ 'docs.yaml': DOCS, 'billing.yaml': billing });
  const doc = diffRuns(base, head);

  it('lists them as added and removed, and leaves the rest unchanged', () => {
    expect(scenario(doc, 'Billing bot').status).toBe('added');
    expect(scenario(doc, 'Support bot').status).toBe('removed');
    expect(scenario(doc, 'Docs assistant').status).toBe('unchanged');
    // Billing: 50k × $0.00056 = $28 a month, from $0. Support: $56 → $0. Sum $64.26 → $36.26.
    expect(scenario(doc, 'Billing bot').month_1_usd).toMatchObject({ before: 0, after: expect.closeTo(28, 9) });
    expect(doc.summary.month_1_usd.delta).toBeCloseTo(-28, 9);
    expect(headline(doc)).toBe('Monthly LLM spend falls by $28.00 (-43.6%) across 3 scenarios; no verdict changes; 1 scenario added, 1 scenario removed.');
  });

  it('renders the golden diff and comment', async () => golden('added-removed', doc));
});

describe('diff: a new strategy variant', async () => {
  const variant = DOCS.replace('rag: {} }', 'rag: {}, rag-k12: { kind: rag, retrieval: { top_k: 12 } } }');
  const base = await runTexts({ 'docs.yaml': DOCS });
  const head = await runTexts({ 'docs.yaml': variant });
  const doc = diffRuns(base, head);

  it('shows the variant as added and the others unchanged', () => {
    const docs = scenario(doc, 'Docs assistant');
    expect(docs.strategies.map((s) => [s.id, s.status])).toEqual([
      ['prompt_only', 'unchanged'],
      ['rag', 'unchanged'],
      ['rag-k12', 'added'],
    ]);
    expect(docs.status).toBe('changed');
    expect(docs.month_1_usd.delta).toBe(0);
    expect(renderDiffTable(doc)).toMatch(/\+ {3}\+ rag-k12 \(new strategy\): month 1 \$/);
  });

  it('renders the golden diff and comment', async () => golden('new-variant', doc));
});

describe('matching', () => {
  const p = (name: string, file: string) => ({ scenario: { name, file } }) as unknown as Projection;

  it('matches by file first, then by name among the rest', () => {
    const a1 = p('A', 'scenarios/a.yaml');
    const b1 = p('B', './scenarios/b.yaml');
    const c1 = p('C', 'scenarios/c.yaml');
    const a2 = p('A renamed', 'scenarios\\a.yaml'); // same file, new name
    const b2 = p('B', 'scenarios/b.yaml');
    const c2 = p('C', 'scenarios/moved/c.yaml'); // moved: same name
    const d2 = p('D', 'scenarios/d.yaml');
    expect(matchScenarios([a1, b1, c1], [a2, b2, c2, d2])).toEqual([
      [a1, a2],
      [b1, b2],
      [c1, c2],
      [undefined, d2],
    ]);
    expect(normaliseFile('./scenarios\\x.yaml')).toBe('scenarios/x.yaml');
  });

  it('a moved file with the same figures is a change (the file line says so)', async () => {
    const base = await runTexts({ 'support.yaml': SUPPORT });
    const head = await runTexts({ 'helpdesk.yaml': SUPPORT });
    const doc = diffRuns(base, head);
    expect(doc.scenarios).toHaveLength(1);
    expect(doc.scenarios[0]!.status).toBe('changed');
    expect(renderDiffTable(doc)).toContain('file: scenarios/support.yaml → scenarios/helpdesk.yaml');
  });
});

describe('line items', () => {
  it('are keyed by id when every item has one, else by name with repeats numbered', async () => {
    const { diffLineItems } = await import('../../src/diff/diff.js');
    const item = (name: string, cost: number, id?: string) =>
      ({ ...(id ? { id } : {}), name, category: 'inference', period: 'monthly', unit: 'USD', quantity: cost, unit_price_usd: 1, cost_usd: cost }) as never;
    // By name: the second "Top-up" is "Top-up#2"; it changed, the first did not.
    expect(diffLineItems([item('Top-up', 5), item('Top-up', 6)], [item('Top-up', 5), item('Top-up', 7)]).map((d) => [d.key, d.status])).toEqual([['Top-up#2', 'changed']]);
    // By id: a renamed item is the same item.
    expect(diffLineItems([item('Old name', 5, 'store.minimum_top_up')], [item('New name', 5, 'store.minimum_top_up')])).toEqual([]);
    // Added and removed.
    expect(diffLineItems([item('A', 1)], [item('B', 1)]).map((d) => [d.key, d.status])).toEqual([
      ['B', 'added'],
      ['A', 'removed'],
    ]);
  });
});
