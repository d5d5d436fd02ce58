/**
 * The fuzzer's parts (issue 13, "A fuzzer that stays"): mutate the bundled scenarios, run a
 * case, and classify what happened. Used by scripts/fuzz/run.mjs (`npm run fuzz`) and by
 * tests/fuzz/fuzz.test.ts (a few hundred cases in `npm test`). Runs against dist/ (built).
 *
 * Mutations (each case applies 1–3, chosen by fast-check from a seed, so a seed replays):
 *  - a value replaced: extreme and tiny numbers (1e308, 1e-300, 2^53 + 1, −1, 0), numbers as
 *    text with units ("1e308%", "1e-300 ms"), wrong types (list, map, null, true), unicode
 *    and control text (newline, NUL, U+202E, emoji), long text (1k–20k characters);
 *  - a key deleted, an unknown key added, a prototype key (`__proto__`, `constructor`);
 *  - deep nesting (50–3,000 levels) under `vars`;
 *  - a strategy variant overriding a whole section with extreme values;
 *  - text-level: a duplicate key, a custom tag, an alias bomb, a truncated file, JSON instead of YAML.
 *
 * Outcomes (one per case, the first that applies):
 *   crash           the run threw (in process) or the CLI died without its JSON document
 *   stack trace     an output holds a JavaScript stack trace ("    at f (file.js:1:2)")
 *   internal error  an output says "internal error"
 *   hang            the case took more than 10 s
 *   non-finite      a projection returned by the library holds NaN or ±Infinity
 *   absurd-without-note  a figure the plausibility rule calls absurd, with no implausible_* note
 *   clean problem   the file was refused with problems (exit 1)
 *   clean result    the file ran (exit 0)
 */
import fc from 'fast-check';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';

export const OUTCOMES = [
  'clean result',
  'clean problem',
  'crash',
  'stack trace',
  'internal error',
  'hang',
  'non-finite',
  'absurd-without-note',
];
/** Outcomes that are bugs: the "done when" asks for 0 of each. */
export const BAD_OUTCOMES = OUTCOMES.slice(2);
export const HANG_MS = 10_000;

/**
 * The bundled scenarios as data, with the latency samples lowered to 2,000 (from 20,000) so
 * that ten thousand cases fit in minutes; a mutation may still set any value there.
 */
export function loadSeeds(scenariosDir = 'scenarios') {
  return readdirSync(scenariosDir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => {
      const data = parseYaml(readFileSync(path.join(scenariosDir, f), 'utf8'));
      data.latency = { ...(data.latency ?? {}), samples: 2000 };
      return { name: f, data };
    });
}

/** A folder for the cases, holding the bundled scenarios' prompt and corpus files so `file:` and `dir:` resolve. */
export function caseFolder(root, scenariosDir = 'scenarios') {
  mkdirSync(root, { recursive: true });
  for (const entry of readdirSync(scenariosDir, { withFileTypes: true })) {
    if (entry.isDirectory()) cpSync(path.join(scenariosDir, entry.name), path.join(root, entry.name), { recursive: true });
  }
  return root;
}

const EXTREME_NUMBERS = [1e308, -1e308, 1e-300, -1e-300, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, 1e12, 1e-12, 0, -1, 1e15, 0.5, 3];
const UNIT_TEXT = ['1e308%', '1e-300 ms', '1e300 days', '1e308', '1e999', '-0', '2 weeks', '0 ms', '1e6 months', '999999999999%', '3%', '20k', '1.5M', '2B', 'auto', 'never', 'x * 1e308', '1/0', '0/0', 'daily * 30'];
const UNICODE_TEXT = ['line\nbreak', 'nul\u0000byte', 'rtl\u202eoverride', 'esc\u001b[2Jclear', '😀 emoji', 'café', '\u2028sep', 'tab\there', '', ' ', 'gpt\nfake.yaml:1:1: version: all good'];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];
const SECTIONS = ['workload', 'prompt', 'knowledge', 'models', 'retrieval', 'fine_tuning', 'caching', 'one_time', 'latency', 'deployment'];

/** Every path (array of keys) to a value in `data`, maps and lists included. */
function pathsOf(data, prefix = [], out = []) {
  if (typeof data !== 'object' || data === null) return out;
  for (const key of Object.keys(data)) {
    const p = [...prefix, Array.isArray(data) ? Number(key) : key];
    out.push(p);
    if (out.length < 2000) pathsOf(data[key], p, out);
  }
  return out;
}

