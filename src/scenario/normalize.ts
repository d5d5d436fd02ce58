/**
 * normalize: the scenario as written (schema.ts) → the scenario as used (types.ts).
 *
 *   check structure (zod) ─▶ resolve vars ─▶ resolve catalog ids ─▶ load encoders
 *     ─▶ per strategy: merge its overrides over the base, read every field (fields.ts),
 *        count token sources, apply the kind's defaults
 *
 * Problems are returned as data, every one found, each with its field path; nothing here
 * throws for a user mistake. File access and token counting come in through `ScenarioFs`
 * and the encoder module, so tests run on an in-memory fs.
 */
import { problem, problemText, zodIssueText, type Problem, type ProblemText, type Worded, type ZodIssueLike } from '../messages/problems.js';
import type { Catalog, Encoding, FineTuningEntry, LatencyProfile, ModelEntry, ModelMode, VectorStoreEntry, LongContextTier } from '../catalog/types.js';
import { findFineTuning, findModel, resolveLatency, resolveModel, resolveVectorStore } from '../catalog/lookup.js';
import { createMemoryFs, FsAccessError, type ScenarioFs } from '../io/scenario-fs.js';
import { CACHE_TTL_1_H_S, CACHE_TTL_5_MIN_S } from '../model/inference.js';
import { STRATEGY_MODELS } from '../model/strategies/index.js';
import type { Assumption, StrategyKind } from '../model/types.js';
import { STRATEGY_KINDS } from '../model/types.js';
import { type ChatJsonlCount, countChatJsonl } from '../tokens/chat-jsonl.js';
import { encodingForModel, prepareEncoders, tokenCounter } from '../tokens/encoder.js';
import { MODEL_FIELD_KEYS, MODEL_FIELDS, TIER_PRICE_FIELDS, unknownFields, type ModelField, type ModelFieldSpec, type TierPriceField } from '../catalog/model-fields.js';
import {
  DEFAULT_EMBEDDING,
  DEFAULT_GENERATOR,
  DEFAULT_TRAINING_EXAMPLES,
  DEFAULT_VECTOR_STORE,
  ENGINEER_WEEKS_KEYS,
  FIELDS,
  fieldsUnder,
  SPREAD_COMPONENTS,
  type FieldPath,
  type FieldRule,
  type INLINE_STORE_PRICE_KEYS,
} from './fields.js';
import { createFieldReader, showBound, type FieldReader, type FieldValue, type ReadAt } from './read-field.js';
import { rangeForm } from './values.js';
import { KNOWLEDGE_MODES, knownKeysAt, ScenarioFileSchema, type KnowledgeMode, type ScenarioFile } from './schema.js';
import type { LatencyComponent, ResolvedModel, ResolvedReranker, Scenario, ScenarioSettings, SelfHostedDeployment, StrategySpec } from './types.js';

export interface NormalizeOptions {
  catalog: Catalog;
  /** Where file: and dir: token sources are read; default: no files (an in-memory scenario with token counts or text only). */
  fs?: ScenarioFs;
  /** The scenario file as the user named it. */
  file: string;
  /** Today (YYYY-MM-DD): month 1 defaults to the month after it. Passed in: the core reads no clock. */
  today: string;
  /** Field paths whose values came from --set (for the assumptions' origin). */
  commandLinePaths?: ReadonlySet<string>;
  /**
   * What this scenario's folder's token sources counted to, shared with the other scenarios of
   * a batch in the same folder (see SourceMemo); default: this scenario's own.
   */
  memo?: SourceMemo;
}

/**
 * Token sources already counted, for one scenario folder read with one `fs`: file and `dir:`
 * sources and fine-tuning datasets by path, each per encoding.
 * One scenario reads the same sources for its base and every strategy; a batch of scenarios in
 * one folder (generated variants of one workload) reads the same prompt files, corpus folder
 * and dataset in each, and a batch shares one memo per folder (src/cli/batch.ts), so each file
 * is listed, read and counted once per run, as if the folder were read once at the start.
 * Only successes are kept: a source that cannot be read is tried, and reported, again.
 */
export interface SourceMemo {
  /** Token counts of files by encoding NUL path. */
  counted: Map<string, number>;
  /**
   * Listed `dir:` sources (folder + patterns): listing a folder (a glob walk with a realpath per
   * entry) cost more than counting its files' tokens, which `counted` already does once.
   */
  listed: Map<string, string[]>;
  /** Counted fine-tuning datasets by encoding NUL path. */
  datasets: Map<string, ChatJsonlCount>;
}

export function newSourceMemo(): SourceMemo {
  return { counted: new Map(), listed: new Map(), datasets: new Map() };
}

export type NormalizeResult = { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] };

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys whose values replace rather than merge when a strategy overrides them. */
const ATOMIC = new Set([
  'prompt.system', 'prompt.instructions', 'prompt.examples', 'prompt.query', 'prompt.output',
  'knowledge.corpus', 'models.generator', 'models.embedding', 'models.reranker',
  'retrieval.vector_store', 'fine_tuning.dataset', 'latency.spread', 'deployment',
]);

function deepMerge(base: unknown, over: unknown, path: string): unknown {
  if (!isObject(base) || !isObject(over) || ATOMIC.has(path)) return over;
  const out: Raw = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = k in base ? deepMerge(base[k], v, path ? `${path}.${k}` : k) : v;
  return out;
}

/**
 * A dotted path into a scenario as written, up to three levels deep, spelled from the schema's
 * own type (schema.ts): a path the schema does not have does not compile. normalize reads the
 * document as written rather than zod's output because zod returns no output at all when it
 * finds an issue, and the problems only normalize can find (catalog ids, files, contradictions)
 * must be reported in the same run (docs/model.md §2.8).
 */
type DocPath<T = ScenarioFile, Depth extends unknown[] = []> = Depth['length'] extends 3
  ? never
  : T extends readonly unknown[]
    ? never
    : T extends object
      ? { [K in keyof T & string]-?: K | `${K}.${DocPath<NonNullable<T[K]>, [...Depth, unknown]>}` }[keyof T & string]
      : never;

