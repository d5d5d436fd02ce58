import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countChatJsonl } from '../../src/tokens/chat-jsonl.js';
import { createTokenCounter } from '../../src/tokens/encoder.js';

// A stand-in tokenizer whose counts anyone can do by hand: one token per UTF-16 code unit.
const chars = (s: string) => s.length;
const line = (value: unknown) => JSON.stringify(value);

// The cookbook's example conversation (How_to_count_tokens_with_tiktoken.ipynb, commit c81359cd, §6).
const COOKBOOK_MESSAGES = [
  { role: 'system', content: 'You are a helpful, pattern-following assistant that translates corporate jargon into plain English.' },
  { role: 'system', name: 'example_user', content: 'New synergies will help drive top-line growth.' },
  { role: 'system', name: 'example_assistant', content: 'Things working well together will increase revenue.' },
  {
    role: 'system',
    name: 'example_user',
    content: "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage.",
  },
  { role: 'system', name: 'example_assistant', content: "Let's talk later when we're less busy about how to do better." },
  { role: 'user', content: "This late pivot means we don't have time to boil the ocean for the client deliverable." },
];

describe('countChatJsonl', () => {
  it('applies the cookbook rule: 3 per message + role/content/name tokens + 1 per name, + 3 per example', () => {
    const text = [
      line({ messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello' },
      ] }),
      line({ messages: [
        { role: 'user', name: 'ann', content: 'Q?' },
        { role: 'assistant', content: 'A.' },
      ] }),
      '',
    ].join('\n');
    // With one token per character:
    // example 1: system (3 + 6 "system" + 9 "Be brief.") = 18; user (3 + 4 + 2 "Hi") = 9;
    //            assistant (3 + 9 + 5 "Hello") = 17; + 3 priming → 18 + 9 + 17 + 3 = 47
    // example 2: user with name (3 + 4 + 3 "ann" + 1 + 2 "Q?") = 13; assistant (3 + 9 + 2 "A.") = 14;
    //            + 3 → 13 + 14 + 3 = 30
    const r = countChatJsonl(text, chars);
    expect(r.problems).toEqual([]);
    expect(r.example_tokens).toEqual([47, 30]);
    expect(r.examples).toBe(2);
    expect(r.total_tokens).toBe(77); // 47 + 30
    expect(r.max_tokens_per_example).toBe(47);
    expect(r.mean_tokens_per_example).toBe(38.5); // 77 / 2
  });

  it('reproduces the cookbook’s 129 (gpt-4, cl100k_base) and 124 (gpt-4o, o200k_base) prompt tokens', async () => {
    // The notebook prints "129 prompt tokens counted by num_tokens_from_messages()" for gpt-4 and
    // "124 …" for gpt-4o, each equal to the API's usage.prompt_tokens for the same messages.
    const text = `${line({ messages: COOKBOOK_MESSAGES })}\n`;
    expect(countChatJsonl(text, await createTokenCounter('cl100k_base')).total_tokens).toBe(129);
    expect(countChatJsonl(text, await createTokenCounter('o200k_base')).total_tokens).toBe(124);
  });

  it('reports malformed lines with 1-based line numbers and counts the rest', () => {
    const good = line({ messages: [{ role: 'user', content: 'ok' }] }); // 3 + (3 + 4 + 2) = 12
    const text = [
      good, // 1
      '', // 2: blank, skipped silently
      '{"messages": [', // 3: truncated JSON
      line({ messages: [] }), // 4
      line({ messages: [{ role: 'user' }] }), // 5: no content
      line({ prompt: 'x', completion: 'y' }), // 6: legacy prompt/completion format
      line([1, 2]), // 7
      line({ messages: [{ content: 'no role' }] }), // 8
      line({ messages: [{ role: 'user', content: 'x', name: 7 }] }), // 9
      line({ messages: ['hi'] }), // 10
      good, // 11
    ].join('\r\n');
    const r = countChatJsonl(text, chars);
    expect(r.problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(r.problems[0]?.message).toMatch(/not valid JSON/);
    expect(r.problems[1]?.message).toMatch(/"messages" is empty/);
    expect(r.problems[2]?.message).toMatch(/messages\[0\] \(user\) has no "content"/);
    expect(r.problems[3]?.message).toMatch(/no "messages" array/);
    expect(r.problems[5]?.message).toMatch(/messages\[0\] has no "role"/);
    expect(r.problems[6]?.message).toMatch(/name should be a string/);
    expect(r.examples).toBe(2);
    expect(r.total_tokens).toBe(24); // 12 + 12
  });

  it('counts content parts, tool calls and extra string keys; ignores weight and a BOM', () => {
    const toolCalls = [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }];
    const text =
      '\uFEFF' +
      line({ messages: [
        { role: 'user', content: [{ type: 'text', text: 'ab' }, { type: 'image_url', image_url: { url: 'x' } }, { type: 'text', text: 'cd' }] },
        { role: 'assistant', content: null, tool_calls: toolCalls },
        { role: 'tool', tool_call_id: 'c1', content: 'r' },
        { role: 'assistant', content: 'ok', weight: 0 },
      ] });
    // user: 3 + 4 + 2 "ab" + 2 "cd" (the image part has no text) = 11
    // assistant call: 3 + 9 + JSON text of tool_calls
    // tool: 3 + 4 "tool" + 2 "c1" + 1 "r" = 10
    // assistant: 3 + 9 + 2 "ok" = 14 (weight is a number, not text)
    const json = JSON.stringify(toolCalls).length;
    const r = countChatJsonl(text, chars);
    expect(r.problems).toEqual([]);
    expect(r.total_tokens).toBe(3 + 11 + (12 + json) + 10 + 14);
  });

  it('gives zeros, not NaN, for a file with no valid example', () => {
    const r = countChatJsonl('not json\n', chars);
    expect(r).toMatchObject({ examples: 0, total_tokens: 0, max_tokens_per_example: 0, mean_tokens_per_example: 0 });
    expect(r.problems).toHaveLength(1);
  });

  it('property: total = Σ over examples of (3 + Σ over messages of 3 + |role| + |content| + (|name| + 1 if named))', () => {
    const message = fc.record(
      { role: fc.constantFrom('system', 'user', 'assistant'), content: fc.string(), name: fc.string({ minLength: 1 }) },
      { requiredKeys: ['role', 'content'] },
    );
    fc.assert(
      fc.property(fc.array(fc.array(message, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }), (examples) => {
        const text = examples.map((messages) => line({ messages })).join('\n');
        const expected = examples.map(
          (ms) => 3 + ms.reduce((s, m) => s + 3 + m.role.length + m.content.length + (m.name === undefined ? 0 : m.name.length + 1), 0),
        );
        const r = countChatJsonl(text, chars);
        expect(r.problems).toEqual([]);
        expect(r.example_tokens).toEqual(expected);
        expect(r.total_tokens).toBe(expected.reduce((a, b) => a + b, 0));
        expect(r.max_tokens_per_example).toBe(Math.max(...expected));
      }),
    );
  });
});
