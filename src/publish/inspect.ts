import { DigestError } from '../core/errors.js';
import { formatCount } from '../core/format.js';
import { assertConvertible, imageTypeName } from './convert.js';
import { IMAGE_POLICY } from './image-policy.js';
import { isWechatHosted } from '../wechat/image-host.js';
import { isRemote, readImage } from './images.js';

/** What `inspectLocalImages` found about one image: where it is named and what publishing will do or needs. */
export interface ImageNote {
  /** `error`: publishing stops on it. `warning`: publishing converts it. */
  severity: 'error' | 'warning';
  /** The digest field that names it (`sections[0].items[1].images[0].src`, …). */
  path: string;
  message: string;
}

/**
 * Looks at every local image (files only: URLs are read when publishing) as far as its header
 * tells, without decoding it, and says what publishing will do: a missing, unreadable or
 * unusable image is an error, one that will be converted or re-encoded a warning.
 *
 * @param fields - Image `src` → where it is named (`imageFields(digest)`, or `img[n]` in an HTML file).
 * @param baseDir - Where relative paths start (the digest's or the HTML file's folder).
 * @example
 * import { imageFields } from './image-fields.js'
 * const local = parseDigest({ title: 'T', cover: { src: 'photo.webp' }, sections: [{ items: [{ title: 'A', images: [{ src: 'fig.png' }] }] }] })
 * // `images` holds photo.webp, and no fig.png
 * await inspectLocalImages(imageFields(local), images)
 * // → [{ severity: 'warning', path: 'cover.src', message: 'Image "photo.webp" is WebP: publish converts it to JPEG, or PNG where there is transparency.' },
 * //      { severity: 'error', path: 'sections[0].items[0].images[0].src', message: 'Image "fig.png" cannot be read (…: no such file); …' }]
 */
export async function inspectLocalImages(fields: Map<string, string[]>, baseDir: string): Promise<ImageNote[]> {
  const notes: ImageNote[] = [];
  for (const [source, paths] of fields) {
    if (!source || isRemote(source) || isWechatHosted(source)) continue;
    const also = paths.length > 1 ? ` (also named at ${paths.slice(1).join(', ')})` : '';
    const note = (severity: ImageNote['severity'], message: string) => notes.push({ severity, path: paths[0], message: `${message.replace(/\.$/, '')}${also}.` });
    try {
      const image = await readImage(source, { baseDir });
      assertConvertible(image);
      const changes: string[] = [];
      if (!(IMAGE_POLICY.passThrough.image as readonly string[]).includes(image.type)) changes.push(`is ${imageTypeName(image.type)}: publish converts it to JPEG, or PNG where there is transparency`);
      if (image.bytes.length > IMAGE_POLICY.maxBytes.image) {
        changes.push(`is ${formatCount(image.bytes.length)} bytes: publish re-encodes it to fit the ${formatCount(IMAGE_POLICY.maxBytes.image)} bytes WeChat takes for body images`);
      }
      if (changes.length) note('warning', `Image "${source}" ${changes.join('; it ')}`);
    } catch (error) {
      if (!(error instanceof DigestError && error.code === 'E_IMAGE')) throw error;
      note('error', error.message);
    }
  }
  return notes;
}

/**
 * The line a command prints for a note.
 *
 * @example
 * imageNoteLine({ severity: 'warning', path: 'cover.src', message: 'Image "c.webp" is WebP: …' }) // → 'warning image-file: cover.src: Image "c.webp" is WebP: …'
 */
export function imageNoteLine(note: ImageNote): string {
  return `${note.severity} image-file: ${note.path}: ${note.message}`;
}
