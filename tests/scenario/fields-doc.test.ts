/**
 * The README's defaults table and docs/fields.md are generated from the field table; these
 * tests fail when either is out of date (fix: `npm run docs:fields`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIELDS } from '../../src/scenario/fields.js';
import { defaultsTable, fieldsDoc, README_END, README_START, withDefaultsTable } from '../../src/scenario/fields-doc.js';

const root = new URL('../../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), 'utf8');

describe('docs generated from the field table', () => {
  it('README.md holds the current defaults table (run `npm run docs:fields` if not)', () => {
    const readme = read('README.md');
    expect(readme).toContain(README_START);
    expect(readme).toContain(README_END);
    expect(withDefaultsTable(readme), 'README.md is out of date: run `npm run docs:fields`').toBe(readme);
  });

  it('docs/fields.md is current (run `npm run docs:fields` if not)', () => {
    expect(read('docs/fields.md'), 'docs/fields.md is out of date: run `npm run docs:fields`').toBe(fieldsDoc());
  });

  it('README links docs/fields.md', () => {
    expect(read('README.md')).toContain('docs/fields.md');
  });

  it('the README table shows each setting once, with the table default', () => {
    const table = defaultsTable();
    expect(table).toContain('| `horizon_months` | 12 | projection length in months |');
    expect(table).toContain('| `knowledge.publish_every` | 1 week | how often changes go live |');
    expect(table).toContain('| `workload.queries_per_month` | *required* |');
    // Nested numbers (a token count, an inline model price) are in docs/fields.md, not the README.
    expect(table).not.toContain('<model>');
  });

  it('docs/fields.md has a row, a range and a reason for every field', () => {
    const doc = fieldsDoc();
    for (const [path, rule] of Object.entries(FIELDS)) {
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${path}\` |`));
      expect(row, path).toBeDefined();
      expect(row, path).toContain(rule.why.replace(/\|/g, '\\|'));
      expect(Number.isFinite(rule.max), path).toBe(true);
    }
    // A duration's range is shown in its own words, a share as percentages.
    expect(doc).toContain('| `knowledge.publish_every` | duration, in h | 1 week | between 1 min and 10 years |');
    expect(doc).toContain('greater than -100% and at most 100%');
  });

  it('a README without the markers is refused, not silently rewritten', () => {
    expect(withDefaultsTable('# no markers here\n')).toBeNull();
  });
});
