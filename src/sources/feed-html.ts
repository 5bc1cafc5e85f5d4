import { DomUtils, parseDocument } from 'htmlparser2';
import type TurndownService from 'turndown';

/** Elements of feed HTML that carry no article content: dropped with what they hold. */
const DROPPED = ['script', 'style', 'noscript', 'iframe', 'object', 'embed', 'form', 'input', 'button', 'select', 'textarea', 'svg', 'canvas', 'audio', 'video', 'template', 'head', 'meta', 'link'] as const;

/**
 * An address of feed HTML made absolute against the item's link; undefined for anything but
 * http(s) (javascript:, data:, mailto:, fragments).
 *
 * @example
 * absoluteUrl('/img/a.png', 'https://blog.example/posts/1') // → 'https://blog.example/img/a.png'
 * absoluteUrl('javascript:alert(1)', 'https://blog.example/') // → undefined
 */
export function absoluteUrl(href: string | null | undefined, base: string | undefined): string | undefined {
  if (!href || href.trim().startsWith('#')) return undefined;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** TeX spans: `$$…$$`, `$…$`, `\(…\)`, `\[…\]`. */
const MATH = /(\$\$[\s\S]+?\$\$|\$[^$\n]+?\$|\\\([\s\S]+?\\\)|\\\[[\s\S]+?\\\])/;

/** The rows of a simple table (no merged cells), header first; none when it cannot be a Markdown table. */
function tableRows(table: Node): HTMLElement[] {
  // The DOM of turndown (domino) has neither iterable node lists nor closest().
  const owner = (row: Node) => {
    let n = row.parentNode;
    while (n && n.nodeName !== 'TABLE') n = n.parentNode;
    return n;
  };
  const rows = Array.from((table as HTMLElement).getElementsByTagName('tr')).filter((row) => owner(row) === table);
  const merged = rows.some((row) => cellsOf(row).some((cell) => Number(cell.getAttribute('colspan') ?? 1) > 1 || Number(cell.getAttribute('rowspan') ?? 1) > 1));
  return merged ? [] : rows;
}

function cellsOf(row: HTMLElement): HTMLElement[] {
  return Array.from(row.childNodes).filter((c): c is HTMLElement => c.nodeName === 'TD' || c.nodeName === 'TH');
}

/** A link destination as Markdown reads it: in angle brackets when it holds parentheses. */
function destination(url: string): string {
  return /[()]/.test(url) ? `<${url.replace(/[<>]/g, encodeURIComponent)}>` : url;
}

let service: Promise<TurndownService> | undefined;
let currentBase: string | undefined;

async function turndown(): Promise<TurndownService> {
  service ??= import('turndown').then(({ default: Turndown }) => {
    const td = new Turndown({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', emDelimiter: '*', strongDelimiter: '**', hr: '---' });
    td.remove((node) => (DROPPED as readonly string[]).includes(node.nodeName.toLowerCase()));
    // TeX in the text stays as written, for the math rendering: turndown's escaping only outside it.
    const escape = td.escape.bind(td);
    td.escape = (text: string) => text.split(MATH).map((part, i) => (i % 2 === 1 ? part : escape(part))).join('');
    td.addRule('tables', {
      filter: (node) => node.nodeName === 'TABLE' && tableRows(node).length > 0,
      replacement: (_content, node) => {
        const rows = tableRows(node).map((row) => cellsOf(row).map((cell) => td.turndown(cell.innerHTML).replace(/\s*\n+\s*/g, ' ').replace(/\|/g, '\\|').trim()));
        const width = Math.max(...rows.map((r) => r.length));
        const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
        return `\n\n${[line(rows[0]), line(Array(width).fill('---')), ...rows.slice(1).map(line)].join('\n')}\n\n`;
      },
    });
    td.addRule('absoluteImages', {
      filter: 'img',
      replacement: (_content, node) => {
        const element = node as HTMLElement;
        const src = absoluteUrl(element.getAttribute('src'), currentBase);
        if (!src) return '';
        const alt = (element.getAttribute('alt') ?? '').replace(/[\[\]\\]/g, '\\$&').replace(/\s+/g, ' ');
        return `![${alt}](${destination(src)})`;
      },
    });
    td.addRule('absoluteLinks', {
      filter: (node) => node.nodeName === 'A' && node.getAttribute('href') !== null,
      replacement: (content, node) => {
        const href = absoluteUrl((node as HTMLElement).getAttribute('href'), currentBase);
        if (!href || !content.trim()) return content;
        return `[${content}](${destination(href)})`;
      },
    });
    return td;
  });
  return service;
}

/**
 * Feed HTML as Markdown (with turndown): headings, emphasis, lists, quotes, code, simple tables
 * and TeX kept; links and images made absolute against `base`; scripts, frames, forms and media
 * players dropped with their content, as are links and images that are not http(s).
 *
 * @example
 * await feedHtmlToMarkdown('<p>Read <a href="/a">this</a> <b>now</b><script>x()</script></p><img src="b.png" alt="B">', 'https://blog.example/p/1')
 * // → 'Read [this](https://blog.example/a) **now**\n\n![B](https://blog.example/p/b.png)'
 */
export async function feedHtmlToMarkdown(html: string, base: string | undefined): Promise<string> {
  const td = await turndown();
  currentBase = base;
  try {
    return td.turndown(html).trim();
  } finally {
    currentBase = undefined;
  }
}

/**
 * The text of an HTML fragment (a feed title written as HTML), whitespace collapsed.
 *
 * @example
 * htmlText('A <b>bold</b> &amp; true\n title') // → 'A bold & true title'
 */
export function htmlText(html: string): string {
  return DomUtils.textContent(parseDocument(html, { decodeEntities: true }).children).replace(/\s+/g, ' ').trim();
}
