/**
 * The building blocks a strategy is made of. A strategy (one file per kind beside this one)
 * names whose weights answer its queries and which cost parts it owns; the pipeline
 * (simulate.ts) asks each for its line items, models and catalog figures without knowing
 * which kind it is serving.
 *
 *   weights:  baseWeights        the generator as the catalog prices it
 *             fineTunedWeights   the generator's fine-tuned snapshot (its own prices, or none)
 *   parts:    reindexingPart     re-embedding and writing what changed each month (docs/model.md §5)
 *             retrievalPart      embedding, vector store, reranker (docs/model.md §5)
 *             trainingPart       training runs, curation, tuned-model hosting (docs/model.md §6)
 */
import { PRICE_TABLE_FIELDS, pickFields, unknownFields } from '../../catalog/model-fields.js';
import type { FineTuningEntry, ModelEntry } from '../../catalog/types.js';
import type { StrategySpec } from '../../scenario/types.js';
import { fineTunedPrices, fineTuningCosts } from '../fine-tuning.js';
import type { PriceTable } from '../inference.js';
import { pricedBy } from '../line-items.js';
import { notes } from '../../messages/notes.js';
import type { SpendFloor } from '../months.js';
import { reindexingCosts, retrievalCosts } from '../retrieval.js';
import type { Assumption, LineItem, Note, StrategyResult } from '../types.js';

/** Whose prices answer a query. */
interface Weights {
  prices: PriceTable;
  notes: Note[];
  /** false = no weights can be priced for this strategy (e.g. no fine-tuning offer for the generator). */
  feasible: boolean;
  /** The fine-tuning entry answering, if any. */
  fine_tuning: FineTuningEntry | null;
}

export type WeightsModel = (spec: StrategySpec) => Weights;

/** What a cost part contributes to a strategy. */
export interface PartCosts {
  per_query: LineItem[];
  monthly: LineItem[];
  one_time: LineItem[];
  floors: SpendFloor[];
  notes: Note[];
}

export interface CostPart {
  name: string;
  costs(spec: StrategySpec): PartCosts;
  /**
   * Everything `costs` reads (settings sections, or fields of the sections a draw often writes),
   * where that list is short: a re-projection keeps the costs while every element is the same
   * (Object.is; ../reuse.ts). Absent: the costs are computed every time.
   */
  costsRead?(spec: StrategySpec): readonly unknown[];
  /** The catalog ids this part prices from (merged into StrategyResult.models). */
  models(spec: StrategySpec): Partial<StrategyResult['models']>;
  /** The catalog figures this part rests on, for the assumptions list. */
  assumptions(spec: StrategySpec): Assumption[];
  /** Adds the query-embedding, vector-search and rerank stages to every query's latency. */
  retrievesPerQuery: boolean;
}

export function priceTableOf(model: ModelEntry): PriceTable {
  return {
    label: model.id,
    source: pricedBy(model.id, model.source),
    ...pickFields(model, PRICE_TABLE_FIELDS),
    cache_storage_usd_per_1m_per_hour: model.cache_storage_usd_per_1m_per_hour,
    long_context: model.long_context,
  };
}

const UNPRICEABLE: Omit<PriceTable, 'label' | 'source'> = { ...unknownFields(PRICE_TABLE_FIELDS), cache_storage_usd_per_1m_per_hour: null, long_context: null };

/**
 * Price tables by the entries they are read from. A Monte Carlo or a sweep prices the same
 * generator (and fine-tuning offer) tens of thousands of times, and the settings it re-projects
 * share their model entries (src/uncertainty/apply.ts copies only what a draw changes, an entry
 * included). Entries are not modified once a scenario is normalized, and a table is only read.
 */
const baseTables = new WeakMap<ModelEntry, PriceTable>();
const tunedTables = new WeakMap<FineTuningEntry, WeakMap<ModelEntry, PriceTable>>();

function baseTable(model: ModelEntry): PriceTable {
  let table = baseTables.get(model);
  if (table === undefined) baseTables.set(model, (table = priceTableOf(model)));
  return table;
}

function tunedTable(generator: ModelEntry, ft: FineTuningEntry): PriceTable {
  let byGenerator = tunedTables.get(ft);
  if (byGenerator === undefined) tunedTables.set(ft, (byGenerator = new WeakMap()));
  let table = byGenerator.get(generator);
  if (table === undefined) byGenerator.set(generator, (table = fineTunedPrices(baseTable(generator), ft)));
  return table;
}

export const baseWeights: WeightsModel = ({ settings: s }) => ({
  prices: baseTable(s.models.generator.entry),
  notes: [],
  feasible: true,
  fine_tuning: null,
});

export const fineTunedWeights: WeightsModel = ({ settings: s }) => {
  const generator = s.models.generator.entry;
  const ft = s.fine_tuning.entry;
  if (ft === null) {
    return {
      prices: { ...UNPRICEABLE, label: `ft:${generator.id}`, source: pricedBy(`ft:${generator.id}`, { name: 'no fine-tuning entry', as_of: 'unknown' }) },
      notes: [notes.noFineTuning(generator.id)],
      feasible: false,
      fine_tuning: null,
    };
  }
  return { prices: tunedTable(generator, ft), notes: [], feasible: true, fine_tuning: ft };
};

