/**
 * fast-check arbitraries of valid digests, for property tests.
 *
 * `digestArbitrary()` generates digests the schema accepts, with realistic text (English and
 * Chinese words, names, Markdown with lists, code, quotes, tables and links) and, now and then,
 * the strings that break naive code: spaces at either end, line breaks in a title, Markdown
 * markup in plain text, a body holding a `###` line, control characters. Plug in other string
 * arbitraries through its options, e.g. `digestArbitrary({ text: realisticText })` for text that
 * a reader would type.
 */
import fc from 'fast-check';
import { LABEL_KEYS, type Digest, type DigestImage, type DigestItem, type DigestSection } from '../src/digest/schema.js';
import { isHttpUrl } from '../src/core/urls.js';

const EN_WORDS = [
  'Energy', 'Transformer', 'Symbolic', 'Discovery', 'of', 'Optimization', 'Algorithms', 'Lion', 'Adam',
  'sharpness', 'generalization', 'Long', 'Convolutions', 'for', 'Sequence', 'Modeling', 'the', 'a',
  'Signals', 'proposal', 'reaches', 'stage', '2', 'Bundler', 'is', 'out', 'NeRF', 'GPT-4', 'C++',
  '3D-aware', '88.3%', '2.2×', 'v2.0', "it's", '(ET)', 'state-of-the-art', 'Q V. Le', 'M Müller',
  'D Y. Fu', 'C Ré', 'B v Merriënboer', 'IBM Research', 'Georgia Tech', 'UC Berkeley',
];
const ZH_WORDS = [
  '优化算法', '的', '符号化发现', '能量', '锐度和泛化间关系', '现代视角', '用于序列建模', '简单硬件高效长卷积',
  '基于', '大型语言模型', '指导', '强化学习预训练', '极简智能体框架', '开发工具', '人工智能', '本周',
  '热门项目', '，', '。', '、', '；', '：', '（代码）', '《论文》', '“引号”', '一句话', '要点',
];
/** Pieces that mean something to Markdown or to the format when they stand in plain text. */
const MARKUP_WORDS = [
  '*', '**', '_', '__init__', 'snake_case', '`', '``', '[LG]', '[', ']', '<', '>', '<b>', '&', '&amp;',
  '&#32;', '#', 'C#', '\\', '~~', '|', '!', '![x]', '{.unnumbered}', '{', '}', ':', ',', '1、', '1.',
  '2023、', '- ', '+', '>', '=', '---', '要点：', '作者：', '来源：', 'https://arxiv.org/abs/2302.07253',
  '&copy;', '\\*', '😀', '👩‍💻', 'e\u0301', '\u00a0',
];

const pick = (words: readonly string[]) => fc.constantFrom(...words);
const word = fc.oneof(
  { weight: 6, arbitrary: pick(EN_WORDS) },
  { weight: 4, arbitrary: pick(ZH_WORDS) },
  { weight: 2, arbitrary: pick(MARKUP_WORDS) },
);
const separator = fc.constantFrom(' ', ' ', ' ', '', ', ', ' & ', ' - ', '  ');

/**
 * Realistic one-line plain text as a reader types it (a title, a name, a caption): words and
 * symbols in English and Chinese, Markdown markup included, no spaces at either end, never empty.
 */
export const realisticText: fc.Arbitrary<string> = fc
  .array(fc.tuple(word, separator), { minLength: 1, maxLength: 7 })
  .map((parts) => parts.flatMap(([w, s]) => [w, s]).join('').trim())
  .filter((s) => s.length > 0);

/** Strings that break naive code: edge whitespace, line breaks, tabs, controls, lone surrogates, any code point. */
export const trickyText: fc.Arbitrary<string> = fc.oneof(
  realisticText.map((s) => ` ${s}`),
  realisticText.map((s) => `${s} `),
  realisticText.map((s) => `\t${s}\u3000`),
  fc.tuple(realisticText, realisticText).map(([a, b]) => `${a}\n${b}`),
  fc.tuple(realisticText, realisticText).map(([a, b]) => `${a}\r\n${b}`),
  pick(['#', '###', '## x', '1、x', '3. Results', '[x] y', '- item', '> quote', '**', '\\', '&#10;', '\u0000', '\u000b', '\u0001x', 'a\u2028b', '\ufeffx', 'x #', '{.numbered}', '作者：A', '要点：', '![a](b)']),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }),
  fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 2 }),
);

const text = (tricky: boolean) => (tricky ? fc.oneof({ weight: 4, arbitrary: realisticText }, { weight: 1, arbitrary: trickyText }) : realisticText);

const slug = fc.constantFrom('abc123', 'signals', 'fig-1', 'a_(b)', 'x?y=1&z=2', 'p%20q', '例子', 'a*b*', '<t>', 'back\\slash', 'end)');

/** Valid http(s) URLs: ordinary ones, and some with parentheses, `&`, `*`, `<`, backslashes or non-ASCII. */
export const httpUrl: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 3, arbitrary: fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true }) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom('https://arxiv.org/abs/', 'https://example.com/', 'http://github.com/x/'), slug).map(([a, b]) => a + b) },
  )
  .filter(isHttpUrl);

