/**
 * The fonts resvg draws chart text with, read once per process (per worker thread) and handed to
 * resvg as bytes.
 *
 * Why bytes and not resvg's own font loading: the native resvg-js build keeps each font as a file
 * path and reads the whole file again for every glyph it outlines (fontdb without `memmap`):
 * about 1,000 reads of DejaVuSans.ttf (760 KB each) per chart, ≈0.7 GB copied, which was two
 * thirds of a chart's CPU and nearly all of its system time (strace: 6,240 opens of the file for
 * one scenario's 9 charts). resvg's WebAssembly build takes the fonts as buffers and draws the
 * same PNG bytes (checked on every committed chart).
 *
 * Which fonts: the charts name only "DejaVu Sans" (normal and bold; src/report/charts/common.ts),
 * so a chart whose text DejaVu Sans covers gets just its Book and Bold faces. A chart with a
 * character DejaVu Sans lacks (a scenario named in Japanese, an emoji) gets every font file in
 * the system's font folders as well, as resvg's `loadSystemFonts` did, so that resvg can fall back
 * to a font that has it. When DejaVu Sans is not installed every chart takes that path.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Font folders searched, as fontdb's `load_system_fonts` does for each platform. */
function fontFolders(): string[] {
  const home = homedir();
  if (process.platform === 'win32') {
    const windir = process.env['SystemRoot'] ?? process.env['WINDIR'] ?? 'C:\\Windows';
    const local = process.env['LOCALAPPDATA'];
    return [join(windir, 'Fonts'), ...(local ? [join(local, 'Microsoft', 'Windows', 'Fonts')] : [])];
  }
  if (process.platform === 'darwin') return ['/Library/Fonts', '/System/Library/Fonts', '/System/Library/AssetsV2', '/Network/Library/Fonts', join(home, 'Library/Fonts')];
  const dataHome = process.env['XDG_DATA_HOME'] || join(home, '.local/share');
  return ['/usr/share/fonts', '/usr/local/share/fonts', join(dataHome, 'fonts'), join(home, '.fonts')];
}

const FONT_FILE = /\.(ttf|otf|ttc|otc)$/i;
/** Bounds on the folder walk: a font folder is never this deep or this large in practice. */
const MAX_DEPTH = 8;
const MAX_FILES = 10_000;

/** Every font file under the system's font folders, in a stable (sorted) order. */
function systemFontFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > MAX_DEPTH || found.length >= MAX_FILES) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // a folder that does not exist here, or that we may not read
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full, depth + 1);
      else if ((e.isFile() || e.isSymbolicLink()) && FONT_FILE.test(e.name) && found.length < MAX_FILES) found.push(full);
    }
  };
  for (const dir of fontFolders()) walk(dir, 0);
  return found;
}

function readFont(file: string): Uint8Array | null {
  try {
    return readFileSync(file);
  } catch {
    return null;
  }
}

/**
 * The code points a TrueType/OpenType font maps to a glyph, from its `cmap` table (format 4,
 * the Basic Multilingual Plane, which is what DejaVu Sans maps). Null when the font has none.
 */
export function cmapCodePoints(font: Uint8Array): Set<number> | null {
  const v = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = v.getUint16(4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) {
    const rec = 12 + 16 * i;
    if (String.fromCharCode(font[rec]!, font[rec + 1]!, font[rec + 2]!, font[rec + 3]!) === 'cmap') cmap = v.getUint32(rec + 8);
  }
  if (cmap < 0) return null;
  const subtables = v.getUint16(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const platform = v.getUint16(cmap + 4 + 8 * i);
    const encoding = v.getUint16(cmap + 6 + 8 * i);
    const at = cmap + v.getUint32(cmap + 8 + 8 * i);
    // Unicode BMP: platform 3 encoding 1 (Windows) or platform 0 (Unicode), format 4.
    if (!((platform === 3 && encoding === 1) || platform === 0) || v.getUint16(at) !== 4) continue;
    const segments = v.getUint16(at + 6) / 2;
    const ends = at + 14;
    const starts = ends + 2 * segments + 2;
    const deltas = starts + 2 * segments;
    const offsets = deltas + 2 * segments;
    const points = new Set<number>();
    for (let s = 0; s < segments; s++) {
      const end = v.getUint16(ends + 2 * s);
      const start = v.getUint16(starts + 2 * s);
      const delta = v.getUint16(deltas + 2 * s);
      const offsetAt = offsets + 2 * s;
      const offset = v.getUint16(offsetAt);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        let glyph: number;
        if (offset === 0) glyph = (c + delta) & 0xffff;
        else {
          const g = v.getUint16(offsetAt + offset + 2 * (c - start));
          glyph = g === 0 ? 0 : (g + delta) & 0xffff;
        }
        if (glyph !== 0) points.add(c);
      }
    }
    return points;
  }
  return null;
}

interface ChartFonts {
  /** DejaVu Sans Book and Bold, or [] when they are not installed. */
  dejavu: Uint8Array[];
  /** Code points both DejaVu faces draw (a chart whose text stays inside needs no other font). */
  covered: Set<number>;
  /** Every system font file, DejaVu first: read on the first chart that needs a fallback. */
  all: () => Uint8Array[];
}

let fonts: ChartFonts | undefined;

export function chartFonts(): ChartFonts {
  if (fonts !== undefined) return fonts;
  const files = systemFontFiles();
  const pick = (name: string) => files.find((f) => f.endsWith(`/${name}`) || f.endsWith(`\\${name}`));
  const book = pick('DejaVuSans.ttf');
  const bold = pick('DejaVuSans-Bold.ttf');
  const faces = [book, bold].map((f) => (f === undefined ? null : readFont(f)));
  const maps = faces.map((f) => (f === null ? null : cmapCodePoints(f)));
  let dejavu: Uint8Array[] = [];
  let covered = new Set<number>();
  if (faces[0] && faces[1] && maps[0] && maps[1]) {
    dejavu = [faces[0], faces[1]];
    const boldMap = maps[1];
    covered = new Set([...maps[0]].filter((c) => boldMap.has(c)));
  }
  let everything: Uint8Array[] | undefined;
  const all = () => {
    everything ??= [
      ...dejavu,
      ...files
        .filter((f) => f !== book && f !== bold)
        .map(readFont)
        .filter((f): f is Uint8Array => f !== null),
    ];
    return everything;
  };
  fonts = { dejavu, covered, all };
  return fonts;
}

/**
 * True when every character of the SVG's text is one DejaVu Sans draws. The markup itself is
 * ASCII; character references (`&#…;`) are decoded, since vega may write text that way.
 */
export function coveredBy(svg: string, covered: ReadonlySet<number>): boolean {
  if (covered.size === 0) return false;
  for (const ch of svg) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x20 && c < 0x7f) continue; // ASCII (markup, and text DejaVu Sans draws)
    if (c === 0x0a || c === 0x0d || c === 0x09) continue;
    if (!covered.has(c)) return false;
  }
  for (const m of svg.matchAll(/&#(x[0-9a-fA-F]+|[0-9]+);/g)) {
    const ref = m[1]!;
    const c = ref[0] === 'x' ? parseInt(ref.slice(1), 16) : parseInt(ref, 10);
    if (!covered.has(c)) return false;
  }
  return true;
}
