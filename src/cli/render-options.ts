import { basename, extname, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { DigestError } from '../core/errors.js';
import { suggest } from '../core/suggest.js';
import { listThemes } from '../theme/themes.js';
import { LOCALE_IDS } from '../digest/locale.js';
import { NUMBERINGS } from '../digest/numbering.js';
import { RAW_HTML_MODES } from '../render/markdown/env.js';
import type { RenderOptions } from '../render/options.js';
import { CHECK_TARGETS } from '../wechat/check.js';
import { LINK_MODES } from '../wechat/writers.js';
import { fileError } from './files.js';
import type { CliIo } from './io.js';

/** The render flags as commander parses them. */
export interface RenderFlags extends Pick<RenderOptions, 'locale' | 'links' | 'accent' | 'numbering' | 'target' | 'rawHtml'> {
  theme?: string;
  fontSize?: string;
  header?: boolean;
  summaryMax?: string;
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
    .addOption(new Option('--locale <locale>', 'labels and punctuation (default: the digest\'s locale, else zh)').choices(LOCALE_IDS))
    .addOption(new Option('--links <mode>', 'external links in Markdown: footnotes (what WeChat accepts), inline URLs, or keep <a>').choices(LINK_MODES))
    .option('--accent <colour>', 'accent colour for tags, numbers and rules, e.g. "#0f766e"')
    .option('--font-size <px>', 'base font size in pixels, 14 to 17')
    .addOption(new Option('--numbering <mode>', 'restart numbers in each section, or continue them').choices(NUMBERINGS))
    .addOption(new Option('--target <target>', 'judge the output for paste into the editor or for the draft API').choices(CHECK_TARGETS))
    .option('--header', 'write the title and the date · account · author line at the top (WeChat shows them above every article)')
    .option('--summary-max <characters>', 'the longest headline summary built from the items (default 100)')
    .addOption(new Option('--raw-html <mode>', 'raw HTML in Markdown: sanitize (keep what WeChat allows) or escape (show it as text)').choices(RAW_HTML_MODES))
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
      options.theme = builtinTheme(flags.theme);
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

/**
 * A `--theme` id that names a built-in theme; anything else is refused in the command line's
 * words (the flag, the ids, and how to pass your own CSS).
 *
 * @param id - The `--theme` value.
 * @throws DigestError `E_INVALID_OPTION` for an unknown id.
 * @example
 * builtinTheme('modern') // → 'modern'
 * builtinTheme('modrn')  // throws: --theme: "modrn" is not a built-in theme; did you mean "modern"? …
 */
export function builtinTheme(id: string): string {
  const ids = listThemes().map((t) => t.id);
  if (ids.includes(id)) return id;
  const near = suggest(id, ids);
  throw new DigestError(
    'E_INVALID_OPTION',
    `--theme: "${id}" is not a built-in theme${near ? `; did you mean "${near}"?` : '.'} Built-in: ${ids.join(', ')} (wechat-digest themes describes them). For your own CSS, pass its file: --theme brand.css`,
  );
}
