/**
 * zod schemas of the catalog data files (src/catalog/data/*.json) and of a user's
 * `--catalog FILE`. The bundled files are validated strictly: every field present, no
 * unknown key, so a typo or a missing price in the data is caught on load. A user file is
 * validated by the same schemas in "lenient" form: a price or limit it leaves out is
 * `null` (unknown), never 0; `source` stays required, since every number needs a date.
 */
import * as z from 'zod';
import { problemText, zodError } from '../messages/problems.js';
import type {
  Catalog,
  FineTuningEntry,
  LatencyProfile,
  ModelEntry,
  Source,
  VectorStoreEntry,
} from './types.js';
import {
  CURATED_FIELDS,
  FINE_TUNED_PRICE_FIELDS,
  MODEL_FIELD_KEYS,
  MODEL_FIELDS,
  TIER_PRICE_FIELDS,
  type CuratedField,
  type ModelField,
  type ModelFieldSpec,
} from './model-fields.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 2025-02-29 or 9999-99-99 match DATE but name no day: the date must survive a round trip through Date. */
function isCalendarDate(text: string): boolean {
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/**
 * Each schema below is built on first use, not when this module is imported: a run reads the
 * catalog checked at build time (catalog.checked.json, load.ts) and needs none of them, and
 * building them all cost ≈30 ms of CPU at every start. Only a user `--catalog FILE`, a catalog
 * without its checked copy, and the LiteLLM importer call them.
 */
function once<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => (built ??= build());
}

const sourceSchema = once(() =>
  z.strictObject({
    name: z.string().min(1),
    as_of: z.string().regex(DATE, zodError(problemText.notADate())).refine(isCalendarDate, zodError(problemText.notARealDate())),
    url: z.string().min(1).optional(),
    reliability: z.enum(['P', 'D', 'S', 'G']).optional(),
    note: z.string().optional(),
  }),
);

/** Builders that make a field optional-with-null-default in lenient (user) files only. */
function fields(lenient: boolean) {
  const orNull = <T extends z.ZodType>(t: T) => (lenient ? t.nullable().default(null) : t.nullable());
  return {
    /** A price in USD (per 1M tokens, per search, per GB-month, … as the field name says). */
    price: () => orNull(z.number().nonnegative()),
    count: () => orNull(z.number().int().positive()),
    positive: () => orNull(z.number().positive()),
    orNull,
  };
}

/** The number a model field holds: ≥ 0 (a price) or a whole number > 0 (a limit), up to the field's bound. */
function modelFieldNumber(key: ModelField) {
  const spec: ModelFieldSpec = MODEL_FIELDS[key];
  const tooBig = zodError(problemText.tooBig(spec.max, spec.why));
  return spec.integer ? z.number().int().positive().max(spec.max, tooBig) : z.number().nonnegative().max(spec.max, tooBig);
}

/** The zod shape of the given model fields (model-fields.ts), each nullable (unknown). */
function modelFieldsShape<K extends ModelField>(keys: readonly K[], f: ReturnType<typeof fields>) {
  const shape = {} as { [P in K]: ReturnType<typeof f.orNull<ReturnType<typeof modelFieldNumber>>> };
  for (const k of keys) shape[k] = f.orNull(modelFieldNumber(k));
  return shape;
}

function longContextSchema(lenient = false) {
  const f = fields(lenient);
  return z.strictObject({
    threshold_tokens: z.number().int().positive().max(MODEL_FIELDS.context_window.max),
    ...modelFieldsShape(TIER_PRICE_FIELDS, f),
    batch: f.orNull(z.strictObject(modelFieldsShape(TIER_PRICE_FIELDS, f))),
  });
}

const REASONING_MODES = ['always', 'default', 'on_request', 'none'] as const;

export function modelEntrySchema(lenient = false) {
  const f = fields(lenient);
  return z.strictObject({
    id: z.string().min(1),
    provider: z.string().min(1),
    mode: z.enum(['chat', 'embedding', 'rerank']),
    ...modelFieldsShape(MODEL_FIELD_KEYS, f),
    long_context: f.orNull(longContextSchema(lenient)),
    encoding: f.orNull(z.enum(['o200k_base', 'cl100k_base'])),
    // A user's model that says nothing about reasoning is taken not to reason.
    reasoning: lenient ? z.enum(REASONING_MODES).default('none') : z.enum(REASONING_MODES),
    source: sourceSchema(),
  });
}

