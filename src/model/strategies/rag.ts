import { baseWeights, reindexingPart, retrievalPart } from './parts.js';
import type { StrategyModel } from './strategy.js';
import { retrievedTokens } from './strategy.js';

/** rag: system + instructions + examples + top_k retrieved chunks + query, on the base model. */
export const rag: StrategyModel = {
  kind: 'rag',
  weights: baseWeights,
  parts: [reindexingPart, retrievalPart],
  layout({ settings: s }) {
    return {
      static_prefix_tokens: s.prompt.system_tokens + s.prompt.instructions_tokens + s.prompt.examples_tokens,
      dynamic_tokens: retrievedTokens(s) + s.prompt.query_tokens,
      output_tokens: s.prompt.output_tokens,
    };
  },
  defaultRetrainEveryHours: () => null,
  freshness({ settings: s }) {
    if (!s.knowledge.has_corpus) return { hours: 0 };
    return {
      hours: s.knowledge.publish_every_hours + s.knowledge.indexing_hours,
      levers: { intervals: [{ path: 'knowledge.publish_every', hours: s.knowledge.publish_every_hours }], job: { name: 'indexing', hours: s.knowledge.indexing_hours } },
    };
  },
};
