/**
 * Finding catalog entries by what a person types. Model ids are LiteLLM's keys (docs/model.md §2.6);
 * a unique shorter form is accepted, an ambiguous one is an error listing the candidates,
 * an unknown one gets a "did you mean" list. Pure functions over a Catalog.
 */
import { problemText, type ProblemText } from '../messages/problems.js';
import type { Catalog, FineTuningEntry, LatencyProfile, ModelEntry, ModelMode, VectorStoreEntry } from './types.js';

/** `record[key]` if the record has that key itself (never Object.prototype's `constructor` or `__proto__`). */
function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A failed lookup is a problem as the catalog words it, with the ids it suggests. */
type LookupResult<T> = { ok: true; entry: T } | ({ ok: false; candidates: string[] } & ProblemText);

/** Edit distance (insert, delete, substitute = 1 each); used for "did you mean". */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, sub));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Up to `limit` known names close to `query`: names containing it first, then by edit
 * distance (to the whole name or to its part after a provider prefix), keeping distances up
 * to a third of the query's length (at least 3).
 */
export function suggest(query: string, names: Iterable<string>, limit = 5): string[] {
  const q = query.toLowerCase();
  const maxDistance = Math.max(3, Math.floor(q.length / 3));
  const scored: { name: string; score: number }[] = [];
  for (const name of names) {
    const n = name.toLowerCase();
    const tail = n.slice(n.lastIndexOf('/') + 1);
    const contains = q.length >= 3 && n.includes(q);
    // A distance is at least the difference in length: a name that cannot come within
    // maxDistance is skipped unmeasured (an unknown 100,000-character id took 38 s here).
    if (!contains && Math.min(Math.abs(q.length - n.length), Math.abs(q.length - tail.length)) > maxDistance) continue;
    const d = Math.min(levenshtein(q, n), levenshtein(q, tail));
    if (contains) scored.push({ name, score: d / 100 }); // substring matches rank ahead of any edit distance ≥ 1
    else if (d <= maxDistance) scored.push({ name, score: d });
  }
  scored.sort((x, y) => x.score - y.score || x.name.length - y.name.length || (x.name < y.name ? -1 : 1));
  return scored.slice(0, limit).map((s) => s.name);
}

/** A dated snapshot suffix: -20250514, -2025-04-14, @20250514 (LiteLLM's and Vertex's spellings). */
const DATE_SUFFIX = /(-\d{8}|-\d{4}-\d{2}-\d{2}|@\d{8})$/;

function undated(id: string): string {
  return id.replace(DATE_SUFFIX, '');
}

function tail(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1);
}

/**
 * Resolves ids in tiers, stopping at the first tier that matches anything:
 *   1. the exact key (then case-insensitively);
 *   2. a dated snapshot of the query without a provider prefix (`claude-sonnet-4` → `claude-sonnet-4-20250514`);
 *   3. provider-prefixed forms: `gemini-2.5-flash` → `gemini/gemini-2.5-flash` (and its dated
 *      snapshots), or `openai/gpt-4.1` → `gpt-4.1`.
 * One match is the answer; several are an ambiguity error listing them.
 */
function resolveId(ids: readonly string[], query: string): { match: string } | { ambiguous: string[] } | null {
  const q = query.trim();
  const index = tierIndex(ids);
  if (index.exact.has(q)) return { match: q };
  const lower = q.toLowerCase();
  const tail3 = new Set(index.byPrefixedTail.get(lower));
  if (lower.includes('/')) for (const id of index.byLower.get(tail(lower)) ?? []) tail3.add(id);
  for (const found of [index.byLower.get(lower) ?? [], index.byUndated.get(lower) ?? [], [...tail3]]) {
    if (found.length === 1) return { match: found[0]! };
    if (found.length > 1) return { ambiguous: [...found].sort() };
  }
  return null;
}

/**
 * The tiers of resolveId as look-ups, built once per id list: an id the catalog does not hold
 * as written (a private inline model, a short form) used to be compared with every id three
 * times, lower-casing and un-dating each, on every call (≈0.2 ms, several times a scenario).
 *   byLower:         id.toLowerCase() → ids (tier 1; and tier 3's `openai/gpt-4.1` → `gpt-4.1`)
 *   byUndated:       undated(id).toLowerCase() → ids without a provider prefix (tier 2)
 *   byPrefixedTail:  the lower-cased part after the prefix, dated and undated → prefixed ids (tier 3)
 */
