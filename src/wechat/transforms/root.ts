import type { AnyNode } from 'domhandler';
import { BLANK, isElement, isText } from '../dom.js';
import type { WechatTransform } from './types.js';

/**
 * One root `<section>`: the fragment's top-level nodes are wrapped in one when they are not
 * already a single `<section>`; blank text around it is dropped.
 *
 * @example
 * import { runWechatTransform } from '../clean.js'
 * runWechatTransform('root', '<p>a</p><p>b</p>') // → '<section><p>a</p><p>b</p></section>'
 */
export const rootTransform: WechatTransform = {
  name: 'root',
  run({ $ }) {
    const blank = (n: AnyNode | undefined) => isText(n) && BLANK.test(n.data);
    const rest = $.root().contents().toArray();
    while (blank(rest[0])) $(rest.shift()!).remove();
    while (blank(rest[rest.length - 1])) $(rest.pop()!).remove();
    if (rest.length === 1 && isElement(rest[0]) && rest[0].name === 'section') return;
    const root = $('<section></section>');
    root.append(rest);
    $.root().append(root);
  },
};
