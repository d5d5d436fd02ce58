/**
 * LiteLLM price map → catalog model entries.
 *
 *   litellm_model_prices.json ──select──▶ chat/embedding/rerank entries of major providers
 *                             ──convert─▶ ModelEntry (per-token → per-1M, tiers, cache, batch)
 *                             ──fix─────▶ curated overrides, each with its own source (data/litellm-overrides.json)
 *                             ──write───▶ src/catalog/data/models.json
 *
 * `importLiteLLM` is pure. Run as a script (`npm run catalog:import [path] [--as-of DATE]`)
 * it reads the snapshot and rewrites models.json: refreshing the catalog is one command.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { overridesFileSchema, type LiteLLMOverride } from './schema.js';
import { CURATED_FIELDS, LIMIT_FIELDS, MODEL_FIELDS, OTHER_MODEL_FIELDS, TIER_PRICE_FIELDS, TOKEN_PRICE_FIELDS, type CuratedField, type ModelField, type ModelFieldSpec, type NumericFields } from './model-fields.js';
import type { BatchPrices, Encoding, LongContextTier, ModelEntry, ModelMode, Source } from './types.js';

interface ImportSource {
  name: string;
  /** YYYY-MM-DD: the date the snapshot gives for its numbers. */
  as_of: string;
  url?: string;
  note?: string;
}

interface ImportOptions {
  overrides?: readonly LiteLLMOverride[];
  /** Receives one line per override that no longer changes anything (LiteLLM caught up). */
  warn?: (message: string) => void;
}

type Raw = Record<string, unknown>;

/* ---------- which entries to keep ---------- */

/** Drop anything that is not a text chat/embedding/rerank model people pick for a RAG or FT build. */
const EXCLUDE_ID =
  /audio|realtime|search|transcribe|tts|speech|image|vision-preview|computer-use|container|robotics|lyria|live|native|learnlm|gemma|exp-|experimental|customtools|omni|multimodal|-latest$|chatgpt-|moderation/i;

/** Region- and commitment-prefixed Bedrock keys repeat the same model; keep the plain key. */
const BEDROCK_KEEP =
  /^(anthropic\.claude-|amazon\.nova-|amazon\.titan-embed-text-v2|amazon\.rerank|cohere\.(embed|rerank)|meta\.llama(3-3|4)-|openai\.gpt-oss-)/;

/** Azure keys of the OpenAI models that Azure fine-tunes or embeds with (see fine-tuning.json). */
const AZURE_KEEP = /^azure\/(gpt-4\.1(-mini|-nano)?|gpt-4o(-mini)?|o4-mini|gpt-5(-mini|-nano)?|text-embedding-3-(small|large))$/;

const PROVIDER_RULES: Record<string, (id: string, mode: ModelMode) => boolean> = {
  openai: () => true,
  anthropic: (_id, mode) => mode === 'chat',
  gemini: () => true,
  'vertex_ai-language-models': (id) => /^(vertex_ai\/)?gemini-/.test(id),
  'vertex_ai-embedding-models': () => true,
  'vertex_ai-anthropic_models': (id) => !id.includes('@'),
  cohere: () => true,
  cohere_chat: (id) => id.startsWith('command-'),
  voyage: () => true,
  mistral: () => true,
  azure_ai: (_id, mode) => mode !== 'chat',
  azure: (id) => AZURE_KEEP.test(id),
  bedrock: (id) => BEDROCK_KEEP.test(id),
  bedrock_converse: (id) => BEDROCK_KEEP.test(id),
  deepseek: () => true,
  xai: () => true,
  jina_ai: () => true,
  groq: () => true,
};

/**
 * Past their LiteLLM deprecation date but kept: the bundled scenarios and tests pin
 * them (e.g. claude-sonnet-4-20250514). Their source note states the date.
 */
const KEEP_DEPRECATED = new Set([
  'claude-sonnet-4-20250514',
  'claude-opus-4-20250514',
  'gemini/gemini-2.0-flash',
  'gemini-2.0-flash',
]);

function selected(id: string, raw: Raw, asOf: string): boolean {
  const mode = raw.mode;
  if (mode !== 'chat' && mode !== 'embedding' && mode !== 'rerank') return false;
  const rule = typeof raw.litellm_provider === 'string' ? PROVIDER_RULES[raw.litellm_provider] : undefined;
  if (!rule || !rule(id, mode)) return false;
  if (id.startsWith('ft:')) return /^ft:(gpt-|o4-)/.test(id); // fine-tuned inference prices, cross-checked by fine-tuning.json
  if (EXCLUDE_ID.test(id)) return false;
  const deprecated = typeof raw.deprecation_date === 'string' && raw.deprecation_date <= asOf;
  return !deprecated || KEEP_DEPRECATED.has(id);
}

