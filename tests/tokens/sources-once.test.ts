// Issue 13: "a 1M-example JSONL dataset is tokenised once per strategy (4 strategies, 4× the
// time)". Each token source (a prompt file, a corpus file, the fine-tuning dataset) is read
// and counted once per encoding per scenario, however many strategies use it.
import { describe, expect, it } from 'vitest';
import { createMemoryFs } from '../../src/io/scenario-fs.js';
import { normalizeScenario } from '../../src/scenario/normalize.js';
import { testCatalog } from '../model/fixtures.js';

// The cookbook's example conversation: 124 tokens in o200k_base by num_tokens_from_messages,
// equal to the API's count (How_to_count_tokens_with_tiktoken.ipynb, commit c81359cd).
const COOKBOOK_EXAMPLE = JSON.stringify({
  messages: [
    { role: 'system', content: 'You are a helpful, pattern-following assistant that translates corporate jargon into plain English.' },
    { role: 'system', name: 'example_user', content: 'New synergies will help drive top-line growth.' },
    { role: 'system', name: 'example_assistant', content: 'Things working well together will increase revenue.' },
    { role: 'system', name: 'example_user', content: "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage." },
    { role: 'system', name: 'example_assistant', content: "Let's talk later when we're less busy about how to do better." },
    { role: 'user', content: "This late pivot means we don't have time to boil the ocean for the client deliverable." },
  ],
});

describe('token sources are counted once per scenario', () => {
  it('reads and counts the dataset and a prompt file once for all four strategies', async () => {
    const files: Record<string, string> = {
      'train.jsonl': `${COOKBOOK_EXAMPLE}\n${COOKBOOK_EXAMPLE}\n${COOKBOOK_EXAMPLE}\n`,
      'system.md': 'hello world',
    };
    const memory = createMemoryFs(files);
    const reads = new Map<string, number>();
    const fs = {
      readText: (p: string) => {
        reads.set(p, (reads.get(p) ?? 0) + 1);
        return memory.readText(p);
      },
      listFiles: (dir: string, include?: string[]) => memory.listFiles(dir, include),
    };
    const result = await normalizeScenario(
      {
        version: 1,
        name: 'once',
        start_month: '2027-01',
        horizon_months: 1,
        workload: { queries_per_month: 1000 },
        models: { generator: 'gpt-4.1-mini' },
        prompt: { system: { file: 'system.md' }, query: { tokens: 100 }, output: { tokens: 200 } },
        knowledge: { corpus: { tokens: 1000 } },
        fine_tuning: { dataset: { file: 'train.jsonl' } },
        // No `strategies`: the four kinds, each reading the base prompt and dataset.
      },
      { catalog: testCatalog(), fs, file: 'once.yaml', today: '2026-11-21' },
    );
    if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
    const strategies = result.scenario.strategies;
    expect(strategies.map((s) => s.kind).sort()).toEqual(['fine_tuning', 'hybrid', 'prompt_only', 'rag']);
    expect(reads.get('train.jsonl')).toBe(1);
    expect(reads.get('system.md')).toBe(1);
    for (const s of strategies) {
      // 3 cookbook examples × 124 tokens = 372; "hello world" = "hello" + " world" = 2 tokens.
      expect(s.settings.fine_tuning.examples).toBe(3);
      expect(s.settings.fine_tuning.dataset_tokens).toBe(372);
      expect(s.settings.prompt.system_tokens).toBe(2);
    }
  });
});
