import envPaths from 'env-paths';
import { z } from '../core/zod.js';
import { DigestError } from '../core/errors.js';
import { ofType, optionsObject, parseOptions, typeName } from '../core/options.js';
import { isHttpUrl } from '../core/urls.js';
import { RENDER_OPTIONS_SCHEMA, type RenderOptions } from '../render/options.js';
import { GIF_MODES, MATH_IMAGE_MODES } from './image-policy.js';
import type { PublishProgress } from './progress.js';
import { RELAY_KEY_MIN_LENGTH } from './relay-protocol.js';

const httpUrl = (example: string) =>
  z.string().refine(isHttpUrl, { error: (issue) => `expected an http(s) URL${example}, received ${JSON.stringify(issue.input)}` });
/** A number that `accepts`, or an error saying it expects `what`. */
const numberThat = (accepts: (n: number) => boolean, what: string) => {
  const error = (issue: { input?: unknown }) => `expected ${what}, received ${typeof issue.input === 'number' ? issue.input : typeName(issue.input)}`;
  return z.number({ error }).refine(accepts, { error });
};
/** An https URL, or an http one to this machine (a relay on the same host, or a test). */
const secureOrLocal = (url: string) => {
  const { protocol, hostname } = new URL(url);
  return protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
};
const milliseconds = numberThat((v) => v > 0, 'a positive number of milliseconds');

/**
 * The schema of `publishDraft`'s options: each field with its doc and default. `PublishOptions`
 * is derived from it; `render` is checked by the render options' schema.
 *
 * @example
 * PUBLISH_OPTIONS_SCHEMA.safeParse({ dryRun: true, render: { links: 'keep' } }).success // → true
 */
export const PUBLISH_OPTIONS_SCHEMA = optionsObject(
  {
    /** The account's AppID (开发者ID). Required unless `dryRun`. The CLI reads `WECHAT_APP_ID`. */
    appId: z.string().optional(),
    /** The account's AppSecret. Required unless `dryRun`; never logged, cached or shown. The CLI reads `WECHAT_APP_SECRET`. */
    appSecret: z.string().optional(),
    /** Base URL of the WeChat API. Default `'https://api.weixin.qq.com'`. */
    apiBase: httpUrl(' such as https://api.weixin.qq.com').optional(),
    /** Cover image (path or http(s) URL) for `thumb_media_id`. Default: the digest's cover, else one made from the digest (see `renderCover`). */
    cover: z.string().optional(),
    /** Animated GIFs in the body: `'animate'` keeps them moving (uploaded as image material), `'first-frame'` uploads their first frame. Default `'animate'`. */
    gif: z.enum(GIF_MODES, { error: (issue) => `expected ${GIF_MODES.map((m) => `"${m}"`).join(' or ')}, received ${JSON.stringify(issue.input)}` }).optional(),
    /** When formulas drawn as SVG become images (PNG, the TeX as alt text): `'fit'` only to make an article over the limit fit, the heaviest first; `'heavy'` also every drawing over `mathImageChars`; `'all'` every one; `'never'` none. Images do not follow dark mode. Default `'fit'`. */
    mathImages: z.enum(MATH_IMAGE_MODES, { error: (issue) => `expected ${MATH_IMAGE_MODES.map((m) => `"${m}"`).join(', ')}, received ${JSON.stringify(issue.input)}` }).optional(),
    /** With `mathImages: 'heavy'`: the size of a formula's drawing, in characters, from which it becomes an image. Default `3000`. */
    mathImageChars: numberThat((v) => Number.isInteger(v) && v > 0, 'a whole number of characters above 0').optional(),
    /** Author shown in the draft (≤ 16 characters). Default: the digest's `author`. */
    author: z.string().optional(),
    /** Feed summary (≤ 120 characters). Default: the headline summary, cut to 120 characters. */
    digest: z.string().optional(),
    /** The "read original" (阅读原文) link. Default: the digest's `sourceUrl`. */
    sourceUrl: httpUrl('').optional(),
    /** Open comments on the article. Default `false`. */
    openComment: z.boolean().optional(),
    /** Only followers may comment (with `openComment`). Default `false`. */
    fansOnlyComment: z.boolean().optional(),
    /** Render, check and resolve images, and return the draft without any network call. Default `false`. */
    dryRun: z.boolean().optional(),
    /** When the content is over the limit, spread the items over several articles of one draft. Default `false`. */
    split: z.boolean().optional(),
    /** Add a new draft even when this digest (its `id`, else title and date) already has one, instead of updating it. Default `false`. */
    newDraft: z.boolean().optional(),
    /** Read the draft back (draft/get) and report what WeChat dropped or changed. Default `true`. */
    verify: z.boolean().optional(),
    /** Send the draft as a preview to this WeChat user (their WeChat ID) with message/mass/preview. Default: none. */
    previewTo: z.string().refine((v) => v.trim() !== '', { error: 'expected the WeChat ID of the user who gets the preview, received an empty string' }).optional(),
    /** Publish the draft (freepublish/submit) and wait until WeChat settles. Default `false`. */
    submit: z.boolean().optional(),
    /** First wait before asking whether publishing settled, in milliseconds; each next wait is 1.5 times longer (at most 30 s). Default `3000`. */
    pollIntervalMs: milliseconds.optional(),
    /** How long to wait for publishing to settle, in milliseconds. Default `300000` (5 minutes). */
    pollTimeoutMs: milliseconds.optional(),
    /** Where the token and upload caches live. Default: the per-user cache directory (`defaultCacheDir()`). */
    cacheDir: z.string().optional(),
    /** Directory that relative image paths are resolved against (the digest file's folder). Default: the working directory. */
    baseDir: z.string().optional(),
    /**
     * Folders that local images may also be read from, besides `baseDir`. Default: none: a
     * digest (written by a script, a model, a feed) can name only images inside its own folder,
     * never `../../.ssh/…` or `/home/…`.
     */
    imageDirs: z.array(z.string()).optional(),
    /** Options for rendering the digest (theme, locale, …). Default `{}`. */
    render: RENDER_OPTIONS_SCHEMA.optional(),
    /** The `fetch` to use (for proxies and tests). Default: the global `fetch`. */
    fetch: ofType<typeof globalThis.fetch>('function').optional(),
    /**
     * Send every WeChat call through a publishing relay (`wechat-digest relay`) on the machine whose IP is
     * whitelisted: its URL (https, or http on this machine), the key's id and secret. `appSecret` is then
     * not needed: the relay holds it and the token. Default: none (calls go to `apiBase`). The CLI reads
     * `WECHAT_RELAY_URL`, `WECHAT_RELAY_KEY_ID`, `WECHAT_RELAY_KEY`.
     */
    relay: optionsObject(
      {
        url: httpUrl(' such as https://relay.example.com').refine(secureOrLocal, {
          error: (issue) => `expected an https URL (or http to this machine), received ${JSON.stringify(issue.input)}; serve the relay over TLS (its tls option or a reverse proxy, see docs/relay.md)`,
        }),
        keyId: z.string({ error: 'expected the key id from the relay\u2019s configuration (keys[].id)' }).min(1, { error: 'expected the key id from the relay\u2019s configuration (keys[].id), received an empty string' }),
        key: z.string({ error: 'expected the key secret from the relay\u2019s configuration (keys[].secret)' }).min(RELAY_KEY_MIN_LENGTH, {
          error: `expected the key secret of at least ${RELAY_KEY_MIN_LENGTH} characters from the relay\u2019s configuration (keys[].secret)`,
        }),
      },
      'an object with url, keyId and key',
    ).optional(),
    /** Time limit of one HTTP request in milliseconds. Default `30000`. */
    timeoutMs: milliseconds.optional(),
    /** How many times a failed network request is tried again. Default `2`. */
    retries: numberThat((v) => Number.isInteger(v) && v >= 0, 'a whole number 0 or more').optional(),
    /** Delay before the first retry in milliseconds; doubled for each further retry. Default `500`. */
    retryDelayMs: milliseconds.optional(),
    /** Called with each step (uploads, retries, the draft); the CLI prints them. */
    onProgress: ofType<(event: PublishProgress) => void>('function').optional(),
  },
  'an object with at least appId and appSecret',
);

