// The exported JSON Schema says what parseDigest accepts: data that a JSON Schema validator
// passes must parse, and the cases that parseDigest refuses in code must fail the schema too.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digestJsonSchema, parseDigest } from '../src/index.js';
import { CALENDAR_DATE_PATTERN, HTTP_URL_PATTERN, SCHEME_PATTERN } from '../src/digest/json-patterns.js';
import { isHttpUrl } from '../src/core/urls.js';
import { digestArbitrary } from './arbitraries.js';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validate = ajv.compile(digestJsonSchema());
const schemaAccepts = (value: unknown) => validate(value) === true;
const parses = (value: unknown) => {
  try {
    parseDigest(value);
    return true;
  } catch {
    return false;
  }
};

const base = { title: 'Daily', sections: [{ items: [{ title: 'A paper', url: 'https://arxiv.org/abs/2302.06675' }] }] };
const withItem = (item: object) => ({ ...base, sections: [{ items: [item] }] });

const KNOWN_BAD: [string, unknown][] = [
  ['an item with only a url', withItem({ url: 'https://arxiv.org/abs/2302.06675' })],
  ['an item with authors and points only', withItem({ authors: ['X Chen'], points: ['a point'] })],
  ['a section with nothing in it', { ...base, sections: [{}] }],
  ['a section with an empty list of items', { ...base, sections: [{ items: [], numbered: false }] }],
  ['an image src javascript:', withItem({ title: 'x', images: [{ src: 'javascript:alert(1)' }] })],
  ['an image src JavaScript: after spaces and with a tab', withItem({ title: 'x', images: [{ src: ' \u0001Java\tScript:alert(1)' }] })],
  ['a cover src data:', { ...base, cover: { src: 'data:image/png;base64,AAAA' } }],
  ['a footer QR code src vbscript:', { ...base, footer: { qrCode: { src: 'vbscript:x' } } }],
  ['an account QR code src http: with a space', { ...base, account: { qrCode: 'http://exa mple.com/qr.png' } }],
  ['the date 2024-13-45', { ...base, date: '2024-13-45' }],
  ['the date 2023-02-29 (not a leap year)', { ...base, date: '2023-02-29' }],
  ['the date 1900-02-29 (a century, not a leap year)', { ...base, date: '1900-02-29' }],
  ['the date 2024-04-31', { ...base, date: '2024-04-31' }],
  ['the date 2024-00-10', { ...base, date: '2024-00-10' }],
  ['a url with a port over 65535', withItem({ title: 'x', url: 'https://example.com:70000/' })],
  ['a url whose host ends in an invalid IPv4 number', withItem({ title: 'x', url: 'https://a.0x1/' })],
  ['a link url ftp:', withItem({ title: 'x', links: [{ label: 'Code', url: 'ftp://example.com/x' }] })],
  ['a sourceUrl that is relative', { ...base, sourceUrl: '/posts/1' }],
];

