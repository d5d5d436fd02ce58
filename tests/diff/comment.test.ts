/**
 * The pull-request comment's size limit: GitHub refuses a body over 65,536 characters, so a
 * large batch is cut at whole rows and scenarios, each cut says so, and a line at the top says
 * the comment is truncated. User text cannot break out of the comment's Markdown or HTML.
 */
import { describe, expect, it } from 'vitest';
import { diffRuns } from '../../src/diff/diff.js';
import { gateText } from '../../src/messages/problems.js';
import type { RunDocument } from '../../src/model/types.js';
import type { GateResult } from '../../src/policy/types.js';
import { COMMENT_MARKER, GITHUB_COMMENT_LIMIT, renderGithubComment } from '../../src/report/github-comment.js';
import { DOCS, runTexts } from './fixtures.js';

/** `n` copies of each projection of a run, each under its own file and name. */
function many(doc: RunDocument, n: number): RunDocument {
  const results = [];
  for (let i = 0; i < n; i++) {
    for (const p of doc.results) {
      const copy = structuredClone(p);
      copy.scenario.file = `scenarios/batch/${i}-${p.scenario.file.split('/').pop()}`;
      copy.scenario.name = `${p.scenario.name} #${i}`;
      results.push(copy);
    }
  }
  return { schema: 'costsim.run/v1', results, errors: [] };
}

describe('github comment size', async () => {
  const base = await runTexts({ 'docs.yaml': DOCS });
  const head = await runTexts({ 'docs.yaml': DOCS.replace('queries_per_month: 1k', 'queries_per_month: 200k') });

  it('is whole when it fits', () => {
    const text = renderGithubComment(diffRuns(base, head));
    expect(text.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(text).not.toContain('truncated');
  });

  it('cuts a large batch under 65,536 characters, saying so at the top and at each cut', () => {
    const doc = diffRuns(many(base, 600), many(head, 600));
    const gates: GateResult[] = Array.from({ length: 3000 }, (_, i) => ({
      rule: `budgets[${i}].monthly_usd`,
      where: `policy.yaml:${i + 3}:5`,
      level: 'error',
      status: i % 2 === 0 ? 'fail' : 'pass',
      scenario: `Docs assistant #${i}`,
      file: `scenarios/batch/${i}-docs.yaml`,
      strategy: 'rag',
      figure: 348,
      limit: 300,
      unit: 'usd',
      message: gateText.againstLimit({ highestMonth: 1, label: '2027-01' }, '$348', '$300', false).message,
    }));
    const text = renderGithubComment(doc, gates);
    expect(text.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(text.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    expect(text).toContain('> **This comment is truncated:** GitHub allows 65,536 characters.');
    expect(text).toMatch(/… \d+ more scenarios not shown \(comment size limit\)/);
    expect(text).toMatch(/… \d+ more gate results not shown \(comment size limit\)/);
    // Whole sections: every <details> is closed, the diff fence too.
    expect(text.match(/<details/g)?.length).toBe(text.match(/<\/details>/g)?.length);
    expect((text.match(/^```/gm)?.length ?? 0) % 2).toBe(0);
    // The headline still counts every scenario: 600 verdict changes.
    expect(text).toContain('across 600 scenarios; the verdict changes in 600.');
  });

  it('keeps scenario names from breaking out of the table or the diff block', async () => {
    const evil = DOCS.replace('name: Docs assistant', 'name: "x | </details> <script>alert(1)</script> ``` [a](http://e)"');
    const a = await runTexts({ 'docs.yaml': evil });
    const b = await runTexts({ 'docs.yaml': evil.replace('queries_per_month: 1k', 'queries_per_month: 2k') });
    const text = renderGithubComment(diffRuns(a, b));
    // Outside the fenced diff block no tag the user wrote survives.
    const outside = text.replace(/^(`{3,})diff\n[\s\S]*?^\1$/m, '');
    expect(outside).not.toBe(text);
    expect(outside).not.toContain('<script>');
    expect(outside.match(/<\/details>/g)?.length).toBe(1);
    // Every `<` that could open a tag is an entity; a lone `>` closes nothing.
    expect(text).toContain('x \\| &lt;/details> &lt;script>alert(1)&lt;/script> \\`\\`\\` \\[a\\](http://e)');
    // In the diff block the name is literal text inside a fence longer than its backtick run.
    expect(text).toContain('````diff\n~ x | </details> <script>alert(1)</script> ``` [a](http://e)');
  });
});
