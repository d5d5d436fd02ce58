/**
 * What a printed report.html looks like, page by page, for the browser test: Chromium prints the
 * page to A4, poppler's `pdftotext` reads each page's text back, and the blocks of the document
 * (headings, hints, captions, paragraphs, list items, the first row of each table or row group,
 * chart titles) are found on the pages in document order. A lead-in (a heading, a hint, a
 * caption, a table's row-group label) whose next block of content is on a later page was
 * orphaned at a page's foot.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export const PDFTOTEXT = '/usr/bin/pdftotext';

export interface PrintedBlock {
  /** A heading, hint, caption or row-group label: it must share its page with the next content block. */
  lead: boolean;
  /** The block's first words as printed (whitespace collapsed), at most 20 characters. */
  text: string;
}

export interface PrintedReport {
  pdf: Buffer;
  /** Each page's text, whitespace collapsed to single spaces. */
  pages: string[];
  /** The page (1-based) each block was found on, or null where its text was not found. */
  blocks: (PrintedBlock & { page: number | null })[];
}

/** The little of the DOM the page-side function uses (the project's type check has no DOM library). */
interface DomElement {
  tagName: string;
  innerText: string;
  textContent: string | null;
  classList: { contains(name: string): boolean };
  parentElement: DomElement | null;
  previousElementSibling: DomElement | null;
  closest(selector: string): DomElement | null;
  matches(selector: string): boolean;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  getAttribute(name: string): string | null;
  getClientRects(): { length: number };
}

/** How far ahead of the previous block's page a block is looked for (a chart or a long table can fill a page). */
const LOOK_AHEAD_PAGES = 2;

/** Print `page` (already loaded) to A4 with print media and read it back page by page. */
export async function printReport(page: Page): Promise<PrintedReport> {
  await page.emulateMedia({ media: 'print' });
  const blocks = await page.evaluate((): PrintedBlock[] => {
    const document = (globalThis as unknown as { document: DomElement }).document;
    const LEAD = 'h2, h3, caption, p.hint:not(.closing), p.drivers-title, tr.group';
    const NESTED_IN = 'li, tr, figure, p, caption, h2, h3, dt';
    const clip = (t: string) => t.replace(/\s+/g, ' ').trim().slice(0, 20).trim();
    const out: PrintedBlock[] = [];
    for (const el of document.querySelectorAll(`${LEAD}, p, li, dt, tbody tr, figure`)) {
      if (el.getClientRects().length === 0) continue; // not printed (display: none in print)
      if (el.parentElement?.closest(NESTED_IN)) continue; // inside a block already listed
      let text: string;
      if (el.tagName === 'TR') {
        // A body row counts only as the first of its table or of its row group: the rows that
        // must follow a caption or a group label. (The rest can be in two columns, out of reading order.)
        const prev = el.previousElementSibling;
        if (!el.classList.contains('group') && prev !== null && !prev.classList.contains('group')) continue;
        text = el.querySelector('th, td')?.innerText ?? '';
      } else if (el.tagName === 'FIGURE') {
        // A chart's title: its largest text (vega writes font-size="16px" on each text element).
        const texts = [...el.querySelectorAll('text')];
        const size = (i: number) => Number.parseFloat(texts[i]!.getAttribute('font-size') ?? '') || 0;
        const largest = texts.reduce((best, _, i) => (size(i) > size(best) ? i : best), 0);
        text = texts[largest]?.textContent ?? '';
      } else {
        text = el.innerText;
      }
      text = clip(text);
      if (text.length >= 3) out.push({ lead: el.matches(LEAD), text });
    }
    return out;
  });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const dir = mkdtempSync(join(tmpdir(), 'costsim-print-'));
  let text: string;
  try {
    writeFileSync(join(dir, 'report.pdf'), pdf);
    text = execFileSync(PDFTOTEXT, ['-layout', '-enc', 'UTF-8', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // pdftotext ends every page with a form feed.
  const pages = text.split('\f').slice(0, -1).map((p) => p.replace(/\s+/g, ' ').trim());
  // Find each block after the previous one: same page further on, or a page or two later.
  let at = { page: 0, offset: 0 };
  const found = blocks.map((b) => {
    for (let p = at.page; p < Math.min(pages.length, at.page + 1 + LOOK_AHEAD_PAGES); p++) {
      const i = pages[p]!.indexOf(b.text, p === at.page ? at.offset : 0);
      if (i >= 0) {
        at = { page: p, offset: i + b.text.length };
        return { ...b, page: p + 1 };
      }
    }
    return { ...b, page: null };
  });
  return { pdf, pages, blocks: found };
}

/** Every lead-in printed on an earlier page than the content after it: "page 3: “Line items” → page 4: “Every total above”". */
export function orphanedLeads(report: PrintedReport): string[] {
  const out: string[] = [];
  const { blocks } = report;
  blocks.forEach((b, i) => {
    if (!b.lead || b.page === null) return;
    const next = blocks.slice(i + 1).find((n) => !n.lead);
    if (next?.page != null && next.page > b.page) out.push(`page ${b.page}: “${b.text}” → page ${next.page}: “${next.text}”`);
  });
  return out;
}
