export { DigestError, type DigestErrorCode, type DigestProblem } from './errors.js';
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
} from './schema.js';
export { renderDigest, type RenderResult, type RenderStats } from './render.js';
export { parseMarkdownDigest, digestToMarkdown } from './markdown-digest/index.js';
export { DEFAULT_RENDER_OPTIONS, type RenderOptions } from './options.js';
export { LOCALES, type Locale, type LocaleStrings } from './locale.js';
export { listThemes, type ThemeInfo, type CustomTheme } from './theme/themes.js';
export { listRoles } from './theme/roles.js';
export { checkWechat, CHECK_RULES, type CheckOptions, type CheckTarget, type CheckRule } from './wechat/check.js';
export { checkArticle, type ArticleFields } from './wechat/article.js';
export { cleanForWechat, type CleanOptions } from './wechat/clean.js';
export { WECHAT_POLICY } from './wechat/policy.js';
export type { Finding } from './wechat/findings.js';
export type { LinkMode } from './markdown/env.js';
export { previewPage, WECHAT_FONT_STACK, type PreviewOptions } from './preview/page.js';
export { createReaderDarkmode, type ReaderDarkmode, type Rgba } from './preview/darkmode.js';
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
export { renderCover, type RenderedCover } from './cover/render.js';
