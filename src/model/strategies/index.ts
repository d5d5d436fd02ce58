import type { StrategyKind } from '../types.js';
import { fineTuning } from './fine-tuning.js';
import { hybrid } from './hybrid.js';
import { promptOnly } from './prompt-only.js';
import { rag } from './rag.js';
import type { StrategyModel } from './strategy.js';

/** A missing kind is a compile error here. */
export const STRATEGY_MODELS: Record<StrategyKind, StrategyModel> = {
  prompt_only: promptOnly,
  rag,
  fine_tuning: fineTuning,
  hybrid,
};

export type { StrategyModel } from './strategy.js';