export function fineTuningEntrySchema(lenient = false) {
  const f = fields(lenient);
  return z.strictObject({
    base_model: z.string().min(1),
    snapshot: z.string().min(1),
    training_usd_per_1m: f.price(),
    training_usd_per_hour: f.price(),
    ...modelFieldsShape(FINE_TUNED_PRICE_FIELDS, f),
    hosting_usd_per_hour: z.number().nonnegative(),
    training_hours: z.number().positive(),
    context_window: f.count(),
    max_output_tokens: f.count(),
    source: sourceSchema(),
  });
}

export function vectorStoreEntrySchema(lenient = false) {
  const f = fields(lenient);
  return z.strictObject({
    id: z.string().min(1),
    kind: z.enum(['serverless', 'fixed']),
    monthly_usd: z.number().nonnegative(),
    minimum_monthly_usd: z.number().nonnegative(),
    storage_usd_per_gb_month: f.price(),
    read_unit_usd_per_1m: f.price(),
    read_units_per_gb: f.positive(),
    min_read_units_per_query: f.positive(),
    write_unit_usd_per_1m: f.price(),
    write_unit_bytes: f.count(),
    min_write_units_per_request: f.positive(),
    usd_per_1m_queries: f.price(),
    capacity_vectors: f.count(),
    search_ms: f.positive(),
    search_spread: f.orNull(z.number().min(1)),
    source: sourceSchema(),
  });
}

export function latencyProfileSchema() {
  return z.strictObject({
    model: z.string().min(1),
    ttft_ms: z.number().positive(),
    output_tokens_per_s: z.number().positive(),
    prefill_tokens_per_s: z.number().positive(),
    cached_prefill_speedup: z.number().min(1),
    // p95/p50 ratios: 1 = no spread; below 1 is meaningless.
    spread: z.strictObject({ ttft: z.number().min(1), prefill: z.number().min(1), decode: z.number().min(1) }),
    weak: z.boolean(),
    reasoning: z
      .strictObject({
        base: z.string().min(1),
        default: z.string().min(1),
        efforts: z.record(z.string(), z.strictObject({ ttft_ms: z.number().positive(), output_tokens_per_s: z.number().positive() })),
      })
      .refine((r) => r.efforts[r.base] !== undefined && r.efforts[r.default] !== undefined, 'base and default must name efforts listed in efforts')
      .nullable()
      .default(null),
    source: sourceSchema(),
  });
}

const latencyDefaultsSchema = once(() =>
  z.strictObject({
    embed_ms: z.number().positive(),
    embed_spread: z.number().min(1),
    rerank_ms: z.number().positive(),
    rerank_spread: z.number().min(1),
    network_spread: z.number().min(1),
    source: sourceSchema(),
  }),
);

/* ---------- bundled files ---------- */

export const modelsFileSchema = once(() =>
  z.strictObject({
    schema: z.literal('costsim.catalog.models/v1'),
    /** What the file was generated from (the importer writes it); informational. */
    generated: z.strictObject({ by: z.string(), from: z.string(), source: sourceSchema() }).optional(),
    models: z.array(modelEntrySchema()),
  }),
);

export const fineTuningFileSchema = once(() =>
  z.strictObject({
    schema: z.literal('costsim.catalog.fine-tuning/v1'),
    entries: z.array(fineTuningEntrySchema()),
  }),
);

export const vectorStoresFileSchema = once(() =>
  z.strictObject({
    schema: z.literal('costsim.catalog.vector-stores/v1'),
    entries: z.array(vectorStoreEntrySchema()),
  }),
);

export const latencyFileSchema = once(() =>
  z.strictObject({
    schema: z.literal('costsim.catalog.latency/v1'),
    profiles: z.array(latencyProfileSchema()),
    defaults: latencyDefaultsSchema(),
  }),
);

