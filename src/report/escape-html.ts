/**
 * HTML escaping, in a module of its own so that the sweep and the ranges sections can escape
 * text without loading the whole HTML report (html.ts pulls in the charts' config, the executive
 * summary and the notes): `costsim sweep --format json` then never loads the report at all.
 */

/** Escape text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
