/**
 * The scenario "as used": every default applied, every expression evaluated, every token
 * source counted and every catalog id resolved. The model never meets an optional field.
 * (The "as written" form is the zod schema in schema.ts.)
 */
import type { FineTuningEntry, LatencyProfile, ModelEntry, VectorStoreEntry } from '../catalog/types.js';
import type { Assumption, StrategyKind } from '../model/types.js';
import type { Distribution } from '../uncertainty/distributions.js';
import type { FieldRule } from './fields.js';
import type { KnowledgeMode } from './schema.js';

export type LatencyComponent = 'network' | 'embed' | 'search' | 'rerank' | 'prefill' | 'reasoning' | 'decode' | 'queue';

/** A resolved model: the catalog entry with the scenario's overrides applied. */
export interface ResolvedModel {
  entry: ModelEntry;
  /** true when the scenario gave prices inline (no catalog entry, or overrides on one). */
  inline: boolean;
  /** Latency profile: catalog profile with scenario overrides; null = no profile known. */
  latency: LatencyProfile | null;
}

export interface ResolvedReranker {
  entry: ModelEntry;
  inline: boolean;
  /** Median rerank call latency (ms). */
  rerank_ms: number;
}

export interface SelfHostedDeployment {
  kind: 'self_hosted';
  gpu_usd_per_hour: number;
  gpus_per_replica: number;
  concurrency_per_replica: number;
  replicas: 'auto' | number;
  /** Per-request prefill and decode speed of one replica slot. */
  prefill_tokens_per_s: number;
  output_tokens_per_s: number;
}

/** Every section of a scenario, resolved. A strategy variant gets its own copy with its overrides. */
export interface ScenarioSettings {
  horizon_months: number;
  start_month: string; // YYYY-MM
  workload: {
    queries_per_month: number;
    growth_per_month: number; // fraction, compounding
    peak_to_average: number;
    batch_share: number; // fraction
  };
  prompt: {
    system_tokens: number;
    instructions_tokens: number;
    examples_tokens: number;
    query_tokens: number;
    output_tokens: number;
    /** Hidden reasoning per query as the scenario states it; null = the catalog's default for the model. */
    reasoning: { tokens: number } | { effort: string } | null;
  };
  knowledge: {
    /** 0 when the scenario has no corpus. */
    corpus_tokens: number;
    has_corpus: boolean;
    change_per_month: number; // fraction
    publish_every_hours: number;
    /** Time to re-embed and upsert a publish's changes before they are searchable. */
    indexing_hours: number;
    freshness_target_hours: number | null;
  };
  models: {
    generator: ResolvedModel;
    embedding: ResolvedModel | null;
    reranker: ResolvedReranker | null;
    /** Scales token counts for non-OpenAI tokenizers. */
    token_ratio: number;
  };
  retrieval: {
    chunk_tokens: number;
    chunk_overlap_tokens: number;
    top_k: number;
    /** Candidates passed to a per-token reranker. */
    rerank_candidates: number;
    vector_store: VectorStoreEntry;
    vector_store_inline: boolean;
    metadata_bytes: number;
    /** Latency overrides (ms); null = from the catalog. */
    embed_ms: number | null;
    search_ms: number | null;
    rerank_ms: number | null;
  };
  fine_tuning: {
    examples: number;
    tokens_per_example: number;
    /** D: billable tokens of one epoch. */
    dataset_tokens: number;
    epochs: number | 'auto';
    /** null = never retrain; undefined was replaced by the kind's default (docs/model.md §6.3). */
    retrain_every_hours: number | null;
    retrain_every_is_default: boolean;
    curation_usd_per_example: number;
    hosting_usd_per_hour: number | null; // null = the catalog entry's default
    /** The catalog's fine-tuning entry, with any scenario price overrides; null = none known. */
    entry: FineTuningEntry | null;
  };
  caching: {
    enabled: boolean;
    hit_rate: number | 'auto';
    /** Cache lifetime (s): one the provider sells where it sells lifetimes (Anthropic 300 or 3,600). */
    ttl_s: number;
    /** implicit: the provider caches prefixes it sees; explicit: a cache the user creates and keeps (Gemini), billed for storage. */
    mode: 'implicit' | 'explicit';
  };
  one_time: {
    usd_per_engineer_week: number;
    engineer_weeks: Record<StrategyKind, number>;
  };
  latency: {
    network_ms: number;
    /** p95/p50 per component; `default` applies where a component has none. */
    spread: Partial<Record<LatencyComponent, number>> & { default: number | null };
    samples: number;
    seed: number;
    slo_p95_ms: number | null;
    slo_ttft_p95_ms: number | null;
    /** Provider rate limits; null = from the catalog (or unknown). */
    rpm: number | null;
    tpm: number | null;
  };
  deployment: SelfHostedDeployment | null;
}

export interface StrategySpec {
  id: string;
  kind: StrategyKind;
  /** Kinds that declare knowledge modes (prompt_only): whether the whole corpus goes into the prompt. */
  knowledge_mode: KnowledgeMode;
  settings: ScenarioSettings;
}

export interface Scenario {
  version: 1;
  name: string;
  description: string;
  /** The scenario file as the user named it (for messages and output). */
  file: string;
  /** Settings before any strategy override. */
  base: ScenarioSettings;
  strategies: StrategySpec[];
  /** Where every input came from (scenario, default, catalog, command line). */
  assumptions: Assumption[];
  /** True when some token counts are approximations (non-OpenAI tokenizer). */
  approximate_tokens: boolean;
  /**
   * How the numeric inputs were written, so that src/uncertainty/ can re-project the scenario
   * with other values (ranges sampled, a swept input set) without reading a file again.
   */
  inputs?: ScenarioInputs;
}

/** Where one numeric value read from the file went in the settings. */
export interface FieldBinding {
  /** Whose settings hold it: "" = the base settings, else a strategy id. */
  scope: string;
  /** The field: a field path of fields.ts, or a token count ("prompt.system.tokens", "knowledge.corpus.tokens", "fine_tuning.dataset.examples", "fine_tuning.dataset.tokens_per_example"). */
  key: string;
  /** The input it comes from, named by where it is written ("workload.queries_per_month", "strategies.rag.retrieval.top_k"). */
  input: string;
  raw: unknown;
  rule: FieldRule;
}

/** An input written as a range. */
export interface UncertainInput {
  /** Where it is written: a field path, "strategies.<id>.<path>" or "vars.<name>". */
  id: string;
  distribution: Distribution;
  /** Bounds and whole-number rule a draw is clamped to (vars: none). */
  rule: FieldRule | null;
}

export interface ScenarioInputs {
  vars: { raw: Record<string, unknown>; values: Record<string, number>; order: string[] };
  bindings: FieldBinding[];
  uncertain: UncertainInput[];
  /** The `uncertainty` section: draws of the Monte Carlo over inputs and their seed. */
  uncertainty: { samples: number; seed: number };
  /** Settings whose default is derived from another field, per scope (recomputed when that field changes). */
  derived: { scope: string; key: 'retrieval.rerank_candidates' | 'fine_tuning.dataset.tokens_per_example' }[];
}
