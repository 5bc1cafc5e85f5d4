export { publishDraft, type PublishResult } from './publish.js';
export type { DraftArticle } from './fields.js';
export { DEFAULT_PUBLISH_OPTIONS, defaultCacheDir, type PublishOptions } from './options.js';
export type { ImageFacts, PublishProgress, UploadRecord } from './progress.js';
export type { GifMode } from './image-policy.js';
export { WECHAT_ERRCODES } from './api-errors.js';
