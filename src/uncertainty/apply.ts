/**
 * Re-projecting without the disk: a normalized scenario with some inputs set to other values
 * (a draw of the uncertain inputs, a point of a sweep). Normalization recorded where every
 * numeric value went (Scenario.inputs); here those values are replaced in a copy of the
 * settings, the vars that depend on a changed var are evaluated again, and the defaults
 * derived from a changed field follow it. Nothing is read or counted again.
 *
 * Pure: the scenario passed in is never modified.
 */
import { STRATEGY_MODELS } from '../model/strategies/index.js';
import { problemText, type Worded } from '../messages/problems.js';
import { checkBounds, clampToRule, valueKind } from '../scenario/read-field.js';
import type { FieldBinding, Scenario, ScenarioInputs, ScenarioSettings } from '../scenario/types.js';
import { parseRange, parseValue, rangeForm, referencedNames } from '../scenario/values.js';
import { fitRange } from './distributions.js';

/** Input id ("workload.queries_per_month", "vars.daily_chats", …) → the value to use. */
type InputValues = ReadonlyMap<string, number>;

/** A library caller's mistake (an unknown input, a sweep axis that cannot be swept), worded by the problem catalog. */
export class InputError extends Error {
  constructor(readonly text: Worded) {
    super(text.message);
  }
}

/** The ids a scenario's inputs can be set by: every field written or defaulted, and every var. */
export function inputIds(inputs: ScenarioInputs): string[] {
  const ids = new Set<string>();
  for (const name of inputs.vars.order) ids.add(`vars.${name}`);
  for (const b of inputs.bindings) ids.add(b.input);
  return [...ids];
}

/** The base value of an input (what the projection used). */
export function baseValue(scenario: Scenario, id: string): number | null {
  const inputs = scenario.inputs;
  if (!inputs) return null;
  if (id.startsWith('vars.')) return inputs.vars.values[id.slice(5)] ?? null;
  const b = inputs.bindings.find((x) => x.input === id);
  if (!b) return null;
  const v = getKey(b.scope === '' ? scenario.base : (scenario.strategies.find((s) => s.id === b.scope)?.settings ?? scenario.base), b.key);
  return typeof v === 'number' ? v : null;
}

/**
 * What withInputs needs to know about a scenario's inputs that never changes between draws:
 * the bindings of each scope, the names each binding's and each var's raw value uses, and the
 * ids that can be set. Formed once per ScenarioInputs (a Monte Carlo or a sweep calls
 * withInputs thousands of times on the same scenario) and kept beside it, never in it.
 */
interface PreparedInputs {
  ids: Set<string>;
  byScope: Map<string, ScopedBinding[]>;
  varNames: Map<string, string[]>;
  /** movedBindings' answers, by the ids set (joined by newlines). */
  moved: Map<string, Map<string, ScopedBinding[]>>;
}

interface ScopedBinding {
  binding: FieldBinding;
  names: string[];
}

const prepared = new WeakMap<ScenarioInputs, PreparedInputs>();

function prepare(inputs: ScenarioInputs): PreparedInputs {
  let p = prepared.get(inputs);
  if (p !== undefined) return p;
  const byScope = new Map<string, ScopedBinding[]>();
  for (const b of inputs.bindings) {
    let list = byScope.get(b.scope);
    if (list === undefined) byScope.set(b.scope, (list = []));
    list.push({ binding: b, names: referencedNames(b.raw) });
  }
  const varNames = new Map(inputs.vars.order.map((name) => [name, referencedNames(inputs.vars.raw[name])]));
  p = { ids: new Set(inputIds(inputs)), byScope, varNames, moved: new Map() };
  prepared.set(inputs, p);
  return p;
}

/**
 * The bindings of each scope that setting these ids can change: those of an id set, and those
 * written over a var that changes (a var set, or one written over a changed var). It depends on
 * which ids are set, not on their values, so a Monte Carlo or a sweep (the same ids at every
 * draw or point) looks at its few bindings instead of every field of every scope.
 */
