/**
 * One interface, one file per strategy kind. Shared code never branches on the kind: each
 * strategy declares what differs — its prompt layout, whether it retrieves, whose weights
 * answer, its retraining default and its freshness.
 */
import type { ScenarioSettings, StrategySpec } from '../../scenario/types.js';
import type { QueryTokens } from '../inference.js';
import type { Note, StrategyKind } from '../types.js';

export interface FreshnessInputs {
  /** Wall-clock time of one fine-tuning job (hours). */
  training_hours: number;
}

export interface Freshness {
  /** Worst-case staleness of an answer (hours); null = never sees corpus changes. */
  hours: number | null;
  note?: Note;
}

export interface StrategyModel {
  kind: StrategyKind;
  /** SPEC §2: what one query sends. */
  layout(spec: StrategySpec): QueryTokens;
  usesRetrieval: boolean;
  /** Answers with fine-tuned weights (priced from the fine-tuning entry; trains). */
  usesFineTunedWeights: boolean;
  /** SPEC §4.4 default retrain cadence (hours); null = never. Only read when usesFineTunedWeights. */
  defaultRetrainEveryHours(s: ScenarioSettings): number | null;
  /** The `knowledge: full | none` modes a scenario may give this kind; undefined = it takes a knowledge section only. */
  knowledgeModes?: readonly StrategySpec['knowledge_mode'][];
  /** SPEC §4.5 freshness. */
  freshness(spec: StrategySpec, inputs: FreshnessInputs): Freshness;
}

/** Retrieved tokens: top_k chunks, or fewer when the corpus has fewer. */
export function retrievedTokens(s: ScenarioSettings): number {
  if (!s.knowledge.has_corpus) return 0;
  const stride = s.retrieval.chunk_tokens - s.retrieval.chunk_overlap_tokens;
  const chunks = Math.ceil(s.knowledge.corpus_tokens / stride);
  return Math.min(s.retrieval.top_k, chunks) * s.retrieval.chunk_tokens;
}