interface TierIndex {
  exact: Set<string>;
  byLower: Map<string, string[]>;
  byUndated: Map<string, string[]>;
  byPrefixedTail: Map<string, string[]>;
}
const tierIndexes = new WeakMap<readonly string[], TierIndex>();
function tierIndex(ids: readonly string[]): TierIndex {
  let index = tierIndexes.get(ids);
  if (index !== undefined) return index;
  index = { exact: new Set(ids), byLower: new Map(), byUndated: new Map(), byPrefixedTail: new Map() };
  const add = (map: Map<string, string[]>, key: string, id: string) => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [id]);
    else if (list[list.length - 1] !== id) list.push(id);
  };
  for (const id of ids) {
    const l = id.toLowerCase();
    add(index.byLower, l, id);
    if (!id.includes('/')) add(index.byUndated, undated(id).toLowerCase(), id);
    else {
      const t = tail(l);
      add(index.byPrefixedTail, t, id);
      add(index.byPrefixedTail, undated(t), id);
    }
  }
  tierIndexes.set(ids, index);
  return index;
}

/** An object's keys, listed once (catalogs are not changed after loading; see idsOfMode). */
const keyLists = new WeakMap<object, string[]>();
function keysOf(entries: Record<string, unknown>): string[] {
  let keys = keyLists.get(entries);
  if (keys === undefined) keyLists.set(entries, (keys = Object.keys(entries)));
  return keys;
}

function resolveIn<T>(kind: string, entries: Record<string, T>, query: string, ids?: readonly string[]): LookupResult<T> {
  const keys = ids ?? keysOf(entries);
  const r = resolveId(keys, query);
  if (r === null) {
    const candidates = suggest(query, keys);
    return { ok: false, ...problemText.unknownCatalogId(kind, query, candidates), candidates };
  }
  if ('ambiguous' in r) return { ok: false, ...problemText.ambiguousCatalogId(kind, query, r.ambiguous), candidates: r.ambiguous };
  return { ok: true, entry: entries[r.match]! };
}

/** A model by id, optionally of one mode (a generator must be `chat`, an embedder `embedding`). */
export function resolveModel(catalog: Catalog, query: string, mode?: ModelMode): LookupResult<ModelEntry> {
  const kind = mode === undefined ? 'model' : mode === 'chat' ? 'chat model' : `${mode} model`;
  if (mode !== undefined) {
    const exact = own(catalog.models, query.trim());
    if (exact && exact.mode !== mode) {
      const candidates = suggest(query, idsOfMode(catalog.models, mode));
      return {
        ok: false,
        ...problemText.wrongModelMode(exact.id, exact.mode, kind, candidates),
        candidates,
      };
    }
  }
  const q = query.trim();
  // The common case, an exact id of the right mode, needs no id list at all.
  if (Object.hasOwn(catalog.models, q)) {
    const exact = catalog.models[q]!;
    if (mode === undefined || exact.mode === mode) return { ok: true, entry: exact };
  }
  return resolveIn(kind, catalog.models, query, mode === undefined ? undefined : idsOfMode(catalog.models, mode));
}

/**
 * The model `resolveModel` finds, or null, without wording a problem: normalize asks for every
 * inline model (a private one is not in the catalog), and the "did you mean" over 330 ids that
 * a found inline model never reads cost ≈0.4 ms a scenario.
 */
export function findModel(catalog: Catalog, query: string, mode: ModelMode): ModelEntry | null {
  const q = query.trim();
  if (Object.hasOwn(catalog.models, q)) {
    const exact = catalog.models[q]!;
    return exact.mode === mode ? exact : null; // another mode is resolveModel's wrongModelMode
  }
  const r = resolveId(idsOfMode(catalog.models, mode), query);
  return r !== null && 'match' in r ? catalog.models[r.match]! : null;
}

