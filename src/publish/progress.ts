/** What one image became: uploaded now, found in the upload cache, kept, or (dry run) still to upload. */
export interface UploadRecord {
  /** `'image'`: a body image (media/uploadimg). `'cover'`: the cover (material/add_material). */
  kind: 'image' | 'cover';
  /** The image as the digest names it: a path or a URL. */
  source: string;
  /** `'uploaded'` now, `'cached'` from an earlier run, `'kept'` (already on WeChat's image host), `'pending'` (dry run). */
  status: 'uploaded' | 'cached' | 'kept' | 'pending';
  /** Image format read from the bytes (`png`, `jpg`, …); absent when not read (kept, or a URL in a dry run). */
  format?: string;
  bytes?: number;
  /** SHA-256 of the bytes, the upload cache key. */
  sha256?: string;
  /** The WeChat URL that replaces the source in the content (body images, and the cover's URL). */
  url?: string;
  /** The permanent material id (cover only). */
  mediaId?: string;
}

/**
 * A step of `publishDraft`, for progress output. Never carries the secret or the token.
 *
 * - `upload`: one image was handled (see `UploadRecord.status`).
 * - `retry`: a request failed and is tried again after `delayMs`.
 * - `token`: an access token was obtained (`refreshed`: forced after WeChat refused the old one).
 * - `draft`: the draft was created (absent in a dry run).
 */
export type PublishProgress =
  | ({ type: 'upload' } & UploadRecord)
  | { type: 'retry'; endpoint: string; attempt: number; delayMs: number; reason: string }
  | { type: 'token'; refreshed: boolean }
  | { type: 'draft'; mediaId: string; articles: number };
