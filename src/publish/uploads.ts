import { createHash } from 'node:crypto';
import { DigestError, problemsError, type DigestProblem } from '../core/errors.js';
import { WECHAT_POLICY } from '../wechat/policy.js';
import type { WechatAnswer, WechatApi } from './client.js';
import { prepareImage, type PreparedImage } from './convert.js';
import type { HttpConfig } from './http.js';
import type { GifMode } from './image-policy.js';
import { isWechatHosted } from '../wechat/image-host.js';
import { isRemote, mimeOf, readImage, UPLOAD_TARGETS, type ImageFile } from './images.js';
import type { UploadRecord } from './progress.js';
import { uploadKey, type CachedUpload, type UploadCache } from './upload-cache.js';

/** What the images became: the new `src` of each body image, and the cover's material id. */
export interface ResolvedImages {
  /** Body image source → WeChat URL (sources already on WeChat's host map to themselves). */
  urls: Map<string, string>;
  thumbMediaId: string;
  /** One record per distinct body image, then the cover. */
  records: UploadRecord[];
}

/** The cover of a draft: a file or URL the user named, or one made from the digest. */
export type CoverSource =
  | { source: string; baseDir: string; fields: string[] }
  | { source: string; generated: ImageFile; fields: string[] };

/** The images of one draft and where they come from. */
export interface ImageJob {
  /** Every `src` of the content, in order (repeats allowed). */
  sources: string[];
  /** Image `src` → the digest fields that name it, for messages. */
  fields: Map<string, string[]>;
  cover: CoverSource;
  baseDir: string;
  /** Folders local images may be read from: `baseDir` and the `imageDirs` option. */
  imageDirs: readonly string[];
  dryRun: boolean;
  gif: GifMode;
  http: HttpConfig;
  /** Absent in a dry run. */
  client?: WechatApi;
  cache: UploadCache;
  onRecord: (record: UploadRecord) => void;
}

/** One image on its way: read, and either found in the cache or converted. */
interface Pending {
  kind: 'image' | 'cover';
  source: string;
  fields: string[];
  file?: ImageFile;
  key?: string;
  cached?: CachedUpload;
  prepared?: PreparedImage;
}

/**
 * Reads, checks and converts every image first, and reports every problem of every image at
 * once (so nothing is uploaded while one is wrong); then uploads each body image with
 * media/uploadimg (an animated GIF as image material) and the cover with material/add_material,
 * skipping what the upload cache already holds and never uploading the same thing twice. In a
 * dry run nothing is sent: local images are read and converted, URLs are not downloaded, and
 * placeholders stand in for WeChat's URLs.
 *
 * @throws DigestError `E_IMAGE` listing each image that cannot be used, with its field path.
 * @example
 * import { UploadCache } from './upload-cache.js'
 * // a dry run: the images are read and converted, nothing is sent; `images` holds figure.png, photo.webp and cover.png
 * const fields = new Map([['photo.webp', ['sections[0].items[0].images[0].src']]])
 * const job = { sources: ['figure.png', 'photo.webp'], fields, cover: { source: 'cover.png', baseDir: images, fields: ['cover.src'] }, baseDir: images, dryRun: true, gif: 'animate', http, cache: await UploadCache.open(tmp, undefined), onRecord: () => undefined }
 * const { urls, records } = await resolveImages(job)
 * // urls → new Map([['figure.png', 'http://mmbiz.qpic.cn/mmbiz_png/DRYRUN…'], ['photo.webp', 'http://mmbiz.qpic.cn/mmbiz_jpg/DRYRUN…']])
 * records[1].before // → { format: 'webp', bytes: 612, width: 40, height: 24 }
 * records[1].changes // → ['WebP → JPEG']
 * records[2].status // → 'pending'
 */
