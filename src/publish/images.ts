import { createHash } from 'node:crypto';
import { readFile, realpath } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { imageSize } from 'image-size';
import { DigestError } from '../core/errors.js';
import { formatCount } from '../core/format.js';
import { isHttpUrl, isSchemeRelative } from '../core/urls.js';
import type { SourceImage } from './convert.js';
import { request, type HttpConfig } from './http.js';
import { IMAGE_POLICY } from './image-policy.js';

/** Where each kind of upload goes and what that endpoint takes. */
export const UPLOAD_TARGETS = {
  image: {
    endpoint: 'media/uploadimg',
    what: 'body images',
    maxBytes: IMAGE_POLICY.maxBytes.image,
  },
  material: {
    endpoint: 'material/add_material',
    what: 'image material',
    maxBytes: IMAGE_POLICY.maxBytes.cover,
  },
} as const;

/** An image read from its source: the bytes, their SHA-256 and what they are. */
export interface ImageFile extends SourceImage {
  sha256: string;
}

const MIME: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', gif: 'image/gif', bmp: 'image/bmp' };

/**
 * The MIME type of an upload format.
 *
 * @example
 * mimeOf('jpg') // → 'image/jpeg'
 */
export function mimeOf(format: string): string {
  return MIME[format] ?? 'application/octet-stream';
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

let sizeReader: typeof imageSize | undefined;
/** image-size, loaded on the first image read: importing the package does not load it. */
function imageSizeOf(bytes: Buffer): ReturnType<typeof imageSize> {
  sizeReader ??= (createRequire(import.meta.url)('image-size') as typeof import('image-size')).imageSize;
  return sizeReader(bytes);
}

/**
 * The type of an image read from its bytes (never the name or the Content-Type), with its size
 * when the header tells it. HEIF files are told apart by their brand: `avif` or `heic`.
 *
 * @example
 * import { readFileSync } from 'node:fs'
 * sniffImage(readFileSync(`${images}/figure.png`)) // → { type: 'png', width: 24, height: 16 }
 * sniffImage(Buffer.from('text')) // → undefined
 */
export function sniffImage(bytes: Buffer): { type: string; width?: number; height?: number } | undefined {
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSizeOf(bytes);
  } catch {
    return undefined;
  }
  if (!size.type) return undefined;
  let type = size.type;
  if (type === 'heif') type = /^(avif|avis)$/.test(bytes.subarray(8, 12).toString('latin1')) ? 'avif' : 'heic';
  const turned = (size.orientation ?? 1) >= 5;
  const width = turned ? size.height : size.width;
  const height = turned ? size.width : size.height;
  return { type, ...(width ? { width } : {}), ...(height ? { height } : {}) };
}

/**
 * Reads an image: a path relative to `baseDir`, a `file:` URL, or an http(s) URL (downloaded
 * with `http`), and reads its type from the bytes. A local file must lie inside one of `dirs`
 * (default: `baseDir`; symbolic links followed), unless `dirs` is `'any'`.
 *
 * @throws DigestError `E_IMAGE` naming the image and the fix (missing, not an image, too large to read, …).
 * @example
 * // `images` is a folder holding photo.webp
 * await readImage('photo.webp', { baseDir: images, http })
 * // → { source: 'photo.webp', type: 'webp', width: 40, height: 24, bytes: […], sha256: '…' }
 */
