// `npm run bench`: every benchmark in bench/, one after another. Each prints its own figures
// as ratios against a baseline measured in the same run. Build first (`npm run build`).
import { spawnSync } from 'node:child_process';

const BENCHES = ['cli.mjs', 'latency.mjs', 'charts.mjs', 'tokens.mjs'];

let failed = false;
for (const file of BENCHES) {
  console.log(`\n== bench/${file}`);
  const r = spawnSync(process.execPath, [new URL(file, import.meta.url).pathname], { stdio: 'inherit' });
  if (r.status !== 0) failed = true;
}
if (failed) process.exitCode = 1;
