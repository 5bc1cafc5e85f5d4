import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { load } from 'cheerio/slim';
import { checkArticle, checkWechat, CHECK_RULES, cleanForWechat, WECHAT_POLICY, type CheckRule } from '../../src/index.js';
import { HOSTILE_STYLES } from '../support/hostile-styles.js';
import { checkRulesTable, type CheckRuleInfo } from '../../src/wechat/rules.js';
import { cssViolation, isAllowedAttribute, isPureBlack, isWechatArticleUrl } from '../../src/wechat/policy.js';
import { parseStyle } from '../../src/wechat/style.js';
import { urlScheme } from '../../src/core/urls.js';

const rules = (html: string, target: 'paste' | 'api' = 'paste') => checkWechat(html, { target }).map((f) => f.rule);
const BAD = new URL('../fixtures/wechat-bad/', import.meta.url);
const SIZE_RULES = ['content-too-long', 'content-too-large'];
const htmlRules = (Object.entries(CHECK_RULES) as [CheckRule, CheckRuleInfo][]).filter(([, r]) => r.scope === 'html' || r.scope === 'both').map(([id]) => id);

describe('CHECK_RULES', () => {
  it('has stable kebab-case ids, each with a severity, what, why and how to fix', () => {
    for (const [id, r] of Object.entries(CHECK_RULES) as [string, CheckRuleInfo][]) {
      expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(['error', 'warning']).toContain(r.severity);
      for (const text of [r.what, r.why, r.fix]) expect(text.length, `${id}`).toBeGreaterThan(5);
    }
  });

  it.each(['README.md', 'docs/wechat-rules.md'])('is documented: the table in %s is the one checkRulesTable() prints (node scripts/rules-table.js --write)', (name) => {
    const doc = readFileSync(new URL(`../../${name}`, import.meta.url), 'utf8');
    const table = /<!-- rules-table:start -->\n([\s\S]*?)\n<!-- rules-table:end -->/.exec(doc)?.[1];
    expect(table).toBe(checkRulesTable());
  });

  it('prints one row per rule', () => {
    const lines = checkRulesTable().split('\n');
    expect(lines[0]).toBe('| id | severity | what | why | how to fix |');
    expect(lines).toHaveLength(Object.keys(CHECK_RULES).length + 2);
    expect(lines).toContain('| `css-var` | error | `var()` in a style | `var(--x)` is stripped, leaving the property without a value | write the literal value (the theme compiler resolves variables) |');
  });

  it('builds messages from what, the detail and the fix', () => {
    const [f] = checkWechat('<section><p style="color:var(--x)">a</p></section>');
    expect(f).toEqual({
      rule: 'css-var',
      severity: 'error',
      message: '`var()` in a style: color:var(--x). Fix: write the literal value (the theme compiler resolves variables)',
      excerpt: '<p style="color:var(--x)">',
    });
  });
});

describe('the corpus test/fixtures/wechat-bad/<rule>.html', () => {
  const files = readdirSync(BAD).filter((f) => f.endsWith('.html')).sort();

  it('has one hand-written file for every markup rule (the size rules are tested below)', () => {
    expect(files.map((f) => f.replace(/\.html$/, ''))).toEqual(htmlRules.filter((r) => !SIZE_RULES.includes(r)).sort());
  });

  for (const file of files) {
    const rule = file.replace(/\.html$/, '');
    it(`${file} trips ${rule}`, () => {
      const html = readFileSync(new URL(file, BAD), 'utf8');
      // image-host judges the API path only, image-local the paste path only.
      if (rule !== 'image-local') expect(rules(html, 'api')).toContain(rule);
      if (rule !== 'image-host') expect(rules(html, 'paste')).toContain(rule);
    });
  }
});

