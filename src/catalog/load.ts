/**
 * Loads the bundled catalog (src/catalog/data → dist/catalog/data) and an optional user
 * `--catalog FILE` merged over it. This file and the importer's command line are the only
 * catalog code that reads files; `buildCatalog` and `mergeCatalog` are pure.
 *
 *   data/models.json     (LiteLLM import)   ┐
 *   data/rerankers.json  (curated models)   ├─validate─▶ Catalog ──merge user file──▶ Catalog
 *   data/fine-tuning.json, vector-stores.json, latency.json ┘
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import type { z } from 'zod';
import { problemText, zodIssueText, type ProblemMessage, type ProblemText } from '../messages/problems.js';
import { TIER_PRICE_FIELDS } from './model-fields.js';
import {
  fineTuningEntrySchema,
  fineTuningFileSchema,
  latencyFileSchema,
  latencyProfileSchema,
  modelEntrySchema,
  modelsFileSchema,
  userCatalogShapeSchema,
  vectorStoreEntrySchema,
  vectorStoresFileSchema,
} from './schema.js';
import type { Catalog, FineTuningEntry, LatencyProfile, ModelEntry, Source, VectorStoreEntry } from './types.js';

interface CatalogProblem {
  file: string;
  /** Field path inside the file, e.g. `models.our-llama.input_usd_per_1m` ("" = the whole file). */
  path: string;
  message: ProblemMessage;
}

const catalogProblem = (file: string, path: string, text: ProblemText): CatalogProblem => ({ file, path, message: text.message });

/** A catalog file that cannot be used; `message` lists every problem with its file and path. */
export class CatalogError extends Error {
  readonly problems: CatalogProblem[];
  constructor(problems: CatalogProblem[]) {
    super(problemText.catalogUnusable(problems).message);
    this.name = 'CatalogError';
    this.problems = problems;
  }
}

export const BUNDLED_FILES = {
  models: 'models.json',
  rerankers: 'rerankers.json',
  fine_tuning: 'fine-tuning.json',
  vector_stores: 'vector-stores.json',
  latency: 'latency.json',
} as const;

type BundledData = Record<keyof typeof BUNDLED_FILES, unknown>;

interface LoadCatalogOptions {
  /** A user catalog (JSON or YAML) whose entries are added to, or replace, the bundled ones. */
  extraFile?: string;
  /** Where the bundled files live (tests); default: ./data/ next to this module. */
  dataDir?: URL;
}

/* ---------- validation helpers ---------- */

function knownKeys(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

/** A field path with list indices replaced by the entry's id where it has one: `models.gpt-4.1.input_usd_per_1m`. */
/** The value at a zod issue's path, for "got …". */
function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let node = data;
  for (const seg of path) node = typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[seg] : undefined;
  return node;
}

function readablePath(data: unknown, path: readonly PropertyKey[]): string[] {
  const out: string[] = [];
  let node: unknown = data;
  for (const seg of path) {
    node = typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[seg] : undefined;
    const rec = typeof node === 'object' && node !== null ? (node as Record<string, unknown>) : undefined;
    const id = typeof seg === 'number' ? (rec?.id ?? rec?.base_model ?? rec?.model) : undefined;
    out.push(typeof id === 'string' ? id : String(seg));
  }
  return out;
}

function issuesToProblems(
  file: string,
  prefix: string,
  issues: readonly z.core.$ZodIssue[],
  keysAt?: (path: PropertyKey[]) => string[],
  data?: unknown,
): CatalogProblem[] {
  return issues.flatMap((issue) => {
    const path = [prefix, ...readablePath(data, issue.path)].filter((p) => p !== '').join('.');
    if (issue.code === 'unrecognized_keys') {
      const known = keysAt?.(issue.path) ?? [];
      return issue.keys.map((k) => catalogProblem(file, path, problemText.unknownKey(k, known)));
    }
    return [catalogProblem(file, path, zodIssueText(issue as never, valueAt(data, issue.path)))];
  });
}

