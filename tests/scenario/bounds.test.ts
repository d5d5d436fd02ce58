/**
 * Every bound of the field table (fields.ts), tested at the edge: a value just inside loads,
 * a value just outside is one problem at the field's path, line and column, stating the
 * allowed range and the reason. Hand-written cases pin the exact wording of each kind.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CatalogError, loadCatalog, mergeCatalog } from '../../src/catalog/load.js';
import { FIELDS, fieldsUnder, type FieldPath, type FieldRule } from '../../src/scenario/fields.js';
import { loadScenario } from '../../src/scenario/load.js';
import { describeRange } from '../../src/scenario/read-field.js';

const catalog = loadCatalog();
const root = mkdtempSync(path.join(tmpdir(), 'costsim-bounds-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

type Doc = { [key: string]: Doc | string | number | boolean };

const base = (): Doc => ({
  version: 1,
  name: 'Bounds',
  workload: { queries_per_month: 1000 },
  prompt: { query: { tokens: 10 }, output: { tokens: 10 } },
});

/** Block YAML, one key per line; returns the text and the line/column of the value at `target`. */
function toYaml(doc: Doc, target: string[]): { text: string; line: number; column: number } {
  const lines: string[] = [];
  let at = { line: 0, column: 0 };
  const walk = (d: Doc, indent: number, trail: string[]) => {
    for (const [k, v] of Object.entries(d)) {
      const here = [...trail, k];
      const pad = ' '.repeat(indent);
      if (typeof v === 'object') {
        lines.push(`${pad}${k}:`);
        walk(v, indent + 2, here);
      } else {
        const scalar = typeof v === 'string' ? JSON.stringify(v) : String(v);
        lines.push(`${pad}${k}: ${scalar}`);
        if (here.join('.') === target.join('.')) at = { line: lines.length, column: indent + k.length + 3 };
      }
    }
  };
  walk(doc, 0, []);
  return { text: lines.join('\n') + '\n', ...at };
}

function set(doc: Doc, keys: string[], value: Doc[string]): void {
  let cur = doc;
  for (const k of keys.slice(0, -1)) {
    if (typeof cur[k] !== 'object') cur[k] = {};
    cur = cur[k] as Doc;
  }
  cur[keys[keys.length - 1]!] = value;
}

/**
 * A document with `value` at one concrete path of the field `rulePath`, plus what that field
 * needs around it to be valid (an id for an inline model, a deployment's kind and price, …).
 */
function docFor(rulePath: FieldPath, value: string | number): { doc: Doc; at: string[] } {
  const doc = base();
  const parts = rulePath.split('.');
  const parent = parts.slice(0, -1).join('.');
  const key = fieldsUnder(parent).find(([, p]) => p === rulePath)![0];
  const concrete = [...parts.slice(0, -1), key].map((s) => ({ '<part>': 'system', '<model>': 'generator' })[s] ?? s);
  if (concrete[0] === 'models' && concrete[1] === 'generator') set(doc, ['models', 'generator', 'id'], 'gpt-4.1-mini');
  if (concrete[2] === 'long_context' && key !== 'threshold_tokens') set(doc, ['models', 'generator', 'long_context', 'threshold_tokens'], 200000);
  if (concrete[0] === 'retrieval' && concrete[1] === 'vector_store') set(doc, ['retrieval', 'vector_store', 'id'], 'pinecone-serverless');
  if (concrete[0] === 'deployment') {
    set(doc, ['deployment', 'kind'], 'self_hosted');
    if (key !== 'gpu_usd_per_hour') set(doc, ['deployment', 'gpu_usd_per_hour'], 2);
  }
  if (rulePath === 'fine_tuning.dataset.tokens_per_example') set(doc, ['fine_tuning', 'dataset', 'examples'], 10);
  // The overlap must stay below the chunk; the retrain cadence above the training job.
  if (rulePath === 'retrieval.chunk_overlap_tokens') set(doc, ['retrieval', 'chunk_tokens'], 100000);
  if (rulePath === 'retrieval.chunk_tokens') set(doc, ['retrieval', 'chunk_overlap_tokens'], 0);
  if (rulePath === 'fine_tuning.retrain_every') set(doc, ['fine_tuning', 'training_hours'], '30 min');
  set(doc, concrete, value);
  return { doc, at: concrete };
}

