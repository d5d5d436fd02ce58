// Bundles the command line into dist/bin/ (part of `npm run build`, beside tsc): `costsim.js`, the
// entry `bin` and `npm start` run (src/cli/bin.ts), `batch-worker.js`, the worker thread of
// `run --jobs N`, and the chunks they share. Why: resolving and reading ~900 module files was
// most of a short run's start-up; one file to parse is much cheaper. What a run may not need
// stays out of the entry as a chunk loaded on first use (each is a dynamic import() in the
// source): the mathjs formula engine, vega and vega-lite, the js-tiktoken rank tables, the
// command modules.
//
// The library (dist/index.js and its types) stays tsc's output, module by module, for library users.
//
// Paths the code finds relative to its own file (import.meta.url) keep working because every
// output file sits in dist/bin/, two levels below the package root like dist/cli/*.js:
// ../../package.json, ../../schema/, and ./data/ (the catalog, copied there by copy-data.mjs).
import { build } from 'esbuild';
import { chmodSync, readFileSync, rmSync } from 'node:fs';

/**
 * Two top-level loads in dependencies that a costsim run never uses, cut at bundle time (each a
 * plain text replacement that fails the build if the dependency's code changes under it):
 * - commander requires node:child_process (and with it net, dgram, …) at load, for its
 *   stand-alone executable subcommands, which costsim does not have; it is now required on
 *   first use. ≈10 ms of CPU at every start, `--help` included.
 * - fdir (under tinyglobby) requires picomatch from node_modules at load, for its own `.glob()`
 *   builder, which tinyglobby never calls (it hands fdir its own matchers, bundled here).
 *   Loading a second, unbundled copy of picomatch through the CommonJS loader cost ≈10 ms.
 */
const trims = [
  {
    file: /node_modules[\\/]commander[\\/]lib[\\/]command\.js$/,
    from: "const childProcess = require('node:child_process');",
    to: "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };",
  },
  {
    file: /node_modules[\\/]fdir[\\/]dist[\\/]index\.mjs$/,
    from: '\t__require.resolve("picomatch");\n\tpm = __require("picomatch");',
    to: '\t/* costsim: not loaded, see scripts/bundle.mjs */',
  },
];
const trimUnusedLoads = {
  name: 'trim-unused-loads',
  setup(b) {
    for (const { file, from, to } of trims) {
      b.onLoad({ filter: file }, ({ path }) => {
        const text = readFileSync(path, 'utf8');
        if (!text.includes(from)) throw new Error(`scripts/bundle.mjs: ${path} no longer contains ${JSON.stringify(from)}; look again at what it loads`);
        return { contents: text.replace(from, to), loader: 'js' };
      });
    }
  },
};

const OUT = 'dist/bin';
rmSync(OUT, { recursive: true, force: true });

await build({
  entryPoints: { costsim: 'src/cli/bin.ts', 'batch-worker': 'src/cli/batch-worker.ts' },
  outdir: OUT,
  // Chunks beside the entries (not in a subfolder), so import.meta.url-relative paths are the same
  // from whichever file the code ends up in.
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // resvg's WebAssembly build stays a package of its own: render.ts finds its .wasm file beside it.
  external: ['@resvg/resvg-wasm'],
  // CommonJS dependencies (commander, ...) call require() for Node's built-ins; an ES module has no
  // require, so each output file gets one.
  banner: { js: "import { createRequire as __costsimCreateRequire } from 'node:module'; const require = __costsimCreateRequire(import.meta.url);" },
  // Not minified (a profile of the bundle stays readable; minifying did not change its start-up
  // time measurably) and no keepNames: it wraps every function in a __name() call, ≈8% of a batch's
  // CPU, and nothing in costsim reads a function's or a class's name.
  legalComments: 'linked',
  plugins: [trimUnusedLoads],
  logLevel: 'warning',
});

chmodSync(`${OUT}/costsim.js`, 0o755);