function parseWith<S extends z.ZodType>(schema: S, data: unknown, file: string, prefix = ''): z.output<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  throw new CatalogError(issuesToProblems(file, prefix, r.error.issues, () => [], data));
}

/** A record without a prototype: ids such as `constructor` or `__proto__` are plain keys, never Object's own. */
function idRecord<T>(from: Record<string, T> = {}): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, from);
}

function keyed<T>(file: string, what: string, entries: readonly T[], key: (e: T) => string, into: Record<string, T> = idRecord()): Record<string, T> {
  const problems: CatalogProblem[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    const k = key(e);
    if (seen.has(k)) problems.push(catalogProblem(file, `${what}.${k}`, problemText.duplicateId(k)));
    seen.add(k);
    into[k] = e;
  }
  if (problems.length > 0) throw new CatalogError(problems);
  return into;
}

function newest(dates: Iterable<string>): string {
  let max = '';
  for (const d of dates) if (d > max) max = d;
  return max;
}

function catalogDate(c: Omit<Catalog, 'as_of'>): string {
  const sources: Source[] = [
    ...Object.values(c.models).map((e) => e.source),
    ...Object.values(c.fine_tuning).map((e) => e.source),
    ...Object.values(c.vector_stores).map((e) => e.source),
    ...Object.values(c.latency).map((e) => e.source),
    c.defaults.source,
  ];
  return newest(sources.map((s) => s.as_of));
}

/* ---------- bundled catalog ---------- */

/** Validates the parsed bundled files and assembles the catalog (pure). */
export function buildCatalog(data: BundledData): Catalog {
  const models = parseWith(modelsFileSchema(), data.models, BUNDLED_FILES.models);
  const rerankers = parseWith(modelsFileSchema(), data.rerankers, BUNDLED_FILES.rerankers);
  const ft = parseWith(fineTuningFileSchema(), data.fine_tuning, BUNDLED_FILES.fine_tuning);
  const vs = parseWith(vectorStoresFileSchema(), data.vector_stores, BUNDLED_FILES.vector_stores);
  const lat = parseWith(latencyFileSchema(), data.latency, BUNDLED_FILES.latency);
  // Curated rerankers must not shadow an imported id silently: a clash is a data error.
  const modelMap = keyed(BUNDLED_FILES.models, 'models', models.models, (m) => m.id);
  const clash = rerankers.models.filter((m) => modelMap[m.id]);
  if (clash.length > 0) {
    throw new CatalogError(
      clash.map((m) => catalogProblem(BUNDLED_FILES.rerankers, `models.${m.id}`, problemText.idAlsoIn(m.id, BUNDLED_FILES.models))),
    );
  }
  keyed(BUNDLED_FILES.rerankers, 'models', rerankers.models, (m) => m.id, modelMap);
  const body = {
    models: modelMap,
    fine_tuning: keyed(BUNDLED_FILES.fine_tuning, 'entries', ft.entries, (e) => e.base_model),
    vector_stores: keyed(BUNDLED_FILES.vector_stores, 'entries', vs.entries, (e) => e.id),
    latency: keyed(BUNDLED_FILES.latency, 'profiles', lat.profiles, (p) => p.model),
    defaults: lat.defaults,
  };
  return { as_of: catalogDate(body), ...body };
}

function readJson(dir: URL, name: string): unknown {
  const url = new URL(name, dir);
  let text: string;
  try {
    text = readFileSync(url, 'utf8');
  } catch (err) {
    throw new CatalogError([catalogProblem(name, '', problemText.cannotReadCatalog(true, (err as Error).message))]);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CatalogError([catalogProblem(name, '', problemText.jsonSyntax((err as Error).message))]);
  }
}

/* ---------- user catalog file ---------- */

type SectionName = 'models' | 'fine_tuning' | 'vector_stores' | 'latency';

