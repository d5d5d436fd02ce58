// `npm run build`, in order: tsc (the library, module by module, with its types: dist/), the CLI
// bundle (bundle.mjs: dist/bin/), the catalog data beside both (copy-data.mjs), the scenario JSON
// Schema (write-schema.mjs). The three scripts run in this process, one after the other.
//
//   node scripts/build.mjs                the build; tsc type-checks src/ as it emits
//   node scripts/build.mjs --check-all    (`npm test`) tsc emits without checking (--noCheck gives
//                                         the same files), and `tsc --noEmit -p .` type-checks
//                                         src/, tests/, bench/ and scripts/ at the same time as the
//                                         rest of the build: src/ is checked once, not twice, and
//                                         the check uses the core the build leaves idle
//
// Exit 1 when a step fails; the type checker's messages are printed after the build's.
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const checkAll = process.argv.includes('--check-all');
const tscPackage = createRequire(import.meta.url).resolve('typescript/package.json');
const TSC = join(dirname(tscPackage), 'bin', 'tsc');

/** `tsc --noEmit -p .` in the background: its exit code and what it printed. */
function typecheckAll() {
  const child = spawn(process.execPath, [TSC, '--noEmit', '-p', '.'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  child.stdout.on('data', (b) => output.push(b));
  child.stderr.on('data', (b) => output.push(b));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, text: Buffer.concat(output).toString('utf8') })));
}

const typecheck = checkAll ? typecheckAll() : null;
let failed = false;
try {
  execFileSync(process.execPath, [TSC, '-p', 'tsconfig.build.json', ...(checkAll ? ['--noCheck'] : [])], { stdio: 'inherit' });
  await import('./bundle.mjs');
  await import('./copy-data.mjs');
  await import('./write-schema.mjs');
} catch (err) {
  failed = true;
  // tsc printed its own messages (stdio inherited); a script's error has not been printed yet.
  if (!(err && typeof err === 'object' && 'status' in err)) console.error(err);
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
