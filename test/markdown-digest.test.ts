import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DigestError, digestToMarkdown, parseDigest, parseMarkdownDigest, renderDigest, type DigestInput } from '../src/index.js';
import { digestArbitrary, realisticInline, realisticMarkdown, realisticText, trickyInline, trickyMarkdown, trickyText } from './arbitraries.js';
import { arxivDaily, EXAMPLES, FIXTURES, fixtureDigests } from './helpers.js';

const MARKDOWN = new URL('markdown/', FIXTURES);
const read = (name: string) => readFileSync(new URL(name, MARKDOWN), 'utf8');

/** The error a function throws, or a failure when it does not throw one. */
function thrown(f: () => unknown): DigestError {
  try {
    f();
  } catch (error) {
    if (error instanceof DigestError) return error;
    throw error;
  }
  throw new Error('expected a DigestError');
}

const doc = (body: string, front = 'title: Daily') => `---\n${front}\n---\n\n${body}\n`;

describe('the reference post in Markdown: examples/arxiv-daily.md', () => {
  const { $schema: _editorHint, ...json } = arxivDaily();
  const markdown = readFileSync(new URL('arxiv-daily.md', EXAMPLES), 'utf8');

  it('reads as the same digest as examples/arxiv-daily.json', () => {
    expect(parseMarkdownDigest(markdown)).toStrictEqual(parseDigest(json));
  });

  it('renders to exactly the same HTML and text as the JSON example', () => {
    const fromMarkdown = renderDigest(parseMarkdownDigest(markdown));
    const fromJson = renderDigest(arxivDaily());
    expect(fromMarkdown.html).toBe(fromJson.html);
    expect(fromMarkdown.text).toBe(fromJson.text);
  });

  it('is exactly what digestToMarkdown writes for the JSON example', () => {
    expect(digestToMarkdown(json)).toBe(markdown);
  });

  it('reads like the post: byline, bold translated title, 要点, 一句话总结, quoted abstract, link', () => {
    expect(markdown).toContain(
      '### 2、[LG] Energy Transformer\n\nB Hoover, Y Liang, B Pham, R Panda, H Strobelt, D H Chau, M J. Zaki, D Krotov\n[IBM Research & RPI & Georgia Tech]\n\n**能量Transformer**\n\n要点：\n\n1. 能量Transformer(ET)用一个大型关联记忆模型取代了前馈 Transformer 块的序列;\n',
    );
    expect(markdown).toContain('一句话总结：\n能量Transformer(ET)是一种新的 Transformer 结构');
    expect(markdown).toContain('\n\n> Transformers have become the de facto models');
    expect(markdown).toContain('task.\n\nhttps://arxiv.org/abs/2302.07253\n\n### 3、[LG]');
    expect(markdown).toContain('\n\n## 另外几篇值得关注的论文： {.unnumbered}\n\n### [LG] In Search for a Generalizable Method');
    expect(markdown).not.toContain('yaml fields');
  });
});

const digests: [string, DigestInput][] = [...fixtureDigests(), ['tricky', JSON.parse(read('tricky.json'))]];

describe.each(digests)('round trip: %s', (name, input) => {
  const markdown = digestToMarkdown(input);

  it(`writes the reviewed file test/fixtures/markdown/${name}.md`, async () => {
    await expect(markdown).toMatchFileSnapshot(`./fixtures/markdown/${name}.md`);
  });

  it('reads back deep-equal to the digest', () => {
    expect(parseMarkdownDigest(markdown)).toStrictEqual(parseDigest(input));
  });
});

describe('hand-written Markdown', () => {
  it('reads the lenient forms: bold labels, English labels in a zh digest, labels on the line, wrapped authors, <url>', () => {
    expect(parseMarkdownDigest(read('hand-written.md'))).toStrictEqual(JSON.parse(read('hand-written.json')));
  });

  it('reads CRLF line breaks and a byte-order mark like LF', () => {
    const lf = read('hand-written.md');
    expect(parseMarkdownDigest(`\uFEFF${lf.replace(/\n/g, '\r\n')}`)).toStrictEqual(parseMarkdownDigest(lf));
  });
});