/* ---------- field conversion ---------- */

/** USD per token → USD per 1M tokens, rounded to 12 significant digits to drop binary noise (4e-7·1e6 = 0.39999…). */
function per1m(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Number((v * 1e6).toPrecision(12)) : null;
}

function usd(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null;
}

function count(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null;
}

/** The given model fields from LiteLLM's keys (model-fields.ts `litellm`), with an optional tier suffix. */
function converted<K extends ModelField>(keys: readonly K[], raw: Raw, suffix = ''): NumericFields<K> {
  const out = {} as NumericFields<K>;
  for (const k of keys) {
    const spec: ModelFieldSpec = MODEL_FIELDS[k];
    const v = spec.litellm === undefined ? undefined : raw[`${spec.litellm}${suffix}`];
    out[k] = spec.group === 'token_price' ? per1m(v) : spec.integer ? count(v) : usd(v);
  }
  return out;
}

/** LiteLLM's long-context suffixes; "k" means thousands of tokens (Gemini's ">200k" is 200,000). */
const TIER_SUFFIXES = [
  ['_above_128k_tokens', 128_000],
  ['_above_200k_tokens', 200_000],
  ['_above_256k_tokens', 256_000],
  ['_above_272k_tokens', 272_000],
  ['_above_512k_tokens', 512_000],
] as const;

/** The lowest tier LiteLLM gives (the type holds one); a request above it pays tier prices for every token. */
function longContext(raw: Raw): { tier: LongContextTier | null; ignored: string[] } {
  const present = TIER_SUFFIXES.filter(
    ([suffix]) => raw[`input_cost_per_token${suffix}`] !== undefined || raw[`output_cost_per_token${suffix}`] !== undefined,
  );
  const first = present[0];
  if (!first) return { tier: null, ignored: [] };
  const [suffix, threshold] = first;
  return {
    // LiteLLM gives no batch prices above a threshold; a curated override (batch_stacks) may.
    tier: { threshold_tokens: threshold, ...converted(TIER_PRICE_FIELDS, raw, suffix), batch: null },
    ignored: present.slice(1).map(([s]) => s.replace(/^_above_|_tokens$/g, '')),
  };
}

const OPENAI_PROVIDERS = new Set(['openai', 'azure']);

/** docs/model.md §2.3: o200k_base for gpt-4o, 4.1, 5 and the o-series; cl100k_base for older OpenAI and the embedding-3/ada models. */
export function encodingFor(id: string, provider: string): Encoding | null {
  if (!OPENAI_PROVIDERS.has(provider)) return null;
  const name = id.replace(/^(ft:|azure\/|openai\/)/, '');
  if (/^(gpt-4o|gpt-4\.1|gpt-5|o[1-9](-|$))/.test(name)) return 'o200k_base';
  if (/^(gpt-3\.5|gpt-4(-|$)|text-embedding-3|text-embedding-ada)/.test(name)) return 'cl100k_base';
  return null;
}

