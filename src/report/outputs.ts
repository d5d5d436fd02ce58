/**
 * The files of one scenario's output folder (docs/model.md §13), as data: the CLI's single writer puts
 * them on disk atomically. Nothing here touches the file system.
 *
 *   <folder>/projection.json   the projection (docs/model.md §12)
 *   <folder>/summary.md        for a pull-request comment
 *   <folder>/costs.csv         tidy monthly costs by category
 *   <folder>/line-items.csv    every line item, month by month
 *   <folder>/report.html       the self-contained finance report
 *   <folder>/charts/<name>.svg | .png | .vl.json
 */
import type { Projection } from '../model/types.js';
import { renderCsv, renderLineItemsCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderProjectionJson } from './json.js';
import { renderMarkdown } from './markdown.js';

interface RenderedChart {
  /** File stem: `monthly-spend`, `latency-breakdown`, … */
  name: string;
  svg: string;
  png: Uint8Array;
  /** The Vega-Lite spec as JSON text. */
  vl: string;
  /** Caption in report.html; defaults to a title from the chart name. */
  title?: string;
}

export interface OutputFile {
  /** Relative to the scenario's output folder, `/`-separated. */
  path: string;
  data: string | Uint8Array;
}

/** Captions of the charts of docs/model.md §13, in the order the report shows them. */
const CHART_TITLES: Readonly<Record<string, string>> = {
  'monthly-spend': 'Monthly spend by category',
  'spend-over-time': 'Monthly spend over the horizon',
  'cumulative-cost': 'Cumulative cost, one-time costs included',
  'cost-per-query': 'Cost per query by category',
  'latency-breakdown': 'Latency per query: median components and p95',
  'latency-distribution': 'Latency distribution (CDF)',
  summary: 'Summary across scenarios',
  'win-probability': 'How likely each strategy is to win, across the uncertain inputs',
  tornado: 'Which input matters most: the recommended total with each input at its low and high end',
};

/** A readable caption for a chart name nobody gave one: `spend-over-time` → `Spend over time`. */
export function chartTitle(name: string): string {
  const known = CHART_TITLES[name];
  if (known !== undefined) return known;
  const words = name.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A chart name as a file stem: letters, digits, `-` and `_` only, so that a name can never
 * climb out of `charts/` or collide with the renderer's own suffixes.
 */
function chartStem(name: string): string {
  const stem = name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  if (stem === '') throw new Error(`chart name ${JSON.stringify(name)} has no usable characters for a file name`);
  return stem;
}

/** Every file of a scenario's output folder, in a stable order. */
export function scenarioOutputFiles(projection: Projection, charts: RenderedChart[] = []): OutputFile[] {
  const stems = new Set<string>();
  const named = charts.map((c) => {
    const stem = chartStem(c.name);
    if (stems.has(stem)) throw new Error(`two charts would both be written as charts/${stem}.*`);
    stems.add(stem);
    return { ...c, stem, title: c.title ?? chartTitle(c.name) };
  });
  const files: OutputFile[] = [
    { path: 'projection.json', data: renderProjectionJson(projection) },
    { path: 'summary.md', data: renderMarkdown(projection) },
    { path: 'costs.csv', data: renderCsv([projection]) },
    { path: 'line-items.csv', data: renderLineItemsCsv([projection]) },
    { path: 'report.html', data: renderHtml(projection, named.map((c) => ({ name: c.stem, title: c.title, svg: c.svg }))) },
  ];
  for (const c of named) {
    files.push({ path: `charts/${c.stem}.svg`, data: c.svg });
    files.push({ path: `charts/${c.stem}.png`, data: c.png });
    files.push({ path: `charts/${c.stem}.vl.json`, data: c.vl.endsWith('\n') ? c.vl : c.vl + '\n' });
  }
  return files;
}

/** Longest folder name we produce; far below every file system's 255-byte limit. */
const MAX_SLUG = 80;

/**
 * The scenario's output folder name: the scenario file's base name without its extension,
 * lower-cased, reduced to `a-z 0-9 - _` (no separators, no dots, so never `..` and never
 * hidden); the scenario name when the file name leaves nothing; `scenario` as a last resort.
 */
export function scenarioFolderName(projection: Projection): string {
  const file = projection.scenario.file;
  const base = file.split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.(ya?ml|json)$/i, '');
  const name = slug(stem) || slug(projection.scenario.name) || 'scenario';
  // Windows reserves these device names in every directory.
  return /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/.test(name) ? `${name}-scenario` : name;
}

export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents off: "Café" → "cafe"
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/[-_]+$/g, '');
}

/**
 * Folder names for a batch, one projection at a time as a batch streams its scenarios: each
 * `scenarioFolderName`, with `-2`, `-3`, … added where two scenarios would share a folder
 * (`support.yaml` and `support.json`, or two `scenario.yaml` in different directories).
 * `charts` is the batch's own chart folder, so a scenario file named `charts.yaml` gets `charts-2`.
 */
export function folderNamer(): (projection: Projection) => string {
  const used = new Set<string>(['charts']);
  return (p) => {
    const base = scenarioFolderName(p);
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}-${n}`;
    used.add(name);
    return name;
  };
}
