// Writes the docs generated from the field table (src/scenario/fields.ts): the README's
// defaults table and docs/fields.md. Run `npm run docs:fields` (it builds first).
import { readFileSync, writeFileSync } from 'node:fs';
import { defaultsTable, fieldsDoc, withDefaultsTable } from '../dist/scenario/fields-doc.js';

const readme = readFileSync('README.md', 'utf8');
const updated = withDefaultsTable(readme, defaultsTable());
if (updated === null) {
  process.stderr.write('docs:fields: README.md has no generated-table markers (see src/scenario/fields-doc.ts)\n');
  process.exit(1);
}
writeFileSync('README.md', updated);
writeFileSync('docs/fields.md', fieldsDoc());
process.stdout.write('docs:fields: README.md defaults table and docs/fields.md written\n');