/** The fields a curated override may set (model-fields.ts `curated`), each optional. */
function curatedShape() {
  const shape = {} as { [K in CuratedField]: z.ZodOptional<z.ZodNullable<ReturnType<typeof modelFieldNumber>>> };
  for (const k of CURATED_FIELDS) shape[k] = modelFieldNumber(k).nullable().optional();
  return shape;
}

/** Curated fixes the importer applies on top of LiteLLM (see import-litellm.ts). */
export const overrideSchema = once(() =>
  z.strictObject({
    id: z.string().min(1),
    reason: z.string().min(1),
    match: z
      .strictObject({
        ids: z.array(z.string().min(1)).optional(),
        providers: z.array(z.string().min(1)).optional(),
        mode: z.enum(['chat', 'embedding', 'rerank']).optional(),
        encoding: z.enum(['o200k_base', 'cl100k_base']).optional(),
        /** A regular expression the whole id must match (for families: `^gpt-5(-mini|-nano)?$`). */
        pattern: z.string().min(1).optional(),
      })
      .refine((m) => m.ids !== undefined || m.providers !== undefined || m.pattern !== undefined, 'match needs ids, providers or pattern'),
    /** Field values to set (USD per 1M etc., as in ModelEntry). */
    set: z.strictObject({ ...curatedShape(), reasoning: z.enum(REASONING_MODES).optional() }).optional(),
    /** Batch price = this fraction of the standard input/output price (e.g. 0.5 = 50% off). */
    batch_fraction: z.number().positive().max(1).optional(),
    /**
     * The batch fraction also applies to cache reads and writes (both lifetimes) and to the
     * long-context tier: the provider's discounts stack (Anthropic, Gemini Batch Mode, OpenAI gpt-5).
     */
    batch_stacks: z.boolean().optional(),
    /** `separate`: the input and output limits are separate (no shared total window). */
    window: z.enum(['separate']).optional(),
    /** Without it, an override only fills fields LiteLLM leaves empty (null). */
    replace: z.boolean().optional(),
    source: sourceSchema(),
  }),
);

export const overridesFileSchema = once(() =>
  z.strictObject({
    schema: z.literal('costsim.catalog.litellm-overrides/v1'),
    overrides: z.array(overrideSchema()),
  }),
);

export type LiteLLMOverride = z.output<ReturnType<typeof overrideSchema>>;

/* ---------- user --catalog file ---------- */

/**
 * Top-level shape only: each section is a list of entries or a map keyed by id (the key
 * fills a missing id). load.ts validates every entry with the lenient schemas above, so a
 * problem names its entry (`models.our-llama.input_usd_per_1m`).
 */
const userSection = () => z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]);

export const userCatalogShapeSchema = once(() =>
  z.strictObject({
    /** Source of every entry in the file that does not give its own. */
    source: sourceSchema().optional(),
    models: userSection().optional(),
    fine_tuning: userSection().optional(),
    vector_stores: userSection().optional(),
    latency: userSection().optional(),
    /** Any subset of the latency defaults; its `source` (or the file's) is required. */
    defaults: latencyDefaultsSchema().partial().optional(),
  }),
);

/* ---------- the schemas produce exactly the catalog types ---------- */

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Expect<T extends true> = T;
/** Fails to compile when a schema's output and its type in types.ts drift apart. */
type SchemaMatchesTypes = [
  Expect<Same<z.output<ReturnType<typeof sourceSchema>>, Source>>,
  Expect<Same<z.output<ReturnType<typeof modelEntrySchema>>, ModelEntry>>,
  Expect<Same<z.output<ReturnType<typeof fineTuningEntrySchema>>, FineTuningEntry>>,
  Expect<Same<z.output<ReturnType<typeof vectorStoreEntrySchema>>, VectorStoreEntry>>,
  Expect<Same<z.output<ReturnType<typeof latencyProfileSchema>>, LatencyProfile>>,
  Expect<Same<z.output<ReturnType<typeof latencyDefaultsSchema>>, Catalog['defaults']>>,
];