/** Image sources: http(s) URLs and local files (with spaces, Windows drives, parentheses). */
export const imageSrc: fc.Arbitrary<string> = fc.oneof(
  httpUrl,
  fc.constantFrom('images/fig 1.png', './qr.png', 'C:\\imgs\\cover.jpg', 'figs/(a).png', 'a<b>.png', 'pics/x.png "y"'),
);

const inlineSpan = fc.oneof(
  { weight: 5, arbitrary: realisticText },
  { weight: 1, arbitrary: realisticText.map((s) => `**${s}**`) },
  { weight: 1, arbitrary: realisticText.map((s) => `*${s}*`) },
  { weight: 1, arbitrary: pick(['`npm install`', '`a*b`', '``x ` y``']) },
  { weight: 1, arbitrary: fc.tuple(realisticText, httpUrl).map(([t, u]) => `[${t.replace(/[[\]\\]/g, '')}](${u.replace(/[()\s]/g, '')})`) },
);

/** Realistic inline Markdown on one line (a key point, a one-line summary, a credit). */
export const realisticInline: fc.Arbitrary<string> = fc
  .array(inlineSpan, { minLength: 1, maxLength: 4 })
  .map((spans) => spans.join(' ').trim())
  .filter((s) => s.length > 0);

/** Inline Markdown the format has to protect: line breaks, edge spaces, block markup, label look-alikes. */
export const trickyInline: fc.Arbitrary<string> = fc.oneof(
  trickyText,
  pick(['', '**依赖**：仅需 `fetch`', '**Note**:', '# not a heading', '- a\n- b', '1. one', 'a\n\nb', '要点：', '一句话总结：x', 'line one\nline two', '  indented', 'trailing  ', '```\ncode\n```', '> q']),
);

