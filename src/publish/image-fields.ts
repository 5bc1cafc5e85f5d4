import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import type { Digest } from '../digest/schema.js';

let parser: ReturnType<typeof MarkdownIt> | undefined;

/** The `src` of every image in a Markdown field, as markdown-it writes it into the HTML. */
function markdownImages(text: string): string[] {
  parser ??= new MarkdownIt({ html: false, linkify: false });
  const found: string[] = [];
  const walk = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.type === 'image') found.push(String(token.attrGet('src') ?? '').trim());
      if (token.children) walk(token.children);
    }
  };
  walk(parser.parse(text, {}));
  return found;
}

/**
 * Where each image of a digest is named: image `src` → the field paths that hold it
 * (`cover.src`, `sections[0].items[1].images[0].src`, `sections[0].items[1].body` for an image in
 * Markdown, …), in document order. Errors about an image name the field to fix.
 *
 * @example
 * imageFields(parseDigest({ title: 'T', cover: { src: 'c.png' }, sections: [{ items: [{ title: 'A', body: '![x](c.png)' }] }] }))
 * // → new Map([['c.png', ['cover.src', 'sections[0].items[0].body']]])
 */
export function imageFields(digest: Digest): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  const add = (src: string | undefined, path: string) => {
    if (src === undefined) return;
    const key = src.trim();
    fields.set(key, [...(fields.get(key) ?? []), path]);
  };
  const markdown = (text: string | undefined, path: string) => {
    if (text?.includes('![')) for (const src of markdownImages(text)) add(src, path);
  };
  add(digest.cover?.src, 'cover.src');
  markdown(digest.intro, 'intro');
  digest.sections.forEach((section, s) => {
    markdown(section.intro, `sections[${s}].intro`);
    section.items?.forEach((item, i) => {
      const at = `sections[${s}].items[${i}]`;
      item.points?.forEach((point, p) => markdown(typeof point === 'string' ? point : point.text, `${at}.points[${p}]`));
      markdown(item.oneLiner, `${at}.oneLiner`);
      markdown(item.abstract, `${at}.abstract`);
      markdown(item.body, `${at}.body`);
      markdown(item.credit, `${at}.credit`);
      item.images?.forEach((image, k) => add(image.src, `${at}.images[${k}].src`));
    });
  });
  add(digest.footer?.qrCode?.src, 'footer.qrCode.src');
  add(digest.account?.qrCode, 'account.qrCode');
  markdown(digest.footer?.text, 'footer.text');
  return fields;
}
