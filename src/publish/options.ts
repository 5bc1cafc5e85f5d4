import envPaths from 'env-paths';
import { DigestError } from '../core/errors.js';
import type { RenderOptions } from '../render/options.js';
import { isHttpUrl } from '../core/urls.js';
import { GIF_MODES, type GifMode } from './image-policy.js';
import type { PublishProgress } from './progress.js';

/** Options of `publishDraft`. Defaults are in `DEFAULT_PUBLISH_OPTIONS`. */
export interface PublishOptions {
  /** The account's AppID (开发者ID). Required unless `dryRun`. The CLI reads `WECHAT_APP_ID`. */
  appId?: string;
  /** The account's AppSecret. Required unless `dryRun`; never logged, cached or shown. The CLI reads `WECHAT_APP_SECRET`. */
  appSecret?: string;
  /** Base URL of the WeChat API. Default `'https://api.weixin.qq.com'`. */
  apiBase?: string;
  /** Cover image (path or http(s) URL) for `thumb_media_id`. Default: the digest's cover, else one made from the digest (see `renderCover`). */
  cover?: string;
  /** Animated GIFs in the body: `'animate'` keeps them moving (uploaded as image material), `'first-frame'` uploads their first frame. Default `'animate'`. */
  gif?: GifMode;
  /** Author shown in the draft (≤ 16 characters). Default: the digest's `author`. */
  author?: string;
  /** Feed summary (≤ 120 characters). Default: the headline summary, cut to 120 characters. */
  digest?: string;
  /** The "read original" (阅读原文) link. Default: the digest's `sourceUrl`. */
  sourceUrl?: string;
  /** Open comments on the article. Default `false`. */
  openComment?: boolean;
  /** Only followers may comment (with `openComment`). Default `false`. */
  fansOnlyComment?: boolean;
  /** Render, check and resolve images, and return the draft without any network call. Default `false`. */
  dryRun?: boolean;
  /** When the content is over the limit, spread the items over several articles of one draft. Default `false`. */
  split?: boolean;
  /** Add a new draft even when this digest (its `id`, else title and date) already has one, instead of updating it. Default `false`. */
  newDraft?: boolean;
  /** Read the draft back (draft/get) and report what WeChat dropped or changed. Default `true`. */
  verify?: boolean;
  /** Send the draft as a preview to this WeChat user (their WeChat ID) with message/mass/preview. Default: none. */
  previewTo?: string;
  /** Publish the draft (freepublish/submit) and wait until WeChat settles. Default `false`. */
  submit?: boolean;
  /** First wait before asking whether publishing settled, in milliseconds; each next wait is 1.5 times longer (at most 30 s). Default `3000`. */
  pollIntervalMs?: number;
  /** How long to wait for publishing to settle, in milliseconds. Default `300000` (5 minutes). */
  pollTimeoutMs?: number;
  /** Where the token and upload caches live. Default: the per-user cache directory (`defaultCacheDir()`). */
  cacheDir?: string;
  /** Directory that relative image paths are resolved against (the digest file's folder). Default: the working directory. */
  baseDir?: string;
  /** Options for rendering the digest (theme, locale, …). Default `{}`. */
  render?: RenderOptions;
  /** The `fetch` to use (for proxies and tests). Default: the global `fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Time limit of one HTTP request in milliseconds. Default `30000`. */
  timeoutMs?: number;
  /** How many times a failed network request is tried again. Default `2`. */
  retries?: number;
  /** Delay before the first retry in milliseconds; doubled for each further retry. Default `500`. */
  retryDelayMs?: number;
  /** Called with each step (uploads, retries, the draft); the CLI prints them. */
  onProgress?: (event: PublishProgress) => void;
}

/** The defaults of every publish option that has a fixed default. */
export const DEFAULT_PUBLISH_OPTIONS = {
  apiBase: 'https://api.weixin.qq.com',
  openComment: false,
  fansOnlyComment: false,
  dryRun: false,
  split: false,
  newDraft: false,
  verify: true,
  submit: false,
  pollIntervalMs: 3_000,
  pollTimeoutMs: 300_000,
  gif: 'animate',
  render: {},
  timeoutMs: 30_000,
  retries: 2,
  retryDelayMs: 500,
} as const satisfies PublishOptions;

/** Options after merging with the defaults. */
export type ResolvedPublishOptions = Omit<PublishOptions, keyof typeof DEFAULT_PUBLISH_OPTIONS | 'cacheDir' | 'baseDir' | 'fetch'> & {
  apiBase: string;
  openComment: boolean;
  fansOnlyComment: boolean;
  dryRun: boolean;
  split: boolean;
  newDraft: boolean;
  verify: boolean;
  submit: boolean;
  pollIntervalMs: number;
  pollTimeoutMs: number;
  gif: GifMode;
  render: RenderOptions;
  timeoutMs: number;
  retries: number;
  retryDelayMs: number;
  cacheDir: string;
  baseDir: string;
  fetch: typeof globalThis.fetch;
};

/**
 * The per-user cache directory where tokens and upload records are kept
 * (`~/.cache/wechat-digest` on Linux, `~/Library/Caches/wechat-digest` on macOS).
 *
 * @example
 * // on Linux, in the user's home folder:
 * defaultCacheDir() // → '/…/.cache/wechat-digest'
 */
