import { createRequire } from 'node:module';
import type { CodeTokenKind } from '../../../theme/code-palette.js';
import type { CodeLanguage } from './languages.js';

/**
 * The highlighter: highlight.js 11, loaded synchronously (renderDigest is synchronous) and only
 * when a digest has a fenced block naming a language; each language module is loaded the first
 * time a block uses it. highlight.js's scopes are mapped onto the few token kinds the themes
 * colour (`CODE_TOKEN_KINDS`).
 */

/** A piece of code and the kind it is coloured as; no kind: the block's own colour. */
export interface CodeToken {
  text: string;
  kind?: CodeTokenKind;
}

/** The part of highlight.js's token tree that is read: scopes nesting text. */
interface ScopeNode {
  scope?: string;
  children: (string | ScopeNode)[];
}

/** The part of the highlight.js API that is used. */
interface Highlighter {
  registerLanguage(name: string, language: unknown): void;
  getLanguage(name: string): unknown;
  highlight(code: string, options: { language: string; ignoreIllegals: boolean }): { _emitter: { rootNode: ScopeNode } };
}

/**
 * highlight.js scope → token kind. A scope not listed takes its parent's kind; `plain` resets to
 * the block's colour (the code inside `${…}` of a template string, say). Compound scopes
 * (`title.function.invoke`) are looked up whole, then without their last part.
 */
const SCOPE_KINDS: Record<string, CodeTokenKind | 'plain'> = {
  keyword: 'keyword', 'variable.language': 'keyword', 'selector-tag': 'keyword', name: 'keyword', 'template-tag': 'keyword',
  built_in: 'type', type: 'type', 'title.class.inherited': 'type',
  literal: 'number', number: 'number', symbol: 'number', 'variable.constant': 'number',
  string: 'string', regexp: 'string', link: 'string', code: 'string', 'char.escape': 'string',
  title: 'title', section: 'title', 'selector-id': 'title', 'selector-class': 'title', 'selector-pseudo': 'title', class: 'title', function: 'title',
  attr: 'attr', attribute: 'attr', property: 'attr', 'selector-attr': 'attr', 'template-variable': 'attr',
  comment: 'comment', doctag: 'comment', quote: 'comment',
  meta: 'meta', 'meta.prompt': 'meta', bullet: 'meta',
  addition: 'inserted', deletion: 'deleted',
  subst: 'plain', params: 'plain', variable: 'plain', operator: 'plain', punctuation: 'plain', tag: 'plain',
};

/**
 * The token kind of a highlight.js scope: `'plain'` for the block's colour, undefined to keep
 * the parent's.
 *
 * @example
 * kindOfScope('title.function.invoke') // → 'title'
 * kindOfScope('subst')                 // → 'plain'
 * kindOfScope('language:css')          // → undefined
 */
export function kindOfScope(scope: string): CodeTokenKind | 'plain' | undefined {
  for (let s = scope; s; s = s.includes('.') ? s.slice(0, s.lastIndexOf('.')) : '') {
    const kind = SCOPE_KINDS[s];
    if (kind) return kind;
  }
  return undefined;
}

let highlighter: Highlighter | undefined;
const registered = new Set<string>();

function load(module: string): void {
  const require = createRequire(import.meta.url);
  highlighter ??= require('highlight.js/lib/core') as Highlighter;
  if (registered.has(module)) return;
  registered.add(module);
  highlighter.registerLanguage(module, require(`highlight.js/lib/languages/${module}`));
}

/**
 * Splits code into coloured tokens. Loads highlight.js and the language (and the languages it
 * embeds) on first use.
 *
 * @param code - The code, newlines as `\n`.
 * @param language - From `findCodeLanguage`.
 * @example
 * import { findCodeLanguage } from './languages.js'
 * highlightCode('let x = 1', findCodeLanguage('rust')!)
 * // → [{ text: 'let', kind: 'keyword' }, { text: ' x = ' }, { text: '1', kind: 'number' }]
 */
export function highlightCode(code: string, language: CodeLanguage): CodeToken[] {
  load(language.module);
  for (const embedded of language.embeds ?? []) load(embedded);
  const root = highlighter!.highlight(code, { language: language.module, ignoreIllegals: true })._emitter.rootNode;
  const tokens: CodeToken[] = [];
  const walk = (node: string | ScopeNode, kind: CodeTokenKind | undefined) => {
    if (typeof node === 'string') {
      const last = tokens[tokens.length - 1];
      if (last && last.kind === kind) last.text += node;
      else tokens.push(kind ? { text: node, kind } : { text: node });
      return;
    }
    const own = node.scope ? kindOfScope(node.scope) : undefined;
    const next = own === 'plain' ? undefined : (own ?? kind);
    for (const child of node.children) walk(child, next);
  };
  walk(root, undefined);
  return tokens;
}
