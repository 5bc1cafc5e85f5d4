// Where an article's characters go: the breakdown adds up, each kind is found where it is, the
// parts are the article's, and the size on the API path counts uploaded image URLs.
import { describe, expect, it } from 'vitest';
import { listThemes, renderDigest } from '../../src/index.js';
import { articleSize } from '../../src/render/size.js';
import { WECHAT_POLICY } from '../../src/wechat/policy.js';
import { arxivDaily, fixtureDigests } from '../helpers.js';

const digests = [['arxiv-daily', arxivDaily()] as const, ...fixtureDigests()];
const byName = Object.fromEntries(digests);

describe('stats.size', () => {
  for (const { id } of listThemes()) {
    it.each(digests.map(([name, d]) => [name, d]))(`${id}: %s adds up to the characters`, (_name, digest) => {
      const { stats } = renderDigest(digest, { theme: id });
      const { text, markup, images, math, code, footnotes } = stats.size;
      expect(text + markup + images + math + code + footnotes).toBe(stats.characters);
      for (const n of Object.values(stats.size)) expect(n).toBeGreaterThanOrEqual(0);
    });
  }

  it('finds each kind where the digest has it, and none where it has not', () => {
    const size = (name: string) => renderDigest(byName[name]).stats.size;
    expect(size('arxiv-daily')).toMatchObject({ images: 0, math: 0, code: 0, footnotes: 0 });
    expect(size('arxiv-daily').text).toBeGreaterThan(15_000);
    expect(size('math').math).toBeGreaterThan(0);
    expect(size('markdown-blocks').code).toBeGreaterThan(0);
    expect(size('many-links').footnotes).toBeGreaterThan(0);
    expect(size('images').images).toBeGreaterThan(0);
  });

  it('lists the header, every item and the footer with their characters, together at most the whole', () => {
    const { stats } = renderDigest(arxivDaily());
    const items = stats.parts.filter((p) => p.path.includes('.items['));
    expect(items.map((p) => p.name)[0]).toBe('Symbolic Discovery of Optimization Algorithms');
    expect(items).toHaveLength(9);
    expect(stats.parts.map((p) => p.path)).toContain('footer');
    const sum = stats.parts.reduce((n, p) => n + p.characters, 0);
    expect(sum).toBeLessThanOrEqual(stats.characters);
    expect(sum).toBeGreaterThan(stats.characters * 0.98);
  });
});

describe('stats.api', () => {
  it('counts every image not on WeChat\u2019s host at the length of an uploaded URL, and keeps the others', () => {
    const hosted = 'http://mmbiz.qpic.cn/mmbiz_png/abc/0';
    const html = `<section><img src="figure.png"><img src="https://example.com/a.png?x=1&amp;y=2"><img src="${hosted}"></section>`;
    const expected = html.length + 2 * WECHAT_POLICY.limits.uploadedImageUrl - 'figure.png'.length - 'https://example.com/a.png?x=1&amp;y=2'.length;
    expect(articleSize(html, { math: { characters: 0, text: 0 }, references: { characters: 0, text: 0 } }).api).toEqual({ characters: expected, uploads: 2 });
  });

  it('warns before publish would refuse: over the limit only once the images are uploaded, with how much and what to do', () => {
    // The reference example with nine local figures: under the limit as rendered, over it once uploaded.
    const digest = arxivDaily();
    digest.sections.flatMap((s) => s.items ?? []).forEach((item, i) => (item.images = [{ src: `figures/${i}.png`, caption: `图${i + 1}：方法的整体框架与主要实验结果，左为基线，右为本文方法` }]));
    const { stats, warnings } = renderDigest(digest);
    expect(stats.characters).toBeLessThan(WECHAT_POLICY.limits.contentCharacters);
    expect(stats.api.uploads).toBe(9);
    expect(stats.api.characters).toBeGreaterThanOrEqual(WECHAT_POLICY.limits.contentCharacters);
    const finding = warnings.find((w) => w.rule === 'content-too-long')!;
    expect(finding.severity).toBe('warning');
    expect(finding.message).toMatch(/once its 9 images are uploaded .* over the limit of 19,999: publish would refuse it\. Fix: publish with --split \(render --split for paste\): about 2 articles; or shorten what weighs most: sections\[0\]\.items\[0\] "Symbolic Discovery of Optimization Algorithms"/);
    expect(renderDigest(digest, { target: 'api' }).warnings.find((w) => w.rule === 'content-too-long')!.severity).toBe('error');
  });

  it('says by how much and what to do when the article itself is over the limit', () => {
    const digest = arxivDaily();
    digest.sections[0].items = [...digest.sections[0].items!, ...digest.sections[0].items!.map((i) => ({ ...i, title: `${i.title} (II)` }))];
    const finding = renderDigest(digest).warnings.find((w) => w.rule === 'content-too-long')!;
    expect(finding.message).toMatch(/^content of 20,000 characters or more: [\d,]+ characters, [\d,]+ over the limit of 19,999\. Fix: publish with --split \(render --split for paste\): about 2 articles; or shorten what weighs most: sections\[0\]\.items\[\d\] "/);
  });
});
