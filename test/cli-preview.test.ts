// The preview page as a file (structure, escaping, no network) and the reader's dark-mode maths.
// The page in a real browser: test/browser/preview.test.ts.
import { readFileSync } from 'node:fs';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { createReaderDarkmode, previewPage, renderDigest, WECHAT_FONT_STACK, WECHAT_POLICY, type DigestInput, type Rgba } from '../src/index.js';

const paste: DigestInput = JSON.parse(readFileSync(new URL('./fixtures/cli/paste.json', import.meta.url), 'utf8'));
const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe('previewPage', () => {
  const result = renderDigest(paste);
  const page = previewPage(result, { source: 'paste.json' });
  const $ = load(page);

  it('shows the exact fragment twice: phone and desktop column', () => {
    expect(occurrences(page, result.html)).toBe(2);
    expect($('.phone [data-article]').length).toBe(1);
    expect($('.desktop [data-article]').length).toBe(1);
    expect($('figcaption').map((_, el) => $(el).text()).get()).toEqual(['Phone · 375 px screen', 'Desktop column · 677 px']);
    expect(page).toContain('.phone .screen{width:375px;padding:20px 16px}');
    expect(page).toContain('.desktop .screen{width:757px;padding:32px 40px}');
  });

  it('hands the exact fragment and text to the Copy button as JSON', () => {
    expect(JSON.parse($('#wd-data').text())).toEqual({ html: result.html, text: result.text });
    expect($('button#copy').text()).toBe('Copy for WeChat');
    expect($('#status').attr('role')).toBe('status');
  });

  it('gives the article the reader font stack in the page, not in the fragment', () => {
    expect(page).toContain(`.article{overflow:hidden;color:rgba(0,0,0,.9);font-size:17px;font-family:${WECHAT_FONT_STACK};`);
    expect(WECHAT_FONT_STACK).toContain('"PingFang SC"');
    expect(result.html).not.toContain('PingFang');
    expect($('[data-article]').attr('lang')).toBe('zh-CN');
    expect(load(previewPage(renderDigest({ ...paste, locale: 'en' })))('[data-article]').attr('lang')).toBe('en');
  });

  it('needs no network: no external script, style, font or image outside the article', () => {
    expect($('script[src], link, iframe, object, embed').length).toBe(0);
    const outside = load(page);
    outside('[data-article], #wd-data').remove();
    expect(outside('img').length).toBe(0);
    expect(outside.html()).not.toMatch(/https?:\/\//);
    expect($('style').text()).not.toMatch(/url\(|@import/);
  });

  it('shows the character count against the limit, and the findings', () => {
    const count = $('#count');
    expect(count.text()).toBe(`${result.stats.characters.toLocaleString('en')} / 20,000 characters`);
    expect(count.attr('data-state')).toBe('ok');
    expect($('#finding-count').text()).toBe('0 errors, 0 warnings');
    expect($('#findings .none').text()).toBe('No findings: WeChat keeps everything in this article.');
  });

  it('marks an article over the limit and lists each finding with its rule id', () => {
    const item = { tag: 'LG', title: 'A long title that takes room', translatedTitle: '一个很长的标题', authors: ['A Author', 'B Author'], points: ['第一点很长很长很长很长很长很长很长。', '第二点很长很长很长很长很长很长很长。'], oneLiner: '一句话总结。', url: 'https://arxiv.org/abs/2401.00001' };
    const long = renderDigest({ title: 'Long', sections: [{ items: Array.from({ length: 60 }, () => item) }] });
    expect(long.stats.characters).toBeGreaterThan(WECHAT_POLICY.limits.contentCharacters);
    const $long = load(previewPage(long));
    expect($long('#count').attr('data-state')).toBe('over');
    const items = $long('#findings li.finding');
    expect(items.length).toBe(long.warnings.length);
    const tooLong = items.filter((_, el) => $long(el).find('code.rule').text() === 'content-too-long');
    expect(tooLong.attr('data-severity')).toBe('error');
    expect(tooLong.text()).toContain(long.warnings.find((w) => w.rule === 'content-too-long')!.message);
    expect($long('#finding-count').attr('data-errors')).toBe(String(long.warnings.filter((w) => w.severity === 'error').length));
  });

  it('escapes the title and source, and nothing in the data can close its script', () => {
    const hostile = '</script><script>alert(1)</script>';
    const r = renderDigest({ title: hostile, sections: [{ items: [{ title: hostile, body: `\`${hostile}\`` }] }] });
    const p = previewPage(r, { source: hostile });
    expect(occurrences(p, '</script>')).toBe(2);
    expect(occurrences(p, '<script')).toBe(2);
    const $p = load(p);
    expect($p('title').text()).toBe(`${hostile} · preview`);
    expect($p('.source').text()).toBe(hostile);
    expect(JSON.parse($p('#wd-data').text()).html).toBe(r.html);
  });

  it('opens in the mode asked for, with the title asked for, and is deterministic', () => {
    expect(page).toContain('<html lang="en" data-mode="light">');
    expect(previewPage(result, { mode: 'dark' })).toContain('<html lang="en" data-mode="dark">');
    expect(load(previewPage(result, { title: 'Issue 12' }))('.bar h1').text()).toBe('Issue 12');
    expect($('.bar h1').text()).toBe(paste.title);
    expect(previewPage(result, { source: 'paste.json' })).toBe(page);
  });

  it('embeds a script that parses', () => {
    const script = $('script:not([type])').text();
    expect(() => new Function(script)).not.toThrow();
    expect(script).toContain('function createReaderDarkmode');
    expect(script).toContain('function previewClient');
    expect(script).toContain('function parseStyle');
  });
});

describe('createReaderDarkmode: the reader recolouring', () => {
  const dm = createReaderDarkmode();
  const text = (c: string, bg?: string) => dm.format(dm.text(dm.parse(c)!, bg ? dm.parse(bg)! : undefined));
  const background = (c: string) => dm.format(dm.background(dm.parse(c)!));

  it('uses the reader defaults: #191919 page, #a3a3a3 text', () => {
    expect(dm.defaults.darkBackground).toEqual([25, 25, 25, 1]);
    expect(dm.defaults.darkText).toEqual([163, 163, 163, 1]);
    expect(dm.defaults.lightText).toEqual([25, 25, 25, 1]);
  });

  it('parses the colour syntaxes an inline style serialises to', () => {
    const cases: [string, Rgba | null][] = [
      ['#abc', [170, 187, 204, 1]],
      ['#26b', [34, 102, 187, 1]],
      ['#0f766e', [15, 118, 110, 1]],
      ['#00000080', [0, 0, 0, 128 / 255]],
      ['rgb(1, 2, 3)', [1, 2, 3, 1]],
      ['rgba(255, 255, 255, 0.6)', [255, 255, 255, 0.6]],
      ['rgb(10% 20% 100% / 50%)', [25.5, 51, 255, 0.5]],
      ['red', null],
      ['#12345', null],
    ];
    for (const [css, rgba] of cases) expect(dm.parse(css), css).toEqual(rgba);
    expect(dm.format([1.4, 2.6, 300, 1])).toBe('rgb(1, 3, 255)');
    expect(dm.format([0, 0, 0, 0.5])).toBe('rgba(0, 0, 0, 0.5)');
    expect(dm.brightness([255, 255, 255, 1])).toBe(255);
  });

  it('lifts dark text to the default dark text and keeps readable colours', () => {
    // #333 and pure black: grey, lightness flipped to 90 - L, then capped at #a3a3a3's brightness.
    expect(text('#333')).toBe('rgb(163, 163, 163)');
    expect(text('#000')).toBe('rgb(163, 163, 163)');
    // #888 (brightness 136) is already 65 or more above #191919 and not brighter than #a3a3a3.
    expect(text('#888')).toBe('rgb(136, 136, 136)');
    // Near-white text is left as the author chose it.
    expect(text('#fff')).toBe('rgb(255, 255, 255)');
    // Pure red (brightness 76) is too close to the page: raised to brightness 90, hue kept.
    expect(text('#f00')).toBe('rgb(255, 23, 0)');
    // #26b: brightness 91.4, 66.4 above the page: kept.
    expect(text('#26b')).toBe('rgb(34, 102, 187)');
  });

  it('inverts white and grey backgrounds, dims other light ones, lifts very dark ones', () => {
    expect(background('#fff')).toBe('rgb(25, 25, 25)');
    expect(background('#f5f5f5')).toBe('rgb(35, 35, 35)');
    // A light tint is not grey: dimmed to perceived brightness 190, hue kept.
    expect(background('#f4f6f8')).toBe('rgb(189, 190, 192)');
    expect(background('#000')).toBe('rgb(56, 56, 56)');
    // A mid colour stays.
    expect(background('#26b')).toBe('rgb(34, 102, 187)');
  });

  it('judges text against the background it sits on', () => {
    // Dark text on the dimmed light tint is readable there and is kept.
    expect(text('#333', 'rgb(189, 190, 192)')).toBe('rgb(51, 51, 51)');
    // Light grey text on it is too close: its lightness 80% becomes 90 - 80 = 10%.
    expect(text('#ccc', 'rgb(189, 190, 192)')).toBe('rgb(26, 26, 26)');
  });
});
