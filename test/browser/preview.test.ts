// The preview page in Chromium: opened from its file, Copy for WeChat read back from the
// clipboard, pasted into an editable element, the dark switch, and screenshots at 375 px
// (written to test/browser/out/; look at them).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { imageSize } from 'image-size';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReaderDarkmode, previewPage, renderDigest, type DigestInput, type RenderResult } from '../../src/index.js';
import { arxivDaily } from '../helpers.js';
import { launchChromium, OUT } from './browser.js';

const paste: DigestInput = JSON.parse(readFileSync(new URL('../fixtures/cli/paste.json', import.meta.url), 'utf8'));
const pages: Record<string, { result: RenderResult; url: string }> = {};
let context: BrowserContext;
let close: () => Promise<void>;
const network: string[] = [];

/** Writes a page into OUT and returns its file URL. */
function writePage(name: string, html: string): string {
  const path = join(OUT, name);
  writeFileSync(path, html);
  return pathToFileURL(path).href;
}

beforeAll(async () => {
  ({ context, close } = await launchChromium());
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // The page must need no network; the article's own images would load from their URLs.
  await context.route(/^https?:\/\//, (route) => {
    network.push(route.request().url());
    return route.abort();
  });
  for (const [name, digest] of [['paste', paste], ['arxiv-daily', arxivDaily()]] as const) {
    const result = renderDigest(digest);
    pages[name] = { result, url: writePage(`${name}.page.html`, previewPage(result, { source: `${name}.json` })) };
  }
  writePage('editor.html', '<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>editor</title></head><body><div id="editor" contenteditable="true" style="width:677px;min-height:200px"></div></body></html>');
}, 60_000);

afterAll(async () => {
  await close?.();
});

/** Opens a preview page and waits for its script; fails on any page error. */
async function open(name: string, setup?: (page: Page) => Promise<void>): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await setup?.(page);
  await page.goto(pages[name].url);
  await page.waitForSelector('html[data-ready="true"]');
  return { page, errors };
}

/** What the clipboard holds, as a page reads it. */
async function readClipboard(page: Page): Promise<{ types: string[]; html: string; text: string }> {
  return page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    return {
      types: [...item.types].sort(),
      html: await (await item.getType('text/html')).text(),
      text: await (await item.getType('text/plain')).text(),
    };
  });
}

