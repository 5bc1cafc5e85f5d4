import type { Digest, DigestInput } from '../digest/schema.js';
import { compileTheme } from '../theme/compile.js';
import { renderThrough } from './door.js';
import type { RenderOptions } from './options.js';
import type { RenderResult } from './pipeline.js';

export type { RenderResult, RenderStats } from './pipeline.js';

/**
 * Renders a digest into WeChat-ready HTML. The pipeline, in order:
 * options → validate → theme (compiled once, cached) → Markdown fields (with the WeChat
 * transformations) → templates → check.
 *
 * @param input - Digest data (validated here; see `parseDigest`).
 * @param options - See `RenderOptions`.
 * @throws DigestError for invalid options (`E_INVALID_OPTION`), then invalid data
 *   (`E_INVALID_DIGEST`), then an unusable theme (`E_INVALID_THEME`).
 * @example
 * const { html, stats } = renderDigest({ title: 'Daily', sections: [{ items: [{ title: 'A paper' }] }] })
 * // The title is the draft's title field: WeChat shows it above the article, so the body starts with the summary.
 * // html  → '<section style="font-size:15px;line-height:1.75;color:#333"><p style="margin:1.2em 0;padding:.7em .9em;background:#f5f5f5"><b>摘要：</b>A paper</p>…'
 * // stats → { characters: 433, bytes: 467, items: 1, … }
 */
export function renderDigest(input: DigestInput | Digest, options: RenderOptions = {}): RenderResult {
  return renderThrough(input, options, () => compileTheme);
}
