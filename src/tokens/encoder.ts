/**
 * Token counting (docs/model.md §2.3): the encodings, their loading, and the model → encoding map.
 *
 * The rank data is js-tiktoken's (`js-tiktoken/ranks/<encoding>`); the counting engine is
 * bpe.ts, which gives js-tiktoken's exact tokens several times faster (a piece-count cache, a
 * compact rank table, heap merges for long pieces). An encoding's rank table is a multi-megabyte
 * module, so nothing here is imported at load time: `loadEncoder` (or `prepareEncoders`) builds
 * each encoding once per process, and afterwards `tokenCounter(encoding)` counts synchronously. The
 * scenario normalizer awaits `prepareEncoders([...])` for the encodings its token sources need,
 * then counts without further awaits.
 */
import type { Encoding } from '../catalog/types.js';
import { BpeEncoder, type RankFile } from './bpe.js';

export type { Encoding };

export const ENCODINGS: readonly Encoding[] = ['o200k_base', 'cl100k_base'];
/** docs/model.md §15: `costsim tokens` counts with o200k_base unless told otherwise. */
export const DEFAULT_ENCODING: Encoding = 'o200k_base';

/** Counts the tokens of a text; a plain function so the core can take a fake in tests. */
export type TokenCounter = (text: string) => number;

export function isEncoding(value: unknown): value is Encoding {
  return typeof value === 'string' && (ENCODINGS as readonly string[]).includes(value);
}

const built = new Map<Encoding, BpeEncoder>();
// Concurrent callers share one build instead of parsing the ranks twice.
const building = new Map<Encoding, Promise<BpeEncoder>>();

async function importRanks(encoding: Encoding): Promise<RankFile> {
  // One literal specifier per encoding so that the resolver (and any bundler) sees both.
  switch (encoding) {
    case 'o200k_base':
      return (await import('js-tiktoken/ranks/o200k_base')).default;
    case 'cl100k_base':
      return (await import('js-tiktoken/ranks/cl100k_base')).default;
  }
}

/** Builds (once per process) and returns the encoder for an encoding. */
export function loadEncoder(encoding: Encoding): Promise<BpeEncoder> {
  const ready = built.get(encoding);
  if (ready) return Promise.resolve(ready);
  let pending = building.get(encoding);
  if (!pending) {
    pending = (async () => {
      if (!isEncoding(encoding)) {
        throw new Error(`unknown token encoding ${JSON.stringify(encoding)}; expected one of ${ENCODINGS.join(', ')}`);
      }
      const encoder = new BpeEncoder(await importRanks(encoding));
      built.set(encoding, encoder);
      return encoder;
    })();
    building.set(encoding, pending);
    // A failed build may be retried by a later call.
    pending.catch(() => building.delete(encoding));
  }
  return pending;
}

/** Loads every encoding named (duplicates are fine) so that counting can be synchronous. */
export async function prepareEncoders(encodings: Iterable<Encoding>): Promise<void> {
  await Promise.all([...new Set(encodings)].map((e) => loadEncoder(e)));
}

/** Test probe: whether `encoding` was built in this process (the tests check it is built lazily). */
export function isEncoderLoaded(encoding: Encoding): boolean {
  return built.has(encoding);
}

/** The loaded encoder; throws (a programming error, not a user error) when it was never loaded. */
export function getEncoder(encoding: Encoding): BpeEncoder {
  const encoder = built.get(encoding);
  if (!encoder) {
    throw new Error(
      `token encoding ${encoding} is not loaded: call await loadEncoder('${encoding}') or prepareEncoders() before counting`,
    );
  }
  return encoder;
}

const counters = new Map<Encoding, TokenCounter>();

/**
 * A synchronous counter bound to a loaded encoding; the same function for the same encoding,
 * so that memos keyed by the counter (chat-jsonl.ts) are shared by every caller. It counts the
 * tokens of a text as js-tiktoken's `encode(text, [], []).length`: text that happens to contain
 * a special token such as `<|endoftext|>` is counted as ordinary text (tiktoken's
 * `encode_ordinary`; js-tiktoken's `encode` with empty allowed and disallowed special sets),
 * as the API treats user content, and a user's file must never make us throw.
 */
export function tokenCounter(encoding: Encoding): TokenCounter {
  let counter = counters.get(encoding);
  if (!counter) {
    const encoder = getEncoder(encoding);
    counter = (text) => encoder.count(text);
    counters.set(encoding, counter);
  }
  return counter;
}

/** Loads the encoding if needed and returns a synchronous counter for it. */
export async function createTokenCounter(encoding: Encoding): Promise<TokenCounter> {
  await loadEncoder(encoding);
  return tokenCounter(encoding);
}

interface ModelEncoding {
  encoding: Encoding;
  /** true when the model does not use an OpenAI tokenizer and o200k_base stands in for it. */
  approximate: boolean;
}

// Families by the id's leading part, after provider prefixes and `ft:` are removed.
// o200k_base: GPT-4o, 4.1, 4.5, 5 and the o-series (js-tiktoken's getEncodingNameForModel agrees
// for every id it knows; tests/tokens/encoder.test.ts checks that), plus gpt-oss, whose
// o200k_harmony differs from o200k_base only by special tokens.
const O200K = /^(?:gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-oss|o[1-9](?:-|$))/;
// cl100k_base: GPT-3.5 (and Azure's gpt-35 spelling), GPT-4 and GPT-4 Turbo, the embedding
// models ada-002 and 3-small/3-large, and the davinci-002/babbage-002 completion models.
const CL100K = /^(?:gpt-3\.5|gpt-35|gpt-4(?:-|$)|text-embedding-3-|text-embedding-ada-002|davinci-002|babbage-002)/;

/**
 * The encoding for a model id (a LiteLLM key or a shorter form). Provider prefixes such as
 * `openai/`, `azure/` or `openrouter/openai/` are ignored, and a fine-tuned id
 * (`ft:gpt-4o-mini-2024-07-18:org::abc`) counts like its base model. Any other family
 * (Claude, Gemini, Llama, …) gets o200k_base marked approximate: docs/model.md §2.3.
 */
export function encodingForModel(modelId: string): ModelEncoding {
  let id = modelId.trim().toLowerCase();
  const slash = id.lastIndexOf('/');
  if (slash >= 0) id = id.slice(slash + 1);
  if (id.startsWith('ft:')) id = id.slice(3).split(':')[0] ?? '';
  if (O200K.test(id)) return { encoding: 'o200k_base', approximate: false };
  if (CL100K.test(id)) return { encoding: 'cl100k_base', approximate: false };
  return { encoding: 'o200k_base', approximate: true };
}