describe('docs/markdown-format.md', () => {
  it('its complete example reads as the digest it describes', () => {
    const docs = readFileSync(new URL('../docs/markdown-format.md', import.meta.url), 'utf8');
    const example = docs.slice(docs.indexOf('```markdown\n') + 12, docs.indexOf('\n```\n', docs.indexOf('```markdown\n')) + 1);
    const digest = parseMarkdownDigest(example);
    expect(digest.sections.map((s) => [s.title, s.numbered, s.items?.map((i) => [i.tag, i.title, i.translatedTitle, i.url])])).toStrictEqual([
      [undefined, undefined, [['LG', 'Symbolic Discovery of Optimization Algorithms', '优化算法的符号化发现', 'https://arxiv.org/abs/2302.06675']]],
      ['另外几篇值得关注的论文：', false, [['CV', '3D-aware Blending with Generative NeRFs', '基于生成式NeRF的3D感知混合', 'https://arxiv.org/abs/2302.06608']]],
    ]);
    expect(digest.sections[0].items![0]).toMatchObject({
      authors: ['X Chen', 'C Liang', 'D Huang', 'Q V. Le'],
      affiliations: ['Google'],
      points: ['提出一种通过程序搜索发现优化算法的方法;', { label: '内存', text: 'Lion 只跟踪动量。' }],
      oneLiner: '程序搜索发现了 Lion,一种内存高效的优化算法。',
      links: [{ label: 'Code', url: 'https://github.com/google/automl' }],
    });
  });
});