const catalogSource = (inline: boolean, what: string, source: { name: string; as_of: string }) =>
  inline ? `scenario (inline ${what})` : `${source.name}, ${source.as_of}`;

/** Catalog figures of a generator, embedding or reranker model. */
export function modelAssumptions(model: { entry: ModelEntry; inline: boolean }): Assumption[] {
  const e = model.entry;
  const source = catalogSource(model.inline, 'model', e.source);
  const figure = (field: string, value: number | null): Assumption => ({ path: `catalog:${e.id}.${field}`, value, origin: 'catalog', source });
  const out = [figure('input_usd_per_1m', e.input_usd_per_1m)];
  if (e.mode === 'chat') {
    out.push(figure('output_usd_per_1m', e.output_usd_per_1m), figure('cached_input_usd_per_1m', e.cached_input_usd_per_1m), figure('context_window', e.context_window));
  }
  if (e.mode === 'rerank') out.push(figure('rerank_usd_per_search', e.rerank_usd_per_search));
  return out;
}

/**
 * Re-indexing what changed each month (re-embedding, vector writes). A part of its own, listed
 * before retrievalPart (so the monthly items keep their order), because it alone reads the
 * change rate, which a Monte Carlo or a sweep moves at every draw: retrievalPart's costs are
 * then kept (../reuse.ts) and only these two items are made again.
 */
export const reindexingPart: CostPart = {
  name: 'reindexing',
  retrievesPerQuery: false,
  costs: ({ settings }) => ({ per_query: [], monthly: reindexingCosts(settings), one_time: [], floors: [], notes: [] }),
  models: () => ({}),
  assumptions: () => [],
};

export const retrievalPart: CostPart = {
  name: 'retrieval',
  retrievesPerQuery: true,
  costs({ settings }) {
    const r = retrievalCosts(settings);
    return { per_query: r.per_query, monthly: r.monthly, one_time: r.one_time, floors: r.floors, notes: r.notes };
  },
  // retrievalCosts reads the retrieval and model sections, the query's tokens and the corpus (not the change rate).
  costsRead: ({ settings: s }) => [s.retrieval, s.models, s.prompt, s.knowledge.corpus_tokens, s.knowledge.has_corpus],
  models({ settings: s }) {
    const used: Partial<StrategyResult['models']> = {};
    if (s.models.embedding) used.embedding = s.models.embedding.entry.id;
    if (s.models.reranker) used.reranker = s.models.reranker.entry.id;
    used.vector_store = s.retrieval.vector_store.id;
    return used;
  },
  assumptions({ settings: s }) {
    const out = [s.models.embedding, s.models.reranker].filter((m) => m !== null).flatMap(modelAssumptions);
    const v = s.retrieval.vector_store;
    const source = catalogSource(s.retrieval.vector_store_inline, 'vector store', v.source);
    const figure = (field: string, value: number | null): Assumption => ({ path: `catalog:${v.id}.${field}`, value, origin: 'catalog', source });
    out.push(
      figure('monthly_usd', v.monthly_usd),
      figure('storage_usd_per_gb_month', v.storage_usd_per_gb_month),
      figure('read_unit_usd_per_1m', v.read_unit_usd_per_1m),
      figure('minimum_monthly_usd', v.minimum_monthly_usd),
    );
    return out;
  },
};

export const trainingPart: CostPart = {
  name: 'training',
  retrievesPerQuery: false,
  costs({ settings: s }) {
    const ft = s.fine_tuning.entry;
    // Without a fine-tuning offer there is nothing to train; fineTunedWeights says so.
    if (ft === null) return { per_query: [], monthly: [], one_time: [], floors: [], notes: [] };
    const c = fineTuningCosts(s, ft);
    return { per_query: [], monthly: c.monthly, one_time: c.one_time, floors: [], notes: c.notes };
  },
  // fineTuningCosts reads the fine-tuning section only (its entry included).
  costsRead: ({ settings: s }) => [s.fine_tuning],
  models({ settings: s }) {
    return s.fine_tuning.entry ? { fine_tuning: s.fine_tuning.entry.snapshot } : {};
  },
  assumptions({ settings: s }) {
    const ft = s.fine_tuning.entry;
    if (!ft) return [];
    const source = `${ft.source.name}, ${ft.source.as_of}`;
    const figure = (field: string, value: number | null): Assumption => ({ path: `catalog:fine-tuning.${ft.base_model}.${field}`, value, origin: 'catalog', source });
    return [figure('training_usd_per_1m', ft.training_usd_per_1m), figure('input_usd_per_1m', ft.input_usd_per_1m), figure('output_usd_per_1m', ft.output_usd_per_1m)];
  },
};
