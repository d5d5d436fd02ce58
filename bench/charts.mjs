// Chart rendering speed (issue 4): all six charts of one scenario rendered in process, against
// the way people usually script Vega: `vl2vg spec.vl.json | vg2svg`, one process pair per chart.
//
// Run after `npm run build`:  node bench/charts.mjs [runs]
// The peer is vega-cli 6.4.0 + vega-lite 6.4.3 installed in a scratch folder, never as a project
// dependency (its `canvas` dependency does not build here, and SVG does not need it):
//   mkdir -p /tmp/vega-peer && cd /tmp/vega-peer && npm init -y \
//     && npm install --ignore-scripts vega-cli@6.4.0 vega-lite@6.4.3
// Set VEGA_PEER_DIR to use another folder; COSTSIM_DIST to bench another build than ./dist.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const RUNS = Number(process.argv[2] ?? 5);
const TARGET_RATIO = 5;
const root = resolve(import.meta.dirname, '..');
const dist = resolve(process.env.COSTSIM_DIST ?? join(root, 'dist'));
const peerDir = resolve(process.env.VEGA_PEER_DIR ?? '/tmp/vega-peer');
const fixture = join(root, 'tests/fixtures/projection-support.json');

const { buildCharts } = await import(pathToFileURL(join(dist, 'report/charts/index.js')).href);
const { renderChart, renderSvg } = await import(pathToFileURL(join(dist, 'render/index.js')).href);

const projection = JSON.parse(readFileSync(fixture, 'utf8'));
const charts = buildCharts(projection);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (ms) => `${ms.toFixed(1).padStart(8)} ms`;

// Cold: the first render in this process pays for importing vega, vega-lite and resvg.
let t0 = performance.now();
for (const { spec } of charts) await renderChart(spec);
const coldAll = performance.now() - t0;

// Warm: median of RUNS renders per chart, SVG only (what the peer produces) and SVG + PNG.
const svgMs = new Map();
const fullMs = new Map();
for (const { name, spec } of charts) {
  const svgRuns = [];
  const fullRuns = [];
  for (let r = 0; r < RUNS; r++) {
    t0 = performance.now();
    await renderSvg(spec);
    svgRuns.push(performance.now() - t0);
    t0 = performance.now();
    await renderChart(spec);
    fullRuns.push(performance.now() - t0);
  }
  svgMs.set(name, median(svgRuns));
  fullMs.set(name, median(fullRuns));
}

// Peer: one `vl2vg | vg2svg` pipeline per chart, as a shell script would run them.
const vl2vg = join(peerDir, 'node_modules/.bin/vl2vg');
const vg2svg = join(peerDir, 'node_modules/.bin/vg2svg');
const peerMs = new Map();
let peerNote = '';
if (existsSync(vl2vg) && existsSync(vg2svg)) {
  const work = mkdtempSync(join(tmpdir(), 'costsim-bench-'));
  try {
    for (const { name, spec } of charts) {
      const file = join(work, `${name}.vl.json`);
      writeFileSync(file, JSON.stringify(spec));
      const runs = [];
      for (let r = 0; r < Math.min(RUNS, 3); r++) {
        t0 = performance.now();
        execFileSync('sh', ['-c', `"${vl2vg}" "${file}" | "${vg2svg}" > "${join(work, `${name}.svg`)}"`], { stdio: ['ignore', 'ignore', 'pipe'] });
        runs.push(performance.now() - t0);
      }
      peerMs.set(name, median(runs));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
} else {
  peerNote = `peer not found in ${peerDir} (set VEGA_PEER_DIR or install it there, see the header of this file): comparison skipped`;
}

const sum = (m) => [...m.values()].reduce((a, b) => a + b, 0);
console.log(`costsim charts bench: ${charts.length} charts of "${projection.scenario.name}", median of ${RUNS} warm runs each`);
console.log(`${'chart'.padEnd(22)} ${'in-process SVG'.padStart(14)} ${'SVG + PNG'.padStart(12)} ${'vl2vg|vg2svg'.padStart(13)} ${'ratio'.padStart(7)}`);
for (const { name } of charts) {
  const peer = peerMs.get(name);
  const ratio = peer === undefined ? '' : `${(peer / svgMs.get(name)).toFixed(1)}×`;
  console.log(`${name.padEnd(22)} ${fmt(svgMs.get(name))}   ${fmt(fullMs.get(name))}  ${peer === undefined ? '' : fmt(peer)}  ${ratio.padStart(6)}`);
}
console.log(`${'all charts (warm)'.padEnd(22)} ${fmt(sum(svgMs))}   ${fmt(sum(fullMs))}  ${peerMs.size ? fmt(sum(peerMs)) : ''}`);
console.log(`all charts, cold (first render in the process, imports included, SVG + PNG): ${coldAll.toFixed(0)} ms`);
if (peerMs.size) {
  const perChartRatio = sum(peerMs) / sum(svgMs);
  const coldRatio = sum(peerMs) / coldAll;
  console.log(`ratio, SVG per chart (peer / in-process, warm): ${perChartRatio.toFixed(1)}× (target ≥ ${TARGET_RATIO}×: ${perChartRatio >= TARGET_RATIO ? 'met' : 'NOT met'})`);
  console.log(`ratio, whole scenario incl. imports and PNG (peer SVG only / in-process cold): ${coldRatio.toFixed(1)}×`);
} else {
  console.log(peerNote);
}
