import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { DigestError, problemsError } from '../core/errors.js';
import { DEFAULT_RENDER_OPTIONS } from '../render/options.js';
import { renderDigest, type RenderResult } from '../render/render.js';
import type { Digest, DigestInput } from '../digest/schema.js';
import { checkArticle } from '../wechat/article.js';
import { checkContentSize, checkWechat } from '../wechat/check.js';
import type { Finding } from '../wechat/findings.js';
import { WechatClient, type WechatApi } from './client.js';
import { RelayClient } from './relay-client.js';
import { articleHead, type ArticleHead, type DraftArticle } from './fields.js';
import { imageFields } from './image-fields.js';
import { imageSources, replaceImageSources } from './html.js';
import { sniffImage, type ImageFile } from './images.js';
import type { HttpConfig } from './http.js';
import { resolvePublishOptions, type PublishOptions, type ResolvedPublishOptions } from './options.js';
import type { PublishProgress, UploadRecord } from './progress.js';
import { Redactor } from './redact.js';
import { partTitle, splitDigest, titledSections } from './split.js';
import { UploadCache } from './upload-cache.js';
import { DraftLinks, draftKey } from './draft-links.js';
import { getDraft, previewDraft, saveDraft, submitDraft, type DraftAction } from './lifecycle.js';
import { compareKept } from './verify.js';
import { resolveImages, reuploadCover, uploadGenerated, type CoverSource, type ImageJob, type ResolvedImages } from './uploads.js';
import { formulaImages } from './formula-images.js';

/** What `publishDraft` returns. */
export interface PublishResult {
  /** The draft's media_id; absent in a dry run. */
  mediaId?: string;
  /** `added`, `updated` (the draft made for this digest before, article by article) or `replaced` (a new one, as its number of articles changed); absent in a dry run. */
  action?: DraftAction;
  /** What WeChat dropped or changed in the stored draft (draft/get), under the checker's rule ids, with the article; absent with `verify: false` and in a dry run. */
  kept?: (Finding & { article: number })[];
  /** The WeChat ID the preview went to (`previewTo`). */
  previewTo?: string;
  /** With `submit`: the publish job and the article URLs. */
  published?: { publishId: string; articleUrls: string[] };
  /** The articles as sent to draft/add (in a dry run: as they would be sent). */
  articles: DraftArticle[];
  /** Every image: uploaded, found in the cache, kept, or (dry run) pending. */
  uploads: UploadRecord[];
  /** Warnings of the checker and the limits (a long title, …), with the article they concern. */
  warnings: (Finding & { article: number })[];
  dryRun: boolean;
}

/** Rules of `checkWechat` that `checkArticle` reports too (the content size). */
const SIZE_RULES = new Set(['content-too-long', 'content-too-large']);

function isRenderResult(input: unknown): input is RenderResult {
  const r = input as RenderResult;
  return r !== null && typeof r === 'object' && typeof r.html === 'string' && r.digest !== null && typeof r.digest === 'object' && Array.isArray(r.digest.sections);
}

/**
 * Publishes a digest as a draft in the account's draft box (草稿箱) through the WeChat API:
 * render → read, check and convert the images (every problem at once) → upload them
 * (media/uploadimg; the cover, drawn from the digest when none is given, and animated GIFs with
 * material/add_material) → replace their sources → check the limits and the `api` checker
 * (split between items when asked) → save the draft (draft/add, or draft/update of the draft made
 * for this digest before) → read it back and compare (draft/get) → preview (`previewTo`) →
 * publish (`submit`). Uploads are cached per appId by image and conversion, so a rerun uploads
 * nothing again. The secret and the access token appear in no error, event or output.
 *
 * @param input - A digest (validated here), or the result of `renderDigest`.
 * @param options - See `PublishOptions`; `appId` and `appSecret` are required unless `dryRun`.
 * @returns The draft's `mediaId`, the `articles` sent, the `uploads` made and the `warnings`.
 * @returns Also `action` (added, updated, replaced), `kept` (what WeChat changed), `published` (with `submit`).
 * @throws DigestError `E_INVALID_OPTION`, `E_INVALID_DIGEST`, `E_IMAGE`, `E_CONTENT_LIMIT`,
 *   `E_WECHAT_CHECK`, `E_WECHAT_API` (with `details.errcode`) or `E_NETWORK`.
 * @example
 * const digest = parseDigest({ title: 'Daily', cover: { src: 'cover.png' }, sections: [{ items: [{ title: 'A paper', images: [{ src: 'figure.png' }] }] }] })
 * // `wechat` stands in for the API at apiBase; `images` holds figure.png and cover.png
 * const { mediaId, articles, uploads } = await publishDraft(digest, { appId: 'wx12ab', appSecret: 'secret', baseDir: images, apiBase: wechat.url, cacheDir: tmp })
 * // mediaId  → '…'
 * // articles → [{ title: 'Daily', digest: 'A paper', content: '<section …>', thumb_media_id: '…', … }]
 * // the digest's cover is shown at the top too, so it goes up as a body image and as the cover:
 * // uploads  → [{ kind: 'image', source: 'cover.png', … }, { kind: 'image', source: 'figure.png', status: 'uploaded', url: 'http://mmbiz.qpic.cn/…', … }, { kind: 'cover', source: 'cover.png', … }]
 */
