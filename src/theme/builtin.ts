import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { CompiledTheme } from './compile.js';
import { builtinThemeCss, type CustomTheme } from './themes.js';

/** Which theme a render asks for: a built-in id or custom CSS, with an accent and a font size. */
export interface ThemeChoice {
  theme: string | CustomTheme;
  accent?: string;
  fontSize?: number;
}

/**
 * The file `npm run build` writes: every built-in theme compiled with its own accent and size.
 * Named from the folder above, so the path holds from dist/bundle/ as from dist/theme/.
 */
export const PRECOMPILED_FILE = new URL('../theme/compiled-themes.json', import.meta.url);

/** What the precompiled file holds per theme: the SHA-256 of the CSS it was compiled from, and the result. */
export type PrecompiledThemes = Record<string, { sha256: string; theme: CompiledTheme }>;

let precompiled: PrecompiledThemes | null | undefined;

/** SHA-256 of a theme's CSS, to tell whether a precompiled theme is still current. */
export function cssHash(css: string): string {
  return createHash('sha256').update(css).digest('hex');
}

/** The CSS the options ask for: a built-in theme's file, or the custom `{ css }`. */
export function themeSource(opts: ThemeChoice): string {
  return typeof opts.theme === 'string' ? builtinThemeCss(opts.theme) : opts.theme.css;
}

/**
 * The precompiled form of a built-in theme used with its own accent and font size, when the
 * package was built and the theme's CSS has not changed since; otherwise undefined (the caller
 * compiles). Compiling needs a CSS inliner, which a short-lived command would otherwise load on
 * every run.
 *
 * @example
 * // a custom theme is never precompiled: the caller compiles it
 * precompiledTheme({ theme: { css: '.wd{color:#333}' } }) // → undefined
 * // a built-in theme is, in the built package (`npm run build` writes dist/theme/compiled-themes.json):
 * // there precompiledTheme({ theme: 'classic' })?.styles.title is 'margin:0 0 .3em;font-size:1.3em;color:#222'
 */
export function precompiledTheme(opts: ThemeChoice): CompiledTheme | undefined {
  if (typeof opts.theme !== 'string' || opts.accent !== undefined || opts.fontSize !== undefined) return undefined;
  if (precompiled === undefined) {
    try {
      precompiled = JSON.parse(readFileSync(PRECOMPILED_FILE, 'utf8')) as PrecompiledThemes;
    } catch {
      precompiled = null;
    }
  }
  const entry = precompiled?.[opts.theme];
  if (!entry || entry.sha256 !== cssHash(builtinThemeCss(opts.theme))) return undefined;
  return entry.theme;
}
