/**
 * `costsim catalog [query]` (docs/model.md §15): the catalog's models, fine-tuning entries, vector
 * stores and latency profiles with their prices, each with its source and as-of date.
 * `renderCatalog` is pure; `catalogCommand` loads the catalog and maps errors to exit codes.
 *
 * Blank prices are never printed as 0: an unknown price reads `unknown`. A few nulls have a
 * defined meaning (types.ts) and print it: no cache-read price → `none` (no prompt caching
 * known), no cache-write price → `=input` (writes billed as input), no batch price → `none`.
 */
import { formatDecimal, UNKNOWN } from '../format.js';
import { quoteForTerminal } from '../util/terminal.js';
import type { Catalog, FineTuningEntry, LatencyProfile, ModelEntry, Source, VectorStoreEntry } from '../catalog/types.js';
import { CatalogError, loadCatalog } from '../catalog/load.js';
import { suggest } from '../catalog/lookup.js';

type CatalogFormat = 'table' | 'json';

interface CatalogSelection {
  models: ModelEntry[];
  fine_tuning: FineTuningEntry[];
  vector_stores: VectorStoreEntry[];
  latency: LatencyProfile[];
}

/** Entries whose id, provider or mode contains the query (case-insensitive); everything without one. */
function selectCatalog(catalog: Catalog, query: string | undefined): CatalogSelection {
  const q = query?.trim().toLowerCase() ?? '';
  const hit = (...texts: string[]) => q === '' || texts.some((t) => t.toLowerCase().includes(q));
  const byId = <T>(entries: T[], id: (e: T) => string) => entries.sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
  return {
    models: byId(Object.values(catalog.models).filter((m) => hit(m.id, m.provider, m.mode)), (m) => m.id),
    fine_tuning: byId(Object.values(catalog.fine_tuning).filter((f) => hit(f.base_model, f.snapshot, 'fine-tuning')), (f) => f.base_model),
    vector_stores: byId(Object.values(catalog.vector_stores).filter((v) => hit(v.id, v.kind, 'vector store')), (v) => v.id),
    latency: byId(Object.values(catalog.latency).filter((p) => hit(p.model, 'latency')), (p) => p.model),
  };
}

function isEmpty(s: CatalogSelection): boolean {
  return s.models.length + s.fine_tuning.length + s.vector_stores.length + s.latency.length === 0;
}

/* ---------- formatting ---------- */

/** Up to 6 significant digits, no trailing zeros: 0.4, 1.875, 0.0025. */
function num(v: number): string {
  return String(Number(v.toPrecision(6)));
}

function price(v: number | null, ifNull = 'unknown'): string {
  return v === null ? ifNull : num(v);
}

function pair(a: number | null, b: number | null, ifNull = 'unknown'): string {
  return a === null && b === null ? ifNull : `${price(a)}/${price(b)}`;
}

/** Exact counts with thousands separators (1,047,576): context windows are often not round. */
function tokens(v: number | null): string {
  return v === null ? UNKNOWN : formatDecimal(v, 3);
}

