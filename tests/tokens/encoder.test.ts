import { getEncodingNameForModel } from 'js-tiktoken/lite';
import type { TiktokenModel } from 'js-tiktoken/lite';
import { describe, expect, it } from 'vitest';
import {
  createTokenCounter,
  encodingForModel,
  getEncoder,
  isEncoderLoaded,
  loadEncoder,
  prepareEncoders,
  tokenCounter,
  type Encoding,
} from '../../src/tokens/encoder.js';
import { freshModule } from '../fresh-module.js';
import { tiktokenCore } from './tiktoken-core.js';

/** Tokens of `text`, counted as the product counts them (a loaded encoding's tokenCounter). */
const countTokens = (text: string, encoding: Encoding): number => tokenCounter(encoding)(text);

describe('encoder loading', () => {
  it('refuses to count before the encoding is loaded, with a message saying what to call', async () => {
    // A fresh instance of the module: the suite shares modules between test files (isolate: false),
    // so another file may already have loaded this encoding into the one imported above.
    const fresh = await freshModule<typeof import('../../src/tokens/encoder.js')>('../../src/tokens/encoder.js', import.meta.url);
    expect(fresh.isEncoderLoaded('cl100k_base')).toBe(false);
    expect(() => fresh.tokenCounter('cl100k_base')).toThrow(/loadEncoder\('cl100k_base'\)/);
    expect(() => fresh.getEncoder('cl100k_base')).toThrow(/not loaded/);
  });

  it('builds each encoding once per process and returns the same object', async () => {
    // Two concurrent first calls share one build.
    const [a, b] = await Promise.all([loadEncoder('o200k_base'), loadEncoder('o200k_base')]);
    expect(a).toBe(b);
    expect(await loadEncoder('o200k_base')).toBe(a);
    expect(getEncoder('o200k_base')).toBe(a);
    await prepareEncoders(['cl100k_base', 'cl100k_base', 'o200k_base']);
    const cl = getEncoder('cl100k_base');
    expect(cl).not.toBe(a);
    expect(await loadEncoder('cl100k_base')).toBe(cl);
    expect(isEncoderLoaded('cl100k_base')).toBe(true);
  });
});

describe('countTokens', () => {
  it('matches token ids and counts printed in OpenAI’s cookbook', async () => {
    await prepareEncoders(['o200k_base', 'cl100k_base']);
    // openai/openai-cookbook examples/How_to_count_tokens_with_tiktoken.ipynb (commit c81359cd):
    // §3 encodes "tiktoken is great!" with gpt-4o-mini's o200k_base to [83, 8251, 2488, 382, 2212, 0]
    // (6 tokens); §5 compare_encodings prints the ids below for cl100k_base and o200k_base.
    expect(getEncoder('o200k_base').encode('tiktoken is great!')).toEqual([83, 8251, 2488, 382, 2212, 0]);
    expect(getEncoder('cl100k_base').encode('antidisestablishmentarianism')).toEqual([519, 85342, 34500, 479, 8997, 2191]);
    expect(getEncoder('o200k_base').encode('antidisestablishmentarianism')).toEqual([493, 129901, 376, 160388, 21203, 2367]);
    expect(getEncoder('cl100k_base').encode('2 + 2 = 4')).toEqual([17, 489, 220, 17, 284, 220, 19]);
    expect(getEncoder('o200k_base').encode('2 + 2 = 4')).toEqual([17, 659, 220, 17, 314, 220, 19]);
    // "お誕生日おめでとう": 9 tokens in cl100k_base, 8 in o200k_base (the notebook's counts).
    expect(countTokens('お誕生日おめでとう', 'cl100k_base')).toBe(9);
    expect(countTokens('お誕生日おめでとう', 'o200k_base')).toBe(8);
    expect(countTokens('tiktoken is great!', 'o200k_base')).toBe(6);
  });

  it('counts a few everyday strings (checked with the library; used as building blocks elsewhere)', async () => {
    await prepareEncoders(['o200k_base', 'cl100k_base']);
    // "hello" + " world": both are single tokens in both vocabularies.
    expect(countTokens('hello world', 'o200k_base')).toBe(2);
    expect(countTokens('hello world', 'cl100k_base')).toBe(2);
    // The chat roles are one token each (the cookbook's gpt-3.5-turbo-0301 branch relies on
    // "role is always required and always 1 token").
    for (const role of ['system', 'user', 'assistant']) {
      expect(countTokens(role, 'o200k_base')).toBe(1);
      expect(countTokens(role, 'cl100k_base')).toBe(1);
    }
    expect(countTokens('', 'o200k_base')).toBe(0);
  });

  it('counts special-token text as ordinary text instead of throwing', async () => {
    await loadEncoder('o200k_base');
    const text = 'before <|endoftext|> after';
    // tiktoken's encode() throws on this by default (js-tiktoken's too); a user's prompt file must
    // not. The reference is tiktoken's core, which bpe.test.ts shows counts as js-tiktoken does.
    const reference = tiktokenCore('o200k_base');
    expect(() => reference.encode(text)).toThrow(/special token/);
    const n = countTokens(text, 'o200k_base');
    // As text, "<|endoftext|>" is several ordinary tokens, never the single special id 199999.
    expect(n).toBeGreaterThan(countTokens('before  after', 'o200k_base') + 1);
    expect(getEncoder('o200k_base').encode(text)).not.toContain(199999);
    expect(getEncoder('o200k_base').encode(text)).toEqual(Array.from(reference.encode_ordinary(text)));
    expect(n).toBe(reference.encode_ordinary(text).length);
  });

  it('createTokenCounter returns a synchronous counter equal to countTokens', async () => {
    const count = await createTokenCounter('cl100k_base');
    expect(count('お誕生日おめでとう')).toBe(9);
    expect(count('')).toBe(0);
  });
});

