/**
 * Issue 13, "prototype keys treated as objects": ids and --set paths are own properties only.
 */
import { describe, expect, it } from 'vitest';
import { runCommand, validateCommand } from '../../src/cli/run-command.js';
import { BASE_YAML, folderWith } from './helpers.js';

const CATALOG = (id: string, asOf = '2026-01-01') =>
  `models:\n  - { id: "${id}", provider: openai, mode: chat, input_usd_per_1m: 1, output_usd_per_1m: 2, source: { name: test, as_of: ${asOf} } }\n`;

describe('prototype-safe lookups', () => {
  it('--set __proto__.polluted=1 is a problem and leaves Object.prototype alone', async () => {
    const r = await validateCommand([folderWith({ 's.yaml': BASE_YAML })], { set: ['__proto__.polluted=1'] });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it.each([['constructor'], ['__proto__'], ['toString'], ['hasOwnProperty']])('generator: %s is an unknown model', async (id) => {
    const r = await validateCommand([folderWith({ 's.yaml': BASE_YAML })], { set: [`models.generator=${id}`] });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`unknown chat model "${id}"`);
    expect(r.stderr).not.toContain('undefined');
  });

  it.each([['constructor'], ['__proto__']])('a --catalog entry with id %s is an ordinary model', async (id) => {
    const dir = folderWith({ 's.yaml': BASE_YAML, 'cat.yaml': CATALOG(id) });
    const r = await runCommand([`${dir}/s.yaml`], { format: 'json', catalog: `${dir}/cat.yaml`, set: [`models.generator=${id}`], strategy: 'prompt_only' });
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(doc.errors).toEqual([]);
    const s = doc.results[0].strategies[0];
    expect(s.models.generator).toBe(id);
    // 50 + 0 query tokens... priced at $1 / $2 per million: the input line is 1e-6 × its tokens.
    const input = s.line_items.find((i: { unit_price_usd: number }) => i.unit_price_usd === 1e-6);
    expect(input).toBeDefined();
  });

  it('catalog as_of "9999-99-99" is refused', async () => {
    const dir = folderWith({ 's.yaml': BASE_YAML, 'cat.yaml': CATALOG('m', '9999-99-99') });
    const r = await runCommand([`${dir}/s.yaml`], { format: 'json', catalog: `${dir}/cat.yaml` });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('expected a real date');
  });

  it('strategy id "@evil" gets the schema\'s own message, "__proto__" a clear refusal', async () => {
    const evil = await validateCommand([folderWith({ 's.yaml': `${BASE_YAML}strategies:\n  "@evil": { kind: rag }\n` })], {});
    expect(evil.stderr).toContain('strategies.@evil: a strategy id uses letters, digits');
    expect(evil.stderr).not.toContain('Invalid key in record');
    const proto = await validateCommand([folderWith({ 's.yaml': `${BASE_YAML}strategies:\n  __proto__: { kind: rag }\n` })], {});
    expect(proto.exitCode).toBe(1); // was "ok", the strategy silently dropped
    expect(proto.stderr).toContain('cannot be a key');
  });
});
