import { openTag, mdRule } from './env.js';
import type { MarkdownTransform } from './plugin.js';

/** Tables: inside a horizontally scrolling box, every cell styled inline, alignment kept. */
export const tablesTransform: MarkdownTransform = {
  name: 'tables',
  install(md) {
    const rules = md.renderer.rules;
    rules.table_open = mdRule((_t, _i, env) => `${openTag(env, 'section', 'table-wrap')}${openTag(env, 'table', 'table')}`);
    rules.table_close = () => '</table></section>';
    rules.thead_open = () => '<thead>';
    rules.thead_close = () => '</thead>';
    rules.tbody_open = () => '<tbody>';
    rules.tbody_close = () => '</tbody>';
    rules.tr_open = () => '<tr>';
    rules.tr_close = () => '</tr>';
    const cell = (tag: 'th' | 'td') => mdRule((tokens, idx, env) => {
      const align = /text-align:(left|right|center)/.exec(String(tokens[idx].attrGet('style') ?? ''))?.[1];
      return openTag(env, tag, tag, align ? `text-align:${align}` : '');
    });
    rules.th_open = cell('th');
    rules.td_open = cell('td');
    rules.th_close = () => '</th>';
    rules.td_close = () => '</td>';
  },
};
