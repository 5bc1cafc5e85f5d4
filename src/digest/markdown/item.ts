import type { Token } from 'markdown-it';
import type { FieldLabels } from './labels.js';
import type { Part } from './outline.js';
import { failAt, type Locations } from './problems.js';
import { inlineSource, inlineTokens, plainText, sliceLines, tokensText, type Block, type MarkdownSource } from './syntax.js';
import { readYaml, isRecord } from './yaml.js';
import { isHttpUrl } from '../../core/urls.js';

/** What reading a part of a Markdown digest needs. */
export interface ReadContext {
  source: MarkdownSource;
  labels: FieldLabels;
  locations: Locations;
}

/** The order of an item's fields in the schema, which is also the order they are written in. */
export const ITEM_KEYS = [
  'number', 'tag', 'title', 'translatedTitle', 'authors', 'affiliations', 'points', 'oneLiner',
  'abstract', 'body', 'url', 'links', 'images', 'credit', 'facts',
] as const;

/** The info string of a fenced block holding fields as YAML, right under a `##` or `###` heading. */
export const FIELDS_INFO = 'yaml fields';

/**
 * True for a fields block: a fenced code block whose info string is `yaml fields`.
 *
 * @example
 * import { parseSource } from './syntax.js'
 * isFieldsBlock(parseSource('```yaml fields\nnumber: 1\n```').blocks[0]) // → true
 */
export function isFieldsBlock(block: Block | undefined): boolean {
  return block?.type === 'fence' && block.tokens[0].info.trim() === FIELDS_INFO;
}

/**
 * Reads a fields block as a mapping, recording the line of each key under `path`.
 *
 * @example
 * import { fragmentContext } from './document.js'
 * import { FieldLabels } from './labels.js'
 * const { ctx, outline } = fragmentContext('### A\n\n```yaml fields\nnumber: 1\n```\n', new FieldLabels())
 * readFieldsBlock(ctx, outline.sections[0].items[0].blocks[0], 'sections[0].items[0]') // → { number: 1 }
 * // the line of the key, counted from 0 as in the document:
 * ctx.locations.find('sections[0].items[0].number') // → 3
 */
export function readFieldsBlock(ctx: ReadContext, block: Block, path: string): Record<string, unknown> {
  const data = readYaml(block.tokens[0].content, block.start + 1, 'this fields block', path, ctx.locations);
  if (!isRecord(data)) failAt(block.start, 'a fields block holds YAML "key: value" lines, such as "number: 1"', path);
  return data;
}

/**
 * Fails on a fields block anywhere but right under a heading; `path` names the field it stands in.
 *
 * @example
 * import { fragmentContext } from './document.js'
 * import { FieldLabels } from './labels.js'
 * const { outline } = fragmentContext('### A\n\nText.\n\n```yaml fields\nnumber: 1\n```\n', new FieldLabels())
 * rejectFieldsBlocks(outline.sections[0].items[0].blocks, 'sections[0].items[0].body')
 * // throws: Invalid Markdown digest:
 * //   ✖ line 5: sections[0].items[0].body: a ```yaml fields block belongs right under a ## or ### heading; move it there
 */
export function rejectFieldsBlocks(blocks: readonly Block[], path: string): void {
  const stray = blocks.find((b) => isFieldsBlock(b));
  if (stray) failAt(stray.start, `a \`\`\`${FIELDS_INFO} block belongs right under a ## or ### heading; move it there`, path);
}

/**
 * Fails on key points or a one-line summary among blocks that belong to no item field: in the
 * intro (outside any item) or in an item's body (out of order).
 *
 * @example
 * import { fragmentContext } from './document.js'
 * import { FieldLabels } from './labels.js'
 * const { ctx, outline } = fragmentContext('Intro.\n\n要点：\n\n- a\n\n### A\n', new FieldLabels())
 * rejectItemLabels(ctx, outline.intro.blocks, 'outside', 'intro')
 * // throws: Invalid Markdown digest:
 * //   ✖ line 3: intro: key points ("要点：") outside an item; put them under an item heading such as "### 1、[LG] Title"
 */
