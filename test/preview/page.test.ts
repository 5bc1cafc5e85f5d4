// The preview page as a file (structure, escaping, no network). The page in a real browser:
// test/browser/preview.test.ts; the reader's dark-mode model: test/wechat/reader.test.ts.
import { readFileSync } from 'node:fs';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { previewPage, renderDigest, WECHAT_FONT_STACK, WECHAT_POLICY, type DigestInput } from '../../src/index.js';

const paste: DigestInput = JSON.parse(readFileSync(new URL('../fixtures/cli/paste.json', import.meta.url), 'utf8'));
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

describe('previewPage: where the characters go', () => {
  it('shows the breakdown and the heaviest parts; the size through the API when images will be uploaded', () => {
    const digest = JSON.parse(readFileSync(new URL('../../examples/arxiv-daily.json', import.meta.url), 'utf8')) as DigestInput;
    const $ = load(previewPage(renderDigest(digest)));
    const size = $('#size');
    expect(size.find('li').first().text()).toMatch(/^text 15,4\d\d \(83%\)$/);
    expect(size.find('ol li').first().text()).toMatch(/^Symbolic Discovery of Optimization Algorithms sections\[0\]\.items\[0\] 2,\d{3}$/);
    expect(size.find('#api-size')).toHaveLength(0);

    digest.sections[0].items![0].images = [{ src: 'figure.png' }];
    const withImage = renderDigest(digest);
    const api = load(previewPage(withImage))('#api-size');
    expect(api.text()).toBe(`Through the API (publish): about ${withImage.stats.api.characters.toLocaleString('en')} characters once 1 image is uploaded`);
    expect(withImage.stats.api.characters - withImage.stats.characters).toBe(WECHAT_POLICY.limits.uploadedImageUrl - 'figure.png'.length);
  });
});
