import { existsSync, readFileSync, statSync } from 'node:fs';
import { load } from 'cheerio/slim';
import { describe, expect, it } from 'vitest';
import { CHECK_RULES, DigestError, listRoles, listThemes, renderDigest, type DigestInput, type Finding } from '../../src/index.js';
import { ArticleWriter } from '../../src/render/article/writer.js';
import { compileTheme } from '../../src/theme/compile.js';
import { roleClass, type MarkdownContainer, type Role, type StyleKey } from '../../src/theme/roles.js';
import { arxivDaily, fixtureDigests } from '../helpers.js';

const ROOT = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');
const IDS = ['classic', 'academic', 'modern', 'newsletter'];
const example = arxivDaily();
const themeFindings = (warnings: Finding[]) => warnings.filter((w) => w.rule.startsWith('theme-') || w.rule.startsWith('css-'));
/** The theme's own accent, as its CSS declares it. */
const defaultAccent = (id: string) => /--wd-accent:\s*([^;]+);/.exec(read(`styles/${id}.css`))![1];
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
const small: DigestInput = { title: 'T', sections: [{ items: [{ title: 'A paper', tag: 'LG', authors: ['A Author'] }] }] };

describe('listThemes', () => {
  it('lists the four built-in themes with a name and a description each', () => {
    const themes = listThemes();
    expect(themes.map((t) => t.id)).toEqual(IDS);
    expect(themes.map((t) => t.name)).toEqual(['Classic', 'Academic', 'Modern', 'Newsletter']);
    for (const t of themes) {
      expect(t.description.length).toBeGreaterThan(40);
      expect(existsSync(new URL(`styles/${t.id}.css`, ROOT))).toBe(true);
    }
  });

  it('returns copies: changing them changes nothing', () => {
    listThemes()[0].name = 'changed';
    expect(listThemes()[0].name).toBe('Classic');
  });

  it('names the built-in themes when an id is unknown, with the nearest one', () => {
    const error = (() => {
      try {
        renderDigest(small, { theme: 'moden' });
      } catch (e) {
        return e as DigestError;
      }
    })();
    expect(error).toBeInstanceOf(DigestError);
    expect(error!.code).toBe('E_INVALID_OPTION');
    expect(error!.message).toBe('theme: "moden" is not a built-in theme; did you mean "modern"? Available: classic, academic, modern, newsletter. For your own CSS pass { css }.');
  });
});

