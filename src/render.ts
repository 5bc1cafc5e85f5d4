import { LOCALES } from './locale.js';
import { resolveRenderOptions, type RenderOptions, type ResolvedRenderOptions } from './options.js';
import { renderFields } from './render/fields.js';
import { renderArticle } from './render/templates.js';
import { parseDigest, type Digest, type DigestInput } from './schema.js';
import { compileTheme, type CompiledTheme } from './theme/compile.js';
import { builtinThemeCss } from './theme/themes.js';
import { checkWechat } from './wechat/check.js';
import type { Finding } from './wechat/findings.js';

/** Figures about a rendered article. */
export interface RenderStats {
  /** `html.length`: what the draft API counts against its 20,000 limit. */
  characters: number;
  /** UTF-8 bytes of `html` (the API's 1 MB limit). */
  bytes: number;
  /** Characters of the plain text. */
  textCharacters: number;
  items: number;
  images: number;
  footnotes: number;
}

/** What `renderDigest` returns. */
export interface RenderResult {
  /** One HTML fragment: a root `<section>`, every style inline, ready to paste or publish. */
  html: string;
  /** The plain-text version (for `text/plain`, search, or a feed summary). */
  text: string;
  /** Theme and WeChat-compatibility findings (see `checkWechat`). */
  warnings: Finding[];
  stats: RenderStats;
  /** The validated digest that was rendered. */
  digest: Digest;
}

/** Compiles the theme the options ask for (cached per theme and parameters). */
export function resolveTheme(opts: ResolvedRenderOptions): CompiledTheme {
  const css = typeof opts.theme === 'string' ? builtinThemeCss(opts.theme) : opts.theme.css;
  return compileTheme(css, { accent: opts.accent, fontSize: opts.fontSize });
}

/**
 * Renders a digest into WeChat-ready HTML. The pipeline, in order:
 * options → validate → theme (compiled once, cached) → Markdown fields (with the WeChat
 * transformations) → templates → check.
 *
 * @param input - Digest data (validated here; see `parseDigest`).
 * @param options - See `RenderOptions`.
 * @throws DigestError for invalid data (`E_INVALID_DIGEST`) or options (`E_INVALID_OPTION`).
 * @example
 * const { html, stats } = renderDigest({ title: 'Daily', sections: [{ items: [{ title: 'A paper' }] }] })
 * // html  → '<section style="…"><section style="…"><h1 style="…">Daily</h1>…'
 * // stats → { characters: 1204, bytes: 1252, items: 1, … }
 */
export function renderDigest(input: DigestInput | Digest, options: RenderOptions = {}): RenderResult {
  const opts = resolveRenderOptions(options);
  const digest = parseDigest(input);
  const theme = resolveTheme(opts);
  const strings = LOCALES[opts.locale ?? digest.locale ?? 'zh'];
  const labels = { ...strings.labels, ...stripUndefined(digest.labels ?? {}) };
  const fields = renderFields(digest, theme.styles, opts.links);
  const article = renderArticle(digest, { styles: theme.styles, strings, labels, numbering: opts.numbering, fields });
  const warnings = [...theme.warnings, ...checkWechat(article.html, { target: opts.target })];
  return {
    html: article.html,
    text: article.text,
    warnings,
    digest,
    stats: {
      characters: article.html.length,
      bytes: Buffer.byteLength(article.html, 'utf8'),
      textCharacters: article.text.length,
      items: digest.sections.reduce((n, s) => n + (s.items?.length ?? 0), 0),
      images: article.images + fields.images,
      footnotes: fields.footnotes.list.length,
    },
  };
}

function stripUndefined<T extends object>(o: T): { [K in keyof T]-?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}
