import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { DigestError, digestJsonSchema, parseDigest } from '../../src/index.js';

function problemsOf(value: unknown) {
  try {
    parseDigest(value);
  } catch (e) {
    expect(e).toBeInstanceOf(DigestError);
    expect((e as DigestError).code).toBe('E_INVALID_DIGEST');
    return (e as DigestError).problems;
  }
  throw new Error('expected parseDigest to throw');
}

const item = { title: 'A paper' };
const valid = { title: 'Daily', sections: [{ items: [item] }] };

describe('parseDigest', () => {
  it('accepts a minimal digest and returns it unchanged', () => {
    expect(parseDigest(valid)).toEqual(valid);
  });

  it('names a missing title', () => {
    expect(problemsOf({ sections: [{ items: [item] }] })).toEqual([{ path: 'title', message: 'required, expected string' }]);
  });

  it('names the path of a wrong type deep inside', () => {
    const bad = { title: 'x', sections: [{ items: [item, item, { title: 't', authors: ['A', 3] }] }] };
    expect(problemsOf(bad)).toEqual([{ path: 'sections[0].items[2].authors[1]', message: 'expected string, received number' }]);
  });

  it('rejects unknown keys with a suggestion', () => {
    const [p] = problemsOf({ ...valid, sections: [{ items: [{ title: 'x', autors: ['A'] }] }] });
    expect(p.path).toBe('sections[0].items[0]');
    expect(p.message).toContain('unknown key "autors"; did you mean "authors"?');
  });

  it.each(['javascript:alert(1)', 'data:text/html,hi', 'ftp://example.com/x', 'https://exa mple.com', '/relative'])('rejects the link URL %s', (url) => {
    const [p] = problemsOf({ ...valid, sections: [{ items: [{ title: 'x', url }] }] });
    expect(p.path).toBe('sections[0].items[0].url');
    expect(p.message).toMatch(/http\(s\) URL/);
  });

  it('rejects data: and javascript: images but accepts URLs and local paths', () => {
    const withImage = (src: string) => ({ ...valid, cover: { src } });
    expect(problemsOf(withImage('data:image/png;base64,AAAA'))[0]).toMatchObject({ path: 'cover.src' });
    expect(problemsOf(withImage('javascript:alert(1)'))[0]).toMatchObject({ path: 'cover.src' });
    expect(parseDigest(withImage('images/cover.png')).cover?.src).toBe('images/cover.png');
    expect(parseDigest(withImage('C:\\covers\\a.jpg')).cover?.src).toBe('C:\\covers\\a.jpg');
    expect(parseDigest(withImage('https://example.com/a.jpg')).cover?.src).toBe('https://example.com/a.jpg');
  });

  it('needs at least one section', () => {
    expect(problemsOf({ title: 'x', sections: [] })).toEqual([{ path: 'sections', message: 'needs at least one section' }]);
  });

  it('needs an item to have something to show', () => {
    const [p] = problemsOf({ title: 'x', sections: [{ items: [{ authors: ['A'] }] }] });
    expect(p).toEqual({ path: 'sections[0].items[0]', message: 'an item needs at least one of title, translatedTitle or body' });
  });

  it('checks dates, locales and the summary', () => {
    const problems = problemsOf({ ...valid, date: '2023-02-30', locale: 'fr', summary: 3 });
    expect(problems.map((p) => p.path)).toEqual(['date', 'summary', 'locale']);
    expect(problems[2].message).toBe('expected "zh" or "en", received "fr"');
  });

  it('lists every problem in one message', () => {
    try {
      parseDigest({ title: 1, sections: [] });
    } catch (e) {
      expect((e as Error).message).toBe('Invalid digest:\n  ✖ title: expected string, received number\n  ✖ sections: needs at least one section');
    }
    expect.assertions(1);
  });

  it('rejects a non-object', () => {
    expect(problemsOf([1, 2])[0].message).toMatch(/expected an object.*received array/);
    expect(problemsOf(null)[0].message).toMatch(/received null/);
  });
});

describe('digestJsonSchema', () => {
  it('describes the input and rejects unknown keys', () => {
    const schema = digestJsonSchema() as { required: string[]; additionalProperties: boolean; properties: Record<string, unknown> };
    expect(schema.required).toEqual(['title', 'sections']);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toContain('sourceUrl');
  });

  it('is shipped as schema/digest.schema.json', () => {
    const shipped = JSON.parse(readFileSync(new URL('../../schema/digest.schema.json', import.meta.url), 'utf8'));
    expect(shipped).toEqual(digestJsonSchema());
  });
});
