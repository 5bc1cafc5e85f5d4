// Contrast of every piece of text in every built-in theme, measured in Chromium: on the white
// page, and on the reader's #191919 dark page after the reader's recolouring (createReaderDarkmode,
// a re-implementation of the WeChat reader's dark-mode algorithm).
//
// For each element holding text: its computed colour against its effective background (the first
// opaque background up the tree, translucent ones composited on the way, the page at the end).
// WCAG 2 AA: 4.5:1, or 3:1 for large text (24 px, or 18.66 px bold), the size at which WCAG
// judges lower contrast readable. The themes are built to reach 4.5:1 everywhere; the 3:1 case
// only matters for a custom theme with a large title.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listThemes, renderDigest, type DigestInput, type RenderOptions } from '../../src/index.js';
import { browserScript } from '../../src/preview/scripts.js';
import { CODE_TOKEN_KINDS } from '../../src/theme/code-palette.js';
import { compileTheme } from '../../src/theme/compile.js';
import { builtinThemeCss } from '../../src/theme/themes.js';
import { arxivDaily, codeDigest, fixtureDigests } from '../helpers.js';

interface Measured {
  tag: string;
  style: string;
  text: string;
  color: string;
  background: string;
  ratio: number;
  fontSize: number;
  bold: boolean;
}

const LIGHT_PAGE = 'rgb(255, 255, 255)';
const DARK_PAGE = 'rgb(25, 25, 25)';
const FONTS = "-apple-system,'PingFang SC','Noto Sans CJK SC',sans-serif";
// The arXiv example, and the fixtures with code, tables, quotes, lists, images and footnotes.
// Highlighted code in every language is measured below (every colour of every code palette).
const DIGESTS: [string, DigestInput][] = [['arxiv-daily', arxivDaily()], ...fixtureDigests().filter(([name]) => name !== 'minimal')];
// The reader's recolouring as the package bundles it for pages: it sets window.readerDarkmode.
const RECOLOUR = `${browserScript('reader')}\nreaderDarkmode.convertTree(document.querySelector('main > section'));`;

let context: BrowserContext;
let page: Page;
let profile: string;