/** Footnote numbering of sources, so a row shows `[2] 2026-07-24` instead of a long name. */
class Sources {
  private readonly keys = new Map<string, number>();
  private readonly list: Source[] = [];
  ref(s: Source): string {
    const key = `${s.name}\u0000${s.url ?? ''}\u0000${s.reliability ?? ''}`;
    let n = this.keys.get(key);
    if (n === undefined) {
      n = this.list.length + 1;
      this.keys.set(key, n);
      this.list.push(s);
    }
    return `[${n}] ${s.as_of}`;
  }
  legend(): string[] {
    return this.list.map((s, i) => `  [${i + 1}] ${s.name}${s.reliability ? ` (${s.reliability})` : ''}${s.url ? ` <${s.url}>` : ''}`);
  }
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

function modelRows(models: ModelEntry[], src: Sources): string[][] {
  return models.map((m) => {
    const tier = m.long_context;
    const extra =
      m.mode === 'embedding'
        ? `${m.dimensions === null ? 'unknown' : m.dimensions} dims`
        : m.mode === 'rerank'
          ? m.rerank_usd_per_search === null
            ? 'per token'
            : `$${num(m.rerank_usd_per_search)}/search`
          : m.encoding ?? '';
    return [
      m.id,
      m.mode,
      price(m.input_usd_per_1m),
      price(m.cached_input_usd_per_1m, m.mode === 'chat' ? 'none' : '-'),
      price(m.cache_write_usd_per_1m, m.mode === 'chat' ? '=input' : '-'),
      price(m.output_usd_per_1m),
      pair(m.batch_input_usd_per_1m, m.batch_output_usd_per_1m, 'none'),
      tier ? `>${tokens(tier.threshold_tokens)}: ${pair(tier.input_usd_per_1m, tier.output_usd_per_1m)}` : '-',
      tokens(m.context_window),
      m.mode === 'chat' ? tokens(m.max_output_tokens) : '-',
      extra,
      src.ref(m.source),
    ];
  });
}

function fineTuningRows(entries: FineTuningEntry[], src: Sources): string[][] {
  return entries.map((f) => [
    f.base_model,
    f.snapshot,
    f.training_usd_per_hour !== null && f.training_usd_per_1m === null
      ? `$${num(f.training_usd_per_hour)}/h`
      : price(f.training_usd_per_1m),
    price(f.input_usd_per_1m),
    price(f.cached_input_usd_per_1m),
    price(f.output_usd_per_1m),
    pair(f.batch_input_usd_per_1m, f.batch_output_usd_per_1m, 'none'),
    num(f.hosting_usd_per_hour),
    num(f.training_hours),
    tokens(f.context_window),
    src.ref(f.source),
  ]);
}

function vectorStoreRows(entries: VectorStoreEntry[], src: Sources): string[][] {
  return entries.map((v) => [
    v.id,
    v.kind,
    num(v.monthly_usd),
    num(v.minimum_monthly_usd),
    price(v.storage_usd_per_gb_month),
    // A fixed plan has no read/write units (null there means "does not apply").
    v.kind === 'serverless'
      ? `${price(v.read_unit_usd_per_1m)} (${price(v.read_units_per_gb)}/GB, min ${price(v.min_read_units_per_query)})`
      : price(v.read_unit_usd_per_1m, '-'),
    v.kind === 'serverless'
      ? `${price(v.write_unit_usd_per_1m)} (${price(v.write_unit_bytes)} B, min ${price(v.min_write_units_per_request)})`
      : price(v.write_unit_usd_per_1m, '-'),
    price(v.usd_per_1m_queries),
    v.capacity_vectors === null ? 'no limit' : tokens(v.capacity_vectors),
    `${price(v.search_ms)}${v.search_spread === null ? ' (p95 unknown)' : ` (x${num(v.search_spread)})`}`,
    src.ref(v.source),
  ]);
}

function latencyRows(profiles: LatencyProfile[], src: Sources): string[][] {
  return profiles.map((p) => [
    p.model,
    num(p.ttft_ms),
    num(p.output_tokens_per_s),
    num(p.prefill_tokens_per_s),
    `x${num(p.cached_prefill_speedup)}`,
    `${num(p.spread.ttft)}/${num(p.spread.prefill)}/${num(p.spread.decode)}`,
    p.weak ? 'weak' : '',
    src.ref(p.source),
  ]);
}

/** The catalog (or the entries matching `query`) as a text table or a JSON document. */
export function renderCatalog(catalog: Catalog, query: string | undefined, format: CatalogFormat): string {
  const sel = selectCatalog(catalog, query);
  if (format === 'json') {
    return `${JSON.stringify(
      { schema: 'costsim.catalog/v1', as_of: catalog.as_of, query: query ?? null, ...sel, defaults: catalog.defaults },
      null,
      2,
    )}\n`;
  }
  if (isEmpty(sel)) {
    const near = suggest(query ?? '', [
      ...Object.keys(catalog.models),
      ...Object.keys(catalog.fine_tuning),
      ...Object.keys(catalog.vector_stores),
    ]);
    return `No catalog entry matches "${quoteForTerminal(query ?? '')}".${near.length > 0 ? ` Did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : ''}\n`;
  }
  const src = new Sources();
  const out: string[] = [
    `Catalog as of ${catalog.as_of} (the newest source date in it)${query ? `, entries matching "${quoteForTerminal(query)}"` : ''}.`,
    'Prices in USD per 1M tokens unless a column says otherwise. unknown = no price known (never 0);',
    'cached none = no prompt caching known; write =input = cache writes billed as input; batch none = no batch price.',
  ];
  if (sel.models.length > 0) {
    out.push('', `Models (${sel.models.length})`);
    out.push(
      ...table(
        ['id', 'mode', 'input', 'cached', 'write', 'output', 'batch in/out', 'long context in/out', 'context', 'max out', 'dims/search/encoding', 'source'],
        modelRows(sel.models, src),
      ),
    );
  }
  if (sel.fine_tuning.length > 0) {
    out.push('', `Fine-tuning (${sel.fine_tuning.length}): training per 1M training tokens (or per hour), fine-tuned inference per 1M, hosting USD/hour`);
    out.push(
      ...table(
        ['base model', 'snapshot', 'training', 'input', 'cached', 'output', 'batch in/out', 'hosting/h', 'train h', 'context', 'source'],
        fineTuningRows(sel.fine_tuning, src),
      ),
    );
  }
  if (sel.vector_stores.length > 0) {
    out.push('', `Vector stores (${sel.vector_stores.length}): USD per month, per GB-month, per 1M read/write units or queries; search p50 ms (p95/p50)`);
    out.push(
      ...table(
        ['id', 'kind', 'monthly', 'minimum', 'storage/GB', 'read units/1M', 'write units/1M', 'queries/1M', 'capacity', 'search ms', 'source'],
        vectorStoreRows(sel.vector_stores, src),
      ),
    );
  }
  if (sel.latency.length > 0) {
    out.push('', `Latency profiles (${sel.latency.length}): TTFT on a short prompt, speeds in tokens/s, spreads p95/p50 (ttft/prefill/decode)`);
    out.push(...table(['model', 'ttft ms', 'output/s', 'prefill/s', 'cached', 'spread', 'weak', 'source'], latencyRows(sel.latency, src)));
  }
  out.push('', 'Sources (P primary, D dataset, S secondary, G generated; notes in --format json):', ...src.legend());
  return `${out.join('\n')}\n`;
}

interface CatalogCommandOptions {
  format?: CatalogFormat;
  catalog?: string;
}

/** The command: exit 0 with the listing; 1 when nothing matches; 2 when the --catalog file is unusable. */
export function catalogCommand(
  query: string | undefined,
  opts: CatalogCommandOptions = {},
): { stdout: string; stderr: string; exitCode: 0 | 1 | 2 } {
  let catalog: Catalog;
  try {
    catalog = loadCatalog(opts.catalog === undefined ? {} : { extraFile: opts.catalog });
  } catch (err) {
    if (err instanceof CatalogError) return { stdout: '', stderr: `costsim catalog: ${err.message}\n`, exitCode: 2 };
    throw err;
  }
  const format = opts.format ?? 'table';
  const text = renderCatalog(catalog, query, format);
  const empty = isEmpty(selectCatalog(catalog, query));
  return empty && format === 'table' ? { stdout: '', stderr: text, exitCode: 1 } : { stdout: text, stderr: '', exitCode: 0 };
}