/** A value as a scenario writes it in this field's kind (durations need a unit, shares a "%"). */
function written(rule: FieldRule, n: number): string | number {
  switch (rule.kind) {
    case 'hours':
      return `${n} h`;
    case 'seconds':
      return `${n} s`;
    case 'fraction':
      return `${Number((n * 100).toPrecision(12))}%`;
    default:
      return n;
  }
}

/** A step past a bound that a reader still sees as a different number. */
function step(rule: FieldRule, n: number): number {
  if (rule.integer) return 1;
  if (rule.kind === 'fraction') return 0.01;
  return Math.max(Math.abs(n) * 1e-6, 1e-6);
}

async function load(doc: Doc, target: string[], name: string) {
  const { text, line, column } = toYaml(doc, target);
  const dir = path.join(root, name.replace(/[^A-Za-z0-9_.-]/g, '_'));
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'scenario.yaml');
  writeFileSync(file, text);
  return { result: await loadScenario(file, { catalog, today: '2026-11-21', allowOutside: false }), line, column };
}

interface Edge {
  name: string;
  rulePath: FieldPath;
  inside: number;
  outside: number;
}

const edges: Edge[] = [];
for (const [p, rule] of Object.entries(FIELDS) as [FieldPath, FieldRule][]) {
  const lowInside = rule.exclusiveMin ? rule.min + step(rule, rule.min) : rule.min;
  const lowOutside = rule.exclusiveMin ? rule.min : rule.min - step(rule, rule.min);
  edges.push({ name: `${p} low`, rulePath: p, inside: lowInside, outside: lowOutside });
  edges.push({ name: `${p} high`, rulePath: p, inside: rule.max, outside: rule.max + step(rule, rule.max) });
}

describe('every bound of the field table', () => {
  for (const e of edges) {
    it(`${e.name}: ${e.inside} is accepted, ${e.outside} is refused with the range and the reason`, async () => {
      const rule: FieldRule = FIELDS[e.rulePath];
      const inside = docFor(e.rulePath, written(rule, e.inside));
      const ok = await load(inside.doc, inside.at, `${e.name}-in`);
      expect(ok.result.ok ? [] : ok.result.problems).toEqual([]);

      const outside = docFor(e.rulePath, written(rule, e.outside));
      const bad = await load(outside.doc, outside.at, `${e.name}-out`);
      expect(bad.result.ok).toBe(false);
      if (bad.result.ok) return;
      expect(bad.result.problems).toHaveLength(1);
      const [problem] = bad.result.problems;
      expect(problem!.path).toBe(outside.at.join('.'));
      expect(problem!.line).toBe(bad.line);
      expect(problem!.column).toBe(bad.column);
      // A share below 0 or above 1 is refused by the value reader in its own words.
      if (rule.kind === 'fraction' && rule.min >= 0) {
        expect(problem!.message).toMatch(/^expected a fraction between 0 and 1 or a percentage/);
      } else {
        expect(problem!.message.startsWith(`must be ${describeRange(rule)}; got `), problem!.message).toBe(true);
        expect(problem!.message.endsWith(` (${rule.why})`)).toBe(true);
      }
    });
  }
});

