// The live preview in Chromium: `wechat-digest preview digest.json --watch` serves the page on
// 127.0.0.1; the file is edited and the page follows, keeping its scroll position; an error shows
// in the page with its field path, the last good render one click away; the look switches
// re-render the article; local images load from the digest's folder.
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDigest, type DigestInput } from '../../src/index.js';
import { arxivDaily } from '../helpers.js';
import { startLivePreview, type LivePreview } from '../support/live.js';
import { launchChromium, OUT } from './browser.js';

let context: BrowserContext;
let close: () => Promise<void>;
let dir: string;
let live: LivePreview;
const requests: string[] = [];

/** The reference digest with a local image in its first item. */
function digest(title = 'Energy Transformer'): DigestInput {
  const d = arxivDaily() as DigestInput;
  const first = d.sections[0].items![0];
  d.sections[0].items![0] = { ...first, title, images: [{ src: 'figure.png', caption: 'a local figure' }] };
  return d;
}

function save(data: unknown): void {
  // Written to a temporary file and renamed into place, as many editors save.
  writeFileSync(join(dir, '.digest.json.swp'), typeof data === 'string' ? data : JSON.stringify(data, null, 2));
  renameSync(join(dir, '.digest.json.swp'), join(dir, 'digest.json'));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wd-live-'));
  cpSync(new URL('../fixtures/images/figure.png', import.meta.url), join(dir, 'figure.png'));
  save(digest());
  live = await startLivePreview(['digest.json'], dir);
  ({ context, close } = await launchChromium({ width: 1280, height: 800 }));
  // Only the preview's own address: nothing leaves the machine.
  await context.route(/^https?:\/\//, (route) => {
    const url = route.request().url();
    requests.push(url);
    return url.startsWith(live.url) ? route.continue() : route.abort();
  });
}, 60_000);

afterAll(async () => {
  await close?.();
  expect(await live?.stop()).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});

/** Waits until the page has reloaded: its script marks a fresh document as connected again. */
async function reloaded(page: Page, change: () => void): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { stale: boolean }).stale = true;
  });
  change();
  await page.waitForFunction(() => !(window as unknown as { stale?: boolean }).stale && document.documentElement.dataset.live === 'connected', undefined, { timeout: 15_000 });
}

