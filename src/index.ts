export { DigestError, type DigestErrorCode, type DigestProblem } from './core/errors.js';
export {
  parseDigest,
  digestJsonSchema,
  type Digest,
  type DigestInput,
  type DigestSection,
  type DigestItem,
  type DigestImage,
  type DigestPoint,
  type LabelKey,
} from './digest/schema.js';
export { renderDigest, type RenderResult, type RenderStats } from './render/render.js';
export { parseMarkdownDigest, digestToMarkdown } from './digest/markdown/index.js';
export { DEFAULT_RENDER_OPTIONS, type RenderOptions } from './render/options.js';
export { LOCALES, type Locale, type LocaleStrings } from './digest/locale.js';
export { listThemes, type ThemeInfo, type CustomTheme } from './theme/themes.js';
export { listRoles } from './theme/roles.js';
export { checkWechat, CHECK_RULES, type CheckOptions, type CheckTarget, type CheckRule } from './wechat/check.js';
export { checkArticle, type ArticleFields } from './wechat/article.js';
export { cleanForWechat, type CleanOptions } from './wechat/clean.js';
export { WECHAT_POLICY } from './wechat/policy.js';
export type { Finding } from './wechat/findings.js';
export type { LinkMode } from './wechat/writers.js';
export { previewPage, WECHAT_FONT_STACK, type PreviewOptions } from './preview/page.js';
export { createReaderDarkmode, type ReaderDarkmode } from './wechat/reader/darkmode.js';
export type { Rgba } from './wechat/reader/colour.js';
export { run, type CliIo, type CliWritable } from './cli/index.js';
export {
  publishDraft,
  DEFAULT_PUBLISH_OPTIONS,
  defaultCacheDir,
  WECHAT_ERRCODES,
  type PublishOptions,
  type PublishResult,
  type PublishProgress,
  type DraftArticle,
  type UploadRecord,
  type ImageFacts,
  type GifMode,
} from './publish/index.js';
export { startRelay, type RelayDeps, type RunningRelay } from './relay/server.js';
export { DEFAULT_RELAY_CONFIG, type RelayConfig } from './relay/config.js';
export { renderCover, type RenderedCover } from './cover/render.js';
export {
  importArxiv,
  DEFAULT_ARXIV_OPTIONS,
  type ArxivRequest,
  type ArxivOptions,
} from './sources/arxiv.js';
export { importFeed, DEFAULT_FEED_OPTIONS, type FeedOptions, type FeedReport } from './sources/feed.js';
export type { SourceHttpOptions, SourceHttpEvent } from './sources/http.js';
export {
  fillDigest,
  DEFAULT_FILL_OPTIONS,
  type FillOptions,
  type FillResult,
  type FillPrompt,
  type FillProgress,
} from './fill/fill.js';
