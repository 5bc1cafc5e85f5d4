import type { Token } from 'markdown-it';
import { isHttpUrl } from '../../core/urls.js';
import type { Digest, DigestItem } from '../schema.js';
import { escapeDestination, escapeLineStart, escapeText, escapeTitle } from './escape.js';
import type { ReadContext } from './item.js';
import { writtenLabel, type FieldLabels } from './labels.js';
import { failAt } from './problems.js';
import { closingBracket, inlineSource, inlineTokens, plainText, tokensText, type Block } from './syntax.js';

// The conventions of an item's fields below its heading, in the order they are written: one
// table that the reader (readItemFields) and the writer (digestToMarkdown) both walk.

/** What writing needs besides the part being written. */
export interface MarkdownWriter {
  digest: Digest;
  labels: FieldLabels;
  /** `：` in zh, `: ` in en. */
  colon: string;
  /** After an item number: `、` in zh, `. ` in en. */
  numberSuffix: string;
}

/** The blocks of one item being read, with its digest path (`sections[0].items[2]`). */
export interface ItemBlocks {
  ctx: ReadContext;
  blocks: readonly Block[];
  path: string;
}

/** A field found: the blocks it took, its values, and the line of each key (`links[1]` → 12). */
export interface FoundField {
  take: number;
  values: Record<string, unknown>;
  lines: [key: string, line: number][];
}

/** One convention of an item's fields. */
export interface ItemFieldRule {
  /** The item keys it holds. */
  keys: readonly (keyof DigestItem)[];
  /**
   * Where it stands: `head` (read forwards from the first block after the heading), `tail` (read
   * backwards from the last block), or `body` (what the head and tail leave between them).
   */
  end: 'head' | 'tail' | 'body';
  /**
   * Reads the field from the free blocks `from`…`to` (exclusive): a head rule at `from`, a tail
   * rule ending at `to`; undefined when the blocks there are not this field.
   */
  read(item: ItemBlocks, from: number, to: number): FoundField | undefined;
  /** The Markdown paragraphs of the field, for the keys `natural` says are written by the convention. */
  write(item: DigestItem, natural: (key: keyof DigestItem) => boolean, w: MarkdownWriter): string[];
}

const paragraph = (item: ItemBlocks, k: number) => (item.blocks[k]?.type === 'paragraph' ? item.blocks[k] : undefined);

/** Authors (`作者：` needed only without affiliations) and `[affiliations]` on the line below. */
const byline: ItemFieldRule = {
  keys: ['authors', 'affiliations'],
  end: 'head',
  read(item, from) {
    const found = paragraph(item, from) && readByline(item.ctx, item.blocks[from]);
    if (!found) return undefined;
    const block = item.blocks[from];
    const lines: FoundField['lines'] = [];
    if (found.authors) lines.push(['authors', block.start]);
    if (found.affiliations) lines.push(['affiliations', block.end - 1]);
    return { take: 1, values: found, lines };
  },
  write(item, natural, w) {
    const authors = natural('authors') ? item.authors! : undefined;
    const affiliations = natural('affiliations') ? item.affiliations! : undefined;
    if (!authors && !affiliations) return [];
    const names = (authors ?? []).map((n, i) => (i === 0 && affiliations ? escapeLineStart : escapeText)(n, { separators: [',', '，', '、'] })).join(', ');
    const lines: string[] = [];
    if (authors && affiliations && authors.length) lines.push(names);
    else if (authors) lines.push(`${writtenLabel('authors', w.digest)}${w.colon}${names}`.trimEnd());
    if (affiliations) lines.push(`[${affiliations.map((a) => escapeText(a).replace(/(\s)&(?=\s)/g, '$1\\&')).join(' & ')}]`);
    return [lines.join('\n')];
  },
};

/** `**Translated title**`: a paragraph that is one strong span. */
const translatedTitle: ItemFieldRule = {
  keys: ['translatedTitle'],
  end: 'head',
  read(item, from) {
    const text = paragraph(item, from) && readTranslatedTitle(item.ctx, item.blocks[from]);
    return text === undefined ? undefined : { take: 1, values: { translatedTitle: text }, lines: [['translatedTitle', item.blocks[from].start]] };
  },
  write: (item, natural) => (natural('translatedTitle') ? [`**${escapeText(item.translatedTitle!)}**`] : []),
};

/** The key points label (`要点：`), then the list of points. */
const points: ItemFieldRule = {
  keys: ['points'],
  end: 'head',
  read({ ctx, blocks, path }, from) {
    const label = blocks[from];
    if (label?.type !== 'paragraph' || !ctx.labels.isLabel('points', plainText(inlineSource(label), ctx.source.env))) return undefined;
    const list = blocks[from + 1];
    if (list?.type !== 'ordered_list' && list?.type !== 'bullet_list') {
      failAt(label.start, `"${inlineSource(label)}" must be followed by the list of key points ("1. …" lines)`, `${path}.points`);
    }
    // The label's line first: the points' own lines are recorded as they are read.
    ctx.locations.set(`${path}.points`, label.start);
    return { take: 2, values: { points: readPoints(ctx, list, path) }, lines: [] };
  },
  write(item, natural, w) {
    if (!natural('points')) return [];
    const lines = item.points!.map((p, i) => {
      const marker = `${i + 1}.`;
      const text = typeof p === 'string' ? p : `**${escapeText(p.label)}**${w.colon}${p.text}`;
      const indent = ' '.repeat(marker.length + 1);
      return text ? `${marker} ${text.split('\n').join(`\n${indent}`)}` : marker;
    });
    return [`${writtenLabel('points', w.digest)}${w.colon.trimEnd()}`, lines.join('\n')];
  },
};