/** The value at a path of the schema, or undefined where the document has none (or has another shape). */
function getPath(data: unknown, path: DocPath): unknown {
  return valueAt(data, path);
}

/** Field paths split into segments, once per path: normalize reads ≈250 values a scenario. */
const segmentsOf = new Map<string, string[]>();

/** The same for a path made at run time: a field table path, a zod issue's path. */
function valueAt(data: unknown, path: string): unknown {
  let segments = segmentsOf.get(path);
  if (segments === undefined) {
    segments = path.split('.');
    if (segmentsOf.size >= 4096) segmentsOf.clear(); // bounded: paths made from a file's keys vary
    segmentsOf.set(path, segments);
  }
  let cur = data;
  for (const seg of segments) {
    if (!isObject(cur)) return undefined;
    cur = cur[seg];
  }
  return cur;
}

/** Month after `today` (YYYY-MM-DD) as YYYY-MM. */
function nextMonth(today: string): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** zod's issues as problems: unknown keys with a "did you mean", a missing value as "is required". */
export function zodProblems(
  error: { issues: ZodIssueLike[] },
  data: unknown,
  root: Parameters<typeof knownKeysAt>[1] = ScenarioFileSchema,
): Problem[] {
  const out: Problem[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      const known = knownKeysAt(path, root);
      for (const key of issue.keys) {
        out.push(problem([...path, key].join('.'), problemText.unknownKey(key, known)));
      }
    } else if (issue.code === 'invalid_key' && issue.issues?.[0] !== undefined) {
      // A record key refused by its own schema: that schema's message, not zod's "Invalid key in record".
      out.push(problem(path.join('.'), zodIssueText(issue.issues[0], path[path.length - 1])));
    } else {
      // A missing value gets one plain word, whatever shape the field would have taken.
      const given = valueAt(data, path.join('.'));
      if (path.length > 0 && given === undefined) out.push(problem(path.join('.'), problemText.required()));
      else out.push(problem(path.join('.'), zodIssueText(issue, given)));
    }
  }
  return out;
}

interface Context {
  opts: NormalizeOptions & { fs: ScenarioFs };
  reader: FieldReader;
  problems: Problem[];
  assumptions: Assumption[];
  /**
   * The as_of of a price written inline in the scenario: the scenario's start_month (YYYY-MM),
   * never today's date, so that outputs depend only on the inputs (docs/model.md, inline prices).
   */
  inlineAsOf: string;
  /** Files counted so far (this scenario's, or its batch folder's). */
  memo: SourceMemo;
  /**
   * Inline `text:` sources counted so far, by encoding NUL text: this scenario's own, as a batch
   * would otherwise keep every scenario's texts.
   */
  texts: Map<string, number>;
  /** The problems reported so far, by `path NUL message`: looking one up is O(1), not a scan. */
  reported: Set<string>;
}

/** A dataset's line problems listed one by one; the rest are counted in one more problem. */
export const MAX_DATASET_LINE_PROBLEMS = 20;

const problemKey = (path: string, message: string) => `${path}\u0000${message}`;

/** Reports a problem once (a base value read again for each strategy is reported once). */
function report(ctx: Context, path: string, text: Worded): void {
  const key = problemKey(path, text.message);
  if (ctx.reported.has(key)) return;
  ctx.reported.add(key);
  ctx.problems.push(problem(path, text));
}

export async function normalizeScenario(data: unknown, options: NormalizeOptions): Promise<NormalizeResult> {
  const opts: NormalizeOptions & { fs: ScenarioFs } = { ...options, fs: options.fs ?? createMemoryFs({}) };
  const problems: Problem[] = [];
  const parsed = ScenarioFileSchema.safeParse(data);
  if (!parsed.success) {
    problems.push(...zodProblems(parsed.error as never, data));
  }
  if (!isObject(data)) return { ok: false, problems };

  const varsRaw = isObject(data.vars) ? data.vars : {};
  const { reader, problems: varProblems } = await createFieldReader(varsRaw, data);
  problems.push(...varProblems);
  const start = getPath(data, 'start_month');
  const inlineAsOf = typeof start === 'string' ? start : nextMonth(opts.today);
  const reported = new Set(problems.map((p) => problemKey(p.path, p.message)));
  const ctx: Context = { opts, reader, problems, assumptions: [], inlineAsOf, memo: options.memo ?? newSourceMemo(), texts: new Map(), reported };

  // Strategies to compare (docs/model.md §2.5: default the four kinds, each with {}).
  const strategyEntries: [string, Raw][] = isObject(data.strategies)
    ? Object.entries(data.strategies).map(([id, v]) => [id, isObject(v) ? v : {}])
    : STRATEGY_KINDS.map((k) => [k, {}]);
  if (strategyEntries.length === 0) report(ctx, 'strategies', problemText.noStrategies());

  // Resolve every generator first, so the encoders token counting needs can be loaded once.
  const merged = strategyEntries.map(([id, entry]) => {
    const { kind: _k, knowledge, ...sections } = entry;
    const over: Raw = { ...sections };
    if (isObject(knowledge)) over.knowledge = knowledge;
    return { id, entry, data: deepMerge(data, over, '') as Raw };
  });
  const encodings = new Set<Encoding>();
  for (const m of [{ data }, ...merged]) {
    const gen = getPath(m.data, 'models.generator') ?? DEFAULT_GENERATOR;
    const id = typeof gen === 'string' ? gen : isObject(gen) && typeof gen.id === 'string' ? gen.id : DEFAULT_GENERATOR;
    encodings.add(encodingForModel(id).encoding);
  }
  if (needsCounting(data, merged.map((m) => m.data))) await prepareEncoders(encodings);

  // The base settings carry the scenario-wide values (horizon, targets, assumptions); the kind
  // only picks a retrain default, which the base never uses, so any kind would do.
  const base = readSettings(ctx, data as Raw, '', null, STRATEGY_KINDS[0]);
  const strategies: StrategySpec[] = [];
  for (const m of merged) {
    const kindRaw = m.entry.kind ?? m.id;
    if (!(STRATEGY_KINDS as readonly string[]).includes(String(kindRaw))) {
      report(ctx, `strategies.${m.id}`, problemText.notAStrategyKind(m.id, STRATEGY_KINDS));
      continue;
    }
    const kind = kindRaw as StrategyKind;
    // Totals are compared across strategies, so every strategy runs over the scenario's months.
    for (const key of ['horizon_months', 'start_month'] as const) {
      if (key in m.entry) report(ctx, `strategies.${m.id}.${key}`, problemText.scenarioWide(key));
    }
    const settings = readSettings(ctx, m.data, `strategies.${m.id}`, m.entry, kind);
    if (!settings) continue;
    let knowledgeMode: KnowledgeMode = settings.knowledge.has_corpus ? 'full' : 'none';
    if (typeof m.entry.knowledge === 'string') {
      // A kind that takes a knowledge mode declares it (strategies/*); the others take a knowledge section.
      const modes = STRATEGY_MODELS[kind].knowledgeModes;
      const mode = m.entry.knowledge as KnowledgeMode;
      if (modes === undefined || !modes.includes(mode)) {
        const takers = STRATEGY_KINDS.filter((k) => STRATEGY_MODELS[k].knowledgeModes !== undefined);
        report(ctx, `strategies.${m.id}.knowledge`, problemText.knowledgeModeNotTaken(KNOWLEDGE_MODES, takers, kind));
      } else knowledgeMode = mode;
    }
    strategies.push({ id: m.id, kind, knowledge_mode: knowledgeMode, settings });
  }

  const uncertainty = readUncertainty(ctx, data.uncertainty);
  if (problems.length > 0 || !base) return { ok: false, problems };
  const generator = base.models.generator.entry;
  return {
    ok: true,
    scenario: {
      version: 1,
      name: String(data.name),
      description: typeof data.description === 'string' ? data.description : '',
      file: opts.file,
      base,
      strategies,
      assumptions: ctx.assumptions,
      approximate_tokens: generator.encoding === null,
      inputs: reader.inputs(uncertainty),
    },
  };
}

