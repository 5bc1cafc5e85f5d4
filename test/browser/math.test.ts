// Math in Chromium: the math fixture in the preview page at 375 px, light and dark
// (screenshots in test/browser/out/math-*.png; look at them), what the reader's dark mode does
// to drawn and written formulas, the layout of display math, and a paste into an editable
// element that keeps every drawing.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { imageSize } from 'image-size';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewPage, renderDigest, type DigestInput, type RenderResult } from '../../src/index.js';
import { launchChromium, OUT } from './browser.js';

const digest: DigestInput = JSON.parse(readFileSync(new URL('../fixtures/digests/math.json', import.meta.url), 'utf8'));
let context: BrowserContext;
let close: () => Promise<void>;
let result: RenderResult;
let pageUrl: string;

function writePage(name: string, html: string): string {
  const path = join(OUT, name);
  writeFileSync(path, html);
  return pathToFileURL(path).href;
}

beforeAll(async () => {
  ({ context, close } = await launchChromium({ width: 375, height: 800 }));
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await context.route(/^https?:\/\//, (route) => route.abort());
  result = renderDigest(digest);
  pageUrl = writePage('math.page.html', previewPage(result, { source: 'math.json' }));
  writePage('math-editor.html', '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>editor</title></head><body><div id="editor" contenteditable="true" style="width:677px;min-height:200px"></div></body></html>');
}, 60_000);

afterAll(async () => {
  await close?.();
});

async function open(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(pageUrl);
  await page.waitForSelector('html[data-ready="true"]');
  return page;
}

/** For every formula drawing: its colour, the colour of the text around it, and where it sits. */
function measure(page: Page) {
  return page.evaluate(() => {
    const article = document.querySelector('[data-article] > section')!;
    const column = article.getBoundingClientRect();
    return [...article.querySelectorAll('svg')].map((svg) => {
      const parent = svg.parentElement!;
      let box: Element | null = svg.parentElement;
      while (box && !/auto|scroll/.test(getComputedStyle(box).overflowX)) box = box.parentElement === article ? null : box.parentElement;
      const r = svg.getBoundingClientRect();
      const path = svg.querySelector('path');
      return {
        fill: path ? getComputedStyle(path).fill : '',
        colour: getComputedStyle(svg).color,
        around: getComputedStyle(parent).color,
        inScrollBox: Boolean(box),
        scrollBox: box ? { left: box.getBoundingClientRect().left, right: box.getBoundingClientRect().right, scrolls: box.scrollWidth > box.clientWidth } : undefined,
        left: r.left,
        right: r.right,
        width: r.width,
        height: r.height,
        column: { left: column.left, right: column.right },
      };
    });
  });
}

describe('math in Chromium at 375 px', () => {
  it('draws every SVG formula in the colour of its text, in light and in the reader\u2019s dark mode', async () => {
    const page = await open();
    for (const mode of ['light', 'dark']) {
      await page.click(`button[data-mode="${mode}"]`);
      const drawn = await measure(page);
      expect(drawn).toHaveLength(result.stats.math.svg);
      for (const d of drawn) {
        expect(d.width).toBeGreaterThan(10);
        expect(d.height).toBeGreaterThan(5);
        // currentColor: the fill is the text colour, whatever dark mode made of it.
        expect(d.fill).toBe(d.colour);
        expect(d.colour).toBe(d.around);
      }
      if (mode === 'dark') for (const d of drawn) expect(d.colour).not.toBe('rgb(51, 51, 51)');
    }
    await page.close();
  });

  it('centres display math, and a formula wider than the column scrolls inside its own box', async () => {
    const page = await open();
    const drawn = await measure(page);
    const wide = drawn.filter((d) => d.width > d.column.right - d.column.left);
    expect(wide.length).toBeGreaterThan(0);
    for (const d of drawn) {
      // Nothing spills out of the column: a wide drawing's box stays inside and scrolls.
      if (d.scrollBox) {
        expect(d.scrollBox.left).toBeGreaterThanOrEqual(d.column.left - 0.5);
        expect(d.scrollBox.right).toBeLessThanOrEqual(d.column.right + 0.5);
      } else {
        expect(d.right).toBeLessThanOrEqual(d.column.right + 0.5);
      }
    }
    for (const d of wide) expect(d.scrollBox?.scrolls).toBe(true);
    // The narrow display formulas sit in the middle of their box.
    for (const d of drawn.filter((x) => x.scrollBox && !x.scrollBox.scrolls)) {
      const middle = (d.left + d.right) / 2;
      const boxMiddle = (d.scrollBox!.left + d.scrollBox!.right) / 2;
      expect(Math.abs(middle - boxMiddle)).toBeLessThan(2);
    }
    await page.close();
  });

  it('writes a \\tag number as text at the right, on the line of its formula', async () => {
    const page = await open();
    const tag = await page.evaluate(() => {
      const label = [...document.querySelectorAll('[data-article] section, [data-article] span')].find((el) => el.textContent === '(1)')!;
      const line = label.previousElementSibling!;
      const a = label.getBoundingClientRect();
      const b = line.getBoundingClientRect();
      const text = document.createRange();
      text.selectNodeContents(label);
      const t = text.getBoundingClientRect();
      return { labelRight: t.right, lineRight: b.right, labelMiddle: (t.top + t.bottom) / 2, lineTop: b.top, lineBottom: b.bottom, overlaps: a.top < b.bottom };
    });
    expect(Math.abs(tag.labelRight - tag.lineRight)).toBeLessThan(2);
    expect(tag.labelMiddle).toBeGreaterThan(tag.lineTop);
    expect(tag.labelMiddle).toBeLessThan(tag.lineBottom);
    await page.close();
  });

  it('takes light and dark screenshots of the math fixture', async () => {
    const page = await open();
    const shots: Buffer[] = [];
    for (const mode of ['light', 'dark']) {
      await page.click(`button[data-mode="${mode}"]`);
      await page.evaluate(() => window.scrollTo(0, 0));
      const path = join(OUT, `math-${mode}.png`);
      const clip = await page.locator('.phone .screen').boundingBox();
      shots.push(await page.screenshot({ path, fullPage: true, clip: clip! }));
      expect(imageSize(readFileSync(path)).width).toBe(375);
    }
    expect(shots[0].equals(shots[1])).toBe(false);
    await page.close();
  });

  it('pasted into an editable element, every drawing arrives with its paths, viewBox and size', async () => {
    const preview = await open();
    await preview.click('#copy');
    await preview.waitForSelector('#copy[data-copied]');
    await preview.close();
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(OUT, 'math-editor.html')).href);
    await page.focus('#editor');
    await page.keyboard.press('Control+V');
    await page.waitForSelector('#editor svg');
    const pasted = await page.evaluate(() => [...document.querySelectorAll('#editor svg')].map((svg) => ({
      viewBox: svg.getAttribute('viewBox'),
      paths: [...svg.querySelectorAll('path')].map((p) => p.getAttribute('d')),
      width: svg.getBoundingClientRect().width,
      fill: getComputedStyle(svg.querySelector('path')!).fill,
      colour: getComputedStyle(svg).color,
    })));
    const sent = [...result.html.matchAll(/<svg viewBox="([^"]+)"[^>]*>(.*?)<\/svg>/g)].map((m) => ({
      viewBox: m[1],
      paths: [...m[2].matchAll(/ d="([^"]+)"/g)].map((p) => p[1]),
    }));
    expect(sent).toHaveLength(result.stats.math.svg);
    expect(pasted.map(({ viewBox, paths }) => ({ viewBox, paths }))).toEqual(sent);
    for (const p of pasted) {
      expect(p.width).toBeGreaterThan(10);
      expect(p.fill).toBe(p.colour);
    }
    // The formulas written as text arrive as text.
    const text = await page.textContent('#editor');
    expect(text).toContain('ℝ');
    expect(text).not.toMatch(/\$|\\[a-zA-Z]|\^\{/);
    await page.close();
  });
});