/** Chromium may put `<meta charset="utf-8">` before the HTML it hands out; the fragment follows. */
function withoutMeta(html: string): string {
  const meta = /^<meta charset=["']?utf-8["']?>/i.exec(html);
  return meta ? html.slice(meta[0].length) : html;
}

async function clickCopy(page: Page): Promise<string> {
  await page.click('#copy');
  await page.waitForSelector('#copy[data-copied]');
  return page.getAttribute('#copy', 'data-copied') as Promise<string>;
}

describe('the preview page in Chromium', () => {
  it('opens from its file, runs its script, and asks nothing of the network', async () => {
    const requests: string[] = [];
    const { page, errors } = await open('arxiv-daily', async (p) => {
      p.on('request', (r) => requests.push(r.url()));
    });
    expect(errors).toEqual([]);
    expect(requests).toEqual([pages['arxiv-daily'].url]);
    const { characters } = pages['arxiv-daily'].result.stats;
    expect(await page.textContent('#count')).toBe(`${characters.toLocaleString('en')} / 20,000 characters`);
    expect(await page.locator('[data-article] > section').count()).toBe(2);
    await page.close();
  });

  it('Copy for WeChat puts the exact fragment on the clipboard as text/html, and the text as text/plain', async () => {
    const { page, errors } = await open('paste');
    await page.evaluate(() => navigator.clipboard.writeText('something else'));
    expect(await clickCopy(page)).toBe('clipboard');
    const { result } = pages.paste;
    expect(await page.textContent('#status')).toBe(`Copied ${result.html.length.toLocaleString('en')} characters: paste into the WeChat editor.`);
    expect(await page.getAttribute('#status', 'data-state')).toBe('ok');
    const clipboard = await readClipboard(page);
    expect(clipboard.types).toEqual(['text/html', 'text/plain']);
    expect(withoutMeta(clipboard.html)).toBe(result.html);
    expect(clipboard.text).toBe(result.text);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('pasted into an editable element, the styled structure arrives intact', async () => {
    const { page: preview } = await open('paste');
    await clickCopy(preview);
    await preview.close();
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(OUT, 'editor.html')).href);
    await page.focus('#editor');
    await page.keyboard.press('Control+V');
    await page.waitForSelector('#editor > section');
    const { result } = pages.paste;
    const arrived = await page.evaluate((fragment) => {
      const editor = document.querySelector('#editor')!;
      // The same fragment set into the page beside the editor, to compare what the paste kept.
      const reference = document.createElement('div');
      reference.style.width = '677px';
      reference.innerHTML = fragment;
      document.body.append(reference);
      // Chromium's paste rewrites some style attributes (drops what the element inherits anyway),
      // so the comparison is of what each element looks like, not of its markup.
      const looks = ['color', 'background-color', 'font-size', 'font-weight', 'font-style', 'line-height', 'margin', 'padding', 'border', 'text-align', 'text-indent', 'display', 'white-space'];
      const shape = (root: Element) => [root, ...root.querySelectorAll('*')].map((el) => {
        const style = getComputedStyle(el);
        return {
          tag: el.tagName,
          href: el.getAttribute('href'),
          text: [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join(''),
          looks: looks.map((p) => style.getPropertyValue(p)).join('; '),
        };
      });
      const texts = (selector: string) => [...editor.querySelectorAll(selector)].map((el) => el.textContent ?? '');
      return {
        pastedShape: shape(editor.firstElementChild!),
        referenceShape: shape(reference.firstElementChild!),
        elements: editor.querySelectorAll('*').length,
        headings: texts('h3'),
        markers: texts('sup'),
        links: [...editor.querySelectorAll('a')].map((a) => a.getAttribute('href')),
        text: (editor as HTMLElement).innerText,
      };
    }, result.html);
    expect(arrived.pastedShape).toEqual(arrived.referenceShape);
    expect(arrived.elements).toBeGreaterThan(40);
    // Item headings, in order, each with its title.
    const titles = paste.sections.flatMap((s) => (s.items ?? []).map((i) => i.title!));
    expect(arrived.headings).toHaveLength(titles.length);
    titles.forEach((title, i) => expect(arrived.headings[i]).toContain(title));
    // Key points, the one-line summaries, the footnote markers and the references they point to.
    let at = -1;
    for (const part of [...(paste.sections[0].items![0].points as string[]), paste.sections[0].items![0].oneLiner!]) {
      const next = arrived.text.indexOf(part, at + 1);
      expect(next, part).toBeGreaterThan(at);
      at = next;
    }
    expect(arrived.markers).toEqual(['[1]', '[2]']);
    expect(arrived.text).toMatch(/\[1\] arXiv(: |：)https:\/\/arxiv\.org\/list\/cs\.LG\/recent/);
    expect(arrived.text).toMatch(/\[2\] tensor2tensor(: |：)https:\/\/github\.com\/tensorflow\/tensor2tensor/);
    // The footer: end mark, comment block, free text with the one link WeChat keeps.
    expect(arrived.text).toContain('正文完');
    expect(arrived.text).toContain(paste.footer!.comments as string);
    expect(arrived.links).toEqual(['https://mp.weixin.qq.com/s/abc123']);
    await page.close();
  });

  it('falls back to a selection and execCommand when the async clipboard API is missing or refused', async () => {
    const { result } = pages.paste;
    const setups: [string, (page: Page) => Promise<void>][] = [
      ['no ClipboardItem', async (page) => {
        await page.addInitScript(() => Object.defineProperty(window, 'ClipboardItem', { value: undefined, configurable: true }));
      }],
      ['write() refused', async (page) => {
        await page.addInitScript(() => {
          navigator.clipboard.write = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
        });
      }],
    ];
    for (const [name, setup] of setups) {
      const { page, errors } = await open('paste', setup);
      await page.evaluate(() => navigator.clipboard.writeText('something else'));
      expect(await clickCopy(page), name).toBe('selection');
      expect(await page.textContent('#status'), name).toMatch(/^Copied /);
      const clipboard = await readClipboard(page);
      expect(withoutMeta(clipboard.html), name).toBe(result.html);
      expect(clipboard.text, name).toBe(result.text);
      // The hidden editable copy is gone again.
      expect(await page.locator('body > div[contenteditable]').count(), name).toBe(0);
      expect(errors, name).toEqual([]);
      await page.close();
    }
  });

  it('dark shows the article on #191919, recoloured as the reader does; light restores it', async () => {
    const dm = createReaderDarkmode();
    const { page, errors } = await open('paste');
    const root = '.phone [data-article] > section';
    const light = await page.$eval(root, (el) => ({ color: getComputedStyle(el).color, html: el.parentElement!.innerHTML }));
    const lightBackgrounds = await page.$$eval(`${root} [style*="background"]`, (els) => els.map((el) => getComputedStyle(el).backgroundColor));
    await page.click('button[data-mode="dark"]');
    expect(await page.getAttribute('html', 'data-mode')).toBe('dark');
    expect(await page.getAttribute('button[data-mode="dark"]', 'aria-pressed')).toBe('true');
    expect(await page.$eval('.phone .screen', (el) => getComputedStyle(el).backgroundColor)).toBe('rgb(25, 25, 25)');
    expect(Number(await page.getAttribute('html', 'data-recoloured'))).toBeGreaterThan(0);
    // The root text colour and every background that sits on the page, as the algorithm says.
    expect(await page.$eval(root, (el) => getComputedStyle(el).color)).toBe(dm.format(dm.text(dm.parse(light.color)!)));
    const darkBackgrounds = await page.$$eval(`${root} [style*="background"]`, (els) => els.map((el) => getComputedStyle(el).backgroundColor));
    expect(darkBackgrounds).toEqual(lightBackgrounds.map((c) => dm.format(dm.background(dm.parse(c)!))));
    // Unticked: the author's own colours on the dark page.
    await page.click('#recolour');
    expect(await page.$eval(root, (el) => getComputedStyle(el).color)).toBe(light.color);
    expect(await page.$eval('.phone .screen', (el) => getComputedStyle(el).backgroundColor)).toBe('rgb(25, 25, 25)');
    await page.click('#recolour');
    await page.click('button[data-mode="light"]');
    expect(await page.$eval(root, (el) => el.parentElement!.innerHTML)).toBe(light.html);
    expect(await page.$eval('.phone .screen', (el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 255, 255)');
    // Copy in dark mode still copies the light fragment.
    await page.click('button[data-mode="dark"]');
    await clickCopy(page);
    expect(withoutMeta((await readClipboard(page)).html)).toBe(pages.paste.result.html);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits a phone: at a 375 px viewport the Copy button and the whole phone screen are on screen', async () => {
    const { page } = await open('paste');
    await page.setViewportSize({ width: 375, height: 740 });
    const box = await page.locator('#copy').boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(375);
    expect(box!.y + box!.height).toBeLessThanOrEqual(740);
    // The phone screen fills the viewport, none of it cut off.
    expect(await page.locator('.phone .screen').boundingBox()).toMatchObject({ x: 0, width: 375 });
    await page.close();
  });

  it('takes light and dark screenshots at 375 px', async () => {
    for (const name of ['paste', 'arxiv-daily']) {
      const { page } = await open(name);
      const shots: Buffer[] = [];
      for (const mode of ['light', 'dark']) {
        await page.click(`button[data-mode="${mode}"]`);
        const path = join(OUT, `${name}-${mode}.png`);
        // A full-page shot clipped to the phone screen: the sticky toolbar stays at the top.
        await page.evaluate(() => window.scrollTo(0, 0));
        const clip = await page.locator('.phone .screen').boundingBox();
        shots.push(await page.screenshot({ path, fullPage: true, clip: clip! }));
        const size = imageSize(readFileSync(path));
        expect(size.width, path).toBe(375);
        expect(size.height, path).toBeGreaterThan(1000);
      }
      expect(shots[0].equals(shots[1])).toBe(false);
      await page.close();
    }
    // Neither digest has images: nothing at all was asked of the network.
    expect(pages.paste.result.stats.images + pages['arxiv-daily'].result.stats.images).toBe(0);
    expect(network).toEqual([]);
  });
});
