/**
 * Vega-Lite spec → SVG → PNG, in process:
 *
 *   vega-lite compile ──▶ vega parse ──▶ View (renderer 'none') .toSVG() ──▶ resvg (2×) ──▶ PNG
 *
 * vega, vega-lite and resvg (its WebAssembly build, @resvg/resvg-wasm) are loaded lazily, once per
 * process, so the CLI pays for them only when it draws a chart. Nothing here writes to the disk:
 * the functions return bytes and the CLI's writer writes them (the only reads are resvg's .wasm
 * file and the fonts, once per process: ./fonts.ts).
 *
 * Determinism (same bytes on every re-render and every machine):
 * - vega numbers SVG clip paths and gradients with module-level counters; they are reset before
 *   each render, and renders are serialised so two cannot interleave.
 * - text is measured with a fixed DejaVu Sans width table (./dejavu-metrics.ts), never with
 *   whatever `canvas` or fonts the machine has; resvg is told to draw DejaVu Sans (./fonts.ts).
 * - all labels are computed from data or UTC dates; nothing reads the clock or the time zone.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Projection } from '../model/types.js';
import { buildCharts, summaryChart } from '../report/charts/index.js';
import { dejavuTextWidth } from './dejavu-metrics.js';
import { chartFonts, coveredBy } from './fonts.js';

export interface RenderedChart {
  svg: string;
  png: Uint8Array;
  /** The Vega-Lite spec, pretty-printed: the `.vl.json` kept next to the chart. */
  vl: string;
}

export interface ChartFile {
  /** Relative path, e.g. `charts/monthly-spend.svg`. */
  path: string;
  bytes: Uint8Array;
}

export const PNG_ZOOM = 2;
export const RENDER_FONT = 'DejaVu Sans';

type Vega = typeof import('vega');
type VegaLite = typeof import('vega-lite');
type ResvgModule = typeof import('@resvg/resvg-wasm');

interface Libs {
  vega: Vega;
  vl: VegaLite;
  resvg: ResvgModule;
}

let libs: Promise<Libs> | undefined;

interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
}

function loadLibs(): Promise<Libs> {
  libs ??= (async () => {
    const [vega, vl, resvg, { readFile }, { createRequire }] = await Promise.all([
      import('vega'),
      import('vega-lite'),
      import('@resvg/resvg-wasm'),
      import('node:fs/promises'),
      import('node:module'),
    ]);
    // The .wasm file sits in the package; resolved from here so it is found from the bundle too.
    // The wasm instance belongs to the package, once per process: a second copy of this module
    // (the test suite re-imports modules between files) finds it initialized already, and uses it.
    await resvg.initWasm(readFile(createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm'))).catch((err: unknown) => {
      if (!(err instanceof Error && err.message.startsWith('Already initialized'))) throw err;
    });
    // vega exposes its text measurer as a mutable object (vl-convert replaces it the same way);
    // it is not in vega's type declarations.
    const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } }).textMetrics;
    metrics.width = (item, text) => {
      const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11; // vega's default font size
      const s = text == null ? '' : String(text).trim();
      return dejavuTextWidth(s, size, item.fontWeight);
    };
    return { vega, vl, resvg };
  })();
  return libs;
}

/**
 * Collects vega / vega-lite log messages instead of printing them (renderers are pure). vega calls
 * these methods unbound, so they are arrow functions over a closure, not methods using `this`.
 */
interface CollectingLogger {
  warnings: string[];
  errors: string[];
  level(_?: number): number | CollectingLogger;
  error(...args: readonly unknown[]): CollectingLogger;
  warn(...args: readonly unknown[]): CollectingLogger;
  info(): CollectingLogger;
  debug(): CollectingLogger;
}

