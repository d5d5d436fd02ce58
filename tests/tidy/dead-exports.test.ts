/**
 * No export of src/ is read only by its own file, and none is code that only tests run (issue 7:
 * dead and test-only exports). The
 * finder is scripts/dead-exports.mjs; `node scripts/dead-exports.mjs` prints the same list.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script (no type declarations)
import { deadExports } from '../../scripts/dead-exports.mjs';

const scratch = mkdtempSync(path.join(tmpdir(), 'costsim-dead-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function tree(files: Record<string, string>): string {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(scratch, name)), { recursive: true });
    writeFileSync(path.join(scratch, name), text);
  }
  return scratch;
}

describe('exports of src/', () => {
  it('each one is used by another file (src/, tests/, scripts/, bench/) or is public API (src/index.ts), and none is code only tests run', () => {
    // If this fails: drop the `export` of each name listed (or delete what nothing reads at all);
    // code only tests run goes (or moves into the tests, as a reference they compute by).
    expect(deadExports()).toEqual([]);
  });

  it('the finder tells an export read elsewhere from one read only by its own file', () => {
    const root = tree({
      'src/index.ts': "export { pub } from './a.js';\nexport type * from './types.js';\n",
      'src/types.ts': 'export interface Shown { a: number }\n',
      'src/a.ts': [
        'export function pub(): number { return helper() + 1; }',
        'export function helper(): number { return 1; }',
        'export const lazy = 2;',
        'export interface Local { x: number }',
        'export type Alias = Local;',
        'const inner = 3;',
        'export { inner };',
        'export async function viaDist(): Promise<void> {}',
        'export class Shape {}',
        '/** Test probe: whether pub ran. */',
        'export function probe(): boolean { return true; }',
        '// onlyTested is mentioned in a comment, which is no use',
        'export function onlyTested(): number { return 4; }',
        'export function testedInternal(): number { return 5; }',
        'export const viaInternal = testedInternal() + 1;',
        '',
      ].join('\n'),
      'src/b.ts': "const { lazy } = await import('./a.js');\nexport const unused = lazy;\n",
      'tests/a.test.ts': "import type { Alias } from '../src/a.js';\nimport { probe, onlyTested, testedInternal } from '../src/a.js';\n",
      'scripts/s.mjs': "import { viaDist } from '../dist/a.js';\n",
    });
    // Alias (a type) and testedInternal (its own file uses it) are read only by a test and stay;
    // so does probe (a test probe); onlyTested is code that only a test runs.
    expect(deadExports(root)).toEqual([
      'src/a.ts: Local',
      'src/a.ts: Shape',
      'src/a.ts: helper',
      'src/a.ts: inner',
      'src/a.ts: onlyTested (only tests run it)',
      'src/a.ts: viaInternal',
      'src/b.ts: unused',
    ]);
  });
});
