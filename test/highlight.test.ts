import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { checkWechat, cleanForWechat, listThemes, renderDigest, type DigestInput, type RenderOptions } from '../src/index.js';
import { renderMarkdown } from '../src/render/markdown/engine.js';
import type { MarkdownEnv } from '../src/render/markdown/env.js';
import { fenceLanguage } from '../src/render/markdown/highlight/block.js';
import { highlightCode, kindOfScope } from '../src/render/markdown/highlight/highlighter.js';
import { CODE_LANGUAGES, findCodeLanguage } from '../src/render/markdown/highlight/languages.js';
import { codeSpans } from '../src/render/markdown/highlight/spans.js';
import { CODE_TOKEN_DESCRIPTIONS, CODE_TOKEN_KINDS, DEFAULT_CODE_PALETTE_CSS } from '../src/theme/code-palette.js';
import { contrastRatio, parseColour, type Rgba } from '../src/wechat/reader/colour.js';
import { compileTheme } from '../src/theme/compile.js';
import { builtinThemeCss } from '../src/theme/themes.js';
import { createReaderDarkmode } from '../src/wechat/reader/darkmode.js';
import { Footnotes } from '../src/wechat/footnotes.js';
import { parseStyle } from '../src/wechat/style.js';
import { codeSnippets, fenced } from './helpers.js';

/** Every snippet of the corpus: the fence's language is the file name. */
const SNIPPETS = codeSnippets();
const CLASSIC = compileTheme(builtinThemeCss('classic')).styles;

function env(styles: Record<string, string> = CLASSIC, code: Partial<MarkdownEnv['code']> = {}): MarkdownEnv {
  return {
    styles, container: 'body', footnotes: new Footnotes(), links: 'footnotes', counts: { images: 0 }, lists: [],
    code: { highlight: true, lineNumbers: false, window: false, ...code }, path: 'sections[0].items[0].body', findings: [],
  };
}

const fence = fenced;

/** The code a browser shows for a code block's HTML: `<br>` as newlines, `&nbsp;` as spaces. */
function shownCode(html: string): string {
  const $ = load(html.replace(/<br>/g, '\n'));
  return $('code').first().text().replace(/\u00a0/g, ' ');
}

const digestWith = (body: string): DigestInput => ({ title: 'Code', sections: [{ items: [{ title: 'Intro' }, { title: 'Snippet', body }] }] });

