/**
 * Gates: the policy file (read like a scenario: positions, did-you-mean, value syntax) and
 * each rule kind passing, warning (level: warn) and failing. The figures are the fixtures'
 * hand-worked ones (tests/diff/fixtures.ts): Support bot costs $0.00056 a query, $56 a month,
 * $168 over 3 months; at the doubled input price $0.00096, $96, $288.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RunDocument } from '../../src/model/types.js';
import { evaluatePolicy, selects } from '../../src/policy/evaluate.js';
import { parsePolicy } from '../../src/policy/load.js';
import type { GateResult, Policy } from '../../src/policy/types.js';
import { DOCS, PRICE_RISE, runTexts, SUPPORT } from '../diff/fixtures.js';

function policy(text: string): Policy {
  const r = parsePolicy(text, 'policy.yaml');
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return r.policy;
}
function problems(text: string): string[] {
  const r = parsePolicy(text, 'policy.yaml');
  if (r.ok) throw new Error('expected problems');
  return r.problems;
}
const statuses = (gates: GateResult[]) => gates.map((g) => [g.rule, g.status]);

describe('policy file', () => {
  it('reads the issue example, with the scenario value syntax', () => {
    const p = policy(`version: 1
budgets:
  - scenario: Support assistant   # a scenario name or file glob; omitted = every scenario
    strategy: recommended         # or a strategy id
    monthly_usd: 20k              # in any month of the horizon
    total_usd: 200k
changes:
  max_increase: 10%               # against --compare-to
latency:
  p95_ms: 4000
verdict:
  must_be: rag
`);
    expect(p.rules).toEqual([
      { kind: 'budget', source: { path: 'budgets[0]', line: 3, column: 5 }, level: 'error', scenario: 'Support assistant', strategy: 'recommended', monthly_usd: 20_000, total_usd: 200_000 },
      { kind: 'change', source: { path: 'changes', line: 8, column: 3 }, level: 'error', strategy: 'recommended', metric: 'monthly_usd', month: 1, max_increase: { type: 'percent', value: 0.1 } },
      { kind: 'latency', source: { path: 'latency', line: 10, column: 3 }, level: 'error', strategy: 'recommended', p95_ms: 4000 },
      { kind: 'verdict', source: { path: 'verdict', line: 12, column: 3 }, level: 'error', must_be: ['rag'] },
    ]);
  });

  it('reads dollars, durations and lists of rules', () => {
    const p = policy(`version: 1
budgets: [{ per_query_usd: $0.002, level: warn }]
changes: [{ max_increase: $500 }, { max_increase: 5%, metric: total_usd }]
latency: { ttft_p95_ms: 1.5 s }
`);
    expect(p.rules.map((r) => r.kind)).toEqual(['budget', 'change', 'change', 'latency']);
    expect(p.rules[0]).toMatchObject({ per_query_usd: 0.002, level: 'warn' });
    expect(p.rules[1]).toMatchObject({ max_increase: { type: 'usd', value: 500 } });
    expect(p.rules[2]).toMatchObject({ metric: 'total_usd', max_increase: { type: 'percent', value: 0.05 } });
    expect(p.rules[3]).toMatchObject({ ttft_p95_ms: 1500 });
  });

  it('reports every problem with file, line, column, field path and a fix', () => {
    expect(
      problems(`version: 1
budgets:
  - montly_usd: 20k
    scenario: x
latency:
  p95_ms: fast
changes:
  max_increase: 10
verdict:
  level: loud
  must_be: rag
`),
    ).toEqual([
      'policy.yaml:3:5: budgets[0].montly_usd: unknown key "montly_usd" (did you mean "monthly_usd"?)',
      'policy.yaml:10:10: verdict.level: expected "error" (fail the check) or "warn" (report only)',
    ]);
    // The shape is right; now the values.
    expect(
      problems(`version: 1
budgets:
  - scenario: x
latency:
  p95_ms: fast
changes:
  max_increase: 10
`),
    ).toEqual([
      'policy.yaml:3:5: budgets[0]: sets no limit: give monthly_usd, total_usd, per_query_usd or p90_total_usd',
      'policy.yaml:5:11: latency.p95_ms: expected a time in milliseconds (e.g. 50) or a duration with a unit (e.g. "250 ms"); got "fast"',
      'policy.yaml:7:17: changes.max_increase: write a percentage of the base figure ("10%") or an amount in dollars ("$500"); got 10',
    ]);
  });

  it('refuses formulas, a wrong version, an empty file and duplicate keys', () => {
    expect(problems('version: 1\nbudgets: [{ total_usd: "a * 2" }]\n')[0]).toContain('formulas are not read here');
    expect(problems('version: 2\nlatency: { p95_ms: 1 }\n')).toEqual(['policy.yaml:1:10: version: expected version: 1']);
    expect(problems('')).toEqual(['policy.yaml: the policy file is empty: write at least "version: 1" and one rule']);
    expect(problems('version: 1\nlatency: { p95_ms: 1 }\nlatency: { p95_ms: 2 }\n')[0]).toMatch(/^policy\.yaml:3:1: .*duplicate key "latency"/);
    expect(problems('version: 1\n')).toEqual(['policy.yaml:1:1: the policy has no rules: add budgets, changes, latency or verdict']);
  });
});

describe('gates', async () => {
  const base = await runTexts({ 'support.yaml': SUPPORT, 'docs.yaml': DOCS });
  const head = await runTexts({ 'support.yaml': SUPPORT, 'docs.yaml': DOCS }, PRICE_RISE);
  const check = (text: string, after: RunDocument = base, before?: RunDocument) => evaluatePolicy(policy(text), after, before);

  it('budgets: monthly (any month or one month), total and per query — pass, warn, fail', () => {
    const gates = check(`version: 1
budgets:
  - { scenario: Support bot, monthly_usd: 60, total_usd: $200, per_query_usd: 0.001 }
  - { scenario: Support bot, monthly_usd: 50, month: 2, total_usd: 150, per_query_usd: 0.0005 }
  - { scenario: Support bot, monthly_usd: 50, level: warn }
`);
    expect(statuses(gates)).toEqual([
      ['budgets[0].monthly_usd', 'pass'],
      ['budgets[0].total_usd', 'pass'],
      ['budgets[0].per_query_usd', 'pass'],
      ['budgets[1].monthly_usd', 'fail'],
      ['budgets[1].total_usd', 'fail'],
      ['budgets[1].per_query_usd', 'fail'],
      ['budgets[2].monthly_usd', 'warn'],
    ]);
    const fail = gates[3]!;
    expect(fail).toMatchObject({ scenario: 'Support bot', strategy: 'prompt_only', limit: 50, where: 'policy.yaml:4:5' });
    expect(fail.figure).toBeCloseTo(56, 9); // 100k × $0.00056
    expect(fail.message).toBe('month 2 (2027-02): $56.00 is over the limit $50.00');
    expect(gates[4]!.figure).toBeCloseTo(168, 9); // 3 × $56
    expect(gates[5]!.figure).toBeCloseTo(0.00056, 15);
  });

  it('budgets: a strategy by id, and one the scenario does not have', () => {
    const gates = check(`version: 1
budgets:
  - { scenario: Docs assistant, strategy: rag, monthly_usd: 40 }
  - { scenario: Docs assistant, strategy: hybrid, monthly_usd: 40 }
`);
    expect(statuses(gates)).toEqual([
      ['budgets[0].monthly_usd', 'fail'], // the $50 store minimum alone is over $40
      ['budgets[1].monthly_usd', 'fail'],
    ]);
    expect(gates[1]!.message).toContain('the scenario has no strategy "hybrid" (it has prompt_only, rag)');
  });

  it('budgets: P90 of the total needs ranges; without them it is "not available", never a pass', () => {
    const gates = check(`version: 1
budgets:
  - { scenario: Support bot, p90_total_usd: 1M }
  - { scenario: Support bot, p90_total_usd: 1M, level: warn }
`);
    expect(statuses(gates)).toEqual([
      ['budgets[0].p90_total_usd', 'fail'],
      ['budgets[1].p90_total_usd', 'warn'],
    ]);
    expect(gates[0]!.message).toContain('not available: the scenario has no ranges');
  });

  it('budgets: P90 of the total from a real run with ranges (help-center-rag)', () => {
    // The bundled scenario with ranges, as `npm start` (costsim run --out charts) writes it.
    const projection = JSON.parse(readFileSync('charts/help-center-rag/projection.json', 'utf8')) as RunDocument['results'][number];
    const p90 = projection.uncertainty!.strategies.find((x) => x.id === 'rag')!.total_usd!.p90;
    expect(p90).toBeGreaterThan(projection.strategies.find((x) => x.id === 'rag')!.total_usd!);
    const run: RunDocument = { schema: 'costsim.run/v1', results: [projection], errors: [] };
    const policy = parsePolicy(
      `version: 1
budgets:
  - { scenario: Help center support (RAG), strategy: rag, p90_total_usd: ${Math.ceil(p90) + 1} }
  - { scenario: Help center support (RAG), strategy: rag, p90_total_usd: ${Math.floor(p90) - 1} }
`,
      'policy.yaml',
    );
    if (!policy.ok) throw new Error(JSON.stringify(policy.problems));
    expect(evaluatePolicy(policy.policy, run).map((g) => g.status)).toEqual(['pass', 'fail']);
  });

  it('budgets: P90 of the total read from the ranges output (projection.uncertainty)', () => {
    // The ranges output as the ranges work writes it: P10/P50/P90 of each strategy's total.
    const withRanges = structuredClone(base);
    const support = withRanges.results[0]! as unknown as { uncertainty: unknown };
    support.uncertainty = { strategies: [{ id: 'prompt_only', total_usd: { p10: 150, p50: 168, p90: 190 } }] };
    const gates = check(
      `version: 1
budgets:
  - { scenario: Support bot, p90_total_usd: 200 }
  - { scenario: Support bot, p90_total_usd: 180 }
  - { scenario: Support bot, p90_total_usd: 180, level: warn }
`,
      withRanges,
    );
    expect(statuses(gates)).toEqual([
      ['budgets[0].p90_total_usd', 'pass'],
      ['budgets[1].p90_total_usd', 'fail'],
      ['budgets[2].p90_total_usd', 'warn'],
    ]);
    expect(gates[1]!.message).toBe('P90 of the horizon total: $190 is over the limit $180');
  });

  it('changes: max_increase in percent or dollars against the baseline', () => {
    // Support bot month 1: $56 → $96, +$40 = +71.4%; Docs assistant: $8.26 → $16.36, +$8.10 = +98.1%.
    const gates = check(
      `version: 1
changes:
  - { scenario: Support bot, max_increase: 80% }
  - { scenario: Support bot, max_increase: 10% }
  - { scenario: Support bot, max_increase: $50 }
  - { scenario: Support bot, max_increase: $30 }
  - { scenario: Support bot, max_increase: $30, level: warn }
  - { scenario: Docs assistant, max_increase: 90%, metric: total_usd }
`,
      head,
      base,
    );
    expect(statuses(gates)).toEqual([
      ['changes[0].max_increase', 'pass'],
      ['changes[1].max_increase', 'fail'],
      ['changes[2].max_increase', 'pass'],
      ['changes[3].max_increase', 'fail'],
      ['changes[4].max_increase', 'warn'],
      ['changes[5].max_increase', 'fail'], // 3 × $8.26 = $24.78 → 3 × $16.36 = $49.08: +98.1%
    ]);
    expect(gates[1]!.figure).toBeCloseTo(40 / 56, 12);
    expect(gates[1]!.message).toBe('month 1: $56.00 → $96.00, +71.4%; over the limit +10%');
    expect(gates[3]!.figure).toBeCloseTo(40, 9);
    expect(gates[5]!.figure).toBeCloseTo((49.08 - 24.78) / 24.78, 9);
  });

  it('changes: a scenario the baseline does not have is skipped', () => {
    const gates = check('version: 1\nchanges: { max_increase: 10% }\n', base, { schema: 'costsim.run/v1', results: base.results.slice(0, 1), errors: [] });
    expect(statuses(gates)).toEqual([
      ['changes.max_increase', 'pass'], // Support bot: unchanged
      ['changes.max_increase', 'skip'], // Docs assistant: new
    ]);
  });

  it('latency: p95 and TTFT p95 of the recommended strategy', () => {
    const gates = check(`version: 1
latency:
  - { scenario: Support bot, p95_ms: 60 s, ttft_p95_ms: 30 s }
  - { scenario: Support bot, p95_ms: 100, ttft_p95_ms: 10 }
  - { scenario: Support bot, p95_ms: 100, level: warn }
`);
    expect(statuses(gates)).toEqual([
      ['latency[0].p95_ms', 'pass'],
      ['latency[0].ttft_p95_ms', 'pass'],
      ['latency[1].p95_ms', 'fail'],
      ['latency[1].ttft_p95_ms', 'fail'],
      ['latency[2].p95_ms', 'warn'],
    ]);
    const lat = base.results[0]!.strategies[0]!.per_query.latency_ms!;
    expect(gates[2]!.figure).toBe(lat.p95);
    expect(gates[3]!.figure).toBe(lat.ttft_p95);
    // 100 ms is below the 50 ms network round trip plus any model time: a sure fail.
    expect(gates[2]!.message).toMatch(/^latency p95: [\d,]+ ms is over the limit 100 ms$/);
  });

  it('verdict: must_be (an id or a kind) and must_have_feasible', async () => {
    const variant = DOCS.replace('queries_per_month: 1k', 'queries_per_month: 200k').replace('rag: {} }', 'rag-k3: { kind: rag, retrieval: { top_k: 3 } } }');
    const infeasible = SUPPORT.replace('name: Support bot', 'name: Too big').replace('strategies: { prompt_only: { knowledge: none } }', 'knowledge: { corpus: { tokens: 2M } }\nstrategies: { prompt_only: { knowledge: full } }');
    const run = await runTexts({ 'docs.yaml': variant, 'too-big.yaml': infeasible });
    const gates = check(
      `version: 1
verdict:
  - { scenario: Docs assistant, must_be: rag }
  - { scenario: Docs assistant, must_be: [prompt_only, fine_tuning] }
  - { scenario: Docs assistant, must_be: prompt_only, level: warn }
  - { scenario: Docs assistant, must_have_feasible: true }
  - { scenario: Too big, must_have_feasible: true }
  - { scenario: Too big, must_have_feasible: true, level: warn }
`,
      run,
    );
    expect(statuses(gates)).toEqual([
      ['verdict[0].must_be', 'pass'], // rag-k3 is of kind rag
      ['verdict[1].must_be', 'fail'],
      ['verdict[2].must_be', 'warn'],
      ['verdict[3].must_have_feasible', 'pass'],
      ['verdict[4].must_have_feasible', 'fail'], // a 2M-token prompt exceeds gpt-4.1-mini's 1,047,576-token window
      ['verdict[5].must_have_feasible', 'warn'],
    ]);
    expect(gates[1]!.message).toBe('the verdict is rag-k3; it must be prompt_only or fine_tuning');
  });

  it('a scenario selector that matches nothing fails (a typo cannot switch a gate off)', () => {
    const gates = check('version: 1\nlatency: [{ scenario: Suport bot, p95_ms: 60 s }, { scenario: Nobody, p95_ms: 1, level: warn }]\n');
    expect(statuses(gates)).toEqual([
      ['latency[0]', 'fail'],
      ['latency[1]', 'warn'],
    ]);
    expect(gates[0]!.message).toContain('matches no scenario');
  });

  it('selects scenarios by name, by file, or by a glob over files', () => {
    const support = base.results[0]!;
    expect(selects('Support bot', support)).toBe(true);
    expect(selects('scenarios/support.yaml', support)).toBe(true);
    expect(selects('./scenarios/support.yaml', support)).toBe(true);
    expect(selects('scenarios/s*.yaml', support)).toBe(true);
    expect(selects('sup*', support)).toBe(true); // no "/": the base name
    expect(selects('scenarios/d*.yaml', support)).toBe(false);
    expect(selects('support bot', support)).toBe(false); // names are exact
  });
});
