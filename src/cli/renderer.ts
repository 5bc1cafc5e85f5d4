import type { Digest } from '../digest/schema.js';
import type { RenderOptions } from '../render/options.js';
import type { RenderResult } from '../render/pipeline.js';
import { renderThrough } from '../render/door.js';

/**
 * `renderDigest` for the command line: the same door, but the CSS inliner is loaded only when
 * a theme must be compiled (a custom theme, an accent or a font size), so a plain
 * `wechat-digest render` starts without it.
 *
 * @example
 * // `digest` is the reference example
 * const { stats } = await renderForCli(digest, { theme: 'classic' })
 * stats.characters // → 18545
 */
export function renderForCli(digest: Digest, options: RenderOptions): Promise<RenderResult> {
  return Promise.resolve(renderThrough(digest, options, async () => (await import('../theme/compile.js')).compileTheme));
}
