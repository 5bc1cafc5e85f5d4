import { plainText } from '../digest/markdown/syntax.js';
import type { Digest } from '../digest/schema.js';
import { contrastRatio, parseColour, type Rgba } from '../wechat/reader/colour.js';

/** Size of a cover and where WeChat crops it: the feed shows 2.35:1 (the whole cover), a share shows the centre square. */
export const COVER_LAYOUT = {
  width: 900,
  height: 383,
  /** The centre square that the 1:1 crop keeps: every word that matters is inside it. */
  square: 383,
  /** Inner margin of the square. */
  padding: 26,
  /** Title sizes tried, largest first, and the line height. */
  titleSizes: [46, 42, 38, 34, 31, 28, 25, 22],
  titleLineHeight: 1.28,
  /** Most category tags drawn on the left wing. */
  maxTags: 5,
} as const;

/** How a theme's cover looks: `solid` (the accent as background, light text) or `paper` (a light page, accent rules and tags). */
export type CoverStyle = 'solid' | 'paper';

/** The cover style of each built-in theme; a custom theme gets `solid`. */
export const COVER_STYLES: Record<string, CoverStyle> = {
  classic: 'solid',
  academic: 'paper',
  modern: 'solid',
  newsletter: 'paper',
};

/** A satori element: a tag, its style and children, as React would give it. */
export interface CoverNode {
  type: 'div';
  props: { style: Record<string, string | number>; children?: (CoverNode | string)[] | string };
}

/** What the layout needs from the digest and the theme. */
export interface CoverContent {
  title: string;
  subtitle?: string;
  date?: string;
  account?: string;
  /** `LG · 机器学习`, in order of first use. */
  tags: string[];
  /** How many items the digest has, and the word for them (`篇`, `items`). */
  items: number;
  itemsLabel: string;
  /** The accent colour, as the theme or the accent option gives it. */
  accent: string;
  style: CoverStyle;
}

/**
 * The crop fields of a cover of `COVER_LAYOUT`'s size, as draft/add takes them
 * (`x1_y1_x2_y2`, fractions of the width and height): the whole cover for 2.35:1, the centre square for 1:1.
 *
 * @example
 * coverCrops() // → { pic_crop_235_1: '0_0_1_1', pic_crop_1_1: '0.287222_0_0.712778_1' }
 */
export function coverCrops(): { pic_crop_235_1: string; pic_crop_1_1: string } {
  const { width, square } = COVER_LAYOUT;
  const left = (width - square) / 2 / width;
  const fraction = (n: number) => String(Number(n.toFixed(6)));
  return { pic_crop_235_1: '0_0_1_1', pic_crop_1_1: `${fraction(left)}_0_${fraction(1 - left)}_1` };
}

/**
 * What goes on the cover of a digest: title, subtitle, date, account, category tags (with their labels).
 *
 * @example
 * coverContent(parseDigest({ title: '今日论文', date: '2026-11-28', categories: { LG: '机器学习' }, sections: [{ items: [{ title: 'A', tag: 'LG' }] }] }), '#16a', 'solid')
 * // → { title: '今日论文', date: '2026-11-28', tags: ['LG · 机器学习'], items: 1, itemsLabel: '篇', accent: '#16a', style: 'solid' }
 */
export function coverContent(digest: Digest, accent: string, style: CoverStyle, locale: 'zh' | 'en' = digest.locale ?? 'zh'): CoverContent {
  const tags: string[] = [];
  for (const section of digest.sections) {
    for (const item of section.items ?? []) {
      if (!item.tag) continue;
      const label = digest.categories?.[item.tag];
      const text = label ? `${item.tag} · ${label}` : item.tag;
      if (!tags.includes(text)) tags.push(text);
    }
  }
  const account = digest.account?.name;
  return {
    title: digest.title.trim(),
    // The subtitle is inline Markdown: the cover shows its text.
    ...(digest.subtitle?.trim() ? { subtitle: plainText(digest.subtitle, {}).replace(/\s+/g, ' ').trim() } : {}),
    ...(digest.date ? { date: digest.date } : {}),
    ...(account ? { account } : {}),
    tags,
    items: digest.sections.reduce((n, section) => n + (section.items?.length ?? 0), 0),
    itemsLabel: locale === 'en' ? 'ITEMS' : '篇',
    accent,
    style,
  };
}

