/**
 * How item numbers are written. A style is named by how it writes one: `1、` (the Chinese
 * default), `1.`, `01`, `①`, `一、`, `(1)`, `No.1`.
 */
export const NUMBER_STYLES = ['1、', '1.', '01', '①', '一、', '(1)', 'No.1'] as const;

/** One of `NUMBER_STYLES`. */
export type NumberStyle = (typeof NUMBER_STYLES)[number];

const CIRCLED = '⓪①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚㉛㉜㉝㉞㉟㊱㊲㊳㊴㊵㊶㊷㊸㊹㊺㊻㊼㊽㊾㊿';
const DIGITS = '零一二三四五六七八九';

/**
 * A number in Chinese numerals as a list is numbered: 一, 十, 十一, 二十, 一百零五.
 *
 * @example
 * chineseNumeral(21) // → '二十一'
 * chineseNumeral(105) // → '一百零五'
 */
export function chineseNumeral(n: number): string {
  if (n < 10) return DIGITS[n];
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 10000) {
    const high = Math.floor(n / 100);
    const rest = n % 100;
    const head = high < 10 ? `${DIGITS[high]}百` : `${chineseNumeral(Math.floor(n / 1000))}千${high % 10 ? `${DIGITS[high % 10]}百` : ''}`;
    if (!rest) return head;
    return `${head}${rest < 10 || (high % 10 === 0 && high >= 10) ? '零' : ''}${rest < 20 && rest >= 10 ? `一${chineseNumeral(rest)}` : chineseNumeral(rest)}`;
  }
  return String(n);
}

/**
 * The marker of item number `n` in a style, with what follows it: nothing after a Chinese
 * comma, a space otherwise. Numbers a style cannot write (① past 50, 一、 past 9,999) fall back
 * to digits in the same punctuation.
 *
 * @example
 * numberMarker(3, '1、') // → '3、'
 * numberMarker(3, '01') // → '03 '
 * numberMarker(3, '①') // → '③ '
 * numberMarker(12, '一、') // → '十二、'
 * numberMarker(3, 'No.1') // → 'No.3 '
 */
export function numberMarker(n: number, style: NumberStyle): string {
  switch (style) {
    case '1、': return `${n}、`;
    case '1.': return `${n}. `;
    case '01': return `${String(n).padStart(2, '0')} `;
    case '①': return `${n >= 0 && n < CIRCLED.length ? [...CIRCLED][n] : `(${n})`} `;
    case '一、': return `${chineseNumeral(n)}、`;
    case '(1)': return `(${n}) `;
    case 'No.1': return `No.${n} `;
  }
}

/**
 * The marker of an explicit number written as text (`"01"`, `"A3"`): as written, then a space
 * unless it ends in Chinese punctuation.
 *
 * @example
 * textMarker('01') // → '01 '
 * textMarker('甲、') // → '甲、'
 */
export function textMarker(number: string): string {
  return /[、，。：）】]$/.test(number) ? number : `${number} `;
}
