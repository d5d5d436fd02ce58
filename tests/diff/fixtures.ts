/**
 * Small scenarios for the diff, comment and gate tests, run through the real loader and model.
 * Their figures are simple enough to work out by hand (see each test), with the bundled
 * catalog's gpt-4.1-mini at $0.40 / $1.60 per 1M input / output tokens (OpenAI pricing page,
 * as captured in src/catalog/data/models.json) and caching off.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadCatalog } from '../../src/catalog/load.js';
import { simulate } from '../../src/model/simulate.js';
import type { Projection, RunDocument } from '../../src/model/types.js';
import { loadScenario } from '../../src/scenario/load.js';

/** 100k queries a month of 940 + 60 input and 100 output tokens, prompt only: $56 a month. */
export const SUPPORT = `version: 1
name: Support bot
horizon_months: 3
start_month: 2027-01
workload: { queries_per_month: 100k }
prompt: { system: { tokens: 940 }, query: { tokens: 60 }, output: { tokens: 100 } }
caching: { enabled: false }
latency: { samples: 2000 }
strategies: { prompt_only: { knowledge: none } }
`;

/** A 20k-token corpus: at 1k queries a month the whole corpus in the prompt beats RAG's $50 store minimum. */
export const DOCS = `version: 1
name: Docs assistant
horizon_months: 3
start_month: 2027-01
workload: { queries_per_month: 1k }
prompt: { system: { tokens: 200 }, query: { tokens: 50 }, output: { tokens: 100 } }
knowledge: { corpus: { tokens: 20k } }
caching: { enabled: false }
latency: { samples: 2000 }
strategies: { prompt_only: { knowledge: full }, rag: {} }
`;

/** gpt-4.1-mini's input price doubled ($0.40 → $0.80 per 1M), dated after the bundled catalog. */
export const PRICE_RISE = `source: { name: "test: a price rise", as_of: "2026-12-01" }
models:
  gpt-4.1-mini: { provider: openai, mode: chat, input_usd_per_1m: 0.8, output_usd_per_1m: 1.6, context_window: 1047576, max_output_tokens: 32768 }
`;

/** Runs scenario texts (file name → YAML) as `costsim run` would; files are named `scenarios/<name>`. */
export async function runTexts(files: Record<string, string>, catalogText?: string): Promise<RunDocument> {
  const dir = mkdtempSync(path.join(tmpdir(), 'costsim-diff-'));
  try {
    let catalog = loadCatalog();
    if (catalogText !== undefined) {
      writeFileSync(path.join(dir, 'catalog.yaml'), catalogText);
      catalog = loadCatalog({ extraFile: path.join(dir, 'catalog.yaml') });
    }
    const results: Projection[] = [];
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(path.join(dir, name), text);
      const loaded = await loadScenario(path.join(dir, name), { catalog, today: '2026-11-21', allowOutside: false });
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
      const p = simulate(loaded.scenario, catalog);
      p.scenario.file = `scenarios/${name}`;
      results.push(p);
    }
    return { schema: 'costsim.run/v1', results, errors: [] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
