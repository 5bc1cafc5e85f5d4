import { isDeepStrictEqual } from 'node:util';
import { DigestError } from '../../core/errors.js';
import { LOCALES } from '../locale.js';
import { parseDigest, type Digest, type DigestInput, type DigestItem, type DigestSection } from '../schema.js';
import { fragmentContext, readIntro, readItem, readSectionHead, type Numbering } from './document.js';
import { escapeDestination, escapeLineStart, escapeText, escapeTitle, entity, longestRun } from './escape.js';
import { FIELDS_INFO, ITEM_KEYS } from './item.js';
import { FieldLabels, writtenColon, writtenLabel } from './labels.js';
import { writeYaml } from './yaml.js';

/** What writing needs besides the part being written. */
interface Writer {
  digest: Digest;
  labels: FieldLabels;
  /** `：` in zh, `: ` in en. */
  colon: string;
  /** After an item number: `、` in zh, `. ` in en. */
  numberSuffix: string;
}

/**
 * Writes a digest as Markdown in the format `parseMarkdownDigest` reads, so that
 * `parseMarkdownDigest(digestToMarkdown(d))` deep-equals `parseDigest(d)`. Each field is written
 * by its convention when it reads back as itself; a field that would not (a body holding a `###`
 * line, a title with a line break, an empty list) goes in the item's or section's fields block,
 * and the digest intro in the front matter.
 *
 * @param input - Digest data (validated here; see `parseDigest`).
 * @returns The Markdown text, ending with a line break.
 * @throws DigestError with code `E_INVALID_DIGEST` for invalid data.
 * @example
 * digestToMarkdown({ title: 'Daily', sections: [{ items: [{ tag: 'LG', title: 'Energy Transformer', url: 'https://arxiv.org/abs/2302.07253' }] }] })
 * // → '---\ntitle: Daily\n---\n\n### 1、[LG] Energy Transformer\n\nhttps://arxiv.org/abs/2302.07253\n'
 */
export function digestToMarkdown(input: DigestInput | Digest): string {
  const digest = parseDigest(input);
  const locale = LOCALES[digest.locale ?? 'zh'];
  const w: Writer = { digest, labels: new FieldLabels(digest.labels), colon: writtenColon(digest), numberSuffix: locale.numberSuffix };
  const introInText = digest.intro !== undefined && introReadsBack(digest.intro, w);
  const front: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(digest)) {
    if (key !== 'sections' && value !== undefined && !(key === 'intro' && introInText)) front[key] = value;
  }
  const parts = [`---\n${writeYaml(front)}---`];
  if (introInText) parts.push(digest.intro!);
  digest.sections.forEach((section, s) => parts.push(...writeSection(section, s, w)));
  return `${parts.join('\n\n')}\n`;
}

function introReadsBack(intro: string, w: Writer): boolean {
  const { ctx, outline } = fragmentContext(`---\n---\n\n${intro}\n\n###\n`, w.labels);
  try {
    return outline.sections.length === 1 && readIntro(ctx, outline) === intro;
  } catch (error) {
    if (error instanceof DigestError) return false;
    throw error;
  }
}

function writeSection(section: DigestSection, index: number, w: Writer): string[] {
  const out: string[] = [];
  const implicit = index === 0 && section.title === undefined && section.numbered === undefined && section.start === undefined && section.intro === undefined && Boolean(section.items?.length);
  if (!implicit) out.push(writeSectionHead(section, w));
  const numbered = section.numbered !== false;
  let numbering: Numbering = { numbered, running: numbered ? (section.start ?? 1) : 1 };
  for (const item of section.items ?? []) {
    out.push(writeItem(item, numbering, w));
    const shown = item.number ?? numbering.running;
    numbering = { numbered, running: numbered ? (typeof shown === 'number' ? shown : numbering.running) + 1 : numbering.running };
  }
  return out;
}

/** The keys of a section that its heading, fields block and intro hold. */
const SECTION_KEYS = ['title', 'numbered', 'start', 'intro'] as const;