function convert(id: string, raw: Raw, source: ImportSource): ModelEntry {
  const mode = raw.mode as ModelMode;
  const provider = String(raw.litellm_provider);
  const notes: string[] = [];
  if (source.note) notes.push(source.note);
  const { tier, ignored } = longContext(raw);
  if (ignored.length > 0) notes.push(`higher long-context tiers not modelled: ${ignored.join(', ')}`);
  if (typeof raw.deprecation_date === 'string') notes.push(`LiteLLM deprecation_date ${raw.deprecation_date}`);

  let input = per1m(raw.input_cost_per_token);
  const perSearch = usd(raw[MODEL_FIELDS.rerank_usd_per_search.litellm]);
  if (mode === 'rerank') {
    // A reranker bills per search when it has a per-search price, else per token over the
    // query and candidates (that is how src/model/retrieval.ts reads it): a per-search
    // reranker's token price is 0, a per-token reranker's per-search price stays null.
    if (perSearch !== null && input === null) input = 0;
    notes.push(perSearch !== null ? 'billed per search' : 'billed per token over query + candidates');
  }

  let output = per1m(raw.output_cost_per_token);
  // No paid chat or embedding API is free: a 0 here is LiteLLM's placeholder for a price it
  // lacks (e.g. a preview model), so it becomes unknown rather than a free model.
  const zeroIn = input === 0 && (mode === 'chat' || mode === 'embedding');
  const zeroOut = output === 0 && mode === 'chat'; // an embedding's output price is 0 by nature
  if (zeroIn || zeroOut) {
    notes.push('LiteLLM gives a 0 token price, taken as unknown');
    if (zeroIn) input = null;
    if (zeroOut) output = null;
  }

  const entry: ModelEntry = {
    id,
    provider,
    mode,
    // The key order of models.json: token prices, tier, limits, tokenizer, the rest.
    ...converted(TOKEN_PRICE_FIELDS, raw),
    input_usd_per_1m: input,
    output_usd_per_1m: output,
    long_context: tier,
    ...converted(LIMIT_FIELDS, raw),
    max_output_tokens: mode === 'chat' ? count(raw.max_output_tokens) : null,
    // LiteLLM's max_input_tokens is the window input and output share, unless an override
    // says the provider sets separate limits (gpt-5: 272k in + 128k out).
    total_window_tokens: mode === 'chat' ? count(raw.max_input_tokens) : null,
    encoding: encodingFor(id, provider),
    // supports_reasoning says a model CAN reason; overrides say which reason without being asked.
    reasoning: mode === 'chat' && raw.supports_reasoning === true ? 'on_request' : 'none',
    ...converted(OTHER_MODEL_FIELDS, raw),
    rerank_usd_per_search: mode === 'rerank' ? perSearch : null,
    source: {
      name: source.name,
      as_of: source.as_of,
      ...(source.url !== undefined ? { url: source.url } : {}),
      reliability: 'D',
    },
  };
  if (notes.length > 0) entry.source.note = notes.join('; ');
  return entry;
}

/* ---------- curated overrides ---------- */

const SETTABLE = CURATED_FIELDS;
type Settable = CuratedField;

const scaled = (v: number | null, f: number) => (v === null ? null : Number((v * f).toPrecision(12)));

/** A tier's batch prices when the provider's batch discount stacks with it (every token price × f). */
function stackedTierBatch(t: LongContextTier, f: number): BatchPrices {
  const out = {} as BatchPrices;
  for (const k of TIER_PRICE_FIELDS) out[k] = scaled(t[k], f);
  return out;
}

function matches(o: LiteLLMOverride, e: ModelEntry): boolean {
  if (o.match.ids && !o.match.ids.includes(e.id)) return false;
  if (o.match.providers && !o.match.providers.includes(e.provider)) return false;
  if (o.match.mode && o.match.mode !== e.mode) return false;
  if (o.match.encoding && o.match.encoding !== e.encoding) return false;
  if (o.match.pattern && !new RegExp(o.match.pattern).test(e.id)) return false;
  return true;
}

function describe(s: Source): string {
  return `${s.name}${s.reliability ? ` [${s.reliability}]` : ''}, ${s.as_of}`;
}