function movedBindings(inputs: ScenarioInputs, index: PreparedInputs, ids: Iterable<string>): Map<string, ScopedBinding[]> {
  const given = new Set(ids);
  const key = [...given].join('\n');
  let moved = index.moved.get(key);
  if (moved !== undefined) return moved;
  const changedVars = new Set<string>();
  for (const name of inputs.vars.order) {
    if (given.has(`vars.${name}`) || index.varNames.get(name)!.some((n) => changedVars.has(n))) changedVars.add(name);
  }
  moved = new Map();
  for (const [scope, list] of index.byScope) {
    moved.set(scope, list.filter(({ binding, names }) => given.has(binding.input) || names.some((n) => changedVars.has(n))));
  }
  if (index.moved.size >= 64) index.moved.clear(); // bounded: a caller sets few distinct sets of ids
  index.moved.set(key, moved);
  return moved;
}

/** Whether `id` names something `withInputs` can set. */
export function knowsInput(inputs: ScenarioInputs, id: string): boolean {
  return prepare(inputs).ids.has(id);
}

/** The scenario with `values` in place of the inputs they name. Throws InputError for an unknown id. */
export function withInputs(scenario: Scenario, values: InputValues): Scenario {
  const inputs = scenario.inputs;
  if (!inputs) throw new InputError(problemText.notNormalizedScenario());
  if (values.size === 0) return scenario;
  const index = prepare(inputs);
  for (const id of values.keys()) {
    if (!index.ids.has(id)) throw new InputError(problemText.notAnInput(id));
  }
  const vars = resolveVarValues(inputs, index, values);
  const changedVars = vars.changed;
  const moved = movedBindings(inputs, index, values.keys());

  // Every scope (the base and each strategy) binds the same written value again, e.g.
  // `daily_chats * 30` five times: a value depends only on its text, its rule and the vars, so
  // it is evaluated once per call (rule → raw value → result).
  const evaluated = new Map<FieldBinding['rule'], Map<unknown, number>>();
  const valueOf = (b: FieldBinding, names: readonly string[]): number | null => {
    const given = values.get(b.input);
    if (given !== undefined) return clampToRule(given, b.rule);
    if (changedVars.size === 0 || !names.some((n) => changedVars.has(n))) return null;
    let byRaw = evaluated.get(b.rule);
    if (byRaw === undefined) evaluated.set(b.rule, (byRaw = new Map()));
    let v = byRaw.get(b.raw);
    if (v === undefined) byRaw.set(b.raw, (v = evaluate(b.raw, b.rule, vars.values, b.input)));
    return v;
  };

  const apply = (scope: string, settings: ScenarioSettings, kind: keyof typeof STRATEGY_MODELS | null): ScenarioSettings => {
    let copy: SettingsCopy | null = null;
    const changed = new Set<string>();
    for (const { binding: b, names } of moved.get(scope) ?? []) {
      const v = valueOf(b, names);
      if (v === null) continue;
      copy ??= new SettingsCopy(settings);
      copy.set(b.key, v);
      changed.add(b.key);
    }
    if (copy === null) return settings;
    deriveDefaults(copy, scope, changed, inputs, kind);
    return copy.settings;
  };

  return {
    ...scenario,
    base: apply('', scenario.base, null),
    strategies: scenario.strategies.map((spec) => {
      const settings = apply(spec.id, spec.settings, spec.kind);
      return settings === spec.settings ? spec : { ...spec, settings };
    }),
  };
}

/** Vars with the given values, and every var that uses a changed one evaluated again. */
function resolveVarValues(inputs: ScenarioInputs, index: PreparedInputs, values: InputValues): { values: Record<string, number>; changed: Set<string> } {
  const out: Record<string, number> = { ...inputs.vars.values };
  const changed = new Set<string>();
  for (const name of inputs.vars.order) {
    const given = values.get(`vars.${name}`);
    if (given !== undefined) {
      out[name] = given;
      changed.add(name);
      continue;
    }
    if (changed.size === 0 || !index.varNames.get(name)!.some((n) => changed.has(n))) continue;
    out[name] = evaluate(inputs.vars.raw[name], null, out, `vars.${name}`);
    changed.add(name);
  }
  return { values: out, changed };
}

