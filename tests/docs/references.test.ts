/**
 * Every reference in the repository points at something a user can open.
 *
 * - No file in src/, tests/, scenarios/, charts/ (the committed outputs), bench/, scripts/,
 *   docs/ or README.md names a document that does not ship with the project (the founding
 *   brief, its design notes or its fact sheet): a source is either a section of
 *   docs/model.md or the original publisher.
 * - Every `docs/...` path mentioned exists.
 * - Every `docs/model.md §N` (or §N.M) cited exists as a numbered heading of docs/model.md,
 *   and every `model.md#anchor` link lands on a heading.
 * - Every source file a Markdown document names (`src/model/months.ts`) exists.
 */
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SELF = path.relative(ROOT, fileURLToPath(import.meta.url)).split(path.sep).join('/');
const SCANNED = ['src', 'tests', 'scenarios', 'charts', 'bench', 'scripts', 'docs', 'README.md'];
const BINARY = /\.(png|jpe?g|gif|ico|woff2?|ttf|otf|pdf|gz|zip)$/i;
/** Files whose `docs/...` paths name a fixture folder they build themselves, not the project's docs/. */
const OWN_DOCS_FOLDER = new Set(['tests/io/scenario-fs.test.ts']);

/** Text files under the scanned roots, as repository-relative posix paths (this test left out). */
function scannedFiles(): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    const abs = path.join(ROOT, rel);
    if (!existsSync(abs)) return;
    if (statSync(abs).isDirectory()) {
      for (const name of readdirSync(abs).sort()) {
        if (name === 'node_modules' || name.startsWith('.')) continue;
        walk(rel === '' ? name : `${rel}/${name}`);
      }
    } else if (!BINARY.test(rel) && rel !== SELF) {
      out.push(rel);
    }
  };
  for (const r of SCANNED) walk(r);
  return out;
}

// Built from parts so that this file does not name what it forbids.
const GONE = ['SP' + 'EC', 'FA' + 'CTS', 'DES' + 'IGN'];
/** Names of the brief, its fact sheet and its design notes, as a file or with a section sign. */
const UNSHIPPED = new RegExp(`\\b(?:${GONE[0]}|${GONE[1]})(?:\\.md\\b|\\s*§)|\\b${GONE[2]}\\.md\\b`, 'g');
/** A repository path under docs/ (not the tail of a URL such as https://example.com/docs/x). */
const DOCS_PATH = /(?<![\w./:-])docs\/[\w./-]*\w/g;
/** `docs/model.md §4.3`, `docs/model.md §4.3 and §5`, `docs/model.md §§4–5`. */
const MODEL_CITE = /docs\/model\.md((?:\s*(?:,|;|and|or|–|-)?\s*§+\s*\d+(?:\.\d+)*)+)/g;
const MODEL_ANCHOR = /model\.md#([\w-]+)/g;
/** A repository file named in prose: `src/model/months.ts`, `tests/model/invariants.ts`, `scripts/docs-fields.mjs`. */
const REPO_FILE = /(?<![\w./-])(?:src|tests|scripts|bench)\/[\w./-]*\.(?:ts|mjs|json|md)\b/g;

export function unshippedMentions(text: string): string[] {
  return [...text.matchAll(UNSHIPPED)].map((m) => m[0]);
}

export function docsPaths(text: string): string[] {
  return [...text.matchAll(DOCS_PATH)].map((m) => m[0]);
}

export function citedSections(text: string): string[] {
  return [...text.matchAll(MODEL_CITE)].flatMap((m) => [...(m[1] ?? '').matchAll(/\d+(?:\.\d+)*/g)].map((n) => n[0]));
}

