/**
 * Property tests over digests whose every field holds hostile text: markup and script, quotes
 * and `&`, chat-template tokens, emoji sequences, CJK, bidirectional and zero-width characters,
 * controls, lone surrogates, very long words and deeply nested Markdown.
 *
 * Lone surrogates are generated on purpose: a script that cuts a string with `slice` can split
 * an emoji, and the digest still has to render. They pass through as they are (every property
 * below holds for the JavaScript string); a UTF-8 encoder writes each as U+FFFD.
 */
import { load } from 'cheerio/slim';
import type { Element } from 'domhandler';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../src/core/escape.js';
import { checkWechat, DigestError, listThemes, renderDigest, WECHAT_POLICY, type RenderOptions } from '../src/index.js';
import type { Digest } from '../src/digest/schema.js';
import { parseStyle } from '../src/wechat/check.js';
import { cssViolation } from '../src/wechat/policy.js';
import { digestArbitrary, realisticText } from './arbitraries.js';
import { urlScheme } from '../src/core/urls.js';

/** Pieces that break naive HTML, Markdown, CSS or string handling. */
const HOSTILE_PIECES = [
  // markup, script and attribute breakers
  '<script>alert(1)</script>', '</section>', '<img src=x onerror=alert(1)>', '<a href="javascript:alert(1)">x</a>',
  '<style>*{display:none}</style>', '<!--', '-->', '<![CDATA[', ']]>', '"', "'", '"><b>', "' onmouseover='x", '&', '&amp;',
  '&lt;b&gt;', '&#0;', '&#x6A;avascript:', 'javascript:alert(1)', 'vbscript:msgbox(1)', 'data:text/html,<b>x</b>',
  'style="position:fixed"', 'url(javascript:x)', 'expression(alert(1))', '{{x}}', '${x}', '\\', '`',
  // tokens language models leave behind
  '</think>', '<think>', '<|im_end|>', '<|im_start|>assistant', '<|endoftext|>', '[INST]', '<s>', '</s>',
  // emoji, including ZWJ sequences, flags, keycaps and modifiers
  '😀', '👩‍💻', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🇨🇳', '1️⃣', '👍🏽', '❤️',
  // scripts and widths
  '中文标题', '繁體字', '한국어', '日本語のテキスト', 'ｆｕｌｌｗｉｄｔｈ', 'مرحبا بالعالم', 'שלום', 'e\u0301', 'Z\u0334\u0327a\u0336l\u0337g\u0338o\u0335',
  // direction marks and overrides, zero-width and invisible characters
  '\u202e', '\u202d', '\u2066', '\u2069', '\u200e', '\u200f', '\u200b', '\u200c', '\u200d', '\ufeff', '\u2060', '\u00ad',
  // spaces, line breaks and controls
  '\u00a0', '\u3000', '\u2028', '\u2029', '\t', '\n', '\r\n', '\u0000', '\u0007', '\u001b[31m', '\u007f',
  // lone surrogates
  '\ud800', '\udfff', '\ud83d',
  // Markdown tricks
  '*', '_', '**', '~~', '[x](javascript:alert(1))', '![x](data:image/png;base64,AA)', '<javascript:alert(1)>', '[x]: javascript:y',
  '# ', '> ', '- ', '1. ', '|a|b|', '```', '    ', '[^1]', '\\*',
];

const longWord = fc.integer({ min: 100, max: 1200 }).chain((n) => fc.constantFrom('x', 'ab', '長', '😀', '&').map((w) => w.repeat(n)));

/** `> > > - - 1.` nested as deep as markdown-it goes (its limit is 100 levels) and beyond. */
const deepNesting = fc
  .tuple(fc.array(fc.constantFrom('> ', '- ', '* ', '1. ', '+ '), { minLength: 1, maxLength: 140 }), realisticText)
  .map(([markers, text]) => `${markers.join('')}${text}`);
const deepEmphasis = fc.integer({ min: 1, max: 120 }).map((n) => `${'*'.repeat(n)}x${'*'.repeat(n)} ${'['.repeat(n)}y${']'.repeat(n)}`);

const hostilePiece = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...HOSTILE_PIECES) },
  { weight: 4, arbitrary: realisticText },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: longWord },
);

