/**
 * How many hidden reasoning tokens one query spends, and how the figure was obtained. Cost
 * (billed as output tokens) and latency (decoded before the first visible token) use this one
 * figure.
 *
 *   prompt.reasoning.tokens: N   → N (the scenario's own figure)
 *   prompt.reasoning.effort: E   → (TTFT at E − TTFT at the base effort) × output speed at E,
 *                                  from the generator's latency profile (Artificial Analysis)
 *   nothing, model reasons unasked (always / default)
 *                                → the same estimate at the profile's default effort; no profile
 *                                  figure = unknown (null), never 0
 *   nothing, model reasons only on request (Claude) or not at all → 0
 */
import type { ReasoningEfforts } from '../catalog/types.js';
import type { ScenarioSettings } from '../scenario/types.js';

interface ReasoningFigure {
  /** Tokens per query; null = the model reasons and nobody knows how much. */
  tokens: number | null;
  /** How the figure was obtained, for the output ("" when the model does not reason). */
  how: string;
}

const MS_PER_S = 1000;

/** Reasoning tokens of one named effort: (its TTFT − the base TTFT) × its output speed. */
function effortTokens(r: ReasoningEfforts, effort: string): number | null {
  const e = r.efforts[effort];
  const base = r.efforts[r.base];
  if (!e || !base) return null;
  return (Math.max(0, e.ttft_ms - base.ttft_ms) / MS_PER_S) * e.output_tokens_per_s;
}

function describeEffort(r: ReasoningEfforts, effort: string, source: string): string {
  const e = r.efforts[effort]!;
  const base = r.efforts[r.base]!;
  const s = (ms: number) => `${(ms / MS_PER_S).toLocaleString('en-US', { maximumFractionDigits: 2 })} s`;
  return `effort "${effort}": (TTFT ${s(e.ttft_ms)} − ${s(base.ttft_ms)} at "${r.base}") × ${e.output_tokens_per_s} tok/s (${source})`;
}

export function reasoningFor(s: ScenarioSettings): ReasoningFigure {
  const g = s.models.generator;
  const profile = g.latency;
  const asked = s.prompt.reasoning;
  const source = profile ? `${profile.source.name}, ${profile.source.as_of}` : '';
  if (asked !== null && 'tokens' in asked) return { tokens: asked.tokens, how: 'prompt.reasoning.tokens in the scenario' };
  if (asked !== null && profile?.reasoning) {
    const tokens = effortTokens(profile.reasoning, asked.effort);
    if (tokens !== null) return { tokens, how: describeEffort(profile.reasoning, asked.effort, source) };
  }
  const mode = g.entry.reasoning;
  if (mode === 'none' || mode === 'on_request') return { tokens: 0, how: '' };
  if (profile?.reasoning) {
    const r = profile.reasoning;
    const tokens = effortTokens(r, r.default);
    if (tokens !== null) return { tokens, how: `the model's default, ${describeEffort(r, r.default, source)}` };
  }
  return { tokens: null, how: '' };
}