function collectingLogger(): CollectingLogger {
  const warnings: string[] = [];
  const errors: string[] = [];
  let lvl = 2; // vega's Warn
  const logger: CollectingLogger = {
    warnings,
    errors,
    level(_?: number): number | CollectingLogger {
      if (_ === undefined) return lvl;
      lvl = _;
      return logger;
    },
    error: (...args: readonly unknown[]) => {
      errors.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
      return logger;
    },
    warn: (...args: readonly unknown[]) => {
      warnings.push(args.map(String).join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

// Renders run one at a time: vega's SVG id counters are process-global.
let queue: Promise<unknown> = Promise.resolve();
function serialised<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

/** True when any data set of a vega spec (top level or nested in a group) names a URL. */
function declaresUrl(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(declaresUrl);
  if (node === null || typeof node !== 'object') return false;
  const o = node as Record<string, unknown>;
  if (Array.isArray(o['data']) && o['data'].some((d) => d !== null && typeof d === 'object' && 'url' in d)) return true;
  return Array.isArray(o['marks']) && o['marks'].some(declaresUrl);
}

/** Vega-Lite → Vega, with the compiler's warnings (tests assert there are none). */
export async function compileToVega(spec: TopLevelSpec): Promise<{ vega: unknown; warnings: string[] }> {
  const { vl } = await loadLibs();
  const logger = collectingLogger();
  const out = vl.compile(spec, { logger: logger as never });
  return { vega: out.spec, warnings: logger.warnings };
}

async function toSvg(spec: TopLevelSpec): Promise<{ svg: string; warnings: string[] }> {
  const { vega, vl } = await loadLibs();
  const logger = collectingLogger();
  const vgSpec = vl.compile(spec, { logger: logger as never }).spec;
  // Charts embed their data; refuse any URL so a spec can never make a network or file request
  // (checked up front, and the loader refuses too in case a URL hides in a signal).
  if (declaresUrl(vgSpec)) throw new Error('costsim charts embed their data; loading a URL is not allowed');
  const loader = vega.loader();
  loader.sanitize = () => Promise.reject(new Error('costsim charts embed their data; loading a URL is not allowed'));
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none', loader, logger: logger as never });
  try {
    vega.resetSVGDefIds();
    const svg = await view.toSVG();
    if (logger.errors.length > 0) throw new Error(`vega: ${logger.errors.join('; ')}`);
    return { svg, warnings: logger.warnings };
  } finally {
    view.finalize();
  }
}

/**
 * SVG → PNG at 2×, drawn with DejaVu Sans. resvg's objects live in WebAssembly memory, which the
 * garbage collector does not see: each is freed here as soon as it is done with, so a long batch
 * reuses the same memory instead of growing it.
 */
export async function svgToPng(svg: string): Promise<Uint8Array> {
  const { resvg } = await loadLibs();
  const fonts = chartFonts();
  const r = new resvg.Resvg(svg, {
    font: { fontBuffers: coveredBy(svg, fonts.covered) ? fonts.dejavu : fonts.all(), defaultFontFamily: RENDER_FONT, sansSerifFamily: RENDER_FONT },
    fitTo: { mode: 'zoom', value: PNG_ZOOM },
    background: '#ffffff',
  });
  try {
    const image = r.render();
    try {
      return image.asPng();
    } finally {
      image.free();
    }
  } finally {
    r.free();
  }
}

export function specJson(spec: TopLevelSpec): string {
  return `${JSON.stringify(spec, null, 2)}\n`;
}

/** One chart: SVG text, PNG bytes and the pretty-printed Vega-Lite spec. */
export function renderChart(spec: TopLevelSpec): Promise<RenderedChart> {
  return serialised(async () => {
    const { svg } = await toSvg(spec);
    const png = await svgToPng(svg);
    return { svg, png, vl: specJson(spec) };
  });
}

/** SVG only (the HTML report inlines SVG and needs no PNG). */
export function renderSvg(spec: TopLevelSpec): Promise<string> {
  return serialised(async () => (await toSvg(spec)).svg);
}

const utf8 = new TextEncoder();

function files(dir: string, name: string, chart: RenderedChart): ChartFile[] {
  const prefix = dir === '' ? name : `${dir}/${name}`;
  return [
    { path: `${prefix}.svg`, bytes: utf8.encode(chart.svg) },
    { path: `${prefix}.png`, bytes: chart.png },
    { path: `${prefix}.vl.json`, bytes: utf8.encode(chart.vl) },
  ];
}

/** Every chart of one scenario as files under `charts/` (relative to the scenario's folder). */
export async function renderAllCharts(projection: Projection): Promise<ChartFile[]> {
  const out: ChartFile[] = [];
  for (const { name, spec } of buildCharts(projection)) out.push(...files('charts', name, await renderChart(spec)));
  return out;
}

/** The cross-scenario chart of a batch: `summary.svg|png|vl.json` (relative to the batch's --out). */
export async function renderSummaryChart(projections: readonly Projection[]): Promise<ChartFile[]> {
  return files('', 'summary', await renderChart(summaryChart(projections)));
}
