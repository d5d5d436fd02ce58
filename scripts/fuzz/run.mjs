#!/usr/bin/env node
/**
 * `npm run fuzz -- --count 10000 --seed 7 [--jobs 2]`: mutates the bundled scenarios (lib.mjs),
 * runs every case in process (in --jobs workers, each killed after 10 s on a case: a hang) and every `--cli-every`-th
 * case through the built CLI too, and prints the count of each outcome. Exits 1 when any
 * case is a crash, a stack trace, an internal error, a hang, non-finite or absurd without
 * a note. The case files stay in --dir (default a temporary folder) for replay:
 * `node dist/bin/costsim.js run <dir>/case-N.yaml`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { BAD_OUTCOMES, caseFolder, caseText, classifyCli, drawCases, HANG_MS, loadSeeds, OUTCOMES, writeCase } from './lib.mjs';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    'cli-every': { type: 'string', default: '20' },
    dir: { type: 'string' },
    jobs: { type: 'string', default: '1' },
  },
});
const count = Number(values.count);
const seed = Number(values.seed);
const cliEvery = Number(values['cli-every']);
const jobs = Math.max(1, Number(values.jobs));
/** Wall time after which a worker's case is run again alone (see below). */
const WALL_MS = 30_000;
const RECHECK_MS = 300_000;
const slow = [];
const root = path.resolve(import.meta.dirname, '../..');
const dist = path.join(root, 'dist');
const cli = path.join(dist, 'bin/costsim.js');
const folder = caseFolder(values.dir ?? mkdtempSync(path.join(tmpdir(), 'costsim-fuzz-')), path.join(root, 'scenarios'));
process.env.COSTSIM_TODAY ??= '2026-11-21';

const seeds = loadSeeds(path.join(root, 'scenarios'));
const cases = drawCases(seeds, count, seed);
// Each case is written when it is dispatched, so a long run starts at once.
const files = new Array(cases.length);
const fileOf = (i) => (files[i] ??= writeCase(folder, i, caseText(seeds, cases[i])));

const tally = (name) => ({ name, counts: Object.fromEntries(OUTCOMES.map((o) => [o, 0])), examples: [] });
const inProcess = tally('in process');
const viaCli = tally('built CLI');
const record = (t, i, r) => {
  t.counts[r.outcome]++;
  if (BAD_OUTCOMES.includes(r.outcome) && t.examples.length < 20) t.examples.push(`case-${i}: ${r.outcome}${r.detail ? `: ${String(r.detail).replace(/\s+/g, ' ').slice(0, 240)}` : ''}`);
};