/** For each markup rule, a near miss: HTML that looks like the bad case but that WeChat keeps whole. */
const GOOD: Record<string, string> = {
  'tag-disallowed': '<section><section>Blocks written as section.</section><span style="color:#c00">inline text</span></section>',
  script: '<section><p>The word &lt;script&gt; written as text.</p></section>',
  'style-tag': '<section><p style="color:#c00">Styled inline.</p></section>',
  'class-attr': '<section><p style="font-weight:bold">Write class="lead" in text: harmless.</p></section>',
  'id-attr': '<section><h2 data-id="methods">Methods</h2></section>',
  'attr-disallowed': '<section><p style="text-align:center" title="centred" lang="en" dir="ltr">Centred.</p><table><tr><td colspan="2">cell</td></tr></table></section>',
  'event-handler': '<section><p title="onclick">A title that reads onclick.</p></section>',
  'darkmode-attr': '<section><p data-tool="wechat-digest" style="color:#333">Tagged with data-*.</p></section>',
  'external-link': '<section><p>Read <a href="https://mp.weixin.qq.com/s/abc123">our last issue</a>.</p></section>',
  'anchor-link': '<section><p><a href="https://mp.weixin.qq.com/s/abc123#part-2">Part 2 of our last issue</a>.</p></section>',
  'url-scheme': '<section><p>Write to team@example.com.</p><img src="images/local.png" style="max-width:100%"><img src="C:\\figures\\a.png" style="max-width:100%"></section>',
  'data-image': '<section><img src="https://mmbiz.qpic.cn/mmbiz_png/abc/0?wx_fmt=png&amp;from=data" alt="dot" style="max-width:100%"></section>',
  'image-format': '<section><img src="https://mmbiz.qpic.cn/mmbiz_png/webp-guide/0?wx_fmt=png" alt="chart" style="max-width:100%"></section>',
  'image-host': '<section><img src="https://mmbiz.qpic.cn/mmbiz_jpg/abc/0?wx_fmt=jpeg" alt="figure" style="max-width:100%"></section>',
  'image-local': '<section><img src="https://example.com/figures/a.png" alt="a figure online" style="max-width:100%"></section>',
  'img-size-attr': '<section><img src="https://mmbiz.qpic.cn/mmbiz_png/abc/0?wx_fmt=png" style="width:600px;max-width:100%" alt="diagram"></section>',
  'css-property': '<section><p style="margin:0 0 .8em;text-indent:2em;letter-spacing:1px">Plain box properties.</p></section>',
  'css-display': '<section><section style="display:-webkit-box;overflow-x:auto"><span style="display:inline-block">scrolls</span></section></section>',
  'css-var': '<section style="color:#333"><p style="font-family:\'Variable Sans\'">A font named Variable.</p></section>',
  'css-important': '<section><p style="color:#333">It is important, in words only.</p></section>',
  'css-url': '<section><section style="background-color:#fafafa"><p>See url(x) in text.</p></section></section>',
  'css-function': '<section><section style="color:rgba(51,51,51,.9);width:calc(100% - 2em)"><p>Colours and arithmetic; env() named in text.</p></section></section>',
  'css-gradient': '<section><section style="background-color:#fde68a"><p>Banner text on a plain colour.</p></section></section>',
  'css-script': '<section><p style="font-family:\'Expression Sans\'">A font named Expression.</p></section>',
  'pure-black': '<section><p style="color:#1a1a1a;border:1px solid #000">Near-black text; a black border is fine.</p></section>',
  'svg-unsafe': '<section><svg viewBox="0 0 20 10" fill="currentColor" style="width:4em;height:2em"><path d="M0 0h20v10z"></path><text x="2" y="8" font-size="6" font-family="serif">href url(#a)</text></svg></section>',
  'svg-fixed-colour': '<section><p>In the colour of the text: <svg viewBox="0 0 20 10" fill="currentColor" style="width:2ex;height:1ex"><path stroke="currentColor" fill="none" d="M0 0h20v10z"></path></svg>.</p></section>',
  'svg-too-wide': '<section><section style="text-align:center;overflow-x:auto"><svg viewBox="0 -175 2933 300" fill="currentColor" style="width:66.36ex;height:6.79ex"><path d="M0 0h2933v100z"></path></svg></section><p>Narrow: <svg viewBox="0 0 20 10" fill="currentColor" style="width:40ex;height:1ex"><path d="M0 0h20v10z"></path></svg></p></section>',
  'code-newline': '<section><pre style="margin:0"><code>const a = 1;<br>const b = 2;</code></pre></section>',
  'code-spaces': '<section><pre style="margin:0"><code>if (ok) {<br>&nbsp;&nbsp;&nbsp;&nbsp;run();<br>}</code></pre><p>Prose  with two spaces collapses harmlessly.</p></section>',
  'text-newline': '<section><p>A line<br>\nafter a break, and\n  an indented continuation.</p><p>\n开头的换行</p></section>',
  'whitespace-between-tags': '<section><p>One <b>bold</b> <i>italic</i>.</p>&nbsp;<p>Two.</p></section>\n',
  'native-list': '<section><section>1. First</section><section>2. Second</section></section>',
  'nested-list': '<section><section>• Fruit<section style="padding-left:1.2em">◦ Apple</section></section></section>',
  'svg-stripped': '<section><svg viewBox="0 0 10 10" width="40"><circle cx="5" cy="5" r="4" fill="currentColor"></circle></svg></section>',
  'root-element': '\n<section><p>First paragraph.</p><p>Second paragraph.</p></section>\n',
  'root-box': '<section style="color:#333"><section style="padding:0 8px;background-color:#fafafa"><p>Boxed article.</p></section></section>',
};

