/**
 * Token counts of an OpenAI chat fine-tuning dataset (JSONL, one `{ "messages": [...] }`
 * example per line), docs/model.md §2.3 and §6.1.
 *
 * The rule is OpenAI's cookbook `num_tokens_from_messages`
 * (openai/openai-cookbook examples/How_to_count_tokens_with_tiktoken.ipynb, commit
 * c81359cd, §6; the same function with defaults tokens_per_message=3, tokens_per_name=1 is in
 * examples/Chat_finetuning_data_prep.ipynb, commit b774cbf1):
 *
 *     for message in messages:
 *         num_tokens += 3                            # tokens_per_message
 *         for key, value in message.items():
 *             num_tokens += len(encoding.encode(value))
 *             if key == "name": num_tokens += 1       # tokens_per_name
 *     num_tokens += 3   # every reply is primed with <|start|>assistant<|message|>
 *
 * The notebook checks it against the API: its six example messages count 129 prompt tokens
 * for gpt-4 (cl100k_base) and 124 for gpt-4o (o200k_base), both equal to the API's usage.
 *
 * What the cookbook leaves open (its function would crash on a non-string value), and how
 * it is counted here:
 * - `content` given as an array of parts: the `text` of each text part; other parts (images,
 *   audio) carry no text tokens here.
 * - `content: null` with `tool_calls`/`function_call` (an assistant calling a tool): 0 tokens
 *   for the content, and the call itself counted as its JSON text (an approximation).
 * - other string values (`tool_call_id`, …) count like role and content, as the cookbook's
 *   loop over `message.items()` does; numbers and booleans (`weight`) are not text.
 * - example-level `tools`/`functions` definitions are not counted.
 * A malformed line is reported as a problem with its 1-based line number and left out of the
 * counts; blank lines are skipped.
 */
import { problemText, type ProblemMessage, type ProblemText } from '../messages/problems.js';
import { ContentMemo } from './content-memo.js';
import type { TokenCounter } from './encoder.js';

/** tokens_per_message: `<|start|>{role}<|message|>…<|end|>` framing around each message. */
const TOKENS_PER_MESSAGE = 3;
/** tokens_per_name: a message with `name` costs one token more. */
const TOKENS_PER_NAME = 1;
/** Every example is primed with `<|start|>assistant<|message|>`. */
const TOKENS_PER_EXAMPLE = 3;

export interface ChatJsonlProblem {
  /** 1-based line number in the file. */
  line: number;
  message: ProblemMessage;
}

export interface ChatJsonlCount {
  /** Lines that are valid examples. */
  examples: number;
  /** Σ tokens over valid examples: one epoch's training tokens. */
  total_tokens: number;
  max_tokens_per_example: number;
  /** total_tokens / examples; 0 when there is no valid example. */
  mean_tokens_per_example: number;
  /** Tokens of each valid example in file order (for per-example caps and distributions). */
  readonly example_tokens: readonly number[];
  readonly problems: readonly ChatJsonlProblem[];
}

type MessageResult = { tokens: number } | { problem: ProblemText };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function countMessage(message: unknown, index: number, count: TokenCounter): MessageResult {
  const at = `messages[${index}]`;
  if (!isRecord(message)) return { problem: problemText.lineNotAnObject(at, message) };
  if (typeof message.role !== 'string' || message.role === '') {
    return { problem: problemText.lineNoRole(at) };
  }
  const callsTool = message.tool_calls !== undefined || message.function_call !== undefined;
  const content = message.content;
  if (content === undefined || (content === null && !callsTool)) {
    return { problem: problemText.lineNoContent(at, message.role) };
  }
  if (content !== null && typeof content !== 'string' && !Array.isArray(content)) {
    return { problem: problemText.lineContentType(at, content) };
  }
  if ('name' in message && typeof message.name !== 'string') {
    return { problem: problemText.lineNameType(at, message.name) };
  }

  let tokens = TOKENS_PER_MESSAGE;
  for (const [key, value] of Object.entries(message)) {
    if (key === 'content') {
      if (typeof value === 'string') tokens += count(value);
      else if (Array.isArray(value)) {
        for (const [p, part] of value.entries()) {
          if (!isRecord(part)) return { problem: problemText.lineNotAnObject(`${at}.content[${p}]`, part) };
          if (part.type === 'text') {
            if (typeof part.text !== 'string') return { problem: problemText.linePartNoText(`${at}.content[${p}]`) };
            tokens += count(part.text);
          }
        }
      }
    } else if (typeof value === 'string') {
      tokens += count(value);
      if (key === 'name') tokens += TOKENS_PER_NAME;
    } else if ((key === 'tool_calls' || key === 'function_call') && value !== null) {
      tokens += count(JSON.stringify(value));
    }
  }
  return { tokens };
}

function countExample(line: string, count: TokenCounter): MessageResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (err) {
    return { problem: problemText.lineNotJson((err as Error).message) };
  }
  if (!isRecord(parsed)) return { problem: problemText.lineNotObject(parsed) };
  const messages = parsed.messages;
  if (!Array.isArray(messages)) {
    return { problem: messages === undefined ? problemText.lineNoMessages() : problemText.lineMessagesNotList(messages) };
  }
  if (messages.length === 0) return { problem: problemText.lineMessagesEmpty() };
  let tokens = TOKENS_PER_EXAMPLE;
  for (const [i, message] of messages.entries()) {
    const result = countMessage(message, i, count);
    if ('problem' in result) return result;
    tokens += result.tokens;
  }
  return { tokens };
}

// One memo per counter (tokenCounter returns one function per encoding): a dataset shared by
// the scenarios of a batch is counted once per process. Results are frozen since they are shared.
const memos = new WeakMap<TokenCounter, ContentMemo<ChatJsonlCount>>();
const DATASET_MEMO_ENTRIES = 8;

/**
 * Counts a chat JSONL dataset given as text, with a synchronous token counter. The result is
 * frozen: the same large dataset counted again with the same counter returns the same object.
 */
export function countChatJsonl(text: string, count: TokenCounter): ChatJsonlCount {
  let memo = memos.get(count);
  if (!memo) {
    // A million-example dataset's result holds a million numbers (8 MB): keep a few.
    memo = new ContentMemo<ChatJsonlCount>(DATASET_MEMO_ENTRIES);
    memos.set(count, memo);
  }
  return memo.get(text, () => {
    const result = countDataset(text, count);
    Object.freeze(result.example_tokens);
    Object.freeze(result.problems);
    result.problems.forEach((p) => Object.freeze(p));
    return Object.freeze(result);
  });
}

function countDataset(text: string, count: TokenCounter): ChatJsonlCount {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const exampleTokens: number[] = [];
  const problems: ChatJsonlProblem[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const result = countExample(line, count);
    if ('problem' in result) problems.push({ line: i + 1, message: result.problem.message });
    else exampleTokens.push(result.tokens);
  });
  let total = 0;
  let max = 0;
  for (const t of exampleTokens) {
    total += t;
    if (t > max) max = t;
  }
  return {
    examples: exampleTokens.length,
    total_tokens: total,
    max_tokens_per_example: max,
    mean_tokens_per_example: exampleTokens.length === 0 ? 0 : total / exampleTokens.length,
    example_tokens: exampleTokens,
    problems,
  };
}