/** A token source, dataset or folder that could not be read: the file system's words (io/scenario-fs.ts) or, for another error, its own. */
function fileProblem(err: unknown): ProblemText {
  return err instanceof FsAccessError ? err.text : problemText.unreadableInput(err instanceof Error ? err.message : String(err));
}

function readUncertainty(ctx: Context, raw: unknown): { samples: number; seed: number } {
  const section = isObject(raw) ? raw : {};
  const one = (key: keyof typeof UNCERTAINTY_RULES): number => {
    const rule = UNCERTAINTY_RULES[key];
    const given = section[key];
    const r = ctx.reader.read(given ?? rule.default, rule);
    if (!r.ok) {
      report(ctx, `uncertainty.${key}`, r);
      return rule.default;
    }
    if (given !== undefined) ctx.assumptions.push({ path: `uncertainty.${key}`, value: typeof given === 'number' ? given : String(given), origin: 'scenario' });
    return typeof r.value === 'number' ? r.value : rule.default;
  };
  return { samples: one('samples'), seed: one('seed') };
}

/** The `uncertainty` section: draws of the Monte Carlo over uncertain inputs, and its seed (src/uncertainty/). */
const UNCERTAINTY_RULES = {
  samples: {
    kind: 'count', unit: 'draws', default: 2000, min: 10, max: 100_000, integer: true,
    why: 'fewer than 10 draws give no percentile; 100,000 bound the work, each draw being a full projection',
    doc: 'draws of the Monte Carlo over uncertain inputs',
  },
  seed: { kind: 'count', unit: 'seed', default: 1, min: 0, max: 2 ** 53, integer: true, why: 'a whole number a double holds exactly', doc: 'seed of those draws' },
} as const satisfies Record<string, FieldRule>;

function needsCounting(base: unknown, variants: unknown[]): boolean {
  const hasText = (v: unknown): boolean =>
    isObject(v) ? 'text' in v || 'file' in v || 'dir' in v || Object.values(v).some(hasText) : Array.isArray(v) ? v.some(hasText) : false;
  return [base, ...variants].some((d) => isObject(d) && (hasText(d.prompt) || hasText(d.knowledge) || hasText(d.fine_tuning)));
}

/**
 * Reads one field. `prefix` is "" for the base, or "strategies.<id>" for a variant, whose
 * problems are reported at the variant's path only when the variant itself wrote the value.
 */
function field(ctx: Context, data: Raw, prefix: string, override: Raw | null, rulePath: FieldPath, recordAssumption: boolean, path: string = rulePath): FieldValue | null {
  const rule: FieldRule = FIELDS[rulePath];
  const raw = valueAt(data, path);
  const fromOverride = override !== null && valueAt(override, path) !== undefined;
  const shownPath = fromOverride ? `${prefix}.${path}` : path;
  const at = { scope: scopeOf(prefix), key: path, input: shownPath };
  if (raw === undefined) {
    if (rule.default === undefined) {
      report(ctx, shownPath, problemText.required());
      return null;
    }
    if (rule.default === null) return null;
    const value = ctx.reader.read(rule.default, rule, at);
    if (recordAssumption) ctx.assumptions.push({ path, value: typeof rule.default === 'number' ? rule.default : String(rule.default), origin: 'default' });
    return value.ok ? value.value : null;
  }
  const value = ctx.reader.read(raw, rule, at);
  if (!value.ok) {
    report(ctx, shownPath, value);
    return null;
  }
  if (recordAssumption || fromOverride) {
    const origin = ctx.opts.commandLinePaths?.has(shownPath) ? 'command-line' : 'scenario';
    ctx.assumptions.push({ path: shownPath, value: typeof raw === 'number' || typeof raw === 'string' ? raw : writtenRange(raw) ?? String(value.value), origin });
  }
  return value.value;
}

