/**
 * docs/model.md §5: retrieval and indexing costs of rag and hybrid.
 *   chunks n = ceil(corpus_tokens / (chunk_tokens − chunk_overlap_tokens)); indexed tokens n·chunk_tokens
 *   per query: query embedding, vector-store read, reranker
 *   monthly:   re-embedding change·n·chunk_tokens tokens, vector writes for those chunks
 *              (reindexingCosts: the only items the change rate moves), then
 *              storage n·(4·dimensions + metadata_bytes) bytes, plan minimum max(minimum, usage)
 *   one-time:  embedding and writing the whole index
 *   Pinecone serverless: a query costs max(0.25, namespace_GB) read units.
 */
import type { ModelEntry, VectorStoreEntry } from '../catalog/types.js';
import type { ScenarioSettings } from '../scenario/types.js';
import { BYTES_PER_FLOAT32, BYTES_PER_GB, perToken } from '../units.js';
import { describePricedBy, lineItem, pricedBy, type PricedBy } from './line-items.js';
import { notes } from '../messages/notes.js';
import type { SpendFloor } from './months.js';
import type { CostCategory, LineItem, Note, Period } from './types.js';

/** Records per upsert request: the minimum WU per request only binds below this batch size. */
const UPSERT_BATCH_RECORDS = 100;
/** Vector width assumed when the embedding model states none (text-embedding-3-small's). */
const DEFAULT_DIMENSIONS = 1536;

interface IndexShape {
  chunks: number;
  indexed_tokens: number;
  dimensions: number;
  record_bytes: number;
  namespace_gb: number;
}

function indexShape(s: ScenarioSettings): IndexShape {
  const stride = s.retrieval.chunk_tokens - s.retrieval.chunk_overlap_tokens;
  const chunks = s.knowledge.corpus_tokens > 0 ? Math.ceil(s.knowledge.corpus_tokens / stride) : 0;
  const dimensions = s.models.embedding?.entry.dimensions ?? DEFAULT_DIMENSIONS;
  const record_bytes = BYTES_PER_FLOAT32 * dimensions + s.retrieval.metadata_bytes;
  return {
    chunks,
    indexed_tokens: chunks * s.retrieval.chunk_tokens,
    dimensions,
    record_bytes,
    namespace_gb: (chunks * record_bytes) / BYTES_PER_GB,
  };
}

/** Write units to upsert `records` records (1 WU per write_unit_bytes, at least the minimum per request). */
function writeUnits(store: VectorStoreEntry, records: number, recordBytes: number): number {
  if (store.write_unit_bytes === null) return 0;
  const byPayload = (records * recordBytes) / store.write_unit_bytes;
  const byRequests = Math.ceil(records / UPSERT_BATCH_RECORDS) * (store.min_write_units_per_request ?? 0);
  return Math.max(byPayload, byRequests);
}

/**
 * Search units one rerank call bills (Cohere's pricing FAQ: a search unit is one query with
 * up to 100 documents; a document longer than 500 tokens, query included, is split into
 * chunks that each count as a document):
 *   documents = candidates × ceil((chunk + query tokens) / tokens_per_document)
 *   units     = ceil(documents / documents_per_search)
 * A reranker that states no unit size bills one search per call.
 */
export function rerankSearchUnits(
  entry: Pick<ModelEntry, 'rerank_documents_per_search' | 'rerank_tokens_per_document'>,
  candidates: number,
  tokensPerDocument: number,
): number {
  if (entry.rerank_documents_per_search === null) return 1;
  const pieces = entry.rerank_tokens_per_document === null ? 1 : Math.max(1, Math.ceil(tokensPerDocument / entry.rerank_tokens_per_document));
  return Math.max(1, Math.ceil((candidates * pieces) / entry.rerank_documents_per_search));
}

interface RetrievalCosts {
  per_query: LineItem[];
  monthly: LineItem[];
  one_time: LineItem[];
  notes: Note[];
  shape: IndexShape;
  /** The store's plan minimum, a floor over the items the store bills (none without a minimum). */
  floors: SpendFloor[];
}

/** The recurring items the vector store itself bills: its plan minimum is a floor over these. */
const STORE_BILLED = new Set(['store.read_units', 'store.queries', 'store.writes', 'store.storage', 'store.plan']);
const storeSource = (store: VectorStoreEntry) => pricedBy(store.id, store.source);

/** The embedding model's price per token (0 without one; null when unpriced) and the items' source. */
function embeddingPrice(s: ScenarioSettings): { price: number | null; source: string | PricedBy } {
  const emb = s.models.embedding;
  if (!emb) return { price: 0, source: 'none' };
  return { price: emb.entry.input_usd_per_1m === null ? null : perToken(emb.entry.input_usd_per_1m), source: pricedBy(emb.entry.id, emb.entry.source) };
}

/**
 * Re-indexing what changes each month: re-embedding change·n·chunk_tokens tokens and the vector
 * writes for those chunks. Apart from retrievalCosts because only these items read the change
 * rate: a re-projection that moves it keeps the rest (src/model/reuse.ts). Monthly items, in
 * the order they are summed (before retrievalCosts' storage and plan).
 */
