import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'cheerio/slim';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkWechat, DigestError, publishDraft, renderDigest, type DigestInput, type PublishOptions, type PublishProgress } from '../../src/index.js';
import { encodePng, noisePng } from '../fixtures/images/png.js';
import { arxivDaily } from '../helpers.js';
import { FakeWechat } from '../support/fake-wechat.js';

const IMAGES = fileURLToPath(new URL('../fixtures/images/', import.meta.url));
const APP_ID = 'wx5a7c0d1e2f3a4b5c';
const APP_SECRET = 'f3b9c2d1e0a47f6b8c5d2e1f0a9b8c7d';

/** Everything the tests saw the library produce: scanned for the secret and the tokens at the end. */
const produced: string[] = [];
const servers: FakeWechat[] = [];

let server: FakeWechat;
let cacheDir: string;
let events: PublishProgress[];

beforeEach(async () => {
  server = await new FakeWechat({ appId: APP_ID, appSecret: APP_SECRET }).start();
  servers.push(server);
  server.files.set('remote.png', encodePng(12, 12, (x, y) => [x * 20, y * 20, 128]));
  cacheDir = mkdtempSync(join(tmpdir(), 'wd-publish-'));
  events = [];
});

afterEach(async () => {
  produced.push(JSON.stringify(events));
  for (const file of readdirSync(cacheDir)) if (file.startsWith('uploads-')) produced.push(readFileSync(join(cacheDir, file), 'utf8'));
  await server.close();
});

/** A digest with a cover, local images (PNG, JPEG), a remote one, and one already on WeChat. */
function digestWithImages(): DigestInput {
  return {
    title: '今日论文：能量与优化',
    author: '小编',
    date: '2026-11-28',
    sourceUrl: 'https://arxiv.org/list/cs.LG/recent',
    cover: { src: 'cover.png' },
    categories: { LG: '机器学习' },
    sections: [
      {
        items: [
          {
            tag: 'LG',
            title: 'Energy Transformer',
            translatedTitle: '能量Transformer',
            points: ['把注意力写成能量函数', '以 **联想记忆** 的方式更新 token'],
            body: '训练曲线：\n\n![loss](figure.png "图1：训练曲线")',
            images: [{ src: 'photo.jpg', caption: '图2：结构示意' }],
            url: 'https://arxiv.org/abs/2302.07253',
          },
          {
            tag: 'LG',
            title: 'Symbolic Discovery of Optimization Algorithms',
            translatedTitle: '优化算法的符号化发现',
            images: [{ src: `${server.url}/files/remote.png`, caption: '图3：远程图片' }, { src: 'https://mmbiz.qpic.cn/mmbiz_png/already-hosted/0?wx_fmt=png' }],
            url: 'https://arxiv.org/abs/2302.06675',
          },
        ],
      },
    ],
  };
}

function options(extra: PublishOptions = {}): PublishOptions {
  return {
    appId: APP_ID,
    appSecret: APP_SECRET,
    apiBase: server.url,
    cacheDir,
    baseDir: IMAGES,
    retryDelayMs: 5,
    timeoutMs: 5_000,
    onProgress: (e) => events.push(e),
    ...extra,
  };
}

/** Runs a publish expected to fail; returns the DigestError (and records it for the secret scan). */
async function failure(run: Promise<unknown>): Promise<DigestError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DigestError);
  const e = error as DigestError;
  produced.push(e.message, JSON.stringify(e.details), JSON.stringify(e.problems), String(e.stack));
  return e;
}