/**
 * Every character the cover draws, so the fonts that hold them are loaded: the text of the
 * content, the day or the item count and its word, the digits, `+` and `…`.
 *
 * @example
 * coverText(coverContent(parseDigest({ title: 'Hi', sections: [{ items: [{ title: 'A' }] }] }), '#16a', 'solid')) // → 'Hi篇+0123456789.…'
 */
export function coverText(content: CoverContent): string {
  return [content.title, content.subtitle, content.account, content.date, ...content.tags, content.date ? '' : content.itemsLabel, '+0123456789.…'].filter(Boolean).join('');
}

/** Width of a character in ems, close enough to choose a type size: CJK is square, Latin narrower. */
function charWidth(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x2e80) return 1;
  if (ch === ' ') return 0.25;
  if (/[A-Z0-9]/.test(ch)) return 0.68;
  if (/[a-z]/.test(ch)) return 0.58;
  return 0.45;
}

/** Lines the title takes at `size` in `width` pixels: words wrap whole, CJK characters one by one, a word wider than the line breaks. */
function linesAt(title: string, size: number, width: number): number {
  const room = width * 0.96;
  let lines = 1;
  let line = 0;
  for (const word of title.split(/(?<=[\u2e80-\uffff\s])|(?=[\u2e80-\uffff])/u)) {
    const w = [...word].reduce((sum, ch) => sum + charWidth(ch), 0) * size;
    const ink = word.endsWith(' ') ? w - 0.25 * size : w;
    if (line > 0 && line + ink > room) {
      lines++;
      line = 0;
    }
    if (ink > room) {
      lines += Math.ceil(ink / room) - 1;
      line = ink % room;
    } else line += w;
  }
  return lines;
}

/**
 * The title's type size and text: the largest size of `COVER_LAYOUT.titleSizes` at which it fits
 * `height`; at the smallest, a title still too long is cut with `…`.
 *
 * @example
 * fitTitle('今日论文', 330, 200) // → { size: 46, lines: 1, text: '今日论文' }
 */
export function fitTitle(title: string, width: number, height: number): { size: number; lines: number; text: string } {
  const { titleSizes, titleLineHeight } = COVER_LAYOUT;
  for (const size of titleSizes) {
    const lines = linesAt(title, size, width);
    if (lines * size * titleLineHeight <= height) return { size, lines, text: title };
  }
  const size = titleSizes.at(-1)!;
  const maxLines = Math.floor(height / (size * titleLineHeight));
  const chars = [...title];
  let keep = chars.length;
  let text = title;
  while (keep > 1 && linesAt(text, size, width) > maxLines) text = `${chars.slice(0, --keep).join('').trimEnd()}…`;
  return { size, lines: maxLines, text };
}

function hex(rgba: Rgba): string {
  return `#${rgba
    .slice(0, 3)
    .map((c) => Math.round(c).toString(16).padStart(2, '0'))
    .join('')}`;
}

function rgba(colour: Rgba, alpha: number): string {
  return `rgba(${colour.slice(0, 3).map(Math.round).join(',')},${alpha})`;
}

const WHITE: Rgba = [255, 255, 255, 1];
const INK: Rgba = [25, 25, 25, 1];
const PAPER: Rgba = [250, 248, 243, 1];

/** The colours of a cover: background, text, and the faint and strong marks. */
function palette(content: CoverContent): { background: string; text: string; muted: string; mark: string; panel: string; accent: string } {
  const accent = parseColour(content.accent) ?? [17, 102, 170, 1];
  const solidAccent: Rgba = [...(accent.slice(0, 3) as [number, number, number]), 1];
  if (content.style === 'paper') {
    return { background: hex(PAPER), text: hex(INK), muted: rgba(INK, 0.62), mark: hex(solidAccent), panel: '#ffffff', accent: hex(solidAccent) };
  }
  // Light text on the accent, unless the accent is too light for it (a custom pastel accent).
  const ink = contrastRatio(WHITE, solidAccent) >= 3 ? WHITE : INK;
  return { background: hex(solidAccent), text: hex(ink), muted: rgba(ink, 0.78), mark: rgba(ink, 0.22), panel: rgba(ink === WHITE ? INK : WHITE, 0.14), accent: hex(ink) };
}

// Sizes are content-box: a width or height excludes the padding.
const div = (style: CoverNode['props']['style'], children?: CoverNode['props']['children']): CoverNode => ({ type: 'div', props: { style, ...(children === undefined ? {} : { children }) } });