export async function readImage(source: string, context: { baseDir: string; http?: HttpConfig; dirs?: readonly string[] | 'any' }): Promise<ImageFile> {
  const max = IMAGE_POLICY.maxSourceBytes;
  if (isRemote(source) && !context.http) throw new DigestError('E_IMAGE', `Image "${source}" is a URL, and this step reads files only.`, { details: { source } });
  const bytes = isRemote(source) ? await download(source, max, context.http!) : await readLocal(source, context.baseDir, context.dirs ?? [context.baseDir]);
  if (bytes.length > max) {
    throw imageError(source, `is ${megabytes(bytes.length)} (${formatCount(bytes.length)} bytes), more than the ${megabytes(max)} this step reads: save it as JPEG at a lower quality first`, { bytes: bytes.length });
  }
  const sniffed = sniffImage(bytes);
  if (!sniffed) {
    throw imageError(source, `is not an image (the bytes are no PNG, JPEG, GIF, WebP, AVIF, TIFF, BMP or SVG${bytes.length === 0 ? ': the file is empty' : ''}): check the path, or export it again as PNG or JPEG`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { source, bytes, sha256, ...sniffed };
}

async function readLocal(source: string, baseDir: string, dirs: readonly string[] | 'any'): Promise<Buffer> {
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(source)?.[1]?.toLowerCase();
  if (scheme && scheme !== 'file') throw imageError(source, `uses "${scheme}:", which cannot be uploaded: save the image as a file and use its path`);
  if (isSchemeRelative(source)) throw imageError(source, 'names a server but no scheme, so it is no local file: write it with https:, or save the image in the digest\'s folder and use its path');
  const path = scheme === 'file' ? fileURLToPath(source) : resolve(baseDir, source);
  const read = async (file: string) => {
    await assertInside(file, source, dirs);
    return readFile(file);
  };
  try {
    return await read(path);
  } catch (error) {
    if (error instanceof DigestError) throw error;
    const code = (error as { code?: string }).code;
    // Markdown writes a path with spaces or Chinese characters percent-encoded: try the file it names.
    if (code === 'ENOENT' && !scheme && /%[0-9a-f]{2}/i.test(source)) {
      const decoded = safeDecode(source);
      if (decoded !== source) {
        try {
          return await read(resolve(baseDir, decoded));
        } catch (inner) {
          if (inner instanceof DigestError) throw inner;
          // Report the path as written.
        }
      }
    }
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : code === 'EACCES' ? 'permission denied' : (code ?? 'unreadable');
    throw imageError(source, `cannot be read (${path}: ${why}); relative paths are resolved against ${baseDir}, the digest file's folder`, { path });
  }
}

/**
 * Refuses a file outside the folders images may be read from: a digest comes from scripts,
 * models and feeds, and must not make publish upload whatever the user can read.
 */
async function assertInside(file: string, source: string, dirs: readonly string[] | 'any'): Promise<void> {
  if (dirs === 'any') return;
  // Symbolic links are followed, so a link inside the folder cannot point out of it; a missing file is reported as missing.
  const real = await realpath(file).catch(() => file);
  for (const dir of dirs) {
    const root = await realpath(dir).catch(() => resolve(dir));
    const rel = relative(root, real);
    if (rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))) return;
  }
  throw imageError(source, `is outside the digest's folder (${file}); a digest may name only images inside ${dirs.join(', ')}: move the image there, or allow its folder (imageDirs, or --image-dir on the command line)`, { path: file });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Redirects an image download follows, each within the same site (a CDN moving a file); an API call follows none. */
const MAX_IMAGE_REDIRECTS = 5;

async function download(url: string, maxBytes: number, http: HttpConfig): Promise<Buffer> {
  let response: Awaited<ReturnType<typeof request>>;
  try {
    response = await request(http, { endpoint: `download ${url}`, url, init: () => ({ method: 'GET' }), idempotent: true, maxBytes, redirects: MAX_IMAGE_REDIRECTS });
  } catch (error) {
    if (!(error instanceof DigestError)) throw error;
    const reason = String(error.details.reason ?? error.message);
    throw imageError(url, `could not be downloaded (${reason}): check the URL and that the server answers, or save the image next to the digest and use its path`, { reason });
  }
  if (response.status !== 200) {
    throw imageError(url, `could not be downloaded (HTTP ${response.status}): check the URL, or save the image next to the digest and use its path`, { status: response.status });
  }
  if (response.truncated) {
    throw imageError(url, `is larger than ${megabytes(maxBytes)}, more than this step reads: save a smaller copy next to the digest and use its path`, { bytes: response.body.length });
  }
  return response.body;
}