describe('the examples of the API documentation', () => {
  it('parseMarkdownDigest and digestToMarkdown', () => {
    const markdown = '---\ntitle: Daily\n---\n\n### 1、[LG] Energy Transformer\n\nhttps://arxiv.org/abs/2302.07253\n';
    const digest = { title: 'Daily', sections: [{ items: [{ tag: 'LG', title: 'Energy Transformer', url: 'https://arxiv.org/abs/2302.07253' }] }] };
    expect(parseMarkdownDigest(markdown)).toStrictEqual(digest);
    expect(digestToMarkdown(digest)).toBe(markdown);
    expect(thrown(() => parseMarkdownDigest('---\ntitle: Daily\n---\n\nNo items yet.\n')).message).toMatch(/^Invalid Markdown digest:\n  ✖ line 4: no items: write each item under a ### heading/);
  });
});

describe('item headings and numbers', () => {
  const items = (markdown: string) => parseMarkdownDigest(doc(markdown)).sections.map((s) => s.items);

  it('a number is the item’s own only when it differs from the running number of a numbered section', () => {
    expect(items('### 1、A\n\n### 2、B\n\n### 5、C\n\n### 6、D\n\n### E')).toStrictEqual([
      [{ title: 'A' }, { title: 'B' }, { number: 5, title: 'C' }, { title: 'D' }, { title: 'E' }],
    ]);
  });

  it('the running number starts at the section’s start, and every number of an unnumbered section is the item’s own', () => {
    expect(items('## One {start=3}\n\n### 3、A\n\n### 4、B\n\n## Two {.unnumbered}\n\n### 1. C\n\n### D')).toStrictEqual([
      [{ title: 'A' }, { title: 'B' }],
      [{ number: 1, title: 'C' }, { title: 'D' }],
    ]);
  });

  it('reads number, tag and title, and takes the title as the text a Markdown viewer shows', () => {
    expect(items('### 2、[stat.ML] Lion: *EvoLved* Sign &amp; \\[Momentum\\] \\#')).toStrictEqual([[{ number: 2, tag: 'stat.ML', title: 'Lion: EvoLved Sign & [Momentum] #' }]]);
    expect(items('### 3.5 Sonnet, a title that starts with a number')).toStrictEqual([[{ title: '3.5 Sonnet, a title that starts with a number' }]]);
  });

  it('writes the number an item shows, and an own number equal to the running one in the fields block', () => {
    const markdown = digestToMarkdown({ title: 'D', sections: [{ items: [{ number: 1, title: 'A' }, { number: 7, title: 'B' }, { title: 'C' }] }] });
    expect(markdown).toBe('---\ntitle: D\n---\n\n### 1、A\n\n```yaml fields\nnumber: 1\n```\n\n### 7、B\n\n### 8、C\n');
  });

  it('escapes what a heading would read as markup, a number or a closing sequence', () => {
    const markdown = digestToMarkdown({ title: 'D', sections: [{ numbered: false, items: [{ title: '2023、回顾 *draft* [v2] C#' }, { tag: 'a]b', title: ' 前后空格 ' }] }] });
    expect(markdown).toContain('\n### &#50;023、回顾 \\*draft\\* \\[v2\\] C\\#\n');
    expect(markdown).toContain('\n### [a\\]b] &#32;前后空格&#32;\n');
  });
});

describe('labels', () => {
  it('recognises the labels of both locales whatever the digest’s locale, and the digest’s own labels', () => {
    const item = (front: string, body: string) => parseMarkdownDigest(doc(`### A\n\n${body}`, `title: D\n${front}`)).sections[0].items![0];
    const en = 'Key points:\n\n1. one\n\nIn one sentence: short';
    const zh = '要点：\n\n1. one\n\n一句话总结：short';
    expect(item('locale: zh', en)).toStrictEqual({ title: 'A', points: ['one'], oneLiner: 'short' });
    expect(item('locale: en', zh)).toStrictEqual({ title: 'A', points: ['one'], oneLiner: 'short' });
    expect(item('labels:\n  points: Highlights', 'Highlights:\n\n1. one')).toStrictEqual({ title: 'A', points: ['one'] });
    expect(item('', '**作者：**Ada, Bob\n\n**要点：**\n- one\n\n**一句话总结：** short\n\n**来源：**@ada')).toStrictEqual({
      title: 'A', authors: ['Ada', 'Bob'], points: ['one'], oneLiner: 'short', credit: '@ada',
    });
  });

  it('writes the labels of the digest’s locale, or its own labels', () => {
    const item = { title: 'A', authors: ['Ada'], points: ['one', { label: 'Why', text: 'two' }], oneLiner: 'short', credit: 'via @ada' };
    expect(digestToMarkdown({ title: 'D', locale: 'en', sections: [{ items: [item] }] })).toBe(
      '---\ntitle: D\nlocale: en\n---\n\n### 1. A\n\nAuthors: Ada\n\nKey points:\n\n1. one\n2. **Why**: two\n\nIn one sentence:\nshort\n\nVia: via @ada\n',
    );
    expect(digestToMarkdown({ title: 'D', labels: { points: '亮点', credit: '出处' }, sections: [{ items: [item] }] })).toBe(
      '---\ntitle: D\nlabels:\n  points: 亮点\n  credit: 出处\n---\n\n### 1、A\n\n作者：Ada\n\n亮点：\n\n1. one\n2. **Why**：two\n\n一句话总结：\nshort\n\n出处：via @ada\n',
    );
  });
});

describe('Markdown fields are kept byte for byte', () => {
  const body = [
    'Install:',
    '',
    '```bash',
    '\tnpm install tiny-agents   ',
    '',
    '',
    '```',
    '',
    '1. one',
    '   - nested',
    '     - deeper',
    '',
    '#### A small heading',
    '',
    '> a quote',
    '',
    '| a | b |',
    '|---|---|',
    '| 1 | 2 |',
    '',
    'Trailing spaces make a break  ',
    'here.',
  ].join('\n');

  it('writes a body with code, lists, headings and tables as plain Markdown and reads it back exactly', () => {
    const digest = { title: 'D', sections: [{ items: [{ title: 'A', body, abstract: 'Line one\n\n> nested quote\n\n    indented code' }] }] };
    const markdown = digestToMarkdown(digest);
    expect(markdown).toBe(`---\ntitle: D\n---\n\n### 1、A\n\n> Line one\n>\n> > nested quote\n>\n>     indented code\n\n${body}\n`);
    expect(parseMarkdownDigest(markdown)).toStrictEqual(digest);
  });

  it('moves what would be misread into the fields block: a ### line, a 要点： paragraph, a trailing URL', () => {
    const tricky = (b: string) => digestToMarkdown({ title: 'D', sections: [{ items: [{ title: 'A', body: b }] }] });
    expect(tricky('Text\n\n### Not an item')).toBe('---\ntitle: D\n---\n\n### 1、A\n\n```yaml fields\nbody: |-\n  Text\n\n  ### Not an item\n```\n');
    expect(tricky('Text\n\n要点：\n\n1. mine')).toContain('```yaml fields\nbody: |-\n  Text\n\n  要点：\n\n  1. mine\n```');
    expect(tricky('Read more:\n\nhttps://example.com/x')).toContain('```yaml fields\nbody: |-\n');
    expect(tricky('要点：x')).toBe('---\ntitle: D\n---\n\n### 1、A\n\n要点：x\n');
  });

  it('keeps the digest intro in the front matter when the text could not hold it', () => {
    expect(digestToMarkdown({ title: 'D', intro: '\nstarts with a blank line', sections: [{ items: [{ title: 'A' }] }] })).toBe(
      '---\ntitle: D\nintro: |-\n  \n  starts with a blank line\n---\n\n### 1、A\n',
    );
  });
});

describe('errors', () => {
  const corpus = read('errors.txt').split('\n');
  const cases: { name: string; input: string; message: string }[] = [];
  for (let i = corpus.indexOf('') + 1; i < corpus.length; ) {
    if (!corpus[i]) {
      i++;
      continue;
    }
    const name = corpus[i];
    const input: string[] = [];
    const message: string[] = [];
    for (i += 2; corpus[i] !== '.'; i++) input.push(corpus[i]);
    for (i++; corpus[i] !== '.'; i++) message.push(corpus[i]);
    cases.push({ name, input: `${input.join('\n')}\n`, message: `Invalid Markdown digest:\n${message.join('\n')}` });
    i++;
  }

  it('the corpus has every case', () => {
    expect(cases).toHaveLength(30);
  });

  it.each(cases)('$name', ({ input, message }) => {
    const error = thrown(() => parseMarkdownDigest(input));
    expect(error.code).toBe('E_INVALID_MARKDOWN');
    expect(error.message).toBe(message);
  });

  it('lists every schema problem with its line, in problems and details', () => {
    const error = thrown(() => parseMarkdownDigest(doc('### A\n\n[Code](ftp://x)\n\n### B\n\n![x](data:image/png;base64,AA)', 'title: D\ndate: tomorrow')));
    expect(error.problems).toStrictEqual([
      { path: 'date', message: 'line 3: expected a date as YYYY-MM-DD, e.g. 2023-02-15' },
      { path: 'sections[0].items[0].links[0].url', message: 'line 8: expected an http(s) URL such as https://example.com/page, or a mailto: or tel: address' },
      { path: 'sections[0].items[1].images[0].src', message: 'line 12: "data:" images are not allowed; use an http(s) URL or a local file path' },
    ]);
    expect(error.details).toStrictEqual({ lines: [3, 8, 12] });
  });

  it('says what it expected when given something else than text', () => {
    expect(thrown(() => parseMarkdownDigest(42 as unknown as string)).message).toBe('Invalid Markdown digest: expected the text of a Markdown file, received number');
  });

  it('digestToMarkdown validates first', () => {
    expect(thrown(() => digestToMarkdown({ title: '', sections: [] })).code).toBe('E_INVALID_DIGEST');
  });
});

describe('properties', () => {
  it('the arbitrary generates valid digests', () => {
    fc.assert(
      fc.property(digestArbitrary(), (d) => {
        expect(parseDigest(d)).toStrictEqual(d);
      }),
      { numRuns: 200 },
    );
  });

  it('parseMarkdownDigest(digestToMarkdown(d)) deep-equals d', () => {
    fc.assert(
      fc.property(digestArbitrary(), (d) => {
        expect(parseMarkdownDigest(digestToMarkdown(d))).toStrictEqual(d);
      }),
      { numRuns: 200 },
    );
  });

  it('… with realistic strings only', () => {
    const realistic = digestArbitrary({ text: realisticText, markdown: realisticMarkdown, inline: realisticInline });
    fc.assert(
      fc.property(realistic, (d) => {
        expect(parseMarkdownDigest(digestToMarkdown(d))).toStrictEqual(d);
      }),
      { numRuns: 100 },
    );
  });

  it('… with tricky strings half the time', () => {
    const half = <T>(a: fc.Arbitrary<T>, b: fc.Arbitrary<T>) => fc.oneof(a, b);
    const tricky = digestArbitrary({
      text: half(realisticText, trickyText),
      markdown: half(realisticMarkdown, trickyMarkdown),
      inline: half(realisticInline, trickyInline),
      maxSections: 2,
      maxItems: 3,
    });
    fc.assert(
      fc.property(tricky, (d) => {
        expect(parseMarkdownDigest(digestToMarkdown(d))).toStrictEqual(d);
      }),
      { numRuns: 150 },
    );
  });

  it('any text either reads as a valid digest, which then round-trips, or fails with E_INVALID_MARKDOWN', () => {
    const line = fc.oneof(
      fc.string({ maxLength: 12, unit: 'binary' }),
      fc.constantFrom('---', 'title: x', 'title: *alias', '### 1、[LG] A', '### B', '## S {.unnumbered}', '##', '要点：', '1. p', '- q', '```yaml fields', '```', 'number: 3', '> q', '[A & B]', '作者：A, B', '**T**', '一句话总结：', 'Via: x', '![a](b.png){width=1}', 'https://x.org', '[L](https://y.org)', ''),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), (lines) => {
        let digest;
        try {
          digest = parseMarkdownDigest(lines.join('\n'));
        } catch (error) {
          expect(error).toBeInstanceOf(DigestError);
          expect((error as DigestError).code).toBe('E_INVALID_MARKDOWN');
          return;
        }
        expect(parseDigest(digest)).toStrictEqual(digest);
        expect(parseMarkdownDigest(digestToMarkdown(digest))).toStrictEqual(digest);
      }),
      { numRuns: 1000 },
    );
  });
});
