/** What an image is: its type (read from the bytes), size in bytes and pixels. */
export interface ImageFacts {
  /** `png`, `jpg`, `gif`, `bmp`, `webp`, `avif`, `heic`, `tiff`, `svg`. */
  format: string;
  bytes: number;
  width?: number;
  height?: number;
}

/** What one image became: uploaded now, found in the upload cache, kept, or (dry run) still to upload. */
export interface UploadRecord {
  /** `'image'`: a body image. `'cover'`: the cover (material/add_material). */
  kind: 'image' | 'cover';
  /** The image as the digest names it: a path or a URL (`(generated cover)` for a cover made from the digest). */
  source: string;
  /** The digest fields that name it (`sections[0].items[1].images[0].src`, `cover.src`, …). */
  fields?: string[];
  /** `'uploaded'` now, `'cached'` reused from an earlier run, `'kept'` (already on WeChat's image host), `'pending'` (dry run: would be uploaded). */
  status: 'uploaded' | 'cached' | 'kept' | 'pending';
  /** The image as read; absent when not read (kept, or a URL in a dry run). */
  before?: ImageFacts;
  /** Format uploaded (`png`, `jpg`, `gif`, `bmp`); absent when not read. */
  format?: string;
  /** Size uploaded, in bytes. */
  bytes?: number;
  width?: number;
  height?: number;
  /** What the conversion did (`WebP → JPEG`, `EXIF orientation 6 applied`, …); empty when the bytes went as they came. */
  changes?: string[];
  /** Something to know about this image (an animated GIF reduced to its first frame). */
  warning?: string;
  /** The endpoint it goes to: `media/uploadimg`, or `material/add_material` (the cover, an animated GIF). */
  endpoint?: string;
  /** SHA-256 of the bytes read: with the conversion, the upload cache key. */
  sha256?: string;
  /** The WeChat URL that replaces the source in the content (body images, and the cover's URL). */
  url?: string;
  /** The permanent material id (the cover, an animated GIF). */
  mediaId?: string;
}

/**
 * A step of `publishDraft`, for progress output. Never carries the secret or the token.
 *
 * - `upload`: one image was handled (see `UploadRecord.status`).
 * - `retry`: a request failed and is tried again after `delayMs`.
 * - `token`: an access token was obtained (`refreshed`: forced after WeChat refused the old one).
 * - `draft`: the draft was saved: `added`, `updated` (the draft made for this digest before) or
 *   `replaced` (its number of articles changed) (absent in a dry run).
 * - `notice`: something to know that is not an error (a draft deleted in the console, so a new one).
 * - `preview`: the preview was sent to `to`.
 * - `publishing`: freepublish/get still says publishing (`attempt` polls so far).
 * - `published`: the draft was published; its article URLs.
 */
export type PublishProgress =
  | ({ type: 'upload' } & UploadRecord)
  | { type: 'retry'; endpoint: string; attempt: number; delayMs: number; reason: string }
  | { type: 'token'; refreshed: boolean }
  | { type: 'draft'; mediaId: string; articles: number; action: 'added' | 'updated' | 'replaced' }
  | { type: 'notice'; message: string }
  | { type: 'preview'; to: string }
  | { type: 'publishing'; attempt: number }
  | { type: 'published'; publishId: string; articleUrls: string[] };
