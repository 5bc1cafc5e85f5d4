/**
 * A whole number with thousands separators, as `toLocaleString('en')` writes it, without
 * starting the Intl locale data: that costs a short-lived command about 25 ms, more than the
 * render it reports on.
 *
 * @example
 * formatCount(19717)   // → '19,717'
 * formatCount(-1234567) // → '-1,234,567'
 */
export function formatCount(n: number): string {
  const digits = String(Math.abs(Math.trunc(n)));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? `-${out}` : out;
}

/**
 * A count with its noun, singular for one: `1 footnote`, `2 footnotes`, `19,717 characters`.
 *
 * @param n - The count.
 * @param noun - The singular noun.
 * @param plural - The plural when it is not the noun plus "s".
 * @example
 * countOf(1, 'footnote')          // → '1 footnote'
 * countOf(0, 'footnote')          // → '0 footnotes'
 * countOf(2, 'entry', 'entries')  // → '2 entries'
 */
export function countOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${formatCount(n)} ${n === 1 ? noun : plural}`;
}
