import type { Digest } from '../../digest/schema.js';
import type { TemplateContext } from './context.js';
import type { ArticleWriter } from './writer.js';
import { autoSummary } from '../../digest/numbering.js';

/**
 * The top of the article: the cover, then the title and the meta line when asked for (WeChat
 * shows both above every article), the subtitle and the category legend.
 */
export function header(out: ArticleWriter, digest: Digest, ctx: TemplateContext): void {
  if (digest.cover) out.img('cover', digest.cover).nl();
  const meta = ctx.header ? ([digest.date, digest.account?.name, digest.author].filter(Boolean) as string[]) : [];
  // A legend that reads as the title is left out: the title is shown right above it (by WeChat,
  // or with `header`), and the reference post's title is its legend.
  const legend = categoryLegend(digest) === digest.title.trim() ? '' : categoryLegend(digest);
  const subtitle = ctx.fields.subtitle;
  if (!ctx.header && !subtitle && !legend) return;
  out.group('section', 'header', () => {
    if (ctx.header) out.block('h1', 'title', digest.title);
    if (subtitle) out.open('section', 'subtitle').inline(subtitle).close('section').nl();
    if (meta.length) out.block('section', 'meta', meta.join(ctx.strings.metaSeparator));
    if (legend) out.block('section', 'legend', legend);
  });
}

/** "LG – 机器学习 CV – 计算机视觉": the categories the items use, in order of first use. */
function categoryLegend(digest: Digest): string {
  if (!digest.categories) return '';
  const used = [...new Set(digest.sections.flatMap((s) => s.items ?? []).map((i) => i.tag))].filter(
    // Own keys only: a tag such as "constructor" must not find Object.prototype's.
    (t): t is string => t !== undefined && Object.hasOwn(digest.categories!, t),
  );
  return used.map((t) => `${t} – ${digest.categories![t]}`).join(' ');
}

/** Whether the table of contents is shown: as the digest says, else when two or more items have titles. */
export function showsToc(digest: Digest): boolean {
  const titled = digest.sections.flatMap((s) => s.items ?? []).filter((i) => i.title ?? i.translatedTitle).length;
  return digest.toc ?? titled >= 2;
}

/**
 * The table of contents: the items with the numbers the body shows. When more than one section
 * has titled items and a title, the entries are grouped under the section titles.
 */
export function toc(out: ArticleWriter, digest: Digest, ctx: TemplateContext): void {
  const groups = digest.sections.map((section, s) => ({
    title: section.title,
    entries: (section.items ?? []).flatMap((item, i) => {
      const title = item.title ?? item.translatedTitle;
      return title === undefined ? [] : [{ title, tag: item.tag, number: ctx.numbers[s][i] }];
    }),
  })).filter((g) => g.entries.length);
  const grouped = groups.length > 1 && groups.every((g) => g.title !== undefined);
  out.open('section', 'toc');
  out.open('b', 'toc-title').t(ctx.labels.toc).close('b');
  for (const group of grouped ? groups : [{ title: undefined, entries: groups.flatMap((g) => g.entries) }]) {
    if (group.title !== undefined) {
      if (out.styled('toc-section')) out.open('section', 'toc-section').t(group.title).close('section').nl();
      else out.br().open('b', 'toc-section').t(group.title).close('b');
    }
    out.rows('toc-row', group.entries, (e) => {
      if (e.number) out.mark('toc-number', e.number.bare, e.number.written);
      if (e.tag) out.mark('toc-tag', e.tag, `[${e.tag}]`).t(' ');
      out.tex(e.title);
    }, !out.styled('toc-section') || group.title === undefined);
  }
  out.close('section').nl();
}

/** The headline summary (摘要): the digest's, else built from the items and kept a headline. */
export function summary(out: ArticleWriter, digest: Digest, ctx: TemplateContext): void {
  if (digest.summary === false) return;
  const text = digest.summary ?? autoSummary(digest, ctx.strings, ctx.summaryMax);
  if (!text) return;
  out.open('section', 'summary');
  out.open('b', 'summary-label').t(`${ctx.labels.summary}${ctx.strings.colon}`).close('b');
  out.tex(text).close('section').nl();
}
