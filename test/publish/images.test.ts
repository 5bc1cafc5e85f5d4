import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'cheerio/slim';
import sharp from 'sharp';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { publishDraft, run, type CliIo, type DigestInput, type PublishOptions, type UploadRecord } from '../../src/index.js';
import { FakeWechat } from '../support/fake-wechat.js';
import { failure } from '../support/failure.js';
import { testImages } from '../support/images.js';

const APP_ID = 'wx9e8d7c6b5a4f3e2d';
const APP_SECRET = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';

let images: Record<string, Buffer>;
let dir: string;
let server: FakeWechat;
let cacheDir: string;

beforeAll(async () => {
  images = await testImages();
  dir = mkdtempSync(join(tmpdir(), 'wd-images-'));
  for (const [name, bytes] of Object.entries(images)) writeFileSync(join(dir, name), bytes);
  writeFileSync(join(dir, 'cover.png'), await sharp({ create: { width: 90, height: 38, channels: 3, background: '#16a' } }).png().toBuffer());
});

beforeEach(async () => {
  server = await new FakeWechat({ appId: APP_ID, appSecret: APP_SECRET }).start();
  for (const name of ['opaque.webp', 'photo.avif', 'big.png', 'damaged.png']) server.files.set(name, images[name]);
  cacheDir = mkdtempSync(join(tmpdir(), 'wd-images-cache-'));
});

afterEach(() => server.close());

function options(extra: PublishOptions = {}): PublishOptions {
  return { appId: APP_ID, appSecret: APP_SECRET, apiBase: server.url, cacheDir, baseDir: dir, retryDelayMs: 5, timeoutMs: 5_000, ...extra };
}

/** A digest naming each image once, as an item image (files) or in a Markdown body (URLs). */
function digestOf(files: string[], urls: string[] = []): DigestInput {
  return {
    title: '图片测试',
    cover: { src: 'cover.png' },
    sections: [
      {
        items: [
          { title: 'Files', images: files.map((src) => ({ src })) },
          { title: 'URLs', body: urls.map((name) => `![${name}](${server.url}/files/${name})`).join('\n\n') },
        ],
      },
    ],
  };
}

const CONVERTIBLE = ['opaque.webp', 'alpha.webp', 'photo.avif', 'scan.tiff', 'old.bmp', 'turned.jpg', 'big.png', 'moving.gif', 'drawing.svg'];

