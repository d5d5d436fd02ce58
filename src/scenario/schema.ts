/**
 * The scenario "as written" (docs/model.md §2): what a person types in a YAML or JSON file.
 * This zod schema is the single source of truth for the file's structure; `costsim schema`
 * prints the JSON Schema generated from it. It checks shape only: numeric fields are kept
 * as written (a number, "20k", "3%", "2 days" or a formula over vars) and are evaluated,
 * range-checked and defaulted by normalize.ts. The numeric keys of each section, and their
 * descriptions, come from the field table (fields.ts): a new field is not written here.
 */
import * as z from 'zod';
import type { TierPriceField } from '../catalog/model-fields.js';
import { STRATEGY_KINDS, type StrategyKind } from '../model/types.js';
import { FIELDS, fieldsUnder, INLINE_STORE_PRICE_KEYS, SPREAD_COMPONENTS, type FieldPath, type FieldRule } from './fields.js';
import { describeRange } from './read-field.js';
import { problemText, zodError } from '../messages/problems.js';

/** One value: a number, an SI value ("20k"), a percentage ("3%"), a duration ("2 days") or a formula over vars. */
const PointValue = z.union([z.number(), z.string()]);

/**
 * A value, or an uncertain one: a 90% interval is a string ("2M to 5M"); a three-point
 * estimate is `{ low, base, high }` (src/uncertainty/distributions.ts fits them).
 */
export const Value = z
  .union([z.number(), z.string(), z.strictObject({ low: PointValue, base: PointValue, high: PointValue })], zodError(problemText.shape('value')))
  .meta({
    description:
      'A number, "20k"/"1.5M", "3%", a duration ("250 ms", "2 days", "1 month" = 730 h), a formula over vars, or an uncertain value: a 90% interval "2M to 5M" or a three-point estimate { low: 1M, base: 2M, high: 6M }.',
  });

/** What the JSON Schema says of a field: its meaning, default and allowed range, from the table. */
function describeField(rule: FieldRule): string {
  const dflt =
    rule.default === undefined ? (rule.nested ? '' : ' Required.') : rule.default === null ? ' Default: none.' : ` Default: ${rule.default}.`;
  const words = [rule.auto ? '"auto"' : null, rule.never ? '"never"' : null].filter((w) => w !== null);
  return `${rule.doc}. Unit: ${rule.unit}.${dflt} Allowed: ${describeRange(rule)}${words.length ? `, or ${words.join(' or ')}` : ''}.`;
}

/** One numeric field: a Value described by its table entry. */
function numeric(path: FieldPath): typeof Value {
  return Value.meta({ description: describeField(FIELDS[path]) });
}

/* The keys of a section, typed from the table's paths (placeholders expanded). */
type Expanded = {
  'models.<model>.long_context.<price>': TierPriceField;
  'retrieval.vector_store.<price>': (typeof INLINE_STORE_PRICE_KEYS)[number];
  'latency.spread.<component>': (typeof SPREAD_COMPONENTS)[number];
  'one_time.engineer_weeks.<kind>': StrategyKind;
};
type KeyOf<P extends string, F extends FieldPath> = F extends `${P}.${infer K}`
  ? K extends `${string}.${string}`
    ? never
    : K extends `<${string}>`
      ? F extends keyof Expanded
        ? Expanded[F]
        : never
      : K
  : never;
type RequiredPaths = { [F in FieldPath]: (typeof FIELDS)[F] extends { default: unknown } | { nested: true } ? never : F }[FieldPath];
type SectionShape<P extends string> = { [K in KeyOf<P, Exclude<FieldPath, RequiredPaths>>]: z.ZodOptional<typeof Value> } & {
  [K in KeyOf<P, RequiredPaths>]: typeof Value;
};

/**
 * The numeric fields directly under `prefix` (written with the table's placeholders), each a
 * described Value; optional unless the table gives no default (then required).
 */
function fieldsOf<P extends string>(prefix: P): SectionShape<P> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, path] of fieldsUnder(prefix)) {
    const rule: FieldRule = FIELDS[path];
    shape[key] = rule.default === undefined && !rule.nested ? numeric(path) : numeric(path).optional();
  }
  return shape as SectionShape<P>;
}

