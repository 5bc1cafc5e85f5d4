import { describe, expect, it } from 'vitest';
import { parseDigest } from '../src/digest/schema.js';
import { fragmentContext, readDocument, readIntro, readItem, readSectionHead } from '../src/digest/markdown/document.js';
import { entity, escapeDestination, escapeLineStart, escapeText, escapeTitle, longestRun } from '../src/digest/markdown/escape.js';
import { isFieldsBlock, readItemFields, readItemHeading } from '../src/digest/markdown/item.js';
import { FieldLabels, writtenColon, writtenLabel } from '../src/digest/markdown/labels.js';
import { outlineOf } from '../src/digest/markdown/outline.js';
import { Locations, markdownError } from '../src/digest/markdown/problems.js';
import { atxLevel, inlineSource, inlineTokens, isBlank, parseSource, plainText, sliceLines, tokensText } from '../src/digest/markdown/syntax.js';
import { isRecord, readYaml, writeYaml } from '../src/digest/markdown/yaml.js';

// The @example of each building block of the Markdown digest format, checked.

describe('syntax', () => {
  it('parses a file into top-level blocks with their lines', () => {
    expect(parseSource('---\ntitle: D\n---\n\n### A\r\n').blocks.map((b) => [b.type, b.start, b.end])).toStrictEqual([
      ['front_matter', 0, 3],
      ['heading', 4, 5],
    ]);
    expect(inlineSource(parseSource('## Quick links {.unnumbered}').blocks[0])).toBe('Quick links {.unnumbered}');
    expect(atxLevel(parseSource('### A').blocks[0])).toBe(3);
    expect(atxLevel(parseSource('A\n---').blocks[0])).toBe(0);
  });

  it('reads inline Markdown as the text a viewer shows', () => {
    expect(inlineTokens('[Code](https://x.org)', {}).map((t) => t.type)).toStrictEqual(['link_open', 'text', 'link_close']);
    expect(tokensText(inlineTokens('`a` *b*', {}))).toBe('a b');
    expect(plainText('C\\+\\+ *for* &amp; [you](https://x.org)', {})).toBe('C++ for & you');
  });

  it('slices source lines without the blank lines around them', () => {
    expect(isBlank(' \t')).toBe(true);
    expect(sliceLines(['', 'a', '', '  b ', ' '], 0, 5)).toBe('a\n\n  b ');
    expect(sliceLines(['', ' '], 0, 2)).toBeUndefined();
  });

  it('cuts a file at its ## and ### headings', () => {
    const o = outlineOf(parseSource('Intro\n\n### A\n\n## S\n\n#### x\n\n### B'));
    expect([o.intro.blocks.length, o.sections.length, o.sections[1].blocks.length, o.sections[1].items.length]).toStrictEqual([1, 2, 1, 1]);
  });
});

describe('labels', () => {
  it('recognises both locales and the digest’s own labels', () => {
    expect(new FieldLabels({ points: 'Highlights' }).isLabel('points', 'Highlights:')).toBe(true);
    expect(new FieldLabels().isLabel('points', 'Key points:')).toBe(true);
    expect(new FieldLabels().afterLabel('oneLiner', '一句话总结：\nShort.', {})).toBe('Short.');
    expect(new FieldLabels().afterLabel('credit', 'Via: @ada', {})).toBe('@ada');
    expect(new FieldLabels().afterLabel('credit', 'Viaduct: no', {})).toBeUndefined();
  });

  it('writes the locale’s labels', () => {
    expect(writtenLabel('points', parseDigest({ title: 'D', locale: 'en', sections: [{ title: 'S' }] }))).toBe('Key points');
    expect(writtenColon(parseDigest({ title: 'D', sections: [{ title: 'S' }] }))).toBe('：');
  });
});

