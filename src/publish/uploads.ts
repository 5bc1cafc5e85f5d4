import { createHash } from 'node:crypto';
import { DigestError } from '../core/errors.js';
import type { WechatAnswer, WechatClient } from './client.js';
import type { HttpConfig } from './http.js';
import { isRemote, isWechatHosted, readImage, UPLOAD_TARGETS, type ImageFile, type ImageKind } from './images.js';
import type { UploadRecord } from './progress.js';
import type { UploadCache } from './upload-cache.js';

/** What the images became: the new `src` of each body image, and the cover's material id. */
export interface ResolvedImages {
  /** Body image source → WeChat URL (sources already on WeChat's host map to themselves). */
  urls: Map<string, string>;
  thumbMediaId: string;
  /** One record per distinct body image, then the cover. */
  records: UploadRecord[];
}

/** The images of one draft and where they come from. */
export interface ImageJob {
  /** Every `src` of the content, in order (repeats allowed). */
  sources: string[];
  cover: { source: string; baseDir: string };
  baseDir: string;
  dryRun: boolean;
  http: HttpConfig;
  /** Absent in a dry run. */
  client?: WechatClient;
  cache: UploadCache;
  onRecord: (record: UploadRecord) => void;
}

interface Prepared {
  kind: ImageKind;
  source: string;
  /** Undefined for an image kept as it is, or a URL not downloaded in a dry run. */
  file?: ImageFile;
  kept: boolean;
}

/**
 * Reads and checks every image first (so a bad one fails before anything is uploaded), then
 * uploads each body image with media/uploadimg and the cover with material/add_material,
 * skipping what the upload cache already holds. In a dry run nothing is sent: local images
 * are read and checked, URLs are not downloaded, and placeholders stand in for WeChat's URLs.
 *
 * @example
 * import { UploadCache } from './upload-cache.js'
 * // a dry run: the images are read and checked, nothing is sent
 * const job = { sources: ['figure.png'], cover: { source: 'cover.png', baseDir: images }, baseDir: images, dryRun: true, http, cache: await UploadCache.open(tmp, undefined), onRecord: () => undefined }
 * const { urls, thumbMediaId, records } = await resolveImages(job)
 * // urls → new Map([['figure.png', 'http://mmbiz.qpic.cn/…']])
 * // thumbMediaId → '…'
 * // records → [{ kind: 'image', source: 'figure.png', status: 'pending', … }, { kind: 'cover', source: 'cover.png', status: 'pending', … }]
 */
export async function resolveImages(job: ImageJob): Promise<ResolvedImages> {
  const prepared: Prepared[] = [];
  for (const source of new Set(job.sources)) {
    if (isWechatHosted(source)) prepared.push({ kind: 'image', source, kept: true });
    else prepared.push({ kind: 'image', source, kept: false, file: await read(source, 'image', job.baseDir, job) });
  }
  const cover: Prepared = { kind: 'cover', source: job.cover.source, kept: false, file: await read(job.cover.source, 'cover', job.cover.baseDir, job) };

  const urls = new Map<string, string>();
  const records: UploadRecord[] = [];
  for (const image of prepared) {
    const record = image.kept ? { kind: image.kind, source: image.source, status: 'kept' as const, url: image.source } : await upload(image, job);
    urls.set(image.source, record.url!);
    records.push(record);
    job.onRecord(record);
  }
  const coverRecord = await upload(cover, job);
  records.push(coverRecord);
  job.onRecord(coverRecord);
  return { urls, thumbMediaId: coverRecord.mediaId!, records };
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
 * const job = { sources: [], cover: { source: 'cover.png', baseDir: images }, baseDir: images, dryRun: false, http, client, cache: await UploadCache.open(tmp, 'wx12ab'), onRecord: () => undefined }
 * const [cover] = (await resolveImages(job)).records
 * // draft/add answered 40007 for cover.mediaId:
 * const again = await reuploadCover(cover, job)
 * again.status // → 'uploaded'
 * again.mediaId === cover.mediaId // → false
 */
export async function reuploadCover(record: UploadRecord, job: ImageJob): Promise<UploadRecord> {
  await job.cache.delete('cover', record.sha256!);
  const fresh = await upload({ kind: 'cover', source: record.source, kept: false, file: await read(record.source, 'cover', job.cover.baseDir, job) }, job);
  job.onRecord(fresh);
  return fresh;
}

async function read(source: string, kind: ImageKind, baseDir: string, job: ImageJob): Promise<ImageFile | undefined> {
  if (job.dryRun && isRemote(source)) return undefined;
  return readImage(source, kind, { baseDir, http: job.http });
}

async function upload(image: Prepared, job: ImageJob): Promise<UploadRecord> {
  const { kind, source, file } = image;
  const facts = file ? { format: file.type, bytes: file.bytes.length, sha256: file.sha256 } : {};
  const cached = file && job.cache.get(kind, file.sha256);
  if (cached) return { kind, source, status: 'cached', ...facts, ...cached };
  if (job.dryRun || !file || !job.client) {
    const id = file?.sha256 ?? createHash('sha256').update(source).digest('hex');
    return { kind, source, status: 'pending', ...facts, ...placeholder(kind, id, file?.type ?? 'png') };
  }
  const target = UPLOAD_TARGETS[kind];
  const answer = await job.client.postMedia(target.endpoint, kind === 'cover' ? { type: 'image' } : {}, file);
  const result = kind === 'cover' ? { mediaId: field(answer, 'media_id', target.endpoint), url: optionalUrl(answer) } : { url: field(answer, 'url', target.endpoint) };
  await job.cache.set(kind, file.sha256, result);
  return { kind, source, status: 'uploaded', ...facts, ...result };
}

function field(answer: WechatAnswer, name: string, endpoint: string): string {
  const value = answer[name];
  if (typeof value !== 'string' || !value) {
    throw new DigestError('E_WECHAT_API', `WeChat answered ${endpoint} without "${name}". Check that apiBase points at the WeChat API, then run again.`, { details: { endpoint } });
  }
  return value;
}

function optionalUrl(answer: WechatAnswer): string | undefined {
  return typeof answer.url === 'string' ? answer.url : undefined;
}

/**
 * Stand-ins for a dry run, about as long as the real ones so the character count stays close:
 * a body image URL on WeChat's host, and a cover media id that says what it is.
 */
function placeholder(kind: ImageKind, id: string, type: string): { url?: string; mediaId?: string } {
  if (kind === 'cover') return { mediaId: `DRY_RUN_COVER_${id.slice(0, 29)}` };
  return { url: `http://mmbiz.qpic.cn/mmbiz_${type}/DRYRUN${id.slice(0, 48)}/0?from=appmsg` };
}
