/**
 * The JSON Schema for editors is generated from the zod schema. Its reviewed copy is the file
 * the package ships, schema/scenario.schema.json (the build rewrites it; git shows the change).
 */
import { describe, expect, it } from 'vitest';
import { knownKeysAt, scenarioJsonSchema } from '../../src/scenario/schema.js';
import { FIELDS, fieldsUnder } from '../../src/scenario/fields.js';

/** A concrete example of a mid-path placeholder, to walk the schema with. */
const EXAMPLE: Record<string, string> = { '<part>': 'system', '<model>': 'generator' };

describe('scenario JSON Schema', () => {
  it('matches the reviewed snapshot', async () => {
    await expect(JSON.stringify(scenarioJsonSchema(), null, 2) + '\n').toMatchFileSnapshot('../../schema/scenario.schema.json');
  });

  it('has a schema key for every field of the table, placeholders expanded', () => {
    let checked = 0;
    for (const path of Object.keys(FIELDS)) {
      const segs = path.split('.');
      const parent = segs.slice(0, -1);
      const keys = fieldsUnder(parent.join('.')).filter(([, p]) => p === path).map(([k]) => k);
      expect(keys.length, path).toBeGreaterThan(0);
      const known = knownKeysAt(parent.map((s) => EXAMPLE[s] ?? s));
      for (const key of keys) {
        expect(known, `${path} → ${key}`).toContain(key);
        checked++;
      }
    }
    // engineer_weeks expands to the 4 kinds, spread to 8 keys, the tier to 4 prices, the store to 6.
    expect(checked).toBeGreaterThan(Object.keys(FIELDS).length + 3 + 7 + 3 + 5 - 1);
  });

  it('lists the strategy kinds once: the engineer-weeks keys are the kinds', () => {
    expect(knownKeysAt(['one_time', 'engineer_weeks']).sort()).toEqual(['fine_tuning', 'hybrid', 'prompt_only', 'rag']);
  });
});