/** A three-point estimate as written, for the assumptions: "{ low: 4%, base: 8%, high: 15% }". */
function writtenRange(raw: unknown): string | null {
  const form = rangeForm(raw);
  return form?.form === 'three_point' ? `{ low: ${String(form.low)}, base: ${String(form.base)}, high: ${String(form.high)} }` : null;
}

/** "" (the base) or "strategies.<id>" → the scope a FieldBinding names: "" or the strategy id. */
function scopeOf(prefix: string): string {
  return prefix === '' ? '' : prefix.slice('strategies.'.length);
}

/**
 * A field read with its default applied (the table's). When the read failed, the problem is
 * reported and the settings it sits in are discarded, so the 0 standing in for it never
 * reaches the model.
 */
function num(v: FieldValue | null): number {
  return typeof v === 'number' ? v : 0;
}

function readSettings(ctx: Context, data: Raw, prefix: string, override: Raw | null, kind: StrategyKind): ScenarioSettings | null {
  const isBase = override === null;
  const f = (path: FieldPath, concrete?: string) => field(ctx, data, prefix, override, path, isBase, concrete);
  const at = (path: DocPath) => (override !== null && getPath(override, path) !== undefined ? `${prefix}.${path}` : path);
  const problemsBefore = ctx.problems.length;
  const catalog = ctx.opts.catalog;

  // Models first: token counting needs the generator's encoding.
  const generator = resolveGenerator(ctx, getPath(data, 'models.generator') ?? DEFAULT_GENERATOR, at('models.generator'));
  const embeddingRaw = getPath(data, 'models.embedding') ?? DEFAULT_EMBEDDING;
  const embedding = embeddingRaw === 'none' ? null : resolveModelRef(ctx, embeddingRaw, 'embedding', at('models.embedding'));
  const rerankerRaw = getPath(data, 'models.reranker') ?? 'none';
  const rerankerModel = rerankerRaw === 'none' ? null : resolveModelRef(ctx, rerankerRaw, 'rerank', at('models.reranker'));
  const tokenRatio = num(f('models.token_ratio'));
  const encoding = generator ? (generator.entry.encoding ?? 'o200k_base') : 'o200k_base';
  const approximate = generator ? generator.entry.encoding === null : false;
  // token_ratio scales counted text for tokenizers we only approximate; explicit counts stand.
  const count = (source: unknown, path: DocPath, rule: 'prompt.<part>.tokens' | 'knowledge.corpus.tokens' = 'prompt.<part>.tokens'): number =>
    countSource(ctx, source, at(path), encoding, approximate ? tokenRatio : 1, rule, { scope: scopeOf(prefix), key: `${path}.tokens`, input: `${at(path)}.tokens` });

  const prompt = {
    system_tokens: count(getPath(data, 'prompt.system'), 'prompt.system'),
    instructions_tokens: count(getPath(data, 'prompt.instructions'), 'prompt.instructions'),
    examples_tokens: count(getPath(data, 'prompt.examples'), 'prompt.examples'),
    query_tokens: count(getPath(data, 'prompt.query'), 'prompt.query'),
    output_tokens: count(getPath(data, 'prompt.output'), 'prompt.output'),
    reasoning: readReasoning(ctx, data, f, at, generator),
  };
  const corpusRaw = getPath(data, 'knowledge.corpus');
  const corpusTokens = corpusRaw === undefined ? 0 : count(corpusRaw, 'knowledge.corpus', 'knowledge.corpus.tokens');

  const publishEvery = num(f('knowledge.publish_every'));
  const chunkRead = f('retrieval.chunk_tokens');
  const chunkTokens = num(chunkRead);
  const overlap = num(f('retrieval.chunk_overlap_tokens'));
  // Compared only when chunk_tokens itself was read: a refused chunk size has its own problem.
  if (typeof chunkRead === 'number' && overlap >= chunkTokens) report(ctx, at('retrieval.chunk_overlap_tokens'), problemText.overlapNotBelowChunk(chunkTokens, overlap));
  const topK = num(f('retrieval.top_k'));
  const storeRaw = getPath(data, 'retrieval.vector_store') ?? DEFAULT_VECTOR_STORE;
  const store = resolveStore(ctx, storeRaw, at('retrieval.vector_store'));

  // Fine-tuning: the dataset, the catalog entry for the generator, and scenario overrides.
  const ft = readFineTuning(ctx, data, f, at, prompt, generator, scopeOf(prefix));
  const retrainRaw = f('fine_tuning.retrain_every');

  const settings: ScenarioSettings = {
    horizon_months: num(f('horizon_months')),
    start_month: typeof data.start_month === 'string' ? data.start_month : nextMonth(ctx.opts.today),
    workload: {
      queries_per_month: num(f('workload.queries_per_month')),
      growth_per_month: num(f('workload.growth_per_month')),
      peak_to_average: num(f('workload.peak_to_average')),
      batch_share: num(f('workload.batch_share')),
    },
    prompt,
    knowledge: {
      corpus_tokens: corpusTokens,
      has_corpus: corpusTokens > 0,
      change_per_month: num(f('knowledge.change_per_month')),
      publish_every_hours: publishEvery,
      indexing_hours: num(f('knowledge.indexing_time')),
      freshness_target_hours: nullable(f('knowledge.freshness_target')),
    },
    models: {
      generator: generator ?? placeholderModel(),
      embedding,
      reranker: rerankerModel ? resolveReranker(ctx, rerankerModel) : null,
      token_ratio: tokenRatio,
    },
    retrieval: {
      chunk_tokens: chunkTokens,
      chunk_overlap_tokens: overlap,
      top_k: topK,
      rerank_candidates: ((v) => {
        if (v === null) ctx.reader.derived(scopeOf(prefix), 'retrieval.rerank_candidates');
        return nullable(v) ?? 4 * topK;
      })(f('retrieval.rerank_candidates')),
      vector_store: store?.entry ?? placeholderStore(),
      vector_store_inline: store?.inline ?? false,
      metadata_bytes: num(f('retrieval.metadata_bytes')),
      embed_ms: nullable(f('retrieval.embed_ms')),
      search_ms: nullable(f('retrieval.search_ms')),
      rerank_ms: nullable(f('retrieval.rerank_ms')),
    },
    fine_tuning: { ...ft, retrain_every_hours: null, retrain_every_is_default: retrainRaw === null },
    caching: {
      enabled: getPath(data, 'caching.enabled') !== false,
      hit_rate: ((v) => (v === 'auto' ? 'auto' : num(v)))(f('caching.hit_rate')),
      ...readCacheLifetime(ctx, data, f, at, generator),
    },
    one_time: {
      usd_per_engineer_week: num(f('one_time.usd_per_engineer_week')),
      engineer_weeks: Object.fromEntries(
        ENGINEER_WEEKS_KEYS.map((k) => [k, num(f('one_time.engineer_weeks.<kind>', `one_time.engineer_weeks.${k}`))]),
      ) as Record<StrategyKind, number>,
    },
    latency: {
      network_ms: num(f('latency.network_ms')),
      spread: readSpread(ctx, getPath(data, 'latency.spread'), at('latency.spread')),
      samples: num(f('latency.samples')),
      seed: num(f('latency.seed')),
      slo_p95_ms: nullable(f('latency.slo_p95_ms')),
      slo_ttft_p95_ms: nullable(f('latency.slo_ttft_p95_ms')),
      rpm: nullable(f('latency.rpm')),
      tpm: nullable(f('latency.tpm')),
    },
    deployment: isObject(getPath(data, 'deployment')) ? readDeployment(ctx, f, at('deployment'), generator) : null,
  };
  const job = ft.entry?.training_hours;
  if (typeof retrainRaw === 'number' && job !== undefined && retrainRaw < job) {
    report(ctx, at('fine_tuning.retrain_every'), problemText.retrainFasterThanJob(showBound(FIELDS['fine_tuning.retrain_every'], job), ft.entry?.base_model, retrainRaw));
  }
  // docs/model.md §6.3: the kind decides when a tuned model retrains unless the scenario says.
  settings.fine_tuning.retrain_every_hours =
    retrainRaw === 'never' ? null : typeof retrainRaw === 'number' ? retrainRaw : STRATEGY_MODELS[kind].defaultRetrainEveryHours(settings);
  return ctx.problems.length > problemsBefore || !generator ? null : settings;
}

