// Real newsletters, as people and language models write them: each validates, renders with no
// raw markup in what a reader sees, keeps every text it was given, and passes the checker.
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { parseDigest, renderDigest, type DigestInput } from '../../src/index.js';
import { newsletterDigests } from '../helpers.js';
import { visibleText } from '../support/visible-text.js';

const NEWSLETTERS = newsletterDigests();

/** Markup a reader must never see: Markdown syntax, HTML tags, angle-bracket addresses. */
const RAW_MARKUP: [string, RegExp][] = [
  ['a Markdown link', /\]\((?:https?|mailto|tel):/],
  ['an HTML tag', /<\/?(?:u|ins|s|del|sup|sub|mark|small|kbd|b|i|strong|em|br|span|font|center|abbr|p|div|img|a)\b[^>]*>/i],
  ['an angle-bracket autolink', /<(?:mailto:|tel:|https?:)?[^\s<>]+[@:][^\s<>]+>/],
  ['Markdown emphasis', /\*\*|__/],
];

const md = new MarkdownIt({ html: true, linkify: false });

/** The words of a Markdown field as a reader would see them: runs of letters, digits and CJK. */
function words(markdown: string): string[] {
  return visibleText(md.render(markdown)).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 2);
}

/** Every text a digest holds: plain fields whole, Markdown fields word by word. */
function inputTexts(d: DigestInput): string[] {
  const out: string[] = [];
  const prose = (s: string | false | undefined) => { if (typeof s === 'string') out.push(...words(s)); };
  prose(d.subtitle); prose(d.intro); prose(d.account?.slogan);
  if (typeof d.summary === 'string') prose(d.summary);
  for (const s of d.sections) {
    if (s.title) out.push(s.title);
    prose(s.intro);
    for (const i of s.items ?? []) {
      out.push(...[i.title, i.translatedTitle, i.tag].filter((x): x is string => Boolean(x)));
      out.push(...(i.authors ?? []), ...(i.affiliations ?? []));
      for (const p of i.points ?? []) prose(typeof p === 'string' ? p : p.text);
      prose(i.oneLiner); prose(i.abstract); prose(i.body); prose(i.credit);
      for (const img of i.images ?? []) prose(img.caption);
      for (const l of i.links ?? []) prose(l.label);
      for (const f of (i as { facts?: { label: string; value: string }[] }).facts ?? []) out.push(f.label, f.value);
    }
  }
  prose(typeof d.footer?.comments === 'string' ? d.footer.comments : undefined);
  prose(d.footer?.text);
  return out;
}

describe.each(NEWSLETTERS)('newsletter %s', (_name, digest) => {
  it('validates, keeping every section and item', () => {
    const parsed = parseDigest(digest);
    expect(parsed.title).toBe(digest.title);
    expect(parsed.sections.map((s) => s.items?.length ?? 0)).toEqual(digest.sections.map((s) => s.items?.length ?? 0));
  });

  for (const theme of ['classic', 'newsletter']) {
    it(`renders in ${theme} with no raw markup, every text kept, and no checker errors but length`, () => {
      const result = renderDigest(digest, { theme });
      const seen = visibleText(result.html);
      for (const [what, pattern] of RAW_MARKUP) expect(seen, `${what} in the visible text`).not.toMatch(pattern);
      const missing = inputTexts(digest).filter((t) => !seen.includes(t.replace(/\s+/g, ' ')));
      expect(missing).toEqual([]);
      // WebP images are errors for paste (the editor refuses them; publish converts them): exactly those.
      const webp = (digest.sections.flatMap((sec) => sec.items ?? []).flatMap((i) => i.images ?? [])).filter((img) => /\.webp$/i.test(img.src));
      const errors = result.warnings.filter((w) => w.severity === 'error' && w.rule !== 'content-too-long');
      expect(errors.filter((w) => w.rule !== 'image-format')).toEqual([]);
      expect(errors.length).toBe(webp.length);
    });
  }
});
