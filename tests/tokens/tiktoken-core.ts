/**
 * tiktoken's Rust core compiled to WebAssembly (the `tiktoken` package, `encode_ordinary`: special
 * tokens counted as the text they are), the second reference costsim's counts must equal, built
 * once per vitest worker like ./js-tiktoken.ts: ≈0.5 s for o200k_base, a quarter of what
 * js-tiktoken's takes (2026-12-01), so a test that needs one count of a short text builds this one.
 * bpe.test.ts checks that the two references and costsim agree token for token. The encoders live
 * as long as the worker (their WebAssembly memory goes with it).
 */
import { get_encoding, type Tiktoken } from 'tiktoken';
import type { Encoding } from '../../src/tokens/encoder.js';

const built = new Map<Encoding, Tiktoken>();

/** tiktoken's encoder for `name`, built on first use. */
export function tiktokenCore(name: Encoding): Tiktoken {
  let t = built.get(name);
  if (t === undefined) built.set(name, (t = get_encoding(name)));
  return t;
}