type FieldOf = (path: FieldPath) => FieldValue | null;

/** `prompt.reasoning`: a token count, or an effort the generator's latency profile measures. */
function readReasoning(ctx: Context, data: Raw, f: FieldOf, at: (p: DocPath) => string, generator: ResolvedModel | null): ScenarioSettings['prompt']['reasoning'] {
  const raw = getPath(data, 'prompt.reasoning');
  if (!isObject(raw)) return null;
  if (raw.tokens !== undefined) return { tokens: num(f('prompt.reasoning.tokens')) };
  if (typeof raw.effort !== 'string' || !generator) return null;
  const efforts = generator.latency?.reasoning?.efforts;
  if (!efforts) {
    report(ctx, at('prompt.reasoning.effort'), problemText.noReasoningEfforts(generator.entry.id));
    return null;
  }
  if (efforts[raw.effort] === undefined) {
    report(ctx, at('prompt.reasoning.effort'), problemText.unknownEffort(generator.entry.id, raw.effort, Object.keys(efforts)));
    return null;
  }
  return { effort: raw.effort };
}

const lifetime = (s: number) => (s % 3600 === 0 ? `${s / 3600} h` : s % 60 === 0 ? `${s / 60} min` : `${s} s`);

/**
 * `caching.ttl` and `caching.mode`. A provider that sells cache lifetimes (Anthropic: a write
 * price per lifetime) accepts only those; an explicit cache (Gemini) needs a storage price and
 * is kept all month by refreshing its TTL, so its lifetime does not change the bill.
 */
function readCacheLifetime(ctx: Context, data: Raw, f: FieldOf, at: (p: DocPath) => string, generator: ResolvedModel | null): { ttl_s: number; mode: 'implicit' | 'explicit' } {
  const mode = getPath(data, 'caching.mode') === 'explicit' ? 'explicit' : 'implicit';
  const ttl = num(f('caching.ttl'));
  const m = generator?.entry;
  if (!m || getPath(data, 'caching.enabled') === false) return { ttl_s: ttl, mode };
  if (mode === 'explicit') {
    if (m.cache_storage_usd_per_1m_per_hour === null) {
      report(ctx, at('caching.mode'), problemText.noExplicitCachePrice(m.id));
    }
  } else if (m.cache_write_usd_per_1m !== null) {
    const sold = [
      { s: CACHE_TTL_5_MIN_S, price: m.cache_write_usd_per_1m },
      { s: CACHE_TTL_1_H_S, price: m.cache_write_1h_usd_per_1m },
    ].filter((l): l is { s: number; price: number } => l.price !== null);
    if (!sold.some((l) => l.s === ttl)) {
      report(ctx, at('caching.ttl'), problemText.cacheLifetimeNotSold(m.id, sold.map((l) => ({ lifetime: lifetime(l.s), price: l.price })), lifetime(ttl)));
    }
  }
  return { ttl_s: ttl, mode };
}

function nullable(v: FieldValue | null): number | null {
  return typeof v === 'number' ? v : null;
}

