// The reader's dark-mode model (src/wechat/reader/): how the WeChat reader recolours text and
// backgrounds, checked against values worked out by hand. The preview page runs the same model.
import { describe, expect, it } from 'vitest';
import { createReaderDarkmode, type Rgba } from '../../src/index.js';

describe('createReaderDarkmode: the reader recolouring', () => {
  const dm = createReaderDarkmode();
  const text = (c: string, bg?: string) => dm.format(dm.text(dm.parse(c)!, bg ? dm.parse(bg)! : undefined));
  const background = (c: string) => dm.format(dm.background(dm.parse(c)!));

  it('uses the reader defaults: #191919 page, #a3a3a3 text', () => {
    expect(dm.defaults.darkBackground).toEqual([25, 25, 25, 1]);
    expect(dm.defaults.darkText).toEqual([163, 163, 163, 1]);
    expect(dm.defaults.lightText).toEqual([25, 25, 25, 1]);
  });

  it('parses the colour syntaxes an inline style serialises to', () => {
    const cases: [string, Rgba | null][] = [
      ['#abc', [170, 187, 204, 1]],
      ['#26b', [34, 102, 187, 1]],
      ['#0f766e', [15, 118, 110, 1]],
      ['#00000080', [0, 0, 0, 128 / 255]],
      ['rgb(1, 2, 3)', [1, 2, 3, 1]],
      ['rgba(255, 255, 255, 0.6)', [255, 255, 255, 0.6]],
      ['rgb(10% 20% 100% / 50%)', [25.5, 51, 255, 0.5]],
      ['red', null],
      ['#12345', null],
    ];
    for (const [css, rgba] of cases) expect(dm.parse(css), css).toEqual(rgba);
    expect(dm.format([1.4, 2.6, 300, 1])).toBe('rgb(1, 3, 255)');
    expect(dm.format([0, 0, 0, 0.5])).toBe('rgba(0, 0, 0, 0.5)');
    expect(dm.brightness([255, 255, 255, 1])).toBe(255);
  });

  it('lifts dark text to the default dark text and keeps readable colours', () => {
    // #333 and pure black: grey, lightness flipped to 90 - L, then capped at #a3a3a3's brightness.
    expect(text('#333')).toBe('rgb(163, 163, 163)');
    expect(text('#000')).toBe('rgb(163, 163, 163)');
    // #888 (brightness 136) is already 65 or more above #191919 and not brighter than #a3a3a3.
    expect(text('#888')).toBe('rgb(136, 136, 136)');
    // Near-white text is left as the author chose it.
    expect(text('#fff')).toBe('rgb(255, 255, 255)');
    // Pure red (brightness 76) is too close to the page: raised to brightness 90, hue kept.
    expect(text('#f00')).toBe('rgb(255, 23, 0)');
    // #26b: brightness 91.4, 66.4 above the page: kept.
    expect(text('#26b')).toBe('rgb(34, 102, 187)');
  });

  it('inverts white and grey backgrounds, dims other light ones, lifts very dark ones', () => {
    expect(background('#fff')).toBe('rgb(25, 25, 25)');
    expect(background('#f5f5f5')).toBe('rgb(35, 35, 35)');
    // A light tint is not grey: dimmed to perceived brightness 190, hue kept.
    expect(background('#f4f6f8')).toBe('rgb(189, 190, 192)');
    expect(background('#000')).toBe('rgb(56, 56, 56)');
    // A mid colour stays.
    expect(background('#26b')).toBe('rgb(34, 102, 187)');
  });

  it('judges text against the background it sits on', () => {
    // Dark text on the dimmed light tint is readable there and is kept.
    expect(text('#333', 'rgb(189, 190, 192)')).toBe('rgb(51, 51, 51)');
    // Light grey text on it is too close: its lightness 80% becomes 90 - 80 = 10%.
    expect(text('#ccc', 'rgb(189, 190, 192)')).toBe('rgb(26, 26, 26)');
  });
});
