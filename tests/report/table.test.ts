import { describe, expect, it } from 'vitest';
import { renderTable, terminalSafe, wrap } from '../../src/report/table.js';
import { loadFixture, tinyProjection, withNames } from './fixture.js';
import { problem, problemText } from '../../src/messages/problems.js';

describe('renderTable', () => {
  it('matches the snapshot of the support fixture at 100 columns', () => {
    expect(renderTable([loadFixture('help-center-rag')], [], { width: 100 })).toMatchSnapshot();
  });

  it('shows the verdict, per-strategy figures, – for missing latency, and the notes', () => {
    const out = renderTable([tinyProjection()], [], { width: 100 });
    expect(out).toContain('Verdict: rag');
    expect(out).toContain('  - rag is the only priced strategy.');
    const line = (label: string) => out.split('\n').find((l) => l.startsWith(label)) ?? '';
    expect(line('status')).toMatch(/recommended\s+unpriced$/);
    expect(line('cost / query')).toMatch(/\$0\.00210\s+\$0\.00300$/);
    expect(line('latency p95 (ms)')).toMatch(/4,170\s+–$/); // 4169.6 rounds to 4,170; hybrid has no latency
    expect(line('one-time')).toMatch(/\$12,002\s+\$48\.00$/); // 12001.5 rounds half up
    expect(line('month 2 (2027-02)')).toMatch(/\$9\.20\s+unknown \(≥ \$6\.00\)$/);
    expect(line('total, 2 months')).toMatch(/\$12,018\s+unknown \(≥ \$57\.00\)$/);
    expect(out).toContain('Notes:\n  - hybrid: "hosting" has no price.');
  });

  it('fits the width by moving strategies into further blocks', () => {
    const p = loadFixture('help-center-rag');
    const out = renderTable([p], [], { width: 60 });
    // The grid lines (between the verdict and the notes) all fit in 60 columns.
    const grid = out.split('\n').filter((l) => /^(status|feasible|cost \/ query|total, )/.test(l));
    expect(grid.length).toBeGreaterThan(4); // the labels repeat once per block
    for (const l of out.split('\n')) expect(l.length, l).toBeLessThanOrEqual(60);
    const wide = renderTable([p], [], { width: 200 });
    expect(wide.split('\n').filter((l) => l.startsWith('status')).length).toBe(1);
  });

  it('lists failed files with path, line and column', () => {
    const out = renderTable([], [{ file: 'scenarios/bad.yaml', problems: [problem('retrieval.top_k', problemText.required(), { line: 3, column: 5 })] }]);
    expect(out).toBe('1 scenario file failed:\n  scenarios/bad.yaml\n    - retrieval.top_k (line 3, column 5): is required\n');
  });

  it('neutralises terminal control sequences in user text', () => {
    const out = renderTable([withNames(tinyProjection(), 'evil\u001b[2J\u001b[31mname\nnext', ['r\u0007ag', 'hybrid'])]);
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    // Shown escaped, so the reader sees which characters the file holds (issue 13).
    expect(out).toContain('evil\\u001b[2J\\u001b[31mname\\nnext');
    expect(terminalSafe('a\tb\u202ec')).toBe('a\\tb\\u202ec');
  });

  it('wraps long text on word boundaries with a hanging indent', () => {
    expect(wrap('aaa bbb ccc ddd', 9, '- ', '  ')).toEqual(['- aaa bbb', '  ccc ddd']);
  });
});
