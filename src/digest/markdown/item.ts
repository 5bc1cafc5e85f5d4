import { ITEM_FIELD_RULES, type FoundField, type ItemBlocks } from './fields.js';
import type { FieldLabels } from './labels.js';
import type { Part } from './outline.js';
import { failAt, type Locations } from './problems.js';
import { closingBracket, inlineSource, plainText, sliceLines, type Block, type MarkdownSource } from './syntax.js';
import { readYaml, isRecord } from './yaml.js';

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
 * Reads the fields of one item from its blocks by the conventions of `ITEM_FIELD_RULES`, in the
 * order they are written: byline, translated title, key points, one-line summary, abstract (a
 * quote), body, images, links, credit. The fields block, if any, is returned separately.
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
  let i = 0;
  let block: Record<string, unknown> | undefined;
  if (isFieldsBlock(blocks[0])) {
    block = readFieldsBlock(ctx, blocks[0], path);
    i = 1;
  }
  rejectFieldsBlocks(blocks.slice(i), `${path}.body`);
  const item: ItemBlocks = { ctx, blocks, path };
  const take = (found: FoundField) => {
    Object.assign(fields, found.values);
    for (const [key, line] of found.lines) ctx.locations.set(`${path}.${key}`, line);
  };

  // The head fields forwards, the tail fields backwards from the end; the body is what is left.
  const headStart = i;
  let j = blocks.length;
  for (const rule of ITEM_FIELD_RULES) {
    const found = rule.end === 'head' && i < j ? rule.read(item, i, j) : undefined;
    if (found) {
      take(found);
      i += found.take;
    }
  }
  rejectGaps(ctx, blocks, headStart, i);
  const tailEnd = j;
  for (const rule of [...ITEM_FIELD_RULES].reverse()) {
    const found = rule.end === 'tail' && j > i ? rule.read(item, i, j) : undefined;
    if (found) {
      take(found);
      j -= found.take;
    }
  }
  rejectGaps(ctx, blocks, j, tailEnd);

  const body = sliceLines(lines, i > 0 ? blocks[i - 1].end : part.start, j < blocks.length ? blocks[j].start : part.end);
  if (body !== undefined) {
    rejectItemLabels(ctx, blocks.slice(i, j), 'body', `${path}.body`);
    fields.body = body;
    ctx.locations.set(`${path}.body`, i < j ? blocks[i].start : part.start);
  }
  return { fields, block, heading };
}