/** `一句话总结：` and the summary, on the label's line or below it. */
const oneLiner: ItemFieldRule = {
  keys: ['oneLiner'],
  end: 'head',
  read(item, from) {
    const { ctx, blocks } = item;
    const text = paragraph(item, from) && ctx.labels.afterLabel('oneLiner', inlineSource(blocks[from]), ctx.source.env);
    return typeof text === 'string' ? { take: 1, values: { oneLiner: text }, lines: [['oneLiner', blocks[from].start]] } : undefined;
  },
  write: (item, natural, w) => (natural('oneLiner') ? [`${writtenLabel('oneLiner', w.digest)}${w.colon.trimEnd()}${item.oneLiner ? `\n${item.oneLiner}` : ''}`] : []),
};

/** The abstract: a block quote. */
const abstract: ItemFieldRule = {
  keys: ['abstract'],
  end: 'head',
  read({ ctx, blocks }, from) {
    const quote = blocks[from];
    if (quote?.type !== 'blockquote') return undefined;
    return { take: 1, values: { abstract: unquote(ctx.source.lines.slice(quote.start, quote.end)) }, lines: [['abstract', quote.start]] };
  },
  write: (item, natural) => (natural('abstract') ? [item.abstract!.split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n')] : []),
};

/** The body: the Markdown between the head fields and the tail fields, as it is written (readItemFields reads it). */
const body: ItemFieldRule = {
  keys: ['body'],
  end: 'body',
  read: () => undefined,
  write: (item, natural) => (natural('body') ? [item.body!] : []),
};

/** Paragraphs of images, one per line: `![alt](src "caption"){width=600}`. */
const images: ItemFieldRule = {
  keys: ['images'],
  end: 'tail',
  read(item, from, to) {
    const found: { image: Image; line: number }[] = [];
    let j = to;
    while (j > from && paragraph(item, j - 1)) {
      const paragraphImages = readImages(item.blocks[j - 1], item.ctx.source.env);
      if (!paragraphImages) break;
      const line = item.blocks[--j].start;
      found.unshift(...paragraphImages.map((image, k) => ({ image, line: line + k })));
    }
    if (!found.length) return undefined;
    return { take: to - j, values: { images: found.map((x) => x.image) }, lines: found.map((x, k) => [`images[${k}]`, x.line]) };
  },
  write(item, natural) {
    if (!natural('images')) return [];
    return item.images!.map((image) => {
      const caption = image.caption === undefined ? '' : ` ${escapeTitle(image.caption)}`;
      const size = [image.width && `width=${image.width}`, image.height && `height=${image.height}`].filter(Boolean).join(' ');
      return `![${escapeText(image.alt ?? '')}](${escapeDestination(image.src)}${caption})${size ? `{${size}}` : ''}`;
    });
  },
};

/** The links paragraph: the main URL on a line of its own, then `[label](url)` lines. */
const links: ItemFieldRule = {
  keys: ['url', 'links'],
  end: 'tail',
  read(item, from, to) {
    const found = to > from && paragraph(item, to - 1) ? readLinks(item.ctx, item.blocks[to - 1]) : undefined;
    if (!found) return undefined;
    const line = item.blocks[to - 1].start;
    const values: Record<string, unknown> = {};
    const lines: FoundField['lines'] = [];
    if (found.url !== undefined) {
      values.url = found.url;
      lines.push(['url', line]);
    }
    if (found.links.length) {
      values.links = found.links;
      found.links.forEach((_, k) => lines.push([`links[${k}]`, line + k + (found.url === undefined ? 0 : 1)]));
    }
    return { take: 1, values, lines };
  },
  write(item, natural) {
    const rows: string[] = [];
    if (natural('url')) rows.push(item.url!);
    if (natural('links')) for (const link of item.links!) rows.push(`[${escapeText(link.label)}](${escapeDestination(link.url)})`);
    return rows.length ? [rows.join('\n')] : [];
  },
};

/** `来源：` and the credit, last. */
const credit: ItemFieldRule = {
  keys: ['credit'],
  end: 'tail',
  read(item, from, to) {
    const text = to > from && paragraph(item, to - 1) ? item.ctx.labels.afterLabel('credit', inlineSource(item.blocks[to - 1]), item.ctx.source.env) : undefined;
    return text === undefined ? undefined : { take: 1, values: { credit: text }, lines: [['credit', item.blocks[to - 1].start]] };
  },
  write: (item, natural, w) => (natural('credit') ? [`${writtenLabel('credit', w.digest)}${w.colon}${item.credit}`.trimEnd()] : []),
};

/**
 * The conventions of an item's fields below its heading, in the order they are written. The
 * reader takes the `head` rules forwards in this order, the `tail` rules backwards from the end,
 * and leaves the rest to the body; the writer writes every rule in this order.
 *
 * @example
 * ITEM_FIELD_RULES.map((r) => r.keys.join('+')) // → ['authors+affiliations', 'translatedTitle', 'points', 'oneLiner', 'abstract', 'body', 'images', 'url+links', 'credit']
 */
export const ITEM_FIELD_RULES: readonly ItemFieldRule[] = [byline, translatedTitle, points, oneLiner, abstract, body, images, links, credit];

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

/** The lines of a block quote without their `>` markers (and one space after each). */
function unquote(quoted: readonly string[]): string {
  return quoted.map((line) => line.replace(/^ {0,3}> ?/, '')).join('\n');
}
