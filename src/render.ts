import { resolveRenderOptions, type RenderOptions, type ResolvedRenderOptions } from './options.js';
import { renderWithTheme, type RenderResult } from './render/pipeline.js';
import type { Digest, DigestInput } from './schema.js';
import { compileTheme, type CompiledTheme } from './theme/compile.js';
import { precompiledTheme, themeSource } from './theme/builtin.js';

export type { RenderResult, RenderStats } from './render/pipeline.js';

/**
 * The compiled theme the options ask for: a built-in theme with its own accent and size comes
 * precompiled with the package; anything else is compiled once and cached.
 */
export function resolveTheme(opts: ResolvedRenderOptions): CompiledTheme {
  return precompiledTheme(opts) ?? compileTheme(themeSource(opts), { accent: opts.accent, fontSize: opts.fontSize });
}

/**
 * Renders a digest into WeChat-ready HTML. The pipeline, in order:
 * options → validate → theme (compiled once, cached) → Markdown fields (with the WeChat
 * transformations) → templates → check.
 *
 * @param input - Digest data (validated here; see `parseDigest`).
 * @param options - See `RenderOptions`.
 * @throws DigestError for invalid data (`E_INVALID_DIGEST`) or options (`E_INVALID_OPTION`).
 * @example
 * const { html, stats } = renderDigest({ title: 'Daily', sections: [{ items: [{ title: 'A paper' }] }] })
 * // html  → '<section style="font-size:15px;line-height:1.75;color:#333;word-wrap:break-word"><h1 style="margin:0 0 .3em;font-size:1.3em;color:#222">Daily</h1>…'
 * // stats → { characters: 581, bytes: 615, items: 1, … }
 */
export function renderDigest(input: DigestInput | Digest, options: RenderOptions = {}): RenderResult {
  const opts = resolveRenderOptions(options);
  return renderWithTheme(input, opts, resolveTheme(opts));
}
