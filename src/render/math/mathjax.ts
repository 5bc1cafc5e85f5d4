import { createRequire } from 'node:module';

/** A node of MathJax's lite DOM: an element (kind, attributes, children) or a text node (`#text`). */
export interface LiteNode {
  kind: string;
  attributes?: Record<string, string | number>;
  children?: LiteNode[];
  value?: string;
}

/** MathJax's TeX input and SVG output, loaded once. */
export interface MathJaxEngine {
  /** The typeset formula (an `mjx-container` holding the `<svg>`); throws on invalid TeX. */
  convert(tex: string, display: boolean): LiteNode;
  /** A node as MathJax serialises it (what other tools paste). */
  outerHTML(node: LiteNode): string;
}

/** The TeX packages loaded: enough for what papers write, without the cost of all of them. */
export const MATHJAX_PACKAGES = ['base', 'ams', 'boldsymbol', 'mathtools', 'configmacros'] as const;

/** Macros papers use without defining them in the abstract. */
const MACROS = {
  argmax: '\\operatorname*{arg\\,max}',
  argmin: '\\operatorname*{arg\\,min}',
};

let engine: MathJaxEngine | undefined;

/**
 * MathJax (TeX in, SVG out, `fontCache: 'none'`), loaded on first use with a synchronous
 * `require`: a digest without math never loads it, and rendering stays synchronous.
 *
 * @example
 * const node = mathjaxEngine().convert('x^2', false);
 * mathjaxEngine().outerHTML(node).startsWith('<mjx-container') // → true
 */
export function mathjaxEngine(): MathJaxEngine {
  if (engine) return engine;
  const require = createRequire(import.meta.url);
  const { TeX } = require('mathjax-full/js/input/tex.js');
  const { SVG } = require('mathjax-full/js/output/svg.js');
  const { liteAdaptor } = require('mathjax-full/js/adaptors/liteAdaptor.js');
  const { HTMLHandler } = require('mathjax-full/js/handlers/html/HTMLHandler.js');
  for (const file of ['base/BaseConfiguration', 'ams/AmsConfiguration', 'boldsymbol/BoldsymbolConfiguration', 'mathtools/MathtoolsConfiguration', 'configmacros/ConfigMacrosConfiguration']) {
    require(`mathjax-full/js/input/tex/${file}.js`);
  }
  const adaptor = liteAdaptor();
  // A handler of our own rather than MathJax's global registry: nothing leaks into other users of MathJax.
  const handler = new HTMLHandler(adaptor);
  const doc = handler.create('', {
    InputJax: new TeX({
      packages: [...MATHJAX_PACKAGES],
      macros: MACROS,
      // Invalid TeX is an error for the caller to report, not red text in the drawing.
      formatError: (_jax: unknown, err: Error) => {
        throw err;
      },
    }),
    OutputJax: new SVG({ fontCache: 'none' }),
  });
  engine = {
    convert: (tex, display) => doc.convert(tex, { display }) as LiteNode,
    outerHTML: (node) => adaptor.outerHTML(node) as string,
  };
  return engine;
}