/** Each section's lenient schema is built when a user file has that section, not at import (see schema.ts). */
const SECTION_SPEC = {
  models: { schema: () => modelEntrySchema(true), idField: 'id' },
  fine_tuning: { schema: () => fineTuningEntrySchema(true), idField: 'base_model' },
  vector_stores: { schema: () => vectorStoreEntrySchema(true), idField: 'id' },
  latency: { schema: () => latencyProfileSchema(), idField: 'model' },
} as const;

const LONG_CONTEXT_KEYS = ['threshold_tokens', ...TIER_PRICE_FIELDS];
const SPREAD_KEYS = ['ttft', 'prefill', 'decode'];

/** Parses a user catalog file's text: `.json` as JSON, anything else as YAML (a superset of JSON). */
function parseCatalogText(text: string, file: string): unknown {
  if (extname(file).toLowerCase() === '.json') {
    try {
      return JSON.parse(text);
    } catch (err) {
      throw new CatalogError([catalogProblem(file, '', problemText.jsonSyntax((err as Error).message))]);
    }
  }
  // yaml is loaded only when a YAML catalog is given: most runs never pay for it.
  const yaml = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  const doc = yaml.parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new CatalogError(doc.errors.map((e) => catalogProblem(file, '', problemText.yamlSyntax(e.message))));
  }
  return doc.toJS();
}

function sectionEntries(
  file: string,
  name: SectionName,
  raw: unknown,
  fileSource: Source | undefined,
  problems: CatalogProblem[],
): unknown[] {
  const { idField } = SECTION_SPEC[name];
  const schema = SECTION_SPEC[name].schema();
  const items: { label: string; value: unknown }[] = Array.isArray(raw)
    ? raw.map((value, i) => {
        const id = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[idField] : undefined;
        return { label: typeof id === 'string' ? id : String(i), value };
      })
    : Object.entries(raw as Record<string, unknown>).map(([key, value]) => {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return { label: key, value };
        const given = (value as Record<string, unknown>)[idField];
        if (given !== undefined && given !== key) {
          problems.push(catalogProblem(file, `${name}.${key}.${idField}`, problemText.idDiffersFromKey(given, key)));
        }
        return { label: key, value: { [idField]: key, ...(value as object) } };
      });
  const out: unknown[] = [];
  for (const { label, value: given } of items) {
    const value =
      fileSource && typeof given === 'object' && given !== null && !Array.isArray(given) && !('source' in given)
        ? { ...given, source: fileSource }
        : given;
    const r = schema.safeParse(value);
    if (r.success) out.push(r.data);
    else {
      problems.push(
        ...issuesToProblems(
          file,
          `${name}.${label}`,
          r.error.issues,
          (path) => (path.length === 0 ? knownKeys(schema) : path[0] === 'long_context' ? LONG_CONTEXT_KEYS : path[0] === 'spread' ? SPREAD_KEYS : []),
          value,
        ),
      );
    }
  }
  return out;
}

/**
 * Merges a parsed user catalog over `base` (pure): an entry whose id exists replaces it, a new
 * one is added; `defaults` fields given replace the bundled ones. Throws CatalogError with
 * every problem (file, path, message) when the file does not validate.
 */
