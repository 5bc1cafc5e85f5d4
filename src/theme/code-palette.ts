/**
 * The colours of highlighted code: a handful of token kinds, each a theme role
 * (`.wd-code-<kind>`), so a theme's code palette is part of its CSS. Few kinds on purpose: every
 * coloured run costs a `<span style="color:…">` against WeChat's 20,000-character limit.
 */

/**
 * The token kinds a highlighted block is coloured by, in the order the themes list them.
 *
 * @example
 * CODE_TOKEN_KINDS.includes('keyword') // → true
 */
export const CODE_TOKEN_KINDS = ['keyword', 'string', 'comment', 'number', 'title', 'type', 'attr', 'meta', 'inserted', 'deleted'] as const;

/** One token kind: `keyword`, `string`, `comment`, … (see `CODE_TOKEN_KINDS`). */
export type CodeTokenKind = (typeof CODE_TOKEN_KINDS)[number];

/** What each kind colours, for the role list and the themes doc. */
export const CODE_TOKEN_DESCRIPTIONS: Record<CodeTokenKind, string> = {
  keyword: 'keywords, `this`/`self`, tag and selector names',
  string: 'strings, characters, regular expressions, links',
  comment: 'comments and quotes',
  number: 'numbers and literals (`true`, `null`, symbols, constants)',
  title: 'names being defined or called: functions, classes, headings, sections',
  type: 'types and built-in names',
  attr: 'attributes, properties and keys',
  meta: 'preprocessor lines, decorators, shebangs, prompts, list bullets',
  inserted: 'added lines of a diff',
  deleted: 'removed lines of a diff',
};

/**
 * The code palette a theme gets where it colours a kind (or the line numbers) not itself: deep colours that
 * read at 4.5:1 on a light grey code background, and, because they are deep, that the reader's
 * dark mode turns into light tints that read on its dark code background too.
 *
 * @example
 * DEFAULT_CODE_PALETTE_CSS.startsWith('.wd-code-keyword{color:#b30}') // → true
 */
export const DEFAULT_CODE_PALETTE_CSS = [
  '.wd-code-keyword{color:#b30}',
  '.wd-code-string{color:#036}',
  '.wd-code-comment{color:#566}',
  '.wd-code-number{color:#05a}',
  '.wd-code-title{color:#b0a}',
  '.wd-code-type{color:#853}',
  '.wd-code-attr{color:#272}',
  '.wd-code-meta{color:#357}',
  '.wd-code-inserted{color:#272}',
  '.wd-code-deleted{color:#910}',
  '.wd-code-line-numbers{margin:0 .8em 0 0;color:#566}',
].join('');

/**
 * The role of a token kind.
 *
 * @example
 * codeTokenRole('keyword') // → 'code-keyword'
 */
export function codeTokenRole(kind: CodeTokenKind): `code-${CodeTokenKind}` {
  return `code-${kind}`;
}
