import { describe, expect, it } from 'vitest';
import { countOf, formatCount } from '../../src/core/format.js';

describe('formatCount', () => {
  it.each([0, 7, 999, 1000, 19808, 20000, 123456, 1234567, 1000000, -1234567, 2135852])('writes %d as toLocaleString("en") does', (n) => {
    expect(formatCount(n)).toBe(n.toLocaleString('en'));
  });
});

describe('countOf', () => {
  it('uses the singular for exactly one and the plural otherwise', () => {
    expect(countOf(1, 'footnote')).toBe('1 footnote');
    expect(countOf(0, 'footnote')).toBe('0 footnotes');
    expect(countOf(2, 'top-level node')).toBe('2 top-level nodes');
    expect(countOf(12345, 'character')).toBe('12,345 characters');
    expect(countOf(3, 'entry', 'entries')).toBe('3 entries');
    expect(countOf(1, 'entry', 'entries')).toBe('1 entry');
  });
});
