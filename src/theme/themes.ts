import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DigestError } from '../core/errors.js';
import { suggest } from '../core/suggest.js';

/** A built-in theme's metadata. */
export interface ThemeInfo {
  /** Id passed as `theme`, e.g. `classic`. */
  id: string;
  /** Display name. */
  name: string;
  /** One line on its character. */
  description: string;
}

/** A custom theme: CSS written to the theme contract (see README, "Themes"). */
export interface CustomTheme {
  css: string;
  /** Where the CSS comes from (e.g. its file name): the theme's warnings start with it. */
  name?: string;
}

const THEMES: readonly ThemeInfo[] = [
  { id: 'classic', name: 'Classic', description: 'The arXiv-daily look: plain hierarchy, blue tags, grey metadata, numbered key points.' },
  {
    id: 'academic',
    name: 'Academic',
    description: 'Restrained and scholarly: fine rules, labels in an oxblood accent, quiet metadata.',
  },
  {
    id: 'modern',
    name: 'Modern',
    description: 'Accent number badges and tags, rounded cards for the contents and summary, a card for each one-liner.',
  },
  {
    id: 'newsletter',
    name: 'Newsletter',
    description: 'Compact and dense for many short items: a masthead rule, section bars, tight spacing.',
  },
];

/** The folder holding the theme CSS files (`styles/` at the package root). */
export const STYLES_DIR = fileURLToPath(new URL('../../styles/', import.meta.url));

/**
 * Lists the built-in themes.
 *
 * @example
 * listThemes().map((t) => t.id) // → ['classic', …]
 */
export function listThemes(): ThemeInfo[] {
  return THEMES.map((t) => ({ ...t }));
}

const cssCache = new Map<string, string>();

/** Reads a built-in theme's CSS; throws E_INVALID_OPTION for an unknown id, listing the ids. */
export function builtinThemeCss(id: string): string {
  const info = THEMES.find((t) => t.id === id);
  if (!info) {
    const ids = THEMES.map((t) => t.id);
    const near = suggest(id, ids);
    throw new DigestError(
      'E_INVALID_OPTION',
      `theme: "${id}" is not a built-in theme${near ? `; did you mean "${near}"?` : '.'} Available: ${ids.join(', ')}. For your own CSS pass { css }.`,
    );
  }
  let css = cssCache.get(id);
  if (css === undefined) {
    css = readFileSync(`${STYLES_DIR}${id}.css`, 'utf8');
    cssCache.set(id, css);
  }
  return css;
}
