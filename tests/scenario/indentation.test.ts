/**
 * YAML indentation mistakes say "indentation" and point at the line that is wrong, not the line
 * above it, without the parser's jargon (issue 11, engineering lead item 7).
 */
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/scenario/source-map.js';

const head = 'version: 1\nname: x\n';
const problemsOf = (body: string) => parseScenarioText(head + body, 's.yaml').problems;

describe('YAML indentation problems', () => {
  it('a key indented deeper than a key that has a value is reported at its own line', () => {
    // Line 5 is "    growth_per_month: 3%": 4 spaces, under "queries_per_month: 10k" (2 spaces).
    // The parser blames line 4 ("Nested mappings are not allowed in compact mappings").
    expect(problemsOf('workload:\n  queries_per_month: 10k\n    growth_per_month: 3%\n')).toMatchObject([
      {
        path: '',
        line: 5,
        column: 5,
        message:
          'indentation: line 5 is indented 4 spaces, deeper than "queries_per_month" on line 4, which already has a value (10k); indent it 2 spaces to put it beside "queries_per_month"',
      },
    ]);
  });

  it('a key between two levels names both indentations that would be right', () => {
    expect(problemsOf('workload:\n  queries_per_month: 10k\n growth_per_month: 3%\n')).toMatchObject([
      {
        path: '',
        line: 5,
        column: 2,
        message:
          'indentation: line 5 is indented 1 space, which lines up with no key above it: 2 spaces puts it beside "queries_per_month" (line 4), 0 spaces puts it beside "workload" (line 3)',
      },
    ]);
  });

  it('a comment line between does not count as a level', () => {
    const [p] = problemsOf('workload:\n  queries_per_month: 10k\n      # note\n   growth_per_month: 3%\n');
    expect(p).toMatchObject({ line: 6, column: 4 });
    expect(p?.message).toContain('deeper than "queries_per_month" on line 4, which already has a value (10k); indent it 2 spaces');
  });

  it('a tab says so at its line', () => {
    expect(problemsOf('models:\n  generator: gpt-4.1\n\tembedding: none\n')).toMatchObject([
      { path: '', line: 5, column: 1, message: 'indentation: line 5 is indented with a tab; YAML indents with spaces only, so replace the tab with spaces' },
    ]);
  });

  it('never quotes the parser for these mistakes, and leaves other syntax errors alone', () => {
    for (const body of ['a:\n  b: 1\n    c: 2\n', 'a:\n  b: 1\n c: 2\n', 'a:\n  - x: 1\n    y: 2\n   z: 3\n', 'a: 1\n  b: 2\n']) {
      for (const p of problemsOf(body)) {
        expect(p.message).toMatch(/^indentation: line \d+ is indented/);
        expect(p.message).not.toMatch(/compact mappings|same column|Implicit keys|indicator/);
      }
    }
    // Not indentation: a second colon on one line keeps the parser's message.
    expect(problemsOf('key: value: other\n')[0]?.message).toBe('invalid YAML: Nested mappings are not allowed in compact mappings');
    expect(problemsOf('a: "open\n')[0]?.message).toMatch(/^invalid YAML: Missing closing "quote/);
  });
});