describe('publishDraft against a local WeChat API', () => {
  it('publishes: uploads each image once, replaces every src, sends raw UTF-8, returns the media_id', async () => {
    const digest = digestWithImages();
    const result = await publishDraft(digest, options());
    produced.push(JSON.stringify(result));

    expect(server.drafts).toHaveLength(1);
    const [draft] = server.drafts;
    expect(result.mediaId).toBe(draft.mediaId);
    expect(result.dryRun).toBe(false);

    // Uploads: the body images not on WeChat (the cover shown at the top, PNG, JPEG, the
    // downloaded PNG), then the cover as permanent material.
    expect(server.uploads.map((u) => [u.endpoint, u.format, u.mime])).toEqual([
      ['media/uploadimg', 'png', 'image/png'],
      ['media/uploadimg', 'png', 'image/png'],
      ['media/uploadimg', 'jpg', 'image/jpeg'],
      ['media/uploadimg', 'png', 'image/png'],
      ['material/add_material', 'png', 'image/png'],
    ]);
    expect(server.uploads.every((u) => /^[0-9a-f]{16}\.(png|jpg)$/.test(u.filename))).toBe(true);
    expect(result.uploads.map((u) => [u.kind, u.source.replace(server.url, 'SERVER'), u.status])).toEqual([
      ['image', 'cover.png', 'uploaded'],
      ['image', 'figure.png', 'uploaded'],
      ['image', 'photo.jpg', 'uploaded'],
      ['image', 'SERVER/files/remote.png', 'uploaded'],
      ['image', 'https://mmbiz.qpic.cn/mmbiz_png/already-hosted/0?wx_fmt=png', 'kept'],
      ['cover', 'cover.png', 'uploaded'],
    ]);

    const article = draft.articles[0];
    expect(article).toMatchObject({
      title: '今日论文：能量与优化',
      author: '小编',
      digest: '能量Transformer、优化算法的符号化发现',
      content_source_url: 'https://arxiv.org/list/cs.LG/recent',
      thumb_media_id: server.uploads[4].mediaId,
      need_open_comment: 0,
      only_fans_can_comment: 0,
    });

    // The content is the rendered fragment with only the image sources changed.
    const content = String(article.content);
    const srcs = load(content)('img').toArray().map((img) => img.attribs.src);
    expect(srcs).toHaveLength(5);
    expect(srcs.every((src) => src.startsWith('http://mmbiz.qpic.cn/') || src.startsWith('https://mmbiz.qpic.cn/'))).toBe(true);
    let expected = renderDigest(digest).html;
    for (const record of result.uploads.filter((u) => u.kind === 'image')) expected = expected.split(`src="${record.source}"`).join(`src="${record.url}"`);
    expect(content).toBe(expected);
    expect(checkWechat(content, { target: 'api' }).filter((f) => f.severity === 'error')).toEqual([]);

    // Raw UTF-8 on the wire: CJK as is, no \u escapes.
    expect(draft.raw).toContain('能量Transformer');
    expect(draft.raw).not.toMatch(/\\u[0-9a-fA-F]{4}/);
    expect(result.articles[0].content).toBe(content);

    expect(events.filter((e) => e.type === 'upload')).toHaveLength(6);
    expect(events.filter((e) => e.type === 'token')).toEqual([{ type: 'token', refreshed: false }]);
    expect(events.at(-1)).toEqual({ type: 'draft', mediaId: draft.mediaId, articles: 1, action: 'added' });
    // Read back: the stand-in keeps what it was sent.
    expect(result.kept).toEqual([]);
  });

  it('renews the token once when it expires mid-run, and goes on', async () => {
    server.switches.expireTokenAfterCalls = 2;
    const result = await publishDraft(digestWithImages(), options());
    produced.push(JSON.stringify(result));
    expect(server.drafts).toHaveLength(1);
    expect(server.tokenRequests.map((r) => r.force_refresh)).toEqual([false, true]);
    expect(server.issuedTokens).toHaveLength(2);
    // The third call was refused with 42001, then repeated with the new token.
    const calls = server.apiRequests().filter((r) => r.endpoint !== 'stable_token');
    expect(calls.map((r) => r.query.access_token === server.issuedTokens[0])).toEqual([true, true, true, false, false, false, false, false]);
    expect(events.filter((e) => e.type === 'token')).toEqual([{ type: 'token', refreshed: false }, { type: 'token', refreshed: true }]);
  });

  it('stops with E_WECHAT_API when even the renewed token is refused', async () => {
    server.switches.refuseEveryToken = true;
    const error = await failure(publishDraft(digestWithImages(), options()));
    expect(error.code).toBe('E_WECHAT_API');
    expect(error.details).toMatchObject({ errcode: 42001, endpoint: 'media/uploadimg' });
    expect(error.message).toMatch(/^WeChat refused media\/uploadimg \(errcode 42001\): the access token expired\. Run again; /);
    expect(server.tokenRequests.map((r) => r.force_refresh)).toEqual([false, true]);
  });

  it('explains an IP whitelist refusal (40164), quoting the IP', async () => {
    server.switches.refuseIp = '203.0.113.7';
    const error = await failure(publishDraft(digestWithImages(), options()));
    expect(error.code).toBe('E_WECHAT_API');
    expect(error.details.errcode).toBe(40164);
    expect(error.message).toBe(
      'WeChat refused stable_token (errcode 40164): this machine\u2019s IP address 203.0.113.7 is not on the account\u2019s IP whitelist. ' +
        'Add 203.0.113.7 to the IP whitelist (设置与开发 → 基本配置 → IP白名单) in the Official Account platform, then run again.',
    );
    expect(server.uploads).toEqual([]);
  });

  it('re-encodes an image over 1 MB until it fits: quality first, never wider than it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wd-big-'));
    writeFileSync(join(dir, 'huge.png'), noisePng(1_200_000));
    writeFileSync(join(dir, 'cover.png'), readFileSync(join(IMAGES, 'cover.png')));
    const digest: DigestInput = { title: 'Big', cover: { src: 'cover.png' }, sections: [{ items: [{ title: 'A', images: [{ src: 'huge.png' }] }] }] };
    const result = await publishDraft(digest, options({ baseDir: dir }));
    produced.push(JSON.stringify(result));
    const huge = result.uploads.find((u) => u.source === 'huge.png')!;
    expect(huge.before).toMatchObject({ format: 'png', width: 634, height: 634 });
    expect(huge.before!.bytes).toBeGreaterThan(1_200_000);
    expect(huge).toMatchObject({ status: 'uploaded', format: 'jpg', width: 634, height: 634, endpoint: 'media/uploadimg' });
    expect(huge.bytes).toBeLessThanOrEqual(1_000_000);
    expect(huge.changes![0]).toBe('PNG → JPEG');
    expect(huge.changes).toContainEqual(expect.stringMatching(/^over 1 MB: quality \d+$/));
    expect(server.uploads.find((u) => u.width === 634)).toMatchObject({ endpoint: 'media/uploadimg', format: 'jpg', width: 634, height: 634, bytes: huge.bytes });
  });

  it('reports WeChat\u2019s own size refusal (40009) with the fix', async () => {
    server.switches.maxImageBytes = 500;
    const error = await failure(publishDraft(digestWithImages(), options()));
    expect(error.code).toBe('E_WECHAT_API');
    expect(error.details).toMatchObject({ errcode: 40009, endpoint: 'media/uploadimg' });
    expect(error.message).toContain('the image is too large. Keep body images under 1 MB');
  });

  it('explains the daily quota (45009) and creates nothing', async () => {
    server.switches.quotaReached = ['draft/add'];
    const error = await failure(publishDraft(digestWithImages(), options()));
    expect(error.code).toBe('E_WECHAT_API');
    expect(error.details).toMatchObject({ errcode: 45009, endpoint: 'draft/add' });
    expect(error.message).toBe(
      'WeChat refused draft/add (errcode 45009): the account reached its daily quota for this API. Try again tomorrow, or reset the quota once in 设置与开发 → 接口权限 (clear_quota).',
    );
    expect(server.drafts).toEqual([]);
  });

  it('uploads nothing on a rerun: the upload cache and the token file', async () => {
    const digest = digestWithImages();
    await publishDraft(digest, options());
    const uploads = server.uploads.length;
    const tokenFile = JSON.parse(readFileSync(join(cacheDir, `token-${APP_ID}.json`), 'utf8'));
    expect(tokenFile).toMatchObject({ appId: APP_ID, accessToken: server.issuedTokens[0] });
    expect(tokenFile.expiresAt).toBeGreaterThan(Date.now() + 7100_000);
    expect(JSON.stringify(tokenFile)).not.toContain(APP_SECRET);

    // A fresh module graph has no token in memory: it must come from the file.
    vi.resetModules();
    const fresh = await import('../../src/index.js');
    events = [];
    const again = await fresh.publishDraft(digest, options({ onProgress: (e) => events.push(e) }));
    produced.push(JSON.stringify(again));
    expect(server.uploads).toHaveLength(uploads);
    expect(server.tokenRequests).toHaveLength(1);
    expect(again.uploads.map((u) => u.status)).toEqual(['cached', 'cached', 'cached', 'cached', 'kept', 'cached']);
    // The same digest: its draft is updated, not added again.
    expect(server.drafts).toHaveLength(1);
    expect(again.action).toBe('updated');
    expect(server.updates.map((u) => [u.mediaId, u.index, u.article.content === server.drafts[0].articles[0].content])).toEqual([[server.drafts[0].mediaId, 0, true]]);
    expect(events.some((e) => e.type === 'token')).toBe(false);
  });

  it('renews a cached token in its last 5 minutes, without force_refresh', async () => {
    const digest = digestWithImages();
    await publishDraft(digest, options());
    const file = join(cacheDir, `token-${APP_ID}.json`);
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), expiresAt: Date.now() + 4 * 60_000 }));
    vi.resetModules();
    const fresh = await import('../../src/index.js');
    await fresh.publishDraft(digest, options());
    expect(server.tokenRequests.map((r) => r.force_refresh)).toEqual([false, false]);
    expect(server.drafts).toHaveLength(1);
    expect(server.updates).toHaveLength(1);
  });

  it('takes a render result as input, and the injected fetch', async () => {
    const calls: string[] = [];
    const recording: typeof fetch = (url, init) => {
      calls.push(new URL(String(url)).pathname);
      return fetch(url, init);
    };
    const rendered = renderDigest(digestWithImages(), { theme: 'classic' });
    const result = await publishDraft(rendered, options({ fetch: recording }));
    expect(server.drafts[0].articles[0].content).toBe(result.articles[0].content);
    expect(calls).toEqual([
      '/files/remote.png',
      '/cgi-bin/stable_token',
      '/cgi-bin/media/uploadimg',
      '/cgi-bin/media/uploadimg',
      '/cgi-bin/media/uploadimg',
      '/cgi-bin/media/uploadimg',
      '/cgi-bin/material/add_material',
      '/cgi-bin/draft/add',
      '/cgi-bin/draft/get',
    ]);
  });

  it('uploads the cover again when WeChat no longer knows the cached one (40007)', async () => {
    const digest = digestWithImages();
    const first = await publishDraft(digest, options());
    server.switches.deletedMedia = [first.articles[0].thumb_media_id];
    // Updating the draft: draft/update answers 40007, the draft is still there, so the cover goes up again.
    const second = await publishDraft(digest, options());
    expect(second).toMatchObject({ action: 'updated', mediaId: first.mediaId });
    expect(second.uploads.at(-1)).toMatchObject({ kind: 'cover', status: 'uploaded' });
    expect(server.uploads.filter((u) => u.endpoint === 'material/add_material')).toHaveLength(2);
    expect(server.draftBox.get(first.mediaId!)!.articles[0].thumb_media_id).toBe(second.articles[0].thumb_media_id);
    expect(second.articles[0].thumb_media_id).not.toBe(first.articles[0].thumb_media_id);
    // Adding a new draft (--new): draft/add answers 40007, the cover goes up again once.
    server.switches.deletedMedia.push(second.articles[0].thumb_media_id);
    const third = await publishDraft(digest, options({ newDraft: true }));
    expect(third.action).toBe('added');
    expect(server.uploads.filter((u) => u.endpoint === 'material/add_material')).toHaveLength(3);
    expect(server.drafts.at(-1)!.articles[0].thumb_media_id).toBe(third.articles[0].thumb_media_id);
  });

  it('dry run: renders, checks, reads the images and returns the draft, with no request at all', async () => {
    const noNetwork: typeof fetch = () => Promise.reject(new Error('a dry run must not touch the network'));
    const result = await publishDraft(digestWithImages(), options({ dryRun: true, appSecret: undefined, fetch: noNetwork }));
    produced.push(JSON.stringify(result));
    expect(server.requests).toEqual([]);
    expect(result.mediaId).toBeUndefined();
    expect(result.dryRun).toBe(true);
    expect(result.uploads.map((u) => [u.kind, u.status, u.format ?? null])).toEqual([
      ['image', 'pending', 'png'],
      ['image', 'pending', 'png'],
      ['image', 'pending', 'jpg'],
      ['image', 'pending', null],
      ['image', 'kept', null],
      ['cover', 'pending', 'png'],
    ]);
    const [article] = result.articles;
    expect(article.thumb_media_id).toMatch(/^DRY_RUN_COVER_[0-9a-f]{29}$/);
    const srcs = load(article.content)('img').toArray().map((img) => img.attribs.src);
    expect(srcs.filter((s) => s.includes('/DRYRUN'))).toHaveLength(4);
    expect(srcs.filter((s) => s.includes('already-hosted'))).toHaveLength(1);
    expect(checkWechat(article.content, { target: 'api' }).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('dry run after a publish shows the cached URLs', async () => {
    const digest = digestWithImages();
    const published = await publishDraft(digest, options());
    const requests = server.requests.length;
    const dry = await publishDraft(digest, options({ dryRun: true }));
    expect(server.requests).toHaveLength(requests);
    expect(dry.uploads.map((u) => u.status)).toEqual(['cached', 'cached', 'cached', 'pending', 'kept', 'cached']);
    expect(dry.articles[0].thumb_media_id).toBe(published.articles[0].thumb_media_id);
  });

  it('retries dropped connections with growing delays, and succeeds', async () => {
    server.switches.dropConnections = { '/files/remote.png': 1, stable_token: 2 };
    const result = await publishDraft(digestWithImages(), options());
    expect(result.mediaId).toBe(server.drafts[0].mediaId);
    expect(events.filter((e) => e.type === 'retry').map((e) => e.type === 'retry' && [e.endpoint.replace(server.url, 'SERVER'), e.attempt, e.delayMs])).toEqual([
      ['download SERVER/files/remote.png', 1, 5],
      ['stable_token', 1, 5],
      ['stable_token', 2, 10],
    ]);
  });

  it('does not repeat a draft/add whose connection broke after sending', async () => {
    server.switches.dropConnections = { 'draft/add': 1 };
    const error = await failure(publishDraft(digestWithImages(), options()));
    expect(error.code).toBe('E_NETWORK');
    expect(error.message).toMatch(/^Could not complete draft\/add at 127\.0\.0\.1:\d+: connection failed \(\w+\)\. The request may have reached WeChat: look in the draft box before running again\.$/);
    expect(server.apiRequests('draft/add')).toHaveLength(1);
  });

  it('gives up on a slow endpoint after the retries, with E_NETWORK', async () => {
    server.switches.delayMs = { 'media/uploadimg': 1_000 };
    const error = await failure(publishDraft(digestWithImages(), options({ timeoutMs: 150, retries: 2 })));
    expect(error.code).toBe('E_NETWORK');
    expect(error.message).toBe(`Could not complete media/uploadimg at ${server.url.slice('http://'.length)}: no answer within 150 ms. Check the network connection and apiBase, then run again.`);
    expect(server.apiRequests('media/uploadimg')).toHaveLength(3);
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(2);
  });

  it('does not repeat a draft/add that timed out (it may have been created)', async () => {
    server.switches.delayMs = { 'draft/add': 1_000 };
    const error = await failure(publishDraft(digestWithImages(), options({ timeoutMs: 300, retries: 2 })));
    expect(error.code).toBe('E_NETWORK');
    expect(error.message).toContain('no answer within 300 ms. The request may have reached WeChat: look in the draft box before running again.');
    expect(server.apiRequests('draft/add')).toHaveLength(1);
  });

  it('counts what the render estimated on the API path: the dry run exactly, the draft within 1%', async () => {
    const digest = digestWithImages();
    const { stats } = renderDigest(digest, { target: 'api' });
    expect(stats.api.uploads).toBe(stats.images - 1);
    expect(stats.api.characters).toBeGreaterThan(stats.characters);
    const dry = await publishDraft(digest, options({ dryRun: true }));
    expect(dry.articles[0].content.length).toBe(stats.api.characters);
    const published = await publishDraft(digest, options());
    const sent = published.articles[0].content.length;
    expect(Math.abs(sent - stats.api.characters) / sent).toBeLessThan(0.01);
  });

  it('splits a digest over the content limit into articles of one draft, numbers running on', async () => {
    const base = arxivDaily();
    const items = base.sections[0].items!;
    const big: DigestInput = {
      ...base,
      cover: { src: 'cover.png' },
      summary: undefined,
      sections: [{ ...base.sections[0], items: [...items, ...items.map((i) => ({ ...i, title: `${i.title} (II)` }))] }, base.sections[1]],
    };
    const error = await failure(publishDraft(big, options()));
    expect(error.code).toBe('E_CONTENT_LIMIT');
    expect(error.message).toMatch(/^The article does not fit WeChat’s limits; no draft was created\. Publish with split \(--split\) to spread the items over several articles of one draft\.\n  ✖ \[content-too-long\] content of 20,000 characters or more: [\d,]+ characters, [\d,]+ over the limit of 19,999/);
    const [, total, over] = /: ([\d,]+) characters, ([\d,]+) over/.exec(error.message)!.map((s) => Number(s.replaceAll(',', '')));
    expect(total - over).toBe(19_999);
    expect(total).toBeGreaterThan(renderDigest(big).html.length);

    const result = await publishDraft(big, options({ split: true }));
    produced.push(JSON.stringify(result));
    const articles = server.drafts[0].articles;
    expect(articles.length).toBeGreaterThan(1);
    expect(articles.length).toBeLessThanOrEqual(8);
    const n = articles.length;
    // Each title says which numbered items its article holds.
    const titled = articles.map((a) => new RegExp(`^${base.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\((\\d+)/(\\d+) · (\\d+)–(\\d+)\\)$`).exec(String(a.title)));
    expect(titled.every(Boolean), articles.map((a) => a.title).join('\n')).toBe(true);
    expect(titled.map((m) => [Number(m![1]), Number(m![2])])).toEqual(articles.map((_, i) => [i + 1, n]));
    expect(Number(titled[0]![3])).toBe(1);
    for (let i = 1; i < n; i++) expect(Number(titled[i]![3])).toBe(Number(titled[i - 1]![4]) + 1);
    const texts = articles.map((a) => load(String(a.content)).text());
    for (const [i, a] of articles.entries()) {
      expect(String(a.content).length).toBeLessThan(20_000);
      // The title is the article's title field (WeChat shows it above the body); the body opens with the category legend (left out where it reads as the title), else the contents or the summary.
      expect(texts[i]).toMatch(/^(LG – 机器学习|目录|摘要)/);
      expect(texts[i]).toContain('正文完');
      expect(a.thumb_media_id).toBe(articles[0].thumb_media_id);
    }
    // Every featured item once, numbered 1…16 across the articles, in order.
    const headings = articles.flatMap((a) => load(String(a.content))('h3').toArray().map((h) => load(h).text()));
    const numbers = headings.flatMap((h) => /^(\d+)、/.exec(h)?.[1] ?? []).map(Number);
    const featured = big.sections[0].items!.length;
    expect(Number(titled[n - 1]![4])).toBe(featured);
    expect(numbers).toEqual(Array.from({ length: featured }, (_, i) => i + 1));
    for (const item of big.sections.flatMap((s) => s.items ?? [])) {
      expect(texts.filter((t) => t.includes(item.title!)).length).toBeGreaterThanOrEqual(1);
    }
    // The unnumbered section comes last, in the last article.
    expect(texts.at(-1)).toContain(base.sections[1].title!);
    // Balanced: as many articles as filling them in turn needs, none much smaller than the others.
    const sizes = articles.map((a) => String(a.content).length);
    expect(Math.min(...sizes) / Math.max(...sizes), `sizes ${sizes.join(', ')}`).toBeGreaterThan(0.6);
    // Each article's feed summary names its own items.
    expect(String(articles[0].digest)).toContain('优化算法的符号化发现');
    expect(String(articles.at(-1)!.digest)).not.toContain('优化算法的符号化发现、能量Transformer');
  });
});

describe('publishDraft: mistakes named before anything is sent', () => {
  it('needs credentials unless dry run', async () => {
    const error = await failure(publishDraft(digestWithImages(), options({ appSecret: undefined })));
    expect(error.code).toBe('E_INVALID_OPTION');
    expect(error.message).toMatch(/^options\.appSecret: required to publish; pass the AppSecret .*WECHAT_APP_SECRET for the CLI; or publish through a relay \(options\.relay\)$/);
  });

  it('names an unknown option', async () => {
    const error = await failure(publishDraft(digestWithImages(), { ...options(), coverImage: 'x.png' } as PublishOptions));
    expect(error.message).toMatch(/^options\.coverImage: unknown option \(known: appId, appSecret, apiBase, cover, /);
  });

  it('names the render options by their path inside the publish options, with every other problem', async () => {
    const error = await failure(publishDraft(digestWithImages(), options({ retries: -1, render: { links: 'none' as never, colour: 'red' } as never })));
    expect(error.code).toBe('E_INVALID_OPTION');
    expect(error.message.split('\n')).toEqual([
      'options.render.links: expected "footnotes" or "inline" or "keep", received "none"',
      'options.render.colour: unknown option (known: theme, locale, links, accent, fontSize, numbering, target, header, summaryMax, rawHtml, highlight, lineNumbers, codeWindow)',
      'options.retries: expected a whole number 0 or more, received -1',
    ]);
  });

  it.each([
    ['not-an-image.png', 'Image "not-an-image.png" is not an image (the bytes are no PNG, JPEG, GIF, WebP, AVIF, TIFF, BMP or SVG): check the path, or export it again as PNG or JPEG.'],
    ['missing.png', `Image "missing.png" cannot be read (${join(IMAGES, 'missing.png')}: no such file); relative paths are resolved against ${IMAGES.replace(/\/$/, '')}, the digest file's folder.`],
  ])('refuses %s with a message naming it, its field and the fix', async (src, message) => {
    const digest: DigestInput = { title: 'T', cover: { src: 'cover.png' }, sections: [{ items: [{ title: 'A', images: [{ src }] }] }] };
    const error = await failure(publishDraft(digest, options({ baseDir: IMAGES.replace(/\/$/, '') })));
    expect(error.code).toBe('E_IMAGE');
    expect(error.problems).toEqual([{ path: 'sections[0].items[0].images[0].src', message }]);
    expect(error.message).toBe(`1 image cannot be used; nothing was uploaded and no draft was created:\n  ✖ sections[0].items[0].images[0].src: ${message}`);
    expect(server.requests).toEqual([]);
  });

  it('draws a cover from the digest when none is given, and sets its crops', async () => {
    const result = await publishDraft({ title: '今日论文', date: '2026-11-28', sections: [{ items: [{ title: 'A' }] }] }, options());
    produced.push(JSON.stringify(result));
    const [material] = server.uploads;
    expect(material).toMatchObject({ endpoint: 'material/add_material', format: 'png', width: 900, height: 383 });
    expect(result.uploads).toEqual([expect.objectContaining({ kind: 'cover', source: '(cover made from the digest)', status: 'uploaded', format: 'png', width: 900, height: 383 })]);
    expect(server.drafts[0].articles[0]).toMatchObject({ thumb_media_id: material.mediaId, pic_crop_235_1: '0_0_1_1', pic_crop_1_1: '0.287222_0_0.712778_1' });
  });

  it('refuses a title over 64 characters and an author over 16, listing both', async () => {
    const digest: DigestInput = { ...digestWithImages(), title: '标'.repeat(65), author: 'An author with a long name' };
    const error = await failure(publishDraft(digest, options()));
    expect(error.code).toBe('E_CONTENT_LIMIT');
    expect(error.problems.map((p) => p.message.slice(0, p.message.indexOf(']') + 1))).toEqual(['[title-too-long]', '[author-too-long]']);
    expect(server.requests).toEqual([]);
  });

  it('keeps the render\'s theme warnings, as renderDigest reports them', async () => {
    const digest: DigestInput = { title: 'T', cover: { src: 'cover.png' }, sections: [{ items: [{ title: 'A' }] }] };
    const rendered = renderDigest(digest, { accent: '#ffff00' }).warnings.map((w) => w.rule);
    expect(rendered).toContain('theme-accent-contrast');
    const { warnings } = await publishDraft(digest, options({ dryRun: true, render: { accent: '#ffff00' } }));
    expect(warnings.filter((w) => w.rule === 'theme-accent-contrast')).toEqual([expect.objectContaining({ article: 0 })]);
  });

  it('splits a passed result with the options it was rendered with', async () => {
    const items = Array.from({ length: 60 }, (_, i) => ({ title: `Paper ${i}`, body: 'word '.repeat(60) }));
    const digest: DigestInput = { title: 'T', cover: { src: 'cover.png' }, sections: [{ items }] };
    const result = renderDigest(digest, { theme: 'modern', accent: '#0f766e' });
    const { articles } = await publishDraft(result, options({ dryRun: true, split: true }));
    expect(articles.length).toBeGreaterThan(1);
    for (const a of articles) expect(a.content).toContain('#0f766e');
  });

  it('takes the headline summary as the feed summary, kept a headline, and cuts a long one at 120 characters without splitting an emoji', async () => {
    const titles = Array.from({ length: 30 }, (_, i) => `论文${i}🙂`);
    const digest: DigestInput = { title: 'T', cover: { src: 'cover.png' }, sections: [{ items: titles.map((t) => ({ title: t })) }] };
    const built = (await publishDraft(digest, options({ dryRun: true }))).articles[0].digest!;
    expect(built.length).toBeLessThanOrEqual(100);
    expect(built.startsWith('论文0🙂、论文1🙂、')).toBe(true);
    expect(built).toMatch(/ 等 \d+ 项$/);
    const written = (await publishDraft({ ...digest, summary: titles.join('、') }, options({ dryRun: true }))).articles[0].digest!;
    expect(written.length).toBeLessThanOrEqual(120);
    expect(written.endsWith('…')).toBe(true);
    expect(written.startsWith('论文0🙂、论文1🙂、')).toBe(true);
    for (const summary of [built, written]) expect(summary).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});

afterAll(() => {
  const secrets = [APP_SECRET, ...servers.flatMap((s) => s.issuedTokens)];
  expect(produced.length).toBeGreaterThan(20);
  for (const text of produced) for (const secret of secrets) expect(text).not.toContain(secret);
});
