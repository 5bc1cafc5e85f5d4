import { readFileSync } from 'node:fs';
import { load } from 'cheerio/slim';
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { checkWechat, DigestError, renderDigest, WECHAT_POLICY, type RenderOptions } from '../src/index.js';

/** One case of test/fixtures/security/cases.txt (the file's header explains the format). */
interface SecurityCase {
  name: string;
  line: number;
  field: string;
  also: [string, unknown][];
  option?: string;
  options: Record<string, unknown>;
  input: unknown;
  expected: { error: { code: string; message: string } } | { html: string; findings: string[] };
}

const CORPUS = new URL('./fixtures/security/cases.txt', import.meta.url);

/** Reads the corpus: `## name`, `key: value` lines, then `.`-delimited input and expected blocks. */
function parseCorpus(source: string): SecurityCase[] {
  const lines = source.split('\n');
  const cases: SecurityCase[] = [];
  let i = 0;
  const fail = (message: string): never => {
    throw new Error(`cases.txt line ${i + 1}: ${message}`);
  };
  const block = (): string[] => {
    const out: string[] = [];
    while (i < lines.length && lines[i] !== '.') out.push(lines[i++]);
    if (i >= lines.length) fail('a block is not closed by a "." line');
    i++;
    return out;
  };
  while (i < lines.length) {
    const line = lines[i];
    if (!line.startsWith('## ')) {
      if (line.trim() && !line.startsWith('#')) fail(`expected "## name", a comment or a blank line, found ${JSON.stringify(line)}`);
      i++;
      continue;
    }
    const c: SecurityCase = { name: line.slice(3).trim(), line: i + 1, field: 'sections[0].items[0].body', also: [], options: {}, input: '', expected: { html: '', findings: [] } };
    let json = false;
    for (i++; lines[i] !== '.'; i++) {
      if (i >= lines.length) fail(`case "${c.name}" has no input block`);
      const m = /^([a-z]+): (.*)$/.exec(lines[i]);
      if (!m) fail(`expected "key: value", found ${JSON.stringify(lines[i])}`);
      const [, key, value] = m!;
      if (key === 'field') c.field = value;
      else if (key === 'option') c.option = value;
      else if (key === 'options') c.options = JSON.parse(value);
      else if (key === 'input' && value === 'json') json = true;
      else if (key === 'also') {
        const space = value.indexOf(' ');
        c.also.push([value.slice(0, space), JSON.parse(value.slice(space + 1))]);
      } else fail(`unknown key "${key}"`);
    }
    i++;
    const input = block().join('\n');
    c.input = json ? JSON.parse(input) : input;
    const expected = block();
    if (expected[0]?.startsWith('error ')) {
      c.expected = { error: { code: expected[0].slice(6), message: expected.slice(1).join('\n') } };
    } else {
      c.expected = {
        html: expected.filter((l) => !l.startsWith('! ')).join(''),
        findings: expected.filter((l) => l.startsWith('! ')).map((l) => l.slice(2)),
      };
    }
    cases.push(c);
  }
  return cases;
}

/** Sets `value` at a path such as `sections[0].items[0].images[0].src`, creating what is missing. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] === undefined ? m[1] : Number(m[2])));
  let at: Record<string | number, unknown> = target;
  keys.forEach((key, k) => {
    if (k === keys.length - 1) at[key] = value;
    else at = (at[key] ??= typeof keys[k + 1] === 'number' ? [] : {}) as Record<string | number, unknown>;
  });
}

/** The digest and options a case renders. */
function caseInput(c: SecurityCase): { digest: Record<string, unknown>; options: RenderOptions } {
  const digest: Record<string, unknown> = {
    title: 'T',
    summary: false,
    toc: false,
    footer: { endMark: false, comments: false },
    sections: [{ numbered: false, items: [{ title: 'Item' }] }],
  };
  for (const [path, value] of c.also) setPath(digest, path, value);
  const options: Record<string, unknown> = { theme: { css: '' }, header: true, ...c.options };
  if (c.option === 'theme') options.theme = { css: c.input };
  else if (c.option) options[c.option] = c.input;
  else setPath(digest, c.field, c.input);
  return { digest, options: options as RenderOptions };
}

/** Renders a case: its HTML and finding rule ids, or the DigestError it throws. */
function runCase(c: SecurityCase): { html: string; findings: string[] } | { error: DigestError } {
  const { digest, options } = caseInput(c);
  try {
    const result = renderDigest(digest as never, options);
    return { html: result.html, findings: result.warnings.map((w) => w.rule) };
  } catch (e) {
    if (e instanceof DigestError) return { error: e };
    throw e;
  }
}

const cases = parseCorpus(readFileSync(CORPUS, 'utf8'));

describe('security corpus (test/fixtures/security/cases.txt)', () => {
  it('holds the cases the file lists, each with a distinct name', () => {
    expect(cases.length).toBeGreaterThanOrEqual(70);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  describe.each(cases.map((c) => [`${c.name} (line ${c.line})`, c] as const))('%s', (_label, c) => {
    const outcome = runCase(c);

    if ('error' in c.expected) {
      const expected = c.expected.error;
      it(`is rejected with ${expected.code}`, () => {
        expect('error' in outcome ? { code: outcome.error.code, message: outcome.error.message } : outcome).toEqual(expected);
      });
      return;
    }

    const expected = c.expected;
    it('is neutralised into exactly the expected HTML and findings', () => {
      expect('html' in outcome ? outcome : { error: (outcome as { error: DigestError }).error.message }).toEqual(expected);
    });

    it('leaves no script, event handler, disallowed tag or attribute, or unsafe URL', () => {
      if (!('html' in outcome)) return;
      const $ = load(outcome.html, null, false);
      $('*').each((_, node) => {
        const el = node as Element;
        expect(Object.keys(WECHAT_POLICY.tags), `<${el.name}>`).toContain(el.name);
        for (const [name, value] of Object.entries(el.attribs)) {
          const allowed = [...WECHAT_POLICY.attributes['*'], ...(WECHAT_POLICY.attributes[el.name] ?? [])];
          expect(allowed, `${name} on <${el.name}>`).toContain(name);
          if (name === 'href' || name === 'src') {
            const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value.replace(/^[\u0000-\u0020]+|[\t\n\r]/g, ''))?.[1]?.toLowerCase();
            if (scheme !== undefined) expect(WECHAT_POLICY.protocols[name]).toContain(scheme);
          }
        }
      });
      for (const f of checkWechat(outcome.html)) if (f.severity === 'error') expect(expected.findings).toContain(f.rule);
    });
  });
});
