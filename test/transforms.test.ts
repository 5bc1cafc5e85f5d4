import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../src/render/markdown/engine.js';
import type { MarkdownEnv } from '../src/render/markdown/env.js';
import { MARKDOWN_TRANSFORMS } from '../src/render/markdown/engine.js';
import { cleanForWechat, runWechatTransform, WECHAT_TRANSFORMS } from '../src/wechat/clean.js';
import { checkWechat } from '../src/wechat/check.js';
import { Footnotes, referenceLine } from '../src/wechat/footnotes.js';
import { codeHtml } from '../src/wechat/writers.js';
import type { LinkMode } from '../src/wechat/writers.js';

const DIR = new URL('./fixtures/transforms/', import.meta.url);

/** A small fixed theme, so that these outputs change only when a transformation does. */
const STYLES: Record<string, string> = {
  'body>p': 'margin:0 0 .8em',
  'body>heading': 'font-size:1em',
  'body>quote': 'padding-left:.9em;border-left:3px solid #ddd',
  'body>list': 'margin:0 0 .8em',
  'body>list-row': 'padding-left:1.2em;text-indent:-1.2em',
  'body>sublist': 'text-indent:0',
  'body>code': 'font-family:monospace',
  'body>pre': 'margin:.8em 0',
  'body>code-block': 'display:-webkit-box;overflow-x:auto;white-space:nowrap',
  'body>table-wrap': 'overflow-x:auto',
  'body>table': 'border-collapse:collapse',
  'body>th': 'padding:.3em;border:1px solid #ddd',
  'body>td': 'padding:.3em;border:1px solid #ddd',
  'body>hr': 'border-top:1px solid #ddd',
  'body>a': 'color:#26b',
  'body>fn': 'color:#26b',
  'body>figure': 'text-align:center',
  'body>image': 'max-width:100%',
  'body>caption': 'color:#888',
};

function render(src: string, links: LinkMode): { html: string; text: string } {
  const env: MarkdownEnv = { styles: STYLES, container: 'body', footnotes: new Footnotes(), links, counts: { images: 0 }, lists: [], code: { highlight: true, lineNumbers: false, window: false }, path: 'body', findings: [] };
  const { html, text } = renderMarkdown(src, env);
  const refs = env.footnotes.list.map((f) => referenceLine(f, ': '));
  return { html, text: refs.length ? `${text}\n\nReferences\n${refs.join('\n')}\n` : `${text}\n` };
}

const cases = (folder: string, suffix: string) =>
  readdirSync(new URL(`${folder}/`, DIR)).filter((f) => f.endsWith(suffix)).sort().map((f) => f.slice(0, -suffix.length));

describe('Markdown transformations: input → output files (test/fixtures/transforms/markdown-<name>/)', () => {
  const folders = readdirSync(DIR).filter((f) => f.startsWith('markdown-')).sort();

  it('has a folder for every Markdown transformation', () => {
    expect(folders).toEqual(MARKDOWN_TRANSFORMS.map((t) => `markdown-${t.name}`).sort());
  });

  for (const folder of folders) {
    for (const name of cases(folder, '.md')) {
      it(`${folder}/${name}`, async () => {
        const src = readFileSync(new URL(`${folder}/${name}.md`, DIR), 'utf8');
        const links = (name.match(/^(inline|keep)-/)?.[1] ?? 'footnotes') as LinkMode;
        const { html, text } = render(src, links);
        await expect(html).toMatchFileSnapshot(`./fixtures/transforms/${folder}/${name}.html`);
        await expect(text).toMatchFileSnapshot(`./fixtures/transforms/${folder}/${name}.txt`);
        // Whatever the transformation, WeChat keeps the output (keep mode excepted: it keeps links on purpose).
        const errors = checkWechat(`<section>${html}</section>`).filter((f) => f.severity === 'error' && !(links === 'keep' && f.rule === 'external-link'));
        expect(errors).toEqual([]);
      });
    }
  }
});

describe('clean-up steps: input → output files (test/fixtures/transforms/clean-<name>/)', () => {
  const folders = readdirSync(DIR).filter((f) => f.startsWith('clean-')).sort();

  it('has a folder for every clean-up step, and one for the whole clean-up', () => {
    expect(folders).toEqual([...WECHAT_TRANSFORMS.map((t) => `clean-${t.name}`), 'clean-all'].sort());
  });

  for (const folder of folders) {
    for (const name of cases(folder, '.in.html')) {
      it(`${folder}/${name}`, async () => {
        const input = readFileSync(new URL(`${folder}/${name}.in.html`, DIR), 'utf8').replace(/\n$/, '');
        const step = folder.slice('clean-'.length);
        const links = (name.match(/^(inline|keep)-/)?.[1] ?? 'footnotes') as LinkMode;
        const out = step === 'all' ? cleanForWechat(input, { links }) : runWechatTransform(step, input, { links });
        await expect(`${out}\n`).toMatchFileSnapshot(`./fixtures/transforms/${folder}/${name}.out.html`);
        if (step === 'all') {
          expect(checkWechat(out).filter((f) => f.severity === 'error' && !(links === 'keep' && f.rule === 'external-link'))).toEqual([]);
          expect(cleanForWechat(out, { links })).toBe(out);
        }
      });
    }
  }
});

describe('codeHtml', () => {
  it('writes tabs as 4 spaces, leading spaces and runs as &nbsp;, newlines as <br>, and escapes', () => {
    expect(codeHtml('if x:\n\tgo()  # <now>\r\n\n  end')).toBe(
      'if x:<br>&nbsp;&nbsp;&nbsp;&nbsp;go()&nbsp;&nbsp;# &lt;now&gt;<br><br>&nbsp;&nbsp;end',
    );
  });
});
