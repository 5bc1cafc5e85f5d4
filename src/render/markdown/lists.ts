import type { StateCore, Token } from 'markdown-it';
import { openTag, type MarkdownEnv, mdRule } from './env.js';
import type { MarkdownTransform } from './plugin.js';
import { bullet, REST_STYLE } from '../../wechat/writers.js';

/**
 * The marker written for a list item: its number for ordered lists, a bullet by depth otherwise.
 *
 * @example
 * const [, item] = md.parse('3. three', env) // ordered_list_open, list_item_open, …
 * listMarker(item, 0, true) // → '3.'
 * // an item of a bullet list inside a list:
 * listMarker(md.parse('- a', env)[1], 1, false) // → '◦'
 */
export function listMarker(token: Token, depth: number, ordered: boolean): string {
  return ordered ? `${token.info}${token.markup}` : bullet(depth);
}

/**
 * Numbers ordered list items as CommonMark does: the first item's number is the start, the rest
 * count up from it, whatever the source wrote (`1. 1. 1.` → 1, 2, 3; `003.` → 3). The number is
 * written to each item's `info`, which `listMarker` reads.
 *
 * @example
 * import MarkdownIt from 'markdown-it'
 * const tokens = new MarkdownIt().parse('003. a\n7. b\n1. c', {})
 * numberListItems(tokens)
 * tokens.filter((t) => t.type === 'list_item_open').map((t) => t.info) // → ['3', '4', '5']
 */
export function numberListItems(tokens: Token[]): void {
  const counters: (number | undefined)[] = [];
  for (const t of tokens) {
    if (t.type === 'ordered_list_open' || t.type === 'bullet_list_open') {
      const start = Number.parseInt(String(t.attrGet('start') ?? '1'), 10);
      counters.push(t.type === 'ordered_list_open' ? (Number.isFinite(start) ? start : 1) : undefined);
    } else if (t.type === 'ordered_list_close' || t.type === 'bullet_list_close') {
      counters.pop();
    } else if (t.type === 'list_item_open') {
      const next = counters.at(-1);
      if (next === undefined) continue;
      t.info = String(next);
      counters[counters.length - 1] = next + 1;
    }
  }
}

/** Hides the first paragraph of a list item so its text sits on the marker's line. */
function hideLeadParagraph(tokens: Token[], idx: number): void {
  const next = tokens[idx + 1];
  if (next?.type !== 'paragraph_open') return;
  next.hidden = true;
  for (let i = idx + 2; i < tokens.length; i++) {
    if (tokens[i].type === 'paragraph_close' && tokens[i].level === next.level) {
      tokens[i].hidden = true;
      break;
    }
  }
}

/**
 * Marks, with `list_rest_open`/`list_rest_close` tokens, the blocks of an item after its first
 * paragraph (further paragraphs, code, quotes), when the theme gives rows a hanging indent:
 * those blocks would inherit its negative `text-indent` and start left of their lines.
 *
 * @example
 * import MarkdownIt from 'markdown-it'
 * const md = new MarkdownIt()
 * md.core.ruler.push('wechat_list_rest', (state) => { markItemRests(state); return true; })
 * // with rows that hang their first line, list_rest_open is inserted before b's paragraph and
 * // list_rest_close before list_item_close:
 * md.parse('1. a\n\n   b', { styles: { 'body>list-row': 'padding-left:1.2em;text-indent:-1.2em' }, container: 'body' }).map((t) => t.type)
 * // → ['ordered_list_open', 'list_item_open', 'paragraph_open', 'inline', 'paragraph_close', 'list_rest_open',
 * //   'paragraph_open', 'inline', 'paragraph_close', 'list_rest_close', 'list_item_close', 'ordered_list_close']
 */
export function markItemRests(state: StateCore): void {
  const env = state.env as unknown as MarkdownEnv;
  if (!/text-indent/.test(env.styles[`${env.container}>list-row`] ?? '')) return;
  const tokens = state.tokens;
  const before = new Map<number, Token[]>();
  const insert = (at: number, token: Token) => before.set(at, [...(before.get(at) ?? []), token]);
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== 'list_item_open') continue;
    const level = tokens[i].level;
    let close = i + 1;
    while (!(tokens[close].type === 'list_item_close' && tokens[close].level === level)) close++;
    const children: number[] = [];
    for (let k = i + 1; k < close; k++) if (tokens[k].level === level + 1 && tokens[k].nesting >= 0) children.push(k);
    let restStart = i + 1;
    if (tokens[children[0]]?.type === 'paragraph_open') {
      restStart = children[0] + 1;
      while (tokens[restStart - 1].type !== 'paragraph_close' || tokens[restStart - 1].level !== level + 1) restStart++;
    }
    const rest = children.filter((k) => k >= restStart);
    if (!rest.some((k) => tokens[k].type !== 'bullet_list_open' && tokens[k].type !== 'ordered_list_open')) continue;
    insert(restStart, new state.Token('list_rest_open', 'section', 1));
    insert(close, new state.Token('list_rest_close', 'section', -1));
  }
  if (!before.size) return;
  state.tokens = tokens.flatMap((t, i) => [...(before.get(i) ?? []), t]);
}

/**
 * Lists → rows. Native `<ol>/<ul>` lose markers and nesting in WeChat: each item becomes a
 * `<section>` row whose marker is written as text (`1.`, `•`); numbering and start numbers are
 * kept, nesting is shown by indentation.
 */
export const listsTransform: MarkdownTransform = {
  name: 'lists',
  install(md) {
    const open = (ordered: boolean) => mdRule((_t, _i, env) => {
      const role = env.lists.length ? 'sublist' : 'list';
      env.lists.push({ ordered });
      return openTag(env, 'section', role);
    });
    const close = mdRule((_t, _i, env) => {
      env.lists.pop();
      return '</section>';
    });
    md.renderer.rules.bullet_list_open = open(false);
    md.renderer.rules.ordered_list_open = open(true);
    md.renderer.rules.bullet_list_close = close;
    md.renderer.rules.ordered_list_close = close;
    md.renderer.rules.list_item_open = mdRule((tokens, idx, env) => {
      const list = env.lists[env.lists.length - 1];
      hideLeadParagraph(tokens, idx);
      const marker = listMarker(tokens[idx], env.lists.length - 1, list.ordered);
      const styled = env.styles[`${env.container}>list-marker`];
      return `${openTag(env, 'section', 'list-row')}${styled ? `${openTag(env, 'span', 'list-marker')}${marker}</span>` : marker} `;
    });
    md.renderer.rules.list_item_close = () => '</section>';
    md.core.ruler.push('wechat_list_numbers', (state) => {
      numberListItems(state.tokens);
      return true;
    });
    md.core.ruler.push('wechat_list_rest', (state) => {
      markItemRests(state);
      return true;
    });
    md.renderer.rules.list_rest_open = () => `<section style="${REST_STYLE}">`;
    md.renderer.rules.list_rest_close = () => '</section>';
  },
};