/** A piece of the prompt: a token count, literal text, or a text file counted with the model's tokenizer. */
const TokenSource = z.union(
  [
    z.strictObject({ tokens: numeric('prompt.<part>.tokens') }),
    z.strictObject({ text: z.string() }),
    z.strictObject({ file: z.string().min(1) }),
  ],
  zodError(problemText.shape('tokenSource')),
);

/** The knowledge corpus: a token count, text, one file, or a folder of files (counted). */
const CorpusSource = z.union(
  [
    z.strictObject({ tokens: numeric('knowledge.corpus.tokens') }),
    z.strictObject({ text: z.string() }),
    z.strictObject({ file: z.string().min(1) }),
    z.strictObject({ dir: z.string().min(1), include: z.array(z.string().min(1)).optional() }),
  ],
  zodError(problemText.shape('corpus')),
);

const Dataset = z.union(
  [
    z.strictObject({ examples: numeric('fine_tuning.dataset.examples'), tokens_per_example: numeric('fine_tuning.dataset.tokens_per_example').optional() }),
    z.strictObject({ file: z.string().min(1) }),
  ],
  zodError(problemText.shape('dataset')),
);

const LongContextInline = z.strictObject({
  ...fieldsOf('models.<model>.long_context'),
  threshold_tokens: numeric('models.<model>.long_context.threshold_tokens'),
});

/** An inline model: a private model's prices, or a catalog id with overrides (its keys: the catalog's model fields). */
const ModelInline = z.strictObject({
  id: z.string().min(1),
  ...fieldsOf('models.<model>'),
  long_context: LongContextInline.optional(),
  encoding: z.enum(['o200k_base', 'cl100k_base']).optional(),
  reasoning: z.enum(['always', 'default', 'on_request', 'none']).optional().meta({ description: 'whether the model reasons unasked (always, default), only when asked (on_request) or not at all' }),
});

const ModelRef = z.union([z.string().min(1), ModelInline], zodError(problemText.shape('modelRef')));

const VectorStoreInline = z.strictObject({
  id: z.string().min(1),
  ...fieldsOf('retrieval.vector_store'),
});

const VectorStoreRef = z.union([z.string().min(1), VectorStoreInline], zodError(problemText.shape('vectorStoreRef')));

const Workload = z.strictObject(fieldsOf('workload'));

/** Hidden reasoning per query: a token count, or a named effort the catalog maps to tokens. */
const Reasoning = z.union([z.strictObject(fieldsOf('prompt.reasoning')), z.strictObject({ effort: z.string().min(1) })], zodError(problemText.shape('reasoning')));

const Prompt = z.strictObject({
  system: TokenSource.optional(),
  instructions: TokenSource.optional(),
  examples: TokenSource.optional(),
  query: TokenSource,
  output: TokenSource,
  reasoning: Reasoning.optional(),
});

const Knowledge = z.strictObject({
  corpus: CorpusSource.optional(),
  ...fieldsOf('knowledge'),
});

const Models = z.strictObject({
  generator: ModelRef.optional(),
  embedding: ModelRef.optional(),
  reranker: ModelRef.optional(),
  ...fieldsOf('models'),
});

const Retrieval = z.strictObject({
  vector_store: VectorStoreRef.optional(),
  ...fieldsOf('retrieval'),
});

const FineTuning = z.strictObject({
  dataset: Dataset.optional(),
  ...fieldsOf('fine_tuning'),
});

const Caching = z.strictObject({
  enabled: z.boolean().optional(),
  ...fieldsOf('caching'),
  mode: z.enum(['implicit', 'explicit']).optional().meta({
    description: 'implicit (default): the provider caches prefixes it sees; explicit: a cache you create and keep (Gemini context caching), billed for storage per token-hour',
  }),
});

const OneTime = z.strictObject({
  ...fieldsOf('one_time'),
  engineer_weeks: z.strictObject(fieldsOf('one_time.engineer_weeks')).optional(),
});

const SpreadComponents = z.strictObject(fieldsOf('latency.spread'));

const Latency = z.strictObject({
  ...fieldsOf('latency'),
  spread: z
    .union([numeric('latency.spread.<component>'), SpreadComponents], zodError(problemText.shape('spread')))
    .optional(),
});