export function rejectItemLabels(ctx: ReadContext, blocks: readonly Block[], where: 'outside' | 'body', path: string): void {
  for (const block of blocks) {
    const source = block.type === 'paragraph' ? inlineSource(block) : '';
    const label = source.split('\n')[0];
    if (!label.includes(':') && !label.includes('：')) continue;
    const points = ctx.labels.isLabel('points', plainText(source, ctx.source.env));
    if (!points && ctx.labels.afterLabel('oneLiner', source, ctx.source.env) === undefined) continue;
    const what = points ? 'key points' : 'a one-line summary';
    if (where === 'outside') failAt(block.start, `${what} ("${label}") outside an item; put ${points ? 'them' : 'it'} under an item heading such as "### 1、[LG] Title"`, path);
    failAt(block.start, `${what} ("${label}") after the body; an item is written in this order: heading, authors and [affiliations], **translated title**, key points, one-line summary, > abstract, body, images, links, credit`, path);
  }
}

/** Number, tag and title of an item heading such as `1、[LG] Symbolic Discovery`. */
export interface ItemHeading {
  number?: number;
  tag?: string;
  title?: string;
}

/**
 * Reads an item heading: an optional number followed by `、` or `. `, an optional `[TAG]`, then the title.
 *
 * @example
 * readItemHeading('1、[LG] Energy Transformer', {}) // → { number: 1, tag: 'LG', title: 'Energy Transformer' }
 */
export function readItemHeading(source: string, env: Record<string, unknown>): ItemHeading {
  const heading: ItemHeading = {};
  let rest = source;
  const number = /^(\d+)(?:、|[.．](?=[ \t[]|$))[ \t]*/.exec(rest);
  if (number) {
    heading.number = Number(number[1]);
    rest = rest.slice(number[0].length);
  }
  const close = rest.startsWith('[') ? closingBracket(rest) : -1;
  if (close > 1) {
    heading.tag = plainText(rest.slice(1, close), env);
    rest = rest.slice(close + 1).replace(/^[ \t]+/, '');
  }
  if (rest) heading.title = plainText(rest, env);
  return heading;
}

/** Index of the `]` closing the `[` at 0, skipping backslash escapes; -1 if none or nested. */
function closingBracket(text: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '[') return -1;
    else if (text[i] === ']') return i;
  }
  return -1;
}

/** Inline tokens without the empty text tokens markdown-it leaves around delimiters. */
function meaningful(tokens: readonly Token[]): Token[] {
  return tokens.filter((t) => !(t.type === 'text' && t.content === ''));
}

/** The children of `tokens` when they are one `open … close` span (a strong, a link), else undefined. */
function wholeSpan(tokens: readonly Token[], open: string): Token[] | undefined {
  const t = meaningful(tokens);
  if (t.length < 2 || t[0].type !== `${open}_open` || t[t.length - 1].type !== `${open}_close`) return undefined;
  let depth = 0;
  for (let i = 0; i < t.length - 1; i++) {
    depth += t[i].type === `${open}_open` ? 1 : t[i].type === `${open}_close` ? -1 : 0;
    if (depth === 0) return undefined;
  }
  return t.slice(1, -1);
}

/** `[Google & MIT]` on a line of its own: the affiliations. */
function affiliationsOf(line: string, env: Record<string, unknown>): string[] | undefined {
  if (!line.startsWith('[') || !line.endsWith(']') || closingBracket(line) !== line.length - 1) return undefined;
  const inner = line.slice(1, -1).trim();
  return inner ? inner.split(/[ \t]+&[ \t]+/).map((a) => plainText(a.trim(), env)) : [];
}