describe('digestJsonSchema against parseDigest', () => {
  it('is the file the package ships', () => {
    expect(JSON.parse(readFileSync(new URL('../schema/digest.schema.json', import.meta.url), 'utf8'))).toEqual(digestJsonSchema());
  });

  it.each(KNOWN_BAD)('refuses %s, as parseDigest does', (_name, value) => {
    expect(parses(value)).toBe(false);
    expect(schemaAccepts(value)).toBe(false);
  });

  it.each([
    ['a section with a title only', { ...base, sections: [{ title: '另外几篇值得关注的论文' }] }],
    ['a section with an intro only (empty text counts)', { ...base, sections: [{ intro: '' }] }],
    ['an item with a body only', withItem({ body: 'Text' })],
    ['an item with a translated title only', withItem({ translatedTitle: '能量Transformer' })],
    ['29 February of a leap year', { ...base, date: '2024-02-29' }],
    ['29 February 2000', { ...base, date: '2000-02-29' }],
    ['local image paths, a Windows drive among them', withItem({ title: 'x', images: [{ src: 'figs/a b.png' }, { src: 'C:\\figs\\a.png' }, { src: './x:y.png' }] })],
    ['an upper-case HTTPS image URL with a port', withItem({ title: 'x', images: [{ src: 'HTTPS://Example.com:8443/a.png?x=1#y' }] })],
    ['an IPv4 host', withItem({ title: 'x', url: 'http://127.0.0.1:8080/abs/1' })],
  ])('accepts %s, as parseDigest does', (_name, value) => {
    expect(parses(value)).toBe(true);
    expect(schemaAccepts(value)).toBe(true);
  });

  it('accepts every generated valid digest', () => {
    fc.assert(
      fc.property(digestArbitrary(), (digest) => {
        expect(parses(digest)).toBe(true);
        expect(validate(digest), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  // Near misses: a valid digest with one leaf replaced by something parseDigest may refuse.
  const dateish = fc.oneof(
    fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 39 })).map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
    fc.stringMatching(/^[0-9-]{8,11}$/),
  );
  const srcish = fc.oneof(
    fc.constantFrom('javascript:alert(1)', ' javascript:x', 'java\nscript:x', '\u0000data:x', 'JAVASCRIPT:x', 'a:b', 'ab:c', 'C:/x.png', 'c:\\x', 'http:/x', 'http://', 'http://x y', 'https://ok.example/a.png', 'x', 'blob:http://a', 'mailto:a@b', ' http://a.com/x'),
    fc.stringMatching(/^[ \ta-zA-Z:+.\-/0-9]{1,12}$/),
  );
  const mutation = fc.oneof(
    dateish.map((date) => (d: Record<string, unknown>) => ({ ...d, date })),
    srcish.map((src) => (d: Record<string, unknown>) => ({ ...d, cover: { src } })),
    srcish.map((src) => (d: Record<string, unknown>) => ({ ...d, footer: { qrCode: { src } } })),
    fc.constantFrom<Record<string, unknown>>({}, { items: [] }, { numbered: true }, { intro: 'x' }, { title: 'x' }, { items: [{ url: 'https://a.com/' }] }, { items: [{ body: 'b' }] }, { items: [{ authors: ['A'] }] })
      .map((section) => (d: Record<string, unknown>) => ({ ...d, sections: [...(d.sections as unknown[]), section] })),
  );

  it('accepts a near miss exactly when parseDigest does', () => {
    fc.assert(
      fc.property(digestArbitrary({ maxSections: 2, maxItems: 2 }), mutation, (digest, mutate) => {
        const value: Record<string, unknown> = mutate(digest as unknown as Record<string, unknown>);
        expect(schemaAccepts(value), JSON.stringify({ errors: validate.errors?.slice(0, 2) })).toBe(parses(value));
      }),
      { numRuns: 600 },
    );
  });

  it('matches only URLs that the URL check accepts', () => {
    const pattern = new RegExp(HTTP_URL_PATTERN, 'u');
    // fast-check cannot generate from a lookahead: generate without it, keep what the pattern matches.
    const candidates = fc.stringMatching(new RegExp(HTTP_URL_PATTERN.replaceAll('(?![Xx][Nn]--)', ''), 'u')).filter((url) => pattern.test(url));
    fc.assert(fc.property(candidates, (url) => isHttpUrl(url)), { numRuns: 1000 });
  });

  it('reads dates and schemes as the code does', () => {
    const date = new RegExp(CALENDAR_DATE_PATTERN, 'u');
    const scheme = new RegExp(SCHEME_PATTERN, 'u');
    // The check of the date field in src/schema.ts.
    const calendar = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
    fc.assert(fc.property(dateish, (d) => date.test(d) === calendar(d)), { numRuns: 2000 });
    const codeScheme = (s: string) => (/^([a-z][a-z0-9+.-]*):/i.exec(s.replace(/^[\u0000-\u0020]+|[\t\n\r]/g, ''))?.[1].length ?? 0) > 1;
    fc.assert(fc.property(srcish, (s) => scheme.test(s) === codeScheme(s)), { numRuns: 2000 });
  });
});
