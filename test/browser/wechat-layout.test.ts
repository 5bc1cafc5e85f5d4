// The WeChat transformations as a reader sees them: every fixture digest, in every built-in
// theme, laid out by Chromium in the 375 px column of a phone (343 px of text).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listThemes, renderDigest, type DigestInput } from '../../src/index.js';
import { launchChromium, OUT } from './browser.js';
import { readerStylesheet } from '../../src/wechat/policy.js';
import { arxivDaily, fixtureDigests, newsletterDigests } from '../helpers.js';

const DIGESTS: [string, DigestInput][] = [['arxiv-daily', arxivDaily()], ...fixtureDigests(), ...newsletterDigests()];
const NEWSLETTERS = new Set(newsletterDigests().map(([name]) => name));
const FONTS = "-apple-system,'PingFang SC','Noto Sans CJK SC',sans-serif";

let page: Page;
let close: () => Promise<void>;

beforeAll(async () => {
  const browser = await launchChromium({ width: 375, height: 800 });
  close = browser.close;
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  // Images are stand-ins of a known size; nothing else leaves the machine.
  await page.route('**/*', (route) =>
    route.request().resourceType() === 'image'
      ? route.fulfill({ contentType: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="600"><rect width="1200" height="600" fill="#9ab"/></svg>' })
      : route.abort(),
  );
});

afterAll(async () => {
  await close?.();
});

async function show(html: string): Promise<void> {
  await page.setContent(
    `<!doctype html><html><head><meta charset="utf-8"><style>${readerStylesheet('main')}</style></head><body style="margin:0">`
      + `<main style="box-sizing:border-box;width:375px;padding:20px 16px;font-family:${FONTS}">${html}</main></body></html>`,
    { waitUntil: 'load' },
  );
}

/** What the layout looks like (runs in the page; plain functions only). */
interface Layout {
  /** Elements that stick out of the column without a scrolling box around them. */
  overflowing: string[];
  /** Text in a code block broken over two lines (code must scroll, not wrap). */
  wrappedCode: string[];
  /** Tables outside a box that scrolls sideways. */
  unscrolledTables: number;
  /** Code blocks and tables wider than the column, and whether their box scrolls. */
  scrollers: { tag: string; scrolls: boolean }[];
  /** Blocks with footnote markers whose lines are not evenly spaced. */
  unevenLines: string[];
}

const measureLayout = `(() => {
  const root = document.querySelector('main > section');
  const column = document.querySelector('main').getBoundingClientRect();
  const right = column.right - 16;
  const scrollBox = (el) => {
    for (let n = el.parentElement; n && n !== root.parentElement; n = n.parentElement) {
      if (/auto|scroll/.test(getComputedStyle(n).overflowX)) return n;
    }
    return null;
  };
  const name = (el) => el.tagName.toLowerCase() + ' "' + (el.textContent || '').trim().slice(0, 30) + '"';
  const overflowing = [...root.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > right + 1 && !scrollBox(el)).map(name);
  const wrappedCode = [];
  const scrollers = [];
  for (const pre of root.querySelectorAll('pre')) {
    const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(t);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (tops.size > 1) wrappedCode.push(t.textContent.slice(0, 40));
    }
  }
  const width = right - column.left - 16;
  for (const el of root.querySelectorAll('pre, table')) {
    const parts = [el, ...el.querySelectorAll('*')];
    if (!parts.some((n) => n.scrollWidth > width + 1 || n.getBoundingClientRect().width > width + 1)) continue;
    const box = parts.find((n) => /auto|scroll/.test(getComputedStyle(n).overflowX)) || scrollBox(el);
    scrollers.push({ tag: el.tagName.toLowerCase(), scrolls: Boolean(box) && box.scrollWidth > box.clientWidth });
  }
  const unscrolledTables = [...root.querySelectorAll('table')].filter((t) => !scrollBox(t)).length;
  const unevenLines = [];
  for (const block of new Set([...root.querySelectorAll('sup')].map((s) => s.parentElement))) {
    const tops = [];
    // The block's own lines, and the lines of its bold runs (a label line where blocks share one).
    const own = [...block.childNodes].flatMap((n) => (n.nodeType === 1 && n.tagName === 'B' ? [...n.childNodes] : [n]));
    for (const t of own) {
      if (t.nodeType !== 3 || !t.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(t);
      for (const r of range.getClientRects()) tops.push(Math.round(r.top * 2) / 2);
    }
    const lines = [...new Set(tops)].sort((a, b) => a - b);
    const gaps = lines.slice(1).map((top, i) => top - lines[i]);
    if (gaps.some((g) => Math.abs(g - gaps[0]) > 1)) unevenLines.push(name(block) + ' ' + gaps.join(','));
  }
  return { overflowing, wrappedCode, unscrolledTables, scrollers, unevenLines };
})()`;

/** The left edge of the first occurrence of `text` in the article. */
async function leftOf(text: string): Promise<number> {
  return page.evaluate(`(() => {
    const walker = document.createTreeWalker(document.querySelector('main > section'), NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const at = t.textContent.indexOf(${JSON.stringify(text)});
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(t, at);
      range.setEnd(t, at + 1);
      return range.getBoundingClientRect().left;
    }
    return NaN;
  })()`);
}

/** The computed font size, in pixels, of the element holding the first occurrence of `text`. */
async function fontSizeOf(text: string): Promise<number> {
  return page.evaluate(`(() => {
    const walker = document.createTreeWalker(document.querySelector('main > section'), NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (t.textContent.includes(${JSON.stringify(text)})) return parseFloat(getComputedStyle(t.parentElement).fontSize);
    }
    return NaN;
  })()`);
}

describe.each(listThemes().map((t) => t.id))('theme %s at 375 px', (theme) => {
  for (const [name, digest] of DIGESTS) {
    it(`${name}: nothing sticks out, code scrolls instead of wrapping, tables scroll, footnoted lines evenly spaced`, async () => {
      await show(renderDigest(digest, { theme }).html);
      // The newsletters in the default theme, to look at (test/browser/out/layout-*.png).
      if (theme === 'classic' && NEWSLETTERS.has(name)) await page.screenshot({ path: `${OUT}layout-${name}.png`, fullPage: true });
      const layout = (await page.evaluate(measureLayout)) as Layout;
      expect(layout.overflowing).toEqual([]);
      expect(layout.wrappedCode).toEqual([]);
      expect(layout.unscrolledTables).toBe(0);
      for (const s of layout.scrollers) expect(s, `a ${s.tag} wider than the column`).toEqual({ tag: s.tag, scrolls: true });
      expect(layout.unevenLines).toEqual([]);
    });
  }

  it('markdown-blocks: the long code line and the wide table do scroll', async () => {
    await show(renderDigest(Object.fromEntries(DIGESTS)['markdown-blocks'], { theme }).html);
    const layout = (await page.evaluate(measureLayout)) as Layout;
    expect(layout.scrollers.map((s) => s.tag).sort()).toEqual(expect.arrayContaining(['pre', 'table']));
  });

  it('markdown-blocks: nested lists indent level by level, and a second paragraph lines up with its item', async () => {
    await show(renderDigest(Object.fromEntries(DIGESTS)['markdown-blocks'], { theme }).html);
    // Tolerances in ems of the list's own font size, so they hold whatever font the browser picks:
    // an indentation step is at least half an em; glyph metrics (a marker's width, kerning after
    // it) move text by less than a tenth of an em.
    const em = await fontSizeOf('Apples');
    const step = 0.5 * em;
    const same = 0.1 * em;
    const [fruit, apples, green, granny, pears, vegetables] = await Promise.all(['Fruit', 'Apples', 'Green', 'Granny Smith', 'Pears', 'Vegetables'].map(leftOf));
    expect(apples - fruit).toBeGreaterThan(step);
    expect(green - apples).toBeGreaterThan(step);
    expect(granny - green).toBeGreaterThan(step);
    expect(Math.abs(pears - apples)).toBeLessThan(same);
    expect(Math.abs(vegetables - fruit)).toBeLessThan(same);
    const [second, secondA] = await Promise.all(['Second', 'Second, a'].map(leftOf));
    expect(secondA - second).toBeGreaterThan(step);
    const [item, itsSecond] = await Promise.all(['An item with two paragraphs', 'Its second paragraph'].map(leftOf));
    // Aligned with the item's text (the marker is about, not exactly, as wide as the indent), not pulled under the marker.
    expect(Math.abs(itsSecond - item)).toBeLessThan(0.25 * em);
  });
});
