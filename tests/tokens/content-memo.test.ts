// The in-process content memo (src/tokens/content-memo.ts): a large text is counted once per
// counter, however many scenarios or paths bring it; small texts are always counted.
import { describe, expect, it } from 'vitest';
import { countChatJsonl } from '../../src/tokens/chat-jsonl.js';
import { ContentMemo, MEMO_MIN_CHARS } from '../../src/tokens/content-memo.js';

const big = (c: string) => c.repeat(MEMO_MIN_CHARS);

describe('ContentMemo', () => {
  it('computes a large text once, a small text every time', () => {
    const memo = new ContentMemo<number>();
    let calls = 0;
    const compute = () => ++calls;
    expect(memo.get(big('a'), compute)).toBe(1);
    expect(memo.get(big('a'), compute)).toBe(1);
    expect(calls).toBe(1);
    // Same length, other content: its own entry.
    expect(memo.get(big('b'), compute)).toBe(2);
    const small = 'a'.repeat(MEMO_MIN_CHARS - 1);
    memo.get(small, compute);
    memo.get(small, compute);
    expect(calls).toBe(4);
    expect(memo.size).toBe(2);
  });

  it('keys by the exact UTF-16 text: lone surrogates that UTF-8 would merge stay apart', () => {
    // UTF-8 encodes both lone surrogates as U+FFFD, so a UTF-8 hash would make them one key.
    const memo = new ContentMemo<string>();
    expect(memo.get(`${big('x')}\uD800`, () => 'first')).toBe('first');
    expect(memo.get(`${big('x')}\uD801`, () => 'second')).toBe('second');
  });

  it('drops the least recently used entry beyond its size', () => {
    const memo = new ContentMemo<string>(2);
    const calls: string[] = [];
    const get = (c: string) => memo.get(big(c), () => (calls.push(c), c));
    get('a');
    get('b');
    get('a'); // a is now the most recent
    get('c'); // evicts b
    get('a');
    get('b');
    expect(calls).toEqual(['a', 'b', 'c', 'b']);
    expect(memo.size).toBe(2);
  });
});

describe('countChatJsonl with the memo', () => {
  it('counts a large dataset once per counter and returns a frozen result', () => {
    const line = JSON.stringify({ messages: [{ role: 'user', content: 'x'.repeat(100) }] });
    const text = `${line}\n`.repeat(Math.ceil(MEMO_MIN_CHARS / line.length));
    let calls = 0;
    // One token per character, counted by hand: per example 3 + (3 + 4 "user" + 100) = 110.
    const chars = (s: string) => (calls++, s.length);
    const first = countChatJsonl(text, chars);
    const callsAfterFirst = calls;
    const second = countChatJsonl(text, chars);
    expect(calls).toBe(callsAfterFirst);
    expect(second).toBe(first);
    expect(first.total_tokens).toBe(110 * first.examples);
    expect(Object.isFrozen(first) && Object.isFrozen(first.example_tokens)).toBe(true);
    expect(() => (first.example_tokens as number[]).push(1)).toThrow(TypeError);
    // Another counter (another encoding) counts it again: two tokens per character,
    // per example 3 + (3 + 2·4 "user" + 2·100) = 214.
    const other = (s: string) => 2 * s.length;
    expect(countChatJsonl(text, other).total_tokens).toBe(214 * first.examples);
  });
});
