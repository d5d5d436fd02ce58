import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify as yamlStringify } from 'yaml';
import { formatPath, parsePath, parseScenarioText } from '../../src/scenario/source-map.js';
import { problemText } from '../../src/messages/problems.js';

// Line numbers are written beside each line; columns are counted by hand in the comments.
const YAML_TEXT = [
  'version: 1', // 1
  'name: Support assistant', // 2
  'retrieval:', // 3
  '  chunk_tokens: 512', // 4
  '  top_k: 6', // 5: key at col 3, value at col 10 ("  top_k: " is 9 characters)
  'knowledge:', // 6
  '  corpus: { tokens: 18M }', // 7: "{" col 11, "tokens" col 13, "18M" col 21
  '  include:', // 8
  '    - "**/*.md"', // 9: item at col 7 ("    - " is 6 characters)
  '    - docs/*.txt', // 10
  'strategies:', // 11
  '  rag-k12: { kind: rag, retrieval: { top_k: 12 } }', // 12: inner top_k col 38, 12 at col 45
  'vars:', // 13
  '  empty:', // 14: a key with no value, at col 3
].join('\n');

describe('parseScenarioText: YAML', () => {
  const parsed = parseScenarioText(YAML_TEXT, 'support.yaml');

  it('parses the data with no problems', () => {
    expect(parsed.problems).toMatchObject([]);
    expect(parsed.format).toBe('yaml');
    expect(parsed.data).toMatchObject({
      version: 1,
      retrieval: { chunk_tokens: 512, top_k: 6 },
      knowledge: { corpus: { tokens: '18M' }, include: ['**/*.md', 'docs/*.txt'] },
      vars: { empty: null },
    });
  });

  it.each([
    [['version'], {}, 1, 10], // "version: " is 9 characters
    [['retrieval', 'top_k'], {}, 5, 10],
    [['retrieval', 'top_k'], { key: true }, 5, 3],
    [['knowledge', 'corpus'], {}, 7, 11],
    [['knowledge', 'corpus', 'tokens'], {}, 7, 21],
    [['knowledge', 'corpus', 'tokens'], { key: true }, 7, 13],
    [['knowledge', 'include', 1], {}, 10, 7],
    [['knowledge', 'include', '0'], {}, 9, 7],
    [['strategies', 'rag-k12', 'retrieval', 'top_k'], {}, 12, 45],
    [['strategies', 'rag-k12', 'retrieval', 'top_k'], { key: true }, 12, 38],
    [['vars', 'empty'], {}, 14, 3], // no value: the key
    // missing keys: the key of the map that should hold them
    [['retrieval', 'embed_ms'], {}, 3, 1],
    [['knowledge', 'corpus', 'dir'], {}, 7, 3],
    [['knowledge', 'include', 5], {}, 8, 3],
    [['workload', 'queries_per_month'], {}, 1, 1], // nothing at all: the start of the mapping
  ] as const)('locate(%j, %j) → %d:%d', (path, options, line, column) => {
    expect(parsed.locate(path, options)).toEqual({ line, column });
  });

  it('accepts a path string in the form formatPath writes', () => {
    expect(parsed.locate('strategies.rag-k12.retrieval.top_k')).toEqual({ line: 12, column: 45 });
    expect(parsed.locate('knowledge.include[1]')).toEqual({ line: 10, column: 7 });
    expect(parsed.locate('')).toEqual({ line: 1, column: 1 });
  });

  it('counts CRLF line ends and a byte-order mark like an editor does', () => {
    const p = parseScenarioText(`\uFEFFversion: 1\r\nretrieval:\r\n  top_k: 6\r\n`, 's.yml');
    expect(p.problems).toMatchObject([]);
    expect(p.locate(['retrieval', 'top_k'])).toEqual({ line: 3, column: 10 });
  });

  it('follows an alias into its anchor', () => {
    const text = ['base: &b { top_k: 3 }', 'other: *b'].join('\n');
    const p = parseScenarioText(text, 'a.yaml');
    expect(p.problems).toMatchObject([]);
    expect(p.data).toEqual({ base: { top_k: 3 }, other: { top_k: 3 } });
    expect(p.locate(['other'])).toEqual({ line: 2, column: 8 }); // "other: " is 7 characters
    expect(p.locate(['other'], { key: true })).toEqual({ line: 2, column: 1 });
    expect(p.locate(['other', 'top_k'])).toEqual({ line: 1, column: 19 }); // "base: &b { top_k: " is 18
  });
});