function readDeployment(
  ctx: Context,
  f: (path: FieldPath) => FieldValue | null,
  path: string,
  generator: ResolvedModel | null,
): SelfHostedDeployment {
  const replicas = f('deployment.replicas');
  // Per-request speeds default to the model's latency profile; without one they must be given.
  const profile = generator?.latency ?? null;
  const speed = (field: 'deployment.prefill_tokens_per_s' | 'deployment.output_tokens_per_s', fromProfile: number | undefined): number => {
    const v = f(field);
    if (typeof v === 'number') return v;
    if (fromProfile !== undefined && fromProfile > 0) return fromProfile;
    report(ctx, `${path}.${field.split('.')[1]}`, problemText.speedFromNoProfile(generator?.entry.id ?? 'the generator'));
    return 1;
  };
  return {
    kind: 'self_hosted',
    gpu_usd_per_hour: num(f('deployment.gpu_usd_per_hour')),
    gpus_per_replica: num(f('deployment.gpus_per_replica')),
    concurrency_per_replica: num(f('deployment.concurrency_per_replica')),
    replicas: replicas === 'auto' ? 'auto' : num(replicas),
    prefill_tokens_per_s: speed('deployment.prefill_tokens_per_s', profile?.prefill_tokens_per_s),
    output_tokens_per_s: speed('deployment.output_tokens_per_s', profile?.output_tokens_per_s),
  };
}

function readSpread(ctx: Context, raw: unknown, path: string): ScenarioSettings['latency']['spread'] {
  const out: ScenarioSettings['latency']['spread'] = { default: null };
  const rule: FieldRule = FIELDS['latency.spread.<component>'];
  const one = (v: unknown, p: string): number | null => {
    const r = ctx.reader.read(v, rule);
    if (!r.ok) {
      report(ctx, p, r);
      return null;
    }
    return typeof r.value === 'number' ? r.value : null;
  };
  if (raw === undefined) return out;
  if (!isObject(raw)) {
    out.default = one(raw, path);
    return out;
  }
  for (const key of SPREAD_COMPONENTS) {
    if (raw[key] === undefined) continue;
    const v = one(raw[key], `${path}.${key}`);
    if (v !== null) {
      if (key === 'default') out.default = v;
      else out[key as LatencyComponent] = v;
    }
  }
  return out;
}

/** Counts a token source: { tokens } as written, { text } / { file } / { dir } with the tokenizer. */
function countSource(ctx: Context, source: unknown, path: string, encoding: Encoding, ratio: number, tokensRule: 'prompt.<part>.tokens' | 'knowledge.corpus.tokens', readAt: ReadAt): number {
  if (source === undefined) return 0;
  if (!isObject(source)) return 0; // zod already reported the shape
  if ('tokens' in source) {
    const r = ctx.reader.read(source.tokens, FIELDS[tokensRule], readAt);
    if (!r.ok) {
      report(ctx, `${path}.tokens`, r);
      return 0;
    }
    return typeof r.value === 'number' ? Math.round(r.value) : 0;
  }
  const memo = (counted: Map<string, number>, key: string, text: () => string) => {
    const k = `${encoding}\u0000${key}`;
    let n = counted.get(k);
    if (n === undefined) {
      n = tokenCounter(encoding)(text());
      counted.set(k, n);
    }
    return Math.round(n * ratio);
  };
  const file = (f: string) => memo(ctx.memo.counted, f, () => ctx.opts.fs.readText(f));
  try {
    if (typeof source.text === 'string') return memo(ctx.texts, source.text, () => source.text as string);
    if (typeof source.file === 'string') return file(source.file);
    if (typeof source.dir === 'string') {
      const dir = source.dir;
      const include = Array.isArray(source.include) ? source.include.map(String) : undefined;
      const listKey = JSON.stringify([dir, include ?? null]);
      let files = ctx.memo.listed.get(listKey);
      if (files === undefined) {
        files = ctx.opts.fs.listFiles(dir, include);
        ctx.memo.listed.set(listKey, files);
      }
      if (files.length === 0) report(ctx, `${path}.dir`, problemText.noFilesMatch(dir, include ?? ['**/*']));
      let total = 0;
      for (const f of files) total += file(f);
      return total;
    }
  } catch (err) {
    report(ctx, path, fileProblem(err));
  }
  return 0;
}

