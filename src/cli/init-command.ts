/** `costsim init`: writes a commented starter scenario (it validates as written). */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../io/write.js';
import { problemText } from '../messages/problems.js';

/**
 * The JSON Schema this package ships (package.json "files"; written at build by
 * scripts/write-schema.mjs): two folders up from dist/cli/ (or src/cli/ under the tests).
 */
export const SHIPPED_SCHEMA = fileURLToPath(new URL('../../schema/scenario.schema.json', import.meta.url));

/**
 * The first line of a new scenario: VS Code's YAML extension (yaml-language-server) reads it
 * and validates and completes the file against the schema with no setup. The path is relative
 * to the scenario file, as the language server resolves it (redhat-developer/yaml-language-server
 * PR #499): `./node_modules/costsim/schema/scenario.schema.json` for a file at the root of a
 * project that installed costsim.
 */
export function schemaModeline(file: string, schema = SHIPPED_SCHEMA): string {
  let rel = path.relative(path.dirname(path.resolve(file)), schema).split(path.sep).join('/');
  if (!rel.startsWith('../')) rel = `./${rel}`;
  return `# yaml-language-server: $schema=${rel}\n`;
}

export const STARTER_SCENARIO = `# A costsim scenario. Every field has a default unless marked required.
# Values: numbers, "20k" / "1.5M", "3%", "$0.50", durations ("250 ms", "2 days", "1 week";
# 1 month = 730 h) or formulas over vars ("daily_chats * 30").
#
# The story this file tells (npx costsim run scenario.yaml):
# - prompt_only cannot run: the 2M-token help center does not fit in gpt-4.1-mini's
#   1M-token context window, so it is infeasible.
# - rag is recommended: it retrieves 6 chunks a query and re-indexes daily, so answers are at
#   most about a day stale, and it is the cheapest strategy that meets both targets below.
# - fine_tuning meets the targets too, but retraining daily to stay fresh costs more than
#   retrieval over this horizon; its queries are cheaper (no retrieved context), so at a
#   larger volume it can win: try --set vars.daily_chats=200k.
# - hybrid pays for both retrieval and retraining.
# Change an input and run again; --set path=value tries one without editing the file.
version: 1                          # required
name: Support assistant             # required
description: 50k chats a day over a help center that changes daily.
horizon_months: 12
# start_month: 2027-01              # default: next month

vars:
  daily_chats: 50k

workload:
  queries_per_month: daily_chats * 30   # required
  growth_per_month: 3%              # compounding
  peak_to_average: 2.5              # peak QPS / average QPS
  batch_share: 0%                   # share sent through a batch API

prompt:                             # each part: { tokens: N } | { text: "..." } | { file: path }
  system: { tokens: 400 }
  instructions: { tokens: 1200 }    # fine-tuning bakes these in
  examples: { tokens: 2500 }        # and these
  query: { tokens: 60 }             # required
  output: { tokens: 350 }           # required; decoding it is most of the latency

knowledge:
  corpus: { tokens: 2M }            # or { dir: docs/, include: ["**/*.md"] }
  change_per_month: 8%
  publish_every: 1 day              # how often the help center is published
  freshness_target: 2 days          # the oldest an answer may be

models:
  generator: gpt-4.1-mini           # catalog id (npx costsim catalog) or an inline price object
  embedding: text-embedding-3-small
  reranker: none

retrieval:
  chunk_tokens: 512
  chunk_overlap_tokens: 64
  top_k: 6
  vector_store: pinecone-serverless

fine_tuning:
  dataset: { examples: 4000, tokens_per_example: 800 }   # or { file: data/train.jsonl }
  epochs: auto
  # retrain_every: 1 month          # default: publish_every (fine_tuning), 6 months (hybrid)
  curation_usd_per_example: 0.50

caching:
  enabled: true
  hit_rate: auto                    # or a fraction
  ttl: 5 min

one_time:
  usd_per_engineer_week: 4000
  engineer_weeks: { prompt_only: 0.5, rag: 3, fine_tuning: 6, hybrid: 8 }

latency:
  network_ms: 50
  # A 350-token answer from gpt-4.1-mini takes about 5 s at the median and 7 s at the p95:
  # a target under 7 s leaves no strategy on target (try --set latency.slo_p95_ms=6000).
  slo_p95_ms: 8000

# strategies:                       # default: the four kinds
#   prompt_only: { knowledge: full }
#   rag: {}
#   fine_tuning: {}
#   hybrid: {}
#   rag-k12: { kind: rag, retrieval: { top_k: 12 } }
`;

export function initCommand(file: string, opts: { force?: boolean }): { stdout: string; stderr: string; exitCode: 0 | 2 } {
  if (existsSync(file) && !opts.force) {
    return { stdout: '', stderr: `costsim: ${problemText.initFileExists(file).message}\n`, exitCode: 2 };
  }
  writeFileAtomic(file, schemaModeline(file) + STARTER_SCENARIO);
  return { stdout: `wrote ${file}; try: npx costsim run ${file}`, stderr: '', exitCode: 0 };
}