export function mergeCatalog(base: Catalog, data: unknown, file: string): Catalog {
  const shape = userCatalogShapeSchema().safeParse(data ?? {});
  if (!shape.success) {
    throw new CatalogError(
      issuesToProblems(file, '', shape.error.issues, (path) => (path.length === 0 ? knownKeys(userCatalogShapeSchema()) : []), data),
    );
  }
  const problems: CatalogProblem[] = [];
  const u = shape.data;
  const models = u.models ? (sectionEntries(file, 'models', u.models, u.source, problems) as ModelEntry[]) : [];
  const ft = u.fine_tuning ? (sectionEntries(file, 'fine_tuning', u.fine_tuning, u.source, problems) as FineTuningEntry[]) : [];
  const vs = u.vector_stores ? (sectionEntries(file, 'vector_stores', u.vector_stores, u.source, problems) as VectorStoreEntry[]) : [];
  const lat = u.latency ? (sectionEntries(file, 'latency', u.latency, u.source, problems) as LatencyProfile[]) : [];
  if (problems.length > 0) throw new CatalogError(problems);

  let defaults = base.defaults;
  if (u.defaults) {
    const { source = u.source, ...given } = u.defaults;
    if (source === undefined) throw new CatalogError([catalogProblem(file, 'defaults.source', problemText.catalogSourceRequired())]);
    const kept = Object.keys(base.defaults).filter((k) => k !== 'source' && !(k in given));
    const note = kept.length > 0 ? `${kept.join(', ')} from ${base.defaults.source.name} (${base.defaults.source.as_of})` : '';
    defaults = {
      ...base.defaults,
      ...given,
      source: note ? { ...source, note: source.note ? `${source.note}; ${note}` : note } : source,
    };
  }
  const body = {
    models: keyed(file, 'models', models, (m) => m.id, idRecord(base.models)),
    fine_tuning: keyed(file, 'fine_tuning', ft, (e) => e.base_model, idRecord(base.fine_tuning)),
    vector_stores: keyed(file, 'vector_stores', vs, (e) => e.id, idRecord(base.vector_stores)),
    latency: keyed(file, 'latency', lat, (p) => p.model, idRecord(base.latency)),
    defaults,
  };
  return { as_of: catalogDate(body), ...body };
}

/* ---------- the loader ---------- */

const DATA_DIR = new URL('./data/', import.meta.url);
let bundledCache: Catalog | undefined;

/**
 * The bundled catalog as `buildCatalog` returns it, validated when the package is built
 * (scripts/copy-data.mjs writes it beside the data files with `checkedCatalogText`). Reading it
 * instead of validating ~450 KB of data with zod saves ≈70 ms of CPU at every start (a third of a
 * one-scenario run's catalog and schema work). Where it is missing (tests run from src/) the
 * files are validated as before.
 */
export const CHECKED_CATALOG_FILE = 'catalog.checked.json';

/** The bundled files in `dir`, validated, as the text of CHECKED_CATALOG_FILE. Throws CatalogError. */
export function checkedCatalogText(dir: URL): string {
  return JSON.stringify(readBundled(dir));
}

/** CHECKED_CATALOG_FILE read back: its id records regain their null prototype (see idRecord). */
export function readCheckedCatalog(dir: URL): Catalog | undefined {
  let text: string;
  try {
    text = readFileSync(new URL(CHECKED_CATALOG_FILE, dir), 'utf8');
  } catch {
    return undefined;
  }
  const c = JSON.parse(text) as Catalog;
  return { ...c, models: idRecord(c.models), fine_tuning: idRecord(c.fine_tuning), vector_stores: idRecord(c.vector_stores), latency: idRecord(c.latency) };
}

/**
 * The bundled catalog, validated (cached per process: the files do not change while it runs),
 * with `extraFile` merged over it when given. Throws CatalogError naming file and field path.
 */
export function loadCatalog(options: LoadCatalogOptions = {}): Catalog {
  let catalog: Catalog;
  if (options.dataDir) catalog = readBundled(options.dataDir);
  else catalog = bundledCache ??= readCheckedCatalog(DATA_DIR) ?? readBundled(DATA_DIR);
  if (options.extraFile === undefined) return catalog;
  let text: string;
  try {
    text = readFileSync(options.extraFile, 'utf8');
  } catch (err) {
    throw new CatalogError([catalogProblem(options.extraFile, '', problemText.cannotReadCatalog(false, (err as Error).message))]);
  }
  return mergeCatalog(catalog, parseCatalogText(text, options.extraFile), options.extraFile);
}

function readBundled(dir: URL): Catalog {
  return buildCatalog({
    models: readJson(dir, BUNDLED_FILES.models),
    rerankers: readJson(dir, BUNDLED_FILES.rerankers),
    fine_tuning: readJson(dir, BUNDLED_FILES.fine_tuning),
    vector_stores: readJson(dir, BUNDLED_FILES.vector_stores),
    latency: readJson(dir, BUNDLED_FILES.latency),
  });
}