function readFineTuning(
  ctx: Context,
  data: Raw,
  f: (path: FieldPath) => FieldValue | null,
  at: (path: DocPath) => string,
  prompt: ScenarioSettings['prompt'],
  generator: ResolvedModel | null,
  scope: string,
): Omit<ScenarioSettings['fine_tuning'], 'retrain_every_hours' | 'retrain_every_is_default'> {
  const datasetRaw = getPath(data, 'fine_tuning.dataset');
  // Default example: what the tuned model sees per call (system + query + answer).
  const defaultPerExample = prompt.system_tokens + prompt.query_tokens + prompt.output_tokens;
  let examples = DEFAULT_TRAINING_EXAMPLES;
  let perExample = defaultPerExample;
  let datasetTokens = examples * perExample;
  if (isObject(datasetRaw) && 'file' in datasetRaw && typeof datasetRaw.file === 'string') {
    try {
      const file = datasetRaw.file;
      const encoding = generator?.entry.encoding ?? 'o200k_base';
      const key = `${encoding}\u0000${file}`;
      let counted = ctx.memo.datasets.get(key);
      if (!counted) {
        counted = countChatJsonl(ctx.opts.fs.readText(file), tokenCounter(encoding));
        ctx.memo.datasets.set(key, counted);
      }
      // A file of 100,000 bad lines gives the first few and a count, not 100,000 problems.
      for (const p of counted.problems.slice(0, MAX_DATASET_LINE_PROBLEMS)) report(ctx, at('fine_tuning.dataset.file'), problemText.datasetLine(datasetRaw.file, p.line, p.message));
      const more = counted.problems.length - MAX_DATASET_LINE_PROBLEMS;
      if (more > 0) report(ctx, at('fine_tuning.dataset.file'), problemText.datasetMoreLines(datasetRaw.file, more, MAX_DATASET_LINE_PROBLEMS));
      if (counted.examples === 0) report(ctx, at('fine_tuning.dataset.file'), problemText.noTrainingExamples(datasetRaw.file));
      examples = counted.examples;
      datasetTokens = counted.total_tokens;
      perExample = examples > 0 ? datasetTokens / examples : 0;
    } catch (err) {
      report(ctx, at('fine_tuning.dataset.file'), fileProblem(err));
    }
  } else if (isObject(datasetRaw)) {
    const ex = ctx.reader.read(datasetRaw.examples, FIELDS['fine_tuning.dataset.examples'], { scope, key: 'fine_tuning.dataset.examples', input: `${at('fine_tuning.dataset')}.examples` });
    if (!ex.ok) report(ctx, at('fine_tuning.dataset.examples'), ex);
    else examples = num(ex.value);
    if (datasetRaw.tokens_per_example !== undefined) {
      const t = ctx.reader.read(datasetRaw.tokens_per_example, FIELDS['fine_tuning.dataset.tokens_per_example'], {
        scope,
        key: 'fine_tuning.dataset.tokens_per_example',
        input: `${at('fine_tuning.dataset')}.tokens_per_example`,
      });
      if (!t.ok) report(ctx, at('fine_tuning.dataset.tokens_per_example'), t);
      else perExample = num(t.value);
    }
    datasetTokens = examples * perExample;
  }
  if (!(isObject(datasetRaw) && ('file' in datasetRaw || datasetRaw.tokens_per_example !== undefined))) {
    ctx.reader.derived(scope, 'fine_tuning.dataset.tokens_per_example');
  }

  const epochs = f('fine_tuning.epochs');
  const overrides = {
    training_usd_per_1m: nullable(f('fine_tuning.training_usd_per_1m')),
    training_hours: nullable(f('fine_tuning.training_hours')),
    input_usd_per_1m: nullable(f('fine_tuning.input_usd_per_1m')),
    cached_input_usd_per_1m: nullable(f('fine_tuning.cached_input_usd_per_1m')),
    output_usd_per_1m: nullable(f('fine_tuning.output_usd_per_1m')),
  };
  let entry: FineTuningEntry | null = null;
  if (generator) {
    const found = findFineTuning(ctx.opts.catalog, generator.entry.id);
    entry = found !== null ? { ...found } : null;
    const given = Object.entries(overrides).filter(([, v]) => v !== null) as [keyof typeof overrides, number][];
    if (!entry && overrides.training_usd_per_1m !== null && overrides.input_usd_per_1m !== null && overrides.output_usd_per_1m !== null) {
      entry = {
        base_model: generator.entry.id,
        snapshot: generator.entry.id,
        training_usd_per_1m: null,
        training_usd_per_hour: null,
        input_usd_per_1m: null,
        cached_input_usd_per_1m: null,
        output_usd_per_1m: null,
        batch_input_usd_per_1m: null,
        batch_output_usd_per_1m: null,
        batch_cached_input_usd_per_1m: null,
        hosting_usd_per_hour: 0,
        training_hours: 1,
        context_window: generator.entry.context_window,
        max_output_tokens: generator.entry.max_output_tokens,
        source: { name: 'scenario', as_of: ctx.inlineAsOf },
      };
    }
    if (entry) for (const [k, v] of given) entry[k] = v;
  }
  return {
    examples,
    tokens_per_example: perExample,
    dataset_tokens: datasetTokens,
    epochs: epochs === 'auto' ? 'auto' : num(epochs),
    curation_usd_per_example: num(f('fine_tuning.curation_usd_per_example')),
    hosting_usd_per_hour: nullable(f('fine_tuning.hosting_usd_per_hour')),
    entry,
  };
}

/** An inline model's numeric keys and the table rule of each (fields.ts, from the catalog's model fields). */
const INLINE_MODEL_KEYS = fieldsUnder('models.<model>');
const INLINE_LONG_CONTEXT_KEYS = fieldsUnder('models.<model>.long_context');
/** The scenario's key for a model field where it differs (`usd_per_search` for rerank_usd_per_search). */
const MODEL_FIELD_OF_KEY = new Map<string, ModelField>(
  MODEL_FIELD_KEYS.map((k) => [(MODEL_FIELDS[k] as ModelFieldSpec).scenarioKey ?? k, k]),
);
const INLINE_LATENCY_KEYS = ['ttft_ms', 'prefill_tokens_per_s', 'output_tokens_per_s', 'cached_prefill_speedup'] as const;