/** A value written over vars, evaluated with other var values (a range gives its base). */
function evaluate(raw: unknown, rule: FieldBinding['rule'] | null, vars: Record<string, number>, id: string): number {
  const kind = rule === null ? 'number' : valueKind(rule);
  const range = rangeForm(raw);
  if (range !== null) {
    const read = parseRange(range, kind, vars);
    if (!read.ok) throw new InputError(problemText.inputUnreadable(id, read.message));
    return clampToRule(fitRange(read, range.form).base, rule);
  }
  const r = parseValue(raw, kind, vars);
  if (!r.ok) throw new InputError(problemText.inputUnreadable(id, r.message));
  if (rule !== null && checkBounds(raw, r.value, rule) !== null) return clampToRule(r.value, rule);
  return r.value;
}

/**
 * A copy of some settings, made on write: only the objects on the path to a value set here are
 * copied (each once), and every other object stays shared with the settings it was made from,
 * which are never modified. A Monte Carlo or a sweep makes one per scope and point, and most
 * of a scenario's settings (models, prompt, latency, one-time) do not change between them.
 */
class SettingsCopy {
  readonly settings: ScenarioSettings;
  private readonly own = new Set<object>();

  constructor(from: ScenarioSettings) {
    this.settings = { ...from };
    this.own.add(this.settings);
  }

  /** The object at `place` in this copy, made this copy's own first; null where there is none (no fine-tuning entry, no deployment). */
  object(place: readonly string[]): Record<string, unknown> | null {
    let cur = this.settings as unknown as Record<string, unknown>;
    for (const seg of place) {
      let next = cur[seg];
      if (typeof next !== 'object' || next === null) return null;
      if (!this.own.has(next)) {
        next = Array.isArray(next) ? [...next] : { ...next };
        cur[seg] = next;
        this.own.add(next as object);
      }
      cur = next as Record<string, unknown>;
    }
    return cur;
  }

  /** Sets a field (by its path in the scenario file, e.g. "knowledge.publish_every"). */
  set(key: string, value: number): void {
    const { place, holder: at } = placeAndHolder(key);
    // No fine-tuning entry or no deployment: nothing for the value to change.
    const holder = this.object(at);
    if (holder === null) return;
    holder[place[place.length - 1] as string] = value;
    if (key === 'fine_tuning.retrain_every') this.fineTuning().retrain_every_is_default = false;
  }

  knowledge = () => this.object(['knowledge']) as unknown as ScenarioSettings['knowledge'];
  retrieval = () => this.object(['retrieval']) as unknown as ScenarioSettings['retrieval'];
  fineTuning = () => this.object(['fine_tuning']) as unknown as ScenarioSettings['fine_tuning'];
}

/** Field paths whose setting has another name or place in ScenarioSettings. */
const PLACES: Readonly<Record<string, readonly string[]>> = {
  'knowledge.publish_every': ['knowledge', 'publish_every_hours'],
  'knowledge.indexing_time': ['knowledge', 'indexing_hours'],
  'knowledge.freshness_target': ['knowledge', 'freshness_target_hours'],
  'knowledge.corpus.tokens': ['knowledge', 'corpus_tokens'],
  'fine_tuning.retrain_every': ['fine_tuning', 'retrain_every_hours'],
  'fine_tuning.dataset.examples': ['fine_tuning', 'examples'],
  'fine_tuning.dataset.tokens_per_example': ['fine_tuning', 'tokens_per_example'],
  'fine_tuning.training_usd_per_1m': ['fine_tuning', 'entry', 'training_usd_per_1m'],
  'fine_tuning.training_hours': ['fine_tuning', 'entry', 'training_hours'],
  'fine_tuning.input_usd_per_1m': ['fine_tuning', 'entry', 'input_usd_per_1m'],
  'fine_tuning.cached_input_usd_per_1m': ['fine_tuning', 'entry', 'cached_input_usd_per_1m'],
  'fine_tuning.output_usd_per_1m': ['fine_tuning', 'entry', 'output_usd_per_1m'],
  'caching.ttl': ['caching', 'ttl_s'],
  'prompt.system.tokens': ['prompt', 'system_tokens'],
  'prompt.instructions.tokens': ['prompt', 'instructions_tokens'],
  'prompt.examples.tokens': ['prompt', 'examples_tokens'],
  'prompt.query.tokens': ['prompt', 'query_tokens'],
  'prompt.output.tokens': ['prompt', 'output_tokens'],
};

