import { parseDigest, type Digest, type DigestInput } from '../digest/schema.js';
import { precompiledTheme, themeSource } from '../theme/builtin.js';
import type { CompiledTheme, ThemeParams } from '../theme/compile.js';
import { resolveRenderOptions, type RenderOptions, type ResolvedRenderOptions } from './options.js';
import { renderWithTheme, type RenderResult } from './pipeline.js';

// This module imports no CSS tooling: `renderDigest` hands in the compiler it imports, the
// command line one it imports only when a theme must be compiled.

/** Compiles theme CSS (`compileTheme`); the render door asks for it only when no precompiled theme fits. */
export type ThemeCompiler = (css: string, params: ThemeParams) => CompiledTheme;

/**
 * The compiled theme the options ask for: a built-in theme with its own accent and size comes
 * precompiled with the package; anything else is compiled (once, cached) by `compile`.
 *
 * @example
 * import { resolveRenderOptions } from './options.js'
 * import { compileTheme } from '../theme/compile.js'
 * resolveTheme(resolveRenderOptions({ accent: '#0f766e' }), compileTheme).styles['intro>a'] // → 'color:#0f766e'
 */
export function resolveTheme(opts: ResolvedRenderOptions, compile: ThemeCompiler): CompiledTheme {
  return precompiledTheme(opts) ?? compile(themeSource(opts), { accent: opts.accent, fontSize: opts.fontSize });
}

/**
 * The one render door. In order: options → validate the digest → theme (precompiled, or
 * compiled by what `loadCompiler` gives, asked for only then) → `renderWithTheme`. A synchronous
 * loader gives a result, an asynchronous one (the command line's, which imports the CSS tooling
 * lazily) a promise.
 *
 * @param input - Digest data (validated here).
 * @param options - See `RenderOptions`.
 * @param loadCompiler - Gives the theme compiler.
 * @example
 * import { compileTheme } from '../theme/compile.js'
 * renderThrough(digest, { theme: 'classic' }, () => compileTheme).stats.characters // → 18545
 * // the command line hands in async () => (await import('../theme/compile.js')).compileTheme
 * const lazy = await renderThrough(digest, {}, async () => compileTheme)
 * lazy.stats.characters // → 18545
 */
export function renderThrough(input: DigestInput | Digest, options: RenderOptions | undefined, loadCompiler: () => ThemeCompiler): RenderResult;
export function renderThrough(input: DigestInput | Digest, options: RenderOptions | undefined, loadCompiler: () => Promise<ThemeCompiler>): Promise<RenderResult>;
export function renderThrough(input: DigestInput | Digest, options: RenderOptions | undefined, loadCompiler: () => ThemeCompiler | Promise<ThemeCompiler>): RenderResult | Promise<RenderResult> {
  const opts = resolveRenderOptions(options);
  const digest = parseDigest(input);
  const ready = precompiledTheme(opts);
  if (ready) return renderWithTheme(digest, opts, ready);
  const finish = (compile: ThemeCompiler) => renderWithTheme(digest, opts, resolveTheme(opts, compile));
  const compiler = loadCompiler();
  return compiler instanceof Promise ? compiler.then(finish) : finish(compiler);
}
