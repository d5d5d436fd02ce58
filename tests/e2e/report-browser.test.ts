/**
 * report.html in a real headless Chromium (Debian's /usr/bin/chromium; playwright-core never
 * downloads a browser): opened from disk with the network off, it must show its content,
 * draw every chart, log no error, request nothing and run nothing — not even when the
 * scenario is named `<script>alert(1)</script>`.
 *
 * Skipped (with a message) only on a developer machine without Chromium; in CI it must run.
 * Also writes .tmp/report-preview.png and .tmp/report-preview.pdf for a human to look at.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Projection } from '../../src/model/types.js';
import { buildCharts } from '../../src/report/charts/index.js';
import { renderHtml } from '../../src/report/html.js';
import { chartTitle } from '../../src/report/outputs.js';
import { renderSvg } from '../../src/render/index.js';
import { loadFixture } from '../report/fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const HOSTILE_NAME = '<script>alert(1)</script>';
const haveChromium = existsSync(CHROMIUM);
const inCi = Boolean(process.env.CI);

if (!haveChromium && !inCi) {
  console.warn(`report-browser: SKIPPED — ${CHROMIUM} not found (apt-get install chromium fonts-dejavu-core); CI runs it.`);
}

/**
 * The page budget of the printed help-center report (6 charts, 4 strategies, 12 months): the
 * summary and key assumptions, the comparison, two pages of charts, the tables, the line
 * items and the assumptions. Measured 7 when this was written; one page of slack for fonts.
 */
const PRINTED_PAGES_AT_MOST = 8;

const PREVIEW_DIR = fileURLToPath(new URL('../../.tmp/', import.meta.url));

describe.skipIf(!haveChromium && !inCi)('report.html in headless Chromium', () => {
  let browser: Browser;
  let dir: string;
  let reportPath: string;
  let chartCount = 0;

  beforeAll(async () => {
    const projection: Projection = loadFixture('help-center-rag');
    projection.scenario.name = HOSTILE_NAME;
    const charts = [];
    for (const { name, spec } of buildCharts(projection)) {
      charts.push({ name, title: chartTitle(name), svg: await renderSvg(spec) });
    }
    chartCount = charts.length;
    dir = mkdtempSync(join(tmpdir(), 'costsim-report-'));
    reportPath = join(dir, 'report.html');
    writeFileSync(reportPath, renderHtml(projection, charts));

    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('renders offline with no errors, no requests, no dialog, the name as text and every chart sized', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    await context.setOffline(true);
    const attempted: string[] = [];
    const failed: string[] = [];
    const consoleErrors: string[] = [];
    const pageErrors: string[] = [];
    const dialogs: string[] = [];
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      attempted.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) attempted.push(r.url());
    });
    page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });

    const response = await page.goto(pathToFileURL(reportPath).href, { waitUntil: 'load' });
    expect(response === null || response.ok()).toBe(true);

    // The hostile name is shown as text (in the heading and the title), not run.
    await expect.poll(() => page.locator('h1').innerText()).toBe(HOSTILE_NAME);
    expect(await page.title()).toBe(`${HOSTILE_NAME} — costsim report`);
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    );

    // The verdict and the tables are there.
    expect(await page.locator('#verdict-title').innerText()).toContain('rag');
    // One price list per strategy that can run (prompt_only cannot: one line says why).
    expect(await page.locator('section[aria-labelledby="li"] table.items').count()).toBe(3);

    // Every chart is drawn with a real size.
    const svgs = page.locator('figure.chart > svg');
    expect(await svgs.count()).toBe(chartCount);
    expect(chartCount).toBe(6);
    for (let i = 0; i < chartCount; i++) {
      const box = await svgs.nth(i).boundingBox();
      expect(box, `chart ${i}`).not.toBeNull();
      expect(box!.width).toBeGreaterThan(100);
      expect(box!.height).toBeGreaterThan(100);
      // Scaled to the page, never overflowing it.
      expect(box!.x + box!.width).toBeLessThanOrEqual(1200);
    }

    mkdirSync(PREVIEW_DIR, { recursive: true });
    await page.screenshot({ path: join(PREVIEW_DIR, 'report-preview.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(PREVIEW_DIR, 'report-preview.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Issue 11: v0.1 printed this 12-month scenario on 12 A4 pages (line items month by month, a
    // heading alone at a page foot). Chromium writes one `/Type /Page` object per page.
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
    console.log(`report-browser: report.html prints on ${pages} A4 pages`);
    expect(pages).toBeGreaterThan(0);
    expect(pages).toBeLessThanOrEqual(PRINTED_PAGES_AT_MOST);

    expect(consoleErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(attempted).toEqual([]);
    expect(failed).toEqual([]);
    expect(dialogs).toEqual([]);
    await context.close();
  });
});
