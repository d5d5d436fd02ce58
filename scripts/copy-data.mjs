// Copies the catalog data files next to the compiled code (tsc does not copy JSON it does not import).
import { cpSync, existsSync } from 'node:fs';

if (existsSync('src/catalog/data')) cpSync('src/catalog/data', 'dist/catalog/data', { recursive: true });
