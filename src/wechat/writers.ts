import { escapeHtml } from '../core/escape.js';
import { WECHAT_POLICY } from './policy.js';
import { parseStyle, serializeStyle } from './style.js';

/**
 * The ways external links can be written, defined once: `footnotes` (text + `[n]`, the URLs
 * listed at the end; what WeChat accepts), `inline` (the URL in brackets after the text), `keep`
 * (real `<a>`, for other platforms).
 *
 * @example
 * LINK_MODES // → ['footnotes', 'inline', 'keep']
 */
export const LINK_MODES = ['footnotes', 'inline', 'keep'] as const;

/** How external links are written: footnotes (WeChat-safe), inline URLs, or kept as `<a>`. */
export type LinkMode = (typeof LINK_MODES)[number];

/**
 * A raised marker makes its line taller than the others; `line-height:0` keeps the lines of a
 * paragraph evenly spaced, unless the theme sets the marker's line height itself. Both the
 * Markdown renderer and the clean-up step write footnote markers with it.
 *
 * @example
 * `<sup style="${FOOTNOTE_MARKER_STYLE}">[1]</sup>` // → '<sup style="line-height:0">[1]</sup>'
 */
export const FOOTNOTE_MARKER_STYLE = 'line-height:0';

/**
 * Bullets of list rows by nesting depth (WeChat drops native list markers, so they are text).
 *
 * @example
 * BULLETS[1] // → '◦'
 */
export const BULLETS = ['•', '◦', '▪'] as const;

/**
 * The bullet written for an item of an unordered list at `depth` (0 for the outermost).
 *
 * @example
 * bullet(0) // → '•'
 * bullet(4) // → '◦'
 */
export function bullet(depth: number): string {
  return BULLETS[depth % BULLETS.length];
}

/**
 * The style of the rest of a list item after its first line (further paragraphs, code, nested
 * lists): it cancels the row's hanging indent.
 *
 * @example
 * `<section style="${REST_STYLE}">` // → '<section style="text-indent:0">'
 */
export const REST_STYLE = 'text-indent:0';

const TAB = ' '.repeat(WECHAT_POLICY.code.tabWidth);

/**
 * Tabs as spaces, as many as the policy's `code.tabWidth`.
 *
 * @example
 * expandTabs('\tgo()') // → '    go()'
 */
export function expandTabs(text: string): string {
  return text.replace(/\t/g, TAB);
}

/**
 * One line of code as HTML that both paste and the draft API keep: escaped, runs of spaces (and
 * the leading spaces when the line starts here) as `&nbsp;`.
 *
 * @param lineStart - True when `line` starts a line (its leading spaces are kept too).
 * @example
 * codeLine('  a  b', true) // → '&nbsp;&nbsp;a&nbsp;&nbsp;b'
 * codeLine(' a', false) // → ' a'
 */
export function codeLine(line: string, lineStart: boolean): string {
  return escapeHtml(line).replace(lineStart ? /^ +| {2,}/g : / {2,}/g, (run) => '&nbsp;'.repeat(run.length));
}

/**
 * One line of code as text for a document node, as `codeLine` but unescaped: runs of spaces
 * (and the leading spaces when the line starts here) as no-break spaces, which the serialiser
 * writes as `&nbsp;`.
 *
 * @example
 * codeLineText('  a  b', true) // → '\u00a0\u00a0a\u00a0\u00a0b'
 */
export function codeLineText(line: string, lineStart: boolean): string {
  return line.replace(lineStart ? /^ +| {2,}/g : / {2,}/g, (run) => '\u00a0'.repeat(run.length));
}

/**
 * Code as HTML that keeps its layout on both paths: tabs as spaces (the policy's tab width),
 * leading spaces and runs of spaces as `&nbsp;`, newlines as `<br>`.
 *
 * @example
 * codeHtml('if x:\n\tgo()  # now') // → 'if x:<br>&nbsp;&nbsp;&nbsp;&nbsp;go()&nbsp;&nbsp;# now'
 */
export function codeHtml(code: string): string {
  return code
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => codeLine(expandTabs(line), true))
    .join('<br>');
}

/**
 * Splits the root's style into what stays on the root and what the paste cleaner would drop
 * there (`padding…`, `background…`), which goes on an inner box instead.
 *
 * @example
 * splitRootBox('font-size:15px;padding:0 8px;background-color:#fafafa')
 * // → { root: 'font-size:15px', box: 'padding:0 8px;background-color:#fafafa' }
 */
export function splitRootBox(style: string): { root: string; box: string } {
  const decls = parseStyle(style);
  const inBox = (prop: string) => WECHAT_POLICY.rootBox.properties.some((p) => prop.startsWith(p));
  return { root: serializeStyle(decls.filter((d) => !inBox(d.prop))), box: serializeStyle(decls.filter((d) => inBox(d.prop))) };
}
