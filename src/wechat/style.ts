/** One CSS declaration of a `style` attribute. */
export interface StyleDeclaration {
  /** Lower-cased property name. */
  prop: string;
  /** The value as written, trimmed (`!important` included). */
  value: string;
}

/**
 * Splits a style attribute into declarations, respecting quotes and parentheses.
 *
 * @example
 * parseStyle("font-family:'A;B',serif; color : #333")
 * // → [{ prop: 'font-family', value: "'A;B',serif" }, { prop: 'color', value: '#333' }]
 */
export function parseStyle(style: string): StyleDeclaration[] {
  const decls: StyleDeclaration[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  const push = (end: number) => {
    const part = style.slice(start, end);
    const colon = part.indexOf(':');
    if (colon > 0) decls.push({ prop: part.slice(0, colon).trim().toLowerCase(), value: part.slice(colon + 1).trim() });
  };
  for (let i = 0; i < style.length; i++) {
    const c = style[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ';' && depth === 0) {
      push(i);
      start = i + 1;
    }
  }
  push(style.length);
  return decls;
}

/**
 * Writes declarations back as a compact style attribute value.
 *
 * @example
 * serializeStyle([{ prop: 'color', value: '#333' }, { prop: 'margin', value: '0' }]) // → 'color:#333;margin:0'
 */
export function serializeStyle(decls: readonly StyleDeclaration[]): string {
  return decls.map((d) => `${d.prop}:${d.value}`).join(';');
}
