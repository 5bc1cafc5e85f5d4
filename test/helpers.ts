import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'cheerio';
import type { DigestInput } from '../src/index.js';

export const FIXTURES = new URL('./fixtures/', import.meta.url);
export const EXAMPLES = new URL('../examples/', import.meta.url);

/** The example digest of the reference post. */
export function arxivDaily(): DigestInput {
  return JSON.parse(readFileSync(new URL('arxiv-daily.json', EXAMPLES), 'utf8'));
}

/** The digests of one folder of test/fixtures (its `.json` files), by name, in name order. */
function digestFolder(folder: string): [string, DigestInput][] {
  const dir = new URL(`${folder}/`, FIXTURES);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(new URL(f, dir), 'utf8'))]);
}

/** Every fixture digest in test/fixtures/digests, by name. */
export function fixtureDigests(): [string, DigestInput][] {
  return digestFolder('digests');
}

/** The newsletters of test/fixtures/newsletters (real-world shapes: inline HTML, roundups, many sections), by name. */
export function newsletterDigests(): [string, DigestInput][] {
  return digestFolder('newsletters');
}

/** Every plain-text string a digest holds that must appear verbatim in the rendered text. */
export function plainStrings(d: DigestInput, { header = false } = {}): string[] {
  // The title is written in the body only with the header option (WeChat shows it above the article).
  const out: string[] = header ? [d.title] : [];
  for (const s of d.sections) {
    if (s.title) out.push(s.title);
    for (const i of s.items ?? []) {
      out.push(...[i.title, i.translatedTitle, i.tag, i.url].filter((x): x is string => Boolean(x)));
      out.push(...(i.authors ?? []), ...(i.affiliations ?? []));
      for (const l of i.links ?? []) out.push(l.label, l.url);
      for (const img of i.images ?? []) if (img.caption) out.push(img.caption);
    }
  }
  if (d.subtitle) out.push(d.subtitle);
  if (d.account?.id) out.push(d.account.id);
  return out;
}

/** The text content of an HTML fragment as a browser would read it. */
export function htmlText(html: string): string {
  return load(html).text();
}

/** The newest modification time of the files under a folder (to tell whether dist/ is stale). */
export function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Every snippet of the highlighting corpus (test/fixtures/highlight), by its fence language. */
export function codeSnippets(): [string, string][] {
  const dir = new URL('highlight/', FIXTURES);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.in.txt'))
    .sort()
    .map((f) => [f.slice(0, -'.in.txt'.length), readFileSync(new URL(f, dir), 'utf8')]);
}

/** A fenced block of `code` in `language` (four backticks when the code holds a fence). */
export function fenced(language: string, code: string): string {
  const ticks = code.includes('```') ? '````' : '```';
  return `${ticks}${language}\n${code.replace(/\n$/, '')}\n${ticks}`;
}

/** A digest with one item per snippet of the highlighting corpus (or of the languages given). */
export function codeDigest(languages?: string[]): DigestInput {
  const snippets = codeSnippets().filter(([name]) => !languages || languages.includes(name));
  return {
    title: 'Code in every language',
    sections: [{ items: snippets.map(([name, code]) => ({ title: name, body: `A ${name} snippet:\n\n${fenced(name, code)}` })) }],
  };
}
