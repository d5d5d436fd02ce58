/**
 * Phase 1 of the latency model: the components of one query's end-to-end time (docs/model.md §10),
 * each with its median, its spread (p95/p50) and where the figure came from.
 */
import type { Catalog } from '../../catalog/types.js';
import type { LatencyComponent, ScenarioSettings, StrategySpec } from '../../scenario/types.js';
import type { Note } from '../types.js';
import { notes as messages } from '../../messages/notes.js';
import type { LognormalComponent, QueryShape } from './types.js';

const MS_PER_S = 1000;

interface ComponentsResult {
  /** null = latency unknown (the notes say why); the caller reports latency_ms: null. */
  components: LognormalComponent[] | null;
  /**
   * The components that are known even when the total is not (e.g. prefill and decode of a
   * self-hosted deployment whose vector store has no search latency): enough to size GPUs.
   */
  available: LognormalComponent[];
  notes: Note[];
}

/**
 * The spread of a component: the scenario's per-component value, else its `default`, else
 * the catalog's. Returns null when none of them knows one.
 */
function resolveSpread(
  settings: ScenarioSettings,
  component: LatencyComponent,
  catalogSpread: number | null,
): number | null {
  const s = settings.latency.spread;
  return s[component] ?? s.default ?? catalogSpread;
}

function describeSource(src: { name: string; as_of: string }): string {
  return `${src.name}, ${src.as_of}`;
}

/**
 * Builds the lognormal components of one strategy's query, in the order the simulation adds
 * them (everything in TTFT first, then decode). A self-hosted deployment (settings.deployment
 * non-null) takes its prefill and decode speed from the deployment; its queue is added by
 * `selfHostedLatencyAndCost`.
 */
