import { atxLevel, type Block, type MarkdownSource } from './syntax.js';

/** A heading (or the start of the file) and the blocks under it, up to the next `##`/`###` heading. */
export interface Part {
  heading?: Block;
  blocks: Block[];
  /** First line after the heading. */
  start: number;
  /** The line of the next `##`/`###` heading, or the end of the file. */
  end: number;
}

/** A `##` section (or the items before the first `##`) with its `###` items. */
export interface SectionPart extends Part {
  items: Part[];
}

/** A Markdown digest cut at its headings. */
export interface Outline {
  frontMatter?: Block;
  /** What stands between the front matter and the first heading. */
  intro: Part;
  sections: SectionPart[];
}

/**
 * Cuts a document at its `##` (section) and `###` (item) headings written with `#` signs.
 * Items before the first `##` form a section without a heading. Other headings are content.
 *
 * @example
 * import { parseSource } from './syntax.js'
 * const o = outlineOf(parseSource('Intro\n\n### A\n\n## S\n\n#### x\n\n### B'));
 * [o.intro.blocks.length, o.sections.length, o.sections[1].blocks.length, o.sections[1].items.length] // → [1, 2, 1, 1]
 */
export function outlineOf(source: MarkdownSource): Outline {
  const blocks = source.blocks;
  const frontMatter = blocks[0]?.type === 'front_matter' ? blocks[0] : undefined;
  const intro: Part = { blocks: [], start: frontMatter?.end ?? 0, end: source.lines.length };
  const sections: SectionPart[] = [];
  let current: Part = intro;
  const close = (line: number) => {
    current.end = line;
  };
  for (const block of frontMatter ? blocks.slice(1) : blocks) {
    const level = atxLevel(block);
    if (level === 2) {
      close(block.start);
      const section: SectionPart = { heading: block, blocks: [], start: block.end, end: source.lines.length, items: [] };
      sections.push(section);
      current = section;
    } else if (level === 3) {
      close(block.start);
      if (!sections.length) sections.push({ blocks: [], start: block.start, end: block.start, items: [] });
      const item: Part = { heading: block, blocks: [], start: block.end, end: source.lines.length };
      sections[sections.length - 1].items.push(item);
      current = item;
    } else {
      current.blocks.push(block);
    }
  }
  return { frontMatter, intro, sections };
}
