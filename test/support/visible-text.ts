// What a reader sees of an HTML fragment, as one line of words: the text a browser shows, list
// markers included, whitespace collapsed. Used to compare our output with reference HTML.
import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

const BLOCKS = new Set(['p', 'div', 'section', 'blockquote', 'pre', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'figure', 'figcaption']);

/**
 * The visible text of an HTML fragment. Native list items get the marker a browser draws
 * (`3.` counting from `start`, `•` for bullets), images show their `alt`; non-breaking spaces
 * count as spaces and every run of whitespace becomes one space.
 */
export function visibleText(html: string): string {
  const $ = load(html, null, false);
  const out: string[] = [];
  walk($, $.root().contents().toArray(), out);
  return out.join('').replace(/[\s\u00a0]+/g, ' ').trim();
}

function walk($: CheerioAPI, nodes: AnyNode[], out: string[]): void {
  for (const node of nodes) {
    if (node.type === 'text') out.push((node as unknown as { data: string }).data);
    if (node.type !== 'tag') continue;
    const el = node as Element;
    const name = el.name.toLowerCase();
    if (name === 'br') { out.push('\n'); continue; }
    if (name === 'img') { out.push(el.attribs.alt ?? ''); continue; }
    const block = BLOCKS.has(name);
    if (block) out.push('\n');
    if (name === 'li') {
      const list = el.parent as Element | null;
      if (list?.name === 'ol') {
        const items = $(list).children('li').toArray();
        out.push(`${Number(list.attribs.start ?? 1) + items.indexOf(el)}. `);
      } else out.push('• ');
    }
    walk($, el.children, out);
    if (block) out.push('\n');
  }
}