function setAt(data, p, value) {
  let cur = data;
  for (const k of p.slice(0, -1)) {
    if (typeof cur[k] !== 'object' || cur[k] === null) cur[k] = {};
    cur = cur[k];
  }
  Object.defineProperty(cur, p[p.length - 1], { value, writable: true, enumerable: true, configurable: true });
}

function deleteAt(data, p) {
  let cur = data;
  for (const k of p.slice(0, -1)) {
    cur = cur?.[k];
    if (typeof cur !== 'object' || cur === null) return;
  }
  if (Array.isArray(cur)) cur.splice(Number(p[p.length - 1]), 1);
  else delete cur[p[p.length - 1]];
}

function nested(depth) {
  let v = 1;
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { k: v };
  return v;
}

const arbNumber = fc.record({ kind: fc.constant('number'), at: fc.nat(), value: fc.oneof(fc.constantFrom(...EXTREME_NUMBERS), fc.double({ noNaN: true }), fc.integer()) });
const arbUnit = fc.record({ kind: fc.constant('unit'), at: fc.nat(), value: fc.constantFrom(...UNIT_TEXT) });
/** A number of the file scaled by 10^k: mostly inside the bounds, where implausible combinations live. */
const arbScale = fc.record({ kind: fc.constant('scale'), at: fc.nat(), value: fc.integer({ min: -8, max: 8 }) });

/** One mutation as data: which kind, and the random choices it needs (indices and picks). */
const arbMutation = fc.oneof(
  arbNumber,
  arbUnit,
  fc.record({ kind: fc.constant('type'), at: fc.nat(), value: fc.constantFrom([], [1, 'a'], {}, { a: 1 }, null, true, false) }),
  fc.record({ kind: fc.constant('unicode'), at: fc.nat(), value: fc.constantFrom(...UNICODE_TEXT) }),
  fc.record({ kind: fc.constant('long'), at: fc.nat(), value: fc.integer({ min: 1000, max: 20000 }) }),
  fc.record({ kind: fc.constant('delete'), at: fc.nat() }),
  fc.record({ kind: fc.constant('unknown-key'), at: fc.nat(), value: fc.constantFrom('extra', 'top_kk', ...PROTO_KEYS) }),
  fc.record({ kind: fc.constant('proto-id'), value: fc.constantFrom(...PROTO_KEYS), where: fc.constantFrom('generator', 'embedding', 'vector_store', 'strategy') }),
  fc.record({ kind: fc.constant('deep'), value: fc.integer({ min: 50, max: 3000 }) }),
  fc.record({
    kind: fc.constant('variant'),
    section: fc.constantFrom(...SECTIONS),
    strategy: fc.constantFrom('prompt_only', 'rag', 'fine_tuning', 'hybrid'),
    value: fc.constantFrom(...EXTREME_NUMBERS, ...UNIT_TEXT),
  }),
);

/** A whole case: a seed scenario, its mutations, how it is written, and any text-level damage. */
export const arbCase = (seedCount) =>
  fc.record({
    seed: fc.nat({ max: seedCount - 1 }),
    // Half the cases change only numbers (a valid file with extreme values, which runs and
    // tests finiteness and plausibility); the other half anything.
    mutations: fc.oneof(fc.array(fc.oneof(arbScale, arbScale, arbNumber, arbUnit), { minLength: 1, maxLength: 3 }), fc.array(arbMutation, { minLength: 1, maxLength: 3 })),
    format: fc.constantFrom('yaml', 'yaml', 'yaml', 'json'),
    text: fc.constantFrom('none', 'none', 'none', 'none', 'duplicate', 'tag', 'alias-bomb', 'truncate', 'bom'),
  });

