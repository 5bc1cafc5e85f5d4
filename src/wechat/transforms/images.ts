import type { Element } from 'domhandler';
import { WECHAT_POLICY } from '../policy.js';
import { inSvg } from '../dom.js';
import { parseStyle, serializeStyle, type StyleDeclaration } from '../style.js';
import type { WechatTransform } from './types.js';
import { urlAsRead, urlScheme } from '../../core/urls.js';

/** A `width`/`height` attribute as a CSS length, or undefined when it is not one. */
function cssLength(value: string | undefined): string | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(px|%)?\s*$/i.exec(value ?? '');
  return m ? `${m[1]}${m[2] === '%' ? '%' : 'px'}` : undefined;
}

/**
 * Images as WeChat keeps them: one whose source it cannot use (`data:`, `javascript:`, no
 * source) is removed; `width`/`height` attributes move into `style`; every image gets
 * `max-width:100%` (and `height:auto` when its width is set) so it stays within the column.
 *
 * @example
 * import { runWechatTransform } from '../clean.js'
 * runWechatTransform('images', '<img src="https://x/a.png" width="600" height="400">')
 * // → '<img src="https://x/a.png" style="width:600px;max-width:100%;height:auto">'
 */
export const imagesTransform: WechatTransform = {
  name: 'images',
  run({ $ }) {
    for (const img of $('img').toArray() as Element[]) {
      if (inSvg(img)) continue;
      const src = urlAsRead(img.attribs.src ?? '');
      const scheme = urlScheme(src);
      if (!src || (scheme && !(WECHAT_POLICY.protocols.src as readonly string[]).includes(scheme))) {
        $(img).remove();
        continue;
      }
      img.attribs.src = src;
      const decls = parseStyle(img.attribs.style ?? '');
      const has = (prop: string) => decls.some((d) => d.prop === prop);
      const add: StyleDeclaration[] = [];
      const width = cssLength(img.attribs.width);
      const height = cssLength(img.attribs.height);
      if (width && !has('width')) add.push({ prop: 'width', value: width });
      else if (height && !has('height') && !has('width')) add.push({ prop: 'height', value: height });
      if (!has('max-width')) add.push({ prop: 'max-width', value: '100%' });
      if ((width || has('width')) && !has('height')) add.push({ prop: 'height', value: 'auto' });
      delete img.attribs.width;
      delete img.attribs.height;
      img.attribs.style = serializeStyle([...decls, ...add]);
    }
  },
};