beforeAll(async () => {
  profile = mkdtempSync(join(tmpdir(), 'wd-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 375, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = context.pages()[0] ?? (await context.newPage());
  await page.route('**/*', (route) => route.abort());
});

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Every element holding text, measured in the page (runs in the browser). */
function measureInPage(pageBackground: string): Measured[] {
  const parse = (v: string): number[] => {
    const parts = (/^rgba?\(([^)]+)\)$/.exec(v.trim())?.[1] ?? '0,0,0,0').split(/[\s,/]+/).filter(Boolean).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  const over = (below: number[], top: number[]): number[] => {
    const a = top[3] + below[3] * (1 - top[3]);
    return [0, 1, 2].map((i) => (top[i] * top[3] + below[i] * below[3] * (1 - top[3])) / a).concat(a);
  };
  const luminance = (c: number[]) =>
    [0.2126, 0.7152, 0.0722].reduce((sum, k, i) => {
      const v = c[i] / 255;
      return sum + k * (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    }, 0);
  const hex = (c: number[]) => `#${c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
  const root = document.querySelector('main > section')!;
  const out: Measured[] = [];
  for (const el of [root, ...root.querySelectorAll('*')]) {
    // A drawn formula is text too: its paths are filled with currentColor, the colour measured here.
    const drawn = el.tagName.toLowerCase() === 'svg' && el.getAttribute('fill') === 'currentColor';
    const text = drawn ? '(drawn formula)' : [...el.childNodes].filter((n) => n.nodeType === 3 && n.textContent!.trim()).map((n) => n.textContent!.trim()).join(' ');
    if (!text) continue;
    const layers: number[][] = [];
    for (let n: Element | null = el; n && n.tagName !== 'BODY'; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c[3] > 0) layers.unshift(c);
      if (c[3] >= 1) break;
    }
    const background = layers.reduce(over, parse(pageBackground));
    const style = getComputedStyle(el);
    const color = over(background, parse(style.color));
    const [hi, lo] = [luminance(color), luminance(background)].sort((a, b) => b - a);
    out.push({
      tag: el.tagName.toLowerCase(),
      style: el.getAttribute('style') ?? '',
      text: text.slice(0, 40),
      color: hex(color),
      background: hex(background),
      ratio: Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100,
      fontSize: parseFloat(style.fontSize),
      bold: Number(style.fontWeight) >= 700,
    });
  }
  return out;
}

/** Renders `digest`, shows it at phone width, light or recoloured dark, and measures every text. */
async function measure(digest: DigestInput, options: RenderOptions, mode: 'light' | 'dark'): Promise<Measured[]> {
  const { html } = renderDigest(digest, { header: true, ...options });
  const dark = mode === 'dark';
  await page.setContent(
    `<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0;background:${dark ? DARK_PAGE : LIGHT_PAGE}">`
      + `<main style="width:343px;padding:20px 16px;font-family:${FONTS};color:${dark ? '#a3a3a3' : '#191919'}">${html}</main></body></html>`,
  );
  if (dark) await page.addScriptTag({ content: RECOLOUR });
  return page.evaluate(measureInPage, dark ? DARK_PAGE : LIGHT_PAGE);
}

const large = (m: Measured) => m.fontSize >= 24 || (m.bold && m.fontSize >= 18.66);
const failures = (rows: Measured[]) =>
  rows
    .filter((m) => m.ratio < (large(m) ? 3 : 4.5))
    .map((m) => `<${m.tag} style="${m.style}"> "${m.text}": ${m.color} on ${m.background} = ${m.ratio}:1 (${m.fontSize}px${m.bold ? ' bold' : ''})`);

const THEMES: [string, RenderOptions['theme']][] = [
  ...listThemes().map((t): [string, RenderOptions['theme']] => [t.id, t.id]),
  ['examples/custom-theme.css', { css: readFileSync(new URL('../../examples/custom-theme.css', import.meta.url), 'utf8') }],
];

describe.each(THEMES)('theme %s: text contrast', (_name, theme) => {
  for (const [name, digest] of DIGESTS) {
    for (const mode of ['light', 'dark'] as const) {
      it(`${name}, ${mode}: every text reaches 4.5:1 (3:1 when large)`, async () => {
        const rows = await measure(digest, { theme }, mode);
        // Alike blocks share one, so the example's text is in some 80 elements.
        expect(rows.length).toBeGreaterThan(name === 'arxiv-daily' ? 60 : 20);
        expect(failures(rows)).toEqual([]);
        if (name === 'math') expect(rows.filter((m) => m.text === '(drawn formula)').length).toBeGreaterThanOrEqual(2);
      });
    }
  }
});

describe.each(THEMES)('theme %s: code tokens', (_name, theme) => {
  it('measures every colour of the code palette, with line numbers, light and dark', async () => {
    const { styles } = compileTheme(typeof theme === 'string' ? builtinThemeCss(theme) : theme!.css);
    const palette = new Set(CODE_TOKEN_KINDS.map((k) => styles[`body>code-${k}`]));
    const light = await measure(codeDigest(), { theme, lineNumbers: true }, 'light');
    // Every palette colour is on the page (the recolouring rewrites the styles, so they are told apart in light mode).
    expect(new Set(light.filter((m) => m.tag === 'span' && palette.has(m.style)).map((m) => m.style))).toEqual(palette);
    expect(light.filter((m) => m.style.includes('user-select:none')).length).toBe(codeDigest().sections[0].items!.length);
    const dark = await measure(codeDigest(), { theme, lineNumbers: true }, 'dark');
    expect(dark.map((m) => m.text)).toEqual(light.map((m) => m.text));
    expect(failures(light)).toEqual([]);
    expect(failures(dark)).toEqual([]);
  });
});

describe('the contrast measurement', () => {
  const one: DigestInput = { title: 'T', sections: [{ items: [{ title: 'A paper', authors: ['A Author'] }] }] };

  it('reads the reader-recoloured colours: body text #333 turns #a3a3a3 on #191919', async () => {
    const rows = await measure(arxivDaily(), { theme: 'classic' }, 'dark');
    const point = rows.find((m) => m.text.startsWith('1. 提出一种通过程序搜索'))!;
    expect(point).toMatchObject({ color: '#a3a3a3', background: '#191919', ratio: 6.97 });
    const summary = rows.find((m) => m.text.startsWith('优化算法的符号化发现、能量'))!;
    expect(summary).toMatchObject({ color: '#b3b3b3', background: '#232323' });
  });

  it('reports pale text with the element, the colours and the ratio', async () => {
    const rows = await measure(one, { theme: { css: '.wd{color:#333}.wd-authors{color:#aaa}' } }, 'light');
    expect(failures(rows)).toEqual(['<section style="color:#aaa"> "A Author": #aaaaaa on #ffffff = 2.32:1 (16px)']);
  });

  it('catches a mid grey that passes on white but that the reader leaves too dim on #191919', async () => {
    const css = '.wd{color:#333}.wd-authors{color:#767676}';
    expect(failures(await measure(one, { theme: { css } }, 'light'))).toEqual([]);
    expect(failures(await measure(one, { theme: { css } }, 'dark'))).toEqual(['<section style="color:#767676"> "A Author": #767676 on #191919 = 3.87:1 (16px)']);
  });

  it('allows 3:1 for large text only', async () => {
    const css = '.wd{color:#333}.wd-title{font-size:26px;color:#949494}.wd-item-title{font-size:17px;color:#949494}';
    const rows = await measure(one, { theme: { css } }, 'light');
    expect(rows.find((m) => m.tag === 'h1')).toMatchObject({ ratio: 3.03, fontSize: 26 });
    expect(failures(rows)).toEqual(['<h3 style="font-size:17px;color:#949494"> "1、A paper": #949494 on #ffffff = 3.03:1 (17px bold)']);
  });
});
