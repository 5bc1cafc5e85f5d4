import { resolveRenderOptions, type RenderOptions } from '../options.js';
import { renderWithTheme, type RenderResult } from '../render/pipeline.js';
import type { Digest } from '../schema.js';
import { precompiledTheme, themeSource } from '../theme/builtin.js';

/**
 * `renderDigest` for the command line: the same result, but the CSS inliner is loaded only when
 * a theme must be compiled (a custom theme, an accent or a font size), so a plain
 * `wechat-digest render` starts without it.
 *
 * @example
 * // `digest` is the reference example
 * const { stats } = await renderForCli(digest, { theme: 'classic' })
 * stats.characters // → 19808
 */
export async function renderForCli(digest: Digest, options: RenderOptions): Promise<RenderResult> {
  const opts = resolveRenderOptions(options);
  let theme = precompiledTheme(opts);
  if (!theme) {
    const { compileTheme } = await import('../theme/compile.js');
    theme = compileTheme(themeSource(opts), { accent: opts.accent, fontSize: opts.fontSize });
  }
  return renderWithTheme(digest, opts, theme);
}
