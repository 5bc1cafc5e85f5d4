import type { Token } from 'markdown-it';
import { addressSuffix, type LinkDecision } from './links.js';
import { listMarker } from './lists.js';

/**
 * The plain text of rendered Markdown tokens, matching the HTML: footnote markers, list
 * markers, code lines, table rows separated by ` | `.
 *
 * @example
 * const tokens = md.parse('- a\n- [b](https://x.org)', env)
 * md.renderer.render(tokens, md.options, env) // rendering decides the links: [b] becomes footnote 1
 * markdownText(tokens) // → '• a\n• b[1]'
 */
export function markdownText(tokens: Token[], locale: 'zh' | 'en' = 'zh'): string {
  // Parts joined once at the end, and the last character kept aside: asking a growing string
  // whether it ends with a newline flattens it every time, which is quadratic in the text.
  const parts: string[] = [];
  let last = '';
  const add = (s: string) => {
    if (!s) return;
    parts.push(s);
    last = s[s.length - 1];
  };
  const lists: boolean[] = [];
  const block = () => {
    if (last && last !== '\n') add('\n');
  };
  for (const t of tokens) {
    switch (t.type) {
      case 'inline':
      case 'figure_image':
        add(inlineText(t.children ?? [], locale));
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        block();
        lists.push(t.type === 'ordered_list_open');
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'list_item_open':
        block();
        add(`${'  '.repeat(lists.length - 1)}${listMarker(t, lists.length - 1, lists[lists.length - 1] ?? false)} `);
        break;
      case 'math_block':
        block();
        add(`${(t.meta as { text?: string } | null)?.text ?? t.content}\n`);
        break;
      case 'fence':
      case 'code_block':
        block();
        add(`${t.content.replace(/\n$/, '')}\n`);
        break;
      case 'th_open':
      case 'td_open':
        if (last && last !== '\n') add(' | ');
        break;
      case 'tr_close':
      case 'table_open':
      case 'html_block_open':
      case 'html_block_close':
      case 'paragraph_close':
      case 'figure_close':
      case 'heading_close':
      case 'hr':
        block();
        break;
      default:
    }
  }
  const text = parts.join('');
  let end = text.length;
  while (end > 0 && text[end - 1] === '\n') end--;
  return text.slice(0, end);
}

function inlineText(children: Token[], locale: 'zh' | 'en'): string {
  let out = '';
  for (const c of children) {
    if (c.type === 'text' || c.type === 'code_inline') out += c.content;
    else if (c.type === 'math_inline' || c.type === 'math_display') out += (c.meta as { text?: string } | null)?.text ?? c.content;
    else if (c.type === 'softbreak') out += ' ';
    else if (c.type === 'hardbreak') out += '\n';
    else if (c.type === 'image') out += c.children?.map((k) => k.content).join('') ?? '';
    else if (c.type === 'link_close') {
      const d = (c.meta as { link?: LinkDecision } | null)?.link;
      if (d?.kind === 'footnote') out += `[${d.n}]`;
      else if (d?.kind === 'inline') out += ` (${d.href})`;
      else if (d?.kind === 'address') out += addressSuffix(d.shown!, locale);
    }
  }
  return out;
}

