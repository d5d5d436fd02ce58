/**
 * js-tiktoken's encoders, the reference costsim's counts must equal (issue 12), built once per
 * vitest worker: the test files of a worker share this module (vitest.config.ts: isolate false),
 * and building one takes seconds of CPU that the tests would otherwise pay per file
 * (o200k_base ≈1.4 s, cl100k_base ≈0.5 s, measured with `new Tiktoken(ranks)` on 2026-12-01).
 * An encoder keeps no state between encode() calls, so sharing one changes no count. bpe.test.ts
 * compares costsim with it token for token; a test that needs a single count of a short text
 * takes tiktoken's core instead (./tiktoken-core.ts), a quarter of the build.
 */
import { Tiktoken } from 'js-tiktoken/lite';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import o200k from 'js-tiktoken/ranks/o200k_base';

const RANKS = { o200k_base: o200k, cl100k_base: cl100k } as const;
const built = new Map<keyof typeof RANKS, Tiktoken>();

/** js-tiktoken's encoder for `name`, built on first use. */
export function jsTiktoken(name: keyof typeof RANKS): Tiktoken {
  let t = built.get(name);
  if (t === undefined) built.set(name, (t = new Tiktoken(RANKS[name])));
  return t;
}
