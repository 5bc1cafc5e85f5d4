// The CommonMark spec's own examples (npm `commonmark-spec`), each as the body of an item: what
// a reader sees of our output must be what a reader sees of the spec's expected HTML (list
// numbers included; footnote markers and the references block are ours and left out).
import { load } from 'cheerio';
import MarkdownIt from 'markdown-it';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { LOCALES, renderDigest, WECHAT_POLICY } from '../../src/index.js';
import { visibleText } from '../support/visible-text.js';

interface SpecExample { markdown: string; html: string; section: string; number: number }
const spec = createRequire(import.meta.url)('commonmark-spec') as { tests: SpecExample[] };
// The spec writes tabs as →.
const EXAMPLES = spec.tests.map((t) => ({ ...t, markdown: t.markdown.replace(/→/g, '\t'), html: t.html.replace(/→/g, '\t') }));

// An example holds raw HTML when markdown-it renders it differently with HTML on and off.
const withHtml = new MarkdownIt({ html: true });
const withoutHtml = new MarkdownIt({ html: false });
const hasRawHtml = (markdown: string) => withHtml.render(markdown) !== withoutHtml.render(markdown);

const START = 'VISIBLESTART';
const END = 'VISIBLEEND';

/** What a reader sees of `markdown` rendered as an item body, without our footnote apparatus. */
function ourVisibleText(markdown: string): string {
  const { html } = renderDigest({
    title: 'T',
    summary: false,
    toc: false,
    footer: { endMark: false, comments: false },
    sections: [{ numbered: false, items: [{ body: START }, { body: markdown }, { body: END }] }],
  });
  const $ = load(html, null, false);
  $('sup').filter((_, el) => /^\[\d+\]$/.test($(el).text())).remove();
  $('b').filter((_, el) => $(el).text() === LOCALES.zh.labels.references).parent().remove();
  const text = visibleText($.html());
  const from = text.indexOf(START) + START.length;
  return text.slice(from, text.indexOf(END, from)).trim()
    // Our list rows write the source's delimiter (`3)`); a browser shows `3.` for every <ol>.
    .replace(/(^|\s)(\d{1,9})\)(?=\s|$)/g, '$1$2.')
    .replace(/[◦▪]/g, '•');
}

const plain = EXAMPLES.filter((e) => e.section !== 'Images' && !hasRawHtml(e.markdown));

describe('CommonMark spec examples without raw HTML, as item bodies', () => {
  it('covers the spec (a sanity check on the selection)', () => {
    expect(EXAMPLES.length).toBe(652);
    expect(plain.length).toBeGreaterThan(500);
  });

  it.each(plain.map((e) => [e.number, e.section, e] as const))('example %i (%s)', (_n, _s, example) => {
    expect(ourVisibleText(example.markdown)).toBe(visibleText(example.html));
  });
});

// Raw HTML whose every tag the WeChat policy keeps or renames (no comments, declarations or
// processing instructions): the sanitiser keeps its meaning, so a reader sees what the spec shows.
const KEPT = new Set([...Object.keys(WECHAT_POLICY.tags), ...Object.keys(WECHAT_POLICY.renamed)]);
const tagsOf = (markdown: string) => [...markdown.matchAll(/<\/?([A-Za-z][A-Za-z0-9-]*)/g)].map((m) => m[1].toLowerCase());
const keptHtml = EXAMPLES.filter((e) => {
  if (e.section === 'Images' || !hasRawHtml(e.markdown) || /<!--|<\?|<!\[|<![A-Z]/.test(e.markdown)) return false;
  const tags = tagsOf(e.markdown);
  return tags.length > 0 && tags.every((t) => KEPT.has(t));
});

describe('CommonMark spec examples with raw HTML the policy keeps, as item bodies', () => {
  it('covers the raw-HTML examples (a sanity check on the selection)', () => {
    expect(keptHtml.length).toBeGreaterThan(40);
  });

  it.each(keptHtml.map((e) => [e.number, e.section, e] as const))('example %i (%s)', (_n, _s, example) => {
    expect(ourVisibleText(example.markdown)).toBe(visibleText(example.html));
  });
});
