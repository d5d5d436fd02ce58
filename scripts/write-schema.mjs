// Writes the scenario JSON Schema, generated from the zod schema (dist/scenario/schema.js), to
// schema/scenario.schema.json: the file the package ships ("files") and `costsim init` points
// editors to. Rewritten only when it changed, so a build leaves the git tree clean.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const { scenarioJsonSchema } = await import('../dist/scenario/schema.js');
const text = JSON.stringify(scenarioJsonSchema(), null, 2) + '\n';
const file = 'schema/scenario.schema.json';
if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
  mkdirSync('schema', { recursive: true });
  writeFileSync(file, text);
}
