import { basename, extname, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { DigestError } from '../core/errors.js';
import type { RenderOptions } from '../render/options.js';
import { fileError } from './files.js';
import type { CliIo } from './io.js';

/** The render flags as commander parses them. */
export interface RenderFlags {
  theme?: string;
  locale?: 'zh' | 'en';
  links?: 'footnotes' | 'inline' | 'keep';
  accent?: string;
  fontSize?: string;
  numbering?: 'restart' | 'continue';
  target?: 'paste' | 'api';
  header?: boolean;
  summaryMax?: string;
  rawHtml?: 'sanitize' | 'escape';
  /** False with `--no-highlight`. */
  highlight?: boolean;
  lineNumbers?: boolean;
  codeWindow?: boolean;
}

/**
 * Adds the render flags (`--theme`, `--locale`, `--links`, `--accent`, `--font-size`,
 * `--numbering`, `--target`, `--header`, `--summary-max`, `--raw-html`, `--no-highlight`,
 * `--line-numbers`, `--code-window`) to a command, for every command that renders a digest.
 *
 * @example
 * import { Command } from 'commander'
 * const program = new Command()
 * addRenderOptions(program.command('render').argument('<file>')).options.map((o) => o.long)
 * // → ['--theme', '--locale', '--links', '--accent', '--font-size', '--numbering', '--target', '--header', '--summary-max', '--raw-html', '--no-highlight', '--line-numbers', '--code-window']
 */
export function addRenderOptions(command: Command): Command {
  return command
    .option('--theme <id|file.css>', 'a built-in theme (see `wechat-digest themes`) or a CSS file written to the theme contract')
    .addOption(new Option('--locale <locale>', 'labels and punctuation (default: the digest\'s locale, else zh)').choices(['zh', 'en']))
    .addOption(new Option('--links <mode>', 'external links in Markdown: footnotes (what WeChat accepts), inline URLs, or keep <a>').choices(['footnotes', 'inline', 'keep']))
    .option('--accent <colour>', 'accent colour for tags, numbers and rules, e.g. "#0f766e"')
    .option('--font-size <px>', 'base font size in pixels, 14 to 17')
    .addOption(new Option('--numbering <mode>', 'restart numbers in each section, or continue them').choices(['restart', 'continue']))
    .addOption(new Option('--target <target>', 'judge the output for paste into the editor or for the draft API').choices(['paste', 'api']))
    .option('--header', 'write the title and the date · account · author line at the top (WeChat shows them above every article)')
    .option('--summary-max <characters>', 'the longest headline summary built from the items (default 100)')
    .addOption(new Option('--raw-html <mode>', 'raw HTML in Markdown: sanitize (keep what WeChat allows) or escape (show it as text)').choices(['sanitize', 'escape']))
    .option('--no-highlight', 'write code blocks in one colour (by default, fenced code naming a language is coloured)')
    .option('--line-numbers', 'a line-number column beside each code block, left out when a reader copies the code')
    .option('--code-window', 'a window bar above each code block: three dots and the language');
}

/**
 * A `--theme` value names a file when it ends in .css or holds a path separator.
 *
 * @example
 * isThemeFile('brand.css')  // → true
 * isThemeFile('themes/dark') // → true
 * isThemeFile('classic')    // → false
 */
export function isThemeFile(value: string): boolean {
  return extname(value).toLowerCase() === '.css' || value.includes('/') || value.includes('\\');
}

/**
 * Turns the parsed render flags into `RenderOptions`, reading a `--theme` CSS file.
 *
 * @throws DigestError `E_FILE` for a theme file that cannot be read, `E_INVALID_OPTION` for a
 *   font size that is not a number.
 * @example
 * // `io.cwd` holds brand.css, a theme file
 * await renderOptionsFrom({ theme: 'brand.css', fontSize: '16' }, io)
 * // → { theme: { css: '/*…', name: 'brand.css' }, fontSize: 16 }
 */
export async function renderOptionsFrom(flags: RenderFlags, io: CliIo): Promise<RenderOptions> {
  const options: RenderOptions = {};
  if (flags.theme !== undefined) {
    if (isThemeFile(flags.theme)) {
      try {
        options.theme = { css: await readFile(resolve(io.cwd, flags.theme), 'utf8'), name: basename(flags.theme) };
      } catch (error) {
        throw fileError(error, flags.theme, 'read');
      }
    } else {
      options.theme = flags.theme;
    }
  }
  if (flags.fontSize !== undefined) {
    const size = Number(flags.fontSize);
    if (flags.fontSize.trim() === '' || !Number.isFinite(size)) {
      throw new DigestError('E_INVALID_OPTION', `--font-size: expected a number of pixels from 14 to 17, such as 15; received "${flags.fontSize}"`);
    }
    options.fontSize = size;
  }
  if (flags.locale) options.locale = flags.locale;
  if (flags.links) options.links = flags.links;
  if (flags.accent !== undefined) options.accent = flags.accent;
  if (flags.numbering) options.numbering = flags.numbering;
  if (flags.target) options.target = flags.target;
  if (flags.header) options.header = true;
  if (flags.rawHtml) options.rawHtml = flags.rawHtml;
  if (flags.summaryMax !== undefined) {
    const max = Number(flags.summaryMax);
    if (!/^\d+$/.test(flags.summaryMax.trim()) || max < 10) {
      throw new DigestError('E_INVALID_OPTION', `--summary-max: expected a whole number of characters, 10 or more, such as 100; received "${flags.summaryMax}"`);
    }
    options.summaryMax = max;
  }
  if (flags.highlight === false) options.highlight = false;
  if (flags.lineNumbers) options.lineNumbers = true;
  if (flags.codeWindow) options.codeWindow = true;
  return options;
}