/** Places by field path, split once (the keys are the field table's paths: a bounded set). */
const placeCache = new Map<string, { place: readonly string[]; holder: readonly string[] }>();

function placeOf(key: string): readonly string[] {
  return placeAndHolder(key).place;
}

/** A field's place in ScenarioSettings, and the place of the object that holds it. */
function placeAndHolder(key: string): { place: readonly string[]; holder: readonly string[] } {
  let p = placeCache.get(key);
  if (p === undefined) {
    const place = PLACES[key] ?? key.split('.');
    placeCache.set(key, (p = { place, holder: place.slice(0, -1) }));
  }
  return p;
}

function getKey(settings: ScenarioSettings, key: string): unknown {
  let cur: unknown = settings;
  for (const seg of placeOf(key)) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

/** The prompt fields a default fine-tuning example size follows. */
const EXAMPLE_PARTS = ['prompt.system.tokens', 'prompt.query.tokens', 'prompt.output.tokens'];
/** Every field some default below follows: when none changed, there is nothing to derive. */
const DERIVED_FROM = new Set([...EXAMPLE_PARTS, 'knowledge.corpus.tokens', 'retrieval.top_k', 'fine_tuning.dataset.examples', 'fine_tuning.dataset.tokens_per_example', 'knowledge.publish_every']);

/** Defaults derived from a field follow it when it changes (the rules of normalize.ts). */
function deriveDefaults(
  copy: SettingsCopy,
  scope: string,
  changed: ReadonlySet<string>,
  inputs: ScenarioInputs,
  kind: keyof typeof STRATEGY_MODELS | null,
): void {
  let any = false;
  for (const key of changed) any ||= DERIVED_FROM.has(key);
  if (!any) return;
  const s = copy.settings;
  const derived = (key: ScenarioInputs['derived'][number]['key']) => inputs.derived.some((d) => d.scope === scope && d.key === key);
  if (changed.has('knowledge.corpus.tokens')) copy.knowledge().has_corpus = s.knowledge.corpus_tokens > 0;
  if (changed.has('retrieval.top_k') && derived('retrieval.rerank_candidates')) copy.retrieval().rerank_candidates = 4 * s.retrieval.top_k;
  const promptChanged = EXAMPLE_PARTS.some((k) => changed.has(k));
  const perExampleFollows = promptChanged && derived('fine_tuning.dataset.tokens_per_example');
  if (perExampleFollows) copy.fineTuning().tokens_per_example = s.prompt.system_tokens + s.prompt.query_tokens + s.prompt.output_tokens;
  if (perExampleFollows || changed.has('fine_tuning.dataset.examples') || changed.has('fine_tuning.dataset.tokens_per_example')) {
    copy.fineTuning().dataset_tokens = s.fine_tuning.examples * s.fine_tuning.tokens_per_example;
  }
  if (changed.has('knowledge.publish_every') && s.fine_tuning.retrain_every_is_default && kind !== null) {
    copy.fineTuning().retrain_every_hours = STRATEGY_MODELS[kind].defaultRetrainEveryHours(s);
  }
}