export function defaultCacheDir(): string {
  return envPaths('wechat-digest', { suffix: '' }).cache;
}

const TYPES: Record<keyof PublishOptions, 'string' | 'boolean' | 'number' | 'object' | 'function'> = {
  appId: 'string',
  appSecret: 'string',
  apiBase: 'string',
  cover: 'string',
  gif: 'string',
  author: 'string',
  digest: 'string',
  sourceUrl: 'string',
  openComment: 'boolean',
  fansOnlyComment: 'boolean',
  dryRun: 'boolean',
  split: 'boolean',
  newDraft: 'boolean',
  verify: 'boolean',
  previewTo: 'string',
  submit: 'boolean',
  pollIntervalMs: 'number',
  pollTimeoutMs: 'number',
  cacheDir: 'string',
  baseDir: 'string',
  render: 'object',
  fetch: 'function',
  timeoutMs: 'number',
  retries: 'number',
  retryDelayMs: 'number',
  onProgress: 'function',
};

function invalid(message: string): DigestError {
  return new DigestError('E_INVALID_OPTION', message);
}

/**
 * Merges publish options with the defaults once, checking each.
 *
 * @throws DigestError `E_INVALID_OPTION` naming the option and what it expects.
 * @example
 * resolvePublishOptions({ appId: 'wx1', appSecret: 's' }).apiBase // → 'https://api.weixin.qq.com'
 * resolvePublishOptions({ dryRun: true, retries: -1 }) // throws: options.retries: expected a whole number 0 or more, received -1
 */
export function resolvePublishOptions(options: PublishOptions): ResolvedPublishOptions {
  if (options === null || typeof options !== 'object') {
    throw invalid(`options: expected an object with at least appId and appSecret, received ${options === null ? 'null' : typeof options}`);
  }
  const known = Object.keys(TYPES);
  for (const [key, value] of Object.entries(options)) {
    if (!known.includes(key)) throw invalid(`options.${key}: unknown option (known: ${known.join(', ')})`);
    const type = TYPES[key as keyof PublishOptions];
    if (value !== undefined && (typeof value !== type || value === null)) {
      throw invalid(`options.${key}: expected ${type === 'object' ? 'an object' : `a ${type}`}, received ${value === null ? 'null' : typeof value}`);
    }
  }
  const o = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as PublishOptions;
  const dryRun = o.dryRun ?? DEFAULT_PUBLISH_OPTIONS.dryRun;
  if (!dryRun) {
    if (!o.appId) throw invalid('options.appId: required to publish; pass the AppID from the Official Account platform (设置与开发 → 基本配置), or WECHAT_APP_ID for the CLI');
    if (!o.appSecret) throw invalid('options.appSecret: required to publish; pass the AppSecret from the Official Account platform (设置与开发 → 基本配置), or WECHAT_APP_SECRET for the CLI');
  }
  if (o.apiBase !== undefined && !isHttpUrl(o.apiBase)) throw invalid(`options.apiBase: expected an http(s) URL such as ${DEFAULT_PUBLISH_OPTIONS.apiBase}, received ${JSON.stringify(o.apiBase)}`);
  if (o.gif !== undefined && !GIF_MODES.includes(o.gif)) throw invalid(`options.gif: expected ${GIF_MODES.map((m) => `"${m}"`).join(' or ')}, received ${JSON.stringify(o.gif)}`);
  if (o.sourceUrl !== undefined && !isHttpUrl(o.sourceUrl)) throw invalid(`options.sourceUrl: expected an http(s) URL, received ${JSON.stringify(o.sourceUrl)}`);
  if (o.previewTo !== undefined && !o.previewTo.trim()) throw invalid('options.previewTo: expected the WeChat ID of the user who gets the preview, received an empty string');
  if (dryRun && (o.submit || o.previewTo)) throw invalid(`options.${o.submit ? 'submit' : 'previewTo'}: a dry run sends nothing, so it cannot ${o.submit ? 'publish' : 'send a preview'}; leave out dryRun`);
  for (const key of ['timeoutMs', 'retryDelayMs', 'pollIntervalMs', 'pollTimeoutMs'] as const) {
    const v = o[key];
    if (v !== undefined && !(Number.isFinite(v) && v > 0)) throw invalid(`options.${key}: expected a positive number of milliseconds, received ${v}`);
  }
  if (o.retries !== undefined && !(Number.isInteger(o.retries) && o.retries >= 0)) throw invalid(`options.retries: expected a whole number 0 or more, received ${o.retries}`);
  const fetchImpl = o.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') throw invalid('options.fetch: no global fetch in this runtime; pass one');
  return {
    ...DEFAULT_PUBLISH_OPTIONS,
    ...o,
    apiBase: (o.apiBase ?? DEFAULT_PUBLISH_OPTIONS.apiBase).replace(/\/+$/, ''),
    cacheDir: o.cacheDir ?? defaultCacheDir(),
    baseDir: o.baseDir ?? process.cwd(),
    fetch: fetchImpl,
  };
}
