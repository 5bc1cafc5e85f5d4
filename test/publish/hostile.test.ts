// What publish trusts: image paths a digest names (from a feed or a model), redirects from the
// API and from image hosts, the saved token when the secret changes, and the upload cache when
// two runs share it or the API host changes. Every server is local (127.0.0.1).
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DigestError, publishDraft, renderDigest, type DigestInput, type PublishOptions } from '../../src/index.js';
import { UploadCache, uploadKey } from '../../src/publish/upload-cache.js';
import { siteOf } from '../../src/publish/http.js';
import { encodePng } from '../fixtures/images/png.js';
import { FakeWechat } from '../support/fake-wechat.js';

const IMAGES = fileURLToPath(new URL('../fixtures/images/', import.meta.url));
const APP_ID = 'wx5a7c0d1e2f3a4b5c';
const APP_SECRET = 'f3b9c2d1e0a47f6b8c5d2e1f0a9b8c7d';

let root: string;
let digestDir: string;
let server: FakeWechat;
const extra: Server[] = [];

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'wd-trust-'));
  digestDir = join(root, 'digest');
  mkdirSync(join(root, 'private'), { recursive: true });
  mkdirSync(digestDir);
  copyFileSync(join(IMAGES, 'figure.png'), join(digestDir, 'figure.png'));
  copyFileSync(join(IMAGES, 'cover.png'), join(digestDir, 'cover.png'));
  copyFileSync(join(IMAGES, 'photo.jpg'), join(root, 'private', 'secret.jpg'));
  server = await new FakeWechat({ appId: APP_ID, appSecret: APP_SECRET }).start();
});

afterEach(async () => {
  await server.close();
  for (const s of extra.splice(0)) await new Promise((done) => s.close(done));
  rmSync(root, { recursive: true, force: true });
});

const options = (more: Partial<PublishOptions> = {}): PublishOptions => ({
  appId: APP_ID, appSecret: APP_SECRET, apiBase: server.url, cacheDir: join(root, 'cache'), baseDir: digestDir, verify: false, retries: 0, ...more,
});

const digestWith = (item: NonNullable<DigestInput['sections'][number]['items']>[number]): DigestInput => ({
  title: 'Trust', cover: { src: 'cover.png' }, sections: [{ items: [{ title: 'Item', ...item }] }],
});

async function failure(promise: Promise<unknown>): Promise<DigestError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DigestError);
  return error as DigestError;
}

/** A local server whose every answer comes from `answer`; returns its base URL. */
async function serve(answer: (path: string) => { status: number; headers?: Record<string, string>; body?: Buffer | string }, host = '127.0.0.1'): Promise<string> {
  const s = createServer((req, res) => {
    const a = answer(req.url ?? '/');
    res.writeHead(a.status, a.headers ?? {});
    res.end(a.body ?? '');
  });
  await new Promise<void>((done) => s.listen(0, '127.0.0.1', done));
  extra.push(s);
  return `http://${host}:${(s.address() as AddressInfo).port}`;
}