function writeSectionHead(section: DigestSection, w: Writer): string {
  const expected: Record<string, unknown> = {};
  for (const key of SECTION_KEYS) if (section[key] !== undefined) expected[key] = section[key];
  if (section.items?.length === 0) expected.items = [];
  return settle(
    expected,
    (inBlock) => renderSectionHead(section, inBlock),
    (markdown) => {
      // What follows the head: its first item, or the next section.
      const items = Boolean(section.items?.length);
      const { ctx, outline } = fragmentContext(`${markdown}\n\n${items ? '###' : '##'}\n`, w.labels);
      const [head] = outline.sections;
      if (outline.sections.length !== (items ? 1 : 2) || head.items.length !== (items ? 1 : 0) || outline.intro.blocks.length) return undefined;
      return readSectionHead(ctx, head, 'section');
    },
    section.items?.length === 0 ? ['items'] : [],
    [...SECTION_KEYS],
  );
}

function renderSectionHead(section: DigestSection, inBlock: ReadonlySet<string>): string {
  const natural = (key: (typeof SECTION_KEYS)[number]) => section[key] !== undefined && !inBlock.has(key);
  const options: string[] = [];
  if (natural('numbered')) options.push(section.numbered ? '.numbered' : '.unnumbered');
  if (natural('start')) options.push(`start=${section.start}`);
  const heading = ['##'];
  if (natural('title')) heading.push(headingText(escapeText(section.title!, { extra: ['{'] })));
  if (options.length) heading.push(`{${options.join(' ')}}`);
  const out = [heading.join(' ')];
  const block = fieldsBlock(section as Record<string, unknown>, [...SECTION_KEYS, 'items'], inBlock);
  if (block) out.push(block);
  if (natural('intro')) out.push(section.intro!);
  return out.join('\n\n');
}

/** Heading text whose last `#` is escaped, so it is not taken for a closing sequence. */
function headingText(text: string): string {
  return text.endsWith('#') ? `${text.slice(0, -1)}\\#` : text;
}

/** Markdown fields first: they are the usual reason an item needs its fields block. */
const MOVE_FIRST = ['body', 'abstract', 'oneLiner', 'points', 'credit', 'images', 'links', 'url', 'translatedTitle', 'authors', 'affiliations', 'title', 'tag'];

function writeItem(item: DigestItem, numbering: Numbering, w: Writer): string {
  const expected: Record<string, unknown> = {};
  for (const key of ITEM_KEYS) if (item[key] !== undefined) expected[key] = item[key];
  const initial = numbering.numbered && item.number === numbering.running ? ['number'] : [];
  return settle(
    expected,
    (inBlock) => renderItem(item, numbering, inBlock, w),
    (markdown) => {
      const { ctx, outline } = fragmentContext(`${markdown}\n\n###\n`, w.labels);
      const items = outline.sections[0]?.items ?? [];
      if (outline.sections.length !== 1 || items.length !== 2 || outline.intro.blocks.length || outline.sections[0].heading) return undefined;
      return readItem(ctx, items[0], 'item', numbering).item;
    },
    initial,
    MOVE_FIRST,
  );
}

/**
 * Writes a part by its conventions, reads it back, and moves the fields that did not come back
 * equal into the fields block, until the part reads back as written. A part that cannot be read
 * at all has its fields moved one by one, `moveFirst` first.
 */
function settle(
  expected: Record<string, unknown>,
  render: (inBlock: ReadonlySet<string>) => string,
  readBack: (markdown: string) => Record<string, unknown> | undefined,
  initial: readonly string[],
  moveFirst: readonly string[],
): string {
  const attempt = (inBlock: ReadonlySet<string>) => {
    const markdown = render(inBlock);
    let back: Record<string, unknown> | undefined;
    let blame: string | undefined;
    try {
      back = readBack(markdown);
    } catch (error) {
      if (!(error instanceof DigestError)) throw error;
      blame = /^\w+\.(\w+)/.exec(error.problems[0]?.path ?? '')?.[1];
    }
    const wrong = back && [...new Set([...Object.keys(expected), ...Object.keys(back)])].filter((k) => !isDeepStrictEqual(back![k], expected[k]));
    return { markdown, wrong, blame };
  };
  const inBlock = new Set(initial);
  const present = Object.keys(expected);
  const movable = (k: string | undefined): k is string => k !== undefined && k in expected && !inBlock.has(k);
  for (;;) {
    const { markdown, wrong, blame } = attempt(inBlock);
    if (wrong?.length === 0) return markdown;
    let move = wrong ? wrong.filter(movable) : movable(blame) ? [blame] : [];
    if (!move.length) {
      const single = moveFirst.find((k) => movable(k) && attempt(new Set([...inBlock, k])).wrong !== undefined);
      move = single ? [single] : present.filter(movable);
    }
    if (!move.length) return markdown;
    for (const k of move) inBlock.add(k);
  }
}

