import { LOCALES } from '../digest/locale.js';
import type { ResolvedRenderOptions } from './options.js';
import { renderFields } from './fields.js';
import { renderArticle } from './templates.js';
import { itemNumbers } from '../digest/numbering.js';
import type { Digest } from '../digest/schema.js';
import type { CompiledTheme } from '../theme/compile.js';
import { checkParsed } from '../wechat/check.js';
import { parseHtml } from '../wechat/dom.js';
import type { Finding } from '../wechat/findings.js';
import type { DrawnFormula } from './math/render-math.js';
import { ruleFinding } from '../wechat/rules.js';
import { articleSize, textLength, type SizeBreakdown } from './size.js';
import type { ArticlePart } from './templates.js';
import { apiSizeFindings, withSizeAdvice } from './size-findings.js';

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
  /** Formulas by tier: written as text, drawn as SVG, shown as their TeX source (unreadable TeX). */
  math: { text: number; svg: number; source: number };
  /** What the characters are spent on: text, markup, images, math, code, footnotes (they add up to `characters`). */
  size: SizeBreakdown;
  /** The header, each item, the references and the footer with their characters, in order (the heaviest: sort them). */
  parts: ArticlePart[];
  /**
   * The size on the API path, what `publish` counts: every image not yet on WeChat's host
   * gets the URL media/uploadimg returns (about 120 characters). `uploads` is how many.
   */
  api: { characters: number; uploads: number };
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
  /** The options it was rendered with, merged with the defaults (a split re-renders parts with them). */
  options: ResolvedRenderOptions;
  /** The formulas drawn as SVG, each with its TeX and its `<svg>` as it appears in `html` (publish may make them images). */
  formulas: DrawnFormula[];
}

/**
 * The render pipeline after validation and the theme: Markdown fields (with the WeChat
 * transformations) → templates → check. The render door (`renderThrough`) validates, resolves
 * the options and the theme and calls this; it imports no CSS tooling, so a command line that
 * only uses precompiled themes starts fast.
 *
 * @param digest - The validated digest (`parseDigest`).
 * @param opts - Options merged with the defaults (`resolveRenderOptions`).
 * @param theme - The compiled theme.
 * @example
 * import { resolveRenderOptions } from './options.js'
 * import { compileTheme } from '../theme/compile.js'
 * import { builtinThemeCss } from '../theme/themes.js'
 * renderWithTheme(parseDigest(digest), resolveRenderOptions({}), compileTheme(builtinThemeCss('classic'))).stats.characters // → 18545
 */
export function renderWithTheme(digest: Digest, opts: ResolvedRenderOptions, theme: CompiledTheme): RenderResult {
  const strings = LOCALES[opts.locale ?? digest.locale ?? 'zh'];
  const labels = { ...strings.labels, ...stripUndefined(digest.labels ?? {}) };
  const locale = opts.locale ?? digest.locale ?? 'zh';
  const code = { highlight: opts.highlight, lineNumbers: opts.lineNumbers, window: opts.codeWindow };
  const fields = renderFields(digest, theme.styles, { links: opts.links, locale, rawHtml: opts.rawHtml, labels, code });
  const numbers = itemNumbers(digest, opts.numbering ?? digest.numbering ?? 'restart', strings.numberStyle);
  const article = renderArticle(digest, { styles: theme.styles, strings, labels, fields, numbers, header: opts.header, summaryMax: opts.summaryMax });
  // A custom theme's findings say which file they come from.
  const source = typeof opts.theme === 'string' ? undefined : opts.theme.name;
  const themeWarnings = source ? theme.warnings.map((w) => ({ ...w, source })) : theme.warnings;
  const math = { characters: fields.math.size.characters + article.mathCharacters, text: fields.math.size.text + article.mathText };
  // The article is parsed once, for the check, the breakdown and the size on the API path.
  const parsed = parseHtml(article.html);
  const { size, api } = articleSize(article.html, { math, references: { characters: article.references.length, text: textLength(article.references) } }, parsed);
  const warnings = [...themeWarnings, ...digestFindings(digest), ...fields.findings, ...fields.math.findings, ...withSizeAdvice(checkParsed(article.html, parsed, { target: opts.target }), article.html.length, article.parts), ...apiSizeFindings(article.html, api, article.parts, opts.target)];
  return {
    html: article.html,
    text: article.text,
    warnings,
    digest,
    options: opts,
    formulas: fields.math.drawn,
    stats: {
      characters: article.html.length,
      bytes: Buffer.byteLength(article.html, 'utf8'),
      textCharacters: article.text.length,
      items: digest.sections.reduce((n, s) => n + (s.items?.length ?? 0), 0),
      images: article.images + fields.images,
      footnotes: fields.footnotes.list.length,
      math: { ...fields.math.tiers, text: fields.math.tiers.text + article.formulas },
      size,
      parts: article.parts,
      api,
    },
  };
}

/**
 * What the digest's data says that the render cannot fix: item tags that `categories` does not
 * name (only when the digest has categories), each with its field path.
 */
function digestFindings(digest: Digest): Finding[] {
  if (!digest.categories) return [];
  const out: Finding[] = [];
  digest.sections.forEach((section, s) =>
    (section.items ?? []).forEach((item, i) => {
      if (item.tag === undefined || Object.hasOwn(digest.categories!, item.tag)) return;
      const path = `sections[${s}].items[${i}].tag`;
      out.push({ ...ruleFinding('tag-unknown', `"${item.tag}" at ${path}`, item.tag), path });
    }),
  );
  return out;
}

function stripUndefined<T extends object>(o: T): { [K in keyof T]-?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}