describe('preview --watch in Chromium', () => {
  it('prints its address on 127.0.0.1 and serves the page with the local image', async () => {
    expect(live.stdout()).toMatch(/^preview of digest\.json: http:\/\/127\.0\.0\.1:\d+\/ \(Ctrl\+C stops\)\n\d\d:\d\d:\d\d rendered digest\.json: [\d,]+ characters, \d+ errors?, \d+ warnings?\n$/);
    const page = await context.newPage();
    await page.goto(live.url);
    await page.waitForSelector('html[data-live="connected"]');
    expect(await page.textContent('.phone [data-article] h3')).toContain('Energy Transformer');
    const sizes = await page.$$eval('.phone [data-article] img', (imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
    expect(sizes.length).toBeGreaterThan(0);
    expect(sizes.every((w) => w > 0)).toBe(true);
    await page.close();
  });

  it('re-renders on save and reloads the page at the same scroll position', async () => {
    const page = await context.newPage();
    await page.goto(live.url);
    await page.waitForSelector('html[data-live="connected"]');
    await page.evaluate(() => window.scrollTo(0, 1500));
    await reloaded(page, () => save(digest('Energy Transformer, edited')));
    expect(await page.textContent('.phone [data-article] h3')).toContain('Energy Transformer, edited');
    expect(await page.evaluate(() => window.scrollY)).toBe(1500);
    // Dark mode stays dark across a save.
    await page.click('button[data-mode="dark"]');
    await reloaded(page, () => save(digest('Energy Transformer, edited')));
    expect(await page.getAttribute('html', 'data-mode')).toBe('dark');
    expect(await page.evaluate(() => window.scrollY)).toBe(1500);
    await page.click('button[data-mode="light"]');
    // The page's data is the new render, exactly.
    const data = JSON.parse((await page.textContent('#wd-data'))!) as { html: string };
    expect(data.html).toBe(renderDigest(digest('Energy Transformer, edited')).html);
    await page.screenshot({ path: join(OUT, 'live-after-save.png') });
    await page.close();
  });

  it('shows an error with its field path, keeps the last good render one click away, and recovers', async () => {
    const page = await context.newPage();
    await page.goto(live.url);
    await page.waitForSelector('html[data-live="connected"]');
    const broken = digest('Energy Transformer, edited') as unknown as { sections: { items: { title: unknown }[] }[] };
    broken.sections[0].items[1].title = 42;
    await reloaded(page, () => save(broken));
    expect(await page.getAttribute('html', 'data-state')).toBe('error');
    expect(await page.$$eval('.problems li', (lis) => lis.map((li) => li.textContent))).toEqual(['sections[0].items[1].title expected string, received number']);
    expect(await page.textContent('.where')).toBe('sections[0].items[1].title');
    await page.screenshot({ path: join(OUT, 'live-error.png') });
    // One click: the last good render, marked as such, with the way back to the error.
    await page.click('#last-good');
    await page.waitForSelector('.stale');
    expect(await page.textContent('.phone [data-article] h3')).toContain('Energy Transformer, edited');
    expect(await page.textContent('.stale')).toContain('This is the last good render.');
    await page.click('#to-error');
    await page.waitForSelector('html[data-state="error"]');
    // Fixed: the article is back.
    await reloaded(page, () => save(digest('Energy Transformer, fixed')));
    expect(await page.getAttribute('html', 'data-state')).toBeNull();
    expect(await page.textContent('.phone [data-article] h3')).toContain('Energy Transformer, fixed');
    // A syntax error names its line.
    await reloaded(page, () => save('{\n  "title": "x",\n  sections: []\n}\n'));
    expect(await page.textContent('.error .summary')).toMatch(/digest\.json: not valid JSON at line 3, column 3/);
    await reloaded(page, () => save(digest('Energy Transformer, fixed')));
    await page.close();
  });

  it('switches theme, accent and font size in the page', async () => {
    const page = await context.newPage();
    await page.goto(live.url);
    await page.waitForSelector('html[data-live="connected"]');
    const current = digest('Energy Transformer, fixed');
    const shown = async () => (JSON.parse((await page.textContent('#wd-data'))!) as { html: string }).html;
    expect(await shown()).toBe(renderDigest(current).html);
    await page.evaluate(() => window.scrollTo(0, 900));
    await reloaded(page, () => void page.selectOption('select[name=theme]', 'modern'));
    expect(new URL(page.url()).searchParams.get('theme')).toBe('modern');
    expect(await shown()).toBe(renderDigest(current, { theme: 'modern' }).html);
    expect(await page.evaluate(() => window.scrollY)).toBe(900);
    await reloaded(page, () => void page.selectOption('select[name=fontSize]', '16'));
    expect(await shown()).toBe(renderDigest(current, { theme: 'modern', fontSize: 16 }).html);
    await reloaded(page, () => void page.$eval('#accent-picker', (input) => {
      (input as HTMLInputElement).value = '#0f766e';
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }));
    expect(await shown()).toBe(renderDigest(current, { theme: 'modern', fontSize: 16, accent: '#0f766e' }).html);
    expect(await shown()).not.toBe(renderDigest(current, { theme: 'modern', fontSize: 16 }).html);
    // A save keeps the look chosen.
    await reloaded(page, () => save(digest('Energy Transformer, restyled')));
    expect(await shown()).toBe(renderDigest(digest('Energy Transformer, restyled'), { theme: 'modern', fontSize: 16, accent: '#0f766e' }).html);
    await page.click('#accent-reset');
    await page.waitForURL((url) => !url.searchParams.has('accent'));
    await page.waitForSelector('html[data-live="connected"]');
    expect(await shown()).toBe(renderDigest(digest('Energy Transformer, restyled'), { theme: 'modern', fontSize: 16 }).html);
    await page.screenshot({ path: join(OUT, 'live-modern.png') });
    await page.close();
    expect(requests.every((url) => url.startsWith(live.url))).toBe(true);
  });
});

describe('the live server', () => {
  it('serves images from the digest\u2019s folder only, and nothing else', async () => {
    const ok = await fetch(`${live.url}figure.png`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await ok.arrayBuffer()).equals(readFileSync(join(dir, 'figure.png')))).toBe(true);
    for (const path of ['digest.json', '%2e%2e/%2e%2e/etc/passwd', '..%2fetc%2fhostname.png', '.digest.png', 'missing.png']) {
      expect((await fetch(`${live.url}${path}`)).status, path).toBe(404);
    }
    expect((await fetch(live.url, { method: 'POST' })).status).toBe(405);
  });
});
