import { notes } from '../messages.js';
import type { StrategyModel } from './strategy.js';

/**
 * fine_tuning: system + query; instructions, examples and knowledge live in the weights.
 * It retrains every publish by default, so it stays as fresh as the corpus (SPEC §4.4).
 */
export const fineTuning: StrategyModel = {
  kind: 'fine_tuning',
  usesRetrieval: false,
  usesFineTunedWeights: true,
  layout({ settings: s }) {
    return {
      static_prefix_tokens: s.prompt.system_tokens,
      dynamic_tokens: s.prompt.query_tokens,
      output_tokens: s.prompt.output_tokens,
    };
  },
  defaultRetrainEveryHours: (s) => s.knowledge.publish_every_hours,
  freshness({ settings: s }, { training_hours }) {
    if (!s.knowledge.has_corpus) return { hours: 0 };
    const every = s.fine_tuning.retrain_every_hours;
    if (every === null) return { hours: null, note: notes.neverRetrained() };
    return { hours: Math.max(s.knowledge.publish_every_hours, every) + training_hours };
  },
};
