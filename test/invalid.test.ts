import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DigestError, parseDigest, renderDigest } from '../src/index.js';

const DIR = new URL('./fixtures/invalid/', import.meta.url);
/** File name → (problem path → fragment of its message), in the order the problems are reported. */
const EXPECTED: Record<string, Record<string, string>> = parse(readFileSync(new URL('expected.yaml', DIR), 'utf8'));
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

function thrown(fn: () => unknown): DigestError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DigestError) return e;
    throw new Error(`expected a DigestError, got ${String(e)}`);
  }
  throw new Error('expected a DigestError, nothing was thrown');
}

describe('invalid digests (test/fixtures/invalid)', () => {
  it('has an expectation for every file and a file for every expectation', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(40);
    expect(Object.keys(EXPECTED).sort()).toEqual(FILES);
  });

  describe.each(FILES)('%s', (file) => {
    const data: unknown = JSON.parse(readFileSync(new URL(file, DIR), 'utf8'));
    const expected = Object.entries(EXPECTED[file] ?? {});

    it('is rejected by parseDigest with every problem at its path', () => {
      const error = thrown(() => parseDigest(data));
      expect(error.code).toBe('E_INVALID_DIGEST');
      expect(error.problems.map((p) => p.path)).toEqual(expected.map(([path]) => path));
      error.problems.forEach((p, i) => expect(p.message).toContain(expected[i][1]));
    });

    it('gives one readable message: a heading, then one "✖ path: message" line per problem', () => {
      const error = thrown(() => parseDigest(data));
      const lines = error.problems.map((p) => `  ✖ ${p.path ? `${p.path}: ` : ''}${p.message}`);
      expect(error.message).toBe(['Invalid digest:', ...lines].join('\n'));
      expect(error.message).not.toMatch(/\bat .*\.(ts|js):\d+/);
    });

    it('is rejected the same way by renderDigest, before anything is rendered', () => {
      const error = thrown(() => renderDigest(data as never));
      expect(error.code).toBe('E_INVALID_DIGEST');
      expect(error.message).toBe(thrown(() => parseDigest(data)).message);
    });
  });
});

describe('invalid render options', () => {
  const digest = { title: 'Daily', sections: [{ items: [{ title: 'A paper' }] }] };
  it.each([
    [null, 'options: expected an object, received null'],
    [{ theme: 'no-such-theme' }, /^theme: "no-such-theme" is not a built-in theme\. Available: classic(, [a-z-]+)*\. For your own CSS pass \{ css \}\.$/],
    [{ theme: { css: 1 } }, 'options.theme: expected a theme id such as "classic", or { css: "…" }'],
    [{ links: 'none' }, 'options.links: expected "footnotes" or "inline" or "keep", received "none"'],
    [{ target: 'mp' }, 'options.target: expected "paste" or "api", received "mp"'],
    [{ locale: 'fr' }, 'options.locale: expected "zh" or "en", received "fr"'],
    [{ fontSize: 30 }, 'fontSize: expected a whole number of pixels from 14 to 17, received 30'],
    [{ accent: 'teal' }, 'accent: expected a colour such as #0f766e, rgb(15,118,110) or hsl(174,79%,26%), received "teal"'],
    [{ acent: '#fff' }, 'options.acent: unknown option (known: theme, locale, links, accent, fontSize, numbering, target, header, summaryMax, rawHtml, highlight, lineNumbers, codeWindow)'],
  ] as [unknown, string | RegExp][])('%j → E_INVALID_OPTION', (options, message) => {
    const error = thrown(() => renderDigest(digest, options as never));
    expect(error.code).toBe('E_INVALID_OPTION');
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
  });
});
