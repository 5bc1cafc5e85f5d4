// Renders examples/arxiv-daily.json in every built-in theme and photographs it in Chromium at
// phone width (375 px), light and dark, into docs/themes/<id>-light.png and <id>-dark.png.
// Dark: the article on the reader's #191919 page, recoloured by createReaderDarkmode
// (src/wechat/reader/, bundled as the `reader` browser script), a re-implementation of the WeChat reader's dark-mode algorithm.
// Run: npm run screenshots  (needs Chromium; CHROMIUM=/path/to/chrome to use another one).
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { listThemes, renderDigest } from '../src/index.js';
import { browserScript } from '../src/preview/scripts.js';
import { readerStylesheet } from '../src/wechat/policy.js';

const WIDTH = 375;
const CLIP_HEIGHT = 1600;
const FONTS = "-apple-system,BlinkMacSystemFont,'PingFang SC','Hiragino Sans GB','Microsoft YaHei UI','Noto Sans CJK SC',sans-serif";
const root = new URL('../', import.meta.url);
const outDir = new URL('docs/themes/', root);
const digest = JSON.parse(readFileSync(new URL('examples/arxiv-daily.json', root), 'utf8'));

/** The reader's page: the article column with the reader's padding, on white or on #191919. */
function page(html, dark) {
  return `<!doctype html><html lang="zh"><head><meta charset="utf-8"><style>${readerStylesheet('main')}</style></head><body style="margin:0;background:${dark ? '#191919' : '#fff'}">`
    + `<main style="box-sizing:border-box;width:${WIDTH}px;padding:20px 16px;font-family:${FONTS};color:${dark ? '#a3a3a3' : '#191919'}">${html}</main></body></html>`;
}

// Recolours the article in the page. `__name` stands in for the helper that tsx's transform
// calls inside function sources.
const READER_DARK_MODE = `${browserScript('reader')}\nreaderDarkmode.convertTree(document.querySelector('main > section'));`;

mkdirSync(outDir, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'wd-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: WIDTH, height: 800 },
  deviceScaleFactor: 1.5,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const tab = context.pages()[0] ?? (await context.newPage());
  for (const theme of listThemes()) {
    const { html, stats } = renderDigest(digest, { theme: theme.id });
    for (const mode of ['light', 'dark']) {
      await tab.setContent(page(html, mode === 'dark'));
      if (mode === 'dark') await tab.addScriptTag({ content: READER_DARK_MODE });
      const height = await tab.evaluate(() => document.querySelector('main').getBoundingClientRect().height);
      const file = new URL(`${theme.id}-${mode}.png`, outDir);
      await tab.screenshot({ path: fileURLToPath(file), fullPage: true, clip: { x: 0, y: 0, width: WIDTH, height: Math.min(CLIP_HEIGHT, Math.ceil(height)) } });
      console.log(`docs/themes/${theme.id}-${mode}.png  (${stats.characters.toLocaleString('en')} characters)`);
    }
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
