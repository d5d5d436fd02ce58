import { describe, expect, it } from 'vitest';
import { svgToPng } from '../../src/render/render.js';
import { chartFonts, cmapCodePoints, coveredBy } from '../../src/render/fonts.js';

const fonts = chartFonts();
const [book, bold] = fonts.dejavu;

describe('chart fonts', () => {
  it('finds DejaVu Sans Book and Bold (CI installs fonts-dejavu-core)', () => {
    expect(fonts.dejavu).toHaveLength(2);
    // The files start with a TrueType version tag, 0x00010000.
    expect([...(book ?? new Uint8Array(4)).subarray(0, 4)]).toEqual([0, 1, 0, 0]);
    expect([...(bold ?? new Uint8Array(4)).subarray(0, 4)]).toEqual([0, 1, 0, 0]);
  });

  it('reads the code points a font draws from its cmap', () => {
    const map = cmapCodePoints(book ?? new Uint8Array());
    // DejaVu Sans draws Latin, Greek, Cyrillic and the math minus; it has no CJK ideographs.
    for (const c of [0x41, 0x7a, 0xe9, 0x3a9, 0x416, 0x2212, 0x2026]) expect(map?.has(c), c.toString(16)).toBe(true);
    for (const c of [0x4e00, 0x65e5, 0xac00]) expect(map?.has(c), c.toString(16)).toBe(false);
    expect(cmapCodePoints(new Uint8Array([0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toBeNull(); // no tables at all
  });

  it('covers printable ASCII in both weights (coveredBy skips the markup on that ground)', () => {
    for (let c = 0x20; c < 0x7f; c++) expect(fonts.covered.has(c), c.toString(16)).toBe(true);
  });

  it('tells text DejaVu Sans draws from text that needs another font, character references included', () => {
    expect(coveredBy('<svg><text>Café − 12 €, Ω, Ж…</text></svg>', fonts.covered)).toBe(true);
    expect(coveredBy('<svg><text>日本語</text></svg>', fonts.covered)).toBe(false);
    expect(coveredBy('<svg><text>&#x65E5;</text></svg>', fonts.covered)).toBe(false);
    expect(coveredBy('<svg><text>&#233;</text></svg>', fonts.covered)).toBe(true);
    expect(coveredBy('<svg><text>😀</text></svg>', fonts.covered)).toBe(false); // beyond the BMP
    expect(coveredBy('<svg/>', new Set())).toBe(false); // no DejaVu Sans: always the fallback
  });

  // A character DejaVu Sans lacks is drawn from another installed font, as resvg's system-font
  // loading did: the PNG differs from the same chart with a character no font has. Needs a
  // machine with such a font (Liberation's private-use ligatures on CI's Debian); none: skipped.
  const others = fonts.all().slice(fonts.dejavu.length).map(cmapCodePoints);
  const extra = others.flatMap((m) => [...(m ?? [])]).find((c) => c >= 0x20 && !fonts.covered.has(c));
  const nowhere = [0xe000, 0xe001, 0xe002, 0xe003].find((c) => !fonts.covered.has(c) && others.every((m) => !m?.has(c)));
  it.skipIf(extra === undefined || nowhere === undefined)('draws a character DejaVu Sans lacks with another installed font', async () => {
    const svg = (c: number) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><text x="5" y="20" font-family="DejaVu Sans" font-size="16px">&#${c};</text></svg>`;
    const drawn = await svgToPng(svg(extra ?? 0));
    const missing = await svgToPng(svg(nowhere ?? 0));
    expect(Buffer.from(drawn).equals(Buffer.from(missing))).toBe(false);
  });
});