/** Applies the overrides in order; returns new entries (the inputs are not mutated). */
export function applyOverrides(
  entries: readonly ModelEntry[],
  overrides: readonly LiteLLMOverride[],
  warn: (message: string) => void = () => {},
): ModelEntry[] {
  const out = entries.map((e) => ({ ...e, source: { ...e.source } }));
  for (const o of overrides) {
    let changedAny = false;
    for (const e of out) {
      if (!matches(o, e)) continue;
      const wanted: Partial<Record<Settable, number | null>> = {};
      for (const k of SETTABLE) {
        const v = o.set?.[k];
        if (v !== undefined) wanted[k] = v;
      }
      if (o.batch_fraction !== undefined) {
        const f = o.batch_fraction;
        if (e.input_usd_per_1m !== null) wanted.batch_input_usd_per_1m = scaled(e.input_usd_per_1m, f);
        if (e.output_usd_per_1m !== null) wanted.batch_output_usd_per_1m = scaled(e.output_usd_per_1m, f);
        if (o.batch_stacks) {
          if (e.cached_input_usd_per_1m !== null) wanted.batch_cached_input_usd_per_1m = scaled(e.cached_input_usd_per_1m, f);
          if (e.cache_write_usd_per_1m !== null) wanted.batch_cache_write_usd_per_1m = scaled(e.cache_write_usd_per_1m, f);
          if (e.cache_write_1h_usd_per_1m !== null) wanted.batch_cache_write_1h_usd_per_1m = scaled(e.cache_write_1h_usd_per_1m, f);
        }
      }
      if (o.window === 'separate') wanted.total_window_tokens = null;
      const changed: string[] = [];
      for (const [k, v] of Object.entries(wanted) as [Settable, number | null][]) {
        // Fill gaps only, unless the override says LiteLLM's value is wrong (or, for the
        // window, that the limits are separate: that clears the window LiteLLM implies).
        const clears = k === 'total_window_tokens' && o.window === 'separate';
        if (e[k] === v || (e[k] !== null && !o.replace && !clears)) continue;
        e[k] = v;
        changed.push(k);
      }
      // Non-numeric facts: which models reason unasked, and the tier's stacked batch prices.
      if (o.set?.reasoning !== undefined && e.reasoning !== o.set.reasoning) {
        e.reasoning = o.set.reasoning;
        changed.push('reasoning');
      }
      if (o.batch_fraction !== undefined && o.batch_stacks && e.long_context !== null && e.long_context.batch === null) {
        e.long_context = { ...e.long_context, batch: stackedTierBatch(e.long_context, o.batch_fraction) };
        changed.push('long_context.batch');
      }
      if (changed.length === 0) continue;
      changedAny = true;
      // The reason lives in data/litellm-overrides.json; the note names the override and its source.
      const note = `override ${o.id} set ${changed.join(', ')} (${describe(o.source)})`;
      e.source.note = e.source.note ? `${e.source.note}; ${note}` : note;
    }
    if (!changedAny) warn(`override ${o.id} changed nothing: LiteLLM may already carry it, or its ids are gone`);
  }
  return out;
}

/* ---------- the import ---------- */

/**
 * Converts a LiteLLM price map (the parsed JSON) into catalog model entries, sorted by id.
 * Entries are selected by provider and mode (see PROVIDER_RULES); deprecated ones are dropped
 * unless KEEP_DEPRECATED names them; then the curated overrides are applied.
 */
export function importLiteLLM(json: unknown, source: ImportSource, options: ImportOptions = {}): ModelEntry[] {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error('LiteLLM price map: expected a JSON object keyed by model id');
  }
  const entries: ModelEntry[] = [];
  for (const [id, raw] of Object.entries(json as Record<string, unknown>)) {
    if (id === 'sample_spec' || typeof raw !== 'object' || raw === null || Array.isArray(raw)) continue;
    if (!selected(id, raw as Raw, source.as_of)) continue;
    entries.push(convert(id, raw as Raw, source));
  }
  entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return applyOverrides(entries, options.overrides ?? [], options.warn);
}

/** `last_updated` of the mirror (`2026-07-24T18:23:43…`) → `2026-07-24`; null when absent. */
export function snapshotDate(json: unknown): string | null {
  if (typeof json !== 'object' || json === null) return null;
  const v = (json as Record<string, unknown>).last_updated;
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : null;
}

export const LITELLM_SOURCE_NAME = 'LiteLLM model_prices_and_context_window.json (BerriAI/litellm, via the RoCry/llm-api-price mirror)';
export const LITELLM_URL = 'https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json';

/* ---------- what changed between two imports ---------- */

/** One line per added, removed or changed entry (the fields that changed, old → new), sorted by id. */
function diffModels(before: readonly ModelEntry[], after: readonly ModelEntry[]): string[] {
  const old = new Map(before.map((m) => [m.id, m]));
  const now = new Map(after.map((m) => [m.id, m]));
  const lines: string[] = [];
  const show = (v: unknown) => JSON.stringify(v);
  for (const id of [...new Set([...old.keys(), ...now.keys()])].sort()) {
    const a = old.get(id);
    const b = now.get(id);
    if (!a) lines.push(`+ ${id}`);
    else if (!b) lines.push(`- ${id}`);
    else {
      const changed = (Object.keys(b) as (keyof ModelEntry)[])
        .filter((k) => k !== 'source' && show(a[k]) !== show(b[k]))
        .map((k) => `${k} ${show(a[k])} → ${show(b[k])}`);
      if (a.source.as_of !== b.source.as_of) changed.push(`as_of ${a.source.as_of} → ${b.source.as_of}`);
      if (changed.length > 0) lines.push(`~ ${id}: ${changed.join('; ')}`);
    }
  }
  return lines;
}

/* ---------- command line: node dist/catalog/import-litellm.js [path] [--as-of YYYY-MM-DD] ---------- */

function writeAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** Where the LiteLLM snapshot the catalog is generated from lives (shipped in the repository, not in the package). */
const SNAPSHOT_DIR = 'src/catalog/litellm';
const snapshotFile = (asOf: string) => `${SNAPSHOT_DIR}/litellm-${asOf}.json`;

function main(argv: string[]): number {
  // dist/catalog/import-litellm.js → repository root two levels up (src/catalog/… likewise).
  const root = fileURLToPath(new URL('../../', import.meta.url));
  let asOf: string | null = null;
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--as-of') asOf = argv[++i] ?? null;
    else if (a === '--help' || a === '-h') {
      process.stdout.write(
        'usage: npm run catalog:import [path/to/model_prices_and_context_window.json] [--as-of YYYY-MM-DD]\n' +
          `  without a path, re-imports the shipped snapshot named in src/catalog/data/models.json (${SNAPSHOT_DIR}/)\n`,
      );
      return 0;
    } else paths.push(a);
  }
  const modelsPath = resolve(root, 'src/catalog/data/models.json');
  const previous = existsSync(modelsPath)
    ? (JSON.parse(readFileSync(modelsPath, 'utf8')) as { generated?: { from?: string }; models: ModelEntry[] })
    : { models: [] as ModelEntry[] };
  const shipped = previous.generated?.from;
  if (paths[0] === undefined && shipped === undefined) {
    process.stderr.write('catalog:import: give the LiteLLM file to import (models.json names no snapshot)\n');
    return 2;
  }
  const input = paths[0] !== undefined ? resolve(process.cwd(), paths[0]) : resolve(root, shipped!);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(input, 'utf8'));
  } catch (err) {
    process.stderr.write(`catalog:import: cannot read ${input}: ${(err as Error).message}\n`);
    return 1;
  }
  asOf ??= snapshotDate(json);
  if (asOf === null || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    process.stderr.write(`catalog:import: ${input} has no "last_updated" date; pass --as-of YYYY-MM-DD (the snapshot's date)\n`);
    return 2;
  }
  const overridesPath = resolve(root, 'src/catalog/data/litellm-overrides.json');
  const parsed = overridesFileSchema().safeParse(JSON.parse(readFileSync(overridesPath, 'utf8')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    process.stderr.write(`catalog:import: ${overridesPath} is invalid:\n${lines.join('\n')}\n`);
    return 1;
  }
  const source: ImportSource = { name: LITELLM_SOURCE_NAME, as_of: asOf, url: LITELLM_URL };
  const models = importLiteLLM(json, source, {
    overrides: parsed.data.overrides,
    warn: (m) => process.stderr.write(`catalog:import: warning: ${m}\n`),
  });

  // The snapshot ships with the repository so that `tests/catalog/data.test.ts` can re-import
  // it offline: a new file is copied in (as litellm-DATE.json) and the older one retired.
  const snapshot = snapshotFile(asOf);
  const snapshotPath = resolve(root, snapshot);
  if (resolve(input) !== snapshotPath) {
    writeAtomic(snapshotPath, readFileSync(input, 'utf8'));
    // Only a snapshot this command wrote is retired, never a file elsewhere.
    const retired = shipped === undefined ? null : resolve(root, shipped);
    if (retired !== null && retired !== snapshotPath && dirname(retired) === resolve(root, SNAPSHOT_DIR) && existsSync(retired)) {
      unlinkSync(retired);
    }
  }
  const file = {
    schema: 'costsim.catalog.models/v1',
    generated: { by: 'npm run catalog:import', from: snapshot, source: { ...source, reliability: 'D' } },
    models,
  };
  const text = `${JSON.stringify(file, null, 1)}\n`;
  const targets = [modelsPath];
  // Keep a built copy in step so the CLI sees the refresh without a rebuild.
  if (existsSync(resolve(root, 'dist/catalog/data'))) targets.push(resolve(root, 'dist/catalog/data/models.json'));
  for (const t of targets) writeAtomic(t, text);

  const changes = diffModels(previous.models, models);
  const count = (c: string) => changes.filter((l) => l.startsWith(c)).length;
  process.stdout.write(
    `catalog:import: ${models.length} models as of ${asOf} from ${relative(root, input) || input}\n` +
      `catalog:import: ${count('+')} added, ${count('-')} removed, ${count('~')} changed` +
      (changes.length > 0 ? `:\n${changes.map((l) => `  ${l}`).join('\n')}\n` : '\n') +
      `catalog:import: wrote ${targets.map((t) => relative(root, t)).join(', ')} and ${snapshot}\n`,
  );
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
