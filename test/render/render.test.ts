import { describe, expect, it } from 'vitest';
import { DigestError, renderDigest, WECHAT_POLICY, type DigestInput } from '../../src/index.js';
import { arxivDaily, fixtureDigests, htmlText, plainStrings } from '../helpers.js';

const digests: [string, DigestInput][] = [['arxiv-daily', arxivDaily()], ...fixtureDigests()];

describe('renderDigest: the reference example', () => {
  const result = renderDigest(arxivDaily());

  it('matches the reviewed snapshot (open test/snapshots/arxiv-daily.html to look at it)', async () => {
    await expect(result.html).toMatchFileSnapshot('../snapshots/arxiv-daily.html');
    await expect(result.text).toMatchFileSnapshot('../snapshots/arxiv-daily.txt');
  });

  it('fits the draft API content limit with room to spare', () => {
    expect(result.stats.characters).toBe(result.html.length);
    expect(result.stats.characters).toBeLessThan(WECHAT_POLICY.limits.contentCharacters);
    expect(result.warnings).toEqual([]);
  });

  it('keeps the reading order of the reference post', () => {
    const text = result.text;
    // The category legend reads as the title, which WeChat shows above the article: it is left out.
    expect(text).not.toContain('LG – 机器学习 CV – 计算机视觉 CL – 计算与语言');
    const order = [
      '目录',
      '1、[LG] Symbolic Discovery of Optimization Algorithms',
      '[CL] Level Generation Through Large Language Models',
      '摘要：优化算法的符号化发现、能量Transformer',
      'X Chen, C Liang',
      '[Google]',
      '优化算法的符号化发现',
      '要点：',
      '1. 提出一种通过程序搜索',
      '4. Lion 在自回归',
      '一句话总结：',
      'We present a method',
      'https://arxiv.org/abs/2302.06675',
      '5、[LG] Guiding Pretraining',
      '另外几篇值得关注的论文：',
      '[LG] In Search for a Generalizable Method',
      '正文完',
      'ID：xzluomor',
    ];
    let at = -1;
    for (const part of order) {
      const next = text.indexOf(part, at + 1);
      expect(next, `"${part}" after position ${at}`).toBeGreaterThan(at);
      at = next;
    }
  });

  it('reports its stats', () => {
    expect(result.stats).toMatchObject({ items: 9, images: 0, footnotes: 0, bytes: Buffer.byteLength(result.html) });
  });
});

describe.each(digests)('renderDigest invariants: %s', (_name, digest) => {
  const { html, text } = renderDigest(digest);

  it('is one root <section> with every style inline', () => {
    expect(html.startsWith('<section')).toBe(true);
    expect(html.endsWith('</section>')).toBe(true);
    for (const bad of ['class=', ' id=', '<style', '<script', 'javascript:', 'var(', '!important', '<div', '<ol', '<ul']) expect(html).not.toContain(bad);
  });

  it('has no whitespace between tags', () => {
    expect(html).not.toMatch(/>\s+</);
    expect(html).not.toContain('\n');
  });

  it('uses only tags the policy allows', () => {
    const tags = new Set([...html.matchAll(/<([a-z0-9]+)/g)].map((m) => m[1]));
    // Inside an <svg> (drawn formulas), the policy's SVG tags.
    for (const tag of tags) expect([...Object.keys(WECHAT_POLICY.tags), ...WECHAT_POLICY.svg.tags]).toContain(tag);
  });

  it('shows every plain-text field in the text and in the HTML', () => {
    const rendered = htmlText(html);
    for (const s of plainStrings(digest)) {
      expect(text).toContain(s);
      expect(rendered).toContain(s);
    }
  });

  it('shows the title with the header option, and only then', () => {
    const withHeader = renderDigest(digest, { header: true });
    for (const s of plainStrings(digest, { header: true })) expect(withHeader.text).toContain(s);
    // The title is the article's only <h1>: WeChat shows the title above the article, so by default it is left out.
    expect(withHeader.html).toContain('<h1');
    expect(html).not.toContain('<h1');
  });

  it('is deterministic', () => {
    expect(renderDigest(digest).html).toBe(html);
    expect(renderDigest(structuredClone(digest)).html).toBe(html);
  });
});