describe('each markup rule: a near miss that WeChat keeps whole', () => {
  it('has a near miss for every rule of the corpus', () => {
    expect(Object.keys(GOOD).sort()).toEqual(htmlRules.filter((r) => !SIZE_RULES.includes(r)).sort());
  });
  for (const [rule, html] of Object.entries(GOOD)) {
    it(`${rule}: no finding at all`, () => {
      expect(checkWechat(html, { target: 'api' }).filter((f) => f.rule !== 'image-host' || rule === 'image-host')).toEqual([]);
      if (rule === 'image-local') expect(checkWechat(html, { target: 'paste' })).toEqual([]);
    });
  }
});

describe('checkWechat: the size of the content', () => {
  const sized = (n: number, fill = 'x') => {
    const open = '<section>';
    const close = '</section>';
    return `${open}${fill.repeat(n - open.length - close.length)}${close}`;
  };

  it('accepts 19,999 characters and refuses 20,000, tags and styles counted', () => {
    expect(sized(19_999)).toHaveLength(19_999);
    expect(rules(sized(19_999))).toEqual([]);
    const [f] = checkWechat(sized(20_000));
    expect(f.rule).toBe('content-too-long');
    expect(f.message).toContain('20,000 characters, 1 over the limit of 19,999');
  });

  it('refuses 1 MB or more of UTF-8 (which only content far over 20,000 characters reaches)', () => {
    const big = sized(340_000, '中');
    expect(Buffer.byteLength(big)).toBeGreaterThanOrEqual(WECHAT_POLICY.limits.contentBytes);
    expect(rules(big)).toEqual(['content-too-long', 'content-too-large']);
  });
});