export async function resolveImages(job: ImageJob): Promise<ResolvedImages> {
  const problems: DigestProblem[] = [];
  const attempt = async (pending: Pending, read: () => Promise<ImageFile | undefined>): Promise<Pending> => {
    try {
      const file = await read();
      if (!file) return pending;
      const key = uploadKey(file.sha256, pending.kind, file.type, job.gif);
      const cached = job.cache.get(pending.kind, key);
      return { ...pending, file, key, cached, prepared: cached ? undefined : await prepareImage(file, pending.kind, job.gif) };
    } catch (error) {
      if (!(error instanceof DigestError && error.code === 'E_IMAGE')) throw error;
      problems.push({ path: pending.fields[0] ?? '', message: `${error.message.replace(/\.$/, '')}${also(pending.fields)}.` });
      return pending;
    }
  };

  const body: (Pending | UploadRecord)[] = [];
  for (const source of new Set(job.sources)) {
    const fields = job.fields.get(source) ?? [];
    if (isWechatHosted(source)) body.push({ kind: 'image', source, fields, status: 'kept', url: source });
    else body.push(await attempt({ kind: 'image', source, fields }, () => readOrSkip(source, job.baseDir, job, job.imageDirs)));
  }
  const { cover: c } = job;
  const cover = await attempt({ kind: 'cover', source: c.source, fields: c.fields }, () => ('generated' in c ? Promise.resolve(c.generated) : readOrSkip(c.source, c.baseDir, job, coverDirs(c, job))));
  if (problems.length) {
    const n = problems.length;
    throw problemsError('E_IMAGE', `${n} image${n === 1 ? '' : 's'} cannot be used; nothing was uploaded and no draft was created:`, problems);
  }

  const urls = new Map<string, string>();
  const records: UploadRecord[] = [];
  for (const image of body) {
    const record = 'status' in image ? image : await upload(image, job);
    urls.set(image.source, record.url!);
    records.push(record);
    job.onRecord(record);
  }
  const coverRecord = await upload(cover, job);
  records.push(coverRecord);
  job.onRecord(coverRecord);
  return { urls, thumbMediaId: coverRecord.mediaId!, records };
}

/** `(also named at …)` for an image named by more than one field. */
function also(fields: string[]): string {
  return fields.length > 1 ? ` (also named at ${fields.slice(1).join(', ')})` : '';
}

/**
 * Uploads the cover again after WeChat forgot the cached material (errcode 40007).
 *
 * @example
 * import { WechatClient } from './client.js'
 * import { Redactor } from './redact.js'
 * import { UploadCache } from './upload-cache.js'
 * // `wechat` stands in for the API; `images` holds cover.png
 * const client = new WechatClient({ ...http, apiBase: wechat.url, appId: 'wx12ab', appSecret: 'secret', cacheDir: tmp, redactor: new Redactor(), onToken: () => undefined })
 * const job = { sources: [], fields: new Map(), cover: { source: 'cover.png', baseDir: images, fields: ['cover.src'] }, baseDir: images, dryRun: false, gif: 'animate', http, client, cache: await UploadCache.open(tmp, 'wx12ab'), onRecord: () => undefined }
 * const [cover] = (await resolveImages(job)).records
 * // draft/add answered 40007 for cover.mediaId:
 * const again = await reuploadCover(cover, job)
 * again.status // → 'uploaded'
 * again.mediaId === cover.mediaId // → false
 */
export async function reuploadCover(record: UploadRecord, job: ImageJob): Promise<UploadRecord> {
  const c = job.cover;
  const file = 'generated' in c ? c.generated : await readImage(c.source, { baseDir: c.baseDir, http: job.http, dirs: coverDirs(c, job) });
  const key = uploadKey(file.sha256, 'cover', file.type, job.gif);
  await job.cache.delete('cover', key);
  const fresh = await upload({ kind: 'cover', source: record.source, fields: c.fields, file, key, prepared: await prepareImage(file, 'cover', job.gif) }, job);
  job.onRecord(fresh);
  return fresh;
}

/** A cover named in the options comes from the user, not the digest: read from anywhere. */
function coverDirs(cover: CoverSource, job: ImageJob): readonly string[] | 'any' {
  return cover.fields.includes('options.cover') ? 'any' : job.imageDirs;
}

/**
 * Uploads an image made during the publish (a formula drawn as PNG) as a body image: converted
 * and checked as any image, found in the upload cache by its bytes, a placeholder URL in a dry run.
 *
 * @param file - The image's bytes and facts (`source` names it in records and messages).
 * @param fields - The digest fields it comes from, when known.
 * @example
 * import { UploadCache } from './upload-cache.js'
 * import { sniffImage } from './images.js'
 * import { createHash } from 'node:crypto'
 * import { readFileSync } from 'node:fs'
 * import { join } from 'node:path'
 * const png = readFileSync(join(images, 'figure.png'))
 * const file = { source: '(formula x^2)', bytes: png, sha256: createHash('sha256').update(png).digest('hex'), ...sniffImage(png) }
 * const job = { sources: [], fields: new Map(), cover: { source: 'cover.png', baseDir: images, fields: ['cover.src'] }, baseDir: images, dryRun: true, gif: 'animate', http, cache: await UploadCache.open(tmp, undefined), onRecord: () => undefined }
 * const record = await uploadGenerated(file, [], job)
 * record.status // → 'pending'
 * record.endpoint // → 'media/uploadimg'
 * record.url?.startsWith('http://mmbiz.qpic.cn/mmbiz_png/DRYRUN') // → true
 */
