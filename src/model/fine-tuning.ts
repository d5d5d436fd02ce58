/**
 * SPEC §4.4: fine-tuning costs of fine_tuning and hybrid.
 *   dataset tokens D = examples × tokens_per_example (or counted from a chat JSONL file)
 *   epochs auto: 3; min(25, floor(100/examples)) when examples·3 < 100;
 *                max(1, floor(25000/examples)) when examples·3 > 25000 (OpenAI cookbook)
 *   one run = D · epochs · training price (or training hours × hourly price for RFT)
 *   runs per month = 730 h / retrain_every (0 for never); the first run is one-time
 *   curation: examples · curation_usd_per_example, one-time; hosting: usd_per_hour · 730 a month
 */
import type { FineTuningEntry } from '../catalog/types.js';
import type { ScenarioSettings } from '../scenario/types.js';
import { HOURS_PER_MONTH, perToken } from '../units.js';
import type { PriceTable } from './inference.js';
import { lineItem, pricedBy } from './line-items.js';
import { notes } from './messages.js';
import type { LineItem, Note } from './types.js';

export const MIN_RECOMMENDED_EXAMPLES = 500;

/** OpenAI cookbook default-epochs heuristic (examples/Chat_finetuning_data_prep.ipynb). */
export function autoEpochs(examples: number): number {
  const TARGET_EPOCHS = 3;
  const MIN_TARGET_EXAMPLES = 100;
  const MAX_TARGET_EXAMPLES = 25000;
  const MIN_DEFAULT_EPOCHS = 1;
  const MAX_DEFAULT_EPOCHS = 25;
  if (examples * TARGET_EPOCHS < MIN_TARGET_EXAMPLES) {
    return Math.min(MAX_DEFAULT_EPOCHS, Math.floor(MIN_TARGET_EXAMPLES / examples));
  }
  if (examples * TARGET_EPOCHS > MAX_TARGET_EXAMPLES) {
    return Math.max(MIN_DEFAULT_EPOCHS, Math.floor(MAX_TARGET_EXAMPLES / examples));
  }
  return TARGET_EPOCHS;
}

export interface FineTuningCosts {
  monthly: LineItem[];
  one_time: LineItem[];
  notes: Note[];
  epochs: number;
  runs_per_month: number;
  training_hours: number;
}

const ftSource = (e: FineTuningEntry) => pricedBy(`fine-tuning ${e.base_model}`, e.source);

export function fineTuningCosts(s: ScenarioSettings, entry: FineTuningEntry): FineTuningCosts {
  const ft = s.fine_tuning;
  const out: Note[] = [];
  const epochs = ft.epochs === 'auto' ? autoEpochs(ft.examples) : ft.epochs;
  if (ft.epochs === 'auto') out.push(notes.epochsAuto(ft.examples, epochs));
  if (ft.examples < MIN_RECOMMENDED_EXAMPLES) out.push(notes.fewExamples(ft.examples));

  const src = ftSource(entry);
  const trainedTokens = ft.dataset_tokens * epochs;
  const run =
    entry.training_usd_per_hour !== null && entry.training_usd_per_1m === null
      ? { unit: 'training hours', quantity: entry.training_hours, price: entry.training_usd_per_hour }
      : { unit: 'trained tokens', quantity: trainedTokens, price: entry.training_usd_per_1m === null ? null : perToken(entry.training_usd_per_1m) };
  const runCost = run.price === null ? null : run.quantity * run.price;
  const runsPerMonth = ft.retrain_every_hours === null ? 0 : HOURS_PER_MONTH / ft.retrain_every_hours;

  const oneTime: LineItem[] = [
    lineItem(`Initial training run (${epochs} epochs)`, 'training', 'one_time', run.unit, run.quantity, run.price, src),
  ];
  if (ft.curation_usd_per_example > 0) {
    oneTime.push(lineItem('Dataset curation', 'curation', 'one_time', 'examples', ft.examples, ft.curation_usd_per_example, 'scenario'));
  }
  const monthly: LineItem[] = [];
  if (runsPerMonth > 0) {
    monthly.push(lineItem('Retraining runs', 'training', 'monthly', 'runs', runsPerMonth, runCost, src));
  }
  const hosting = ft.hosting_usd_per_hour ?? entry.hosting_usd_per_hour;
  if (hosting > 0) {
    const hostingSrc = ft.hosting_usd_per_hour === null ? src : 'scenario';
    monthly.push(lineItem('Fine-tuned deployment hosting', 'hosting', 'monthly', 'hours', HOURS_PER_MONTH, hosting, hostingSrc));
  }
  return { monthly, one_time: oneTime, notes: out, epochs, runs_per_month: runsPerMonth, training_hours: entry.training_hours };
}

/** The price table of the fine-tuned model (inference on the tuned weights). */
export function fineTunedPrices(base: PriceTable, entry: FineTuningEntry): PriceTable {
  return {
    label: `ft:${entry.snapshot}`,
    source: ftSource(entry),
    input_usd_per_1m: entry.input_usd_per_1m,
    output_usd_per_1m: entry.output_usd_per_1m,
    cached_input_usd_per_1m: entry.cached_input_usd_per_1m,
    // OpenAI bills fine-tuned cache writes at the input price (no write premium).
    cache_write_usd_per_1m: null,
    cache_write_1h_usd_per_1m: null,
    cache_storage_usd_per_1m_per_hour: null,
    batch_input_usd_per_1m: entry.batch_input_usd_per_1m,
    batch_output_usd_per_1m: entry.batch_output_usd_per_1m,
    // The fine-tuning catalog holds no batch cached-input price: batch requests get no cache discount.
    batch_cached_input_usd_per_1m: null,
    batch_cache_write_usd_per_1m: null,
    batch_cache_write_1h_usd_per_1m: null,
    // Fine-tuned OpenAI models have no long-context tier of their own.
    long_context: null,
    context_window: entry.context_window ?? base.context_window,
    max_output_tokens: entry.max_output_tokens ?? base.max_output_tokens,
    total_window_tokens: entry.context_window ?? base.total_window_tokens,
    min_cacheable_tokens: base.min_cacheable_tokens,
  };
}