describe('checkWechat: false positives and negatives reviewed', () => {
  it('whitespace: only between block tags, never between inline tags, never an &nbsp;, never around the fragment', () => {
    expect(rules('<section><p>a</p> <p>b</p></section>')).toEqual(['whitespace-between-tags']);
    expect(rules('<section><p>a</p>\n</section>')).toEqual(['whitespace-between-tags']);
    expect(rules('<section><p><b>a</b> <i>b</i></p></section>')).toEqual([]);
    expect(rules('<section><p>a</p>&nbsp;<p>b</p></section>')).toEqual([]);
    expect(rules('<section><p>a</p></section>\n')).toEqual([]);
    expect(rules('<section>\n<span>a</span></section>')).toEqual([]);
  });

  it('text-newline: only a newline that would join two words', () => {
    expect(rules('<section><p>one\ntwo</p></section>')).toEqual(['text-newline']);
    expect(rules('<section><p><b>one</b>\ntwo</p></section>')).toEqual(['text-newline']);
    expect(rules('<section><p>one<br>\ntwo</p></section>')).toEqual([]);
    expect(rules('<section><p>one \ntwo</p></section>')).toEqual([]);
    expect(rules('<section><p>one\n</p></section>')).toEqual([]);
  });

  it('code: newlines, tabs, runs of spaces and indentation after <br>; also under white-space:pre', () => {
    expect(rules('<section><pre>a\nb</pre></section>')).toEqual(['code-newline']);
    expect(rules('<section><pre>\n<code>a</code></pre></section>')).toEqual([]);
    expect(rules('<section><pre>\na</pre></section>')).toEqual([]);
    expect(rules('<section><pre>a<br> b</pre></section>')).toEqual(['code-spaces']);
    expect(rules('<section><pre>a\tb</pre></section>')).toEqual(['code-spaces']);
    expect(rules('<section><p style="white-space:pre-wrap">a\n  b</p></section>')).toEqual(['code-newline', 'code-spaces']);
    expect(rules('<section><p style="white-space:nowrap">a  b</p></section>')).toEqual([]);
    expect(rules('<section><p>Run <code>a b</code> now</p></section>')).toEqual([]);
  });

  it('lists: every native list is a warning, a nested one an error', () => {
    const found = checkWechat('<section><ul><li>a<ol><li>b</li></ol></li></ul></section>');
    expect(found.map((f) => [f.rule, f.severity])).toEqual([['native-list', 'warning'], ['native-list', 'warning'], ['nested-list', 'error']]);
  });

  it('links: schemes read as a browser reads them, anchors, relative links', () => {
    expect(rules('<section><a href=" java\tscript:alert(1)">x</a></section>')).toEqual(['url-scheme']);
    expect(rules('<section><a href="#x">x</a></section>')).toEqual(['anchor-link']);
    expect(rules('<section><a href="docs/x.html">x</a></section>')).toEqual(['external-link']);
    expect(rules('<section><a href="https://mp.weixin.qq.com.evil.example/s/x">x</a></section>')).toEqual(['external-link']);
  });

  it('images: the format from the extension or wx_fmt; a local path is fine to paste but not for the API', () => {
    expect(rules('<section><img src="https://x.org/a.svg?v=2" style="max-width:100%"></section>')).toEqual(['image-format']);
    expect(rules('<section><img src="https://mmbiz.qpic.cn/a/0?wx_fmt=webp" style="max-width:100%"></section>')).toEqual(['image-format']);
    expect(rules('<section><img src="figures/a.png" style="max-width:100%"></section>', 'api')).toEqual(['image-host']);
  });

  it('SVG: kept, but its stripped parts, ids and classes are errors; its attributes are not judged as HTML', () => {
    expect(rules('<section><svg viewBox="0 0 2 2" width="20"><rect width="2" height="2" fill="currentColor"></rect></svg></section>')).toEqual([]);
    expect(rules('<section><svg><use href="#a"></use></svg></section>')).toEqual(['svg-stripped']);
    expect(rules('<section><svg class="i"><rect></rect></svg></section>')).toEqual(['svg-stripped']);
  });

  it('pure black in every spelling, only for text colour', () => {
    for (const c of ['#000', '#000000', 'black', 'BLACK', 'rgb(0,0,0)', 'rgb(0 0 0)', 'rgba(0, 0, 0, 1)', 'hsl(0, 0%, 0%)', '#000f']) {
      expect(rules(`<section><p style="color:${c}">a</p></section>`), c).toEqual(['pure-black']);
    }
    for (const c of ['#111', 'rgba(0,0,0,.5)', '#0000', 'rgb(0 0 0 / 50%)', '#1a1a1a']) expect(isPureBlack(c), c).toBe(false);
    expect(rules('<section><p style="background-color:#000;color:#fff">a</p></section>')).toEqual([]);
  });
});

describe('the policy', () => {
  it('judges CSS declarations, with the reason', () => {
    expect(cssViolation('color', '#333')).toBeUndefined();
    expect(cssViolation('POSITION', 'absolute')).toEqual({ rule: 'css-property', why: '"position" does not survive WeChat (no positioning without a stylesheet)' });
    expect(cssViolation('color', 'var(--x)')?.rule).toBe('css-var');
    expect(cssViolation('color', 'red ! important')?.rule).toBe('css-important');
    expect(cssViolation('background', 'u\\72l(x.png)')?.rule).toBe('css-url');
    expect(cssViolation('display', 'table-cell')?.rule).toBe('css-display');
  });

  it('judges attributes and URLs', () => {
    expect(isAllowedAttribute('img', 'src')).toBe(true);
    expect(isAllowedAttribute('a', 'target')).toBe(false);
    expect(isAllowedAttribute('p', 'data-x')).toBe(true);
    expect(isAllowedAttribute('p', 'data-darkmode-color')).toBe(false);
    expect(urlScheme('\u0001 JavaScript:x')).toBe('javascript');
    expect(urlScheme('C:\\a.png')).toBeUndefined();
    expect(isWechatArticleUrl('https://mp.weixin.qq.com/s/x')).toBe(true);
    expect(isWechatArticleUrl('https://weixin.qq.com/s/x')).toBe(false);
  });

  it('parses style attributes, quotes and parentheses included', () => {
    expect(parseStyle("font-family:'A;B',serif; COLOR : #333;background:url(a;b)")).toEqual([
      { prop: 'font-family', value: "'A;B',serif" },
      { prop: 'color', value: '#333' },
      { prop: 'background', value: 'url(a;b)' },
    ]);
  });
});

