import { DigestError } from '../core/errors.js';
import type { Locale } from '../digest/locale.js';
import type { CustomTheme } from '../theme/themes.js';
import type { LinkMode } from '../wechat/writers.js';

/** Options of `renderDigest`. Every field is optional; defaults are in `DEFAULT_RENDER_OPTIONS`. */
export interface RenderOptions {
  /** A built-in theme id (see `listThemes()`), or `{ css }` for your own. Default `'classic'`. */
  theme?: string | CustomTheme;
  /** Labels and punctuation. Default: the digest's `locale`, else `'zh'`. */
  locale?: Locale;
  /**
   * External links in Markdown: `'footnotes'` (text + `[n]`, URLs listed at the end; what WeChat
   * accepts), `'inline'` (URL in brackets after the text), `'keep'` (real `<a>`, for other
   * platforms). Default `'footnotes'`.
   */
  links?: LinkMode;
  /** Accent colour for tags, numbers and rules, e.g. `'#0f766e'`. Default: the theme's. */
  accent?: string;
  /** Base font size in pixels, 14–17. Default: the theme's (15 for classic). */
  fontSize?: number;
  /**
   * `'restart'`: each numbered section starts at 1. `'continue'`: numbers run on. Default: the
   * digest's `numbering`, else `'restart'`.
   */
  numbering?: 'restart' | 'continue';
  /**
   * Write the title and the meta line (date · account · author) at the top of the body. WeChat
   * shows the title, the account and the date above every article, so by default they are left
   * out (the draft's title and author fields carry them). Default `false`.
   */
  header?: boolean;
  /** The longest headline summary built from the items, in characters; the rest is counted (`等 12 项`). Default 100. */
  summaryMax?: number;
  /**
   * Raw HTML in Markdown fields: `'sanitize'` keeps what the WeChat policy allows (`<u>`, `<sup>`,
   * `<br>`, a coloured `<span>`…) and removes the rest; `'escape'` shows it as text. Default `'sanitize'`.
   */
  rawHtml?: 'sanitize' | 'escape';
  /** Which path the built-in check judges the output for: `'paste'` or `'api'`. Default `'paste'`. */
  target?: 'paste' | 'api';
  /**
   * Colour fenced code that names a language (```` ```rust ````) with the theme's code palette,
   * as inline colours. `false` writes every block in the block's one colour. Default `true`.
   */
  highlight?: boolean;
  /** A line-number column beside each code block, left out when a reader copies the code. Default `false`. */
  lineNumbers?: boolean;
  /** A window bar above each code block: three dots and the language. Default `false`. */
  codeWindow?: boolean;
}

/** The defaults of every render option. */
export const DEFAULT_RENDER_OPTIONS = {
  theme: 'classic',
  links: 'footnotes',
  target: 'paste',
  header: false,
  summaryMax: 100,
  rawHtml: 'sanitize',
  highlight: true,
  lineNumbers: false,
  codeWindow: false,
} as const satisfies RenderOptions;

/** Options after merging with the defaults. */
export type ResolvedRenderOptions = Required<Pick<RenderOptions, 'theme' | 'links' | 'target' | 'header' | 'summaryMax' | 'rawHtml' | 'highlight' | 'lineNumbers' | 'codeWindow'>> &
  Pick<RenderOptions, 'locale' | 'accent' | 'fontSize' | 'numbering'>;

const KNOWN = ['theme', 'locale', 'links', 'accent', 'fontSize', 'numbering', 'target', 'header', 'summaryMax', 'rawHtml', 'highlight', 'lineNumbers', 'codeWindow'];
const BOOLEANS = ['header', 'highlight', 'lineNumbers', 'codeWindow'];
const ENUMS: Record<string, readonly string[]> = {
  locale: ['zh', 'en'],
  links: ['footnotes', 'inline', 'keep'],
  numbering: ['restart', 'continue'],
  target: ['paste', 'api'],
  rawHtml: ['sanitize', 'escape'],
};

/** Merges options with the defaults once, checking each; throws E_INVALID_OPTION. */
export function resolveRenderOptions(options: RenderOptions = {}): ResolvedRenderOptions {
  if (options === null || typeof options !== 'object') {
    throw new DigestError('E_INVALID_OPTION', `options: expected an object, received ${options === null ? 'null' : typeof options}`);
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN.includes(key)) throw new DigestError('E_INVALID_OPTION', `options.${key}: unknown option (known: ${KNOWN.join(', ')})`);
  }
  for (const [key, values] of Object.entries(ENUMS)) {
    const v = (options as Record<string, unknown>)[key];
    if (v !== undefined && !values.includes(v as string)) {
      throw new DigestError('E_INVALID_OPTION', `options.${key}: expected ${values.map((x) => `"${x}"`).join(' or ')}, received ${JSON.stringify(v)}`);
    }
  }
  for (const key of BOOLEANS) {
    const v = (options as Record<string, unknown>)[key];
    if (v !== undefined && typeof v !== 'boolean') throw new DigestError('E_INVALID_OPTION', `options.${key}: expected true or false, received ${JSON.stringify(v)}`);
  }
  if (options.summaryMax !== undefined && !(Number.isInteger(options.summaryMax) && options.summaryMax >= 10)) {
    throw new DigestError('E_INVALID_OPTION', `options.summaryMax: expected a whole number of characters, 10 or more, received ${JSON.stringify(options.summaryMax)}`);
  }
  const theme = options.theme ?? DEFAULT_RENDER_OPTIONS.theme;
  if (typeof theme !== 'string' && (theme === null || typeof theme !== 'object' || typeof theme.css !== 'string')) {
    throw new DigestError('E_INVALID_OPTION', 'options.theme: expected a theme id such as "classic", or { css: "…" }');
  }
  return { ...DEFAULT_RENDER_OPTIONS, ...stripUndefined(options), theme } as ResolvedRenderOptions;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
