/**
 * The scheme at the start of a URL (`https:`, `javascript:`), letters as written. The one
 * spelling of this rule: the digest schema, the Markdown link check, the policy and the checker
 * all read it.
 *
 * @example
 * SCHEME.exec('HTTPS://x.org')?.[1] // → 'HTTPS'
 */
export const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * True for an absolute http(s) URL without whitespace.
 *
 * @example
 * isHttpUrl('https://example.com/a') // → true
 * isHttpUrl('https://example.com/a b') // → false
 */
export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\/[^\s/?#]+/i.test(value) || /\s/.test(value)) return false;
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * A URL attribute as a browser reads it: outer spaces and controls, tabs and newlines removed.
 *
 * @example
 * urlAsRead(' java\tscript:alert(1)') // → 'javascript:alert(1)'
 */
export function urlAsRead(url: string): string {
  return url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$|[\t\n\r]/g, '');
}

/**
 * The scheme of a URL as a browser reads it, lower-cased, or undefined for a relative URL.
 * A single letter is a Windows drive (`C:\…`), i.e. a local path.
 *
 * @example
 * urlScheme(' JavaScript:alert(1)') // → 'javascript'
 * urlScheme('img/a.png') // → undefined
 */
export function urlScheme(url: string): string | undefined {
  const scheme = SCHEME.exec(urlAsRead(url))?.[1]?.toLowerCase();
  return scheme && scheme.length > 1 ? scheme : undefined;
}

/**
 * True for a URL without a scheme that still names a server (`//host/x.png`, and `\\host\x.png`,
 * which a browser reads the same way): it loads from that host, so it is not a local path.
 *
 * @example
 * isSchemeRelative('//cdn.example.com/a.png') // → true
 * isSchemeRelative('\\\\server\\share\\a.png') // → true
 * isSchemeRelative('figures/a.png') // → false
 */
export function isSchemeRelative(url: string): boolean {
  return /^[\\/]{2}/.test(urlAsRead(url));
}
