// Exports of src/ that no other file uses: an `export` that only its own file reads is a wider
// surface than the code needs (make it private, or delete it if nothing reads it at all). And
// code that only tests run: an export only tests use while its own file does not use it either
// (delete it, or move it into the tests); a "Test probe:" says so in its doc comment and stays.
//
//   node scripts/dead-exports.mjs          prints `file: name` per dead export; exit 1 if any
//
// tests/tidy/dead-exports.test.ts runs it on every `npm test`, so the list stays empty.
//
// "Uses" means: another file of src/, tests/, scripts/ or bench/ imports the module (statically,
// with `import()`, or through dist/'s built copy of it) and names the export; or src/index.ts
// (the library's public API) re-exports it. The name is matched as a word in the importing file,
// so a destructured `import()`, `ns.name` and `import { name as other }` all count; a name that
// only matches by accident errs towards "used", never towards a false alarm.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else if (/\.(ts|mts|mjs|js)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** The src/ file a module specifier of `from` names, or null (a package, or outside src/). */
function resolveSpecifier(root, from, spec) {
  if (!spec.startsWith('.')) return null;
  let target = resolve(dirname(from), spec);
  // dist/ holds the built copy of src/ (dist/bin/ is the bundle, which has no module per file).
  const dist = join(root, 'dist') + '/';
  if (target.startsWith(dist)) target = join(root, 'src', target.slice(dist.length));
  const candidates = [target.replace(/\.js$/, '.ts'), target.replace(/\.mjs$/, '.mts'), target, `${target}.ts`, join(target, 'index.ts')];
  return candidates.find((c) => c.startsWith(join(root, 'src') + '/') && existsSync(c) && c.endsWith('.ts')) ?? null;
}

/** Module specifiers a file names: import/export … from, import(), import 'x' and require(). */
function specifiers(root, file, text) {
  const out = [];
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^import\s+)['"]([^'"\n]+)['"]/gm)) out.push(m[1]);
  return out.map((s) => resolveSpecifier(root, file, s)).filter((s) => s !== null);
}

/**
 * The names a src/ file declares with `export` (re-exports from other modules are theirs). The
 * sources are formatted one declaration a line, so a line-start pattern finds every one.
 */
function exportedNames(text) {
  const names = [];
  const decl = /^export\s+(?:declare\s+)?(?:async\s+)?(?:abstract\s+)?(?:function\*?|const|let|var|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/gm;
  for (const m of text.matchAll(decl)) names.push(m[1]);
  // export { a, b as c };  export type { d };  (a list without `from`: local names)
  for (const m of text.matchAll(/^export\s+(?:type\s+)?\{([^}]*)\}\s*;?[ \t]*$/gm)) {
    for (const part of m[1].split(',')) {
      const local = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0];
      if (local) names.push(local);
    }
  }
  return [...new Set(names)];
}

/**
 * `text` without its comment lines and end-of-line comments (a name a comment mentions is not a
 * use). Line-based, as the sources are formatted: a line that starts with `//`, `/*` or `*` is a
 * comment, and so is what follows ` // ` on a line of code.
 */
function withoutComments(text) {
  return text
    .split('\n')
    .filter((line) => !/^\s*(\/\/|\/\*|\*)/.test(line))
    .map((line) => line.replace(/\s\/\/\s.*$/, ''))
    .join('\n');
}

/** Whether the comment right above `name`'s declaration in `text` says it is a test probe. */
function isTestProbe(text, name) {
  const at = text.search(new RegExp(`^export\\s+(?:async\\s+)?(?:function|const)\\s+${name}\\b`, 'm'));
  if (at < 0) return false;
  const before = text.slice(0, at).trimEnd();
  return before.endsWith('*/') && /Test probe:/.test(before.slice(before.lastIndexOf('/**')));
}

/**
 * Every export of `root`/src/ that no other file uses, as `src/…: name`, sorted; and, as
 * `src/…: name (only tests run it)`, every one that only tests use while its own file does not
 * use it either: code the product never runs. An internal that its own file uses and a test
 * also calls directly is product code under test, and stays. A test probe (a function that only
 * tells a test what happened, e.g. whether a lazy module was loaded) says so in its doc comment,
 * "Test probe: …", and stays.
 */
export function deadExports(root = repo) {
  const srcFiles = walk(join(root, 'src')).filter((f) => f.endsWith('.ts'));
  const consumers = [...srcFiles, ...walk(join(root, 'tests')), ...walk(join(root, 'scripts')), ...walk(join(root, 'bench'))];
  const texts = new Map(consumers.map((f) => [f, readFileSync(f, 'utf8')]));
  /** src file → the other files that name it as a module. */
  const importers = new Map();
  for (const [file, text] of texts) {
    for (const target of new Set(specifiers(root, file, text))) {
      if (target === file) continue;
      if (!importers.has(target)) importers.set(target, []);
      importers.get(target).push(file);
    }
  }
  const index = join(root, 'src', 'index.ts');
  const dead = [];
  for (const file of srcFiles) {
    if (file === index) continue;
    const users = importers.get(file) ?? [];
    // `export * from` / `export type * from` in the public API: every export of the file is public.
    const star = [...(texts.get(index) ?? '').matchAll(/^export\s+(?:type\s+)?\*\s+from\s+['"]([^'"]+)['"]/gm)].some((m) => resolveSpecifier(root, index, m[1]) === file);
    if (star) continue;
    const tests = join(root, 'tests') + '/';
    // Types and interfaces never run, so only code can be "only run by tests".
    const types = new Set([...texts.get(file).matchAll(/^export\s+(?:declare\s+)?(?:interface|type)\s+([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]));
    for (const name of exportedNames(texts.get(file))) {
      const word = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
      const usedBy = users.filter((u) => texts.get(u).search(word) >= 0);
      if (usedBy.length === 0) dead.push(`${relative(root, file)}: ${name}`);
      else if (usedBy.every((u) => u.startsWith(tests))) {
        // Only tests use it: does its own file (beyond the declaration) use it?
        const ownUses = (withoutComments(texts.get(file)).match(word) ?? []).length - 1;
        if (ownUses === 0 && !types.has(name) && !isTestProbe(texts.get(file), name)) dead.push(`${relative(root, file)}: ${name} (only tests run it)`);
      }
    }
  }
  return dead.sort();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dead = deadExports();
  for (const d of dead) console.log(d);
  console.error(`${dead.length} export(s) used only in their own file, or code only tests run`);
  process.exitCode = dead.length > 0 ? 1 : 0;
}
