import { notes } from '../../messages/notes.js';
import { fineTunedWeights, trainingPart } from './parts.js';
import type { StrategyModel } from './strategy.js';

/**
 * fine_tuning: system + query; instructions, examples and knowledge live in the weights.
 * It retrains every publish by default, so it stays as fresh as the corpus (docs/model.md §6.3).
 */
export const fineTuning: StrategyModel = {
  kind: 'fine_tuning',
  weights: fineTunedWeights,
  parts: [trainingPart],
  layout({ settings: s }) {
    return {
      static_prefix_tokens: s.prompt.system_tokens,
      dynamic_tokens: s.prompt.query_tokens,
      output_tokens: s.prompt.output_tokens,
    };
  },
  // Retraining follows the knowledge base's publishes; with no knowledge base there is nothing
  // new to learn, so a tuned model is trained once (retrain_every: never) unless the scenario says.
  // The weights are the only place the corpus lives: a dataset smaller than the corpus cannot
  // hold all of it (docs/model.md §6.7). hybrid retrieves its knowledge, so it has no such rule.
  knowledgeNotes({ settings: s }) {
    const corpus = s.knowledge.corpus_tokens;
    const dataset = s.fine_tuning.dataset_tokens;
    return s.knowledge.has_corpus && dataset < corpus ? [notes.datasetSmallerThanCorpus(dataset, corpus)] : [];
  },
  defaultRetrainEveryHours: (s) => (s.knowledge.has_corpus ? s.knowledge.publish_every_hours : null),
  freshness({ settings: s }) {
    if (!s.knowledge.has_corpus) return { hours: 0 };
    const every = s.fine_tuning.retrain_every_hours;
    if (every === null) return { hours: null, note: notes.neverRetrained() };
    // A change waits for the next publish or retraining, whichever is later, then for the job.
    const trainingHours = s.fine_tuning.entry?.training_hours ?? 0;
    return {
      hours: Math.max(s.knowledge.publish_every_hours, every) + trainingHours,
      levers: {
        intervals: [
          { path: 'knowledge.publish_every', hours: s.knowledge.publish_every_hours },
          { path: 'fine_tuning.retrain_every', hours: every },
        ],
        job: { name: 'a training job', hours: trainingHours },
      },
    };
  },
};
