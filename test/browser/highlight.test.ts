// Highlighted code in Chromium: a paste into an editable element keeps every token's colour,
// the line numbers are not copied with the code, long lines scroll inside the block, and
// screenshots at 375 px, light and reader-recoloured dark (written to test/browser/out/).
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { imageSize } from 'image-size';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDigest, type RenderOptions } from '../../src/index.js';
import { browserScript } from '../../src/preview/scripts.js';
import { codeDigest, codeSnippets } from '../helpers.js';
import { launchChromium, OUT } from './browser.js';

const SHOWCASE = ['rust', 'typescript', 'python', 'bash', 'diff', 'json'];
const FONTS = "-apple-system,'PingFang SC','Noto Sans CJK SC',sans-serif";

let context: BrowserContext;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ context, close } = await launchChromium({ width: 375, height: 800 }));
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await context.route(/^https?:\/\//, (route) => route.abort());
});

afterAll(async () => {
  await close?.();
});

/** A page with the article at phone width (light or recoloured dark) and an empty editor below. */
async function show(options: RenderOptions, mode: 'light' | 'dark' = 'light', languages = SHOWCASE): Promise<Page> {
  const { html } = renderDigest(codeDigest(languages), options);
  const page = await context.newPage();
  const dark = mode === 'dark';
  await page.setContent(
    `<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0;background:${dark ? '#191919' : '#fff'}">`
      + `<main id="article" style="width:343px;padding:20px 16px;font-family:${FONTS};color:${dark ? '#a3a3a3' : '#191919'}">${html}</main>`
      + `<div id="editor" contenteditable="true" style="width:343px;min-height:100px;font-family:${FONTS}"></div><textarea id="plain"></textarea></body></html>`,
  );
  if (dark) {
    await page.addScriptTag({ content: `${browserScript('reader')}\nreaderDarkmode.convertTree(document.querySelector('#article > section'));` });
  }
  return page;
}

/** Selects what `selector` holds and copies it, as a reader does with the keyboard. */
async function copy(page: Page, selector: string): Promise<void> {
  await page.evaluate((sel) => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector(sel)!);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
  }, selector);
  await page.keyboard.press('Control+C');
}

/**
 * The coloured runs of the code in `selector`: [computed colour, text without spaces], neighbours
 * of one colour joined. (Where a space sits at the edge of a run, inside or outside a span, does
 * not show; every other character must keep its colour.)
 */
function runsIn(selector: string): [string, string][] {
  const runs: [string, string][] = [];
  for (const code of document.querySelectorAll(`${selector} code`)) {
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const colour = getComputedStyle(n.parentElement!).color;
      const text = n.textContent!.replace(/\s+/g, '');
      if (!text) continue;
      const last = runs[runs.length - 1];
      if (last && last[0] === colour) last[1] += text;
      else runs.push([colour, text]);
    }
  }
  return runs;
}

describe('highlighted code in Chromium', () => {
  it('a paste into an editable element keeps the colour of every token', async () => {
    const page = await show({});
    const before = await page.evaluate(runsIn, '#article');
    expect(new Set(before.map(([c]) => c)).size).toBeGreaterThan(6);
    await copy(page, '#article');
    await page.click('#editor');
    await page.keyboard.press('Control+V');
    const after = await page.evaluate(runsIn, '#editor');
    expect(after).toEqual(before);
    await page.close();
  });

  it('copying a block with line numbers copies the code and not the numbers', async () => {
    const page = await show({ lineNumbers: true }, 'light', ['python']);
    await copy(page, '#article pre');
    // The plain text on the clipboard, as a text field receives it.
    await page.click('#plain');
    await page.keyboard.press('Control+V');
    const copied = await page.inputValue('#plain');
    const code = codeSnippets().find(([n]) => n === 'python')![1];
    const lines = (text: string) => text.replace(/\u00a0/g, ' ').split('\n').map((l) => l.trimEnd()).filter(Boolean);
    expect(lines(copied)).toEqual(lines(code));
    await page.close();
  });

  it('scrolls long lines inside the block, and the line numbers stand beside their lines', async () => {
    const page = await show({ lineNumbers: true, codeWindow: true }, 'light', ['typescript', 'python']);
    const boxes = await page.$$eval('#article pre', (pres) =>
      pres.map((pre) => {
        const code = pre.querySelector('code')!;
        const [numbers, lines] = [...code.children] as HTMLElement[];
        const n = numbers.getBoundingClientRect();
        const l = lines.getBoundingClientRect();
        return { preWidth: pre.getBoundingClientRect().width, scrolls: code.scrollWidth > code.clientWidth, sameTop: n.top === l.top, heights: [n.height, l.height], numbersLeft: n.right <= l.left };
      }));
    for (const box of boxes) {
      expect(box.preWidth).toBeLessThanOrEqual(343);
      expect(box.scrolls).toBe(true);
      expect(box.sameTop).toBe(true);
      expect(Math.abs(box.heights[0] - box.heights[1])).toBeLessThan(1);
      expect(box.numbersLeft).toBe(true);
    }
    await page.close();
  });

  it('takes screenshots at 375 px, light and dark, plain and with line numbers and window bars', async () => {
    for (const [name, options] of [['code', {}], ['code-numbered', { lineNumbers: true, codeWindow: true, theme: 'modern' }]] as [string, RenderOptions][]) {
      const shots: Buffer[] = [];
      for (const mode of ['light', 'dark'] as const) {
        const page = await show(options, mode);
        const path = join(OUT, `${name}-${mode}.png`);
        shots.push(await page.locator('#article').screenshot({ path }));
        const size = imageSize(readFileSync(path));
        expect(size.width, path).toBe(375);
        expect(size.height, path).toBeGreaterThan(1000);
        await page.close();
      }
      expect(shots[0].equals(shots[1])).toBe(false);
    }
  });
});
