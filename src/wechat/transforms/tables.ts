import type { Element } from 'domhandler';
import { closest, inSvg } from '../dom.js';
import { parseStyle, serializeStyle } from '../style.js';
import type { WechatTransform } from './types.js';

/** The box a table scrolls in, sideways, when it is wider than the column. */
export const TABLE_WRAP_STYLE = 'overflow-x:auto';

/** Where each table part may stand; anywhere else a parser moves or splits it. */
const PARENTS: Record<string, string[]> = {
  thead: ['table'], tbody: ['table'], tr: ['table', 'thead', 'tbody'], td: ['tr'], th: ['tr'],
};

const scrolls = (el: Element) => parseStyle(el.attribs.style ?? '').some((d) => (d.prop === 'overflow-x' || d.prop === 'overflow') && /auto|scroll/.test(d.value));

/**
 * Tables scroll sideways instead of squeezing the column: each table not already inside a
 * scrolling box gets one (`<section style="overflow-x:auto">`); a cell's `align` attribute,
 * which WeChat drops, becomes `text-align`; a row or cell out of place becomes a `<section>`.
 *
 * @example
 * import { runWechatTransform } from '../clean.js'
 * runWechatTransform('tables', '<table><tr><td align="right">1</td></tr></table>')
 * // → '<section style="overflow-x:auto"><table><tr><td align="right" style="text-align:right">1</td></tr></table></section>'
 */
export const tablesTransform: WechatTransform = {
  name: 'tables',
  run({ $ }) {
    // Table parts out of place (a row in a row, a cell outside a row) become sections.
    for (const part of $('thead,tbody,tr,td,th').toArray() as Element[]) {
      const parent = part.parent as Element | null;
      if (!parent || !('name' in parent) || !PARENTS[part.name].includes(parent.name)) part.name = 'section';
    }
    for (const cell of $('td[align],th[align]').toArray() as Element[]) {
      const decls = parseStyle(cell.attribs.style ?? '');
      const align = cell.attribs.align.trim().toLowerCase();
      if (/^(left|right|center|justify)$/.test(align) && !decls.some((d) => d.prop === 'text-align')) {
        cell.attribs.style = serializeStyle([...decls, { prop: 'text-align', value: align }]);
      }
    }
    for (const table of $('table').toArray() as Element[]) {
      if (inSvg(table) || (table.parent && closest(table.parent, scrolls))) continue;
      $(table).wrap(`<section style="${TABLE_WRAP_STYLE}"></section>`);
    }
  },
};
