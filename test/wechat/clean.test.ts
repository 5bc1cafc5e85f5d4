import fc from 'fast-check';
import { load } from 'cheerio/slim';
import { describe, expect, it } from 'vitest';
import { checkWechat, cleanForWechat, DigestError } from '../../src/index.js';
import { WECHAT_TRANSFORMS } from '../../src/wechat/clean.js';

/** Words that must survive: `w12z` is not part of `w123z`. */
const word = fc.integer({ min: 0, max: 999 }).map((n) => `w${n}z`);
const text = fc
  .array(fc.oneof(word, fc.constantFrom(' ', '  ', '\n', '\t', '\n  ', ' 中文 ', '&amp;', '&nbsp;', '&lt;', '\r\n')), { maxLength: 6 })
  .map((parts) => parts.join(''));

const decl = fc.constantFrom(
  'color:#000', 'color:black', 'color:rgb(0, 0, 0)', 'position:absolute', 'top:0', 'color:var(--x)', 'color:var(--x, #333)',
  'font-size:15px !important', 'background:url(x.png)', 'display:flex', 'display:table-cell', 'display:inline-block', 'margin:0',
  'padding:4px', 'background-color:#fafafa', 'white-space:pre', 'white-space:pre-wrap', 'width:expression(1)',
  'background:linear-gradient(red,blue)', 'float:left', 'text-align:center', 'font-family:"A B", serif', '--x:1px', 'line-height:1.75',
);
const attribute = fc.oneof(
  fc.constantFrom('class="x"', 'id="y"', 'onclick="z()"', 'data-darkmode-color="#fff"', 'data-k="1"', 'align="center"', 'title="t"', 'hidden', 'width="600"'),
  fc.array(decl, { minLength: 1, maxLength: 3 }).map((d) => `style="${d.join(';').replace(/"/g, '&quot;')}"`),
);
const href = fc.constantFrom('https://example.com/a', 'https://example.com/b', 'https://mp.weixin.qq.com/s/x', '#top', 'docs/x.html', 'javascript:alert(1)', 'mailto:a@b.c', ' java\tscript:x', '');
const src = fc.constantFrom('https://x.org/a.png', 'https://mmbiz.qpic.cn/a/0?wx_fmt=png', 'data:image/png;base64,xx', 'javascript:x', 'a.png', '', 'https://x.org/a.webp');

const CONTAINERS = ['section', 'p', 'span', 'b', 'em', 'div', 'font', 'article', 'center', 's', 'h2', 'blockquote', 'ul', 'ol', 'li', 'pre', 'code', 'table', 'tr', 'td', 'figure', 'figcaption', 'sup', 'mark', 'small'];
const DROPPED = ['script', 'style', 'iframe', 'textarea', 'video', 'noscript', 'template'];

const html = fc.letrec<{ node: string; element: string }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, text, tie('element')),
  element: fc.oneof(
    { depthSize: 'small' },
    fc.tuple(fc.constantFrom(...CONTAINERS), fc.array(attribute, { maxLength: 3 }), fc.array(tie('node'), { maxLength: 4 }))
      .map(([tag, attrs, kids]) => `<${tag}${attrs.map((a) => ` ${a}`).join('')}>${kids.join('')}</${tag}>`),
    fc.tuple(href, fc.array(tie('node'), { maxLength: 2 })).map(([h, kids]) => `<a href="${h}">${kids.join('')}</a>`),
    fc.tuple(src, fc.array(attribute, { maxLength: 2 })).map(([s, attrs]) => `<img src="${s}"${attrs.map((a) => ` ${a}`).join('')}>`),
    fc.constant('<br>'),
    fc.constantFrom(...DROPPED).map((tag) => `<${tag}>DROPPED</${tag}>`),
    fc.constant('<!-- DROPPED -->'),
    fc.constant('<svg id="s" viewBox="0 0 2 2"><defs><linearGradient id="g"></linearGradient></defs><circle r="1" fill="url(#g)" class="c"></circle></svg>'),
  ),
}));
const fragment = fc.array(html.node, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));

const words = (s: string) => s.match(/w\d+z/g) ?? [];
const textOf = (s: string) => load(s, null, false).root().text();

describe('cleanForWechat on generated HTML', () => {
  it('leaves nothing the checker reports, images aside (WebP cannot be converted, a local file cannot be pasted)', () => {
    fc.assert(
      fc.property(fragment, (input) => {
        const findings = checkWechat(cleanForWechat(input)).filter((f) => f.rule !== 'image-format' && f.rule !== 'image-local');
        expect(findings).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('is idempotent: cleaning clean HTML changes nothing', () => {
    fc.assert(
      fc.property(fragment, (input) => {
        const once = cleanForWechat(input);
        expect(cleanForWechat(once)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every word of text, and none of what WeChat drops with its content', () => {
    fc.assert(
      fc.property(fragment, (input) => {
        const out = textOf(cleanForWechat(input));
        for (const w of words(textOf(input))) expect(out).toContain(w);
        expect(out).not.toContain('DROPPED');
      }),
      { numRuns: 300 },
    );
  });
});

describe('cleanForWechat: options and mistakes', () => {
  it('lists its steps in the order they run, each with a unique name', () => {
    expect(WECHAT_TRANSFORMS.map((t) => t.name)).toEqual([
      'drop', 'svg', 'tags', 'root', 'lists', 'images', 'tables', 'paragraphs', 'styles', 'pure-black', 'attributes', 'links', 'code', 'root-box', 'whitespace',
    ]);
  });

  it('writes the references block in the locale asked for', () => {
    expect(cleanForWechat('<p><a href="https://x.org/">X</a></p>', { locale: 'en' })).toBe(
      '<section><p>X<sup style="line-height:0">[1]</sup></p><section style="margin-top:2em;font-size:.8em;color:#888;word-break:break-all"><b>References</b><br>[1] X: https://x.org/</section></section>',
    );
  });

  it('throws DigestError E_INVALID_OPTION naming the option and the values', () => {
    expect(() => cleanForWechat(42 as never)).toThrow(DigestError);
    expect(() => cleanForWechat(42 as never)).toThrow('html: expected a string of HTML, received number');
    expect(() => cleanForWechat('', { links: 'none' as never })).toThrow('options.links: expected "footnotes" or "inline" or "keep", received "none"');
    expect(() => cleanForWechat('', { locale: 'fr' as never })).toThrow('options.locale: expected "zh" or "en", received "fr"');
  });

  it('turns empty input into an empty root section', () => {
    expect(cleanForWechat('')).toBe('<section></section>');
    expect(cleanForWechat('\n  \n')).toBe('<section></section>');
  });
});