/** The byline under an item heading: authors (`作者：` is needed only without affiliations) and `[affiliations]`. */
function readByline(ctx: ReadContext, block: Block): { authors?: string[]; affiliations?: string[] } | undefined {
  const { env } = ctx.source;
  const lines = inlineSource(block).split('\n').map((l) => l.trim());
  const affiliations = affiliationsOf(lines[lines.length - 1], env);
  if (affiliations) lines.pop();
  if (!lines.length) return affiliations && { affiliations };
  const text = lines.join(' ');
  const labelled = ctx.labels.afterLabel('authors', text, env);
  if (labelled === undefined && !affiliations) return undefined;
  const names = (labelled ?? text)
    .split(/[,，、]/)
    .map((n) => n.trim())
    .filter(Boolean)
    .map((n) => plainText(n, env));
  return affiliations ? { authors: names, affiliations } : { authors: names };
}

/** `**Translated title**`: a paragraph that is one strong span, other than a bold label (`**要点：**`). */
function readTranslatedTitle(ctx: ReadContext, block: Block): string | undefined {
  const inner = wholeSpan(inlineTokens(inlineSource(block), ctx.source.env), 'strong');
  const text = inner && tokensText(inner);
  return text === undefined || ctx.labels.isLabel('points', text) || ctx.labels.isLabel('oneLiner', text) ? undefined : text;
}

type Point = string | { label: string; text: string };

/** `**Label**：text` → a labelled point; undefined when the point is plain text. */
function labelledPoint(source: string, env: Record<string, unknown>): Point | undefined {
  if (!source.startsWith('**')) return undefined;
  for (let k = source.indexOf('**', 2); k >= 0; k = source.indexOf('**', k + 1)) {
    const after = source.slice(k + 2);
    if (!after.startsWith('：') && !after.startsWith(':')) continue;
    const inner = wholeSpan(inlineTokens(source.slice(0, k + 2), env), 'strong');
    const text = after.slice(1).replace(/^[ \t]+/, '');
    if (inner && text) return { label: tokensText(inner), text };
  }
  return undefined;
}

/** The key points: a list (numbered, or with bullets), one paragraph per point. */
function readPoints(ctx: ReadContext, list: Block, path: string): Point[] {
  const points: Point[] = [];
  const tokens = list.tokens;
  for (let i = 1; i < tokens.length - 1; i++) {
    if (tokens[i].type !== 'list_item_open') continue;
    let close = i + 1;
    while (!(tokens[close].type === 'list_item_close' && tokens[close].level === tokens[i].level)) close++;
    const inner = tokens.slice(i + 1, close);
    const line = tokens[i].map?.[0] ?? list.start;
    const at = `${path}.points[${points.length}]`;
    ctx.locations.set(at, line);
    if (inner.length === 0) points.push('');
    else if (inner.length === 3 && inner[0].type === 'paragraph_open') {
      const source = inner[1].content;
      points.push(labelledPoint(source, ctx.source.env) ?? source);
    } else {
      failAt(line, 'a key point is one paragraph of inline text; put longer text, lists or code in the body', at);
    }
    i = close;
  }
  return points;
}

/** The trailing links paragraph: the main URL on a line of its own, then `[label](url)` lines. */
function readLinks(ctx: ReadContext, block: Block): { url?: string; links: { label: string; url: string }[] } | undefined {
  const rows = inlineSource(block).split('\n').map((l) => l.trim());
  let url: string | undefined;
  const links: { label: string; url: string }[] = [];
  for (const [i, row] of rows.entries()) {
    const bare = row.startsWith('<') && row.endsWith('>') ? row.slice(1, -1) : row;
    if (i === 0 && !/\s/.test(bare) && isHttpUrl(bare)) {
      url = bare;
      continue;
    }
    const tokens = inlineTokens(row, ctx.source.env);
    const inner = wholeSpan(tokens, 'link');
    const open = meaningful(tokens)[0];
    if (!inner || open.markup === 'autolink') return undefined;
    links.push({ label: tokensText(inner), url: attr(open, 'href') ?? '' });
  }
  return { url, links };
}

