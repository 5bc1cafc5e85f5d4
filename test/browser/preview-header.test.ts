// The preview page's sticky header on a phone: at 375 px it stays compact in light and in dark
// mode (where the recolour switch appears), with Copy for WeChat on screen. Screenshots of the
// top of the page go to test/browser/out/ (look at them). And a page written away from its digest
// still shows the digest's local images.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewPage, renderDigest } from '../../src/index.js';
import { arxivDaily } from '../helpers.js';
import { runCli } from '../support/cli.js';
import { tempFolders } from '../support/temp.js';
import { launchChromium, OUT } from './browser.js';

let context: BrowserContext;
let close: () => Promise<void>;
let url: string;

/** The tallest the header may be at 375 px: two rows of controls (it was 155 px light, 200 px dark). */
const MAX_HEADER_PX = 96;

beforeAll(async () => {
  ({ context, close } = await launchChromium({ width: 375, height: 740 }));
  const path = join(OUT, 'header.page.html');
  writeFileSync(path, previewPage(renderDigest(arxivDaily()), { source: 'examples/arxiv-daily.json' }));
  url = pathToFileURL(path).href;
}, 60_000);

afterAll(async () => {
  await close?.();
});

describe('the preview header at 375 px', () => {
  it('is compact and the same height in light and dark mode, every control on screen', async () => {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('html[data-ready="true"]');
    const heights: Record<string, number> = {};
    for (const mode of ['light', 'dark'] as const) {
      await page.click(`button[data-mode="${mode}"]`);
      const bar = (await page.locator('header.bar').boundingBox())!;
      heights[mode] = bar.height;
      expect(bar.height, mode).toBeLessThanOrEqual(MAX_HEADER_PX);
      for (const selector of ['#copy', 'button[data-mode="light"]', 'button[data-mode="dark"]', '#count', '#finding-count', ...(mode === 'dark' ? ['.recolour'] : [])]) {
        const box = (await page.locator(selector).boundingBox())!;
        expect(box, `${mode} ${selector}`).not.toBeNull();
        expect(box.x, `${mode} ${selector}`).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, `${mode} ${selector}`).toBeLessThanOrEqual(375);
        expect(box.y + box.height, `${mode} ${selector}`).toBeLessThanOrEqual(bar.y + bar.height);
      }
      // No control overlaps another.
      const boxes = await page.$$eval('header.bar :is(h1, #count, #finding-count, .switch, .recolour, #copy)', (els) => els
        .map((el) => el.getBoundingClientRect())
        .filter((r) => r.width > 0)
        .map((r) => ({ x: r.x, y: r.y, right: r.right, bottom: r.bottom })));
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i], boxes[j]];
          const overlap = a.x < b.right - 0.5 && b.x < a.right - 0.5 && a.y < b.bottom - 0.5 && b.y < a.bottom - 0.5;
          expect(overlap, `${mode}: ${JSON.stringify(a)} and ${JSON.stringify(b)}`).toBe(false);
        }
      }
      await page.screenshot({ path: join(OUT, `header-375-${mode}.png`), clip: { x: 0, y: 0, width: 375, height: 240 } });
    }
    expect(heights.dark).toBe(heights.light);
    await page.close();
  });
});

describe('a preview page written in another folder', () => {
  const tempDir = tempFolders('wd-page-');

  it('loads the digest\u2019s local images, in light and in dark mode', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'posts'));
    cpSync(new URL('../fixtures/images/figure.png', import.meta.url), join(dir, 'posts', 'figure.png'));
    const digest = { title: 'Figures', sections: [{ items: [{ title: 'A', images: [{ src: 'figure.png', caption: 'local' }], body: 'Inline ![chart](figure.png)' }] }] };
    writeFileSync(join(dir, 'posts', 'digest.json'), JSON.stringify(digest));
    expect((await runCli(['preview', 'posts/digest.json', '-o', 'site/pages/week.html'], { cwd: dir })).code).toBe(0);
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(dir, 'site', 'pages', 'week.html')).href);
    await page.waitForSelector('html[data-ready="true"]');
    const loaded = () => page.$$eval('[data-article] img', (imgs) => imgs.map((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0));
    await page.waitForFunction(() => [...document.querySelectorAll('[data-article] img')].every((i) => (i as HTMLImageElement).complete));
    expect(await loaded()).toEqual([true, true, true, true]);
    // Dark mode draws the article again from the page's data: the images still load.
    await page.click('button[data-mode="dark"]');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-article] img')].every((i) => (i as HTMLImageElement).complete));
    expect(await loaded()).toEqual([true, true, true, true]);
    await page.close();
  });
});