describe('checkArticle: the limits of draft/add', () => {
  const ids = (a: Parameters<typeof checkArticle>[0]) => checkArticle(a).map((f) => `${f.rule}:${f.severity}`);
  const x = (n: number) => 'x'.repeat(n);

  it('title: warning above 32, error above 64, error when empty', () => {
    expect(ids({ title: x(32) })).toEqual([]);
    expect(ids({ title: x(33) })).toEqual(['title-long:warning']);
    expect(ids({ title: x(64) })).toEqual(['title-long:warning']);
    expect(ids({ title: x(65) })).toEqual(['title-too-long:error']);
    expect(ids({ title: '  ' })).toEqual(['title-empty:error']);
  });

  it('digest ≤ 120, author ≤ 16 characters, read-original URL ≤ 1 KB of UTF-8', () => {
    expect(ids({ title: 't', digest: x(120), author: x(16), sourceUrl: `https://x.org/${x(1010)}` })).toEqual([]);
    expect(ids({ title: 't', digest: x(121), author: '作者名字'.repeat(4) + '吗', sourceUrl: `https://x.org/${'中'.repeat(337)}` })).toEqual([
      'digest-too-long:error',
      'author-too-long:error',
      'source-url-too-long:error',
    ]);
  });

  it('content: the same size limits as checkWechat', () => {
    expect(ids({ title: 't', content: x(19_999) })).toEqual([]);
    expect(ids({ title: 't', content: x(20_000) })).toEqual(['content-too-long:error']);
  });

  it('says what is wrong, by how much, and the fix', () => {
    expect(checkArticle({ title: '一'.repeat(70) })[0]).toEqual({
      rule: 'title-too-long',
      severity: 'error',
      message: 'a title over 64 characters: 70 characters, 6 over. Fix: shorten the title',
      excerpt: `${'一'.repeat(59)}…`,
    });
  });
});

describe('style attributes read as a browser reads them (CSS Syntax Level 3)', () => {
  it('ends a string at a newline, CR or form feed, and reads on after it', () => {
    for (const nl of ['\n', '\r', '\f']) expect(parseStyle(`font-family:'x${nl};position:fixed;top:0`)).toEqual([{ prop: 'position', value: 'fixed' }, { prop: 'top', value: '0' }]);
  });

  it('reads a quote inside a comment as part of the comment', () => {
    expect(parseStyle("color:red/*'*/;position:fixed;top:0")).toEqual([{ prop: 'color', value: 'red' }, { prop: 'position', value: 'fixed' }, { prop: 'top', value: '0' }]);
  });

  it('decodes escapes in names, keeps them in values, and marks !important however it is written', () => {
    expect(parseStyle('posit\\ion:fixed;color:\\72 ed;width:1px ! IMPORTANT')).toEqual([
      { prop: 'position', value: 'fixed' }, { prop: 'color', value: '\\72 ed' }, { prop: 'width', value: '1px!important' },
    ]);
  });

  it('drops what a browser drops: no colon, an unbalanced bracket, a block, a bad url', () => {
    expect(parseStyle('color;margin:0;color:red);width:{1px};background:url( a b );padding:1px')).toEqual([{ prop: 'margin', value: '0' }, { prop: 'padding', value: '1px' }]);
  });

  it.each(HOSTILE_STYLES.map((s) => [s]))('%j: cleanForWechat keeps only allowed declarations, and checkWechat names the others', (style) => {
    const html = `<section><p style="${style.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">x</p></section>`;
    const seen = parseStyle(style);
    const refused = seen.filter((d) => cssViolation(d.prop, d.value) !== undefined);
    const found = checkWechat(html).filter((f) => f.rule.startsWith('css-'));
    expect(found.length).toBe(refused.length);
    const cleaned = cleanForWechat(html);
    const kept = parseStyle(load(cleaned)('p').attr('style') ?? '');
    for (const d of kept) expect(cssViolation(d.prop, d.value), `${d.prop}:${d.value}`).toBeUndefined();
    expect(checkWechat(cleaned).filter((f) => f.rule.startsWith('css-'))).toEqual([]);
  });

  it('refuses functions outside the allow-list, each with its rule', () => {
    expect(cssViolation('background', 'image-set("a.png" 1x)')?.rule).toBe('css-url');
    expect(cssViolation('background', '-WEBKIT-image-set(url(a.png) 1x)')?.rule).toBe('css-url');
    expect(cssViolation('padding-top', 'env(safe-area-inset-top)')?.rule).toBe('css-function');
    expect(cssViolation('color', 'v\\61r(--x)')?.rule).toBe('css-var');
    expect(cssViolation('width', 'calc(100% - 2em)')).toBeUndefined();
    expect(cssViolation('color', 'rgba(0,0,0,.5)')).toBeUndefined();
  });
});
