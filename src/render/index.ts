/** Chart rendering (the only chart I/O-shaped code; it still writes nothing: it returns bytes). */
export { compileToVega, renderAllCharts, renderChart, renderSummaryChart, renderSvg, specJson, svgToPng, PNG_ZOOM, RENDER_FONT } from './render.js';
export type { ChartFile, RenderedChart } from './render.js';
export { dejavuTextWidth } from './dejavu-metrics.js';
