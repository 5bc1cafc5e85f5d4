import { describe, expect, it } from 'vitest';
import { checkWechat, renderDigest, WECHAT_POLICY, type DigestInput } from '../../src/index.js';

const ITEMS = 2000;
const tagOf = (n: number) => (n % 3 === 1 ? 'CV' : 'LG');

/** A digest of `n` paper-like items: half numbered, half not, each with a footnoted link. */
function bigDigest(n: number): DigestInput {
  const items = Array.from({ length: n }, (_, i) => ({
    tag: tagOf(i + 1),
    title: `Paper ${i + 1}: scaling <attention> & "memory"`,
    translatedTitle: `论文 ${i + 1}`,
    authors: ['A Author', `B Author ${i + 1}`],
    points: [`point **${i + 1}**`, `see [the code](https://example.com/code/${i + 1})`],
    oneLiner: `一句话 ${i + 1}`,
    url: `https://arxiv.org/abs/2302.${String(i + 1).padStart(5, '0')}`,
  }));
  return {
    title: 'A very long digest',
    categories: { LG: '机器学习', CV: '计算机视觉' },
    sections: [{ items: items.slice(0, n / 2) }, { title: 'More', numbered: false, items: items.slice(n / 2) }],
  };
}

describe(`scale: a digest of ${ITEMS} items`, () => {
  const digest = bigDigest(ITEMS);
  const result = renderDigest(digest);

  it('renders every item, numbered where asked, with every footnote', () => {
    expect(result.stats.items).toBe(ITEMS);
    expect(result.stats.footnotes).toBe(ITEMS);
    expect(result.text).toContain(`${ITEMS / 2}、[${tagOf(ITEMS / 2)}] Paper ${ITEMS / 2}: scaling <attention> & "memory"`);
    expect(result.text).toContain(`\n[${tagOf(ITEMS)}] Paper ${ITEMS}: scaling <attention> & "memory"`);
    expect(result.text).not.toContain(`${ITEMS / 2 + 1}、[`);
    expect(result.text).toContain(`[${ITEMS}] the code：https://example.com/code/${ITEMS}`);
    expect(result.html).toContain(`Paper ${ITEMS}: scaling &lt;attention&gt; &amp; &quot;memory&quot;`);
    for (let i = 1; i <= ITEMS; i += 97) expect(result.text).toContain(`论文 ${i}\n`);
  });

  it('warns that it is over the draft API limits, and finds nothing else wrong', () => {
    expect(result.stats.characters).toBe(result.html.length);
    expect(result.stats.characters).toBeGreaterThan(WECHAT_POLICY.limits.contentCharacters * 50);
    const rules = result.warnings.map((w) => w.rule);
    expect(rules).toContain('content-too-long');
    expect(rules).toContain('content-too-large');
    expect(rules.filter((r) => r !== 'content-too-long' && r !== 'content-too-large')).toEqual([]);
    const tooLong = result.warnings.find((w) => w.rule === 'content-too-long')!;
    expect(tooLong.severity).toBe('error');
    expect(tooLong.message).toContain(`${result.stats.characters.toLocaleString('en')} characters`);
  });

  it('checkWechat on the HTML alone finds the same two limits', () => {
    expect(checkWechat(result.html).map((f) => f.rule).sort()).toEqual(['content-too-large', 'content-too-long']);
  });
});

describe('scale: one very long Markdown field', () => {
  const rows = 5000;
  const body = [
    Array.from({ length: rows }, (_, i) => `${i + 1}. row [${i + 1}](https://example.com/${i + 1})`).join('\n'),
    Array.from({ length: rows }, (_, i) => `paragraph ${i + 1}`).join('\n\n'),
  ].join('\n\n');
  const result = renderDigest({ title: 'Long body', sections: [{ items: [{ title: 'One item', body }] }] });

  it('renders every list row and paragraph', () => {
    expect(result.text).toContain(`${rows}. row ${rows}[${rows}]`);
    expect(result.text).toContain(`paragraph ${rows}`);
    expect(result.stats.footnotes).toBe(rows);
    expect(result.warnings.map((w) => w.rule)).toContain('content-too-long');
  });
});