describe('escaping', () => {
  const hostile = '<b onclick="x">&amp; "q" \'s\'</b>';
  const digest: DigestInput = {
    title: hostile,
    subtitle: hostile,
    author: hostile,
    account: { name: hostile, id: hostile },
    summary: hostile,
    categories: { LG: hostile },
    sections: [
      {
        title: hostile,
        items: [
          {
            tag: 'LG',
            title: hostile,
            translatedTitle: hostile,
            authors: [hostile],
            affiliations: [hostile],
            points: [hostile, { label: hostile, text: hostile }],
            oneLiner: hostile,
            abstract: hostile,
            body: hostile,
            credit: hostile,
            links: [{ label: hostile, url: 'https://example.com/?a="b"&c=<d>' }],
            images: [{ src: 'https://example.com/a.png?"onerror="x', alt: hostile, caption: hostile }],
          },
        ],
      },
    ],
    footer: { endMark: hostile, comments: hostile, text: hostile },
  };
  // With the header, so that the title and the meta line are in the body too.
  const { html, text } = renderDigest(digest, { header: true });

  it('escapes <, & and " in every text field', () => {
    expect(html).not.toContain('<b onclick');
    expect(html).not.toMatch(/"onerror=/);
    expect(html).toContain('&lt;b onclick=&quot;x&quot;&gt;&amp;amp; &quot;q&quot;');
  });

  it('keeps the text the user typed, character for character, in the text and the rendered HTML', () => {
    const rendered = htmlText(html);
    // Markdown fields render the entity &amp; as "&"; plain fields keep it literally.
    expect(text.split(hostile).length - 1).toBeGreaterThanOrEqual(12);
    expect(rendered.split(hostile).length - 1).toBeGreaterThanOrEqual(12);
  });
});

describe('options', () => {
  it('rejects an unknown theme with the list of themes', () => {
    expect(() => renderDigest(arxivDaily(), { theme: 'clasic' })).toThrow(/did you mean "classic"\?.*Available: classic/);
  });

  it('validates the digest before it reads the theme', () => {
    expect(() => renderDigest({} as never, { theme: { css: 'a{' } })).toThrow(expect.objectContaining({ code: 'E_INVALID_DIGEST' }));
  });

  it('names a custom theme in its warnings', () => {
    const css = '.wd{color:#333}.wd-title{position:fixed}';
    const named = renderDigest(arxivDaily(), { theme: { css, name: 'brand.css' } }).warnings;
    expect(named.map((w) => w.rule)).toEqual(['css-property']);
    expect(named[0].source).toBe('brand.css');
    expect(named[0].message).toMatch(/^"position: fixed" is removed/);
    expect(renderDigest(arxivDaily(), { theme: { css } }).warnings[0].message).toMatch(/^"position: fixed" is removed/);
  });

  it('rejects unknown options and bad values', () => {
    expect(() => renderDigest(arxivDaily(), { colour: 'red' } as never)).toThrow('options.colour: unknown option');
    expect(() => renderDigest(arxivDaily(), { links: 'none' } as never)).toThrow('options.links: expected "footnotes" or "inline" or "keep", received "none"');
  });

  it('throws DigestError, never a half-rendered result, for bad input', () => {
    expect(() => renderDigest({ title: 'x' } as never)).toThrow(DigestError);
  });

  it('labels in English with locale en', () => {
    const { text } = renderDigest(arxivDaily(), { locale: 'en' });
    expect(text).toContain('Key points: ');
    expect(text).toContain('1. [LG] Symbolic Discovery');
    expect(text).toContain('In one sentence: ');
  });

  it('lets the digest override single labels', () => {
    const { text } = renderDigest({ ...arxivDaily(), labels: { points: '亮点' } } as DigestInput);
    expect(text).toContain('亮点：');
    expect(text).not.toContain('要点：');
  });

  it('numbers sections on when asked, and honours start and explicit numbers', () => {
    const d: DigestInput = {
      title: 'n',
      sections: [{ items: [{ title: 'a' }, { title: 'b' }] }, { items: [{ title: 'c' }, { title: 'd', number: 9 }, { title: 'e' }] }, { start: 20, items: [{ title: 'f' }] }],
    };
    const restart = renderDigest(d).text;
    expect(restart).toMatch(/1、a[\s\S]*2、b[\s\S]*1、c[\s\S]*9、d[\s\S]*10、e[\s\S]*20、f/);
    const cont = renderDigest(d, { numbering: 'continue' }).text;
    expect(cont).toMatch(/1、a[\s\S]*2、b[\s\S]*3、c[\s\S]*9、d[\s\S]*10、e[\s\S]*20、f/);
  });

  it('builds the summary from translated titles, else titles, and hides it with false', () => {
    const d: DigestInput = { title: 'n', sections: [{ items: [{ title: 'A', translatedTitle: '甲' }, { title: 'B' }] }] };
    expect(renderDigest(d).text).toContain('摘要：甲、B');
    expect(renderDigest({ ...d, locale: 'en' }).text).toContain('In brief: 甲; B');
    expect(renderDigest({ ...d, summary: false }).text).not.toContain('摘要');
  });
});
