/**
 * The JSON Schema for editors is generated from the zod schema. Its reviewed copy is the file
 * the package ships, schema/scenario.schema.json (the build rewrites it; git shows the change).
 */
import { describe, expect, it } from 'vitest';
import { knownKeysAt, scenarioJsonSchema } from '../../src/scenario/schema.js';
import { FIELDS } from '../../src/scenario/fields.js';

describe('scenario JSON Schema', () => {
  it('matches the reviewed snapshot', async () => {
    await expect(JSON.stringify(scenarioJsonSchema(), null, 2) + '\n').toMatchFileSnapshot('../../schema/scenario.schema.json');
  });

  it('has a schema key for every field the normalizer reads', () => {
    for (const path of Object.keys(FIELDS)) {
      const segs = path.split('.');
      expect(knownKeysAt(segs.slice(0, -1)), path).toContain(segs[segs.length - 1]);
    }
  });
});