/** The scenario text of a case (deterministic in the case). */
export function caseText(seeds, c) {
  const data = structuredClone(seeds[c.seed].data);
  for (const m of c.mutations) {
    const all = pathsOf(data);
    // Numbers replace numbers (and values written as text): valid-looking but extreme inputs.
    const valueAt = (q) => q.reduce((o, k) => o?.[k], data);
    const numeric = all.filter((q) => typeof valueAt(q) === 'number' && q[0] !== 'version');
    const leaves = all.filter((q) => (typeof valueAt(q) === 'number' || typeof valueAt(q) === 'string') && q[0] !== 'version');
    const paths = m.kind === 'scale' ? numeric : (m.kind === 'number' || m.kind === 'unit') && leaves.length > 0 ? leaves : all;
    const p = paths.length > 0 ? paths[m.at % paths.length] : ['workload'];
    if (m.kind === 'scale') {
      if (paths.length > 0) setAt(data, p, valueAt(p) * 10 ** m.value);
      continue;
    }
    switch (m.kind) {
      case 'number':
      case 'unit':
      case 'type':
      case 'unicode':
        setAt(data, p, structuredClone(m.value));
        break;
      case 'long':
        setAt(data, p, 'x'.repeat(m.value));
        break;
      case 'delete':
        deleteAt(data, p);
        break;
      case 'unknown-key': {
        const parent = p.slice(0, -1);
        setAt(data, [...parent, m.value], 1);
        break;
      }
      case 'proto-id':
        if (m.where === 'strategy') setAt(data, ['strategies', m.value], { kind: 'rag' });
        else if (m.where === 'vector_store') setAt(data, ['retrieval', 'vector_store'], m.value);
        else setAt(data, ['models', m.where], m.value);
        break;
      case 'deep':
        setAt(data, ['vars', 'deep'], nested(m.value));
        break;
      case 'variant': {
        const section = structuredClone(data[m.section] ?? {});
        const fill = (o) => {
          if (typeof o !== 'object' || o === null) return m.value;
          for (const k of Object.keys(o)) o[k] = typeof o[k] === 'object' && o[k] !== null ? fill(o[k]) : m.value;
          return o;
        };
        setAt(data, ['strategies', `${m.strategy}-v`], { kind: m.strategy, [m.section]: fill(section) });
        break;
      }
    }
  }
  let text;
  // Deep nesting is written in flow style (JSON is YAML too): block style indents each level,
  // so 3,000 levels would make a 9-million-character file.
  if (c.format === 'json' || c.mutations.some((m) => m.kind === 'deep')) {
    text = JSON.stringify(data, null, 1) ?? 'null';
  } else {
    try {
      text = stringifyYaml(data, { aliasDuplicateObjects: false });
    } catch {
      text = JSON.stringify(data) ?? 'null';
    }
  }
  switch (c.text) {
    case 'duplicate':
      text = c.format === 'json' ? text.replace(/^\{/, '{"name": "dup",') : `name: dup\n${text}`;
      break;
    case 'tag':
      text = c.format === 'json' ? text : text.replace(/^(\w+):/m, '$1: !!binary');
      break;
    case 'alias-bomb':
      if (c.format !== 'json') text += 'bomb:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n  d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
      break;
    case 'truncate':
      text = text.slice(0, Math.floor(text.length / 2));
      break;
    case 'bom':
      text = `\uFEFF${text}`;
      break;
  }
  return { text, ext: c.format === 'json' ? 'json' : 'yaml' };
}

const STACK = /\n\s+at .+\(.*:\d+:\d+\)|\n\s+at [^\s]+:\d+:\d+/;

/**
 * The plausibility rule the fuzzer checks, written independently of src/model/plausibility.ts
 * from the issue's examples: growth above 50% a month, month-end queries 1,000× month 1's,
 * a total from $10M on a month 1 under $100k, a total above $10^12.
 */
export function absurdity(projection) {
  const out = [];
  for (const s of projection.strategies) {
    const q = s.monthly.map((m) => m.queries);
    if (q.length > 1 && q[0] > 0 && q[q.length - 1] / q[0] >= 1000) out.push(`${s.id}: month-end queries ≥ 1,000× month 1`);
    if (q.length > 1 && q[0] > 0 && q[1] / q[0] > 1.5 + 1e-9) out.push(`${s.id}: growth above 50% a month`);
    const first = s.monthly[0]?.total_usd;
    if (s.total_usd !== null && s.total_usd > 1e12) out.push(`${s.id}: total above $1e12`);
    else if (s.total_usd !== null && first !== null && first !== undefined && s.total_usd >= 1e7 && first + (s.one_time_usd ?? 0) < 1e5) {
      out.push(`${s.id}: $10M from a month 1 under $100k`);
    }
  }
  return out;
}

export function hasImplausibleNote(projection) {
  return projection.notes.some((n) => n.code.startsWith('implausible'));
}

/** Where a non-finite number sits in a value, or null. */
export function firstNonFinite(value, where = '') {
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${where} = ${value}`;
  if (typeof value !== 'object' || value === null) return null;
  for (const [k, v] of Object.entries(value)) {
    const hit = firstNonFinite(v, `${where}.${k}`);
    if (hit) return hit;
  }
  return null;
}

/**
 * Classifies one in-process run: `run` is { threw?, stdout, stderr, exitCode, projections }
 * where projections are what the library returned (loadScenario + simulate).
 */
export function classify(run) {
  if (run.threw !== undefined) return { outcome: 'crash', detail: String(run.threw).slice(0, 300) };
  const all = `${run.stdout}\n${run.stderr}\n${run.libraryError ?? ''}`;
  if (STACK.test(all)) return { outcome: 'stack trace', detail: all.match(STACK)[0].slice(0, 200) };
  if (/internal error/i.test(all)) return { outcome: 'internal error', detail: all.slice(all.search(/internal error/i), all.search(/internal error/i) + 300) };
  for (const p of run.projections) {
    const bad = firstNonFinite(p);
    if (bad) return { outcome: 'non-finite', detail: bad };
  }
  for (const p of run.projections) {
    const absurd = absurdity(p);
    if (absurd.length > 0 && !hasImplausibleNote(p)) return { outcome: 'absurd-without-note', detail: absurd.join('; ') };
  }
  if (run.exitCode === 0) return { outcome: 'clean result' };
  if (run.exitCode === 1) return { outcome: 'clean problem' };
  return { outcome: 'crash', detail: `exit code ${run.exitCode}` };
}

let libs = null;
/** The built modules and one catalog, loaded once per process (`dist` is the built package folder). */
export async function builtLibs(dist) {
  libs ??= (async () => {
    const [{ today }, { loadScenario }, { simulate }, { loadCatalog }, { renderRunJson }] = await Promise.all([
      import(path.join(dist, 'cli/run-command.js')),
      import(path.join(dist, 'scenario/load.js')),
      import(path.join(dist, 'model/simulate.js')),
      import(path.join(dist, 'catalog/load.js')),
      import(path.join(dist, 'report/json.js')),
    ]);
    return { today, loadScenario, simulate, catalog: loadCatalog(), renderRunJson };
  })();
  return libs;
}

/**
 * Runs one case file in process, as the library and the batch do: loadScenario, simulate
 * (its return value is checked for non-finite numbers and absurd figures), then the JSON
 * writer. A NonFiniteError is the library's clean refusal (the batch prints it as a problem).
 */
export async function runInProcess(file, dist) {
  const run = { stdout: '', stderr: '', exitCode: null, projections: [] };
  try {
    const { today, loadScenario, simulate, catalog, renderRunJson } = await builtLibs(dist);
    const loaded = await loadScenario(file, { catalog, today: today(), allowOutside: false });
    if (!loaded.ok) {
      run.stderr = loaded.problems.map((p) => `${p.path}: ${p.message}`).join('\n');
      run.exitCode = 1;
    } else {
      let projection = null;
      try {
        projection = simulate(loaded.scenario, catalog);
      } catch (err) {
        if (err?.name !== 'NonFiniteError') throw err;
        run.stderr = err.message;
        run.exitCode = 1;
      }
      if (projection) {
        run.projections.push(projection);
        const bad = firstNonFinite(projection);
        // The writer is run only on finite projections (it throws, by design, on the others).
        if (!bad) run.stdout = renderRunJson({ schema: 'costsim.run/v1', results: [projection], errors: [] });
        run.exitCode = 0;
      }
    }
  } catch (err) {
    run.threw = err?.stack ?? String(err);
  }
  return classify(run);
}

/** Writes a case's text and returns its file path. */
export function writeCase(folder, id, textCase) {
  const file = path.join(folder, `case-${id}.${textCase.ext}`);
  writeFileSync(file, textCase.text);
  return file;
}

/** Classifies one file of a CLI batch from the run document (or the lack of one). */
export function classifyCli(file, doc, stderr, exitCode, timedOut) {
  if (timedOut) return { outcome: 'hang' };
  if (STACK.test(stderr)) return { outcome: 'stack trace', detail: stderr.match(STACK)[0] };
  if (doc === null) return { outcome: 'crash', detail: `exit ${exitCode}: ${stderr.slice(0, 300)}` };
  const base = path.basename(file);
  const error = doc.errors.find((e) => path.basename(e.file) === base);
  if (error) {
    const text = JSON.stringify(error);
    if (/internal error/i.test(text)) return { outcome: 'internal error', detail: text.slice(0, 300) };
    if (STACK.test(text)) return { outcome: 'stack trace', detail: text.slice(0, 300) };
    return { outcome: 'clean problem' };
  }
  const p = doc.results.find((r) => path.basename(r.scenario.file) === base);
  if (!p) return { outcome: 'crash', detail: `${base}: neither a result nor an error` };
  const absurd = absurdity(p);
  if (absurd.length > 0 && !hasImplausibleNote(p)) return { outcome: 'absurd-without-note', detail: absurd.join('; ') };
  return { outcome: 'clean result' };
}

/** The cases of a seed: fast-check draws `count` of them reproducibly. */
export function drawCases(seeds, count, seed) {
  return fc.sample(arbCase(seeds.length), { numRuns: count, seed });
}
