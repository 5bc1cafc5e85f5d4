import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { imageSize } from 'image-size';
import { DigestError } from '../core/errors.js';
import { WECHAT_POLICY } from '../wechat/policy.js';
import { request, type HttpConfig } from './http.js';
import { formatCount } from '../core/format.js';
import { isHttpUrl } from '../core/urls.js';

/** Where each kind of image goes and what that endpoint takes. */
export const UPLOAD_TARGETS = {
  image: {
    endpoint: 'media/uploadimg',
    what: 'body images',
    types: WECHAT_POLICY.uploadImageTypes,
    maxBytes: WECHAT_POLICY.limits.bodyImageBytes,
  },
  cover: {
    endpoint: 'material/add_material',
    what: 'covers',
    /** Permanent image material: the formats WeChat re-hosts. */
    types: WECHAT_POLICY.imageTypes.filter((t) => t !== 'jpeg'),
    maxBytes: WECHAT_POLICY.limits.coverImageBytes,
  },
} as const;

/** The kind of an upload: a body image or the cover. */
export type ImageKind = keyof typeof UPLOAD_TARGETS;

/** An image read and checked: its bytes and what they are. */
export interface ImageFile {
  source: string;
  bytes: Buffer;
  sha256: string;
  /** Type read from the bytes: `png`, `jpg`, `gif`, `bmp`. */
  type: string;
  mime: string;
  /** A file name for the multipart upload, with the extension of the real type. */
  filename: string;
}

const MIME: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', gif: 'image/gif', bmp: 'image/bmp' };

const FIXES: Record<string, string> = {
  webp: 'WeChat rejects WebP: convert it to PNG or JPEG (for example `dwebp image.webp -o image.png`)',
  svg: 'WeChat rejects SVG images: export it as PNG (for example `rsvg-convert -o image.png image.svg`)',
};

/**
 * True for an image already on WeChat's image host: kept as it is, never uploaded.
 *
 * @example
 * isWechatHosted('https://mmbiz.qpic.cn/mmbiz_png/abc/0?wx_fmt=png') // → true
 * isWechatHosted('figures/loss.png') // → false
 */
export function isWechatHosted(src: string): boolean {
  try {
    return (WECHAT_POLICY.imageHosts as readonly string[]).includes(new URL(src).hostname);
  } catch {
    return false;
  }
}

/**
 * True for an http(s) image that must be downloaded before it is uploaded.
 *
 * @example
 * isRemote('https://example.com/a.png') // → true
 * isRemote('C:\\posts\\a.png') // → false
 */
export function isRemote(src: string): boolean {
  return isHttpUrl(src);
}

function imageError(source: string, problem: string, details: Record<string, unknown> = {}): DigestError {
  return new DigestError('E_IMAGE', `Image "${source}" ${problem}.`, { details: { source, ...details } });
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toLocaleString('en', { maximumFractionDigits: 1 })} MB`;
}

/**
 * Reads an image (a path relative to `baseDir`, a `file:` URL, or an http(s) URL, downloaded)
 * and checks that WeChat takes it as `kind`: type read from the bytes, size within the limit.
 *
 * @throws DigestError `E_IMAGE` naming the image and the fix (missing, WebP, SVG, too large, …).
 * @example
 * // `images` is a folder holding figure.png
 * await readImage('figure.png', 'image', { baseDir: images, http })
 * // → { source: 'figure.png', type: 'png', mime: 'image/png', filename: '….png', bytes: […], sha256: '…' }
 */
export async function readImage(source: string, kind: ImageKind, context: { baseDir: string; http: HttpConfig }): Promise<ImageFile> {
  const target = UPLOAD_TARGETS[kind];
  const bytes = isRemote(source) ? await download(source, target.maxBytes, context.http) : await readLocal(source, context.baseDir);
  if (bytes.length > target.maxBytes) {
    throw imageError(source, `is ${megabytes(bytes.length)} (${formatCount(bytes.length)} bytes); WeChat takes ${target.what} up to ${megabytes(target.maxBytes)}: compress it, or save it as JPEG at a lower quality`, { bytes: bytes.length });
  }
  let type: string | undefined;
  try {
    type = imageSize(bytes).type;
  } catch {
    type = undefined;
  }
  if (!type) throw imageError(source, 'is not in an image format WeChat takes (the bytes are no PNG, JPEG, GIF or BMP): save it as PNG or JPEG');
  if (!(target.types as readonly string[]).includes(type)) {
    const fix = FIXES[type] ?? `${target.endpoint} takes ${target.types.map((t) => t.toUpperCase()).join(', ')} only: convert it to PNG or JPEG`;
    throw imageError(source, `is ${type.toUpperCase()}; ${fix}`, { type });
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { source, bytes, sha256, type, mime: MIME[type], filename: `${sha256.slice(0, 16)}.${type}` };
}

async function readLocal(source: string, baseDir: string): Promise<Buffer> {
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(source)?.[1]?.toLowerCase();
  if (scheme && scheme !== 'file') throw imageError(source, `uses "${scheme}:", which cannot be uploaded: save the image as a file and use its path`);
  const path = scheme === 'file' ? fileURLToPath(source) : resolve(baseDir, source);
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : (code ?? 'unreadable');
    throw imageError(source, `cannot be read (${path}: ${why}); relative paths are resolved against ${baseDir}, the digest file's folder`, { path });
  }
}

async function download(url: string, maxBytes: number, http: HttpConfig): Promise<Buffer> {
  const response = await request(http, { endpoint: `download ${url}`, url, init: () => ({ method: 'GET' }), idempotent: true, maxBytes });
  if (response.status !== 200) {
    throw imageError(url, `could not be downloaded (HTTP ${response.status}): check the URL, or save the image next to the digest and use its path`, { status: response.status });
  }
  if (response.truncated) {
    throw imageError(url, `is larger than ${megabytes(maxBytes)}, the most WeChat takes: compress it, or save it as JPEG at a lower quality`, { bytes: response.body.length });
  }
  return response.body;
}