describe('highlighted code: input → output files (test/fixtures/highlight/<language>.html)', () => {
  it('covers at least 30 languages, among them every language the docs promise', () => {
    expect(CODE_LANGUAGES.length).toBeGreaterThanOrEqual(30);
    const promised = ['rust', 'typescript', 'ts', 'javascript', 'js', 'tsx', 'jsx', 'python', 'py', 'go', 'c', 'cpp', 'java', 'kotlin', 'swift', 'bash', 'sh', 'shell', 'zsh',
      'powershell', 'sql', 'json', 'jsonc', 'yaml', 'toml', 'ini', 'html', 'xml', 'css', 'scss', 'diff', 'dockerfile', 'makefile', 'markdown', 'lua', 'ruby', 'php', 'r', 'haskell', 'nix'];
    expect(promised.filter((name) => !findCodeLanguage(name))).toEqual([]);
    // One snippet per language (and for the aliases that colour differently: tsx, jsx, jsonc, svg).
    expect(CODE_LANGUAGES.map((l) => l.name).filter((name) => !SNIPPETS.some(([n]) => n === name))).toEqual([]);
  });

  for (const [name, code] of SNIPPETS) {
    it(`${name}`, async () => {
      const { html, text } = renderMarkdown(fence(name, code), env());
      await expect(`${html}\n`).toMatchFileSnapshot(`./fixtures/highlight/${name}.html`);
      // The code reads as written, in the HTML and in the plain text.
      const expanded = code.replace(/\t/g, '    ').replace(/\n$/, '');
      expect(shownCode(html)).toBe(expanded);
      expect(text.replace(/\n$/, '')).toBe(code.replace(/\n$/, ''));
      // Inline colours only, from the palette; no language renders plain.
      expect(html).not.toMatch(/class=|var\(|<style|\n/);
      const palette = new Set(CODE_TOKEN_KINDS.map((k) => CLASSIC[`body>code-${k}`]));
      const $ = load(html);
      const spans = $('code span').toArray();
      expect(spans.length).toBeGreaterThan(1);
      for (const span of spans) expect(palette).toContain($(span).attr('style'));
      // Runs of one colour are merged: two spans of one style never follow each other.
      for (const span of spans) {
        const next = span.nextSibling;
        if (next && next.type === 'tag') expect(`${$(next).attr('style')}`).not.toBe($(span).attr('style'));
      }
    });
  }

  it('writes an alias exactly as its language', () => {
    const code = SNIPPETS.find(([n]) => n === 'rust')![1];
    expect(renderMarkdown(fence('rs', code), env()).html).toBe(renderMarkdown(fence('rust', code), env()).html);
    expect(renderMarkdown(fence('Shell', 'echo "$HOME"'), env()).html).toBe(renderMarkdown(fence('bash', 'echo "$HOME"'), env()).html);
    expect(fenceLanguage('ts {1,3}')).toBe('ts');
  });
});

describe('the token writer', () => {
  const style = (kind: string) => `color:#${kind.length.toString(16).repeat(3)}`;

  it('merges a run of one colour across spaces and line breaks, and gives the block colour no span', () => {
    const html = codeSpans([{ text: '// a', kind: 'comment' }, { text: '\n' }, { text: '// b', kind: 'comment' }, { text: ' x' }], style);
    expect(html).toBe('<span style="color:#777">// a<br>// b</span> x');
  });

  it('keeps a run of spaces split between two tokens, and the indentation of every line', () => {
    const html = codeSpans([{ text: 'a ', kind: 'keyword' }, { text: ' b' }, { text: '\n  c', kind: 'string' }], style);
    expect(html).toBe('<span style="color:#777">a&nbsp;</span>&nbsp;b<br><span style="color:#666">&nbsp;&nbsp;c</span>');
  });

  it('escapes the code and never leaves whitespace between two tags', () => {
    const html = codeSpans([{ text: '<a>', kind: 'keyword' }, { text: ' ' }, { text: '"&"', kind: 'string' }], style);
    expect(html).toBe('<span style="color:#777">&lt;a&gt; </span><span style="color:#666">&quot;&amp;&quot;</span>');
    expect(html).not.toMatch(/>\s+</);
  });

  it('maps highlight.js scopes onto the palette kinds, nested scopes included', () => {
    expect(kindOfScope('title.function.invoke')).toBe('title');
    expect(kindOfScope('meta.prompt')).toBe('meta');
    expect(kindOfScope('subst')).toBe('plain');
    expect(kindOfScope('language:css')).toBeUndefined();
    // The code inside ${…} is not coloured as the string around it.
    expect(highlightCode('`a ${b} c`', findCodeLanguage('js')!)).toEqual([
      { text: '`a ', kind: 'string' }, { text: '${b}' }, { text: ' c`', kind: 'string' },
    ]);
  });
});

describe('options and findings', () => {
  const code = 'fn main() {\n    println!("hi");\n}';

  it('warns about an unknown language, naming it and the field, and writes the block plain', () => {
    const result = renderDigest(digestWith(`Before\n\n${fence('brainfk', '+[->+<]')}\n\n${fence('pyhton', 'print(1)')}`));
    expect(result.warnings.filter((w) => w.rule === 'code-language')).toEqual([
      {
        rule: 'code-language', severity: 'warning', excerpt: '```brainfk', source: 'sections[0].items[1].body',
        message: 'code language "brainfk" is not known, so the block is not coloured. Write one of the names listed in docs/themes.md, or "text" for plain code',
      },
      {
        rule: 'code-language', severity: 'warning', excerpt: '```pyhton', source: 'sections[0].items[1].body',
        message: 'code language "pyhton" is not known, so the block is not coloured. Did you mean "python"? Write one of the names listed in docs/themes.md, or "text" for plain code',
      },
    ]);
    expect(load(result.html)('code span').length).toBe(0);
  });

  it('writes `text`, unnamed and indented code plain, without a warning, keeping the code as written', () => {
    const written = 'first line\n\n    indented  twice\n\ttabbed <b>&amp;</b>';
    for (const body of [fence('text', written), fence('', written), `Para\n\n${written.split('\n').map((l) => `    ${l}`).join('\n')}`]) {
      const result = renderDigest(digestWith(body));
      expect(result.warnings).toEqual([]);
      expect(load(result.html)('code span').length).toBe(0);
      expect(shownCode(result.html.slice(result.html.indexOf('<pre')))).toBe(written.replace(/\t/g, '    '));
    }
    const plain = renderDigest(digestWith(fence('text', written))).text;
    expect(plain).toContain(written);
  });

  it('highlight: false writes every block in its one colour', () => {
    const html = renderDigest(digestWith(fence('rust', code)), { highlight: false }).html;
    expect(load(html)('code span').length).toBe(0);
    expect(html).toContain('println!(&quot;hi&quot;);');
  });

  it('lineNumbers: a numbered column, not selectable, beside the lines; the plain text has no numbers', () => {
    const result = renderDigest(digestWith(fence('rust', code)), { lineNumbers: true });
    const $ = load(result.html);
    const [numbers, lines] = $('code').first().children().toArray();
    expect($(numbers).attr('style')).toMatch(/^display:block;-webkit-user-select:none;user-select:none;.*color:#566/);
    expect($(numbers).html()).toBe('1<br>2<br>3');
    expect($(lines).attr('style')).toBe('display:block');
    expect(result.text).toContain(code);
    expect(result.text).not.toMatch(/^1\s*$/m);
  });

  it('codeWindow: a bar above the code with three dots and the language', () => {
    const html = renderDigest(digestWith(fence('rust', code)), { codeWindow: true }).html;
    const bar = load(html)('pre > section').first();
    expect(bar.find('circle').length).toBe(3);
    expect(bar.text()).toBe('rust');
  });

  it('rejects an option that is not true or false', () => {
    expect(() => renderDigest(digestWith('x'), { lineNumbers: 'yes' } as never)).toThrow('options.lineNumbers: expected true or false, received "yes"');
  });

  it.each(['paste', 'api'] as const)('the checker finds nothing in any language, with every option, for %s', (target) => {
    for (const options of [{}, { lineNumbers: true, codeWindow: true }] as RenderOptions[]) {
      for (const [name, snippet] of SNIPPETS) {
        const result = renderDigest(digestWith(fence(name, snippet)), { ...options, target });
        expect(result.warnings, name).toEqual([]);
        expect(checkWechat(result.html, { target }), name).toEqual([]);
        // The clean-up pass has nothing left to change inside the code (it only adds the scrolling to <pre>).
        const code = (html: string) => load(html)('pre').html();
        expect(code(cleanForWechat(result.html)), name).toBe(code(result.html));
      }
    }
  });
});

describe('code palettes', () => {
  const reader = createReaderDarkmode();
  const colour = (style: string, prop: string) => {
    const d = parseStyle(style).filter((x) => x.prop === prop || (prop === 'background-color' && x.prop === 'background')).pop();
    return d ? parseColour(d.value) : undefined;
  };
  const themes: [string, string][] = [
    ...listThemes().map((t): [string, string] => [t.id, builtinThemeCss(t.id)]),
    ['a custom theme without a palette (the default one)', '.wd{color:#333}.wd-pre{background-color:#f5f5f5}'],
  ];

  it.each(themes)('%s: every token colour reads at 4.5:1 on the code background, light and in the reader\u2019s dark mode', (_id, css) => {
    const { styles } = compileTheme(css);
    const light = colour(styles['body>pre'], 'background-color') ?? ([255, 255, 255, 1] as Rgba);
    const dark = reader.background(light);
    const rows = [...CODE_TOKEN_KINDS.map((k) => `code-${k}`), 'code-line-numbers'].map((role) => {
      const c = colour(styles[`body>${role}`] ?? '', 'color');
      if (!c) return `${role}: no colour`;
      const [l, d] = [contrastRatio(c, light), contrastRatio(reader.text(c, dark), dark)];
      return l >= 4.5 && d >= 4.5 ? 'ok' : `${role}: ${l.toFixed(2)}:1 light, ${d.toFixed(2)}:1 dark`;
    });
    expect(rows.filter((r) => r !== 'ok')).toEqual([]);
  });

  it('gives each kind one short colour (#abc where exact) and the built-in themes palettes of their own', () => {
    const palettes = listThemes().map((t) => CODE_TOKEN_KINDS.map((k) => compileTheme(builtinThemeCss(t.id)).styles[`body>code-${k}`]).join(';'));
    expect(new Set(palettes).size).toBe(palettes.length);
    for (const p of [...palettes, DEFAULT_CODE_PALETTE_CSS]) {
      for (const [, hex] of p.matchAll(/#([0-9a-f]{6})\b/g)) expect(hex).not.toMatch(/^(.)\1(.)\2(.)\3$/);
    }
  });
});

describe('loading', () => {
  it('loads highlight.js only for a digest with code naming a language, and only the languages it uses', () => {
    const script = `
      import { createRequire } from 'node:module';
      import { renderDigest } from './src/index.ts';
      const cache = createRequire(import.meta.url).cache;
      const loaded = () => Object.keys(cache).filter((k) => k.includes('/node_modules/highlight.js/')).map((k) => k.split('highlight.js/lib/')[1]).sort();
      const digest = (body) => ({ title: 'T', sections: [{ items: [{ title: 'A', body }] }] });
      renderDigest(digest('\`\`\`\\nplain\\n\`\`\`\\n\\n\`\`\`text\\nx\\n\`\`\`'));
      const before = loaded();
      renderDigest(digest('\`\`\`rust\\nfn main() {}\\n\`\`\`'));
      console.log(JSON.stringify({ before, after: loaded() }));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: fileURLToPath(new URL('..', import.meta.url)) });
    expect(JSON.parse(String(out))).toEqual({ before: [], after: ['core.js', 'languages/rust.js'] });
  });
});

describe('docs/themes.md', () => {
  const doc = readFileSync(new URL('../docs/themes.md', import.meta.url), 'utf8');
  const between = (name: string) => doc.split(`<!-- ${name}:start -->\n`)[1].split(`\n<!-- ${name}:end -->`)[0];

  it('lists every language with its aliases (update the table between the languages markers when they change)', () => {
    const table = ['| language | also written |', '|---|---|', ...CODE_LANGUAGES.map((l) => `| \`${l.name}\` | ${l.aliases.map((a) => `\`${a}\``).join(' ')} |`)];
    expect(between('languages')).toBe(table.join('\n'));
  });

  it('lists every token kind of the palette', () => {
    const table = ['| role | colours |', '|---|---|', ...CODE_TOKEN_KINDS.map((k) => `| \`.wd-code-${k}\` | ${CODE_TOKEN_DESCRIPTIONS[k]} |`)];
    expect(between('code-kinds')).toBe(table.join('\n'));
  });
});