/**
 * Model ids of one mode, listed once per catalog: a batch resolves a handful of ids per scenario
 * against the same 330 models, and rebuilding the list on every call was 18% of an in-process
 * sweep. Catalogs are not changed after loading (load.ts builds a new one for --catalog), so the
 * list is keyed by the catalog's models object.
 */
const modeIndex = new WeakMap<Record<string, ModelEntry>, Map<ModelMode, string[]>>();
function idsOfMode(models: Record<string, ModelEntry>, mode: ModelMode): string[] {
  let byMode = modeIndex.get(models);
  if (byMode === undefined) {
    byMode = new Map();
    for (const m of Object.values(models)) {
      const list = byMode.get(m.mode);
      if (list) list.push(m.id);
      else byMode.set(m.mode, [m.id]);
    }
    modeIndex.set(models, byMode);
  }
  return byMode.get(mode) ?? [];
}

/**
 * A fine-tuning entry by base model id (`gpt-4.1-mini`), its dated snapshot
 * (`gpt-4.1-mini-2025-04-14`) or LiteLLM's fine-tuned key (`ft:gpt-4.1-mini-2025-04-14`), or
 * null. No problem is worded: a model without fine-tuning prices is not a mistake in the file
 * (the strategy is infeasible, and its note says which prices to give), and a "did you mean"
 * over the catalog's ids that nobody reads cost ≈0.5 ms a scenario.
 */
export function findFineTuning(catalog: Catalog, query: string): FineTuningEntry | null {
  const q = query.trim().replace(/^ft:/, '');
  if (!own(catalog.fine_tuning, q)) {
    let bySnapshot: FineTuningEntry | null = null;
    let matches = 0;
    for (const f of Object.values(catalog.fine_tuning)) {
      if (f.snapshot === q && !f.base_model.includes('/')) {
        bySnapshot = f;
        matches++;
      }
    }
    if (matches === 1) return bySnapshot;
  }
  const r = resolveId(keysOf(catalog.fine_tuning), q);
  return r !== null && 'match' in r ? catalog.fine_tuning[r.match]! : null;
}

/** A vector store by id; a unique prefix is accepted (`pinecone` → `pinecone-serverless`). */
export function resolveVectorStore(catalog: Catalog, query: string): LookupResult<VectorStoreEntry> {
  const q = query.trim();
  const ids = Object.keys(catalog.vector_stores);
  if (!ids.includes(q)) {
    const prefixed = ids.filter((id) => id.startsWith(`${q}-`) || id.startsWith(q.toLowerCase()));
    if (prefixed.length === 1) return { ok: true, entry: catalog.vector_stores[prefixed[0]!]! };
    if (prefixed.length > 1) {
      const sorted = prefixed.sort();
      return { ok: false, ...problemText.ambiguousCatalogId('vector store', q, sorted), candidates: sorted };
    }
  }
  return resolveIn('vector store', catalog.vector_stores, q);
}

/** Prefixes under which the same model is sold with the same measured speed (an assumption the profile notes). */
const SAME_MODEL_PREFIXES = ['gemini/', 'vertex_ai/', 'azure/', 'openai/', 'anthropic/'];

/**
 * The latency profile of a model id, or null when none is known. Tries the id, then without
 * its date suffix, then a fine-tuned key's base (`ft:gpt-4.1-mini-2025-04-14` → `gpt-4.1-mini`;
 * a fine-tuned model is assumed as fast as its base), then the same model under another
 * provider prefix (`gemini-2.5-flash` → `gemini/gemini-2.5-flash`).
 */
export function resolveLatency(catalog: Catalog, modelId: string): LatencyProfile | null {
  const profiles = catalog.latency;
  const base = modelId.trim().replace(/^ft:/, '').replace(/(-v\d+:\d+)$/, '');
  const bare = SAME_MODEL_PREFIXES.reduce((id, p) => (id.startsWith(p) ? id.slice(p.length) : id), base);
  const tries = [modelId.trim(), base, undated(base), bare, undated(bare)];
  for (const p of SAME_MODEL_PREFIXES) tries.push(p + bare, p + undated(bare));
  for (const t of tries) {
    const hit = own(profiles, t);
    if (hit) return hit;
  }
  return null;
}