/** Section numbers of docs/model.md's headings: `## 4. Inference pricing` → 4, `### 4.3 Caching` → 4.3. */
export function headingNumbers(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const m of markdown.matchAll(/^#{1,6}\s+(\d+(?:\.\d+)*)\.?\s/gm)) out.add(m[1]!);
  return out;
}

/** GitHub's anchor for a heading: lower case, punctuation other than `-` and `_` dropped, spaces to `-`. */
export function githubSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

describe('the matchers', () => {
  it('find what they are meant to find, and only that', () => {
    expect(unshippedMentions(`see ${GONE[0]} §4.1 and ${GONE[1]}.md §3.3; ${GONE[2]}.md "Properties"`)).toEqual([
      `${GONE[0]} §`,
      `${GONE[1]}.md`,
      `${GONE[2]}.md`,
    ]);
    expect(unshippedMentions(`${GONE[1]} §5.1`)).toHaveLength(1);
    // A word that merely contains the letters is no citation.
    expect(unshippedMentions(`const SECTION_${GONE[0]} = {}; ${GONE[0]}IAL`)).toEqual([]);
    expect(docsPaths('read docs/model.md and https://platform.example.com/docs/pricing, docs.example.io/x')).toEqual([
      'docs/model.md',
    ]);
    expect([...'see src/model/months.ts, `tests/model/invariants.ts` and https://x.io/src/a.ts'.matchAll(REPO_FILE)].map((m) => m[0])).toEqual([
      'src/model/months.ts',
      'tests/model/invariants.ts',
    ]);
    expect(citedSections('(docs/model.md §4.3 and §5; docs/model.md §12.4)')).toEqual(['4.3', '5', '12.4']);
    expect([...headingNumbers('# T\n## 4. Inference pricing\n### 4.3 Prompt caching\ntext 5. no\n')]).toEqual(['4', '4.3']);
    expect(githubSlug('12.4 Line items, month by month')).toBe('124-line-items-month-by-month');
    expect(githubSlug('10.6 `replicas: auto`')).toBe('106-replicas-auto');
  });
});

describe('references in the repository', () => {
  const files = scannedFiles();
  const texts = new Map(files.map((f) => [f, readFileSync(path.join(ROOT, f), 'utf8')]));
  const model = readFileSync(path.join(ROOT, 'docs/model.md'), 'utf8');

  it('scans the code, tests, scenarios and committed outputs', () => {
    for (const expected of ['src/model/simulate.ts', 'tests/model/hand-checked.test.ts', 'scenarios/help-center-rag.yaml', 'README.md', 'docs/model.md']) {
      expect(files).toContain(expected);
    }
    expect(files.some((f) => f.startsWith('charts/') && f.endsWith('projection.json'))).toBe(true);
  });

  it('name no document that does not ship with the project', () => {
    const found: string[] = [];
    for (const [file, text] of texts) {
      for (const m of text.matchAll(UNSHIPPED)) found.push(`${file}:${lineOf(text, m.index)}: ${m[0]}`);
    }
    expect(found).toEqual([]);
  });

  it('name only docs/ paths that exist', () => {
    const missing: string[] = [];
    for (const [file, text] of texts) {
      if (OWN_DOCS_FOLDER.has(file)) continue;
      for (const m of text.matchAll(DOCS_PATH)) {
        if (!existsSync(path.join(ROOT, m[0]))) missing.push(`${file}:${lineOf(text, m.index)}: ${m[0]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('cite only sections of docs/model.md that exist', () => {
    const sections = headingNumbers(model);
    expect(sections.size).toBeGreaterThan(10);
    const missing: string[] = [];
    for (const [file, text] of texts) {
      for (const m of text.matchAll(MODEL_CITE)) {
        for (const n of (m[1] ?? '').matchAll(/\d+(?:\.\d+)*/g)) {
          if (!sections.has(n[0])) missing.push(`${file}:${lineOf(text, m.index)}: docs/model.md §${n[0]}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('name, in Markdown, only repository files that exist', () => {
    const missing: string[] = [];
    for (const [file, text] of texts) {
      if (!file.endsWith('.md') || file.startsWith('charts/') || file.includes('__snapshots__')) continue;
      for (const m of text.matchAll(REPO_FILE)) {
        if (!existsSync(path.join(ROOT, m[0]))) missing.push(`${file}:${lineOf(text, m.index)}: ${m[0]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('link only to headings of docs/model.md that exist', () => {
    const anchors = new Set([...model.matchAll(/^#{1,6}\s+(.+?)\s*$/gm)].map((m) => githubSlug(m[1]!)));
    const missing: string[] = [];
    for (const [file, text] of texts) {
      for (const m of text.matchAll(MODEL_ANCHOR)) {
        if (!anchors.has(m[1]!)) missing.push(`${file}:${lineOf(text, m.index)}: model.md#${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