/**
 * The cover as a satori element tree: 900 × 383, the account, title, subtitle and date inside the
 * centre square (what the 1:1 crop keeps), the category tags on the left wing and the day of the
 * date on the right.
 *
 * @param fontFamily - The `font-family` list naming every font loaded (see `coverFonts`).
 * @example
 * coverTree(coverContent(digest, '#16a', 'solid'), 'wd-cover-latin') // → { type: 'div', props: { style: { width: 900, height: 383, … }, children: [ … ] } }
 */
export function coverTree(content: CoverContent, fontFamily: string): CoverNode {
  const { width, height, square, padding } = COVER_LAYOUT;
  const colours = palette(content);
  const wing = (width - square) / 2;
  const inner = square - 2 * padding;

  const top = content.account ?? '';
  const bottom = content.date ?? '';
  const subtitleSize = 17;
  const subtitleHeight = content.subtitle ? Math.ceil(subtitleSize * 1.4 * 2) + 10 : 0;
  // Above the title: the account (22) and the rule (3) 10 apart; below: the date (22); 18 between the blocks.
  const titleHeight = square - 2 * padding - 35 - 22 - 2 * 18 - subtitleHeight;
  const title = fitTitle(content.title, inner, titleHeight);

  const tags = content.tags.slice(0, COVER_LAYOUT.maxTags);
  const more = content.tags.length - tags.length;
  const left = div(
    { width: Math.floor(wing) - 44, height, flexShrink: 0, display: 'flex', flexDirection: 'column', justifyContent: 'center', alignItems: 'flex-end', padding: '0 22px', gap: 10 },
    [...tags, ...(more > 0 ? [`+${more}`] : [])].map((tag) =>
      div({ display: 'block', fontSize: 15, color: colours.accent, border: `1.5px solid ${colours.mark}`, borderRadius: 4, padding: '3px 10px', maxWidth: Math.floor(wing) - 44, overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis' }, tag),
    ),
  );

  // The right wing: the day of the date, large; without a date, the number of items.
  const [big, small] = content.date ? [content.date.slice(8, 10), `${content.date.slice(0, 4)}.${content.date.slice(5, 7)}`] : [String(content.items), content.itemsLabel];
  const right = div(
    { width: Math.ceil(wing) - 52, height, flexShrink: 0, display: 'flex', flexDirection: 'column', justifyContent: 'center', alignItems: 'flex-start', padding: '0 26px' },
    content.items > 0 || content.date
      ? [div({ fontSize: 104, fontWeight: 700, lineHeight: 1, color: colours.mark }, big), div({ fontSize: 20, fontWeight: 700, color: colours.mark, marginTop: 6, letterSpacing: 2 }, small)]
      : [],
  );

  const rule = div({ width: 36, height: 3, background: colours.accent, borderRadius: 2 });
  const centre = div(
    {
      width: square - 2 * padding,
      height: height - 2 * padding,
      flexShrink: 0,
      display: 'flex',
      flexDirection: 'column',
      justifyContent: 'space-between',
      padding,
      background: colours.panel,
      ...(content.style === 'paper' ? { borderLeft: `1px solid ${rgba(INK, 0.08)}`, borderRight: `1px solid ${rgba(INK, 0.08)}` } : {}),
    },
    [
      div({ display: 'flex', flexDirection: 'column', flexShrink: 0, gap: 10, height: 35 }, [div({ display: 'block', fontSize: 16, color: colours.muted, letterSpacing: 1, height: 22, overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis' }, top), rule]),
      div({ display: 'flex', flexDirection: 'column', gap: 10, maxHeight: titleHeight + subtitleHeight, overflow: 'hidden' }, [
        div({ display: 'block', fontSize: title.size, fontWeight: 700, lineHeight: COVER_LAYOUT.titleLineHeight, color: colours.text, lineClamp: title.lines, wordBreak: 'break-word' }, title.text),
        ...(content.subtitle ? [div({ display: 'block', fontSize: subtitleSize, lineHeight: 1.4, color: colours.muted, lineClamp: 2 }, content.subtitle)] : []),
      ]),
      div({ display: 'block', flexShrink: 0, fontSize: 16, color: colours.muted, height: 22, letterSpacing: 1 }, bottom),
    ],
  );

  return div({ width, height, display: 'flex', flexDirection: 'row', background: colours.background, fontFamily }, [left, centre, right]);
}