/** The fields block of a part: the fields in `inBlock`, as YAML in a fence no line of it can close. */
function fieldsBlock(part: Record<string, unknown>, order: readonly string[], inBlock: ReadonlySet<string>): string | undefined {
  const data: Record<string, unknown> = {};
  for (const key of order) if (inBlock.has(key) && part[key] !== undefined) data[key] = part[key];
  if (!Object.keys(data).length) return undefined;
  const yaml = writeYaml(data);
  const fence = '`'.repeat(Math.max(3, longestRun(yaml, '`') + 1));
  return `${fence}${FIELDS_INFO}\n${yaml}${fence}`;
}

/** A title that would be read as a number (`2023、回顾`, `3. Results`). */
const NUMBERED = /^\d+(?:、|[.．](?=[ \t[]|$))/;

function renderItem(item: DigestItem, numbering: Numbering, inBlock: ReadonlySet<string>, w: Writer): string {
  const natural = <K extends keyof DigestItem>(key: K): boolean => item[key] !== undefined && !inBlock.has(key);
  const colonLine = w.colon.trimEnd();
  const out: string[] = [];

  const shown = numbering.numbered ? (item.number ?? numbering.running) : item.number;
  let heading = shown === undefined ? '' : `${shown}${w.numberSuffix}`;
  if (natural('tag')) heading += `[${escapeText(item.tag!)}] `;
  if (natural('title')) {
    const title = headingText(escapeText(item.title!));
    heading += !heading && NUMBERED.test(item.title!) ? entity(title[0]) + title.slice(1) : title;
  }
  out.push(heading.trimEnd() ? `### ${heading.trimEnd()}` : '###');

  const block = fieldsBlock(item as Record<string, unknown>, ITEM_KEYS, inBlock);
  if (block) out.push(block);

  const authors = natural('authors') ? item.authors! : undefined;
  const affiliations = natural('affiliations') ? item.affiliations! : undefined;
  if (authors || affiliations) {
    const names = (authors ?? []).map((n, i) => (i === 0 && affiliations ? escapeLineStart : escapeText)(n, { separators: [',', '，', '、'] })).join(', ');
    const lines: string[] = [];
    if (authors && affiliations && authors.length) lines.push(names);
    else if (authors) lines.push(`${writtenLabel('authors', w.digest)}${w.colon}${names}`.trimEnd());
    if (affiliations) lines.push(`[${affiliations.map((a) => escapeText(a).replace(/(\s)&(?=\s)/g, '$1\\&')).join(' & ')}]`);
    out.push(lines.join('\n'));
  }
  if (natural('translatedTitle')) out.push(`**${escapeText(item.translatedTitle!)}**`);
  if (natural('points')) {
    const points = item.points!.map((p, i) => {
      const marker = `${i + 1}.`;
      const text = typeof p === 'string' ? p : `**${escapeText(p.label)}**${w.colon}${p.text}`;
      const indent = ' '.repeat(marker.length + 1);
      return text ? `${marker} ${text.split('\n').join(`\n${indent}`)}` : marker;
    });
    out.push(`${writtenLabel('points', w.digest)}${colonLine}`, points.join('\n'));
  }
  if (natural('oneLiner')) out.push(`${writtenLabel('oneLiner', w.digest)}${colonLine}${item.oneLiner ? `\n${item.oneLiner}` : ''}`);
  if (natural('abstract')) out.push(item.abstract!.split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n'));
  if (natural('body')) out.push(item.body!);
  if (natural('images')) {
    for (const image of item.images!) {
      const caption = image.caption === undefined ? '' : ` ${escapeTitle(image.caption)}`;
      const size = [image.width && `width=${image.width}`, image.height && `height=${image.height}`].filter(Boolean).join(' ');
      out.push(`![${escapeText(image.alt ?? '')}](${escapeDestination(image.src)}${caption})${size ? `{${size}}` : ''}`);
    }
  }
  const links: string[] = [];
  if (natural('url')) links.push(item.url!);
  if (natural('links')) for (const link of item.links!) links.push(`[${escapeText(link.label)}](${escapeDestination(link.url)})`);
  if (links.length) out.push(links.join('\n'));
  if (natural('credit')) out.push(`${writtenLabel('credit', w.digest)}${w.colon}${item.credit}`.trimEnd());
  return out.join('\n\n');
}