describe('images WeChat accepts, whatever the source', () => {
  it('converts every type, from files and from a server whose Content-Type says nothing, and each upload passes WeChat’s checks', async () => {
    const result = await publishDraft(digestOf(CONVERTIBLE, ['opaque.webp', 'photo.avif', 'big.png']), options());
    const bySource = (source: string) => result.uploads.find((u) => u.source === source || u.source === `${server.url}/files/${source}`)!;
    const shape = (u: UploadRecord) => [u.before?.format, u.format, u.endpoint];
    expect(Object.fromEntries(CONVERTIBLE.map((name) => [name, shape(bySource(name))]))).toEqual({
      'opaque.webp': ['webp', 'jpg', 'media/uploadimg'],
      'alpha.webp': ['webp', 'png', 'media/uploadimg'],
      'photo.avif': ['avif', 'jpg', 'media/uploadimg'],
      'scan.tiff': ['tiff', 'png', 'media/uploadimg'],
      'old.bmp': ['bmp', 'png', 'media/uploadimg'],
      'turned.jpg': ['jpg', 'jpg', 'media/uploadimg'],
      'big.png': ['png', 'jpg', 'media/uploadimg'],
      'moving.gif': ['gif', 'gif', 'material/add_material'],
      'drawing.svg': ['svg', 'png', 'media/uploadimg'],
    });
    // Every upload WeChat saw was accepted; the URLs hold the same bytes as three files, so they are not uploaded again.
    expect(server.uploads.every((u) => (u.endpoint === 'media/uploadimg' ? ['jpg', 'png'].includes(u.format!) && u.bytes <= 1_000_000 : u.bytes <= 10_000_000))).toBe(true);
    expect(server.uploads).toHaveLength(1 + CONVERTIBLE.length + 1);
    expect(result.uploads.filter((u) => u.source.startsWith(server.url)).map((u) => u.status)).toEqual(['cached', 'cached', 'cached']);
    expect(server.drafts).toHaveLength(1);

    // Every src of the content is on WeChat's host; the animated GIF keeps its frames.
    const srcs = load(String(server.drafts[0].articles[0].content))('img').toArray().map((img) => img.attribs.src);
    expect(srcs.every((src) => src.startsWith('http://mmbiz.qpic.cn/'))).toBe(true);
    const gif = server.uploads.find((u) => u.format === 'gif')!;
    expect((await sharp(gif.data).metadata()).pages).toBe(3);
    expect(srcs).toContain(gif.url);

    // A 3 MB PNG of noise: JPEG under 1 MB, as wide as it was (1,001 px is within the article's 1,080).
    expect(bySource('big.png')).toMatchObject({ width: 1001, height: 1001 });
    expect(bySource('big.png').bytes).toBeLessThanOrEqual(1_000_000);
    expect(bySource('big.png').before!.bytes).toBeGreaterThan(3_000_000);

    // The SVG is drawn at twice its size; transparency stays PNG.
    expect(bySource('drawing.svg')).toMatchObject({ width: 240, height: 120, format: 'png' });
    const alpha = server.uploads.find((u) => u.sha256 === server.uploads.find((x) => x.url === bySource('alpha.webp').url)!.sha256)!;
    expect((await sharp(alpha.data).metadata()).hasAlpha).toBe(true);
  });

  it('applies EXIF orientation and drops the metadata', async () => {
    const result = await publishDraft(digestOf(['turned.jpg']), options());
    const turned = result.uploads.find((u) => u.source === 'turned.jpg')!;
    expect(turned.before).toMatchObject({ format: 'jpg', width: 48, height: 80 });
    expect(turned).toMatchObject({ format: 'jpg', width: 48, height: 80 });
    expect(turned.changes).toEqual(['EXIF orientation 6 applied', 'metadata removed']);
    const sent = server.uploads.find((u) => u.url === turned.url)!;
    const meta = await sharp(sent.data).metadata();
    expect([meta.width, meta.height, meta.orientation, meta.exif]).toEqual([48, 80, undefined, undefined]);
    // Turned clockwise: the red left half is now on top, the blue right half at the bottom.
    const { data } = await sharp(sent.data).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [...data.subarray((y * 48 + x) * 3, (y * 48 + x) * 3 + 3)];
    expect(pixel(24, 10)[0]).toBeGreaterThan(180);
    expect(pixel(24, 10)[2]).toBeLessThan(60);
    expect(pixel(24, 70)[2]).toBeGreaterThan(180);
    expect(pixel(24, 70)[0]).toBeLessThan(60);
  });

  it('a rerun uploads nothing: the cache keys on the source and the conversion', async () => {
    await publishDraft(digestOf(CONVERTIBLE, ['opaque.webp']), options());
    const uploads = server.uploads.length;
    const again = await publishDraft(digestOf(CONVERTIBLE, ['opaque.webp']), options());
    expect(server.uploads).toHaveLength(uploads);
    expect(again.uploads.every((u) => u.status === 'cached')).toBe(true);
    expect(server.updates[0].article.content).toBe(server.drafts[0].articles[0].content);
    // The cached record still says what was uploaded.
    expect(again.uploads.find((u) => u.source === 'big.png')).toMatchObject({ format: 'jpg', width: 1001, before: { format: 'png' } });

    // Another GIF mode is another conversion: only the GIF is uploaded again, as its first frame.
    const firstFrame = await publishDraft(digestOf(CONVERTIBLE, ['opaque.webp']), options({ gif: 'first-frame' }));
    expect(server.uploads).toHaveLength(uploads + 1);
    expect(server.uploads.at(-1)).toMatchObject({ endpoint: 'media/uploadimg', format: 'png', width: 30, height: 20 });
    expect(firstFrame.uploads.find((u) => u.source === 'moving.gif')).toMatchObject({ status: 'uploaded', changes: ['GIF → PNG', 'first frame of 3'] });
  });

  it('the same image under two names is uploaded once', async () => {
    writeFileSync(join(dir, 'copy.webp'), images['opaque.webp']);
    const result = await publishDraft(digestOf(['opaque.webp', 'copy.webp']), options());
    // The cover shown at the top, and the WebP once.
    expect(server.uploads.filter((u) => u.endpoint === 'media/uploadimg')).toHaveLength(2);
    expect(result.uploads.map((u) => [u.source, u.status])).toEqual([
      ['cover.png', 'uploaded'],
      ['opaque.webp', 'uploaded'],
      ['copy.webp', 'cached'],
      ['cover.png', 'uploaded'],
    ]);
    expect(result.uploads[2].url).toBe(result.uploads[1].url);
  });

  it('reports every image problem of the run at once, with its field, and sends nothing', async () => {
    server.files.set('slow.png', images['big.png']);
    server.switches.delayMs = { '/files/slow.png': 2_000 };
    const digest: DigestInput = {
      ...digestOf(['opaque.webp', 'damaged.png', 'huge.png', 'missing.png'], ['photo.avif', 'slow.png', 'gone.png']),
      intro: 'Before: ![x](damaged.png)',
    };
    const error = await failure(publishDraft(digest, options({ timeoutMs: 200, retries: 1 })));
    expect(error.code).toBe('E_IMAGE');
    expect(error.problems.map((p) => [p.path, p.message.replace(server.url, 'SERVER')])).toEqual([
      [
        'intro',
        expect.stringMatching(/^Image "damaged\.png" cannot be decoded as PNG: the file is damaged or incomplete \(.+\); export it again as PNG or JPEG \(also named at sections\[0\]\.items\[0\]\.images\[1\]\.src\)\.$/),
      ],
      ['sections[0].items[0].images[2].src', 'Image "huge.png" is 20,000 × 20,000 pixels (400 megapixels), more than the 268 megapixels this step decodes: scale it down first (an article needs at most 1,080 px in width).'],
      ['sections[0].items[0].images[3].src', `Image "missing.png" cannot be read (${join(dir, 'missing.png')}: no such file); relative paths are resolved against ${dir}, the digest file's folder.`],
      [
        'sections[0].items[1].body',
        'Image "SERVER/files/slow.png" could not be downloaded (no answer within 200 ms): check the URL and that the server answers, or save the image next to the digest and use its path.',
      ],
      ['sections[0].items[1].body', 'Image "SERVER/files/gone.png" could not be downloaded (HTTP 404): check the URL, or save the image next to the digest and use its path.'],
    ]);
    expect(error.message.split('\n')[0]).toBe('5 images cannot be used; nothing was uploaded and no draft was created:');
    expect(server.apiRequests()).toEqual([]);
    expect(server.uploads).toEqual([]);
    expect(server.drafts).toEqual([]);
    // The slow server was asked twice (one retry), the good URL once.
    expect(server.requests.filter((r) => r.endpoint === '/files/slow.png')).toHaveLength(2);
    expect(server.requests.filter((r) => r.endpoint === '/files/photo.avif')).toHaveLength(1);
  });

  it('after a failed draft/add, the rerun uploads nothing twice', async () => {
    server.switches.quotaReached = ['draft/add'];
    await failure(publishDraft(digestOf(CONVERTIBLE), options()));
    const uploads = server.uploads.length;
    expect(uploads).toBe(1 + CONVERTIBLE.length + 1);
    server.switches.quotaReached = [];
    await publishDraft(digestOf(CONVERTIBLE), options());
    expect(server.uploads).toHaveLength(uploads);
    expect(new Set(server.uploads.map((u) => `${u.endpoint} ${u.sha256}`)).size).toBe(uploads);
    expect(server.drafts).toHaveLength(1);
  });

  it('dry run: each image before and after, converted but not sent', async () => {
    const noNetwork: typeof fetch = () => Promise.reject(new Error('a dry run must not touch the network'));
    const result = await publishDraft(digestOf(['alpha.webp', 'turned.jpg'], ['photo.avif']), options({ dryRun: true, fetch: noNetwork }));
    expect(server.requests).toEqual([]);
    const pick = (u: UploadRecord) => ({ source: u.source.replace(server.url, 'SERVER'), status: u.status, before: u.before, after: u.format && [u.format, u.width, u.height], changes: u.changes });
    expect(result.uploads.map(pick)).toEqual([
      { source: 'cover.png', status: 'pending', before: { format: 'png', bytes: expect.any(Number), width: 90, height: 38 }, after: ['png', 90, 38], changes: [] },
      { source: 'alpha.webp', status: 'pending', before: { format: 'webp', bytes: images['alpha.webp'].length, width: 64, height: 40 }, after: ['png', 64, 40], changes: ['WebP → PNG'] },
      { source: 'turned.jpg', status: 'pending', before: { format: 'jpg', bytes: images['turned.jpg'].length, width: 48, height: 80 }, after: ['jpg', 48, 80], changes: ['EXIF orientation 6 applied', 'metadata removed'] },
      { source: 'SERVER/files/photo.avif', status: 'pending', before: undefined, after: undefined, changes: undefined },
      { source: 'cover.png', status: 'pending', before: { format: 'png', bytes: expect.any(Number), width: 90, height: 38 }, after: ['png', 90, 38], changes: [] },
    ]);
  });
});

