import type { Digest } from '../digest/schema.js';
import type { TemplateContext } from './article/context.js';
import { footer, references } from './article/footer.js';
import { header, showsToc, summary, toc } from './article/header.js';
import { renderItem } from './article/item.js';
import { ArticleWriter } from './article/writer.js';

export type { TemplateContext } from './article/context.js';

/**
 * The article: header, intro, table of contents, summary, sections, references, footer, in the
 * reading order of the reference post. Returns the HTML fragment and its plain text.
 */
export function renderArticle(digest: Digest, ctx: TemplateContext): { html: string; text: string; images: number; formulas: number } {
  const out = new ArticleWriter(ctx.styles);
  out.open('section', 'root');
  if (ctx.styles['root-box']) out.open('section', 'root-box');
  header(out, digest, ctx);
  if (ctx.fields.intro) out.md('section', 'intro', ctx.fields.intro);
  if (showsToc(digest)) toc(out, digest, ctx);
  summary(out, digest, ctx);
  digest.sections.forEach((section, s) =>
    out.group('section', 'section', () => {
      if (section.title !== undefined) out.block('h2', 'section-title', section.title);
      const intro = ctx.fields.sectionIntros[s];
      if (intro) out.md('section', 'section-intro', intro);
      (section.items ?? []).forEach((item, i) => renderItem(out, item, ctx.fields.items[s][i], ctx.numbers[s][i], ctx));
    }),
  );
  references(out, ctx);
  footer(out, digest, ctx);
  if (ctx.styles['root-box']) out.close('section');
  out.close('section');
  return { html: out.html, text: out.text.replace(/\n+$/, ''), images: out.images, formulas: out.formulas };
}