// In process, in --jobs workers; a case over HANG_MS is a hang: its worker is replaced.
/** A worker that has loaded the built modules and the catalog (a cold start is no case's time). */
const newWorker = async () => {
  const w = new Worker(new URL('./worker.mjs', import.meta.url), { workerData: { dist } });
  await new Promise((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });
  w.removeAllListeners('error');
  return w;
};
const t0 = Date.now();
let next = 0;
let done = 0;
const results = new Array(cases.length);
async function lane() {
  let worker = null;
  while (next < cases.length) {
    const i = next++;
    fileOf(i);
    worker ??= await newWorker();
    const w = worker;
    results[i] = await new Promise((resolve) => {
      const timer = setTimeout(() => {
        w.removeAllListeners('message');
        void w.terminate();
        worker = null;
        resolve({ outcome: 'hang', detail: `over ${WALL_MS / 1000} s of wall time`, recheck: true });
      }, WALL_MS);
      w.once('message', (m) => {
        clearTimeout(timer);
        resolve(m);
      });
      w.once('error', (err) => {
        clearTimeout(timer);
        worker = null;
        resolve({ outcome: 'crash', detail: String(err?.stack ?? err) });
      });
      w.postMessage({ id: i, file: files[i] });
    });
    w.removeAllListeners('error');
    done++;
    if (BAD_OUTCOMES.includes(results[i].outcome) && !results[i].recheck) process.stderr.write(`  ! case-${i}: ${results[i].outcome}: ${String(results[i].detail ?? '').slice(0, 240)}\n`);
    if (done % 500 === 0) {
      // A running tally, so that a long run stopped early still says what it found.
      const so = {};
      for (const r of results) if (r) so[r.outcome] = (so[r.outcome] ?? 0) + 1;
      process.stderr.write(`  ${done}/${cases.length} in process (${Math.round((Date.now() - t0) / 1000)} s): ${JSON.stringify(so)}\n`);
    }
  }
  await worker?.terminate();
}
await Promise.all(Array.from({ length: jobs }, lane));
// A case over WALL_MS in a worker runs again alone: a hang is more than HANG_MS of CPU time
// (or no answer within RECHECK_MS), not a busy machine's wall clock.
for (const [i, r] of results.entries()) {
  if (!r?.recheck) continue;
  const c = spawnSync(process.execPath, [new URL('./recheck.mjs', import.meta.url).pathname, files[i], dist], { encoding: 'utf8', timeout: RECHECK_MS });
  let again = null;
  try {
    again = JSON.parse(c.stdout);
  } catch {}
  results[i] =
    again === null
      ? { outcome: 'hang', detail: `no answer alone within ${RECHECK_MS / 1000} s` }
      : again.cpu_ms > HANG_MS
        ? { outcome: 'hang', detail: `${again.cpu_ms} ms of CPU time` }
        : { ...again, detail: `${again.detail ?? ''} (slow under load: ${again.cpu_ms} ms of CPU alone)` };
  slow.push(`case-${i}: ${results[i].outcome}, ${again?.cpu_ms ?? '?'} ms of CPU alone`);
  if (BAD_OUTCOMES.includes(results[i].outcome)) process.stderr.write(`  ! case-${i}: ${results[i].outcome}: ${results[i].detail}\n`);
}
results.forEach((r, i) => record(inProcess, i, r));

// Through the built CLI, in batches of 25 files; a batch over its time runs again file by file.
const runCli = (batch, timeout) => {
  const r = spawnSync(process.execPath, [cli, 'run', ...batch, '--format', 'json'], { encoding: 'utf8', timeout, maxBuffer: 512 * 1024 * 1024 });
  const timedOut = r.error?.code === 'ETIMEDOUT' || r.signal === 'SIGTERM';
  let doc = null;
  try {
    doc = JSON.parse(r.stdout);
  } catch {}
  return { doc, stderr: r.stderr ?? '', code: r.status, timedOut };
};
const cliIds = cases.map((_, i) => i).filter((i) => cliEvery > 0 && i % cliEvery === 0);
for (let b = 0; b < cliIds.length; b += 25) {
  const ids = cliIds.slice(b, b + 25);
  const r = runCli(ids.map((i) => files[i]), HANG_MS * ids.length);
  for (const i of ids) {
    const one = r.timedOut ? runCli([files[i]], RECHECK_MS) : r;
    record(viaCli, i, classifyCli(files[i], one.doc, one.stderr, one.code, one.timedOut));
  }
}

const seconds = Math.round((Date.now() - t0) / 1000);
let bad = 0;
console.log(`costsim fuzz: ${count} cases, seed ${seed}, ${seconds} s; case files in ${folder}`);
for (const t of [inProcess, viaCli]) {
  const total = Object.values(t.counts).reduce((a, b) => a + b, 0);
  console.log(`\n${t.name} (${total} cases)`);
  for (const o of OUTCOMES) console.log(`  ${o.padEnd(20)} ${String(t.counts[o]).padStart(6)}`);
  for (const e of t.examples) console.log(`  ! ${e}`);
  bad += BAD_OUTCOMES.reduce((a, o) => a + t.counts[o], 0);
}
console.log(`\n${slow.length} case(s) over ${WALL_MS / 1000} s of wall time in a worker, run again alone:`);
for (const line of slow.slice(0, 20)) console.log(`  ${line}`);
process.exitCode = bad > 0 ? 1 : 0;
