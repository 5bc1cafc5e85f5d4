// The arXiv and feed importers, offline: recorded arXiv answers and feed files served by local
// servers on 127.0.0.1; the request spacing observed with an injected clock.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DigestError, importArxiv, importFeed, parseDigest, renderDigest } from '../src/index.js';
import { abbreviateAuthor } from '../src/sources/authors.js';
import { createSourceFetcher, type SourceHttpEvent } from '../src/sources/http.js';
import { FakeArxiv } from './support/fake-arxiv.js';

const FIXTURES = new URL('./fixtures/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, FIXTURES), 'utf8');
const FEEDS = fileURLToPath(new URL('feeds/', FIXTURES));

/** A clock that only moves when the code sleeps: spacing is seen without waiting. */
function fakeClock(start = 1_700_000_000_000) {
  const clock = { now: start, sleeps: [] as number[] };
  return {
    clock,
    now: () => clock.now,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.now += ms;
    },
  };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DigestError);
    return `${(error as DigestError).code}: ${(error as Error).message}`;
  }
  throw new Error('expected a DigestError');
}

const folders: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'wd-import-'));
  folders.push(dir);
  return dir;
};
afterAll(() => folders.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('authors', () => {
  it.each([
    ['Xiangning Chen', 'X Chen'],
    ['Quoc V. Le', 'Q V. Le'],
    ['Duen Horng Chau', 'D H Chau'],
    ['Mohammed J. Zaki', 'M J. Zaki'],
    ['Bart van Merriënboer', 'B v Merriënboer'],
    ['Christopher Ré', 'C Ré'],
    ['Daniel Y. Fu', 'D Y. Fu'],
    ['Cho-Jui Hsieh', 'C Hsieh'],
    ['Émilie Durand', 'É Durand'],
    ['李明', '李明'],
    ['Guy L. Steele Jr.', 'G L. Steele Jr.'],
  ])('%s → %s, as the reference post writes names', (name, short) => {
    expect(abbreviateAuthor(name)).toBe(short);
  });
});

describe('importArxiv', () => {
  let arxiv: FakeArxiv;
  beforeAll(async () => {
    arxiv = await new FakeArxiv().start();
  });
  afterAll(() => arxiv.close());
  afterEach(() => {
    arxiv.requests.length = 0;
    arxiv.failFirst = 0;
  });

  it('makes the digest of the recorded answer for two ids (expected file reviewed by eye)', async () => {
    const t = fakeClock();
    const digest = await importArxiv({ ids: ['2302.06675', 'https://arxiv.org/abs/2302.07253v2'] }, { apiBase: arxiv.url, ...t });
    expect(digest).toEqual(JSON.parse(read('arxiv/ids.expected.json')));
    expect(arxiv.requests.map((q) => q.get('id_list'))).toEqual(['2302.06675,2302.07253v2']);
  });

  it('keeps the TeX of an abstract exactly as arXiv has it, and names authors, affiliations, tag, categories and the abs URL', async () => {
    const digest = await importArxiv({ ids: ['2302.07253'] }, { apiBase: arxiv.url, ...fakeClock() });
    const [item] = digest.sections[0].items!;
    expect(item.abstract).toContain('$E(\\mathbf{x}) = -\\sum_{h}\\frac{1}{\\beta}\\log\\sum_{C \\neq B} \\exp(\\beta\\, \\mathbf{K}_{hC}^\\top \\mathbf{Q}_{hB})$');
    expect(item.abstract).toContain('anomaly detection & graph classification tasks, with < 1% of the');
    expect(item).toMatchObject({ tag: 'LG', title: 'Energy Transformer', authors: ['B Hoover', 'Y Liang', 'D H Chau', 'M J. Zaki', 'D Krotov'], affiliations: ['IBM Research', 'RPI', 'Georgia Tech'], url: 'https://arxiv.org/abs/2302.07253' });
    expect(digest).toMatchObject({ title: 'LG – 机器学习', categories: { LG: '机器学习' } });
  });

  it('queries a category and day, newest first, and splits featured papers from the rest', async () => {
    const digest = await importArxiv({ category: 'cs.LG', date: '2023-02-14', max: 3 }, { apiBase: arxiv.url, featured: 2, ...fakeClock() });
    expect(digest).toEqual(JSON.parse(read('arxiv/category.expected.json')));
    const [query] = arxiv.requests;
    expect(query.get('search_query')).toBe('cat:cs.LG AND submittedDate:[202302140000 TO 202302142359]');
    expect([query.get('sortBy'), query.get('sortOrder'), query.get('max_results')]).toEqual(['submittedDate', 'descending', '3']);
  });

  it('renders: the imported digest goes through renderDigest with its authors and the further papers', async () => {
    const digest = await importArxiv({ category: 'cs.LG', max: 3 }, { apiBase: arxiv.url, featured: 2, ...fakeClock() });
    const { html } = await renderDigest(digest);
    expect(html).toContain('M Andriushchenko');
    expect(html).toContain('另外几篇值得关注的论文');
    expect(html).not.toMatch(/<script|javascript:/);
  });

  it('spaces requests 3 seconds apart and retries with backoff, as the injected clock shows', async () => {
    arxiv.failFirst = 2;
    const t = fakeClock();
    const events: SourceHttpEvent[] = [];
    await importArxiv({ ids: ['2302.06675'] }, { apiBase: arxiv.url, retryDelayMs: 500, onEvent: (e) => events.push(e), ...t });
    const starts = events.filter((e) => e.type === 'request').map((e) => (e as { at: number }).at - 1_700_000_000_000);
    expect(arxiv.requests).toHaveLength(3);
    // Retry 1 waits its 500 ms backoff, less than the 1 s Retry-After, then the 3 s spacing rules.
    expect(starts).toEqual([0, 3000, 6000]);
    expect(events.filter((e) => e.type === 'retry').map((e) => (e as { delayMs: number }).delayMs)).toEqual([1000, 1000]);
    for (let i = 1; i < starts.length; i++) expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(3000);
  });

  it('keeps the spacing between the requests of a long id list, and for concurrent callers', async () => {
    const t = fakeClock();
    const starts: number[] = [];
    const fetcher = createSourceFetcher({ minIntervalMs: 3000, fetch: async () => new Response('ok'), onEvent: (e) => e.type === 'request' && starts.push(e.at), ...t });
    await Promise.all(['a', 'b', 'c', 'd'].map((p) => fetcher.getText(`https://x.test/${p}`, 'test')));
    expect(starts.map((s) => s - starts[0])).toEqual([0, 3000, 6000, 9000]);
    expect(t.clock.sleeps).toEqual([3000, 3000, 3000]);
  });

  it('answers a repeated import from the disk cache without a request', async () => {
    const cacheDir = folder();
    const first = await importArxiv({ ids: ['2302.06675'] }, { apiBase: arxiv.url, cacheDir, ...fakeClock() });
    const events: SourceHttpEvent[] = [];
    const again = await importArxiv({ ids: ['2302.06675'] }, { apiBase: arxiv.url, cacheDir, onEvent: (e) => events.push(e), ...fakeClock() });
    expect(again).toEqual(first);
    expect(arxiv.requests).toHaveLength(1);
    expect(events.map((e) => e.type)).toEqual(['cache']);
    // An answer older than the cache's age is fetched again.
    const later = fakeClock(1_700_000_000_000 + 13 * 3600_000);
    await importArxiv({ ids: ['2302.06675'] }, { apiBase: arxiv.url, cacheDir, ...later });
    expect(arxiv.requests).toHaveLength(2);
  });

  it('names the mistake and the fix', async () => {
    expect(await codeOf(importArxiv({ ids: ['2302'] }))).toBe('E_INVALID_OPTION: arXiv id "2302" is not an arXiv id; write it as 2302.06675 (or 2302.06675v2, hep-th/9901001, https://arxiv.org/abs/2302.06675)');
    expect(await codeOf(importArxiv({}))).toMatch(/^E_INVALID_OPTION: arXiv: give arXiv ids, or a category with --category/);
    expect(await codeOf(importArxiv({ category: 'cs LG' }))).toMatch(/--category: "cs LG" is not an arXiv category/);
    expect(await codeOf(importArxiv({ category: 'cs.LG', date: '2023-02-30' }))).toMatch(/--date: "2023-02-30" is not a date; write it as YYYY-MM-DD/);
    expect(await codeOf(importArxiv({ category: 'cs.LG', max: 0 }))).toMatch(/--max: expected a whole number from 1 to 2000, received 0/);
    expect(await codeOf(importArxiv({ ids: ['9999.99999'] }, { apiBase: arxiv.url, ...fakeClock() }))).toBe('E_SOURCE: arXiv: arXiv refused the query: incorrect id format for 9999.99999');
    expect(await codeOf(importArxiv({ ids: ['2302.06675', '2302.00001'] }, { apiBase: arxiv.url, ...fakeClock() }))).toBe('E_SOURCE: arXiv has no paper 2302.00001; check the id');
    arxiv.failFirst = 10;
    expect(await codeOf(importArxiv({ ids: ['2302.06675'] }, { apiBase: arxiv.url, retries: 1, ...fakeClock() }))).toMatch(/^E_SOURCE: arXiv: could not fetch http:\/\/127\.0\.0\.1:\d+\/api\/query\?id_list=2302\.06675&max_results=1 after 2 attempts \(HTTP 503\); check the network/);
  });
});

describe('importFeed', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      const name = (req.url ?? '/').slice(1);
      let body: Buffer;
      try {
        body = readFileSync(join(FEEDS, name));
      } catch {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': name.endsWith('.json') ? 'application/feed+json' : 'application/xml' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reads RSS 2.0, Atom and JSON Feed into one digest (expected file reviewed by eye)', async () => {
    const digest = await importFeed(['blog.rss.xml', 'research.atom.xml', 'projects.json'], { cwd: FEEDS, date: '2024-05-06' });
    expect(digest).toEqual(JSON.parse(read('feeds/expected.json')));
  });

  it('fetches feeds by URL and gives the same items', async () => {
    const fromFile = await importFeed(['research.atom.xml'], { cwd: FEEDS, date: '2024-05-06' });
    const fromUrl = await importFeed([`${base}/research.atom.xml`], { date: '2024-05-06' });
    expect(fromUrl).toEqual(fromFile);
  });

  it('keeps only article content: no scripts, frames or javascript: links; every link and image absolute', async () => {
    const digest = await importFeed(['blog.rss.xml', 'research.atom.xml', 'projects.json'], { cwd: FEEDS, date: '2024-05-06' });
    const items = digest.sections.flatMap((s) => s.items ?? []);
    const text = JSON.stringify(items);
    expect(text).not.toMatch(/<script|<iframe|track\(|javascript:|video\.example/);
    for (const item of items) {
      for (const [, url] of (item.body ?? '').matchAll(/\]\(<?([^)>\s]+)/g)) expect(url).toMatch(/^https:\/\//);
    }
    // An entry's attached image is listed once, not again when the body shows it.
    const tiny = items.find((i) => i.title?.startsWith('TinyAgent'))!;
    expect(tiny.images).toBeUndefined();
    expect(tiny.body).toContain('![TinyAgent 架构图](https://weekly.example.cn/img/tinyagent.png)');
    const { html } = await renderDigest(digest);
    expect(html).not.toMatch(/<script|<iframe|javascript:/);
    expect(html).toContain('Speed-up');
  });

  it('with a state file, a daily run imports only what is new', async () => {
    const dir = folder();
    copyFileSync(join(FEEDS, 'blog.rss.xml'), join(dir, 'blog.xml'));
    const state = join(dir, 'state.json');
    const reports: unknown[] = [];
    const first = await importFeed(['blog.xml'], { cwd: dir, statePath: state, onFeed: (r) => reports.push(r), now: () => Date.parse('2024-05-06T10:00:00Z') });
    expect(first.sections[0].items).toHaveLength(2);
    expect(first.date).toBe('2024-05-06');
    expect(JSON.parse(readFileSync(state, 'utf8')).sources[join(dir, 'blog.xml')]).toEqual({
      'https://notes.example.org/2024/05/signals-stage-2': '2024-05-06T10:00:00.000Z',
      'notes-2024-05-bundler-2': '2024-05-06T10:00:00.000Z',
    });
    expect(await codeOf(importFeed(['blog.xml'], { cwd: dir, statePath: state }))).toBe(`E_SOURCE: feed: no entries that the state file ${state} does not already hold in blog.xml; nothing to import`);
    // The next day the feed has one more entry: only that one comes in.
    const next = read('feeds/blog.rss.xml').replace('<item>', '<item><title>Node 22 released</title><link>https://notes.example.org/2024/05/node-22</link><guid>node-22</guid><pubDate>Tue, 07 May 2024 07:00:00 +0000</pubDate><description>&lt;p&gt;Node 22 ships &lt;code&gt;require(esm)&lt;/code&gt;.&lt;/p&gt;</description></item><item>');
    writeFileSync(join(dir, 'blog.xml'), next);
    const second = await importFeed(['blog.xml'], { cwd: dir, statePath: state, onFeed: (r) => reports.push(r) });
    expect(second.sections[0].items!.map((i) => i.title)).toEqual(['Node 22 released']);
    expect(second.sections[0].items![0].body).toBe('Node 22 ships `require(esm)`.');
    expect(reports).toEqual([
      { source: 'blog.xml', title: 'JS Platform Notes', format: 'rss', entries: 2, imported: 2, skipped: 0 },
      { source: 'blog.xml', title: 'JS Platform Notes', format: 'rss', entries: 3, imported: 1, skipped: 2 },
    ]);
  });

  it('filters by day and caps each feed, newest first', async () => {
    const digest = await importFeed(['research.atom.xml'], { cwd: FEEDS, since: '2024-05-01', max: 1, date: '2024-05-06' });
    expect(digest.sections[0].items!.map((i) => i.title)).toEqual(['Sparse attention at 1M tokens']);
  });

  it('names the mistake and the fix', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'page.html'), '<html><body>hi</body></html>');
    writeFileSync(join(dir, 'broken.xml'), '<rss><channel><item></channel></rss>');
    writeFileSync(join(dir, 'list.json'), '{"version":"https://jsonfeed.org/version/1.1","title":"x"}');
    writeFileSync(join(dir, 'state.json'), '[1,2]');
    expect(await codeOf(importFeed(['nothing.xml'], { cwd: dir }))).toBe('E_FILE: nothing.xml: cannot read: no such file; give a feed file or an http(s) URL');
    expect(await codeOf(importFeed(['page.html'], { cwd: dir }))).toBe('E_SOURCE: page.html: not a feed: the XML is neither RSS (<rss>) nor Atom (<feed>)');
    expect(await codeOf(importFeed(['broken.xml'], { cwd: dir }))).toMatch(/^E_SOURCE: broken\.xml: not well-formed XML at line 1, column \d+: /);
    expect(await codeOf(importFeed(['list.json'], { cwd: dir }))).toBe('E_SOURCE: list.json: a JSON Feed needs an "items" list; this JSON has none');
    expect(await codeOf(importFeed([`${base}/missing.xml`]))).toBe(`E_SOURCE: feed: ${base}/missing.xml answered HTTP 404; check the address`);
    expect(await codeOf(importFeed(['blog.rss.xml'], { cwd: FEEDS, statePath: join(dir, 'state.json') }))).toBe(`E_INVALID_OPTION: --state: ${join(dir, 'state.json')} is not a wechat-digest state file; name a new file, or delete this one to import everything again`);
    expect(await codeOf(importFeed(['blog.rss.xml'], { cwd: FEEDS, since: '2024-5-1' }))).toBe('E_INVALID_OPTION: --since: "2024-5-1" is not a date; write it as YYYY-MM-DD, e.g. 2023-02-14');
  });

  it('gives digests that parseDigest accepts as they are', async () => {
    const digest = await importFeed(['blog.rss.xml', 'research.atom.xml', 'projects.json'], { cwd: FEEDS, date: '2024-05-06' });
    expect(parseDigest(JSON.parse(JSON.stringify(digest)))).toEqual(digest);
  });
});
