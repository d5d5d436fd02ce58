/**
 * docs/model.md §6: fine-tuning costs of fine_tuning and hybrid.
 *   dataset tokens D = examples × tokens_per_example (or counted from a chat JSONL file)
 *   epochs auto: 3; min(25, floor(100/examples)) when examples·3 < 100;
 *                max(1, floor(25000/examples)) when examples·3 > 25000 (OpenAI cookbook)
 *   one run = D · epochs · training price (or training hours × hourly price for RFT)
 *   runs per month = 730 h / retrain_every (0 for never); the first run is one-time
 *   curation: examples · curation_usd_per_example, one-time; hosting: usd_per_hour · 730 a month
 */
import { FINE_TUNED_PRICE_FIELDS, pickFields } from '../catalog/model-fields.js';
import type { FineTuningEntry } from '../catalog/types.js';
import type { ScenarioSettings } from '../scenario/types.js';
import { HOURS_PER_MONTH, perToken } from '../units.js';
import type { PriceTable } from './inference.js';
import { lineItem, pricedBy } from './line-items.js';
import { notes } from '../messages/notes.js';
import type { LineItem, Note } from './types.js';

const MIN_RECOMMENDED_EXAMPLES = 500;

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

interface FineTuningCosts {
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
    lineItem({ id: 'training.initial_run', name: `Initial training run (${epochs} epochs)`, category: 'training', period: 'one_time', unit: run.unit, quantity: run.quantity, unit_price_usd: run.price, source: src }),
  ];
  if (ft.curation_usd_per_example > 0) {
    oneTime.push(lineItem({ id: 'curation.dataset', name: 'Dataset curation', category: 'curation', period: 'one_time', unit: 'examples', quantity: ft.examples, unit_price_usd: ft.curation_usd_per_example, source: 'scenario' }));
  }
  const monthly: LineItem[] = [];
  if (runsPerMonth > 0) {
    monthly.push(lineItem({ id: 'training.retraining', name: 'Retraining runs', category: 'training', period: 'monthly', unit: 'runs', quantity: runsPerMonth, unit_price_usd: runCost, source: src }));
  }
  const hosting = ft.hosting_usd_per_hour ?? entry.hosting_usd_per_hour;
  if (hosting > 0) {
    const hostingSrc = ft.hosting_usd_per_hour === null ? src : 'scenario';
    monthly.push(lineItem({ id: 'hosting.fine_tuned', name: 'Fine-tuned deployment hosting', category: 'hosting', period: 'monthly', unit: 'hours', quantity: HOURS_PER_MONTH, unit_price_usd: hosting, source: hostingSrc }));
  }
  return { monthly, one_time: oneTime, notes: out, epochs, runs_per_month: runsPerMonth, training_hours: entry.training_hours };
}

/** The price table of the fine-tuned model (inference on the tuned weights). */
export function fineTunedPrices(base: PriceTable, entry: FineTuningEntry): PriceTable {
  return {
    label: `ft:${entry.snapshot}`,
    source: ftSource(entry),
    ...pickFields(entry, FINE_TUNED_PRICE_FIELDS),
    // OpenAI bills fine-tuned cache writes at the input price (no write premium), in batch too.
    cache_write_usd_per_1m: null,
    cache_write_1h_usd_per_1m: null,
    batch_cache_write_usd_per_1m: null,
    batch_cache_write_1h_usd_per_1m: null,
    cache_storage_usd_per_1m_per_hour: null,
    // Fine-tuned OpenAI models have no long-context tier of their own.
    long_context: null,
    context_window: entry.context_window ?? base.context_window,
    max_output_tokens: entry.max_output_tokens ?? base.max_output_tokens,
    total_window_tokens: entry.context_window ?? base.total_window_tokens,
    min_cacheable_tokens: base.min_cacheable_tokens,
  };
}
