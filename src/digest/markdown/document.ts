import { FieldLabels } from './labels.js';
import { ITEM_KEYS, isFieldsBlock, readFieldsBlock, readItemFields, rejectFieldsBlocks, rejectItemLabels, type ReadContext } from './item.js';
import { outlineOf, type Outline, type Part, type SectionPart } from './outline.js';
import { failAt, Locations } from './problems.js';
import { inlineSource, parseSource, plainText, sliceLines } from './syntax.js';
import { isRecord, readYaml } from './yaml.js';
import { suggest } from '../../core/suggest.js';

/** How a section counts its items, as the Markdown headings are read. */
export interface Numbering {
  numbered: boolean;
  /** The number the next item shows unless it has its own. */
  running: number;
}

/**
 * Reads one item: the heading, the fields written by convention, and the fields block, merged.
 * A number in the heading is the item's own `number` only when it differs from the running
 * number of a numbered section.
 *
 * @param numbering - How the section counts, before this item.
 * @returns The item data (not yet validated) and the running number after it.
 * @example
 * import { FieldLabels } from './labels.js'
 * const { ctx, outline } = fragmentContext('### 5、C\n', new FieldLabels())
 * // the second item of a numbered section, which would show 2:
 * readItem(ctx, outline.sections[0].items[0], 'sections[0].items[1]', { numbered: true, running: 2 })
 * // → { item: { number: 5, title: 'C' }, running: 6 }
 */
export function readItem(ctx: ReadContext, part: Part, path: string, numbering: Numbering): { item: Record<string, unknown>; running: number } {
  const headingLine = part.heading?.start ?? part.start;
  ctx.locations.set(path, headingLine);
  const { fields, block = {}, heading } = readItemFields(ctx, part, path);
  const natural: Record<string, unknown> = { ...fields };
  if (heading.tag !== undefined) natural.tag = heading.tag;
  if (heading.title !== undefined) natural.title = heading.title;
  for (const key of Object.keys(block)) {
    if (key !== 'number' && key in natural) {
      failAt(ctx.locations.find(`${path}.${key}`) ?? headingLine, `"${key}" is given twice: in the fields block and in the item's Markdown; keep one`, `${path}.${key}`);
    }
  }
  const own = block.number;
  if (own !== undefined && heading.number !== undefined && own !== heading.number) {
    failAt(headingLine, `the heading shows ${heading.number} but the fields block says number: ${String(own)}; keep one`, `${path}.number`);
  }
  let number: unknown = own;
  if (number === undefined && heading.number !== undefined && (!numbering.numbered || heading.number !== numbering.running)) number = heading.number;
  if (heading.number !== undefined) ctx.locations.set(`${path}.number`, headingLine);

  const merged: Record<string, unknown> = { ...natural, ...block };
  if (number !== undefined) merged.number = number;
  else delete merged.number;
  if (merged.title === undefined && merged.translatedTitle === undefined && merged.body === undefined) {
    failAt(headingLine, 'this item has nothing to show: give it a title ("### 1、[LG] Title"), a translated title ("**…**" under the heading) or a body', path);
  }
  const item: Record<string, unknown> = {};
  for (const key of [...ITEM_KEYS, ...Object.keys(merged)]) if (merged[key] !== undefined) item[key] = merged[key];
  const shown = typeof number === 'number' ? number : numbering.running;
  return { item, running: numbering.numbered ? shown + 1 : numbering.running };
}

const SECTION_OPTIONS = ['.unnumbered', '.numbered', 'start='];

/**
 * Reads a section heading: the title, then options in braces, e.g. `## Quick links {.unnumbered}`
 * or `## Also worth a look {start=6}`.
 */
function readSectionHeading(source: string, line: number, env: Record<string, unknown>, path: string): Record<string, unknown> {
  const head: Record<string, unknown> = {};
  let title = source;
  const open = source.lastIndexOf('{');
  const words = open >= 0 && source.endsWith('}') && !escaped(source, open) ? source.slice(open + 1, -1).trim().split(/\s+/).filter(Boolean) : [];
  if (words.length && words.every((w) => /^(?:\.[\w-]+|[\w-]+=\S*|-)$/.test(w))) {
    title = source.slice(0, open).trim();
    for (const word of words) {
      const start = /^start=(\d+)$/.exec(word);
      let numbered: boolean | undefined;
      if (word === '.unnumbered' || word === '-') numbered = false;
      else if (word === '.numbered') numbered = true;
      else if (start) head.start = Number(start[1]);
      else {
        const near = suggest(word.replace(/=.*/, '='), SECTION_OPTIONS);
        const hint = near ? `; did you mean "${near === 'start=' ? 'start=1' : near}"?` : '';
        failAt(line, `"${word}" is not a section option${hint} (options: {.numbered}, {.unnumbered}, {start=N} with N a whole number)`, path);
      }
      if (numbered !== undefined) {
        if (head.numbered !== undefined && head.numbered !== numbered) failAt(line, 'a section is either {.numbered} or {.unnumbered}, not both', path);
        head.numbered = numbered;
      }
    }
  }
  if (title) head.title = plainText(title, env);
  return head;
}

function escaped(text: string, index: number): boolean {
  let slashes = 0;
  for (let i = index - 1; i >= 0 && text[i] === '\\'; i--) slashes++;
  return slashes % 2 === 1;
}

/**
 * The fields a section gets from its heading, its fields block and its intro; `items` only as `[]`.
 *
 * @example
 * import { FieldLabels } from './labels.js'
 * const { ctx, outline } = fragmentContext('## Quick links {.unnumbered}\n\nLinks of the week.\n', new FieldLabels())
 * readSectionHead(ctx, outline.sections[0], 'sections[1]')
 * // → { title: 'Quick links', numbered: false, intro: 'Links of the week.' }
 */
