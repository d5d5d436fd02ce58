import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { didYouMean, didYouMeanHint, editDistance, formatDidYouMean } from '../../src/util/suggest.js';

describe('editDistance (optimal string alignment)', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3], // k→s, e→i, +g
    ['top_k', 'tpo_k', 1], // one swap of neighbours
    ['ca', 'abc', 3], // OSA (not full Damerau): no edit of a swapped pair
    ['generator', 'genrator', 1], // one deletion
    ['embedding', 'emebdding', 1], // one swap
  ])('%j ↔ %j = %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  it('is a distance: zero only for equal strings, symmetric, bounded by the longer length', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = editDistance(a, b);
        expect(d === 0).toBe(a === b);
        expect(editDistance(b, a)).toBe(d);
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
      }),
    );
  });
});

describe('didYouMean', () => {
  const keys = ['chunk_tokens', 'chunk_overlap_tokens', 'top_k', 'vector_store', 'metadata_bytes'];
  it.each([
    ['tpo_k', 'top_k'],
    ['topk', 'top_k'],
    ['Top_K', 'top_k'], // case only
    ['TOP-K', 'top_k'],
    ['chunk_token', 'chunk_tokens'],
    ['vectorstore', 'vector_store'],
    ['metadata_byte', 'metadata_bytes'],
  ])('%j → %j', (word, expected) => {
    expect(didYouMean(word, keys)).toBe(expected);
  });

  it.each(['x', 'retrieval', 'k', 'banana_bytes_x'])('%j → nothing close', (word) => {
    expect(didYouMean(word, keys)).toBeUndefined();
  });

  it('matches one- and two-letter words only up to case', () => {
    expect(didYouMean('b', ['k', 'M', 'B'])).toBe('B');
    expect(didYouMean('x', ['k', 'M', 'B'])).toBeUndefined();
    expect(didYouMean('ab', ['ac'])).toBeUndefined();
  });

  it('prefers the closest, then the earliest candidate', () => {
    expect(didYouMean('abcd', ['abxy', 'abcx', 'abcy'])).toBe('abcx'); // distances 2, 1, 1
  });

  it('completes a name cut short at a separator when nothing is close by edit distance (issue 11, item 8)', () => {
    const workload = ['queries_per_month', 'growth_per_month', 'peak_to_average', 'batch_share'];
    // "queries" is 10 edits from "queries_per_month" (limit floor(17/3) = 5): only the prefix rule finds it.
    expect(didYouMean('queries', workload)).toBe('queries_per_month');
    expect(didYouMean('Growth', workload)).toBe('growth_per_month');
    expect(didYouMean('peak', workload)).toBe('peak_to_average');
    // Shortest of several, then earliest; a close edit-distance match still wins over a prefix.
    expect(didYouMean('top', ['top_k_extra', 'top_k', 'top-p'])).toBe('top_k');
    expect(didYouMean('top_x', ['top_k', 'top_x_y'])).toBe('top_k');
    // Under three letters, or not cut at a separator: nothing.
    expect(didYouMean('qu', workload)).toBeUndefined();
    expect(didYouMean('quer', workload)).toBeUndefined();
  });

  it('does not suggest the word itself', () => {
    expect(didYouMean('top_k', ['top_k'])).toBeUndefined();
  });
});

describe('formatDidYouMean', () => {
  it('formats a hint or nothing', () => {
    expect(formatDidYouMean('top_k')).toBe(' (did you mean "top_k"?)');
    expect(formatDidYouMean(undefined)).toBe('');
    expect(didYouMeanHint('tpo_k', ['top_k'])).toBe(' (did you mean "top_k"?)');
    expect(didYouMeanHint('zzz', ['top_k'])).toBe('');
  });
});