/** Hostile text: hostile pieces and ordinary words run together. */
const hostileText = fc.array(hostilePiece, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
/** Hostile Markdown: hostile lines, deep nesting, emphasis and links, in paragraphs. */
const hostileMarkdown = fc
  .array(fc.oneof({ weight: 4, arbitrary: hostileText }, { weight: 1, arbitrary: deepNesting }, { weight: 1, arbitrary: deepEmphasis }), { minLength: 1, maxLength: 4 })
  .chain((blocks) => fc.constantFrom('\n', '\n\n').map((sep) => blocks.join(sep)));

const hostileDigest: fc.Arbitrary<Digest> = digestArbitrary({ text: hostileText, markdown: hostileMarkdown, inline: hostileText });
const themes = listThemes().map((t) => t.id);
const options: fc.Arbitrary<RenderOptions> = fc.record(
  {
    theme: fc.constantFrom(...themes),
    links: fc.constantFrom('footnotes' as const, 'inline' as const),
    numbering: fc.constantFrom('restart' as const, 'continue' as const),
    header: fc.boolean(),
  },
  { requiredKeys: ['theme', 'links', 'header'] },
);

const RUNS = { seed: 20_230_215, numRuns: 200 };
/** Findings that are the content's size, not its form: a hostile digest may be long. */
const SIZE_RULES = new Set(['content-too-long', 'content-too-large']);

/**
 * Every plain-text field a reader sees, as typed (verbatim in the text, escaped in the HTML).
 * The title and the meta line are written only with `header` (WeChat shows them above the
 * article); subtitle, slogan, captions, comments and link labels are inline Markdown.
 */
function shownPlainText(d: Digest, header: boolean): string[] {
  const out: string[] = [];
  const account = d.account ?? {};
  if (header) {
    out.push(d.title);
    if (d.author) out.push(d.author);
    if (d.date) out.push(d.date);
    if (account.name) out.push(account.name);
  }
  if (typeof d.summary === 'string') out.push(d.summary);
  const qrBlock = Boolean(d.footer?.qrCode?.src ?? account.qrCode) || account.id !== undefined;
  if (qrBlock && account.id) out.push(account.id);
  if (typeof d.footer?.endMark === 'string') out.push(d.footer.endMark);
  for (const section of d.sections) {
    if (section.title) out.push(section.title);
    for (const item of section.items ?? []) {
      for (const s of [item.title, item.translatedTitle, item.tag, item.url]) if (s) out.push(s);
      if (item.tag && d.categories && Object.hasOwn(d.categories, item.tag)) out.push(d.categories[item.tag]);
      out.push(...(item.authors ?? []), ...(item.affiliations ?? []));
      for (const link of item.links ?? []) out.push(link.url);
      for (const point of item.points ?? []) if (typeof point !== 'string') out.push(point.label);
    }
  }
  return out.filter((s) => s.length > 0);
}

/** Alt texts, which only the HTML holds (in `alt="…"`). */
function altTexts(d: Digest): string[] {
  const alts = [d.cover?.alt, ...d.sections.flatMap((s) => (s.items ?? []).flatMap((i) => (i.images ?? []).map((img) => img.alt)))];
  return alts.filter((a): a is string => Boolean(a));
}

/** What the HTML holds that the policy does not allow: tags, attributes, URL schemes, CSS. */
function outsidePolicy(html: string): string[] {
  const found: string[] = [];
  const $ = load(html, null, false);
  $('*').each((_, node) => {
    const el = node as Element;
    if (!(el.name in WECHAT_POLICY.tags)) found.push(`<${el.name}>`);
    for (const [name, value] of Object.entries(el.attribs)) {
      const allowed = [...WECHAT_POLICY.attributes['*'], ...(WECHAT_POLICY.attributes[el.name] ?? [])];
      if (!allowed.includes(name)) found.push(`${name} on <${el.name}>`);
      if (name === 'href' || name === 'src') {
        const scheme = urlScheme(value);
        if (scheme !== undefined && !WECHAT_POLICY.protocols[name].includes(scheme)) found.push(`${scheme}: in ${name}`);
      }
      if (name === 'style') {
        for (const { prop, value: v } of parseStyle(value)) if (cssViolation(prop, v)) found.push(`${prop}:${v}`);
      }
    }
  });
  return found;
}

describe('the checks the properties rely on', () => {
  it('outsidePolicy finds tags, attributes, schemes and CSS the policy does not allow', () => {
    const html = '<section style="position:fixed;color:#333"><div onclick="x"><a href=" java\tscript:x">a</a><img src="data:image/png;base64,AA" class="c"></div></section>';
    expect(outsidePolicy(html)).toEqual(['position:fixed', '<div>', 'onclick on <div>', 'javascript: in href', 'data: in src', 'class on <img>']);
    expect(outsidePolicy('<section style="color:#333"><a href="https://mp.weixin.qq.com/s/x">a</a><img src="a.png" alt="x"></section>')).toEqual([]);
  });

  it('the hostile text holds what it promises', () => {
    const samples = fc.sample(hostileText, { seed: 1, numRuns: 2000 }).join('');
    for (const piece of ['<script>', '</think>', '<|im_end|>', '👩‍💻', '\u202e', '\u200b', '\ud800', '&', '"']) expect(samples).toContain(piece);
    expect(fc.sample(hostileMarkdown, { seed: 1, numRuns: 500 }).some((md) => md.includes('> - 1. ') || md.includes('- > '))).toBe(true);
  });
});

describe('hostile digests (fast-check, seeded)', () => {
  // One property renders each digest once and checks everything, so that a few hundred runs
  // stay fast; fast-check shrinks a failure to the smallest digest that breaks any of them.
  // Hostile strings are full of `$`: every render also runs their TeX through the text tier and
  // MathJax, which makes this property the slowest test; it gets room for a loaded machine.
  it('render, and the result is WeChat-clean, inside the policy, faithful to the input and deterministic', () => {
    fc.assert(
      fc.property(hostileDigest, options, (digest, opts) => {
        // Renders without throwing (a valid digest never gets a DigestError either).
        const result = renderDigest(digest, opts);
        const { html, text, warnings } = result;
        expect(result.stats.items).toBe(digest.sections.reduce((n, s) => n + (s.items?.length ?? 0), 0));

        // No error from checkWechat, for paste and for the API (images aside: they are uploaded then).
        const errors = (findings: { rule: string; severity: string }[], aside: string[] = []) =>
          findings.filter((f) => f.severity === 'error' && !SIZE_RULES.has(f.rule) && !aside.includes(f.rule)).map((f) => `${f.rule}`);
        expect(errors(warnings), 'render warnings').toEqual([]);
        expect(errors(checkWechat(html, { target: 'paste' })), 'paste').toEqual([]);
        expect(errors(checkWechat(html, { target: 'api' }), ['image-host']), 'api').toEqual([]);

        // Nothing outside the policy.
        expect(outsidePolicy(html), 'outside the policy').toEqual([]);
        expect(html.startsWith('<section') && html.endsWith('</section>'), 'one root section').toBe(true);

        // Every plain-text field verbatim in the text, escaped in the HTML.
        for (const s of shownPlainText(digest, opts.header === true)) {
          expect(text, 'text').toContain(s);
          expect(html, 'html').toContain(escapeHtml(s));
        }
        for (const alt of altTexts(digest)) expect(html, 'alt').toContain(`alt="${escapeHtml(alt)}"`);

        // The same bytes again, from a copy of the data.
        const again = renderDigest(structuredClone(digest), { ...opts });
        expect(again.html === html && again.text === text, 'deterministic').toBe(true);
        expect(again.warnings).toEqual(warnings);
      }),
      RUNS,
    );
  }, 90_000);

  it('with links kept as <a>, add only external-link errors', () => {
    fc.assert(
      fc.property(hostileDigest, (digest) => {
        const { warnings } = renderDigest(digest, { links: 'keep' });
        const errors = warnings.filter((f) => f.severity === 'error' && !SIZE_RULES.has(f.rule)).map((f) => f.rule);
        expect(errors.filter((r) => r !== 'external-link')).toEqual([]);
      }),
      { ...RUNS, numRuns: 100 },
    );
  });
});

describe('broken digests (fast-check, seeded)', () => {
  /** A valid digest with one value somewhere replaced by anything at all. */
  const broken = fc.tuple(digestArbitrary(), fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }), fc.nat(), fc.nat());
  const paths = (value: unknown, at: (string | number)[] = []): (string | number)[][] => {
    if (value === null || typeof value !== 'object') return [at];
    return [at, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...at, Array.isArray(value) ? Number(k) : k]))];
  };

  it('throw DigestError E_INVALID_DIGEST with a path that exists in the input, or render', () => {
    fc.assert(
      fc.property(broken, ([digest, junk, pick]) => {
        const all = paths(digest).filter((p) => p.length > 0);
        const path = all[pick % all.length];
        const input = structuredClone(digest) as Record<string | number, unknown>;
        let at = input;
        for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
        at[path[path.length - 1]] = junk;
        try {
          const result = renderDigest(input as never);
          expect(typeof result.html).toBe('string');
        } catch (e) {
          expect(e).toBeInstanceOf(DigestError);
          const error = e as DigestError;
          expect(error.code).toBe('E_INVALID_DIGEST');
          expect(error.problems.length).toBeGreaterThan(0);
          expect(error.message.split('\n')).toHaveLength(error.problems.length + 1);
          expect(error.message).not.toMatch(/^\s+at /m);
        }
      }),
      RUNS,
    );
  });

  it('throw only DigestError for any value at all, and for any options', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBigInt: true }), fc.anything(), (value, opts) => {
        for (const call of [() => renderDigest(value as never), () => renderDigest({ title: 'x', sections: [{ items: [{ title: 'y' }] }] }, opts as never)]) {
          try {
            call();
          } catch (e) {
            expect(e).toBeInstanceOf(DigestError);
          }
        }
      }),
      RUNS,
    );
  });
});