/** The exact wording, one case per kind of bound. */
const exact: { name: string; rulePath: FieldPath; value: string | number; message: string }[] = [
  {
    name: 'a count above its maximum',
    rulePath: 'horizon_months',
    value: 121,
    message: 'must be between 1 and 120; got 121 (ten years: prices and models change far faster than that, and every month is computed)',
  },
  {
    name: 'a count below its minimum',
    rulePath: 'latency.samples',
    value: 99,
    message: 'must be between 100 and 1,000,000; got 99 (fewer than 100 samples give no p95; a million per strategy is the most a report needs, p99 to within 0.1%)',
  },
  {
    name: 'a negative count states the range, not only the sign',
    rulePath: 'retrieval.metadata_bytes',
    value: -1,
    message: 'must be between 0 and 1,000,000; got -1 (Pinecone allows 40 KB of metadata per record; 1 MB is 25× that)',
  },
  {
    name: 'a growth rate of -100%: an exclusive minimum, shown as a percentage',
    rulePath: 'workload.growth_per_month',
    value: '-100%',
    message:
      'must be greater than -100% and at most 100%; got "-100%" (traffic cannot fall by 100% or more; more than doubling every month for the horizon is not a forecast)',
  },
  {
    name: 'a publish cadence of 30 s: a duration range in its own units',
    rulePath: 'knowledge.publish_every',
    value: '30 s',
    message:
      'must be between 1 min and 10 years; got "30 s" (each publish is a batch re-index, which takes longer than a minute; beyond ten years, the longest horizon, nothing is ever published)',
  },
  {
    name: 'a cache lifetime of two years',
    rulePath: 'caching.ttl',
    value: '2 years',
    message:
      'must be between 0 and 1 year; got "2 years" (provider caches live minutes to a day, explicit caches longer at an hourly storage price; a year covers every one)',
  },
  {
    name: 'a network time of an hour, in ms',
    rulePath: 'latency.network_ms',
    value: '1 h',
    message: 'must be between 0 ms and 600,000 ms; got "1 h" (a step slower than 10 minutes is a timeout, not a latency)',
  },
  {
    name: 'a prefill speed of 1e-300 tokens/s',
    rulePath: 'deployment.prefill_tokens_per_s',
    value: 1e-300,
    message:
      'must be between 0.1 and 1,000,000; got 1e-300 (a token speed below 0.1 token/s is not a GPU, since a CPU decodes a 70B model at about 1 token/s; above 1,000,000 tokens/s is no published hardware)',
  },
  {
    name: 'an output of 1e307 tokens',
    rulePath: 'prompt.<part>.tokens',
    value: 1e307,
    message: 'must be between 0 and 100,000,000; got 1e+307 (the largest context window on sale is 10M tokens, Llama 4 Scout; 100M leaves room)',
  },
];

describe('bound messages, word for word', () => {
  for (const c of exact) {
    it(c.name, async () => {
      const { doc, at } = docFor(c.rulePath, c.value);
      const r = await load(doc, at, `exact-${c.name}`);
      expect(r.result.ok).toBe(false);
      if (r.result.ok) return;
      expect(r.result.problems.map((p) => [p.path, p.line, p.message])).toEqual([[at.join('.'), r.line, c.message]]);
    });
  }

  it('a formula is checked by its result, and the message shows what it came to', async () => {
    const doc = base();
    doc.vars = { years: 11 };
    set(doc, ['horizon_months'], 'years * 12');
    const r = await load(doc, ['horizon_months'], 'formula');
    expect(r.result.ok).toBe(false);
    if (r.result.ok) return;
    // 11 × 12 = 132 months > 120.
    expect(r.result.problems.map((p) => p.message)).toEqual([
      'must be between 1 and 120; got "years * 12" = 132 (ten years: prices and models change far faster than that, and every month is computed)',
    ]);
  });

  it('vars themselves are not bounded: a huge var used in a bounded result is fine', async () => {
    const doc = base();
    doc.vars = { big: 1e200 };
    set(doc, ['workload', 'queries_per_month'], 'big / 1e196');
    const r = await load(doc, ['workload', 'queries_per_month'], 'vars-free');
    // 1e200 / 1e196 = 10,000 queries, inside 0 … 10^12.
    expect(r.result.ok ? [] : r.result.problems).toEqual([]);
  });

  it('a strategy override outside its bound is reported at the override', async () => {
    const doc = base();
    set(doc, ['strategies', 'rag-wide', 'kind'], 'rag');
    set(doc, ['strategies', 'rag-wide', 'retrieval', 'top_k'], 1001);
    const r = await load(doc, ['strategies', 'rag-wide', 'retrieval', 'top_k'], 'override');
    expect(r.result.ok).toBe(false);
    if (r.result.ok) return;
    expect(r.result.problems.map((p) => [p.path, p.line, p.column])).toEqual([['strategies.rag-wide.retrieval.top_k', r.line, r.column]]);
    expect(r.result.problems[0]!.message).toMatch(/^must be between 1 and 1,000; got 1001 /);
  });

  it('a retraining cadence shorter than the catalog training job is refused', async () => {
    const doc = base();
    // gpt-4.1-mini's catalog fine-tuning job takes 2.25 h (data/fine-tuning.json); 2 h is shorter.
    set(doc, ['fine_tuning', 'retrain_every'], '2 h');
    const r = await load(doc, ['fine_tuning', 'retrain_every'], 'retrain-job');
    expect(r.result.ok).toBe(false);
    if (r.result.ok) return;
    expect(r.result.problems.map((p) => [p.path, p.line, p.message])).toEqual([
      [
        'fine_tuning.retrain_every',
        r.line,
        'must be at least 2.25 h, the training job of gpt-4.1-mini; got 2 h (a retraining cadence shorter than a training job cannot happen)',
      ],
    ]);
  });
});

