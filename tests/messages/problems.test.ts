/**
 * Every problem's words come from src/messages/problems.ts. Types enforce it (a bare string is
 * no ProblemMessage, an id that is not an entry does not compile, parameters are typed); this
 * file checks that the types stay that strict, and scans src/ for the ways around them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBLEM, problem, problemText, type Problem } from '../../src/messages/problems.js';

const SRC = path.resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

const files = sourceFiles(SRC).map((file) => ({ file: path.relative(SRC, file), text: readFileSync(file, 'utf8') }));
const outsideMessages = files.filter((f) => !f.file.startsWith(`messages${path.sep}`));

describe('a problem is made only from the catalog', () => {
  it('refuses, at compile time, a bare string, an unknown entry and a parameter of the wrong type', () => {
    // @ts-expect-error a bare string is not a catalog text (at run time it would carry no code)
    expect(problem('retrieval.top_k', 'must be positive').code).toBeUndefined();
    // @ts-expect-error an id that is not an entry does not compile
    expect(() => problemText.noSuchEntry()).toThrow(TypeError);
    // @ts-expect-error parameters are typed: a file name is a string
    expect(problemText.noSuchFile(42).message).toBe('no such file: 42');
    // @ts-expect-error a Problem's message is a catalog text, not any string
    const literal: Problem = { code: PROBLEM.file, path: '', message: 'made by hand' };
    expect(literal.message).toBe('made by hand');
  });

  it('gives each problem its entry code, path and words', () => {
    expect(problem('retrieval.top_k', problemText.expected('count', 'six'), { line: 3, column: 5 })).toEqual({
      code: 'invalid_value',
      path: 'retrieval.top_k',
      message: 'expected a whole number (e.g. 6, "20k" or an expression over vars); got "six"',
      line: 3,
      column: 5,
    });
    expect(problemText.unknownKey('topk', ['top_k', 'chunk_tokens'])).toEqual({
      id: 'unknownKey',
      code: 'unknown_key',
      message: 'unknown key "topk" (did you mean "top_k"?)',
    });
  });

  it('is not worked around in src/: no message cast, no problem literal, no code set by hand', () => {
    const offences: string[] = [];
    for (const { file, text } of outsideMessages) {
      text.split('\n').forEach((line, i) => {
        if (/\bas\s+ProblemMessage\b/.test(line)) offences.push(`${file}:${i + 1}: casts to ProblemMessage`);
        if (/\bcode:\s*PROBLEM\./.test(line)) offences.push(`${file}:${i + 1}: sets a problem code by hand`);
      });
    }
    expect(offences).toEqual([]);
  });

  it('has no entry that nothing uses', () => {
    const used = (id: string) => files.some((f) => f.text.includes(`problemText.${id}(`) || f.text.includes(`shape('${id}')`));
    const unused = Object.keys(problemText).filter((id) => !used(id));
    expect(unused).toEqual([]);
  });
});
