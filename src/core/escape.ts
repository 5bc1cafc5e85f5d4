const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * Escapes text for HTML content and double-quoted attributes.
 *
 * @example
 * escapeHtml('a < b & "c"') // → 'a &lt; b &amp; &quot;c&quot;'
 */
export function escapeHtml(text: string): string {
  return /[&<>"]/.test(text) ? text.replace(/[&<>"]/g, (c) => ESCAPES[c]) : text;
}