describe.each(IDS)('theme %s', (theme) => {
  const result = renderDigest(example, { theme });
  const $ = load(result.html);

  it('renders the example with nothing removed from the theme', () => {
    expect(themeFindings(result.warnings)).toEqual([]);
  });

  it('writes literal inline styles only: no variables, !important, images, gradients or positioning', () => {
    for (const bad of ['var(', '!important', 'url(', 'gradient(', 'position:', 'float:', 'class=', '<style']) expect(result.html.includes(bad), bad).toBe(false);
  });

  it('gives the root an explicit text colour and the base size', () => {
    const root = $.root().children().first();
    expect(root.attr('style')).toMatch(/^font-size:15px;line-height:[\d.]+;color:#[0-9a-f]{3,6}(;|$)/);
  });

  it('puts backgrounds on containers; an inline element with a background has its own text colour', () => {
    const inline = new Set(['span', 'b', 'strong', 'em', 'code', 'sup', 'a']);
    const withBackground = $('[style*="background"]').toArray();
    for (const el of withBackground) {
      if (inline.has(el.tagName)) expect($(el).attr('style'), `<${el.tagName} style="${$(el).attr('style')}">`).toMatch(/(^|;)color:/);
    }
  });

  it('applies the accent option everywhere the theme uses its accent', () => {
    const accent = defaultAccent(theme);
    const recoloured = renderDigest(example, { theme, accent: '#166534' });
    expect(count(result.html, `:${accent}`)).toBeGreaterThanOrEqual(5);
    expect(count(recoloured.html, ':#166534')).toBe(count(result.html, `:${accent}`));
    expect(recoloured.html).not.toContain(accent);
    expect(themeFindings(recoloured.warnings)).toEqual([]);
  });

  it('applies the fontSize option by the root size alone: everything else is in em', () => {
    for (const fontSize of [14, 17]) {
      const resized = renderDigest(example, { theme, fontSize }).html;
      expect(resized).toBe(result.html.replace('font-size:15px', `font-size:${fontSize}px`));
    }
  });

  it('fits its character in the markup: measured against the example', () => {
    expect(result.stats.characters).toBeGreaterThan(result.stats.textCharacters);
    if (theme === 'classic') expect(result.stats.characters).toBeLessThanOrEqual(20_000);
  });
});

describe('roles as types', () => {
  it('derive from the role tree, so a misspelt role fails the type check', () => {
    // The @ts-expect-error lines are checked by the type check (npm test): each must be an error.
    // @ts-expect-error "titel" is no role
    const misspelt: Role = 'titel';
    // @ts-expect-error a Markdown role is styled per container: "p" alone is no style key
    const bare: StyleKey = 'p';
    // @ts-expect-error the title holds no Markdown
    const notContainer: MarkdownContainer = 'title';
    // @ts-expect-error the article writer takes the roles of the tree only
    expect(new ArticleWriter({}).open('h1', 'titel').html).toBe('<h1>');
    const roles: Role[] = listRoles().map((r) => r.role);
    const styles = compileTheme(read('styles/classic.css')).styles;
    const keys: StyleKey[] = ['title', 'body>p', 'footer-text>code-block', 'intro>fn'];
    const containers: MarkdownContainer[] = ['intro', 'section-intro', 'abstract', 'body', 'footer-text'];
    expect(roles).toContain('title');
    expect(roles).not.toContain(misspelt);
    // The compiled styles are keyed as StyleKey says: Markdown roles by container.
    expect(keys.filter((k) => !(k in styles))).toEqual([]);
    expect(Object.keys(styles)).not.toContain(bare);
    for (const c of containers) expect(Object.keys(styles)).toContain(`${c}>p`);
    expect(Object.keys(styles)).not.toContain(`${notContainer}>p`);
  });
});

describe('theme findings', () => {
  it('use the rule ids of CHECK_RULES: one theme trips every theme rule', () => {
    const css = '@media (max-width:1px){.wd{color:#111}} .wd{color:#333} .wd-title:hover{color:#123} .wd-titel{color:#123} .wd-meta{position:fixed}';
    const { warnings } = compileTheme(css, { accent: '#ffff00', fontSize: 16 });
    const themeRules = Object.entries(CHECK_RULES).filter(([, r]) => r.scope === 'theme').map(([id]) => id);
    expect([...new Set(warnings.map((w) => w.rule))].sort()).toEqual([...themeRules, 'css-property'].sort());
  });
});

describe('numbers and tags', () => {
  it('are drawn as a badge and a chip without punctuation when the theme gives them a background', () => {
    const { html, text } = renderDigest(example, { theme: 'modern' });
    const $ = load(html);
    const title = $('h3').first();
    expect(title.children('span').map((_, s) => $(s).text()).get()).toEqual(['1', 'LG']);
    expect(title.text()).toBe('1LG Symbolic Discovery of Optimization Algorithms');
    expect(text).toContain('1、[LG] Symbolic Discovery of Optimization Algorithms');
  });

  it('keep their punctuation otherwise', () => {
    for (const theme of ['classic', 'academic', 'newsletter']) {
      const $ = load(renderDigest(example, { theme }).html);
      expect($('h3').first().text()).toBe('1、[LG] Symbolic Discovery of Optimization Algorithms');
    }
  });

  it('take the accent tint from the accent option', () => {
    const { html } = renderDigest(example, { theme: 'modern', accent: 'hsl(142,64%,24%)' });
    const chip = load(html)('h3 span').eq(1).attr('style');
    expect(chip).toBe('padding:.1em .4em;border-radius:4px;background:rgba(22,100,51,.1);font-size:.8em;color:hsl(142,64%,24%)');
  });
});

describe('custom themes', () => {
  const render = (css: string, options = {}) => renderDigest(small, { theme: { css }, header: true, ...options });
  const titleStyle = (html: string) => load(html)('h1').attr('style');

  it.each([
    ['.wd-title{position:absolute;color:#123}', 'css-property', '"position: absolute" is removed: "position" does not survive WeChat'],
    ['.wd-title{float:left;color:#123}', 'css-property', '"float: left" is removed'],
    ['.wd-title{display:flex;color:#123}', 'css-display', '"display: flex" is removed: display:flex is unreliable in WeChat'],
    ['.wd-title{border-color:var(--undefined);color:#123}', 'css-var', '"border-color: var(--undefined)" on title is removed: var(--x) is stripped: values must be literal'],
    ['.wd-title{background:url(https://example.com/a.png);color:#123}', 'css-url', 'is removed: images in CSS are dropped, break dark mode, and are fetched from wherever they point'],
    ['.wd-title{background:image-set("https://example.com/a.png" 1x);color:#123}', 'css-url', 'are fetched from wherever they point'],
    ['.wd-title{background:-webkit-image-set(url(https://example.com/a.png) 1x);color:#123}', 'css-url', 'are fetched from wherever they point'],
    ['.wd-title{background:-WebKit-Image-S\\65t("a.png" 1x);color:#123}', 'css-url', 'are fetched from wherever they point'],
    ['.wd-title{padding-top:env(safe-area-inset-top);color:#123}', 'css-function', 'env() is not a function WeChat keeps (allowed: rgb(), rgba(), hsl(), hsla(), calc())'],
    ['.wd-title{background:linear-gradient(#fff,#eee);color:#123}', 'css-gradient', 'is removed: gradients behind text break dark mode'],
    ['.wd-title{width:expression(alert(1));color:#123}', 'css-script', 'is removed: script in CSS is removed'],
    ['.wd-title{font-size:2em !important;color:#123}', 'css-important', '"font-size: 2em !important" is removed: !important fights the reader\'s dark-mode algorithm (.wd-title, line 1)'],
  ])('%s: the declaration is removed with a warning, the rest is kept', (css, rule, message) => {
    const { html, warnings } = render(css);
    expect(titleStyle(html)).toBe('color:#123');
    const found = themeFindings(warnings);
    expect(found.map((w) => w.rule)).toEqual([rule]);
    expect(found[0].message).toContain(message);
    expect(found[0].severity).toBe('warning');
  });

  it.each([
    ['@import url(https://example.com/x.css);\n.wd-title{color:#123}', 'theme-at-rule', '@import is removed: WeChat keeps inline styles only (line 1)'],
    ['@media (max-width:400px){.wd-title{font-size:2em}}\n.wd-title{color:#123}', 'theme-at-rule', '@media is removed: WeChat keeps inline styles only (line 1)'],
    ['.wd-title:hover{font-size:2em}\n.wd-title{color:#123}', 'theme-pseudo', 'selector ".wd-title:hover" is removed: pseudo-classes and pseudo-elements have no effect without a stylesheet (line 1)'],
    ['.wd-title::before{content:"x"}\n.wd-title{color:#123}', 'theme-pseudo', 'selector ".wd-title::before" is removed: pseudo-classes and pseudo-elements have no effect without a stylesheet (line 1)'],
    ['.wd-title:first-child{font-size:2em}\n.wd-title{color:#123}', 'theme-pseudo', 'selector ".wd-title:first-child" is removed: each role is compiled into one inline style, so an element cannot be picked by its position (line 1)'],
  ])('%s: the rule is removed with a warning', (css, rule, message) => {
    const { html, warnings } = render(css);
    expect(titleStyle(html)).toBe('color:#123');
    expect(themeFindings(warnings)).toEqual([{ rule, severity: 'warning', message, excerpt: expect.any(String) }]);
  });

  it('warns about a class that is not a role, suggesting the nearest', () => {
    expect(themeFindings(render('.wd-title[lang="x.y"]{color:#123}').warnings)).toEqual([]);
    const { html, warnings } = render('.wd-titel{color:#123}\n.wd-author{color:#456}');
    expect(titleStyle(html)).toBeUndefined();
    expect(themeFindings(warnings).map((w) => w.message)).toEqual([
      'selector ".wd-titel" styles nothing: .wd-titel is not a role; did you mean .wd-title? (line 1; the roles are listed by listRoles())',
      'selector ".wd-author" styles nothing: .wd-author is not a role; did you mean .wd-authors? (line 2; the roles are listed by listRoles())',
    ]);
  });

  it('resolves variables, with their fallbacks, into literal values', () => {
    const { html, warnings } = render('.wd{--ink:#223;color:var(--ink)}.wd-title{color:var(--none, #345)}');
    expect(load(html)('section').first().attr('style')).toBe('color:#223');
    expect(titleStyle(html)).toBe('color:#345');
    expect(themeFindings(warnings)).toEqual([]);
  });

  it('warns when accent or fontSize would have no effect', () => {
    const { html, warnings } = render('.wd{color:#333;font-size:15px}', { accent: '#16a', fontSize: 16 });
    expect(load(html)('section').first().attr('style')).toBe('color:#333;font-size:15px');
    expect(themeFindings(warnings).map((w) => w.message)).toEqual([
      'accent has no effect: this theme never uses var(--wd-accent)',
      'fontSize has no effect: this theme never uses var(--wd-font-size)',
    ]);
  });

  it('warns about an accent that reads poorly on white or in dark mode, with both ratios', () => {
    const { warnings } = renderDigest(small, { theme: 'classic', accent: '#e91e63' });
    expect(themeFindings(warnings)).toEqual([
      {
        rule: 'theme-accent-contrast',
        severity: 'warning',
        message: "accent #e91e63: text in it reads at 4.3:1 on white and 4.0:1 in the reader's dark mode; text needs 4.5:1. Pick a deeper shade (HSL lightness near 30%), such as #16a or #0f766e",
        excerpt: 'accent: #e91e63',
      },
    ]);
    expect(themeFindings(renderDigest(small, { theme: 'classic', accent: '#2266bb' }).warnings)[0].message).toContain('5.7:1 on white and 3.1:1 in the reader');
    expect(themeFindings(renderDigest(small, { theme: 'classic', accent: '#166534' }).warnings)).toEqual([]);
  });

  it('rejects CSS that cannot be parsed, naming the place', () => {
    expect(() => render('.wd-title{color:#123')).toThrow(DigestError);
    try {
      render('.wd{color:#333}\n.wd-title{color:#123');
    } catch (e) {
      expect((e as DigestError).code).toBe('E_INVALID_THEME');
      expect((e as DigestError).message).toBe('Theme CSS cannot be parsed: Unclosed block at line 2, column 1');
    }
  });

  it('renders examples/custom-theme.css with nothing removed, accent and size options included', () => {
    const css = read('examples/custom-theme.css');
    const result = renderDigest(example, { theme: { css }, header: true });
    expect(themeFindings(result.warnings)).toEqual([]);
    const $ = load(result.html);
    expect($('h1').attr('style')).toBe("font-family:'Songti SC','Noto Serif CJK SC','Source Han Serif SC',serif;margin:0 0 .3em;font-size:1.4em;line-height:1.45;color:#1c1a17");
    expect($('h3 span').eq(1).attr('style')).toBe('padding:0 .3em;border:1px solid #166534;border-radius:3px;font-size:.75em;color:#166534');
    const options = renderDigest(example, { theme: { css }, header: true, accent: '#7a1f2b', fontSize: 16 });
    expect(themeFindings(options.warnings)).toEqual([]);
    expect(options.html).toBe(result.html.replace('font-size:15px', 'font-size:16px').replaceAll('#166534', '#7a1f2b'));
  });
});

describe('the other fixtures', () => {
  it.each(IDS)('%s renders every fixture with nothing removed from the theme', (theme) => {
    for (const [, digest] of fixtureDigests()) expect(themeFindings(renderDigest(digest, { theme }).warnings)).toEqual([]);
  });
});

describe('docs/themes.md', () => {
  const doc = read('docs/themes.md');
  const between = (name: string) => doc.split(`<!-- ${name}:start -->\n`)[1].split(`\n<!-- ${name}:end -->`)[0];

  it('lists every role of listRoles(), in order (update the table between the roles markers when roles change)', () => {
    const table = ['| class | tag | role |', '|---|---|---|', ...listRoles().map((r) => `| \`.${roleClass(r.role)}\` | \`${r.tag}\` | ${r.description.replace(/\|/g, '\\|')} |`)];
    expect(between('roles')).toBe(table.join('\n'));
  });

  it('lists every theme with its name, description and the size of the example, within 2%', () => {
    const rows = between('themes').split('\n').slice(2);
    expect(rows).toHaveLength(listThemes().length);
    listThemes().forEach((t, i) => {
      const cells = rows[i].split(' | ');
      expect(cells.slice(0, 3)).toEqual([`| \`${t.id}\``, t.name, t.description]);
      const documented = Number(cells[3].replace(/[ ,|]/g, ''));
      const measured = renderDigest(example, { theme: t.id }).stats.characters;
      expect(Math.abs(documented - measured) / measured, `${t.id}: documented ${documented}, measured ${measured}`).toBeLessThan(0.02);
    });
  });

  it('shows a light and a dark screenshot of every theme: 375 px at 1.5×, at most 1,600 px tall, under 600 KB', () => {
    for (const t of listThemes()) {
      for (const mode of ['light', 'dark']) {
        const file = `docs/themes/${t.id}-${mode}.png`;
        expect(doc).toContain(`<img src="themes/${t.id}-${mode}.png"`);
        const bytes = readFileSync(new URL(file, ROOT));
        expect(bytes.subarray(1, 4).toString('latin1'), file).toBe('PNG');
        expect(bytes.readUInt32BE(16), `${file} width`).toBe(563);
        expect(bytes.readUInt32BE(20), `${file} height`).toBeLessThanOrEqual(2400);
        expect(statSync(new URL(file, ROOT)).size, file).toBeLessThan(600_000);
      }
    }
  });
});