export async function publishDraft(input: DigestInput | Digest | RenderResult, options: PublishOptions): Promise<PublishResult> {
  const opts = resolvePublishOptions(options);
  const redactor = new Redactor();
  if (opts.appSecret) redactor.add(opts.appSecret);
  const emit = (event: PublishProgress) => opts.onProgress?.(event);

  const rendered = isRenderResult(input) ? input : renderDigest(input, opts.render);
  const digest = rendered.digest;
  const head = articleHead(digest, opts);
  assertFits([head], opts.split);

  const http: HttpConfig = {
    fetch: opts.fetch,
    timeoutMs: opts.timeoutMs,
    retries: opts.retries,
    retryDelayMs: opts.retryDelayMs,
    onRetry: (endpoint, attempt, delayMs, reason) => emit({ type: 'retry', endpoint: redactor.redact(endpoint), attempt, delayMs, reason: redactor.redact(reason) }),
  };
  const client = opts.dryRun
    ? undefined
    : opts.relay
      ? new RelayClient({ ...http, relay: opts.relay, appId: opts.appId!, redactor })
      : new WechatClient({ ...http, apiBase: opts.apiBase, appId: opts.appId!, appSecret: opts.appSecret!, cacheDir: opts.cacheDir, redactor, onToken: (refreshed) => emit({ type: 'token', refreshed }) });
  const sources = imageSources(rendered.html);
  const cover = await coverSource(opts, digest);
  const job: ImageJob = {
    sources,
    fields: imageFields(digest),
    cover: cover.source,
    baseDir: opts.baseDir,
    imageDirs: [opts.baseDir, ...(opts.imageDirs ?? []).map((d) => resolve(opts.baseDir, d))],
    dryRun: opts.dryRun,
    gif: opts.gif,
    http,
    client,
    cache: await UploadCache.open(opts.cacheDir, opts.appId, opts.apiBase),
    onRecord: (record) => emit({ type: 'upload', ...record }),
  };
  const images = await resolveImages(job);
  const sourcesReplaced = (html: string) => replaceImageSources(html, (src) => images.urls.get(src));
  // Formulas made images (all, heavy ones, or as many as the article needs to fit), uploaded as
  // body images; their records go before the cover's, which stays last.
  const formulas = await formulaImages({
    html: sourcesReplaced(rendered.html),
    formulas: rendered.formulas ?? [],
    mode: opts.mathImages,
    minChars: opts.mathImageChars,
    fits: contentFits,
    upload: (file) => uploadGenerated(file, [], job),
  });
  images.records.splice(images.records.length - 1, 0, ...formulas.records);
  const withUrls = (html: string) => formulas.replace(sourcesReplaced(html));

  const parts = articleParts(rendered, opts, withUrls);
  const articles = parts.map((part, p) => {
    const partHead = parts.length === 1 ? head : { ...articleHead(part.digest, opts), title: partTitle(digest.title, p + 1, parts.length, part.digest, titledSections(digest)) };
    return { ...draftArticle(partHead, part.html, images.thumbMediaId, opts), ...cover.crops };
  });
  // The article checks run again below for the API path; what the render found about its theme
  // (contrast, unused parameters, removed CSS) is kept, on the first article.
  const themeFindings = themeWarnings(rendered).map((w) => ({ ...w, article: 0 }));
  const warnings = [...themeFindings, ...assertFits(articles, opts.split)];
  if (opts.dryRun) return { articles, uploads: images.records, warnings, dryRun: true };

  // Save: update the draft made for this digest before, or add one.
  const links = await DraftLinks.open(opts.cacheDir, opts.appId!, opts.apiBase);
  const key = draftKey(digest);
  const notice = (message: string) => emit({ type: 'notice', message });
  const freshCover = async () => {
    const fresh = await reuploadCover(images.records.at(-1)!, job);
    images.records[images.records.length - 1] = fresh;
    return fresh.mediaId!;
  };
  const saved = await saveDraft(client!, articles, opts.newDraft ? undefined : links.get(key), { add: (list) => addDraft(client!, list, images, job), freshCover, notice });
  await links.set(key, { mediaId: saved.mediaId, articles: articles.length });
  emit({ type: 'draft', mediaId: saved.mediaId, articles: articles.length, action: saved.action });
  const result: PublishResult = { mediaId: saved.mediaId, action: saved.action, articles, uploads: images.records, warnings, dryRun: false };

  // What WeChat kept, compared with what was sent.
  if (opts.verify) {
    const stored = await getDraft(client!, saved.mediaId);
    result.kept = articles.flatMap((article, a) => compareKept(article.content, String(stored[a]?.content ?? '')).map((f) => ({ ...f, article: a })));
  }
  if (opts.previewTo) {
    await previewDraft(client!, saved.mediaId, opts.previewTo);
    result.previewTo = opts.previewTo;
    emit({ type: 'preview', to: opts.previewTo });
  }
  if (opts.submit) {
    const published = await submitDraft(client!, saved.mediaId, { ...opts, onPoll: (status, attempt) => status === 1 && emit({ type: 'publishing', attempt }) });
    // A published draft leaves the draft box: the next run of this digest starts a new one.
    await links.delete(key);
    result.published = published;
    emit({ type: 'published', ...published });
  }
  return result;
}

