import { notes } from '../../messages/notes.js';
import { baseWeights } from './parts.js';
import type { StrategyModel } from './strategy.js';

/** prompt_only: system + instructions + examples (+ the whole corpus with knowledge: full) + query. */
export const promptOnly: StrategyModel = {
  kind: 'prompt_only',
  weights: baseWeights,
  parts: [],
  knowledgeModes: ['full', 'none'],
  layout({ settings: s, knowledge_mode }) {
    const corpus = knowledge_mode === 'full' ? s.knowledge.corpus_tokens : 0;
    return {
      static_prefix_tokens: s.prompt.system_tokens + s.prompt.instructions_tokens + s.prompt.examples_tokens + corpus,
      dynamic_tokens: s.prompt.query_tokens,
      output_tokens: s.prompt.output_tokens,
    };
  },
  defaultRetrainEveryHours: () => null,
  freshness({ settings: s, knowledge_mode }) {
    if (!s.knowledge.has_corpus) return { hours: 0 };
    if (knowledge_mode === 'none') return { hours: null, note: notes.neverSeesCorpus() };
    return {
      hours: s.knowledge.publish_every_hours,
      levers: { intervals: [{ path: 'knowledge.publish_every', hours: s.knowledge.publish_every_hours }], job: { name: 'nothing', hours: 0 } },
    };
  },
};
