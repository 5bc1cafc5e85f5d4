import MarkdownIt from 'markdown-it';
import type { StateBlock, Token } from 'markdown-it';

/**
 * The markdown-it parser that reads the structure of a Markdown digest. It is not the one that
 * renders Markdown fields: it keeps link targets exactly as written (no normalisation, every
 * scheme allowed, so the schema can name a bad URL with its line), leaves bare URLs as text, and
 * knows front matter.
 */
function createStructureParser(): ReturnType<typeof MarkdownIt> {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  md.normalizeLink = (url) => url;
  md.normalizeLinkText = (text) => text;
  md.validateLink = () => true;
  md.block.ruler.before('table', 'front_matter', frontMatterRule);
  return md;
}

/** YAML front matter: `---` on the first line, up to the next line that is exactly `---`. */
function frontMatterRule(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (startLine !== 0 || state.blkIndent !== 0 || lineOf(state, 0) !== '---') return false;
  for (let line = 1; line < endLine; line++) {
    if (lineOf(state, line).trimEnd() !== '---') continue;
    if (silent) return true;
    const token = state.push('front_matter', '', 0);
    token.map = [0, line + 1];
    token.markup = '---';
    token.block = true;
    token.content = line > 1 ? `${state.src.slice(state.bMarks[1], state.eMarks[line - 1])}\n` : '';
    state.line = line + 1;
    return true;
  }
  return false;
}

function lineOf(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line], state.eMarks[line]);
}

const md = createStructureParser();

/** One top-level block of the document: its tokens and its source lines `[start, end)`. */
export interface Block {
  /** `paragraph`, `heading`, `ordered_list`, `blockquote`, `fence`, `front_matter`, … */
  type: string;
  start: number;
  end: number;
  /** From the opening token to the closing one (one token for fences and code blocks). */
  tokens: Token[];
}

/** A Markdown digest file, parsed: normalised source lines, top-level blocks, and the link references. */
export interface MarkdownSource {
  lines: string[];
  blocks: Block[];
  env: Record<string, unknown>;
}

/**
 * Normalises line breaks and NUL as markdown-it does (so token line numbers index `lines`),
 * drops a byte-order mark, and splits the document into top-level blocks.
 *
 * @param markdown - The whole file.
 * @example
 * parseSource('---\ntitle: D\n---\n\n### A\r\n').blocks.map((b) => [b.type, b.start, b.end])
 * // → [['front_matter', 0, 3], ['heading', 4, 5]]
 */
export function parseSource(markdown: string): MarkdownSource {
  const src = markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
  const env: Record<string, unknown> = {};
  const tokens = md.parse(src, env);
  const blocks: Block[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const open = tokens[i];
    let close = i;
    if (open.nesting === 1) {
      let depth = 0;
      for (; close < tokens.length; close++) {
        depth += tokens[close].nesting;
        if (depth === 0) break;
      }
    }
    const [start, end] = open.map ?? [0, 0];
    blocks.push({ type: open.type.replace(/_open$/, ''), start, end, tokens: tokens.slice(i, close + 1) });
    i = close;
  }
  return { lines: src.split('\n'), blocks, env };
}

/**
 * The raw inline source of a paragraph or heading block (markdown-it trims its ends).
 *
 * @example
 * inlineSource(parseSource('## Quick links {.unnumbered}').blocks[0]) // → 'Quick links {.unnumbered}'
 */
export function inlineSource(block: Block): string {
  return block.tokens[1]?.type === 'inline' ? block.tokens[1].content : '';
}

/**
 * The heading level of an ATX heading, or 0 for anything else, setext headings included.
 *
 * @example
 * atxLevel(parseSource('### A').blocks[0]) // → 3
 * atxLevel(parseSource('A\n---').blocks[0]) // → 0
 */
export function atxLevel(block: Block): number {
  const markup = block.type === 'heading' ? block.tokens[0].markup : '';
  return /^#+$/.test(markup) ? markup.length : 0;
}

/**
 * Inline tokens of a piece of inline Markdown, with the document's link references.
 *
 * @example
 * inlineTokens('[Code](https://x.org)', {}).map((t) => t.type) // → ['link_open', 'text', 'link_close']
 */
export function inlineTokens(source: string, env: Record<string, unknown>): Token[] {
  return md.parseInline(source, env)[0]?.children ?? [];
}

/**
 * The text a Markdown viewer shows for inline Markdown: escapes and entities resolved, emphasis
 * markers and link targets dropped, line breaks kept as `\n`.
 *
 * @example
 * plainText('C\\+\\+ *for* &amp; [you](https://x.org)', {}) // → 'C++ for & you'
 */
export function plainText(source: string, env: Record<string, unknown>): string {
  return tokensText(inlineTokens(source, env));
}

/**
 * The plain text of inline tokens (see `plainText`).
 *
 * @example
 * tokensText(inlineTokens('`a` *b*', {})) // → 'a b'
 */
export function tokensText(tokens: readonly Token[]): string {
  let out = '';
  for (const t of tokens) {
    if (t.type === 'text' || t.type === 'code_inline') out += t.content;
    else if (t.type === 'softbreak' || t.type === 'hardbreak') out += '\n';
    else if (t.type === 'image') out += tokensText(t.children ?? []);
  }
  return out;
}

/**
 * True for a line holding nothing but spaces and tabs, as markdown-it sees a blank line.
 *
 * @example
 * isBlank(' \t') // → true
 */
export function isBlank(line: string): boolean {
  return /^[ \t]*$/.test(line);
}

/**
 * Source lines `[start, end)` joined, without the blank lines at either end; undefined when
 * nothing but blank lines is left.
 *
 * @example
 * sliceLines(['', 'a', '', '  b ', ' '], 0, 5) // → 'a\n\n  b '
 */
export function sliceLines(lines: readonly string[], start: number, end: number): string | undefined {
  while (start < end && isBlank(lines[start])) start++;
  while (end > start && isBlank(lines[end - 1])) end--;
  return start < end ? lines.slice(start, end).join('\n') : undefined;
}