/** The name a cover made from the digest goes by in records and messages. */
export const GENERATED_COVER = '(cover made from the digest)';

/**
 * The cover: the option (relative to the working directory), else the digest's cover, else one
 * made from the digest (title, date, account, tags, the theme's accent), with its crop fields.
 */
async function coverSource(opts: ResolvedPublishOptions, digest: Digest): Promise<{ source: CoverSource; crops: Partial<Pick<DraftArticle, 'pic_crop_235_1' | 'pic_crop_1_1'>> }> {
  if (opts.cover) return { source: { source: opts.cover, baseDir: process.cwd(), fields: ['options.cover'] }, crops: {} };
  if (digest.cover?.src) return { source: { source: digest.cover.src, baseDir: opts.baseDir, fields: ['cover.src'] }, crops: {} };
  // Loaded here: only a draft without a cover needs the drawing code and its font.
  const { renderCover } = await import('../cover/render.js');
  const made = await renderCover(digest, opts.render);
  const generated: ImageFile = { source: GENERATED_COVER, bytes: made.png, sha256: createHash('sha256').update(made.png).digest('hex'), ...sniffImage(made.png)! };
  return { source: { source: GENERATED_COVER, generated, fields: ['cover'] }, crops: made.crops };
}

/** The render's findings about its theme: its warnings less those of the article check. */
function themeWarnings(rendered: RenderResult): Finding[] {
  const key = (f: Finding) => `${f.rule}\u0000${f.excerpt}\u0000${f.message}`;
  const checked = new Set(checkWechat(rendered.html, { target: rendered.options?.target ?? DEFAULT_RENDER_OPTIONS.target }).map(key));
  return rendered.warnings.filter((w) => !checked.has(key(w)));
}

