import { escapeHtml } from '../../../core/escape.js';
import { suggest } from '../../../core/suggest.js';
import { codeTokenRole } from '../../../theme/code-palette.js';
import { joinStyles, openTag, type MarkdownEnv } from '../env.js';
import { highlightCode } from './highlighter.js';
import { codeLanguageNames, findCodeLanguage, PLAIN_CODE_NAMES } from './languages.js';
import { codeSpans } from './spans.js';

/** The code-block options of a render (see `RenderOptions`). */
export interface CodeBlockOptions {
  /** Colour fenced code that names a language. */
  highlight: boolean;
  /** A line-number column beside the code, left out when the code is copied. */
  lineNumbers: boolean;
  /** A window bar above the code: three dots and the language. */
  window: boolean;
}

// The line numbers are not part of the code: a reader who selects and copies the code does
// not get them (the column is also separate, so where user-select is ignored they still do
// not interleave with the lines).
const NUMBERS_STYLE = 'display:block;-webkit-user-select:none;user-select:none';
const LINES_STYLE = 'display:block';
// Three window dots: an inline SVG (text dots would be recoloured and measured as text).
const DOTS =
  '<svg viewBox="0 0 52 12" style="width:52px;height:12px;vertical-align:middle">'
  + '<circle cx="6" cy="6" r="6" fill="#ff5f56"></circle><circle cx="26" cy="6" r="6" fill="#ffbd2e"></circle><circle cx="46" cy="6" r="6" fill="#27c93f"></circle></svg>';

/**
 * The language word of a fence's info string: its first word, lower case, without the `{…}`
 * attributes some writers add.
 *
 * @example
 * fenceLanguage('TS {1,3}') // → 'ts'
 * fenceLanguage('')         // → ''
 */
export function fenceLanguage(info: string): string {
  return (info.trim().split(/\s+/)[0] ?? '').replace(/\{.*$/, '').toLowerCase();
}

/**
 * A code block as HTML both paths keep: `<pre>`, an optional window bar, and the `<code>` box
 * that scrolls sideways; fenced code naming a known language is coloured with the theme's code
 * palette (inline colours only), an unknown language is written plain with a warning that names
 * it and the field.
 *
 * @param content - The code, as markdown-it hands it over (ending in a newline).
 * @param info - The fence's info string (`''` for indented code).
 * @param env - The render's env: styles, code options, field path and findings.
 * @example
 * codeBlockHtml('let x = 1\n', 'rust', env)
 * // → '<pre style="…"><code style="…"><span style="color:#b30">let</span> x = <span style="color:#05a">1</span></code></pre>'
 */
export function codeBlockHtml(content: string, info: string, env: MarkdownEnv): string {
  const code = content.replace(/\r\n?/g, '\n').replace(/\n$/, '').replace(/\t/g, '    ');
  const name = fenceLanguage(info);
  const language = name && !PLAIN_CODE_NAMES.includes(name) ? findCodeLanguage(name) : undefined;
  if (name && !language && !PLAIN_CODE_NAMES.includes(name)) {
    const near = suggest(name, codeLanguageNames());
    env.findings.push({
      rule: 'code-language',
      severity: 'warning',
      message: `code language "${name}" is not known, so the block is not coloured.${near ? ` Did you mean "${near}"?` : ''} Write one of the names listed in docs/themes.md, or "text" for plain code`,
      excerpt: `\`\`\`${name}`,
      source: env.path,
    });
  }
  const tokens = language && env.code.highlight ? highlightCode(code, language) : [{ text: code }];
  let body = codeSpans(tokens, (kind) => env.styles[`${env.container}>${codeTokenRole(kind)}`] ?? '');
  if (env.code.lineNumbers) {
    const count = code.split('\n').length;
    const numbers = Array.from({ length: count }, (_, i) => i + 1).join('<br>');
    body = `<span style="${joinStyles(NUMBERS_STYLE, env.styles[`${env.container}>code-line-numbers`])}">${numbers}</span><span style="${LINES_STYLE}">${body}</span>`;
  }
  const bar = env.code.window ? `${openTag(env, 'section', 'code-window')}${DOTS}${name ? `<span style="margin-left:.8em;vertical-align:middle">${escapeHtml(name)}</span>` : ''}</section>` : '';
  return `${openTag(env, 'pre', 'pre')}${bar}${openTag(env, 'code', 'code-block')}${body}</code></pre>`;
}
