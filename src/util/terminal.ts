/**
 * Text from a file on its way to a terminal or a log (problems, tables, notes).
 *
 * A scenario or catalog value can hold anything: a newline that forges a second problem
 * line (`fake.yaml:1:1: version: all good`), an ANSI escape that repaints the screen, a NUL,
 * or a bidirectional override (U+202E) that makes the text read differently from what it
 * is ("Trojan Source", CVE-2021-42574). Compilers since then print such characters escaped;
 * so does costsim: `\n`, `\r`, `\t` by name, every other one as `\u202e`. Nothing is
 * dropped, so the user sees exactly which character is in the file.
 *
 * One more hazard is length: a 100,000-character id would print a 100 KB line. Quoted user
 * text is shortened with `clip` to a fixed number of characters, saying how long it was.
 */

/**
 * Characters escaped: C0 controls and DEL, C1 controls, the bidi embeddings, overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069), the marks U+200E, U+200F and U+061C, the line and
 * paragraph separators U+2028/U+2029 (line breaks to some terminals and editors), and U+FEFF.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with every control, line-break and bidi character written as an escape. */
export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Most characters of one piece of user text quoted in a message. */
const MAX_QUOTED_CHARS = 120;

/**
 * `text` cut to `max` characters (default MAX_QUOTED_CHARS) with `…` and its full length,
 * e.g. `aaaa… (100,000 characters)`. Cuts between UTF-16 surrogates are avoided.
 */
export function clip(text: string, max = MAX_QUOTED_CHARS): string {
  if (text.length <= max) return text;
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--; // do not split a surrogate pair
  return `${text.slice(0, end)}… (${text.length.toLocaleString('en-US')} characters)`;
}

/** User text for a terminal line: clipped, then escaped. */
export function quoteForTerminal(text: string, max = MAX_QUOTED_CHARS): string {
  return escapeForTerminal(clip(text, max));
}