export function latencyComponents(spec: StrategySpec, shape: QueryShape, catalog: Catalog): ComponentsResult {
  const settings = spec.settings;
  const notes: Note[] = [];
  const components: LognormalComponent[] = [];
  let unknown = false;

  const assumed: string[] = [];
  const spreadOr1 = (component: LatencyComponent, catalogSpread: number | null, why: string): number => {
    const s = resolveSpread(settings, component, catalogSpread);
    if (s !== null) return s;
    assumed.push(`${component} (${why})`);
    return 1;
  };

  components.push({
    kind: 'lognormal',
    name: 'network',
    median_ms: settings.latency.network_ms,
    spread: spreadOr1('network', catalog.defaults.network_spread, 'catalog default'),
    in_ttft: true,
    source: 'latency.network_ms',
  });

  if (shape.retrieval) {
    const r = settings.retrieval;
    const embedModel = settings.models.embedding?.entry.id;
    components.push({
      kind: 'lognormal',
      name: 'embed',
      median_ms: r.embed_ms ?? catalog.defaults.embed_ms,
      spread: spreadOr1('embed', catalog.defaults.embed_spread, 'catalog default'),
      in_ttft: true,
      source:
        r.embed_ms !== null
          ? 'retrieval.embed_ms'
          : `catalog default embedding call${embedModel ? ` (${embedModel})` : ''} (${describeSource(catalog.defaults.source)})`,
    });

    const store = r.vector_store;
    const searchMs = r.search_ms ?? store.search_ms;
    if (searchMs === null) {
      notes.push(messages.searchUnknown(store.id));
      unknown = true;
    } else {
      components.push({
        kind: 'lognormal',
        name: 'search',
        median_ms: searchMs,
        spread: spreadOr1('search', store.search_spread, `vector store ${store.id}`),
        in_ttft: true,
        source: r.search_ms !== null ? 'retrieval.search_ms' : `catalog ${store.id} (${describeSource(store.source)})`,
      });
    }

    const reranker = settings.models.reranker;
    if (reranker !== null) {
      components.push({
        kind: 'lognormal',
        name: 'rerank',
        median_ms: r.rerank_ms ?? reranker.rerank_ms,
        spread: spreadOr1('rerank', catalog.defaults.rerank_spread, 'catalog default'),
        in_ttft: true,
        source: r.rerank_ms !== null ? 'retrieval.rerank_ms' : `reranker ${reranker.entry.id}`,
      });
    }
  }

  const cached = Math.min(Math.max(0, shape.cached_input_tokens), shape.input_tokens);
  const uncached = Math.max(0, shape.input_tokens - cached);
  const decodeTokens = Math.max(0, shape.output_tokens - 1); // the first token comes out of prefill
  const generator = settings.models.generator;
  const deployment = settings.deployment;
  if (shape.reasoning_tokens === null) {
    // Cost and latency share one reasoning figure: unknown for one is unknown for both.
    notes.push(messages.latencyReasoningUnknown(generator.entry.id));
    return { components: null, available: components, notes };
  }
  const reasoningTokens = shape.reasoning_tokens;

  if (deployment !== null) {
    // Self-hosted: per-request speeds of one replica slot. No provider overhead is published,
    // so TTFT is the prompt's prefill plus one decode step for the first token.
    const speedup = generator.latency?.cached_prefill_speedup ?? 1;
    const prefillMs =
      (uncached / deployment.prefill_tokens_per_s) * MS_PER_S +
      (cached / (deployment.prefill_tokens_per_s * speedup)) * MS_PER_S +
      (shape.output_tokens > 0 ? MS_PER_S / deployment.output_tokens_per_s : 0);
    const src = `deployment (${generator.entry.id}, self-hosted)`;
    components.push({
      kind: 'lognormal',
      name: 'prefill',
      median_ms: prefillMs,
      spread: spreadOr1('prefill', null, 'self-hosted deployment'),
      in_ttft: true,
      source: `${src}: ${shape.input_tokens} input tokens at ${deployment.prefill_tokens_per_s} tok/s`,
    });
    if (reasoningTokens > 0) {
      components.push({
        kind: 'lognormal',
        name: 'reasoning',
        median_ms: (reasoningTokens / deployment.output_tokens_per_s) * MS_PER_S,
        spread: spreadOr1('reasoning', null, 'self-hosted deployment'),
        in_ttft: true,
        source: `${src}: ${Math.round(reasoningTokens)} reasoning tokens at ${deployment.output_tokens_per_s} tok/s`,
      });
    }
    components.push({
      kind: 'lognormal',
      name: 'decode',
      median_ms: (decodeTokens / deployment.output_tokens_per_s) * MS_PER_S,
      spread: spreadOr1('decode', null, 'self-hosted deployment'),
      in_ttft: false,
      source: `${src}: ${decodeTokens} tokens at ${deployment.output_tokens_per_s} tok/s`,
    });
  } else {
    const profile = generator.latency;
    if (profile === null) {
      notes.push(messages.noProfile(generator.entry.id));
      return { components: null, available: components, notes };
    }
    if (profile.weak) notes.push(messages.profileWeak(profile.model, describeSource(profile.source)));
    const src = `${profile.model} latency profile (${describeSource(profile.source)})`;
    const prefillSpreadOverride = resolveSpread(settings, 'prefill', null);
    components.push({
      kind: 'lognormal',
      name: 'prefill',
      part: 'published_ttft',
      median_ms: profile.ttft_ms,
      spread: prefillSpreadOverride ?? profile.spread.ttft,
      in_ttft: true,
      source: `${src}: published TTFT`,
    });
    components.push({
      kind: 'lognormal',
      name: 'prefill',
      part: 'tokens',
      median_ms:
        (uncached / profile.prefill_tokens_per_s) * MS_PER_S +
        (cached / (profile.prefill_tokens_per_s * profile.cached_prefill_speedup)) * MS_PER_S,
      spread: prefillSpreadOverride ?? profile.spread.prefill,
      in_ttft: true,
      source: `${src}: ${uncached} uncached + ${cached} cached input tokens at ${profile.prefill_tokens_per_s} tok/s (cached ×${profile.cached_prefill_speedup})`,
    });
    if (reasoningTokens > 0) {
      // Hidden reasoning is decoded before the first visible token, at the model's output speed.
      components.push({
        kind: 'lognormal',
        name: 'reasoning',
        median_ms: (reasoningTokens / profile.output_tokens_per_s) * MS_PER_S,
        spread: spreadOr1('reasoning', profile.spread.decode, 'latency profile decode spread'),
        in_ttft: true,
        source: `${src}: ${Math.round(reasoningTokens)} reasoning tokens at ${profile.output_tokens_per_s} tok/s`,
      });
    }
    components.push({
      kind: 'lognormal',
      name: 'decode',
      median_ms: (decodeTokens / profile.output_tokens_per_s) * MS_PER_S,
      spread: spreadOr1('decode', profile.spread.decode, 'latency profile'),
      in_ttft: false,
      source: `${src}: ${decodeTokens} tokens at ${profile.output_tokens_per_s} tok/s`,
    });
  }

  if (assumed.length > 0) notes.push(messages.spreadAssumed(assumed));
  return { components: unknown ? null : components, available: components, notes };
}
