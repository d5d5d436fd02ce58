// Bundles the command line into dist/bin/ (part of `npm run build`, after tsc): `costsim.js`, the
// entry `bin` and `npm start` run, `batch-worker.js`, the worker thread of `run --jobs N`, and
// the chunks they share. Why: resolving and reading ~900 module files was most of a short run's
// start-up; one file to parse is much cheaper. What a run may not need stays out of the entry as a
// chunk loaded on first use (each is a dynamic import() in the source): the mathjs formula engine,
// vega and vega-lite, the js-tiktoken rank tables, the command modules.
//
// The library (dist/index.js and its types) stays tsc's output, module by module, for library users.
//
// Paths the code finds relative to its own file (import.meta.url) keep working because every
// output file sits in dist/bin/, two levels below the package root like dist/cli/*.js:
// ../../package.json, ../../schema/, and ./data/ (the catalog, copied there by copy-data.mjs).
import { build } from 'esbuild';
import { chmodSync, rmSync } from 'node:fs';

const OUT = 'dist/bin';
rmSync(OUT, { recursive: true, force: true });

await build({
  entryPoints: { costsim: 'src/cli/main.ts', 'batch-worker': 'src/cli/batch-worker.ts' },
  outdir: OUT,
  // Chunks beside the entries (not in a subfolder), so import.meta.url-relative paths are the same
  // from whichever file the code ends up in.
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // resvg is a native addon (a .node file per platform), loaded by its own index.js at run time.
  external: ['@resvg/resvg-js'],
  // CommonJS dependencies (commander, ...) call require() for Node's built-ins; an ES module has no
  // require, so each output file gets one.
  banner: { js: "import { createRequire as __costsimCreateRequire } from 'node:module'; const require = __costsimCreateRequire(import.meta.url);" },
  // Not minified (a profile of the bundle stays readable; minifying did not change its start-up
  // time measurably) and no keepNames: it wraps every function in a __name() call, ≈8% of a batch's
  // CPU, and nothing in costsim reads a function's or a class's name.
  legalComments: 'linked',
  logLevel: 'warning',
});

chmodSync(`${OUT}/costsim.js`, 0o755);
