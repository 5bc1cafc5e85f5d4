// Math: the corpus of formulas as arXiv abstracts write them, the tiers, what the drawings are
// made of, bad TeX, titles, the plain text, and MathJax staying unloaded when a digest has no math.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { checkWechat, cleanForWechat, renderDigest, type DigestInput } from '../../src/index.js';
import { mathAt, splitMath } from '../../src/render/math/delimiters.js';
import { renderMath } from '../../src/render/math/render-math.js';
import { texToText } from '../../src/render/math/text-tier.js';
import { mathTransform } from '../../src/render/markdown/math.js';
import { MARKDOWN_TRANSFORMS } from '../../src/render/markdown/engine.js';
import { arxivDaily, htmlText } from '../helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const corpus = readFileSync(new URL('../fixtures/math/corpus.md', import.meta.url), 'utf8').trim().split('\n');
const mathDigest: DigestInput = JSON.parse(readFileSync(new URL('../fixtures/digests/math.json', import.meta.url), 'utf8'));

/** Every formula of a line, with its delimiters. */
function formulas(line: string): { tex: string; display: boolean; written: string }[] {
  return splitMath(line).flatMap((p) => ('math' in p ? [{ tex: p.math.tex, display: p.math.display, written: line.slice(p.math.start, p.math.end) }] : []));
}

/** A digest of one item whose abstract is the corpus, one line per paragraph. */
const corpusDigest: DigestInput = { title: 'Corpus', locale: 'en', sections: [{ items: [{ title: 'All formulas', abstract: corpus.join('\n\n') }] }] };

