// Copies the catalog data files next to the compiled code (tsc does not copy JSON it does not
// import): beside the library's catalog module, and beside the CLI bundle (scripts/bundle.mjs),
// where the loader, bundled into dist/bin/, looks for ./data/ relative to its own file.
import { cpSync, existsSync } from 'node:fs';

if (existsSync('src/catalog/data')) {
  for (const to of ['dist/catalog/data', 'dist/bin/data']) cpSync('src/catalog/data', to, { recursive: true });
}
