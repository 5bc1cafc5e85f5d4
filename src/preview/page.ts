import { escapeHtml } from '../escape.js';
import type { RenderResult } from '../render.js';

/** Options of `previewPage`. */
export interface PreviewOptions {
  /** The page title; defaults to the digest title. */
  title?: string;
}

/**
 * A self-contained HTML page that shows a rendered article at phone width (375 px), as the
 * WeChat reader does. Needs no network.
 *
 * @example
 * writeFileSync('preview.html', previewPage(renderDigest(digest)))
 */
export function previewPage(result: RenderResult, options: PreviewOptions = {}): string {
  const title = escapeHtml(options.title ?? result.digest.title);
  return `<!doctype html><html lang="zh"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title></head>`
    + `<body style="margin:0;background:#ededed"><main style="box-sizing:border-box;width:375px;margin:24px auto;padding:20px 16px;background:#fff;font-family:-apple-system,BlinkMacSystemFont,'PingFang SC','Hiragino Sans GB','Microsoft YaHei UI','Noto Sans CJK SC',sans-serif">${result.html}</main></body></html>\n`;
}
