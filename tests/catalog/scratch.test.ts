import { test } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { renderCatalog } from '../../src/cli/catalog-command.js';
test('scratch', () => {
  const c = loadCatalog();
  console.log(renderCatalog(c, 'gpt-4.1', 'table'));
  console.log(renderCatalog(c, 'pgvector', 'table'));
  console.log(renderCatalog(c, 'rerank', 'table'));
  console.log(renderCatalog(c, 'sonnet-4', 'table'));
  console.log(renderCatalog(c, 'zzzqqq', 'table'));
});
