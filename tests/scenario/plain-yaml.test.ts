import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlainYaml } from '../../src/scenario/plain-yaml.js';
import { parseScenarioText } from '../../src/scenario/source-map.js';

// The fast reader must give exactly what the full parser gives, or nothing: the reference here is
// always `parseScenarioText(…, { plainYaml: false })`, the full parser with every check it makes.

const root = join(import.meta.dirname, '../..');
const yamlFiles = (dir: string) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => ({ name: `${dir}/${f}`, text: readFileSync(join(root, dir, f), 'utf8') }));
const bundled = yamlFiles('scenarios');
const fixtures = yamlFiles('tests/fixtures/scenarios');

/** Equal data, keys in the same order, numbers compared with Object.is (-0, NaN). */
function same(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The fast reader agrees with the full parser: no answer, or the full parser's data with no problem. */
function agrees(text: string): boolean {
  const fast = parsePlainYaml(text);
  if (fast === undefined) return true;
  const full = parseScenarioText(text, 'x.yaml', { plainYaml: false });
  return full.problems.length === 0 && same(full.data, fast);
}

describe('parsePlainYaml', () => {
  it('reads every bundled scenario and test fixture, as the full parser does', () => {
    for (const { name, text } of [...bundled, ...fixtures]) {
      const full = parseScenarioText(text, name, { plainYaml: false });
      const fast = parsePlainYaml(text);
      if (name.startsWith('scenarios/')) expect(fast, `${name} should be plain YAML`).toBeDefined();
      if (fast !== undefined) {
        expect(full.problems).toEqual([]);
        expect(same(fast, full.data), name).toBe(true);
      }
    }
  });

  it('reads scalars by YAML 1.2 core schema, as the full parser does', () => {
    const values = [
      '~', 'null', 'Null', 'NULL', 'true', 'True', 'FALSE', 'yes', 'no', 'on', '0o17', '0x1F', '0x1f', '017', '-0', '+5', '1e3', '1E-3', '.5', '-.5',
      '1.', '1.0', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '1_000', '3%', '18M', '2027-01', '10 s', '(1.2M) * 1.234', "'it''s'", '"quoted # not a comment"',
      'a#b', 'x  # comment', '—×→ 😀', '12345678901234567890', '0.1e400', "''", '""', '-1e-7', 'a, b', 'a :b', '::', 'a::b', '+', '.', '.e3',
    ];
    for (const v of values) {
      for (const text of [`key: ${v}\n`, `key: { a: ${v} }\n`, `key: [${v}]\n`, `key:\n  inner: ${v}\n`]) {
        expect(agrees(text), text).toBe(true);
      }
    }
    // The reader takes these (so the comparison above is not only with its own refusals).
    for (const text of ['a: ~\n', 'a: 0o17\n', 'a: { b: 1e3 }\n', "a: 'it''s'\n", 'a: [.inf, -.5]\n', 'constructor: 1\ntoString: x\n']) {
      expect(parsePlainYaml(text), text).toBeDefined();
    }
  });

  it('leaves everything outside plain YAML, and every mistake, to the full parser', () => {
    const declined = [
      '', '# only a comment\n', '  a: 1\n', 'a: 1\na: 2\n', 'a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a: |\n  text\n', 'a: >\n  text\n', 'a:\n  - 1\n',
      '- 1\n', 'a: b: c\n', 'a: b\n  c\n', 'a: 1\n  b: 2\n', 'a:\n    b: 1\n  c: 2\n', 'a:\tb\n', 'a: 1\r\nb: 2\r\n', '"a": 1\n', '1: a\n', 'true: a\n',
      '__proto__: 1\n', 'a: [1,\n  2]\n', 'a: { b: 1, }\n', 'a: { b }\n', 'a: {b:1}\n', 'a: "x\\ty"\n', 'a: "open\n', 'a: 1 # c\n  # deeper comment\n',
      '---\na: 1\n', 'a: 1\n...\n', '%YAML 1.2\n---\na: 1\n', 'a: ? b\n', 'a: -\n', 'a: - b\n', 'a: ---\n', 'a: @x\n', 'a: `x`\n', 'a: b]\n', 'a : 1\n',
      'a:b\n', 'a: "x" y\n', 'a: {}#c\n', 'a: \u0085\n', 'a: \u2028\n', 'a: \ufeff\n', 'a: \ud800\n', `a: ${'{ b: '.repeat(40)}1${' }'.repeat(40)}\n`,
    ];
    for (const text of declined) expect(parsePlainYaml(text), JSON.stringify(text)).toBeUndefined();
  });

  it('agrees with the full parser on bundled scenarios with random edits', () => {
    const pieces = [
      '', ' ', '  ', '\n', '\n  ', '#', ' #', ':', ': ', '-', '- ', '{', '}', '[', ']', ',', '"', "'", "''", '\\', '\t', '&a', '*a', '!', '|', '>',
      '?', '%', '@', '`', '~', 'null', 'True', '0o7', '0x1F', '1e3', '.inf', '-.5', '-0', '1_000', 'é', '😀', '__proto__', 'constructor', 'b: c',
      '---', '...', '1:2', 'x#y', '{}', '[]', '{ a: 1 }', '[1, 2]', '{ a: 1, }',
    ];
    const texts = [...bundled, ...fixtures].map((f) => f.text);
    const edit = fc.record({ at: fc.nat(), kind: fc.nat(5), piece: fc.constantFrom(...pieces), other: fc.nat(), cut: fc.nat(3) });
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.array(edit, { minLength: 1, maxLength: 4 }), (start, edits) => {
        let text = start;
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          if (e.kind === 0) text = text.slice(0, at) + e.piece + text.slice(at);
          else if (e.kind === 1) text = text.slice(0, at) + text.slice(at + 1 + e.cut);
          else if (e.kind === 2) text = text.slice(0, at) + e.piece + text.slice(at + 1 + e.cut);
          else {
            // whole lines: repeat one, indent or outdent one, swap two
            const lines = text.split('\n');
            const i = at % lines.length;
            const j = e.other % lines.length;
            if (e.kind === 3) lines.splice(i, 0, lines[j]!);
            else if (e.kind === 4) lines[i] = e.cut % 2 === 0 ? ' '.repeat(1 + e.cut) + lines[i] : lines[i]!.replace(/^ {1,3}/, '');
            else [lines[i], lines[j]] = [lines[j]!, lines[i]!];
            text = lines.join('\n');
          }
        }
        return agrees(text);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parseScenarioText on plain YAML', () => {
  it('gives the positions of the full parser (made when first asked for)', () => {
    for (const { name, text } of bundled) {
      const fast = parseScenarioText(text, name);
      const full = parseScenarioText(text, name, { plainYaml: false });
      for (const path of ['name', 'workload.queries_per_month', 'models.generator', 'strategies.hybrid', 'no.such.field', 'latency.slo_p95_ms']) {
        expect(fast.locate(path), `${name} ${path}`).toEqual(full.locate(path));
        expect(fast.locate(path, { key: true })).toEqual(full.locate(path, { key: true }));
      }
    }
    // Worked by hand: "workload:" is line 2, "  queries_per_month: 400k" line 3, the value at column 22.
    expect(parseScenarioText('version: 1\nworkload:\n  queries_per_month: 400k\n', 'a.yaml').locate('workload.queries_per_month')).toEqual({ line: 3, column: 22 });
  });
});
