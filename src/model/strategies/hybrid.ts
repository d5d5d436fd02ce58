import { HOURS_PER_MONTH } from '../../units.js';
import { fineTunedWeights, reindexingPart, retrievalPart, trainingPart } from './parts.js';
import type { StrategyModel } from './strategy.js';
import { retrievedTokens } from './strategy.js';

/**
 * hybrid: a fine-tuned model (instructions and examples in the weights) fed by retrieval.
 * Its knowledge comes from retrieval, so it retrains only every 6 months by default.
 */
export const hybrid: StrategyModel = {
  kind: 'hybrid',
  weights: fineTunedWeights,
  parts: [reindexingPart, retrievalPart, trainingPart],
  layout({ settings: s }) {
    return {
      static_prefix_tokens: s.prompt.system_tokens,
      dynamic_tokens: retrievedTokens(s) + s.prompt.query_tokens,
      output_tokens: s.prompt.output_tokens,
    };
  },
  defaultRetrainEveryHours: () => 6 * HOURS_PER_MONTH,
  freshness({ settings: s }) {
    if (!s.knowledge.has_corpus) return { hours: 0 };
    // Retrieval carries the changes; the weights only hold behaviour.
    return {
      hours: s.knowledge.publish_every_hours + s.knowledge.indexing_hours,
      levers: { intervals: [{ path: 'knowledge.publish_every', hours: s.knowledge.publish_every_hours }], job: { name: 'indexing', hours: s.knowledge.indexing_hours } },
    };
  },
};