describe('render and check look at local images before publishing', () => {
  async function cli(argv: string[]) {
    let stdout = '';
    let stderr = '';
    const io: CliIo = { stdin: Readable.from([]), stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd: dir, env: {} };
    const code = await run(argv, io);
    return { code, stdout, stderr };
  }

  it('every missing, unusable or converted image, with its field, in one run', async () => {
    const digest: DigestInput = {
      title: '本地图片',
      cover: { src: 'opaque.webp' },
      sections: [{ items: [{ title: 'A', body: '![b](big.png)', images: [{ src: 'missing.png' }, { src: 'huge.png' }, { src: 'https://example.com/remote.webp' }] }] }],
    };
    writeFileSync(join(dir, 'local.json'), JSON.stringify(digest));
    const rendered = await cli(['render', 'local.json', '-o', 'local.html']);
    expect(rendered.code).toBe(0);
    const lines = rendered.stderr.split('\n').filter((l) => l.includes('image-file'));
    expect(lines).toEqual([
      'warning image-file: cover.src: Image "opaque.webp" is WebP: publish converts it to JPEG, or PNG where there is transparency.',
      `warning image-file: sections[0].items[0].body: Image "big.png" is ${images['big.png'].length.toLocaleString('en')} bytes: publish re-encodes it to fit the 1,000,000 bytes WeChat takes for body images.`,
      `error image-file: sections[0].items[0].images[0].src: Image "missing.png" cannot be read (${join(dir, 'missing.png')}: no such file); relative paths are resolved against ${dir}, the digest file's folder.`,
      'error image-file: sections[0].items[0].images[1].src: Image "huge.png" is 20,000 × 20,000 pixels (400 megapixels), more than the 268 megapixels this step decodes: scale it down first (an article needs at most 1,080 px in width).',
    ]);

    const checked = await cli(['check', 'local.html', '--target', 'api']);
    expect(checked.code).toBe(1);
    const notes = checked.stdout.split('\n').filter((l) => l.includes('image-file'));
    expect(notes.map((l) => l.slice(0, l.indexOf(': Image')))).toEqual([
      'warning image-file: img[0]',
      'warning image-file: img[1]',
      'error image-file: img[2]',
      'error image-file: img[3]',
    ]);
    const json = JSON.parse((await cli(['check', 'local.html', '--json'])).stdout) as { rule: string; severity: string; excerpt: string }[];
    expect(json.filter((f) => f.rule === 'image-file').map((f) => [f.severity, f.excerpt])).toEqual([
      ['warning', 'img[0]'],
      ['warning', 'img[1]'],
      ['error', 'img[2]'],
      ['error', 'img[3]'],
    ]);
  });
});
