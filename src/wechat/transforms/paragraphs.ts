import type { Element } from 'domhandler';
import { descendants, isBlock } from '../dom.js';
import type { WechatTransform } from './types.js';

/**
 * A `<p>` holding a block (a renamed `<div>`, a list turned into rows, a table box) becomes a
 * `<section>`: an HTML parser closes a paragraph where a block starts, so the editor would
 * split it and leave empty paragraphs behind.
 *
 * @example
 * // The tags step renames <center> to <section>, so the <p> holds a block; the root step wraps the rest:
 * cleanForWechat('<p>a<center>b</center></p>') // → '<section><section>a<section>b</section></section></section>'
 */
export const paragraphsTransform: WechatTransform = {
  name: 'paragraphs',
  run({ $ }) {
    for (const p of $('p').toArray() as Element[]) {
      if (descendants(p.children).some(isBlock)) p.name = 'section';
    }
  },
};