export function reindexingCosts(s: ScenarioSettings): LineItem[] {
  const shape = indexShape(s);
  const store = s.retrieval.vector_store;
  const monthly: LineItem[] = [];
  const changedChunks = s.knowledge.change_per_month * shape.chunks;
  if (changedChunks > 0) {
    const emb = embeddingPrice(s);
    monthly.push(lineItem({ id: 'indexing.reembedding', name: 'Re-embedding changed chunks', category: 'indexing', period: 'monthly', unit: 'tokens', quantity: changedChunks * s.retrieval.chunk_tokens, unit_price_usd: emb.price, source: emb.source }));
    if (store.write_unit_bytes !== null) {
      const wuPrice = store.write_unit_usd_per_1m === null ? null : store.write_unit_usd_per_1m / 1e6;
      monthly.push(lineItem({ id: 'store.writes', name: 'Vector writes for changed chunks', category: 'indexing', period: 'monthly', unit: 'write units', quantity: writeUnits(store, changedChunks, shape.record_bytes), unit_price_usd: wuPrice, source: storeSource(store) }));
    }
  }
  return monthly;
}

/** Retrieval's costs but re-indexing's (reindexingCosts): per query, storage, plan, the initial index. */
export function retrievalCosts(s: ScenarioSettings): RetrievalCosts {
  const shape = indexShape(s);
  const store = s.retrieval.vector_store;
  const out: Note[] = [];
  const perQuery: LineItem[] = [];
  const monthly: LineItem[] = [];
  const oneTime: LineItem[] = [];
  if (!s.knowledge.has_corpus) out.push(notes.noCorpus());

  const { price: embPrice, source: embSrc } = embeddingPrice(s);

  // Per query.
  const item = (id: string, name: string, category: CostCategory, period: Period, unit: string, quantity: number, unit_price_usd: number | null, source: string | PricedBy) =>
    lineItem({ id, name, category, period, unit, quantity, unit_price_usd, source });
  perQuery.push(item('retrieval.query_embedding', 'Query embedding', 'retrieval', 'per_query', 'tokens', s.prompt.query_tokens, embPrice, embSrc));
  if (store.read_unit_usd_per_1m !== null || store.read_units_per_gb !== null) {
    const ru = Math.max(store.min_read_units_per_query ?? 0, shape.namespace_gb * (store.read_units_per_gb ?? 0));
    const ruPrice = store.read_unit_usd_per_1m === null ? null : store.read_unit_usd_per_1m / 1e6;
    perQuery.push(item('store.read_units', 'Vector search read units', 'retrieval', 'per_query', 'read units', ru, ruPrice, storeSource(store)));
  }
  if (store.usd_per_1m_queries !== null && store.usd_per_1m_queries > 0) {
    perQuery.push(item('store.queries', 'Vector search queries', 'retrieval', 'per_query', 'queries', 1, store.usd_per_1m_queries / 1e6, storeSource(store)));
  }
  const rr = s.models.reranker;
  if (rr) {
    const rrSrc = pricedBy(rr.entry.id, rr.entry.source);
    if (rr.entry.rerank_usd_per_search !== null) {
      const units = rerankSearchUnits(rr.entry, s.retrieval.rerank_candidates, s.retrieval.chunk_tokens + s.prompt.query_tokens);
      perQuery.push(item('rerank.searches', 'Rerank search units', 'retrieval', 'per_query', 'search units', units, rr.entry.rerank_usd_per_search, rrSrc));
    } else {
      // Per-token rerankers read the query against every candidate chunk.
      const tokens = s.retrieval.rerank_candidates * (s.retrieval.chunk_tokens + s.prompt.query_tokens);
      const price = rr.entry.input_usd_per_1m === null ? null : perToken(rr.entry.input_usd_per_1m);
      perQuery.push(item('rerank.tokens', 'Rerank tokens', 'retrieval', 'per_query', 'tokens', tokens, price, rrSrc));
    }
  }

  // Monthly: store everything (re-indexing what changed is reindexingCosts').
  if (store.storage_usd_per_gb_month !== null && store.storage_usd_per_gb_month > 0) {
    monthly.push(item('store.storage', 'Vector storage', 'storage', 'monthly', 'GB-month', shape.namespace_gb, store.storage_usd_per_gb_month, storeSource(store)));
  } else if (store.storage_usd_per_gb_month === null && store.kind === 'serverless') {
    monthly.push(item('store.storage', 'Vector storage', 'storage', 'monthly', 'GB-month', shape.namespace_gb, null, storeSource(store)));
  }
  if (store.monthly_usd > 0) {
    monthly.push(item('store.plan', `${store.id} plan`, 'storage', 'monthly', 'months', 1, store.monthly_usd, storeSource(store)));
  }
  const wuPrice = store.write_unit_usd_per_1m === null ? null : store.write_unit_usd_per_1m / 1e6;
  if (store.capacity_vectors !== null && shape.chunks > store.capacity_vectors) {
    out.push(notes.vectorStoreOverCapacity(store.id, shape.chunks, store.capacity_vectors));
  }
  if (store.minimum_monthly_usd > 0) out.push(notes.storeMinimum(store.id, store.minimum_monthly_usd));

  // One-time: build the whole index.
  if (shape.chunks > 0) {
    oneTime.push(item('indexing.initial_embedding', 'Initial embedding of the corpus', 'indexing', 'one_time', 'tokens', shape.indexed_tokens, embPrice, embSrc));
    if (store.write_unit_bytes !== null) {
      oneTime.push(item('store.initial_writes', 'Initial vector writes', 'indexing', 'one_time', 'write units', writeUnits(store, shape.chunks, shape.record_bytes), wuPrice, storeSource(store)));
    }
  }
  // The plan minimum is a floor over what the store itself bills.
  const floors: SpendFloor[] =
    store.minimum_monthly_usd > 0
      ? [
          {
            id: 'store.minimum_top_up',
            name: 'Vector store plan minimum top-up',
            category: 'storage',
            minimum_usd: store.minimum_monthly_usd,
            covers: STORE_BILLED,
            source: describePricedBy(storeSource(store)),
          },
        ]
      : [];
  return { per_query: perQuery, monthly, one_time: oneTime, notes: out, shape, floors };
}