export function readSectionHead(ctx: ReadContext, section: SectionPart, path: string): Record<string, unknown> {
  const line = section.heading?.start ?? section.start;
  ctx.locations.set(path, line);
  const head = section.heading ? readSectionHeading(inlineSource(section.heading), line, ctx.source.env, path) : {};
  for (const key of Object.keys(head)) ctx.locations.set(`${path}.${key}`, line);
  const blocks = section.blocks;
  const block = isFieldsBlock(blocks[0]) ? readFieldsBlock(ctx, blocks[0], path) : undefined;
  const rest = block ? blocks.slice(1) : blocks;
  rejectFieldsBlocks(rest, `${path}.intro`);
  rejectItemLabels(ctx, rest, 'outside', `${path}.intro`);
  const intro = sliceLines(ctx.source.lines, block ? blocks[0].end : section.start, section.end);
  if (intro !== undefined) {
    head.intro = intro;
    ctx.locations.set(`${path}.intro`, rest[0]?.start ?? section.start);
  }
  for (const [key, value] of Object.entries(block ?? {})) {
    const at = ctx.locations.find(`${path}.${key}`) ?? line;
    if (key in head) failAt(at, `"${key}" is given twice: in the fields block and in the section's Markdown; keep one`, `${path}.${key}`);
    if (key === 'items' && (!Array.isArray(value) || value.length || section.items.length)) {
      failAt(at, 'items are written as ### headings; a fields block may only say "items: []" for a section without items', `${path}.items`);
    }
    head[key] = value;
  }
  if (!section.items.length && head.title === undefined && head.intro === undefined) {
    failAt(line, 'this section is empty: give it a title ("## Title"), an intro, or items ("### …" headings)', path);
  }
  return head;
}

/**
 * The digest intro: what stands between the front matter and the first heading.
 *
 * @example
 * import { FieldLabels } from './labels.js'
 * const { ctx, outline } = fragmentContext('Hello *there*.\n\n### A\n', new FieldLabels())
 * readIntro(ctx, outline) // → 'Hello *there*.'
 */
export function readIntro(ctx: ReadContext, outline: Outline): string | undefined {
  rejectFieldsBlocks(outline.intro.blocks, 'intro');
  rejectItemLabels(ctx, outline.intro.blocks, 'outside', 'intro');
  return sliceLines(ctx.source.lines, outline.intro.start, outline.intro.end);
}

/**
 * Reads a whole Markdown digest into digest data (not yet validated by the schema), with the
 * source line of every field.
 *
 * @example
 * readDocument('---\ntitle: D\n---\n\n### A\n').data // → { title: 'D', sections: [{ items: [{ title: 'A' }] }] }
 */
export function readDocument(markdown: string): { data: Record<string, unknown>; locations: Locations } {
  const source = parseSource(markdown);
  const outline = outlineOf(source);
  const locations = new Locations();
  if (!outline.frontMatter && source.lines[0]?.trimEnd() === '---') {
    failAt(0, 'the front matter is not closed: end it with a line holding only ---');
  }
  const fm = outline.frontMatter;
  const front = fm ? readYaml(fm.tokens[0].content, 1, 'the front matter', '', locations) : {};
  if (!isRecord(front)) failAt(0, 'the front matter holds YAML "key: value" lines, such as "title: Daily papers"');
  if ('sections' in front) {
    failAt(locations.find('sections') ?? 0, 'sections are written as ## and ### headings below the front matter; remove "sections" from it', 'sections');
  }
  const labels = isRecord(front.labels) ? Object.fromEntries(Object.entries(front.labels).filter(([, v]) => typeof v === 'string')) : {};
  const ctx: ReadContext = { source, labels: new FieldLabels(labels), locations };
  const intro = readIntro(ctx, outline);
  if (intro !== undefined) {
    if ('intro' in front) failAt(outline.intro.blocks[0]?.start ?? outline.intro.start, '"intro" is given twice: in the front matter and as the text before the first heading; keep one', 'intro');
    locations.set('intro', outline.intro.blocks[0]?.start ?? outline.intro.start);
  }
  if (!outline.sections.length) {
    failAt(outline.intro.start, 'no items: write each item under a ### heading such as "### 1、[LG] Title", and group items in sections under ## headings if you like');
  }
  const sections = outline.sections.map((section, s) => {
    const path = `sections[${s}]`;
    const head = readSectionHead(ctx, section, path);
    const numbered = head.numbered !== false;
    let numbering: Numbering = { numbered, running: numbered && typeof head.start === 'number' ? head.start : 1 };
    if (!section.items.length) return head;
    const items = section.items.map((part, i) => {
      const { item, running } = readItem(ctx, part, `${path}.items[${i}]`, numbering);
      numbering = { numbered, running };
      return item;
    });
    return { ...head, items };
  });
  const data: Record<string, unknown> = { ...front };
  if (intro !== undefined) data.intro = intro;
  data.sections = sections;
  return { data, locations };
}

/**
 * A fresh reading context for a piece of Markdown written with the given labels: the writer
 * reads each part it writes back through it.
 *
 * @example
 * import { FieldLabels } from './labels.js'
 * const { ctx, outline } = fragmentContext('### A\n\n###\n', new FieldLabels());
 * outline.sections[0].items.length // → 2
 */
export function fragmentContext(markdown: string, labels: FieldLabels): { ctx: ReadContext; outline: Outline } {
  const source = parseSource(markdown);
  return { ctx: { source, labels, locations: new Locations() }, outline: outlineOf(source) };
}
