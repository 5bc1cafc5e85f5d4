import { describe, expect, it } from 'vitest';
import { checkWechat, renderDigest, type DigestInput, type Finding } from '../../src/index.js';
import { compileTheme } from '../../src/theme/compile.js';
import { builtinThemeCss } from '../../src/theme/themes.js';
import { arxivDaily, fixtureDigests } from '../helpers.js';

const digests: [string, DigestInput][] = [['arxiv-daily', arxivDaily()], ...fixtureDigests()];
const errors = (found: Finding[], target: 'paste' | 'api') => found.filter((f) => f.severity === 'error' && !(target === 'api' && f.rule === 'image-host'));

describe.each(digests)('%s renders into HTML WeChat keeps', (_name, digest) => {
  for (const target of ['paste', 'api'] as const) {
    it(`target ${target}: no errors (api: images not yet uploaded aside)`, () => {
      const { html, warnings } = renderDigest(digest, { target });
      expect(errors(checkWechat(html, { target }), target)).toEqual([]);
      expect(errors(warnings, target)).toEqual([]);
    });
  }

  it('paste: no findings, with footnoted or inline links, but a warning for each image given as a local file', () => {
    const local = renderDigest(digest).digest.sections.flatMap((s) => s.items ?? []).flatMap((i) => i.images ?? []).filter((img) => !/^https?:/.test(img.src));
    for (const links of ['footnotes', 'inline'] as const) {
      const findings = checkWechat(renderDigest(digest, { links }).html);
      expect(findings.map((f) => [f.rule, f.severity])).toEqual(local.map(() => ['image-local', 'warning']));
      findings.forEach((f, i) => expect(f.message).toContain(`: ${local[i].src}. Fix: publish through the API`));
    }
  });
});

describe('the links option, end to end', () => {
  const digest: DigestInput = {
    title: 'Links',
    locale: 'en',
    account: { name: 'Acct', id: 'acct', qrCode: 'https://mmbiz.qpic.cn/mmbiz_png/qr/0?wx_fmt=png' },
    intro: 'See [A](https://a.example/x), [our issue](https://mp.weixin.qq.com/s/1), [https://b.example/](https://b.example/) and [top](#top).',
    sections: [
      {
        items: [
          {
            title: 'One',
            url: 'https://arxiv.org/abs/1',
            links: [{ label: 'Code', url: 'https://github.com/x' }],
            body: 'Again [A, again](https://a.example/x) and [C](https://c.example/).',
          },
        ],
      },
    ],
  };
  const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);

  it('footnotes: text plus [n], deduplicated by URL, listed as [n] text: URL before the QR block', () => {
    const { html, text } = renderDigest(digest);
    expect(text).toContain('See A[1], our issue, https://b.example/ and top.');
    expect(text).toContain('Again A, again[1] and C[2].');
    expect(text).toContain('References\n[1] A: https://a.example/x\n[2] C: https://c.example/');
    expect(hrefs(html)).toEqual(['https://mp.weixin.qq.com/s/1']);
    const at = (s: string) => text.indexOf(s);
    expect(at('References')).toBeGreaterThan(at('Code: https://github.com/x'));
    expect(at('References')).toBeLessThan(at('Scan to follow'));
    expect(renderDigest(digest).stats.footnotes).toBe(2);
  });

  it("keeps an item's url and links visible as plain text under the item", () => {
    const { html, text } = renderDigest(digest);
    expect(text).toContain('1. One\nAgain A, again[1] and C[2].\nhttps://arxiv.org/abs/1\nCode: https://github.com/x');
    expect(html).not.toContain('href="https://arxiv.org');
  });

  it('inline: the URL in brackets after the text, no references block', () => {
    const { html, text } = renderDigest(digest, { links: 'inline' });
    expect(text).toContain('See A (https://a.example/x), our issue, https://b.example/ and top.');
    expect(text).toContain('Again A, again (https://a.example/x) and C (https://c.example/).');
    expect(text).not.toContain('References');
    expect(hrefs(html)).toEqual(['https://mp.weixin.qq.com/s/1']);
  });

  it('keep: real links, which the check reports for WeChat', () => {
    const { html, text, warnings } = renderDigest(digest, { links: 'keep' });
    expect(hrefs(html)).toEqual(['https://a.example/x', 'https://mp.weixin.qq.com/s/1', 'https://a.example/x', 'https://c.example/']);
    expect(text).not.toContain('References');
    expect(warnings.filter((w) => w.rule === 'external-link')).toHaveLength(3);
  });
});

describe('the theme compiler does the clean-up WeChat needs', () => {
  it('turns pure black into near-black in every colour property', () => {
    const { styles } = compileTheme('.wd{color:#000}.wd-title{color:black;border-bottom:1px solid #000}.wd-tag{background-color:rgb(0,0,0)}');
    expect(styles.root).toBe('color:#1a1a1a');
    expect(styles.title).toBe('color:#1a1a1a;border-bottom:1px solid #000');
    expect(styles.tag).toBe('background:#1a1a1a');
  });

  it("moves the root's padding and background to an inner box, emitted only when needed", () => {
    const { styles } = compileTheme('.wd{font-size:15px;padding:0 8px;background-color:#fafafa;color:#333}');
    expect(styles.root).toBe('font-size:15px;color:#333');
    expect(styles['root-box']).toBe('padding:0 8px;background:#fafafa');

    const digest: DigestInput = { title: 'Boxed', sections: [{ items: [{ title: 'One' }] }] };
    const boxed = renderDigest(digest, { theme: { css: `${builtinThemeCss('classic')}\n.wd{padding:0 8px;background-color:#fafafa}` }, header: true });
    expect(boxed.html).toMatch(/^<section style="[^"]*"><section style="padding:0 8px;background:#fafafa"><h1/);
    expect(boxed.html.endsWith('</section></section>')).toBe(true);
    expect(checkWechat(boxed.html)).toEqual([]);

    expect(compileTheme(builtinThemeCss('classic')).styles['root-box']).toBeUndefined();
    expect(renderDigest(digest).html).not.toContain('padding:0 8px');
  });
});