describe('encodingForModel', () => {
  it.each([
    ['gpt-4o', 'o200k_base'],
    ['gpt-4o-mini-2024-07-18', 'o200k_base'],
    ['chatgpt-4o-latest', 'o200k_base'],
    ['gpt-4.1-mini', 'o200k_base'],
    ['gpt-4.1-nano-2025-04-14', 'o200k_base'],
    ['gpt-5', 'o200k_base'],
    ['gpt-5-mini', 'o200k_base'],
    ['gpt-5.4', 'o200k_base'],
    ['o1', 'o200k_base'],
    ['o3-mini', 'o200k_base'],
    ['o4-mini-2025-04-16', 'o200k_base'],
    ['ft:gpt-4o-mini-2024-07-18:acme::9abc', 'o200k_base'],
    ['ft:gpt-4.1-2025-04-14', 'o200k_base'],
    ['openai/gpt-4.1', 'o200k_base'],
    ['azure/gpt-4o', 'o200k_base'],
    ['GPT-4o', 'o200k_base'],
    ['gpt-3.5-turbo', 'cl100k_base'],
    ['gpt-35-turbo', 'cl100k_base'],
    ['ft:gpt-3.5-turbo-0125:acme::x1', 'cl100k_base'],
    ['gpt-4', 'cl100k_base'],
    ['gpt-4-0613', 'cl100k_base'],
    ['gpt-4-turbo-2024-04-09', 'cl100k_base'],
    ['text-embedding-3-small', 'cl100k_base'],
    ['text-embedding-3-large', 'cl100k_base'],
    ['text-embedding-ada-002', 'cl100k_base'],
    ['azure/text-embedding-3-small', 'cl100k_base'],
  ] as const)('%s → %s, exact', (id, encoding) => {
    expect(encodingForModel(id)).toEqual({ encoding, approximate: false });
  });

  it.each(['claude-sonnet-4-20250514', 'gemini/gemini-2.5-flash', 'our-llama-70b', 'mistral/mistral-large-latest', 'omni', 'o', 'gpt-4x'])(
    '%s is not an OpenAI tokenizer: o200k_base, approximate',
    (id) => {
      expect(encodingForModel(id)).toEqual({ encoding: 'o200k_base', approximate: true });
    },
  );

  it('agrees with js-tiktoken’s own model table for every cl100k/o200k model it knows', () => {
    // The ids of js-tiktoken 1.0.21's TiktokenModel type that map to these two encodings.
    const ids: TiktokenModel[] = [
      'gpt-3.5-turbo', 'gpt-35-turbo', 'gpt-3.5-turbo-0125', 'gpt-3.5-turbo-16k', 'gpt-3.5-turbo-instruct',
      'gpt-4', 'gpt-4-0314', 'gpt-4-32k', 'gpt-4-turbo', 'gpt-4-turbo-preview', 'gpt-4-1106-preview', 'gpt-4-vision-preview',
      'text-embedding-ada-002', 'text-embedding-3-small', 'text-embedding-3-large',
      'gpt-4o', 'gpt-4o-2024-05-13', 'gpt-4o-mini', 'gpt-4o-search-preview', 'gpt-4o-audio-preview', 'gpt-4o-realtime',
      'gpt-4o-mini-realtime-preview-2024-12-17', 'chatgpt-4o-latest',
      'o1', 'o1-mini', 'o1-preview-2024-09-12', 'o1-pro', 'o3', 'o3-mini-2025-01-31', 'o4-mini',
      'gpt-4.1', 'gpt-4.1-mini-2025-04-14', 'gpt-4.1-nano', 'gpt-4.5-preview',
      'gpt-5', 'gpt-5-2025-08-07', 'gpt-5-nano', 'gpt-5-mini', 'gpt-5-chat-latest',
    ];
    for (const id of ids) {
      expect({ id, ...encodingForModel(id) }).toEqual({ id, encoding: getEncodingNameForModel(id), approximate: false });
    }
  });
});