function resolveModelRef(ctx: Context, raw: unknown, mode: ModelMode, path: string): ResolvedModel | null {
  const catalog = ctx.opts.catalog;
  if (typeof raw === 'string') {
    const found = resolveModel(catalog, raw, mode);
    if (!found.ok) {
      report(ctx, path, found);
      return null;
    }
    return { entry: found.entry, inline: false, latency: resolveLatency(catalog, found.entry.id) };
  }
  if (!isObject(raw) || typeof raw.id !== 'string') return null; // zod reported it
  const id = raw.id;
  // An inline model need not be in the catalog: the problem (with its "did you mean") is worded
  // only when one is reported, below.
  const entry = findModel(catalog, id, mode);
  const found = entry !== null ? ({ ok: true, entry } as const) : ({ ok: false } as const);
  const base: ModelEntry = found.ok
    ? { ...found.entry }
    : {
        ...blankModel(id, mode, { name: `scenario ${ctx.opts.file}`, as_of: ctx.inlineAsOf }),
        provider: 'private',
        encoding: raw.encoding === 'o200k_base' || raw.encoding === 'cl100k_base' ? raw.encoding : null,
      };
  const read = (obj: Raw, key: string, rulePath: FieldPath, at: string): number | null => {
    if (obj[key] === undefined) return null;
    const r = ctx.reader.read(obj[key], FIELDS[rulePath]);
    if (!r.ok) {
      report(ctx, at, r);
      return null;
    }
    return typeof r.value === 'number' ? r.value : null;
  };
  const values = new Map<string, number>();
  for (const [key, rulePath] of INLINE_MODEL_KEYS) {
    const v = read(raw, key, rulePath, `${path}.${key}`);
    if (v !== null) values.set(key, v);
  }
  // A window that input and output share moves with the input limit unless given itself.
  const sharedWindow = base.total_window_tokens === null ? !found.ok : base.total_window_tokens === base.context_window;
  for (const [key, v] of values) {
    const modelField = MODEL_FIELD_OF_KEY.get(key);
    if (modelField !== undefined) base[modelField] = v;
  }
  if (sharedWindow && !values.has('total_window_tokens') && values.has('context_window')) base.total_window_tokens = base.context_window;
  if (raw.reasoning === 'always' || raw.reasoning === 'default' || raw.reasoning === 'on_request' || raw.reasoning === 'none') base.reasoning = raw.reasoning;
  if (raw.encoding === 'o200k_base' || raw.encoding === 'cl100k_base') base.encoding = raw.encoding;
  if (isObject(raw.long_context)) {
    const lc = raw.long_context;
    const tier: LongContextTier = { threshold_tokens: 0, ...unknownFields(TIER_PRICE_FIELDS), batch: null };
    for (const [key, rulePath] of INLINE_LONG_CONTEXT_KEYS) {
      const v = read(lc, key, rulePath, `${path}.long_context.${key}`);
      if (v !== null) tier[key as TierPriceField] = v;
    }
    base.long_context = tier;
  }
  if (found.ok) base.source = { ...base.source, note: `overridden in ${ctx.opts.file}` };
  if (!found.ok && base.input_usd_per_1m === null && mode !== 'rerank') {
    const lookup = resolveModel(catalog, id, mode);
    report(ctx, path, problemText.inlineModelUnpriced(id, !lookup.ok && lookup.candidates.length ? lookup : null));
  }
  let latency: LatencyProfile | null = found.ok ? resolveLatency(catalog, found.entry.id) : null;
  const lat: Partial<Record<(typeof INLINE_LATENCY_KEYS)[number], number>> = {};
  for (const key of INLINE_LATENCY_KEYS) {
    const v = values.get(key);
    if (v !== undefined) lat[key] = v;
  }
  if (Object.keys(lat).length > 0) {
    if (latency) latency = { ...latency, ...lat, source: { ...latency.source, note: `overridden in ${ctx.opts.file}` } };
    else if (lat.ttft_ms !== undefined && lat.prefill_tokens_per_s !== undefined && lat.output_tokens_per_s !== undefined) {
      const d = catalog.defaults;
      latency = {
        model: id,
        ttft_ms: lat.ttft_ms,
        prefill_tokens_per_s: lat.prefill_tokens_per_s,
        output_tokens_per_s: lat.output_tokens_per_s,
        cached_prefill_speedup: lat.cached_prefill_speedup ?? 1,
        spread: { ttft: d.network_spread, prefill: d.network_spread, decode: d.network_spread },
        weak: true,
        reasoning: null,
        source: { name: `scenario ${ctx.opts.file}`, as_of: ctx.inlineAsOf, note: 'spreads from the catalog defaults' },
      };
    } else {
      report(ctx, path, problemText.inlineLatencyIncomplete());
    }
  }
  return { entry: base, inline: true, latency };
}

function resolveGenerator(ctx: Context, raw: unknown, path: string): ResolvedModel | null {
  const model = resolveModelRef(ctx, raw, 'chat', path);
  if (model && model.inline && model.entry.provider === 'private' && model.entry.output_usd_per_1m === null) {
    report(ctx, path, problemText.inlineGeneratorNoOutputPrice(model.entry.id));
  }
  return model;
}

function resolveReranker(ctx: Context, model: ResolvedModel): ResolvedReranker {
  return { entry: model.entry, inline: model.inline, rerank_ms: ctx.opts.catalog.defaults.rerank_ms };
}

function resolveStore(ctx: Context, raw: unknown, path: string): { entry: VectorStoreEntry; inline: boolean } | null {
  const catalog = ctx.opts.catalog;
  if (typeof raw === 'string') {
    const found = resolveVectorStore(catalog, raw);
    if (!found.ok) {
      report(ctx, path, found);
      return null;
    }
    return { entry: found.entry, inline: false };
  }
  if (!isObject(raw) || typeof raw.id !== 'string') return null;
  const found = resolveVectorStore(catalog, raw.id);
  const entry: VectorStoreEntry = found.ok
    ? { ...found.entry, source: { ...found.entry.source, note: `overridden in ${ctx.opts.file}` } }
    : blankStore(raw.id, { name: `scenario ${ctx.opts.file}`, as_of: ctx.inlineAsOf });
  for (const [key, rulePath] of fieldsUnder('retrieval.vector_store')) {
    if (raw[key] === undefined) continue;
    const r = ctx.reader.read(raw[key], FIELDS[rulePath]);
    if (!r.ok) report(ctx, `${path}.${key}`, r);
    else if (typeof r.value === 'number') entry[key as (typeof INLINE_STORE_PRICE_KEYS)[number] | 'search_ms'] = r.value;
  }
  return { entry, inline: true };
}

/** A model with every price and limit unknown: a private model's start, before its inline fields. */
function blankModel(id: string, mode: ModelMode, source: ModelEntry['source']): ModelEntry {
  return { id, provider: 'unknown', mode, ...unknownFields(MODEL_FIELD_KEYS), long_context: null, encoding: null, reasoning: 'none', source };
}

/** A fixed-price store that costs nothing until the scenario's inline fields say otherwise. */
function blankStore(id: string, source: VectorStoreEntry['source']): VectorStoreEntry {
  return {
    id, kind: 'fixed', monthly_usd: 0, minimum_monthly_usd: 0, storage_usd_per_gb_month: 0, read_unit_usd_per_1m: null,
    read_units_per_gb: null, min_read_units_per_query: null, write_unit_usd_per_1m: null, write_unit_bytes: null,
    min_write_units_per_request: null, usd_per_1m_queries: null, capacity_vectors: null, search_ms: null,
    search_spread: null, source,
  };
}

// Stand-ins for a generator or store that could not be resolved: that problem is reported and
// the settings they sit in are discarded, so their values never reach the model.
const UNRESOLVED = { name: 'unresolved', as_of: 'unknown' };

function placeholderModel(): ResolvedModel {
  return { entry: blankModel('unknown', 'chat', UNRESOLVED), inline: false, latency: null };
}

function placeholderStore(): VectorStoreEntry {
  return blankStore('unknown', UNRESOLVED);
}
