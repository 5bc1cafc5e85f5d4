// Highlighted code in `npm run bench`: the markup it costs over the corpus of real snippets in
// test/fixtures/highlight, the peers' way on the same snippets (highlight.js with its GitHub theme
// CSS inlined by juice), and a digest with 20 code blocks against markdown-it + highlight.js +
// juice over the same document.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import juice from 'juice';
import MarkdownIt from 'markdown-it';
import { renderDigest, type DigestInput } from '../dist/index.js';

const require = createRequire(import.meta.url);
// The peers load highlight.js whole, every language registered.
const hljs = require('highlight.js') as { highlight(code: string, o: { language: string }): { value: string }; getLanguage(n: string): unknown };
const GITHUB_CSS = readFileSync(require.resolve('highlight.js/styles/github.css'), 'utf8');
const CORPUS = new URL('../test/fixtures/highlight/', import.meta.url);

/** The snippets of the corpus: [fence language, code]. */
export function codeCorpus(): [string, string][] {
  return readdirSync(CORPUS)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => [f.slice(0, -4), readFileSync(new URL(f, CORPUS), 'utf8')]);
}

const fence = (lang: string, code: string) => {
  const ticks = code.includes('```') ? '````' : '```';
  return `${ticks}${lang}\n${code.replace(/\n$/, '')}\n${ticks}`;
};
const oneBlock = (lang: string, code: string): DigestInput => ({ title: 'Code', sections: [{ items: [{ title: 'A', body: fence(lang, code) }] }] });
const preOf = (html: string) => html.slice(html.indexOf('<pre'), html.lastIndexOf('</pre>') + 6);
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Characters of the code blocks of the corpus: ours highlighted and plain; the peers' highlighted and plain. */
export function codeMarkup(theme = 'classic'): { snippets: number; ours: number; oursPlain: number; peers: number; peersPlain: number } {
  const sums = { snippets: 0, ours: 0, oursPlain: 0, peers: 0, peersPlain: 0 };
  for (const [lang, code] of codeCorpus()) {
    if (!hljs.getLanguage(lang)) throw new Error(`highlight.js does not know ${lang}`);
    sums.snippets++;
    sums.ours += preOf(renderDigest(oneBlock(lang, code), { theme }).html).length;
    sums.oursPlain += preOf(renderDigest(oneBlock(lang, code), { theme, highlight: false }).html).length;
    const body = code.replace(/\n$/, '');
    sums.peers += juice(`<style>${GITHUB_CSS}</style><pre><code class="hljs">${hljs.highlight(body, { language: lang }).value}</code></pre>`).length;
    sums.peersPlain += juice(`<style>${GITHUB_CSS}</style><pre><code class="hljs">${escape(body)}</code></pre>`).length;
  }
  return sums;
}

/** A digest of 20 items, each with a paragraph and a code block, the languages of the corpus in turn. */
export function twentyBlocks(): DigestInput {
  const corpus = codeCorpus();
  const items = Array.from({ length: 20 }, (_, i) => {
    const [lang, code] = corpus[(i * 7) % corpus.length];
    return { title: `Snippet ${i + 1}: ${lang}`, body: `How it is done in ${lang}:\n\n${fence(lang, code)}` };
  });
  return { title: 'Twenty code blocks', sections: [{ items }] };
}

const md = new MarkdownIt({
  html: true,
  highlight: (code, lang) => (lang && hljs.getLanguage(lang) ? `<pre><code class="hljs">${hljs.highlight(code, { language: lang }).value}</code></pre>` : ''),
});

/** The peers' pipeline over the same document: markdown-it with highlight.js, then juice with the theme's CSS and highlight.js's GitHub CSS. */
export function peersPipeline(digest: DigestInput, themeCss: string): string {
  const markdown = [`# ${digest.title}`, ...digest.sections.flatMap((s) => (s.items ?? []).flatMap((i) => [`### ${i.title}`, i.body ?? '']))].join('\n\n');
  return juice(`<style>${themeCss}\n${GITHUB_CSS}</style><section class="wd">${md.render(markdown)}</section>`);
}

/** Median wall time of `wechat-digest render` of `digest` in a fresh process. */
export function cliColdStartOf(root: string, digest: DigestInput, runs: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'wd-bench-'));
  const file = join(dir, 'digest.json');
  writeFileSync(file, JSON.stringify(digest));
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [join(root, 'bin/wechat-digest.js'), 'render', file, '-o', join(dir, 'out.html')]);
    times.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`wechat-digest render failed: ${String(r.stderr)}`);
  }
  rmSync(dir, { recursive: true, force: true });
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
