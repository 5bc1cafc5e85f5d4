import type { Digest } from '../digest/schema.js';
import type { TemplateContext } from './article/context.js';
import { footer, references } from './article/footer.js';
import { header, showsToc, summary, toc } from './article/header.js';
import { renderItem } from './article/item.js';
import { ArticleWriter } from './article/writer.js';

export type { TemplateContext } from './article/context.js';

/** One part of an article and its size: the header, an item, the footer… */
export interface ArticlePart {
  /** Where it comes from in the digest (`sections[0].items[2]`, `footer`). */
  path: string;
  /** What a person calls it: the item's title, `header`, `footer`. */
  name: string;
  characters: number;
}

/** The rendered article with what the size breakdown needs. */
export interface RenderedArticle {
  html: string;
  text: string;
  images: number;
  formulas: number;
  /** Characters of the formulas in titles, and of text among them. */
  mathCharacters: number;
  mathText: number;
  /** The references block's HTML ('' without footnotes). */
  references: string;
  /** The header, each item and the footer, with their sizes. */
  parts: ArticlePart[];
}

/**
 * The article: header, intro, table of contents, summary, sections, references, footer, in the
 * reading order of the reference post. Returns the HTML fragment and its plain text.
 */
export function renderArticle(digest: Digest, ctx: TemplateContext): RenderedArticle {
  const out = new ArticleWriter(ctx.styles);
  out.open('section', 'root');
  if (ctx.styles['root-box']) out.open('section', 'root-box');
  const marks: { path: string; name: string; from: number; to: number }[] = [];
  const part = (path: string, name: string, body: () => void) => {
    const from = out.position;
    body();
    marks.push({ path, name, from, to: out.position });
  };
  part('header', 'header, contents and summary', () => {
    header(out, digest, ctx);
    if (ctx.fields.intro) out.md('section', 'intro', ctx.fields.intro);
    if (showsToc(digest)) toc(out, digest, ctx);
    summary(out, digest, ctx);
  });
  digest.sections.forEach((section, s) =>
    out.group('section', 'section', () => {
      part(`sections[${s}]`, section.title ?? `section ${s + 1}`, () => {
        if (section.title !== undefined) out.block('h2', 'section-title', section.title);
        const intro = ctx.fields.sectionIntros[s];
        if (intro) out.md('section', 'section-intro', intro);
      });
      (section.items ?? []).forEach((item, i) =>
        part(`sections[${s}].items[${i}]`, item.title ?? item.translatedTitle ?? `item ${i + 1}`, () => renderItem(out, item, ctx.fields.items[s][i], ctx.numbers[s][i], ctx)));
    }),
  );
  let referencesHtml = '';
  part('references', 'references', () => (referencesHtml = references(out, ctx)));
  part('footer', 'footer', () => footer(out, digest, ctx));
  if (ctx.styles['root-box']) out.close('section');
  out.close('section');
  const parts = marks.map((m) => ({ path: m.path, name: m.name, characters: out.lengthBetween(m.from, m.to) })).filter((p) => p.characters > 0);
  return { html: out.html, text: out.text.replace(/\n+$/, ''), images: out.images, formulas: out.formulas, mathCharacters: out.mathCharacters, mathText: out.mathText, references: referencesHtml, parts };
}