/** Issue 8: a share or rate written as a bare number above 1 is refused with a hint. */
describe('a share or rate written as a bare number above 1', () => {
  const hint = (raw: string) => ` (for a percentage, write "${raw}%")`;
  const cases: { rulePath: FieldPath; value: number | string; message: string }[] = [
    { rulePath: 'workload.growth_per_month', value: 3, message: 'expected a fraction or a percentage (e.g. 0.03 or "3%"); got 3' + hint('3') },
    { rulePath: 'workload.growth_per_month', value: '1.5', message: 'expected a fraction or a percentage (e.g. 0.03 or "3%"); got "1.5"' + hint('1.5') },
    { rulePath: 'workload.batch_share', value: 60, message: 'expected a fraction between 0 and 1 or a percentage (e.g. 0.08 or "8%"); got 60' + hint('60') },
    { rulePath: 'knowledge.change_per_month', value: 5, message: 'expected a fraction between 0 and 1 or a percentage (e.g. 0.08 or "8%"); got 5' + hint('5') },
    { rulePath: 'caching.hit_rate', value: 70, message: 'expected a fraction between 0 and 1 or a percentage (e.g. 0.08 or "8%"); got 70' + hint('70') },
  ];
  for (const c of cases) {
    it(`${c.rulePath}: ${c.value}`, async () => {
      const { doc, at } = docFor(c.rulePath, c.value);
      const r = await load(doc, at, `bare-${c.rulePath}-${c.value}`);
      expect(r.result.ok).toBe(false);
      if (r.result.ok) return;
      expect(r.result.problems.map((p) => [p.path, p.line, p.message])).toEqual([[at.join('.'), r.line, c.message]]);
    });
  }

  it('every share or rate field of the table is read as a fraction (so none escapes the rule)', () => {
    const shares = (Object.entries(FIELDS) as [FieldPath, FieldRule][]).filter(([, r]) => r.kind === 'fraction').map(([p]) => p);
    expect(shares.sort()).toEqual(['caching.hit_rate', 'knowledge.change_per_month', 'workload.batch_share', 'workload.growth_per_month']);
  });

  it('1 itself (100%) and "3%" are accepted', async () => {
    for (const value of [1, '3%']) {
      const { doc, at } = docFor('workload.growth_per_month', value);
      const r = await load(doc, at, `growth-ok-${value}`);
      expect(r.result.ok ? [] : r.result.problems).toEqual([]);
    }
  });
});

/** The model fields are declared once (catalog/model-fields.ts): a --catalog file meets the same bound as an inline model. */
describe('a model field bound, in a user catalog file', () => {
  const entry = (input: number) => ({
    source: { name: 'our price list', as_of: '2026-11-01' },
    models: { 'our-llm': { provider: 'private', mode: 'chat', input_usd_per_1m: input, output_usd_per_1m: 1 } },
  });

  it('a price of 1e308 per 1M tokens is refused, naming the entry and the bound', () => {
    let problems: unknown = null;
    try {
      mergeCatalog(catalog, entry(1e308), 'prices.yaml');
    } catch (err) {
      if (err instanceof CatalogError) problems = err.problems;
    }
    expect(problems).toEqual([
      {
        file: 'prices.yaml',
        path: 'models.our-llm.input_usd_per_1m',
        message: 'must be at most 10,000 (the dearest published token price is $600 per 1M, o1-pro output; 10,000 leaves ample room)',
      },
    ]);
  });

  it('the bound itself is accepted', () => {
    const merged = mergeCatalog(catalog, entry(10_000), 'prices.yaml');
    expect(merged.models['our-llm']!.input_usd_per_1m).toBe(10_000);
  });
});
