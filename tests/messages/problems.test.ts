/**
 * Every problem's words come from src/messages/problems.ts. Types enforce it (a bare string is
 * no ProblemMessage, an id that is not an entry does not compile, parameters are typed); this
 * file checks that the types stay that strict, and scans src/ for the ways around them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gateText, PROBLEM, problem, problemText, type Problem } from '../../src/messages/problems.js';
import type { GateResult } from '../../src/policy/types.js';
import { usage } from '../../src/cli/run-command.js';

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
        if (/\bas\s+GateMessage\b/.test(line)) offences.push(`${file}:${i + 1}: casts to GateMessage`);
      });
    }
    expect(offences).toEqual([]);
  });

  it('has no entry that nothing uses', () => {
    const used = (id: string) => files.some((f) => f.text.includes(`problemText.${id}(`) || f.text.includes(`shape('${id}')`));
    const unused = Object.keys(problemText).filter((id) => !used(id));
    expect(unused).toEqual([]);
    const gateUnused = Object.keys(gateText).filter((id) => !files.some((f) => f.text.includes(`gateText.${id}(`)));
    expect(gateUnused).toEqual([]);
  });
});

describe('a gate result is worded only by the catalog', () => {
  it('refuses, at compile time, a bare string as its message and an unknown entry', () => {
    const gate = {
      rule: 'budgets[0].monthly_usd', where: 'policy.yaml:3:5', level: 'error', status: 'fail', scenario: 's', file: 's.yaml',
      strategy: 'rag', figure: 56, limit: 50, unit: 'usd',
    } as const;
    // @ts-expect-error a gate's message is a catalog sentence, not any string
    const literal: GateResult = { ...gate, message: 'over the limit' };
    expect(literal.message).toBe('over the limit');
    const worded: GateResult = { ...gate, message: gateText.againstLimit({ month: 2, label: '2027-02' }, '$56.00', '$50.00', false).message };
    expect(worded.message).toBe('month 2 (2027-02): $56.00 is over the limit $50.00');
    // @ts-expect-error an id that is not an entry does not compile
    expect(() => gateText.overBudget()).toThrow(TypeError);
    // @ts-expect-error a figure is one the catalog words ("p99" is not one)
    expect(gateText.latencyUnknown('p99').message).toBe('undefined is unknown (the strategy has no latency: it is infeasible)');
  });

  it('says each figure, the limit and why a figure is unknown', () => {
    expect(gateText.figureUnknown({ monthsTotal: 12 }, 'price_missing', '$1,000').message).toBe('the 12-month total is unknown (a price is missing); unknown is not within the limit $1,000');
    expect(gateText.changeAgainstLimit({ month: 1 }, '$56.00', '$96.00', '+71.4%', false, '+10%').message).toBe('month 1: $56.00 → $96.00, +71.4%; over the limit +10%');
    expect(gateText.changeUncheckable('baseline', { why: 'not_in_scenario', selector: 'hybrid', ids: ['prompt_only', 'rag'] }, '+10%')).toEqual({
      id: 'changeUncheckable',
      message: 'in the baseline: the scenario has no strategy "hybrid" (it has prompt_only, rag); the change limit +10% cannot be checked',
    });
  });
});

describe('a usage error of the command line is worded by the catalog', () => {
  it('refuses a bare string at compile time, and prints each text after "costsim: " with exit 2', () => {
    // @ts-expect-error usage() takes catalog texts, not strings
    expect(usage('--jobs is wrong').stderr).toBe('costsim: undefined\n');
    expect(usage(problemText.jobsNotWhole(64, '1.5'), problemText.outEmpty())).toEqual({
      stdout: '',
      stderr: 'costsim: --jobs expects a whole number from 1 to 64; got "1.5"\ncostsim: --out needs a folder name; got an empty one\n',
      exitCode: 2,
    });
    expect(problemText.outEmpty().code).toBe('usage');
  });

  it('lists two formats with "or" and more with commas', () => {
    expect(problemText.formatNotOneOf(['table', 'json'], 'xml').message).toBe('--format must be table or json; got "xml"');
    expect(problemText.formatNotOneOf(['table', 'json', 'md'], 'xml').message).toBe('--format must be table, json, md; got "xml"');
  });
});
