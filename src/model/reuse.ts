/**
 * What a re-projection of one strategy takes from its previous one (docs/model.md §16.3).
 *
 * A Monte Carlo over inputs, a sweep or a sensitivity analysis (src/uncertainty/project.ts)
 * projects the same strategy thousands of times, each time with a few numbers moved (volume,
 * change rate, …), mostly in one cold process where every line executed and every object
 * allocated counts. Most of a strategy's projection depends on none of those numbers: its query
 * layout, its price table and pricing plan, its engineering item, its freshness, its latency
 * components and latency distribution. A StrategyReuse keeps, for each such step, the inputs of
 * its last call and what it gave; a later call whose inputs are all the same gets that result
 * back instead of computing it again, and any other call computes it (and keeps the new one).
 *
 * Inputs are compared, never assumed fixed: a settings section by identity, a number with
 * Object.is. Identity is enough because settings are never modified once normalized and a
 * re-projected scenario is a copy made on write (src/uncertainty/apply.ts copies exactly the
 * sections a draw writes, each time), so a section that is the same object holds the same
 * values; a section a draw writes is a new object and misses. The few fields read from the
 * sections most draws write (workload, knowledge) are compared one by one, so a draw that moves
 * the volume still reuses the layout. What a step reads is listed beside its key below;
 * tests/uncertainty/reuse.test.ts moves every input of every bundled scenario up and down with
 * a warm StrategyReuse and checks the result against a fresh one's (which computes every step),
 * bit for bit.
 *
 * Only for simulateStrategy's totals-only path (details and monthCategories false): there no
 * line item is written after it is made, so a kept item can be handed out again. A cost part
 * that declares what its costs read (CostPart.costsRead: training reads the fine-tuning section;
 * retrieval the retrieval and model sections, the prompt and the corpus size, not the change
 * rate, whose items are the re-indexing part's) is kept the same way.
 */
import type { Catalog } from '../catalog/types.js';
import type { ScenarioSettings, StrategySpec } from '../scenario/types.js';
import type { ExplicitCache, InferencePlan, QueryTokens } from './inference.js';
import { latencyComponents } from './latency/components.js';
import { simulateLatency } from './latency/simulate.js';
import type { ComponentModel, QueryShape, SimulatedLatency, SimulationOptions } from './latency/types.js';
import type { LineItem, Note } from './types.js';
import type { CostPart, PartCosts } from './strategies/parts.js';

/**
 * simulateStrategy's steps that neither the volume nor the change rate moves (layout, weights,
 * reasoning, inference plan, explicit cache, engineering, freshness), as simulateStrategy forms
 * them. The plan's hit rates are month 1's, so the front is kept with them and compared on them
 * too (StrategyReuse.front).
 */
export interface Front {
  tokens: QueryTokens;
  /** The strategy embeds, searches (and reranks) before every query. */
  retrieves: boolean;
  /** Worst-case staleness (hours; null = never fresh), its notes, and whether the freshness target is met. */
  freshness: { hours: number | null; notes: Note[]; meets: boolean };
  reasoning: { tokens: number | null; how: string };
  plan: InferencePlan;
  /** Average cached input tokens of an interactive query at month 1's hit rates (the latency model's input). */
  cachedInputTokens: number;
  /** The per-query inference items at month 1's hit rates (none for a self-hosted model). */
  inferenceItems: LineItem[];
  explicitCache: ExplicitCache;
  /** The engineering effort item (one-time), null with no engineer-weeks. */
  engineering: LineItem | null;
  /** The notes of these steps, in simulateStrategy's order. */
  notes: Note[];
  /** false when the weights or the plan cannot serve the strategy. */
  feasible: boolean;
}

/** What the front reads, compared on the next call (sections by identity, numbers by value). */
interface FrontKey {
  kind: StrategySpec['kind'];
  knowledge_mode: StrategySpec['knowledge_mode'];
  prompt: ScenarioSettings['prompt'];
  models: ScenarioSettings['models'];
  retrieval: ScenarioSettings['retrieval'];
  fine_tuning: ScenarioSettings['fine_tuning'];
  caching: ScenarioSettings['caching'];
  one_time: ScenarioSettings['one_time'];
  deployment: ScenarioSettings['deployment'];
  // From knowledge: what a layout reads (prompt_only stuffs the corpus; retrieval caps top_k by
  // it) and what freshness reads (cadence, indexing time, target); not the change rate.
  corpus_tokens: number;
  has_corpus: boolean;
  publish_every_hours: number;
  indexing_hours: number;
  freshness_target_hours: number | null;
  // From workload: the plan's batch share (its volume enters only through the hit rates).
  batch_share: number;
}

function frontKey(spec: StrategySpec): FrontKey {
  const s = spec.settings;
  return {
    kind: spec.kind,
    knowledge_mode: spec.knowledge_mode,
    prompt: s.prompt,
    models: s.models,
    retrieval: s.retrieval,
    fine_tuning: s.fine_tuning,
    caching: s.caching,
    one_time: s.one_time,
    deployment: s.deployment,
    corpus_tokens: s.knowledge.corpus_tokens,
    has_corpus: s.knowledge.has_corpus,
    publish_every_hours: s.knowledge.publish_every_hours,
    indexing_hours: s.knowledge.indexing_hours,
    freshness_target_hours: s.knowledge.freshness_target_hours,
    batch_share: s.workload.batch_share,
  };
}

