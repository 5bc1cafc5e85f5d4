import type { Token } from 'markdown-it';
import { openTag, type MarkdownEnv, mdRule } from './env.js';
import type { MarkdownTransform } from './plugin.js';

/** Bullets by nesting depth. */
export const BULLETS = ['•', '◦', '▪'];

/** The marker written for a list item: its number for ordered lists, a bullet by depth otherwise. */
export function listMarker(token: Token, depth: number, ordered: boolean): string {
  return ordered ? `${token.info}${token.markup}` : BULLETS[depth % BULLETS.length];
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
      return `${openTag(env, 'section', 'list-row')}${openTag(env, 'span', 'list-marker')}${marker}</span> `;
    });
    md.renderer.rules.list_item_close = () => '</section>';
  },
};
