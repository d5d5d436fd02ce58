// Copies the catalog data files next to the compiled code (tsc does not copy JSON it does not
// import): beside the library's catalog module, and beside the CLI bundle (scripts/bundle.mjs),
// where the loader, bundled into dist/bin/, looks for ./data/ relative to its own file.
// Beside both it writes the catalog validated now, once (src/catalog/load.ts, CHECKED_CATALOG_FILE),
// so that a run reads it instead of validating the files again; invalid data fails the build.
import { cpSync, existsSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

if (existsSync('src/catalog/data')) {
  const { CHECKED_CATALOG_FILE, checkedCatalogText } = await import('../dist/catalog/load.js');
  const checked = checkedCatalogText(pathToFileURL('src/catalog/data/'));
  for (const to of ['dist/catalog/data', 'dist/bin/data']) {
    cpSync('src/catalog/data', to, { recursive: true });
    writeFileSync(`${to}/${CHECKED_CATALOG_FILE}`, checked);
  }
}