/** The content of each article: the whole digest, or (split) parts that each fit. */
function articleParts(rendered: RenderResult, opts: ResolvedPublishOptions, withUrls: (html: string) => string): { digest: Digest; html: string }[] {
  const whole = withUrls(rendered.html);
  if (!opts.split || contentFits(whole)) return [{ digest: rendered.digest, html: whole }];
  // Parts are rendered with the options the whole was rendered with.
  const options = rendered.options ?? opts.render;
  const numbering = options.numbering ?? rendered.digest.numbering ?? 'restart';
  const html = (d: Digest) => withUrls(renderDigest(d, options).html);
  const weights = new Map((rendered.stats.parts ?? []).map((p) => [p.path, p.characters]));
  return splitDigest(rendered.digest, numbering, (d) => contentFits(html(d)), weights).map((d) => ({ digest: d, html: html(d) }));
}

function draftArticle(head: ArticleHead, content: string, thumbMediaId: string, opts: ResolvedPublishOptions): DraftArticle {
  return {
    ...head,
    content,
    thumb_media_id: thumbMediaId,
    need_open_comment: opts.openComment ? 1 : 0,
    only_fans_can_comment: opts.fansOnlyComment ? 1 : 0,
  };
}

/** True when the content fits draft/add's size limits (characters and bytes). */
function contentFits(html: string): boolean {
  return checkContentSize(html).length === 0;
}

/**
 * Checks every article with `checkArticle` (title, digest, author, read-original URL, content
 * size) and, when it has content, with the `api` checker. Throws on errors; returns the warnings.
 */
function assertFits(articles: (ArticleHead & { content?: string })[], split: boolean): (Finding & { article: number })[] {
  const limitErrors: { path: string; message: string }[] = [];
  const checkErrors: { path: string; message: string }[] = [];
  const warnings: (Finding & { article: number })[] = [];
  const where = (a: number) => (articles.length > 1 ? `articles[${a}]` : '');
  articles.forEach((article, a) => {
    const { content_source_url: sourceUrl, ...fields } = article;
    for (const f of checkArticle({ ...fields, ...(sourceUrl === undefined ? {} : { sourceUrl }) })) {
      if (f.severity === 'error') limitErrors.push({ path: where(a), message: `[${f.rule}] ${f.message}` });
      else warnings.push({ ...f, article: a });
    }
    if (article.content === undefined) return;
    for (const f of checkWechat(article.content, { target: 'api' })) {
      if (SIZE_RULES.has(f.rule)) continue;
      if (f.severity === 'error') checkErrors.push({ path: where(a), message: `[${f.rule}] ${f.message} (at ${f.excerpt})` });
      else warnings.push({ ...f, article: a });
    }
  });
  if (limitErrors.length) {
    const tooLong = !split && limitErrors.some((e) => e.message.startsWith('[content-too'));
    const hint = tooLong ? ' Publish with split (--split) to spread the items over several articles of one draft.' : '';
    throw problemsError('E_CONTENT_LIMIT', `The article does not fit WeChat\u2019s limits; no draft was created.${hint}`, limitErrors);
  }
  if (checkErrors.length) throw problemsError('E_WECHAT_CHECK', 'The article holds what WeChat would break or refuse; no draft was created:', checkErrors);
  return warnings;
}

/** draft/add; when WeChat no longer knows a cached cover (40007), uploads it again once. */
async function addDraft(client: WechatApi, articles: DraftArticle[], images: ResolvedImages, job: ImageJob): Promise<string> {
  const send = async (list: DraftArticle[]) => {
    const answer = await client.postJson('draft/add', { articles: list }, { idempotent: false });
    if (typeof answer.media_id !== 'string' || !answer.media_id) {
      throw new DigestError('E_WECHAT_API', 'WeChat answered draft/add without "media_id". Look in the draft box, then check that apiBase points at the WeChat API.', { details: { endpoint: 'draft/add' } });
    }
    return answer.media_id;
  };
  try {
    return await send(articles);
  } catch (error) {
    const cover = images.records.at(-1)!;
    if (!(error instanceof DigestError && error.details.errcode === 40007 && cover.status === 'cached')) throw error;
    const fresh = await reuploadCover(cover, job);
    images.records[images.records.length - 1] = fresh;
    articles.forEach((a) => (a.thumb_media_id = fresh.mediaId!));
    return send(articles);
  }
}