const Deployment = z.strictObject({
  kind: z.literal('self_hosted'),
  ...fieldsOf('deployment'),
});

/** The sections a file and a strategy's overrides write alike: each optional, whole. */
const OPTIONAL_SECTIONS = {
  models: Models.optional(),
  retrieval: Retrieval.optional(),
  fine_tuning: FineTuning.optional(),
  caching: Caching.optional(),
  one_time: OneTime.optional(),
  latency: Latency.optional(),
  deployment: Deployment.optional(),
};

/** The scenario-wide fields and the sections, as the file writes them (a strategy overrides most of them). */
const SECTION_SCHEMAS = {
  ...fieldsOf(''),
  start_month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, zodError(problemText.monthLabel())).optional(),
  workload: Workload,
  prompt: Prompt,
  knowledge: Knowledge.optional(),
  ...OPTIONAL_SECTIONS,
};

/** `knowledge: full | none` on a kind that declares knowledge modes (strategies/*: prompt_only). */
export const KNOWLEDGE_MODES = ['full', 'none'] as const;
export type KnowledgeMode = (typeof KNOWLEDGE_MODES)[number];

/** A strategy entry: `{}` for a kind by its own name, or a named variant with `kind` and overrides. */
const StrategyEntry = z.strictObject({
  kind: z.enum(STRATEGY_KINDS).optional(),
  knowledge: z
    .union([z.enum(KNOWLEDGE_MODES), Knowledge.partial()], zodError(problemText.shape('strategyKnowledge')))
    .optional(),
  ...fieldsOf(''),
  workload: Workload.partial().optional(),
  prompt: Prompt.partial().optional(),
  ...OPTIONAL_SECTIONS,
});

export const ScenarioFileSchema = z.strictObject({
  version: z.literal(1, zodError(problemText.versionOne())),
  name: z.string(zodError(problemText.nameText())).min(1, zodError(problemText.nameEmpty())),
  description: z.string().optional(),
  vars: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, zodError(problemText.varId())), Value).optional(),
  uncertainty: z
    .strictObject({ samples: Value.optional(), seed: Value.optional() })
    .optional()
    .meta({ description: 'Monte Carlo over the uncertain inputs: samples (default 2000) and seed (default 1).' }),
  ...SECTION_SCHEMAS,
  strategies: z.record(z.string().regex(/^[A-Za-z0-9_.-]+$/, zodError(problemText.strategyId())), StrategyEntry).optional(),
});

export type ScenarioFile = z.infer<typeof ScenarioFileSchema>;

/** The JSON Schema for editors (`costsim schema`), generated from the zod schema. */
export function scenarioJsonSchema(): unknown {
  return z.toJSONSchema(ScenarioFileSchema, { target: 'draft-2020-12' });
}

/**
 * The keys a mapping at `path` may hold, for "did you mean" hints on unknown keys.
 * Walks the zod schema (the scenario's, or `root`: the policy file's) by path, through
 * optionals, records, lists and unions of objects.
 */
export function knownKeysAt(path: (string | number)[], root: z.ZodType = ScenarioFileSchema): string[] {
  let nodes: z.ZodType[] = [root];
  for (const segment of path) {
    const next: z.ZodType[] = [];
    for (const node of nodes.flatMap(unwrap)) {
      if (node instanceof z.ZodObject) {
        const child = (node.shape as Record<string, z.ZodType>)[String(segment)];
        if (child) next.push(child);
      } else if (node instanceof z.ZodRecord) {
        next.push(node.valueType as z.ZodType);
      } else if (node instanceof z.ZodArray) {
        next.push(node.element as z.ZodType);
      }
    }
    nodes = next;
  }
  const keys = new Set<string>();
  for (const node of nodes.flatMap(unwrap)) {
    if (node instanceof z.ZodObject) for (const k of Object.keys(node.shape)) keys.add(k);
  }
  return [...keys];
}

function unwrap(node: z.ZodType): z.ZodType[] {
  if (node instanceof z.ZodOptional || node instanceof z.ZodNullable) return unwrap(node.unwrap() as z.ZodType);
  if (node instanceof z.ZodUnion) return (node.options as z.ZodType[]).flatMap(unwrap);
  return [node];
}
