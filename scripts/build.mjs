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

/**
 * tsc in a process of its own: its exit code and, with `capture`, what it printed (else it prints
 * on this process's output as it goes).
 */
function tsc(args, { capture = false } = {}) {
  const child = spawn(process.execPath, [TSC, ...args], { stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
  const output = [];
  if (capture) for (const stream of [child.stdout, child.stderr]) stream.on('data', (b) => output.push(b));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, text: Buffer.concat(output).toString('utf8') })));
}

// The type check's messages are held back and printed after the build's.
const typecheck = checkAll ? tsc(['--noEmit', '-p', '.', '--incremental', '--tsBuildInfoFile', TYPECHECK_RECORD], { capture: true }) : null;
let failed = false;
// The bundle is built from src/, not from tsc's output, so the two run at the same time (tsc in
// its own process, esbuild in its own); the catalog data and the schema are made with tsc's dist/
// and come after. Both are waited for, whichever fails.
const [emitted, bundled] = await Promise.allSettled([tsc(['-p', 'tsconfig.build.json', ...(checkAll ? ['--noCheck'] : [])]), import('./bundle.mjs')]);
if (emitted.status === 'rejected') console.error(emitted.reason);
if (bundled.status === 'rejected') console.error(bundled.reason);
if (emitted.status !== 'fulfilled' || emitted.value.code !== 0 || bundled.status !== 'fulfilled') failed = true; // tsc printed its own messages
else {
  try {
    await import('./copy-data.mjs');
    await import('./write-schema.mjs');
  } catch (err) {
    failed = true;
    console.error(err);
  }
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
