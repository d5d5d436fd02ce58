// `npm run bench`: every benchmark, one after the other. Each prints ratios against a baseline
// measured in the same run (or a bound it checks), never a machine-dependent target.
// Arguments after `--` go to every bench file (e.g. `npm run bench -- --quick`).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const BENCHES = [
  'cli.mjs', // start-up: --help and one scenario with a formula against node -e 0
  'batch.mjs', // 1,000-scenario JSON and --out batches, 10,000-file JSON and JSONL
  'latency.mjs', // the latency Monte Carlo against a baseline loop
  'charts.mjs', // chart rendering against vl2vg | vg2svg (skips the comparison without the peer)
  'tokens.mjs', // token counting against tiktoken (WASM)
  'ranges.mjs', // a 2,000-draw uncertainty run and a 100 × 100 sweep against one file per point
];

const args = process.argv.slice(2);
let failed = 0;
for (const file of BENCHES) {
  console.log(`\n== bench/${file}`);
  // --quick is batch.mjs's; the others take a number of runs and ignore it.
  const own = file === 'batch.mjs' ? args : args.filter((a) => a !== '--quick');
  const r = spawnSync(process.execPath, [join(import.meta.dirname, file), ...own], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`bench/${file} exited ${r.status}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
