/**
 * One interface, one file per strategy kind, one registry (index.ts). Shared code never
 * branches on the kind: each strategy declares what differs — its prompt layout, whose weights
 * answer (and so its price table), the cost parts it owns (retrieval, training), its retraining
 * default, the knowledge modes it accepts and its freshness rule. Adding a kind is one new file
 * and one line in the registry (and its name in STRATEGY_KINDS, which the compiler then
 * enforces here).
 */
import type { ScenarioSettings, StrategySpec } from '../../scenario/types.js';
import type { QueryTokens } from '../inference.js';
import type { Note, StrategyKind } from '../types.js';
import type { CostPart, WeightsModel } from './parts.js';

export interface Freshness {
  /** Worst-case staleness of an answer (hours); null = never sees corpus changes. */
  hours: number | null;
  note?: Note;
  /**
   * How `hours` is made, for a missed target's "what it would take": the longest of the
   * `intervals` (each a cadence the scenario sets) plus a fixed `job` (indexing, training).
   */
  levers?: FreshnessLevers;
}

export interface FreshnessLevers {
  intervals: { path: string; hours: number }[];
  job: { name: string; hours: number };
}

export interface StrategyModel {
  kind: StrategyKind;
  /** What one query sends (docs/model.md §3). */
  layout(spec: StrategySpec): QueryTokens;
  /** Whose weights answer a query, and so the price table of every query's tokens. */
  weights: WeightsModel;
  /** The costs it owns besides answering: retrieval, training (parts.ts). */
  parts: readonly CostPart[];
  /** Default retrain cadence (hours); null = never. Read by normalize for fine_tuning.retrain_every. */
  defaultRetrainEveryHours(s: ScenarioSettings): number | null;
  /** The `knowledge: full | none` modes a scenario may give this kind; undefined = it takes a knowledge section only. */
  knowledgeModes?: readonly StrategySpec['knowledge_mode'][];
  /** Worst-case staleness of an answer (docs/model.md §8). */
  freshness(spec: StrategySpec): Freshness;
  /** What to say about how it carries the knowledge base (fine_tuning: in its weights, §6.7). */
  knowledgeNotes?(spec: StrategySpec): Note[];
}

/** Retrieved tokens: top_k chunks, or fewer when the corpus has fewer. */
export function retrievedTokens(s: ScenarioSettings): number {
  if (!s.knowledge.has_corpus) return 0;
  const stride = s.retrieval.chunk_tokens - s.retrieval.chunk_overlap_tokens;
  const chunks = Math.ceil(s.knowledge.corpus_tokens / stride);
  return Math.min(s.retrieval.top_k, chunks) * s.retrieval.chunk_tokens;
}