export async function uploadGenerated(file: ImageFile, fields: string[], job: ImageJob): Promise<UploadRecord> {
  const key = uploadKey(file.sha256, 'image', file.type, job.gif);
  const cached = job.cache.get('image', key);
  const record = await upload({ kind: 'image', source: file.source, fields, file, key, cached, prepared: cached ? undefined : await prepareImage(file, 'image', job.gif) }, job);
  job.onRecord(record);
  return record;
}

async function readOrSkip(source: string, baseDir: string, job: ImageJob, dirs: readonly string[] | 'any'): Promise<ImageFile | undefined> {
  if (job.dryRun && isRemote(source)) return undefined;
  return readImage(source, { baseDir, http: job.http, dirs });
}

async function upload(image: Pending, job: ImageJob): Promise<UploadRecord> {
  const { kind, source, fields, file, key } = image;
  const base: UploadRecord = { kind, source, fields, status: 'pending' };
  if (file) {
    base.before = { format: file.type, bytes: file.bytes.length, ...(file.width ? { width: file.width } : {}), ...(file.height ? { height: file.height } : {}) };
    base.sha256 = file.sha256;
  }
  // An image named twice (or the same bytes under two names) is found here after its first upload.
  const cached = image.cached ?? (key ? job.cache.get(kind, key) : undefined);
  if (cached) {
    const { url, mediaId, endpoint, ...facts } = cached;
    return { ...base, status: 'cached', ...facts, ...(endpoint ? { endpoint } : {}), ...(url ? { url } : {}), ...(mediaId ? { mediaId } : {}) };
  }
  const prepared = image.prepared;
  const target = prepared?.target ?? (kind === 'cover' ? 'material' : 'image');
  const after = prepared
    ? { format: prepared.format, bytes: prepared.bytes.length, width: prepared.width, height: prepared.height, changes: prepared.changes, ...(prepared.warning ? { warning: prepared.warning } : {}) }
    : {};
  const endpoint = UPLOAD_TARGETS[target].endpoint;
  if (job.dryRun || !prepared || !job.client || !key) {
    const id = file?.sha256 ?? createHash('sha256').update(source).digest('hex');
    return { ...base, ...after, endpoint, ...placeholder(kind, target, id, prepared?.format ?? 'png') };
  }
  const sha = createHash('sha256').update(prepared.bytes).digest('hex');
  const answer = await job.client.postMedia(endpoint, target === 'material' ? { type: 'image' } : {}, {
    bytes: prepared.bytes,
    filename: `${sha.slice(0, 16)}.${prepared.format}`,
    mime: mimeOf(prepared.format),
  });
  const result =
    target === 'material'
      ? { mediaId: field(answer, 'media_id', endpoint), ...(kind === 'image' ? { url: field(answer, 'url', endpoint) } : optionalUrl(answer)) }
      : { url: field(answer, 'url', endpoint) };
  await job.cache.set(kind, key, { ...result, format: prepared.format, bytes: prepared.bytes.length, width: prepared.width, height: prepared.height, endpoint });
  return { ...base, status: 'uploaded', ...after, endpoint, ...result };
}

function field(answer: WechatAnswer, name: string, endpoint: string): string {
  const value = answer[name];
  if (typeof value !== 'string' || !value) {
    throw new DigestError('E_WECHAT_API', `WeChat answered ${endpoint} without "${name}". Check that apiBase points at the WeChat API, then run again.`, { details: { endpoint } });
  }
  return value;
}

function optionalUrl(answer: WechatAnswer): { url?: string } {
  return typeof answer.url === 'string' ? { url: answer.url } : {};
}

/**
 * Stand-ins for a dry run: a body image URL on WeChat's host as long as media/uploadimg's
 * (`WECHAT_POLICY.limits.uploadedImageUrl`, the length the render's size estimate counts too),
 * and a cover media id that says what it is.
 */
function placeholder(kind: 'image' | 'cover', target: 'image' | 'material', id: string, format: string): { url?: string; mediaId?: string } {
  if (kind === 'cover') return { mediaId: `DRY_RUN_COVER_${id.slice(0, 29)}` };
  const head = `http://mmbiz.qpic.cn/mmbiz_${format}/DRYRUN`;
  const url = `${head}${id.repeat(2).slice(0, WECHAT_POLICY.limits.uploadedImageUrl - head.length - 2)}/0`;
  return target === 'material' ? { url, mediaId: `DRY_RUN_MATERIAL_${id.slice(0, 26)}` } : { url };
}