describe('parseScenarioText: YAML problems', () => {
  it('gives the line and column of a syntax error, and no data', () => {
    const p = parseScenarioText('version: 1\nname: x\nkey: value: other\n', 'bad.yaml');
    expect(p.data).toBeUndefined();
    expect(p.problems).toMatchObject([
      { path: '', line: 3, column: 6, message: 'invalid YAML: Nested mappings are not allowed in compact mappings' },
    ]);
    expect(p.locate(['version'])).toBeUndefined();
  });

  it('refuses tab indentation and an unclosed flow list with positions', () => {
    expect(parseScenarioText('a:\n\t- x\n', 't.yaml').problems[0]).toMatchObject({ line: 2, column: 1 });
    const unclosed = parseScenarioText('a: 1\nb: [1, 2\nc: 3\n', 'u.yaml').problems;
    expect(unclosed).toHaveLength(1);
    expect(unclosed[0]?.message).toMatch(/^invalid YAML: Flow sequence/);
  });

  it.each([
    ['', 'empty'],
    ['   \n\n', 'blank'],
    ['# just a comment\n', 'only comments'],
    ['---\n', 'only a document marker'],
  ])('%j (%s) is an empty file', (text) => {
    const p = parseScenarioText(text, 'e.yaml');
    expect(p.problems).toMatchObject([{ code: 'syntax', path: '', message: problemText.empty().message }]);
    expect(problemText.empty().message).toBe('the file is empty: a scenario needs at least version and name');
  });

  it.each([
    ['- a\n- b\n', 'a list'],
    ['42\n', 'the number 42'],
    ['just words\n', 'the text "just words"'],
    ['null\n', 'nothing'],
  ])('%j: the top level is not a mapping', (text, got) => {
    expect(parseScenarioText(text, 'x.yaml').problems).toMatchObject([
      { path: '', line: 1, column: 1, message: `the top level must be a mapping of fields (version: 1, name: ..., ...); got ${got}` },
    ]);
  });

  it('reports each duplicate key with its path and the first occurrence', () => {
    const text = ['version: 1', 'retrieval:', '  top_k: 1', '  top_k: 2', 'version: 2'].join('\n');
    expect(parseScenarioText(text, 'd.yaml').problems).toMatchObject([
      { path: 'retrieval.top_k', line: 4, column: 3, message: 'duplicate key "top_k" (first at line 3, column 3)' },
      { path: 'version', line: 5, column: 1, message: 'duplicate key "version" (first at line 1, column 1)' },
    ]);
  });

  it('refuses tags beyond the core ones, pointing at the tag', () => {
    const text = [
      'a: !!binary aGVsbG8=',
      'b: !!js/function "function () { return 1 }"',
      'c: !!str 12', // a core tag: fine
      'd: !custom { x: 1 }',
      'e: !!set { x }',
    ].join('\n');
    const p = parseScenarioText(text, 'tags.yaml');
    expect(p.problems).toMatchObject([
      { path: 'a', line: 1, column: 4, message: 'the tag "!!binary" is not supported in a scenario file; write plain values' },
      { path: 'b', line: 2, column: 4, message: 'the tag "!!js/function" is not supported in a scenario file; write plain values' },
      { path: 'd', line: 4, column: 4, message: 'the tag "!custom" is not supported in a scenario file; write plain values' },
      { path: 'e', line: 5, column: 4, message: 'the tag "!!set" is not supported in a scenario file; write plain values' },
    ]);
    // yaml never turns a tag into code: the function stays text.
    expect((p.data as Record<string, unknown>)['b']).toBe('function () { return 1 }');
  });

  it('refuses a "billion laughs" file instead of expanding it', () => {
    // 9^6 = 531 441 copies of "lol" if expanded.
    const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (const [name, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e']] as const) {
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const p = parseScenarioText(lines.join('\n'), 'lol.yaml');
    expect(p.data).toBeUndefined();
    expect(p.problems).toMatchObject([{ code: 'syntax', path: '', message: problemText.aliases(100).message }]);
  });

  it('refuses a second document', () => {
    expect(parseScenarioText('a: 1\n---\nb: 2\n', 'm.yaml').problems).toMatchObject([
      { code: 'syntax', path: '', line: 2, column: 1, message: problemText.multipleDocuments().message },
    ]);
  });
});

const JSON_TEXT = [
  '{', // 1
  '  "version": 1,', // 2: value at col 14 ('  "version": ' is 13 characters)
  '  "retrieval": {', // 3: "{" at col 16
  '    "top_k": 6', // 4: key at col 5, value at col 14 ('    "top_k": ' is 13)
  '  },', // 5
  '  "include": ["a", "b"],', // 6: "[" col 14, "a" col 15, "b" col 20
  '  "a.b": { "x": null }', // 7: "x" key col 12, null col 17
  '}', // 8
].join('\n');

describe('parseScenarioText: JSON', () => {
  const parsed = parseScenarioText(JSON_TEXT, 'scenario.JSON');

  it('parses with JSON.parse', () => {
    expect(parsed.format).toBe('json');
    expect(parsed.problems).toMatchObject([]);
    expect(parsed.data).toEqual(JSON.parse(JSON_TEXT));
  });

  it.each([
    [['version'], {}, 2, 14],
    [['version'], { key: true }, 2, 3],
    [['retrieval'], {}, 3, 16],
    [['retrieval', 'top_k'], {}, 4, 14],
    [['retrieval', 'top_k'], { key: true }, 4, 5],
    [['include', 0], {}, 6, 15],
    [['include', 1], {}, 6, 20],
    [['a.b', 'x'], {}, 7, 17],
    [['a.b', 'x'], { key: true }, 7, 12],
    [['retrieval', 'chunk_tokens'], {}, 3, 3], // missing: the key of its map
  ] as const)('locate(%j, %j) → %d:%d', (path, options, line, column) => {
    expect(parsed.locate(path, options)).toEqual({ line, column });
  });

  it('reads a quoted segment of a path string', () => {
    expect(parsed.locate('["a.b"].x')).toEqual({ line: 7, column: 17 });
  });

  it.each([
    // text, line, column, message
    ['{\n  "a": 1,\n  "b" 2\n}', 3, 7, "expected ':' after the property name; got '2'"],
    ['{\n  "a": 1,\n}', 2, 9, "a comma before '}' is not allowed in JSON"],
    ['[1, 2,]', 1, 6, "a comma before ']' is not allowed in JSON"],
    ['{"a": 1', 1, 8, "expected ',' or '}' after a property value; got end of the file"],
    ['{"a": }', 1, 7, "unexpected '}' (expected a value)"],
    ["{'a': 1}", 1, 2, "expected a property name in double quotes; got '''"],
    ['{"a": \'x\'}', 1, 7, 'strings in JSON are written in double quotes'],
    ['{\n  // note\n  "a": 1\n}', 2, 3, 'comments are not allowed in JSON'],
    ['{"a": 01}', 1, 7, 'invalid number'],
    ['{"a": "x\ty"}', 1, 9, 'a control character (such as a tab) must be escaped inside a JSON string'],
    ['{"a": "x', 1, 7, 'the string is not closed'],
    ['{"a": 1} x', 1, 10, "unexpected 'x' after the end of the JSON value"],
    ['{"a": tru}', 1, 7, "unexpected 't' (expected a value)"],
  ])('%j → %d:%d %s', (text, line, column, message) => {
    const p = parseScenarioText(text, 'bad.json');
    expect(p.data).toBeUndefined();
    expect(p.problems).toMatchObject([{ path: '', line, column, message: `invalid JSON: ${message}` }]);
  });

  it('reports an empty file, a non-object top level and duplicate keys', () => {
    expect(parseScenarioText('  \n', 'e.json').problems).toMatchObject([{ code: 'syntax', path: '', message: problemText.empty().message }]);
    expect(parseScenarioText('[1]', 'l.json').problems).toMatchObject([
      { path: '', line: 1, column: 1, message: 'the top level must be a mapping of fields (version: 1, name: ..., ...); got a list' },
    ]);
    const dup = parseScenarioText('{\n  "r": { "k": 1,\n    "k": 2 }\n}', 'd.json');
    // line 2 is '  "r": { "k": 1,': the first "k" opens at col 10 ('  "r": { ' is 9 characters)
    expect(dup.problems).toMatchObject([
      { path: 'r.k', line: 3, column: 5, message: 'duplicate key "k" (first at line 2, column 10)' },
    ]);
  });

  it('locates every value of any JSON document at the text of that value', () => {
    const leafPaths = (v: unknown, path: (string | number)[] = []): { path: (string | number)[]; value: unknown }[] => {
      if (Array.isArray(v)) return v.flatMap((x, i) => leafPaths(x, [...path, i]));
      if (v !== null && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => leafPaths(x, [...path, k]));
      return [{ path, value: v }];
    };
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 })),
        fc.constantFrom(0, 2, '\t'),
        (data, indent) => {
          const text = JSON.stringify(data, null, indent);
          const p = parseScenarioText(text, 'p.json');
          expect(p.problems).toMatchObject([]);
          const lines = text.split('\n');
          for (const leaf of leafPaths(data)) {
            const at = p.locate(leaf.path);
            expect(at).toBeDefined();
            const rest = (lines[(at?.line ?? 0) - 1] ?? '').slice((at?.column ?? 0) - 1);
            expect(rest.startsWith(JSON.stringify(leaf.value))).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('parseScenarioText never throws', () => {
  it('for any text, as YAML or JSON', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.constantFrom('a.yaml', 'a.json'), (text, name) => {
        const p = parseScenarioText(text, name);
        expect(Array.isArray(p.problems)).toBe(true);
        if (p.problems.length === 0) expect(typeof p.data).toBe('object');
      }),
      { numRuns: 1000 },
    );
  });

  it('and locates every key of a YAML document produced from data', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z_]{1,6}$/), fc.jsonValue({ maxDepth: 2 })), (data) => {
        const p = parseScenarioText(yamlStringify(data), 'p.yaml');
        expect(p.problems).toMatchObject([]);
        const lines = yamlStringify(data).split('\n');
        for (const key of Object.keys(data)) {
          const at = p.locate([key], { key: true });
          expect((lines[(at?.line ?? 0) - 1] ?? '').slice((at?.column ?? 0) - 1).startsWith(key)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('formatPath / parsePath', () => {
  it.each([
    [[], ''],
    [['retrieval', 'top_k'], 'retrieval.top_k'],
    [['knowledge', 'include', 0], 'knowledge.include[0]'],
    [['strategies', 'rag-k12', 'retrieval'], 'strategies.rag-k12.retrieval'],
    [['a.b', 'c d'], '["a.b"]["c d"]'],
  ] as const)('%j ↔ %j', (path, text) => {
    expect(formatPath(path)).toBe(text);
    expect(parsePath(text)).toEqual(path);
  });
});