function attr(token: Token, name: string): string | undefined {
  const value = token.attrGet(name);
  return value === null ? undefined : String(value);
}

interface Image {
  src: string;
  alt?: string;
  caption?: string;
  width?: number;
  height?: number;
}

/** A paragraph of images, one per line: `![alt](src "caption"){width=600}`. */
function readImages(block: Block, env: Record<string, unknown>): Image[] | undefined {
  const images: Image[] = [];
  for (const [k, row] of inlineSource(block).split('\n').entries()) {
    const tokens = meaningful(inlineTokens(row.trim(), env));
    const [image, attrs] = tokens;
    if (image?.type !== 'image' || tokens.length > 2) return undefined;
    const size = attrs && attrs.type === 'text' ? attrs.content.trim() : undefined;
    if (attrs && !(size?.startsWith('{') && size.endsWith('}'))) return undefined;
    const out: Image = { src: attr(image, 'src') ?? '' };
    const alt = tokensText(image.children ?? []);
    if (alt) out.alt = alt;
    const caption = attr(image, 'title');
    if (caption !== undefined) out.caption = caption;
    if (size) Object.assign(out, imageSize(size, block.start + k));
    images.push(out);
  }
  return images;
}

/** `{width=600 height=400}` after an image. */
function imageSize(attrs: string, line: number): Pick<Image, 'width' | 'height'> {
  const size: Pick<Image, 'width' | 'height'> = {};
  for (const word of attrs.slice(1, -1).trim().split(/\s+/).filter(Boolean)) {
    const m = /^(width|height)=(\d+)$/.exec(word);
    if (!m) failAt(line, `"${word}" is not an image size; write {width=600} or {width=600 height=400} (whole pixels)`);
    size[m[1] as 'width' | 'height'] = Number(m[2]);
  }
  return size;
}

/** Fails when a non-blank line (a link reference definition) stands between two fields. */
function rejectGaps(ctx: ReadContext, blocks: readonly Block[], from: number, to: number): void {
  for (let k = from + 1; k < to; k++) {
    const stray = sliceLines(ctx.source.lines, blocks[k - 1].end, blocks[k].start);
    if (stray !== undefined) {
      const line = ctx.source.lines.slice(blocks[k - 1].end, blocks[k].start).findIndex((l) => l.trim()) + blocks[k - 1].end;
      failAt(line, 'this line belongs to no field of the item; link reference definitions go in the body or the intro');
    }
  }
}

/** Item fields read from the Markdown conventions, before the fields block is merged in. */
export type ItemFields = Record<string, unknown>;

/**
 * Reads the fields of one item from its blocks, in the order they are written: byline,
 * translated title, key points, one-line summary, abstract (a quote), body, images, links, credit.
 * The fields block, if any, is returned separately.
 *
 * @param part - The item: its `###` heading and the blocks under it.
 * @param path - Its digest path, e.g. `sections[0].items[2]`, for locations and messages.
 * @example
 * import { fragmentContext } from './document.js'
 * import { FieldLabels } from './labels.js'
 * const { ctx, outline } = fragmentContext('### 1、[LG] A\n\n[Google]\n\nhttps://x.org\n', new FieldLabels())
 * readItemFields(ctx, outline.sections[0].items[0], 'sections[0].items[0]')
 * // → { heading: { number: 1, tag: 'LG', title: 'A' }, fields: { affiliations: ['Google'], url: 'https://x.org' } }
 */
