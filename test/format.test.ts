import { describe, expect, it } from 'vitest';
import { formatCount } from '../src/core/format.js';

describe('formatCount', () => {
  it.each([0, 7, 999, 1000, 19808, 20000, 123456, 1234567, 1000000, -1234567, 2135852])('writes %d as toLocaleString("en") does', (n) => {
    expect(formatCount(n)).toBe(n.toLocaleString('en'));
  });
});
