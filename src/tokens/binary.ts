/**
 * Binary-file detection shared by `costsim tokens` and the scenario file access.
 *
 * The rule is git's (`buffer_is_binary` in git's xdiff-interface.c): a file is binary when
 * its first 8,000 bytes contain a NUL byte. UTF-8 and the other text encodings people keep
 * prompts and docs in never contain NUL, while images, PDFs, archives and UTF-16 text do.
 */
export const BINARY_SNIFF_BYTES = 8000;

export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

/** The same rule for text that is already a string (in-memory files). */
export function textLooksBinary(text: string): boolean {
  return text.slice(0, BINARY_SNIFF_BYTES).includes('\0');
}

const utf8 = new TextDecoder('utf-8');

/** UTF-8 text of a file's bytes; a leading byte-order mark is dropped (it is not content). */
export function decodeText(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}