describe('the corpus (test/fixtures/math/corpus.md): formulas as arXiv abstracts write them', () => {
  const all = corpus.flatMap(formulas);
  const result = renderDigest(corpusDigest);

  it('holds at least 30 formulas', () => {
    expect(all.length).toBeGreaterThanOrEqual(30);
  });

  it('renders every one: no $, no \\command, no ^{ or _{ left in what a reader sees, no finding', () => {
    const visible = htmlText(result.html);
    expect(visible).not.toContain('$');
    expect(visible).not.toMatch(/\\[a-zA-Z{}|]/);
    expect(visible).not.toMatch(/[_^]\{/);
    expect(result.warnings).toEqual([]);
    expect(result.stats.math.text + result.stats.math.svg).toBe(all.length);
    expect(result.stats.math.source).toBe(0);
  });

  it('writes every one of them as text, the rotation matrix set in rows and columns', () => {
    expect(result.stats.math).toEqual({ text: 46, svg: 0, source: 0 });
    expect(result.html).toContain('<span style="display:inline-block">cos ϕ<br>sin ϕ</span>');
  });

  it('keeps readable math in the plain text', () => {
    expect(result.text).toContain('O(n log n)');
    expect(result.text).toContain('ℝᵈ');
    expect(result.text).toContain('ε-greedy');
    expect(result.text).not.toMatch(/\\[a-zA-Z]/);
  });
});

describe('the text tier', () => {
  it.each([
    ['\\mathbb{R}^d', 'ℝ<sup><i>d</i></sup>', 'ℝᵈ'],
    ['O(n \\log n)', '<i>O</i>(<i>n</i> log <i>n</i>)', 'O(n log n)'],
    ['\\epsilon', 'ε', 'ε'],
    ['x_i^2', '<i>x</i><sub><i>i</i></sub>²', 'xᵢ²'],
    ['\\frac{a}{b+c}', '<i>a</i>/(<i>b</i>+<i>c</i>)', 'a/(b+c)'],
    ['\\sqrt{n \\log n}', '√(<i>n</i> log <i>n</i>)', '√(n log n)'],
    ['\\mathcal{C}', '𝒞', '𝒞'],
    ['a \\le b', '<i>a</i> ≤ <i>b</i>', 'a ≤ b'],
    ['-x', '−<i>x</i>', '−x'],
  ])('%s → %s', (tex, html, text) => {
    expect(texToText(tex)).toEqual({ html, text });
  });

  it.each(['x^{a^b}', '\\begin{bmatrix}a\\end{bmatrix}', '\\begin{cases}a\\end{cases}', '\\frac{\\frac{a}{b}}{c}', '\\frac{a+b+c+d+e+f+g}{h}', '\\overbrace{x}', '\\frac{a'])('leaves %s to the drawing', (tex) => {
    expect(texToText(tex)).toBeUndefined();
  });

  describe('matrices', () => {
    const columns = (html: string) => [...html.matchAll(/<span style="display:inline-block(?:;margin-left:\.8em)?">(.*?)<\/span>/g)].map((m) => m[1].split('<br>'));

    it('sets a matrix of text cells in columns, one cell per line, the fence drawn by its borders', () => {
      const m = texToText('\\begin{pmatrix} \\cos\\phi & -\\sin\\phi \\\\ \\sin\\phi & \\cos\\phi \\end{pmatrix}')!;
      expect(columns(m.html)).toEqual([['cos ϕ', 'sin ϕ'], ['−sin ϕ', 'cos ϕ']]);
      expect(m.html).toMatch(/^<span style="display:inline-block;vertical-align:middle;[^"]*line-height:1\.4;[^"]*border:solid;border-width:0 \.08em;border-radius:\.6em">/);
      expect(m.text).toBe('(cos ϕ −sin ϕ; sin ϕ cos ϕ)');
    });

    it.each([
      ['vmatrix', 'border:solid;border-width:0 .08em"', '|a b; c d|'],
      ['Vmatrix', 'border:double;border-width:0 3px"', '‖a b; c d‖'],
      ['matrix', 'white-space:nowrap"', 'a b; c d'],
    ])('%s has its own fence', (env, style, text) => {
      const m = texToText(`\\begin{${env}} a & b \\\\ c & d \\end{${env}}`)!;
      expect(m.html).toContain(style);
      expect(m.text).toBe(text);
    });

    it('keeps the rows of every column level: scripts take no room, an empty cell holds its line, a last \\\\ adds no row', () => {
      const m = texToText('\\begin{pmatrix} x_i & 0 \\\\ & y^T \\\\ \\end{pmatrix}')!;
      expect(columns(m.html)).toEqual([['<i>x</i><sub style="line-height:0"><i>i</i></sub>', '\u00a0'], ['0', '<i>y</i><sup style="line-height:0"><i>T</i></sup>']]);
    });

    it.each([
      ['a bracket or brace fence', '\\begin{bmatrix} a \\end{bmatrix}'],
      ['a cell that is not text', '\\begin{pmatrix} x^{a^b} \\end{pmatrix}'],
      ['a matrix in a script', 'A^{\\begin{pmatrix} a \\end{pmatrix}}'],
      ['a matrix in a matrix', '\\begin{pmatrix} \\begin{pmatrix} a \\end{pmatrix} \\end{pmatrix}'],
      ['\\left( … \\right) around a bare matrix', '\\left(\\begin{matrix} a \\\\ b \\end{matrix}\\right)'],
      ['seven rows', `\\begin{pmatrix} ${Array.from({ length: 7 }, (_, i) => i).join(' \\\\ ')} \\end{pmatrix}`],
      ['rows wider than the column', `\\begin{pmatrix} ${Array.from({ length: 5 }, () => '\\alpha_{ij} + \\beta').join(' & ')} \\end{pmatrix}`],
      ['an \\end of another environment', '\\begin{pmatrix} a \\end{vmatrix}'],
    ])('leaves %s to the drawing', (_, tex) => {
      expect(texToText(tex)).toBeUndefined();
    });

    it('are set in display math too, and read loosely in titles as before', () => {
      expect(texToText('\\begin{pmatrix} a \\\\ b \\end{pmatrix}', { display: true })?.text).toBe('(a; b)');
      expect(texToText('\\begin{bmatrix} a \\\\ b \\end{bmatrix}', { loose: true })?.text).toBe('[a; b]');
    });
  });

  it('in display style, leaves fractions and limits to the drawing', () => {
    expect(texToText('\\sum_{i=1}^n i', { display: true })).toBeUndefined();
    expect(texToText('\\frac{1}{2}', { display: true })).toBeUndefined();
    expect(texToText('E = mc^2', { display: true })?.text).toBe('E = mc²');
  });

  it('loose (for titles) always writes something, the source at worst', () => {
    expect(texToText('x^{a^b}', { loose: true })?.text).toBe('x^(aᵇ)');
    expect(texToText('\\frac{a', { loose: true })).toEqual({ html: '\\frac{a', text: '\\frac{a' });
  });
});

describe('delimiters: currency and code are not math', () => {
  it.each([
    ['It costs $5 and $10', []],
    ['from $1.2M to $3.4M', []],
    ['set `$HOME` first', []],
    ['a $ spaced $ b', []],
    ['$x$5', []],
    ['a \\$x$ b', []],
    ['$x$ and $$y$$ and \\(z\\) and \\[w\\]', ['x', 'y', 'z', 'w']],
    ['$5 then $x$', ['x']],
  ])('%s', (src, tex) => {
    expect(splitMath(src).flatMap((p) => ('math' in p ? [p.math.tex] : []))).toEqual(tex);
  });

  it('finds a formula only where one starts', () => {
    expect(mathAt('see $x^2$ here', 4)).toEqual({ start: 4, end: 9, tex: 'x^2', display: false, markup: '$' });
    expect(mathAt('see $x^2$ here', 3)).toBeUndefined();
  });
});

describe('Markdown never acts inside math', () => {
  const md = new MarkdownIt();
  mathTransform.install(md);
  const texOf = (src: string) => md.parseInline(src, {})[0].children!.filter((t) => t.type.startsWith('math_')).map((t) => t.content);

  it.each([
    ['$p^*$ vs $q^*$', ['p^*', 'q^*']],
    ['$\\mathcal{L}_{\\text{CE}} + \\lambda \\mathcal{L}_{\\text{KL}}$', ['\\mathcal{L}_{\\text{CE}} + \\lambda \\mathcal{L}_{\\text{KL}}']],
    ['$\\|x\\|_2$', ['\\|x\\|_2']],
    ['$\\{x : f(x) > 0\\}$', ['\\{x : f(x) > 0\\}']],
    ['$$\\begin{pmatrix} a \\\\ b \\end{pmatrix}$$', ['\\begin{pmatrix} a \\\\ b \\end{pmatrix}']],
    ['$a_1 * b_2$ and *c*', ['a_1 * b_2']],
  ])('%s reaches TeX as written', (src, tex) => {
    expect(texOf(src)).toEqual(tex);
  });

  it('runs before escape and emphasis (it is registered with the other transformations)', () => {
    expect(MARKDOWN_TRANSFORMS.map((t) => t.name)).toContain('math');
    const engine = new MarkdownIt();
    mathTransform.install(engine);
    const rules = (engine.inline.ruler as unknown as { __rules__: { name: string }[] }).__rules__.map((r) => r.name);
    expect(rules.indexOf('math')).toBeLessThan(rules.indexOf('escape'));
    expect(rules.indexOf('math')).toBeLessThan(rules.indexOf('emphasis'));
    expect(rules.indexOf('math')).toBeLessThan(rules.indexOf('backticks'));
  });
});

describe('drawn formulas (SVG tier) are WeChat-safe and compact', () => {
  const drawn = [...corpus.flatMap(formulas), ...['\\boxed{x}', '\\underbrace{a+b}_{n}', '\\text{中文} x^{y^z}', '\\sqrt[5]{x}', '\\binom{n}{k}'].map((tex) => ({ tex, display: false }))]
    .map((f) => ({ ...f, r: renderMath(f.tex, { display: f.display }) }))
    .filter((f) => f.r.tier === 'svg');

  it('draws some formulas', () => {
    expect(drawn.length).toBeGreaterThanOrEqual(5);
  });

  it.each(['id=', 'class=', '<defs', '<use', 'href', '<style', 'data-', 'xmlns', 'width="100%"', 'foreignObject', '<g'])('none holds %s', (part) => {
    for (const f of drawn) expect(f.r.html, f.tex).not.toContain(part);
  });

  it('each has a viewBox, its size and baseline in style, integer coordinates and currentColor', () => {
    for (const f of drawn) {
      const svg = /<svg ([^>]*)>/.exec(f.r.html)![1];
      expect(svg, f.tex).toMatch(/^viewBox="-?\d+ -?\d+ \d+ \d+" fill="currentColor" style="width:[\d.]+ex;height:[\d.]+ex;vertical-align:-?[\d.]+ex"$/);
      for (const [, d] of f.r.html.matchAll(/ d="([^"]*)"/g)) expect(d, f.tex).toMatch(/^M[-\d][-\d mlhvqtcsz]*$/);
      for (const [, c] of f.r.html.matchAll(/ (?:fill|stroke)="([^"]*)"/g)) expect(['currentColor', 'none'], f.tex).toContain(c);
      expect(checkWechat(`<section><p>${f.r.html}</p></section>`, { target: 'api' }), f.tex).toEqual([]);
    }
  });

  it('one path for all the glyphs of one paint', () => {
    for (const f of drawn) expect(f.r.html.match(/<path /g)!.length, f.tex).toBeLessThanOrEqual(2);
  });

  it('writes a \\tag as text, not as MathJax\u2019s full-width drawing', () => {
    const tagged = renderMath('x^{a^b} \\tag{3}', { display: true });
    expect(tagged.tier).toBe('svg');
    expect(tagged.html).toMatch(/<\/svg><\/section><span style="[^"]*">\(3\)<\/span><\/section>$/);
    expect(tagged.text).toBe('x^(aᵇ) (3)');
  });

  it('an inline drawing wider than the column scrolls in its own box', () => {
    const wide = renderMath('\\underbrace{a_1 + a_2 + a_3 + a_4 + a_5 + a_6 + a_7 + a_8 + a_9 + a_{10} + a_{11} + a_{12} + a_{13} + a_{14} + a_{15} + a_{16}}_{n}', { display: false });
    expect(wide.tier).toBe('svg');
    expect(wide.html).toMatch(/^<span style="display:inline-block;max-width:100%;overflow-x:auto;[^"]*"><svg /);
    expect(checkWechat(`<section><p>${wide.html}</p></section>`)).toEqual([]);
    expect(checkWechat(`<section><p>${/<svg.*<\/svg>/.exec(wide.html)![0]}</p></section>`).map((f) => f.rule)).toEqual(['svg-too-wide']);
  });
});

describe('renderDigest with math', () => {
  it('reports the tiers in stats, and the math fixture passes both targets\u2019 checks and the clean-up untouched', () => {
    const result = renderDigest(mathDigest);
    expect(result.stats.math).toEqual({ text: 30, svg: 2, source: 0 });
    expect(result.warnings).toEqual([]);
    expect(checkWechat(result.html, { target: 'api' })).toEqual([]);
    // The clean-up writes an empty <path> as <path/>; nothing else changes.
    expect(cleanForWechat(result.html).replace(/"\/>/g, '"></path>')).toBe(result.html);
  });

  it('shows bad TeX as its source in the code style, with a warning naming the field, and renders the rest', () => {
    const result = renderDigest({
      title: 'Bad TeX',
      sections: [{ items: [{ title: 'One', points: ['fine $x^2$', 'broken $\\frac{a$ here'], abstract: 'Also $\\foo{x}$.' }] }],
    });
    expect(result.stats.math).toEqual({ text: 1, svg: 0, source: 2 });
    expect(result.warnings.map((w) => [w.rule, w.severity, w.source, w.excerpt])).toEqual([
      ['math-invalid', 'warning', 'sections[0].items[0].points[1]', '$\\frac{a$'],
      ['math-invalid', 'warning', 'sections[0].items[0].abstract', '$\\foo{x}$'],
    ]);
    expect(result.warnings[0].message).toBe('TeX that MathJax cannot read: Missing close brace. Fix: correct the TeX (a missing brace, an unknown command); write `\\$` for a dollar sign that is not math');
    expect(result.warnings[1].message).toContain(': Undefined control sequence \\foo. Fix:');
    expect(result.html).toMatch(/broken <code style="[^"]+">\$\\frac\{a\$<\/code> here/);
    expect(result.text).toContain('broken $\\frac{a$ here');
  });

  it('writes math in titles, translated titles, the contents and the summary as text', () => {
    const result = renderDigest({
      title: 'Titles',
      locale: 'en',
      sections: [{ items: [
        { title: 'Regret $\\tilde{O}(\\sqrt{T})$ for bandits', translatedTitle: '$\\mathbb{R}^d$ 上的 $\\frac{x^{a^b}}{2}$', points: ['p'] },
        { title: 'Costs $5 and $10', points: ['q'] },
      ] }],
    });
    const visible = htmlText(result.html);
    expect(visible).not.toMatch(/\\[a-zA-Z]|[_^]\{/);
    expect(result.text).toContain('Regret O\u0303(√T) for bandits');
    expect(result.text).toContain('ℝᵈ 上的 x^(aᵇ)/2');
    expect(result.text).toContain('Costs $5 and $10');
    expect(result.html).not.toContain('<svg');
    // Counted where written: the title in its heading and the contents, the translated title's two in its line and the summary.
    expect(result.stats.math.text).toBe(2 + 2 + 2);
  });

  it('adds what ten inline formulas cost to the reference example (classic)', () => {
    const digest = arxivDaily();
    const ten = ['$O(n \\log n)$', '$\\mathbb{R}^d$', '$\\epsilon$', '$p^*$', '$\\|x\\|_2$', '$O(n^2)$', '$\\alpha = 0.05$', '$10^{-4}$', '$\\gamma \\in (0, 1)$', '$\\ell_1$'];
    const items = digest.sections.flatMap((s) => s.items ?? []);
    ten.forEach((f, i) => {
      const item = items[i % items.length];
      item.oneLiner = `${item.oneLiner ?? ''} ${f}`;
    });
    const plain = renderDigest(arxivDaily()).stats.characters;
    const withMath = renderDigest(digest);
    expect(withMath.stats.math).toEqual({ text: 10, svg: 0, source: 0 });
    // Each formula costs its characters and a few tags: 10 formulas, under 200 characters in all.
    expect(withMath.stats.characters - plain).toBeLessThan(200);
  });
});

describe('MathJax loads only for a digest with math', () => {
  const loaded = (digest: DigestInput) => execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `
    import { createRequire } from 'node:module';
    import { renderDigest } from './src/index.ts';
    renderDigest(${JSON.stringify(digest)});
    const require = createRequire(import.meta.url);
    console.log(Object.keys(require.cache).some((k) => k.includes('mathjax-full')));
  `], { cwd: ROOT, encoding: 'utf8' }).trim();

  it('the reference example (no math) never loads it; a digest with a drawn formula does', () => {
    expect(loaded(arxivDaily())).toBe('false');
    expect(loaded(mathDigest)).toBe('true');
  });
});
