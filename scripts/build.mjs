// `npm run build`: tsc (the library, module by module, with its types: dist/) and, at the same
// time, the CLI bundle (bundle.mjs: dist/bin/, built from src/); then the catalog data beside both
// (copy-data.mjs) and the scenario JSON Schema (write-schema.mjs). The scripts run in this process.
//
//   node scripts/build.mjs                the build; tsc type-checks src/ as it emits
//   node scripts/build.mjs --check-all    (`npm test`) tsc emits without checking (--noCheck gives
//                                         the same files), and `tsc --noEmit -p .` type-checks
//                                         src/, tests/, bench/ and scripts/ at the same time as the
//                                         rest of the build: src/ is checked once, not twice; the
//                                         check is incremental (TYPECHECK_RECORD below)
//
// Exit 1 when a step fails; the type checker's messages are printed after the build's.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const checkAll = process.argv.includes('--check-all');
const tscPackage = createRequire(import.meta.url).resolve('typescript/package.json');
const TSC = join(dirname(tscPackage), 'bin', 'tsc');

/**
 * The type check keeps what it learnt about each file here (`tsc --incremental`), so the next
 * `npm test` checks again only the files that changed and the files that use them, and reports
 * the errors it has on record for the others: 5–6 s of CPU for the whole check, about 1 s when
 * little changed (2026-12-01). A clean clone (CI) has no such file and checks everything. Only
 * the check: an incremental emit would trust its record over a dist/ deleted since.
 */
const TYPECHECK_RECORD = join(import.meta.dirname, '..', 'node_modules', '.cache', 'costsim', 'typecheck.tsbuildinfo');

/** `tsc --noEmit -p .` in the background: its exit code and what it printed. */
function typecheckAll() {
  const args = [TSC, '--noEmit', '-p', '.', '--incremental', '--tsBuildInfoFile', TYPECHECK_RECORD];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  child.stdout.on('data', (b) => output.push(b));
  child.stderr.on('data', (b) => output.push(b));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, text: Buffer.concat(output).toString('utf8') })));
}

/** tsc's emit (the library, dist/) in the background, its messages on this process's output: its exit code. */
function emitLibrary() {
  const child = spawn(process.execPath, [TSC, '-p', 'tsconfig.build.json', ...(checkAll ? ['--noCheck'] : [])], { stdio: 'inherit' });
  return new Promise((resolve) => child.on('close', (code) => resolve(code)));
}

const typecheck = checkAll ? typecheckAll() : null;
let failed = false;
try {
  // The bundle is built from src/, not from tsc's output, so the two run at the same time (tsc in
  // its own process, esbuild in its own); the catalog data and the schema are made with tsc's
  // dist/ and come after.
  const [emitted] = await Promise.all([emitLibrary(), import('./bundle.mjs')]);
  if (emitted !== 0) throw new Error('tsc failed'); // tsc printed its own messages
  await import('./copy-data.mjs');
  await import('./write-schema.mjs');
} catch (err) {
  failed = true;
  if (!(err instanceof Error && err.message === 'tsc failed')) console.error(err);
}
if (typecheck !== null) {
  const { code, text } = await typecheck;
  process.stdout.write(text);
  if (code !== 0) {
    failed = true;
    console.error(`tsc --noEmit -p . (the type check of src/, tests/, bench/ and scripts/) failed`);
  }
}
process.exit(failed ? 1 : 0);
