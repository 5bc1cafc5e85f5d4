import juice from 'juice';
import MarkdownIt from 'markdown-it';
import type { DigestInput } from '../dist/index.js';

/**
 * The same content as one Markdown document, the way it is pasted into a Markdown formatter:
 * title, table of contents, summary, then each item with its heading, authors, translated
 * title, key points, one-line summary, abstract and link, then the footer.
 */
export function digestAsMarkdown(d: DigestInput): string {
  const items = d.sections.flatMap((s) => s.items ?? []);
  const lines: string[] = [`# ${d.title}`, ''];
  lines.push(...items.map((it, i) => `${i + 1}. [${it.tag}] ${it.title}`), '');
  lines.push(`**摘要：**${items.map((it) => it.translatedTitle ?? it.title).join('、')}`, '');
  for (const section of d.sections) {
    if (section.title) lines.push(`## ${section.title}`, '');
    for (const it of section.items ?? []) {
      lines.push(`### [${it.tag}] ${it.title}`, '', (it.authors ?? []).join(', '), `[${(it.affiliations ?? []).join(' & ')}]`, '');
      if (it.translatedTitle) lines.push(`**${it.translatedTitle}**`, '');
      lines.push('**要点：**', '', ...(it.points ?? []).map((p, i) => `${i + 1}. ${typeof p === 'string' ? p : p.text}`), '');
      if (it.oneLiner) lines.push('**一句话总结：**', '', it.oneLiner, '');
      if (it.abstract) lines.push(it.abstract, '');
      if (it.url) lines.push(it.url, '');
    }
  }
  lines.push('正文完', '', `ID：${d.account?.id ?? ''}`, '');
  return lines.join('\n');
}

const md = new MarkdownIt({ html: true, linkify: true });

/**
 * The plain pipeline of today's formatters: markdown-it over the whole document, then juice
 * over the whole document with the theme's CSS. It does none of the WeChat work.
 */
export function plainPipeline(markdown: string, css: string): string {
  return juice(`<style>${css}</style><section class="wd">${md.render(markdown)}</section>`);
}