export function readItemFields(ctx: ReadContext, part: Part, path: string): { fields: ItemFields; block?: Record<string, unknown>; heading: ItemHeading } {
  const { env, lines } = ctx.source;
  const heading = readItemHeading(part.heading ? inlineSource(part.heading) : '', env);
  const blocks = part.blocks;
  const fields: ItemFields = {};
  const at = (key: string, line: number) => ctx.locations.set(`${path}.${key}`, line);
  let i = 0;
  let block: Record<string, unknown> | undefined;
  if (isFieldsBlock(blocks[0])) {
    block = readFieldsBlock(ctx, blocks[0], path);
    i = 1;
  }
  rejectFieldsBlocks(blocks.slice(i), `${path}.body`);
  const headStart = i;
  const paragraph = (k: number) => (blocks[k]?.type === 'paragraph' ? blocks[k] : undefined);

  const byline = paragraph(i) && readByline(ctx, blocks[i]);
  if (byline) {
    if (byline.authors) {
      fields.authors = byline.authors;
      at('authors', blocks[i].start);
    }
    if (byline.affiliations) {
      fields.affiliations = byline.affiliations;
      at('affiliations', blocks[i].end - 1);
    }
    i++;
  }
  const translated = paragraph(i) && readTranslatedTitle(ctx, blocks[i]);
  if (translated !== undefined) {
    fields.translatedTitle = translated;
    at('translatedTitle', blocks[i++].start);
  }
  if (paragraph(i) && ctx.labels.isLabel('points', plainText(inlineSource(blocks[i]), env))) {
    const list = blocks[i + 1];
    if (list?.type !== 'ordered_list' && list?.type !== 'bullet_list') {
      failAt(blocks[i].start, `"${inlineSource(blocks[i])}" must be followed by the list of key points ("1. …" lines)`, `${path}.points`);
    }
    at('points', blocks[i].start);
    fields.points = readPoints(ctx, list, path);
    i += 2;
  }
  const oneLiner = paragraph(i) && ctx.labels.afterLabel('oneLiner', inlineSource(blocks[i]), env);
  if (typeof oneLiner === 'string') {
    fields.oneLiner = oneLiner;
    at('oneLiner', blocks[i++].start);
  }
  if (blocks[i]?.type === 'blockquote') {
    fields.abstract = unquote(lines.slice(blocks[i].start, blocks[i].end));
    at('abstract', blocks[i++].start);
  }
  rejectGaps(ctx, blocks, headStart, i);

  let j = blocks.length;
  const tailEnd = j;
  const credit = j > i && paragraph(j - 1) ? ctx.labels.afterLabel('credit', inlineSource(blocks[j - 1]), env) : undefined;
  if (credit !== undefined) {
    fields.credit = credit;
    at('credit', blocks[--j].start);
  }
  const links = j > i && paragraph(j - 1) ? readLinks(ctx, blocks[j - 1]) : undefined;
  if (links) {
    const line = blocks[--j].start;
    if (links.url !== undefined) {
      fields.url = links.url;
      at('url', line);
    }
    if (links.links.length) {
      fields.links = links.links;
      links.links.forEach((_, k) => at(`links[${k}]`, line + k + (links.url === undefined ? 0 : 1)));
    }
  }
  const images: { image: Image; line: number }[] = [];
  while (j > i && paragraph(j - 1)) {
    const found = readImages(blocks[j - 1], env);
    if (!found) break;
    const line = blocks[--j].start;
    images.unshift(...found.map((image, k) => ({ image, line: line + k })));
  }
  if (images.length) {
    fields.images = images.map((x) => x.image);
    images.forEach((x, k) => at(`images[${k}]`, x.line));
  }
  rejectGaps(ctx, blocks, j, tailEnd);

  const body = sliceLines(lines, i > 0 ? blocks[i - 1].end : part.start, j < blocks.length ? blocks[j].start : part.end);
  if (body !== undefined) {
    rejectItemLabels(ctx, blocks.slice(i, j), 'body', `${path}.body`);
    fields.body = body;
    at('body', i < j ? blocks[i].start : part.start);
  }
  return { fields, block, heading };
}

/** The lines of a block quote without their `>` markers (and one space after each). */
function unquote(quoted: readonly string[]): string {
  return quoted.map((line) => line.replace(/^ {0,3}> ?/, '')).join('\n');
}