/** Options of `publishDraft`. Defaults are in `DEFAULT_PUBLISH_OPTIONS`. */
export type PublishOptions = z.input<typeof PUBLISH_OPTIONS_SCHEMA>;

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
  mathImages: 'fit',
  mathImageChars: 3000,
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
  gif: (typeof GIF_MODES)[number];
  mathImages: (typeof MATH_IMAGE_MODES)[number];
  mathImageChars: number;
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

/**
 * Merges publish options with the defaults once, checking each.
 *
 * @throws DigestError `E_INVALID_OPTION` naming the option and what it expects.
 * @example
 * resolvePublishOptions({ appId: 'wx1', appSecret: 's' }).apiBase // → 'https://api.weixin.qq.com'
 * resolvePublishOptions({ dryRun: true, retries: -1 }) // throws: options.retries: expected a whole number 0 or more, received -1
 */
export function resolvePublishOptions(options: PublishOptions): ResolvedPublishOptions {
  const o = stripUndefined(parseOptions(PUBLISH_OPTIONS_SCHEMA, options) as PublishOptions);
  const dryRun = o.dryRun ?? DEFAULT_PUBLISH_OPTIONS.dryRun;
  if (!dryRun) {
    if (!o.appId) throw invalid('options.appId: required to publish; pass the AppID from the Official Account platform (设置与开发 → 基本配置), or WECHAT_APP_ID for the CLI');
    if (!o.appSecret && !o.relay) throw invalid('options.appSecret: required to publish; pass the AppSecret from the Official Account platform (设置与开发 → 基本配置), or WECHAT_APP_SECRET for the CLI; or publish through a relay (options.relay)');
    if (o.appSecret && o.relay) throw invalid('options.appSecret: not used with options.relay (the relay holds the AppSecret and the token); leave it out so it stays off this machine');
  }
  if (dryRun && (o.submit || o.previewTo)) throw invalid(`options.${o.submit ? 'submit' : 'previewTo'}: a dry run sends nothing, so it cannot ${o.submit ? 'publish' : 'send a preview'}; leave out dryRun`);
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

function invalid(message: string): DigestError {
  return new DigestError('E_INVALID_OPTION', message);
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