const codeLine = fc.constantFrom('const count = new Signal.State(0);', '\tcount.set(1);   // tab first', '', '  indented', '```', '### not a heading', 'if (a < b && c) { return "x"; }', '中文注释');
const paragraph = fc.array(realisticInline, { minLength: 1, maxLength: 3 }).map((lines) => lines.map((l) => l.replace(/^[#>=+\-|\d]/, 'x')).join('\n'));
const block = fc.oneof(
  { weight: 6, arbitrary: paragraph },
  { weight: 2, arbitrary: fc.array(realisticInline, { minLength: 1, maxLength: 4 }).map((items) => items.map((i) => `- ${i}`).join('\n')) },
  { weight: 2, arbitrary: fc.array(realisticInline, { minLength: 1, maxLength: 4 }).map((items) => items.map((i, k) => `${k + 1}. ${i}`).join('\n')) },
  { weight: 1, arbitrary: pick(['- 第一层\n  - 第二层\n    - 第三层', '1. Framework authors\n2. Libraries\n   - stores\n   - form state']) },
  { weight: 2, arbitrary: fc.tuple(pick(['js', 'bash', '', 'python']), fc.array(codeLine, { maxLength: 4 })).map(([lang, lines]) => `\`\`\`\`${lang}\n${lines.join('\n')}\n\`\`\`\``) },
  { weight: 1, arbitrary: realisticInline.map((s) => `> ${s}`) },
  { weight: 1, arbitrary: pick(['| Project | v1 | v2 |\n|:--|--:|--:|\n| app | 4.1 s | 0.9 s |', '| 工具 | 速度 |\n|---|---|\n| diff | 1× |']) },
  { weight: 1, arbitrary: realisticText.map((s) => `#### ${s}`) },
  { weight: 1, arbitrary: pick(['---', '***', '![Signal graph](https://mmbiz.qpic.cn/x.png "How it works")']) },
);

/** Realistic block Markdown: paragraphs, lists, fenced code, quotes, tables, small headings. */
export const realisticMarkdown: fc.Arbitrary<string> = fc.array(block, { minLength: 1, maxLength: 4 }).map((blocks) => blocks.join('\n\n'));

/** Block Markdown that looks like the format's own structure, or cannot be written as plain lines. */
export const trickyMarkdown: fc.Arbitrary<string> = fc.oneof(
  trickyInline,
  fc.tuple(realisticMarkdown, pick([
    '### 1、[LG] Not an item', '## Not a section', '要点：\n\n1. not a point', '一句话总结：\nnot a summary',
    '[ref]: https://example.com/ref', '```\nunclosed fence', '```yaml fields\nnumber: 1\n```', '**Bold paragraph**',
    'https://example.com/bare', '[Google]', '作者：A, B', '> a quote', '![img](x.png)', '[Paper](https://arxiv.org)',
    '来源：somewhere', '    indented code', 'Setext\n---', 'Title\n===', '<!-- comment -->', '---\ntitle: x\n---',
    'trailing backslash \\', '\n\nblank lines around\n\n', '   three spaces', '\t tab', 'x\r\ny',
  ]), fc.boolean()).map(([md, odd, first]) => (first ? `${odd}\n\n${md}` : `${md}\n\n${odd}`)),
);

/** Options of `digestArbitrary`. */
export interface DigestArbitraryOptions {
  /** Plain text: titles, names, tags, labels, captions (default: realistic, one in five tricky). */
  text?: fc.Arbitrary<string>;
  /** Block Markdown: intros, abstracts, bodies, footer text. */
  markdown?: fc.Arbitrary<string>;
  /** Inline Markdown: key points, one-line summaries, credits. */
  inline?: fc.Arbitrary<string>;
  /** Links and the read-original URL. */
  url?: fc.Arbitrary<string>;
  maxSections?: number;
  maxItems?: number;
}

/** A record whose keys are all optional except `required`, with a plain prototype like parsed JSON. */
function record<T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }, required: (keyof T)[] = []): fc.Arbitrary<T> {
  return fc.record(model, { requiredKeys: required, noNullPrototype: true }) as fc.Arbitrary<T>;
}

/**
 * Valid digests: every field of the schema, optional fields present about half the time.
 *
 * @example
 * fc.assert(fc.property(digestArbitrary(), (d) => { expect(parseDigest(d)).toStrictEqual(d) }))
 * fc.sample(digestArbitrary({ text: realisticText, markdown: realisticMarkdown, inline: realisticInline }), 1)
 * // → [{ title: 'Energy Transformer 优化算法', sections: [{ items: [{ tag: 'LG', … }] }], … }]
 */
export function digestArbitrary(options: DigestArbitraryOptions = {}): fc.Arbitrary<Digest> {
  const plain = options.text ?? text(true);
  const nonEmpty = plain.filter((s) => s.length > 0);
  const markdown = options.markdown ?? fc.oneof({ weight: 4, arbitrary: realisticMarkdown }, { weight: 1, arbitrary: trickyMarkdown });
  const inline = options.inline ?? fc.oneof({ weight: 4, arbitrary: realisticInline }, { weight: 1, arbitrary: trickyInline });
  const url = options.url ?? httpUrl;
  const tag = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('LG', 'CV', 'CL', 'AI', 'DEV', 'stat.ML') }, { weight: 1, arbitrary: nonEmpty });
  const pixels = fc.integer({ min: 1, max: 2000 });

  const image = record<DigestImage>({ src: imageSrc, alt: plain, caption: plain, width: pixels, height: pixels }, ['src']);
  const point = fc.oneof(
    { weight: 4, arbitrary: inline },
    { weight: 1, arbitrary: fc.record({ label: nonEmpty, text: inline.filter((s) => s.length > 0) }, { noNullPrototype: true }) },
  );
  const item: fc.Arbitrary<DigestItem> = record<DigestItem>({
    number: fc.nat(30),
    tag,
    title: nonEmpty,
    translatedTitle: nonEmpty,
    authors: fc.array(nonEmpty, { maxLength: 6 }),
    affiliations: fc.array(nonEmpty, { maxLength: 3 }),
    points: fc.array(point, { maxLength: 5 }),
    oneLiner: inline,
    abstract: markdown,
    body: markdown,
    url,
    links: fc.array(record({ label: nonEmpty, url }, ['label', 'url']), { maxLength: 3 }),
    images: fc.array(image, { maxLength: 2 }),
    credit: inline,
  }).map((i) => (i.title === undefined && i.translatedTitle === undefined && i.body === undefined ? { title: 'Untitled', ...i } : i));

  const section: fc.Arbitrary<DigestSection> = record<DigestSection>({
    title: nonEmpty,
    intro: markdown,
    numbered: fc.boolean(),
    start: fc.nat(20),
    items: fc.array(item, { maxLength: options.maxItems ?? 4 }),
  }).map((s) => (s.items?.length || s.intro !== undefined || s.title !== undefined ? s : { ...s, items: [{ title: 'Only item' }] }));

  const date = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const labels = record(Object.fromEntries(LABEL_KEYS.map((k) => [k, plain])) as Record<(typeof LABEL_KEYS)[number], fc.Arbitrary<string>>);

  return record<Digest>(
    {
      $schema: fc.constant('../schema/digest.schema.json'),
      title: nonEmpty,
      subtitle: plain,
      date,
      author: plain,
      account: record({ name: nonEmpty, id: nonEmpty, qrCode: imageSrc, slogan: plain }),
      cover: image,
      intro: markdown,
      summary: fc.oneof(plain, fc.constant(false as const)),
      toc: fc.boolean(),
      categories: fc.dictionary(tag.filter((k) => k !== '__proto__'), nonEmpty, { maxKeys: 4, noNullPrototype: true }),
      sections: fc.array(section, { minLength: 1, maxLength: options.maxSections ?? 3 }),
      footer: record({
        endMark: fc.oneof(plain, fc.constant(false as const)),
        qrCode: record({ src: imageSrc, caption: plain, alt: plain }, ['src']),
        comments: fc.oneof(plain, fc.constant(false as const)),
        text: markdown,
      }),
      locale: fc.constantFrom('zh' as const, 'en' as const),
      labels,
      sourceUrl: url,
    },
    ['title', 'sections'],
  );
}
