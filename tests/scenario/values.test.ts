import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ValueKind,
  VALUE_KINDS,
  loadExpressionEngine,
  needsExpressionEngine,
  parseValue,
  parseValueAsync,
  resolveVars,
} from '../../src/scenario/values.js';
import { problemText } from '../../src/messages/problems.js';
import { freshModule } from '../fresh-module.js';

const noVars: Record<string, number> = {};

function ok(raw: unknown, kind: ValueKind, vars: Record<string, number> = noVars): number {
  const r = parseValue(raw, kind, vars);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(raw)} to parse, got: ${r.message}`);
  return r.value;
}

function err(raw: unknown, kind: ValueKind, vars: Record<string, number> = noVars): string {
  const r = parseValue(raw, kind, vars);
  if (r.ok) throw new Error(`expected ${JSON.stringify(raw)} to fail, got ${r.value}`);
  return r.message;
}

describe('before the expression engine is loaded', () => {
  it('reads literals without loading mathjs, and reports a formula instead of throwing', async () => {
    const fresh = await freshModule<typeof import('../../src/scenario/values.js')>('../../src/scenario/values.js', import.meta.url);
    expect(fresh.parseValue('20k', 'number', {})).toEqual({ ok: true, value: 20000 });
    expect(fresh.parseValue('2 days', 'duration_hours', {})).toEqual({ ok: true, value: 48 });
    expect(fresh.parseValue('x', 'number', { x: 7 })).toEqual({ ok: true, value: 7 });
    expect(fresh.isExpressionEngineLoaded()).toBe(false);
    expect(fresh.parseValue('x * 2', 'number', { x: 7 })).toEqual({ ok: false, ...problemText.engineNotLoaded('x * 2') });
    // prepareValues loads nothing when no value is a formula…
    await fresh.prepareValues([1, '3%', '2 days', 'x']);
    expect(fresh.isExpressionEngineLoaded()).toBe(false);
    // …and loads the engine when one is.
    await fresh.prepareValues([1, 'x * 2']);
    expect(fresh.isExpressionEngineLoaded()).toBe(true);
    expect(fresh.parseValue('x * 2', 'number', { x: 7 })).toEqual({ ok: true, value: 14 });
  });
});

describe('needsExpressionEngine', () => {
  it.each([
    [20, false],
    ['20k', false],
    ['1.5 M', false],
    ['3%', false],
    ['250 ms', false],
    ['$4k', false],
    ['daily_chats', false],
    ['cycle week', false],
    ['5 m', false], // an error, found without mathjs
    ['€0.50', false], // another currency: an error, found without mathjs
    ['4000 * EUR', true], // a formula over a var named EUR
    ['daily_chats * 30', true],
    ['(a + b) / 2', true],
    ['(a + b) / 2 days', true],
    ['50k * 30', true],
    ['import("fs")', true],
  ] as const)('%j → %s', (raw, expected) => {
    expect(needsExpressionEngine(raw)).toBe(expected);
  });
});

describe('parseValue', () => {
  beforeAll(async () => {
    await loadExpressionEngine();
  });

  describe('numbers, SI suffixes and percentages', () => {
    it.each([
      [42, 'number', 42],
      [-1.5, 'number', -1.5],
      ['42', 'number', 42],
      [' 0.5 ', 'number', 0.5],
      ['1e6', 'number', 1e6],
      ['20k', 'number', 20_000], // 20 × 10^3
      ['20K', 'number', 20_000],
      ['1.5M', 'number', 1_500_000], // 1.5 × 10^6
      ['1.5 M', 'number', 1_500_000],
      ['2B', 'number', 2e9], // 2 × 10^9
      ['2G', 'number', 2e9],
      ['1T', 'number', 1e12],
      ['1.1k', 'count', 1100], // shifted as a decimal: 1.1e3, not 1.1 × 1000 = 1100.0000000000002
      ['50_000', 'count', 50_000],
      ['50,000', 'count', 50_000],
      ['1,234,567.5', 'number', 1_234_567.5],
      ['-3%', 'number', -0.03],
      ['3%', 'number', 0.03], // 3 / 100
      ['3%', 'fraction', 0.03],
      ['0.08', 'fraction', 0.08],
      ['100%', 'fraction', 1],
      ['18M', 'tokens', 18_000_000],
      ['18M tokens', 'tokens', 18_000_000],
      ['1200 tokens', 'tokens', 1200],
      ['0.5', 'usd', 0.5],
      ['$0.50', 'usd', 0.5],
      ['$4k', 'usd', 4000],
      [6, 'count', 6],
      [0, 'duration_hours', 0], // zero needs no unit
      ['0', 'duration_s', 0],
      ['-0', 'number', 0],
    ] as const)('%j as %s → %d', (raw, kind, expected) => {
      expect(ok(raw, kind)).toBe(expected); // toBe is Object.is: -0 would not equal 0
    });
  });

  describe('durations', () => {
    it.each([
      ['250 ms', 'duration_ms', 250],
      ['250 ms', 'duration_s', 0.25], // 250 / 1000
      ['250ms', 'ms', 250],
      ['0.25 s', 'ms', 250], // 0.25 × 1000
      [50, 'ms', 50], // a bare number in an ms field is ms
      ['30 s', 'duration_s', 30],
      ['5 min', 'duration_s', 300], // 5 × 60
      ['5 min', 'duration_hours', 5 / 60], // 5 × 60 000 ms / 3 600 000 ms
      ['36 h', 'duration_hours', 36],
      ['36h', 'duration_hours', 36],
      ['1.5 hours', 'duration_s', 5400], // 1.5 × 3600
      ['2 days', 'duration_hours', 48], // 2 × 24
      ['2d', 'duration_hours', 48],
      ['2 Days', 'duration_hours', 48],
      ['1 week', 'duration_hours', 168], // 7 × 24
      ['2 weeks', 'duration_hours', 336], // 2 × 168
      ['1 month', 'duration_hours', 730], // docs/model.md §1: 1 month = 730 h
      ['6 months', 'duration_hours', 4380], // 6 × 730
      ['1 month', 'duration_s', 2_628_000], // 730 × 3600
      ['1 year', 'duration_hours', 8760], // 12 × 730 = 365 × 24
      ['1.5k h', 'duration_hours', 1500],
      ['0 h', 'duration_hours', 0],
      ['3 mo', 'duration_hours', 2190], // 3 × 730
      ['90 mins', 'duration_hours', 1.5], // 90 × 60 000 / 3 600 000
    ] as const)('%j as %s → %d', (raw, kind, expected) => {
      expect(ok(raw, kind)).toBe(expected);
    });
  });

  describe('formulas over vars', () => {
    const vars = { daily_chats: 50_000, a: 3, b: 5, base: 200, weeks: 2 };
    it.each([
      ['daily_chats * 30', 'number', 1_500_000], // 50 000 × 30
      ['daily_chats', 'count', 50_000],
      ['(a+b)/2', 'number', 4], // (3 + 5) / 2
      ['(a + b) / 2', 'number', 4],
      ['50k * 30', 'number', 1_500_000], // 50 000 × 30
      ['1.5M / 3', 'number', 500_000],
      ['base * 50%', 'number', 100], // 200 × 0.5
      ['base * 50% + 1', 'number', 101], // the % is a percentage, not a remainder: 200 × 0.5 + 1
      ['(a + b)%', 'fraction', 0.08], // (3 + 5) / 100
      ['a^2 - b', 'number', 4], // 9 − 5
      ['-a + +b', 'number', 2], // −3 + 5
      ['max(a, b) * 2', 'number', 10],
      ['min(a, b, 1)', 'number', 1],
      ['ceil(b / a)', 'count', 2], // ceil(1.67)
      ['floor(b / a)', 'count', 1],
      ['round(b / 2)', 'count', 3], // round(2.5) → 3 (half away from zero)
      ['sqrt(16) + abs(-a)', 'number', 7], // 4 + 3
      ['log(exp(2))', 'number', 2],
      ['log10(1000)', 'number', 3],
      ['2 * a', 'count', 6],
      ['(a + b) / 2 days', 'duration_hours', 96], // 4 days × 24
      ['weeks week', 'duration_hours', 336], // 2 × 168
      ['weeks * 2 h', 'duration_hours', 4],
      ['daily_chats * 30 tokens', 'tokens', 1_500_000],
    ] as const)('%j as %s → %d', (raw, kind, expected) => {
      expect(ok(raw, kind, vars)).toBe(expected);
    });

    it('parseValueAsync loads the engine on demand', async () => {
      expect(await parseValueAsync('a * b', 'number', vars)).toEqual({ ok: true, value: 15 });
    });
  });

  describe('errors: exact messages', () => {
    const vars = { daily_chats: 50_000, top_k: 6 };
    it.each([
      // a duration field with no unit (docs/model.md §2.2)
      [3, 'duration_hours', 'expected a duration with a unit, e.g. "2 days" or "36 h"; got 3'],
      ['3', 'duration_hours', 'expected a duration with a unit, e.g. "2 days" or "36 h"; got "3"'],
      ['3%', 'duration_hours', 'a percentage is not expected here: expected a duration with a unit, e.g. "2 days" or "36 h"; got "3%"'],
      ['daily_chats', 'duration_s', 'expected a duration with a unit, e.g. "5 min" or "30 s"; got "daily_chats"'],
      [
        'abc',
        'number',
        'expected a number, a percentage ("3%") or an expression over vars; got "abc", which is not the name of a var',
      ],
      [true, 'number', 'expected a number, a percentage ("3%") or an expression over vars; got true'],
      [null, 'count', 'expected a whole number (e.g. 6, "20k" or an expression over vars); got nothing'],
      [[1], 'number', 'expected a number, a percentage ("3%") or an expression over vars; got a list'],
      ['', 'number', 'expected a number, a percentage ("3%") or an expression over vars; got ""'],
      ['5 m', 'duration_s', '"m" is ambiguous in "5 m": write "min" for minutes, "ms" for milliseconds or "M" for millions'],
      ['5m', 'number', '"m" is ambiguous in "5m": write "min" for minutes, "ms" for milliseconds or "M" for millions'],
      ['2b', 'number', 'unknown suffix "b" in "2b": a number may end with k, M, B (or G), T, % (did you mean "B"?)'],
      // Another currency is named as one, not as a formula mathjs cannot read.
      ['€0.50', 'usd', 'costsim reads amounts in US dollars, not €; got "€0.50": convert it to dollars and write a plain number or "$…"'],
      ['£4k', 'usd', 'costsim reads amounts in US dollars, not £; got "£4k": convert it to dollars and write a plain number or "$…"'],
      ['4000 eur', 'usd', 'costsim reads amounts in US dollars, not EUR; got "4000 eur": convert it to dollars and write a plain number or "$…"'],
      [
        '3 fortnights',
        'duration_hours',
        'unknown suffix "fortnights" in "3 fortnights": a number may end with k, M, B (or G), T, % or a duration unit (ms, s, min, h, day, week, month, year)',
      ],
      [
        '2 days',
        'number',
        'a duration is not expected here: expected a number, a percentage ("3%") or an expression over vars; got "2 days"',
      ],
      ['5%', 'count', 'a percentage is not expected here: expected a whole number (e.g. 6, "20k" or an expression over vars); got "5%"'],
      ['$5', 'tokens', 'an amount in dollars is not expected here: expected a token count (e.g. 1200, "20k" or "18M"); got "$5"'],
      ['5 tokens', 'usd', '"tokens" is not a unit of this field: expected an amount in USD (e.g. 0.5, "$0.50" or "4k"); got "5 tokens"'],
      [8, 'fraction', 'expected a fraction between 0 and 1 or a percentage (e.g. 0.08 or "8%"); got 8 (for a percentage, write "8%")'],
      ['120%', 'fraction', 'expected a fraction between 0 and 1 or a percentage (e.g. 0.08 or "8%"); got "120%" = 1.2'],
      [2.5, 'count', 'expected a whole number; got 2.5'],
      ['top_k / 4', 'count', 'expected a whole number; got "top_k / 4" = 1.5'],
      [-5, 'tokens', 'must not be negative; got -5'],
      ['-2 h', 'duration_hours', 'must not be negative; got "-2 h" = -2'],
      [Number.POSITIVE_INFINITY, 'number', 'Infinity does not give a finite number (a division by zero, or too large?)'],
      ['1e400', 'number', '"1e400" does not give a finite number (a division by zero, or too large?)'],
      ['1/0', 'number', '"1/0" does not give a finite number (a division by zero, or too large?)'],
      ['daily_chats / (top_k - 6)', 'number', '"daily_chats / (top_k - 6)" does not give a finite number (a division by zero, or too large?)'],
      ['sqrt(-1)', 'number', '"sqrt(-1)" does not give a finite number (a division by zero, or too large?)'],
      // code, not formulas
      ['import("fs")', 'number', 'function "import" is not allowed in a formula; allowed: abs, ceil, exp, floor, log, log10, max, min, round, sqrt'],
      ['createUnit("x")', 'number', 'function "createUnit" is not allowed in a formula; allowed: abs, ceil, exp, floor, log, log10, max, min, round, sqrt'],
      ['evaluate("1")', 'number', 'function "evaluate" is not allowed in a formula; allowed: abs, ceil, exp, floor, log, log10, max, min, round, sqrt'],
      ['parse("1")', 'number', 'function "parse" is not allowed in a formula; allowed: abs, ceil, exp, floor, log, log10, max, min, round, sqrt'],
      ['f(x) = x', 'number', 'a function definition ("f(x) = ...") is not allowed: a formula is arithmetic over numbers and vars; got "f(x) = x"'],
      ['a = 3', 'number', 'an assignment ("a = 3") is not allowed: a formula is arithmetic over numbers and vars; got "a = 3"'],
      ['a.b', 'number', 'property or index access ("a.b", "a[1]") is not allowed: a formula is arithmetic over numbers and vars; got "a.b"'],
      ['top_k[1]', 'number', 'property or index access ("a.b", "a[1]") is not allowed: a formula is arithmetic over numbers and vars; got "top_k[1]"'],
      ['[1,2]', 'number', 'a list or matrix ("[1, 2]") is not allowed: a formula is arithmetic over numbers and vars; got "[1,2]"'],
      ['"str"', 'number', 'text is not allowed: a formula is arithmetic over numbers and vars; got "\\"str\\""'],
      ['top_k > 3 ? 1 : 2', 'number', 'a condition ("a ? b : c") is not allowed: a formula is arithmetic over numbers and vars; got "top_k > 3 ? 1 : 2"'],
      ['top_k > 3', 'number', 'the operator ">" is not allowed: a formula is arithmetic over numbers and vars; got "top_k > 3"'],
      ['1; 2', 'number', 'more than one statement is not allowed: a formula is arithmetic over numbers and vars; got "1; 2"'],
      ['top_k!', 'number', 'the operator "!" is not allowed: a formula is arithmetic over numbers and vars; got "top_k!"'],
      ['10 % 3', 'number', 'the operator "%" (remainder) is not allowed in "10 % 3"; a percentage goes right after a number, e.g. "3%"'],
      ['2 top_k', 'number', 'write "*" between factors in "2 top_k" (e.g. "2 * x", not "2x" or "2 x")'],
      ['sin(1) * 2', 'number', 'function "sin" is not allowed in a formula; allowed: abs, ceil, exp, floor, log, log10, max, min, round, sqrt (did you mean "min"?)'],
      // names
      [
        'daily_chat * 30',
        'number',
        'unknown name "daily_chat" in "daily_chat * 30": a formula may use only the names defined under vars (did you mean "daily_chats"?)',
      ],
      ['pi * 2', 'number', 'unknown name "pi" in "pi * 2": a formula may use only the names defined under vars'],
      ['50x * 2', 'number', 'unknown suffix "x" in "50x * 2": a number may end with k, M, B (or G), T, %'],
      [
        '2days * 2',
        'duration_hours',
        'a unit ("days") cannot stand inside a formula in "2days * 2": put one unit at the end, e.g. "(a + b) / 2 days"',
      ],
      ['(1 + ', 'number', 'could not read the formula "(1 + ": Unexpected end of expression'],
      ['x'.repeat(501), 'number', 'a value may be at most 500 characters long; got 501'],
    ] as const)('%j as %s', (raw, kind, message) => {
      expect(err(raw, kind, vars)).toBe(message);
    });

    it('says "no vars are defined" when there are none', () => {
      expect(err('abc', 'number')).toBe(
        'expected a number, a percentage ("3%") or an expression over vars; got "abc", which is not the name of a var (no vars are defined)',
      );
      expect(err('abc * 2', 'number')).toBe(
        'unknown name "abc" in "abc * 2": a formula may use only the names defined under vars (none are defined)',
      );
    });

    it('says when a var it uses has a problem of its own', () => {
      const r = parseValue('broken * 2', 'number', {}, { invalidVars: new Set(['broken']) });
      expect(r).toMatchObject({ ok: false, message: 'uses var "broken", which has a problem of its own' });
      expect(parseValue('broken', 'number', {}, { invalidVars: new Set(['broken']) })).toEqual(r);
    });

    it('does not reach object members through names', () => {
      expect(err('constructor', 'number', vars)).toContain('which is not the name of a var');
      expect(err('toString * 1', 'number', vars)).toContain('unknown name "toString"');
      expect(err('__proto__ * 1', 'number', vars)).toContain('unknown name "__proto__"');
    });

    it('refuses deep nesting without overflowing the stack', () => {
      const deep = `${'('.repeat(200)}1${')'.repeat(200)}`;
      expect(err(deep, 'number')).toBe(problemText.formulaTooDeep(deep).message);
    });
  });

  it('never throws, whatever the string, and any success is a finite number', () => {
    const alphabet = fc.constantFrom(...'0123456789 .,_%$+-*/^()[]{}=!?:;<>"\'abkKMBGTmsdhwy'.split(''));
    const vars = { a: 2, k: 3, ms: 4 };
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: alphabet, maxLength: 30 })),
        fc.constantFrom(...VALUE_KINDS),
        (raw, kind) => {
          const r = parseValue(raw, kind, vars);
          if (r.ok) expect(Number.isFinite(r.value)).toBe(true);
          else expect(r.message.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('keeps kinds consistent: a success satisfies the kind', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: false }), fc.constantFrom(...VALUE_KINDS), (raw, kind) => {
        const r = parseValue(raw, kind, noVars);
        if (!r.ok) return;
        expect(Number.isFinite(r.value)).toBe(true);
        if (kind === 'fraction') expect(r.value >= 0 && r.value <= 1).toBe(true);
        if (kind !== 'number' && kind !== 'fraction') expect(r.value >= 0).toBe(true);
        if (kind === 'count') expect(Number.isInteger(r.value)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('resolveVars', () => {
  beforeAll(async () => {
    await loadExpressionEngine();
  });

  it('resolves suffixes, percentages and formulas in dependency order, whatever the file order', () => {
    const r = resolveVars({
      monthly: 'daily * 30', // uses a var defined below it
      daily: '50k',
      share: '40%',
      rag_queries: 'monthly * share',
      avg: '(daily + 10k) / 2',
    });
    expect(r.problems).toEqual([]);
    expect(r.values).toEqual({
      monthly: 1_500_000, // 50 000 × 30
      daily: 50_000,
      share: 0.4,
      rag_queries: 600_000, // 1 500 000 × 0.4
      avg: 30_000, // (50 000 + 10 000) / 2
    });
  });

  it('names a cycle once and marks its members and dependants invalid', () => {
    const r = resolveVars({ a: 'b + 1', b: 'c * 2', c: 'a', d: 'a + 1', e: 7 });
    expect(r.values).toEqual({ e: 7 });
    expect(r.problems.map((p) => ({ name: p.name, message: p.text.message }))).toEqual([
      { name: 'a', message: 'vars refer to each other in a cycle: a → b → c → a' },
      { name: 'd', message: 'uses var "a", which has a problem of its own' },
    ]);
    expect([...r.invalid].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('reports a var that refers to itself', () => {
    const r = resolveVars({ a: 'a + 1' });
    expect(r.problems.map((p) => ({ name: p.name, message: p.text.message }))).toEqual([{ name: 'a', message: 'vars refer to each other in a cycle: a → a' }]);
  });

  it('refuses names that are not identifiers or are words of the formula language', () => {
    const r = resolveVars({ 'daily-chats': 5, min: 3, mod: 1, ok: 2 });
    expect(r.values).toEqual({ ok: 2 });
    expect(r.problems.map((p) => ({ name: p.name, message: p.text.message }))).toEqual([
      { name: 'daily-chats', message: problemText.varName('daily-chats').message },
      { name: 'min', message: problemText.varNameReserved('min').message },
      { name: 'mod', message: problemText.varNameReserved('mod').message },
    ]);
  });

  it('reports a bad value under its var, and a misspelt reference with a suggestion', () => {
    const r = resolveVars({ daily_chats: '50k', monthly: 'daily_chat * 30', bad: 'xyz!' });
    expect(r.values).toEqual({ daily_chats: 50_000 });
    expect(r.problems.map((p) => p.name)).toEqual(['monthly', 'bad']);
    expect(r.problems[0]?.text.message).toBe(
      'unknown name "daily_chat" in "daily_chat * 30": a formula may use only the names defined under vars (did you mean "daily_chats"?)',
    );
  });
});