function sameFrontKey(a: FrontKey, spec: StrategySpec): boolean {
  const s = spec.settings;
  return (
    a.kind === spec.kind &&
    a.knowledge_mode === spec.knowledge_mode &&
    a.prompt === s.prompt &&
    a.models === s.models &&
    a.retrieval === s.retrieval &&
    a.fine_tuning === s.fine_tuning &&
    a.caching === s.caching &&
    a.one_time === s.one_time &&
    a.deployment === s.deployment &&
    Object.is(a.corpus_tokens, s.knowledge.corpus_tokens) &&
    a.has_corpus === s.knowledge.has_corpus &&
    Object.is(a.publish_every_hours, s.knowledge.publish_every_hours) &&
    Object.is(a.indexing_hours, s.knowledge.indexing_hours) &&
    Object.is(a.freshness_target_hours, s.knowledge.freshness_target_hours) &&
    Object.is(a.batch_share, s.workload.batch_share)
  );
}

/** What latencyComponents reads: the sections by identity, the query's shape by value. */
interface ComponentsKey {
  latency: ScenarioSettings['latency'];
  retrieval: ScenarioSettings['retrieval'];
  models: ScenarioSettings['models'];
  deployment: ScenarioSettings['deployment'];
  catalog: Catalog;
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  reasoning_tokens: number | null;
  retrieves: boolean;
}

function sameComponentsKey(a: ComponentsKey, spec: StrategySpec, shape: QueryShape, catalog: Catalog): boolean {
  const s = spec.settings;
  return (
    a.latency === s.latency &&
    a.retrieval === s.retrieval &&
    a.models === s.models &&
    a.deployment === s.deployment &&
    a.catalog === catalog &&
    Object.is(a.input_tokens, shape.input_tokens) &&
    Object.is(a.cached_input_tokens, shape.cached_input_tokens) &&
    Object.is(a.output_tokens, shape.output_tokens) &&
    Object.is(a.reasoning_tokens, shape.reasoning_tokens) &&
    a.retrieves === shape.retrieval
  );
}

/** The latency steps a StrategyReuse can answer (src/model/latency/index.ts asks it). */
export interface LatencyReuse {
  components(spec: StrategySpec, shape: QueryShape, catalog: Catalog): ReturnType<typeof latencyComponents>;
  simulated(components: readonly ComponentModel[], opts: SimulationOptions): SimulatedLatency;
}

/** One strategy's last front, latency components and latency distribution (see the file's comment). */
export class StrategyReuse implements LatencyReuse {
  private frontAt: { key: FrontKey; front: Front } | null = null;
  private componentsAt: { key: ComponentsKey; built: ReturnType<typeof latencyComponents> } | null = null;
  private latencyAt: { components: readonly ComponentModel[]; samples: number; seed: number; cdf: boolean; result: SimulatedLatency } | null = null;
  /** Each cost part's last costs, by its place in the strategy's parts, with what they read. */
  private readonly partsAt: ({ read: readonly unknown[]; costs: PartCosts } | undefined)[] = [];

  /** The costs of the strategy's `index`-th part: the last ones while everything they read is the same. */
  partCosts(index: number, part: CostPart, spec: StrategySpec): PartCosts {
    if (part.costsRead === undefined) return part.costs(spec);
    const read = part.costsRead(spec);
    const at = this.partsAt[index];
    if (at !== undefined && at.read.length === read.length && at.read.every((x, i) => Object.is(x, read[i]))) return at.costs;
    const costs = part.costs(spec);
    this.partsAt[index] = { read, costs };
    return costs;
  }

  /**
   * The front of `spec`: the last one when it read the same inputs and month 1's hit rates are
   * the same doubles (`ratesAt` gives them for the plan's traffic fractions, which the other
   * inputs decide), else `build`'s.
   */
  front(spec: StrategySpec, ratesAt: (fractions: InferencePlan['fractions']) => InferencePlan['rates'], build: () => Front): Front {
    const at = this.frontAt;
    if (at !== null && sameFrontKey(at.key, spec)) {
      const plan = at.front.plan;
      const rates = ratesAt(plan.fractions);
      if (Object.is(rates[0], plan.rates[0]) && Object.is(rates[1], plan.rates[1])) return at.front;
    }
    const front = build();
    this.frontAt = { key: frontKey(spec), front };
    return front;
  }

  components(spec: StrategySpec, shape: QueryShape, catalog: Catalog): ReturnType<typeof latencyComponents> {
    const at = this.componentsAt;
    if (at !== null && sameComponentsKey(at.key, spec, shape, catalog)) return at.built;
    const built = latencyComponents(spec, shape, catalog);
    const s = spec.settings;
    this.componentsAt = {
      key: {
        latency: s.latency,
        retrieval: s.retrieval,
        models: s.models,
        deployment: s.deployment,
        catalog,
        input_tokens: shape.input_tokens,
        cached_input_tokens: shape.cached_input_tokens,
        output_tokens: shape.output_tokens,
        reasoning_tokens: shape.reasoning_tokens,
        retrieves: shape.retrieval,
      },
      built,
    };
    return built;
  }

  /**
   * simulateLatency of the same components array (the one `components` kept) with the same
   * samples, seed and CDF choice gives the same result: no need to form its cache key.
   */
  simulated(components: readonly ComponentModel[], opts: SimulationOptions): SimulatedLatency {
    const at = this.latencyAt;
    const cdf = opts.cdf ?? true;
    if (at !== null && at.components === components && at.samples === opts.samples && Object.is(at.seed, opts.seed) && at.cdf === cdf) return at.result;
    const result = simulateLatency(components, opts);
    this.latencyAt = { components, samples: opts.samples, seed: opts.seed, cdf, result };
    return result;
  }
}