describe('image paths a digest names', () => {
  it.each([
    ['../private/secret.jpg', 'in an item image'],
    ['PRIVATE', 'as an absolute path'],
  ])('refuses %s (%s): the error names the field and the path', async (src) => {
    const path = src === 'PRIVATE' ? join(root, 'private', 'secret.jpg') : src;
    const error = await failure(publishDraft(digestWith({ images: [{ src: path }] }), options({ dryRun: true })));
    expect(error.code).toBe('E_IMAGE');
    expect(error.problems.map((p) => p.path)).toEqual(['sections[0].items[0].images[0].src']);
    expect(error.message).toContain(`is outside the digest's folder (${join(root, 'private', 'secret.jpg')})`);
    expect(error.message).toContain('--image-dir');
  });

  it('refuses one in a Markdown body, and one reached through a symbolic link inside the folder', async () => {
    symlinkSync(join(root, 'private', 'secret.jpg'), join(digestDir, 'innocent.jpg'));
    const error = await failure(publishDraft(digestWith({ body: '![a](../private/secret.jpg)\n\n![b](innocent.jpg)' }), options({ dryRun: true })));
    expect(error.problems.map((p) => p.message.match(/^Image "([^"]+)" is outside/)?.[1])).toEqual(['../private/secret.jpg', 'innocent.jpg']);
  });

  it('reads it when imageDirs allows its folder', async () => {
    const result = await publishDraft(digestWith({ images: [{ src: '../private/secret.jpg' }] }), options({ dryRun: true, imageDirs: ['../private'] }));
    expect(result.uploads.find((u) => u.source === '../private/secret.jpg')?.status).not.toBe('failed');
  });

  it('takes //host/x.png and \\\\host\\x.png for the servers they name, never for local files', async () => {
    for (const src of ['//cdn.example.com/x.png', '\\\\server\\share\\x.png']) {
      const error = await failure(publishDraft(digestWith({ images: [{ src }] }), options({ dryRun: true })));
      expect(error.code).toBe('E_INVALID_DIGEST');
      expect(error.message).toContain('names a server but no scheme');
    }
    const { html } = renderDigest(digestWith({ body: 'see ![the chart](//cdn.example.com/x.png)' }));
    expect(html).not.toContain('cdn.example.com');
    expect(html).toContain('see the chart');
  });
});

describe('redirects', () => {
  it('an API call follows none: the AppSecret never reaches the host it points to', async () => {
    const elsewhere: string[] = [];
    const other = await serve((path) => {
      elsewhere.push(path);
      return { status: 200, body: '{"access_token":"stolen","expires_in":7200}' };
    });
    const api = await serve(() => ({ status: 307, headers: { location: `${other}/cgi-bin/stable_token` } }));
    const error = await failure(publishDraft(digestWith({}), options({ apiBase: api })));
    expect(error.code).toBe('E_NETWORK');
    expect(error.message).toContain('API calls follow none');
    expect(elsewhere).toEqual([]);
  });

  it('an image download follows a redirect within the site, not to another site, and at most 5', async () => {
    const png = encodePng(8, 8, () => [200, 30, 30]);
    const other = await serve(() => ({ status: 200, headers: { 'content-type': 'image/png' }, body: png }), 'localhost');
    const images = await serve((path) => {
      const hop = /^\/hop(\d+)$/.exec(path);
      if (path === '/moved.png') return { status: 302, headers: { location: '/real.png' } };
      if (path === '/real.png') return { status: 200, body: png };
      if (path === '/away.png') return { status: 302, headers: { location: `${other}/x.png` } };
      if (hop) return { status: 302, headers: { location: `/hop${Number(hop[1]) + 1}` } };
      return { status: 404 };
    });
    const read = (src: string) => publishDraft(digestWith({ images: [{ src }] }), options());
    expect((await read(`${images}/moved.png`)).uploads.some((u) => u.source === `${images}/moved.png` && u.status === 'uploaded')).toBe(true);
    expect((await failure(read(`${images}/away.png`))).message).toContain(`to another site, ${new URL(other).host}`);
    expect((await failure(read(`${images}/hop0`))).message).toContain('more than 5 redirects');
    expect(siteOf('img.cdn.example.com')).toBe('example.com');
    expect(siteOf('a.example.com.cn')).toBe('example.com.cn');
  });
});

describe('the saved token and the upload cache', () => {
  it('does not reuse a saved token with another secret', async () => {
    await publishDraft(digestWith({}), options());
    expect(server.tokenRequests).toHaveLength(1);
    const error = await failure(publishDraft(digestWith({}), options({ appSecret: 'a-secret-reset-since' })));
    expect(error.code).toBe('E_WECHAT_API');
    expect(server.tokenRequests).toHaveLength(2);
    await publishDraft(digestWith({}), options());
    expect(server.tokenRequests).toHaveLength(2);
  });

  it('keeps the uploads of each API host apart', async () => {
    await publishDraft(digestWith({ images: [{ src: 'figure.png' }] }), options());
    const second = await new FakeWechat({ appId: APP_ID, appSecret: APP_SECRET }).start();
    try {
      const again = await publishDraft(digestWith({ images: [{ src: 'figure.png' }] }), options({ apiBase: second.url }));
      expect(again.uploads.filter((u) => u.status === 'cached')).toEqual([]);
      expect(second.uploads.length).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
    const rerun = await publishDraft(digestWith({ images: [{ src: 'figure.png' }] }), options());
    expect(rerun.uploads.every((u) => u.status === 'cached')).toBe(true);
  });

  it('two runs writing one cache at once keep each other\'s uploads', async () => {
    const dir = join(root, 'shared');
    const [a, b] = await Promise.all([UploadCache.open(dir, APP_ID), UploadCache.open(dir, APP_ID)]);
    const keys = Array.from({ length: 40 }, (_, i) => uploadKey(i.toString(16).padStart(64, '0'), 'image', 'png', 'animate'));
    await Promise.all(keys.map((key, i) => (i % 2 ? a : b).set('image', key, { url: `http://mmbiz.qpic.cn/${i}/0` })));
    const later = await UploadCache.open(dir, APP_ID);
    expect(keys.filter((key) => later.get('image', key) === undefined)).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, `uploads-${APP_ID}.json`), 'utf8')).apiHost).toBe('api.weixin.qq.com');
  });
});