describe('escaping', () => {
  it('writes plain text that reads back as itself', () => {
    expect(entity('\n')).toBe('&#10;');
    expect(escapeText(' C++ *fast*_path ')).toBe('&#32;C++ \\*fast\\*\\_path&#32;');
    expect(escapeText('snake_case & AT&T &amp;')).toBe('snake_case & AT&T \\&amp;');
    expect(escapeLineStart('1. Lin')).toBe('&#49;. Lin');
    expect(escapeLineStart('- Lin')).toBe('\\- Lin');
    expect(plainText(escapeText(' C++ *fast*_path '), {})).toBe(' C++ *fast*_path ');
  });

  it('writes link destinations and titles', () => {
    expect(escapeDestination('https://arxiv.org/abs/2302.06675')).toBe('https://arxiv.org/abs/2302.06675');
    expect(escapeDestination('images/fig 1.png')).toBe('<images/fig 1.png>');
    expect(escapeDestination('https://x.org/a)b')).toBe('<https://x.org/a)b>');
    expect(escapeTitle('How "signals" work')).toBe('"How \\"signals\\" work"');
    expect(longestRun('a ``` b ````', '`')).toBe(4);
  });
});

describe('problems and YAML', () => {
  it('names lines', () => {
    expect(markdownError([{ line: 7, path: '', message: 'no items: …' }]).message).toBe('Invalid Markdown digest:\n  ✖ line 7: no items: …');
    const at = new Locations();
    at.set('sections[0].items[1]', 12);
    expect(at.find('sections[0].items[1].links[0].url')).toBe(12);
    expect(at.find('title')).toBeUndefined();
  });

  it('reads YAML with the line of every key, and writes it back', () => {
    const locations = new Locations();
    expect(readYaml('title: Daily\ntoc: true\n', 1, 'the front matter', '', locations)).toStrictEqual({ title: 'Daily', toc: true });
    expect(locations.find('toc')).toBe(2);
    expect(isRecord([])).toBe(false);
    expect(writeYaml({ title: 'Daily', toc: true })).toBe('title: Daily\ntoc: true\n');
  });
});

describe('reading parts', () => {
  it('reads an item heading', () => {
    expect(readItemHeading('1、[LG] Energy Transformer', {})).toStrictEqual({ number: 1, tag: 'LG', title: 'Energy Transformer' });
    expect(readItemHeading('\\[RFC] A title', {})).toStrictEqual({ title: '[RFC] A title' });
  });

  it('reads an item’s fields, and the item with its number', () => {
    const { ctx, outline } = fragmentContext('### 1、[LG] A\n\n[Google]\n\nhttps://x.org\n\n### 5、C', new FieldLabels());
    const [first, second] = outline.sections[0].items;
    expect(readItemFields(ctx, first, 'sections[0].items[0]')).toStrictEqual({
      heading: { number: 1, tag: 'LG', title: 'A' },
      fields: { affiliations: ['Google'], url: 'https://x.org' },
      block: undefined,
    });
    expect(readItem(ctx, second, 'sections[0].items[1]', { numbered: true, running: 2 })).toStrictEqual({ item: { number: 5, title: 'C' }, running: 6 });
  });

  it('reads a fields block, a section head, the intro and a document', () => {
    expect(isFieldsBlock(parseSource('```yaml fields\nnumber: 1\n```').blocks[0])).toBe(true);
    const { ctx, outline } = fragmentContext('---\ntitle: D\n---\n\nHello *there*.\n\n## Quick links {.unnumbered}\n\nLinks of the week.\n\n### A', new FieldLabels());
    expect(readIntro(ctx, outline)).toBe('Hello *there*.');
    expect(readSectionHead(ctx, outline.sections[0], 'sections[0]')).toStrictEqual({ title: 'Quick links', numbered: false, intro: 'Links of the week.' });
    expect(readDocument('---\ntitle: D\n---\n\n### A\n').data).toStrictEqual({ title: 'D', sections: [{ items: [{ title: 'A' }] }] });
    expect(fragmentContext('### A\n\n###\n', new FieldLabels()).outline.sections[0].items).toHaveLength(2);
  });
});
