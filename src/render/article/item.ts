import type { ItemNumber } from '../../digest/numbering.js';
import type { DigestImage, DigestItem } from '../../digest/schema.js';
import { isHttpUrl } from '../../core/urls.js';
import type { RenderedMarkdown } from '../markdown/engine.js';
import { shownAddress } from '../markdown/links.js';
import type { RenderedItem } from '../fields.js';
import type { TemplateContext } from './context.js';
import type { ArticleWriter } from './writer.js';
import { sharesBlock } from './block-style.js';

/**
 * One item in the reading order of the reference post: heading (number, tag, title), authors
 * and affiliations, translated title, facts, key points, one-line summary, abstract, body,
 * images, links, credit.
 */
export function renderItem(out: ArticleWriter, item: DigestItem, fields: RenderedItem, number: ItemNumber | undefined, ctx: TemplateContext): void {
  out.group('section', 'item', () => {
    heading(out, item, number);
    authors(out, item, ctx);
    if (item.title !== undefined && item.translatedTitle !== undefined) out.open('section', 'translated-title').tex(item.translatedTitle).close('section').nl();
    if (item.facts?.length) facts(out, item.facts, ctx);
    points(out, item, fields, ctx);
    if (fields.oneLiner) {
      out.open('section', 'one-liner');
      out.open('b', 'one-liner-label').t(`${ctx.labels.oneLiner}${ctx.strings.colon}`).close('b').br();
      out.inline(fields.oneLiner).close('section').nl();
    }
    if (fields.abstract) out.md('section', 'abstract', fields.abstract);
    if (fields.body) out.md('section', 'body', fields.body);
    (item.images ?? []).forEach((image, i) => figure(out, image, fields.captions[i], ctx));
    links(out, item, fields, ctx);
    if (fields.credit) out.open('section', 'credit').inline(fields.credit).close('section').nl();
  });
}

function heading(out: ArticleWriter, item: DigestItem, number: ItemNumber | undefined): void {
  const title = item.title ?? item.translatedTitle;
  if (title === undefined && number === undefined && !item.tag) return;
  out.open('h3', 'item-title');
  if (number) out.mark('number', number.bare, number.written);
  if (item.tag) out.mark('tag', item.tag, `[${item.tag}]`).t(title === undefined ? '' : ' ');
  if (title !== undefined) out.tex(title);
  out.close('h3').nl();
}

function authors(out: ArticleWriter, item: DigestItem, ctx: TemplateContext): void {
  const { strings } = ctx;
  const affiliations = item.affiliations?.length
    ? `${strings.affiliationOpen}${item.affiliations.join(strings.affiliationSeparator)}${strings.affiliationClose}`
    : undefined;
  if (!item.authors?.length && !affiliations) return;
  out.open('section', 'authors');
  if (item.authors?.length) out.t(item.authors.join(strings.nameSeparator));
  if (affiliations) {
    if (item.authors?.length) out.br();
    out.span('affiliations', affiliations);
  }
  out.close('section').nl();
}

/** Facts (stars, language, licence…) as one compact line: `Star 12.4k · 语言 C · 协议 MIT`. */
function facts(out: ArticleWriter, list: readonly { label: string; value: string }[], ctx: TemplateContext): void {
  out.open('section', 'facts');
  list.forEach((f, i) => {
    if (i > 0) out.t(ctx.strings.metaSeparator);
    out.span('fact-label', f.label).t(` ${f.value}`);
  });
  out.close('section').nl();
}

function points(out: ArticleWriter, item: DigestItem, fields: RenderedItem, ctx: TemplateContext): void {
  if (!fields.points.length) return;
  out.open('section', 'points');
  out.open('b', 'points-label').t(`${ctx.labels.points}${ctx.strings.colon}`).close('b');
  out.rows('point', fields.points, (point, i) => {
    out.span('point-marker', `${i + 1}.`).t(' ');
    const p = item.points![i];
    if (typeof p !== 'string') out.open('b', 'point-label').t(p.label).close('b').t(ctx.strings.colon);
    out.inline(point);
  }, true);
  out.close('section').nl();
}

/**
 * An image and its caption. A caption styled with line properties only (`sharesBlock`) is the
 * figure's second line, its style on the figure: one block instead of two.
 */
function figure(out: ArticleWriter, image: DigestImage, caption: RenderedMarkdown | undefined, ctx: TemplateContext): void {
  const captionStyle = ctx.styles.caption ?? '';
  const folded = caption !== undefined && sharesBlock(captionStyle);
  out.open('section', 'figure', folded ? captionStyle : '').img('image', image).nl();
  if (caption && folded) out.br().inline(caption).nl();
  else if (caption) out.open('section', 'caption').inline(caption).close('section').nl();
  out.close('section').nl();
}

/** The main URL, then the labelled links, as text: `代码：https://…`, `联系作者：someone@example.com`. */
function links(out: ArticleWriter, item: DigestItem, fields: RenderedItem, ctx: TemplateContext): void {
  const all = [...(item.url ? [{ label: undefined, url: item.url }] : []), ...(item.links ?? []).map((l, i) => ({ label: fields.linkLabels[i], url: l.url }))];
  if (!all.length) return;
  out.open('section', 'link');
  all.forEach((link, i) => {
    if (i > 0) out.br();
    if (link.label?.html) {
      const styled = out.styled('link-label');
      if (styled) out.open('span', 'link-label');
      out.inline(link.label).t(ctx.strings.colon);
      if (styled) out.close('span');
    }
    out.t(isHttpUrl(link.url) ? link.url : shownAddress(link.url));
  });
  out.close('section').nl();
}
