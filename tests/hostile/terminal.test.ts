/**
 * Issue 13, "user text that forges or floods the terminal": control, newline and bidi
 * characters from a file are printed escaped, and a 100,000-character id costs nothing.
 */
import { describe, expect, it } from 'vitest';
import { runCommand, validateCommand } from '../../src/cli/run-command.js';
import { suggest } from '../../src/catalog/lookup.js';
import { didYouMean } from '../../src/util/suggest.js';
import { clip, escapeForTerminal } from '../../src/util/terminal.js';
import { BASE_YAML, folderWith } from './helpers.js';

describe('escapeForTerminal', () => {
  it('writes newline, tab, NUL, ESC and the bidi overrides as escapes and leaves other text alone', () => {
    expect(escapeForTerminal('a\nb\r\tc')).toBe('a\\nb\\r\\tc');
    expect(escapeForTerminal('\u0000\u001b[2J')).toBe('\\u0000\\u001b[2J');
    // Trojan Source: RLO (U+202E), LRI (U+2066), PDI (U+2069), RLM (U+200F).
    expect(escapeForTerminal('x\u202ey\u2066z\u2069\u200f')).toBe('x\\u202ey\\u2066z\\u2069\\u200f');
    expect(escapeForTerminal('gpt-4.1 · café — ok')).toBe('gpt-4.1 · café — ok');
  });

  it('clip keeps 120 characters and says how long the text was', () => {
    const long = 'x'.repeat(100_000);
    expect(clip(long)).toBe(`${'x'.repeat(120)}… (100,000 characters)`);
    expect(clip('short')).toBe('short');
  });
});

describe('problems printed from a hostile file', () => {
  it('a model id with a newline cannot forge a second problem line', async () => {
    const dir = folderWith({
      's.yaml': BASE_YAML.replace('generator: gpt-4.1-mini', 'generator: "gpt\\nfake.yaml:1:1: version: all good\\u202e"'),
    });
    const r = await validateCommand([dir], {});
    expect(r.exitCode).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1); // one problem, one line
    expect(lines[0]).toContain('gpt\\nfake.yaml:1:1: version: all good\\u202e');
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
  });

  it('the table escapes a scenario name holding an ANSI escape and a bidi override', async () => {
    const dir = folderWith({ 's.yaml': BASE_YAML.replace('name: base', 'name: "evil\\e[2J\\u202ename"') });
    const r = await runCommand([dir], { format: 'table', strategy: 'prompt_only' });
    expect(r.stdout).toContain('evil\\u001b[2J\\u202ename');
    expect(r.stdout).not.toMatch(/[\u001b\u202e]/);
  });
});

describe('did-you-mean is bounded', () => {
  it('an unknown 100,000-character word is compared with nothing and suggests nothing', () => {
    const word = 'y'.repeat(100_000);
    const names = Array.from({ length: 3_000 }, (_, i) => `model-${i}-${'z'.repeat(i % 40)}`);
    const t0 = performance.now();
    expect(suggest(word, names)).toEqual([]);
    expect(didYouMean(word, names)).toBeUndefined();
    // Bounded work, not a speed claim: the full tables took ~38 s (100,000 × 30 × 3,000 cells).
    expect(performance.now() - t0).toBeLessThan(2_000);
  });

  it('still finds near words (the bound changes no answer)', () => {
    expect(didYouMean('tpo_k', ['top_k', 'chunk_tokens'])).toBe('top_k');
    expect(suggest('gpt-4.1-mnii', ['gpt-4.1-mini', 'gpt-4.1', 'o3'])[0]).toBe('gpt-4.1-mini');
  });

  it('a 100,000-character model id on the command line gives one short problem line', async () => {
    const r = await runCommand([folderWith({ 's.yaml': BASE_YAML })], { format: 'table', set: [`models.generator=${'q'.repeat(100_000)}`] });
    expect(r.exitCode).toBe(1);
    expect(r.stderr.length).toBeLessThan(1_500);
  });
});
