import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import { DigestError, renderCover, run, type CliIo, type DigestInput } from '../../src/index.js';
import { coverFonts } from '../../src/cover/fonts.js';
import { COVER_LAYOUT, coverContent, coverCrops, coverText, fitTitle } from '../../src/cover/layout.js';
import { arxivDaily } from '../helpers.js';

const DIGEST: DigestInput = {
  title: '今日论文：能量与优化',
  date: '2026-11-28',
  account: { name: '爱可可AI前沿推介' },
  categories: { LG: '机器学习', CV: '计算机视觉' },
  sections: [{ items: [{ title: 'A', tag: 'LG' }, { title: 'B', tag: 'CV' }] }],
};

async function pixels(png: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** The columns and rows where two covers of the same size differ. */
async function difference(a: Buffer, b: Buffer): Promise<{ left: number; right: number; top: number; bottom: number } | undefined> {
  const [pa, pb] = await Promise.all([pixels(a), pixels(b)]);
  let box: { left: number; right: number; top: number; bottom: number } | undefined;
  for (let y = 0; y < pa.height; y++) {
    for (let x = 0; x < pa.width; x++) {
      const i = (y * pa.width + x) * 3;
      if (pa.data[i] === pb.data[i] && pa.data[i + 1] === pb.data[i + 1] && pa.data[i + 2] === pb.data[i + 2]) continue;
      box = box ? { left: Math.min(box.left, x), right: Math.max(box.right, x), top: Math.min(box.top, y), bottom: Math.max(box.bottom, y) } : { left: x, right: x, top: y, bottom: y };
    }
  }
  return box;
}

const SQUARE_LEFT = Math.ceil((COVER_LAYOUT.width - COVER_LAYOUT.square) / 2);
const SQUARE_RIGHT = Math.floor((COVER_LAYOUT.width + COVER_LAYOUT.square) / 2);

describe('renderCover', () => {
  it('is a 900 × 383 PNG, and the same digest gives the same bytes, in a fresh module graph too', async () => {
    const a = await renderCover(DIGEST, { theme: 'modern' });
    expect(a.width).toBe(900);
    expect(a.height).toBe(383);
    const meta = await sharp(a.png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 900, 383]);
    expect((await renderCover(DIGEST, { theme: 'modern' })).png.equals(a.png)).toBe(true);
    vi.resetModules();
    const fresh = await import('../../src/index.js');
    expect((await fresh.renderCover(DIGEST, { theme: 'modern' })).png.equals(a.png)).toBe(true);
  });

  it('sets the crops: the whole cover for 2.35:1, the centre square for 1:1', () => {
    expect(coverCrops()).toEqual({ pic_crop_235_1: '0_0_1_1', pic_crop_1_1: '0.287222_0_0.712778_1' });
    const [x1, , x2] = coverCrops().pic_crop_1_1.split('_').map(Number);
    expect(Math.round((x2 - x1) * COVER_LAYOUT.width)).toBe(COVER_LAYOUT.square);
    expect(Math.round(x1 * COVER_LAYOUT.width + ((x2 - x1) * COVER_LAYOUT.width) / 2)).toBe(450);
  });

  it.each([
    ['title', { title: '大型语言模型在科学发现中的应用：从自动化假设生成到实验设计与结果解释的全流程综述与展望（第二版）' }],
    ['English title', { title: 'The Weekly Machine Learning Newsletter: Scaling Laws, Reinforcement Learning from Human Feedback and Everything In Between' }],
    ['account', { account: { name: 'Another Account With A Very Long Name Indeed' } }],
    ['subtitle', { subtitle: '本周精选 12 篇论文，覆盖推理、对齐与多模态，以及一个很长很长的副标题' }],
  ])('keeps the %s inside the centre square that the 1:1 crop keeps', async (_what, change) => {
    for (const theme of ['classic', 'academic']) {
      const base = await renderCover(DIGEST, { theme });
      const changed = await renderCover({ ...DIGEST, ...change }, { theme });
      const box = await difference(base.png, changed.png);
      expect(box).toBeDefined();
      expect(box!.left).toBeGreaterThanOrEqual(SQUARE_LEFT);
      expect(box!.right).toBeLessThan(SQUARE_RIGHT);
    }
  });

  it('shows the subtitle’s text, not its Markdown', async () => {
    const marked = await renderCover({ ...DIGEST, subtitle: '本周 **精选** 论文' });
    const plain = await renderCover({ ...DIGEST, subtitle: '本周 精选 论文' });
    expect(marked.png.equals(plain.png)).toBe(true);
  });

  it('a long title leaves the date at the bottom of the square', async () => {
    const long = { ...DIGEST, title: '长'.repeat(200) };
    const withDate = await renderCover(long);
    const withoutDate = await renderCover({ ...long, date: '2026-11-29' });
    const box = await difference(withDate.png, withoutDate.png);
    // The centre's date line at the bottom changes, and the day on the right wing.
    expect(box!.bottom).toBeGreaterThan(COVER_LAYOUT.height - COVER_LAYOUT.padding - 30);
    const centre = await difference(
      await sharp(withDate.png).extract({ left: SQUARE_LEFT, top: 0, width: SQUARE_RIGHT - SQUARE_LEFT, height: 383 }).png().toBuffer(),
      await sharp(withoutDate.png).extract({ left: SQUARE_LEFT, top: 0, width: SQUARE_RIGHT - SQUARE_LEFT, height: 383 }).png().toBuffer(),
    );
    expect(centre!.top).toBeGreaterThan(COVER_LAYOUT.height - COVER_LAYOUT.padding - 30);
  });

  it('is drawn in the theme’s accent, or the accent option; light accents get dark text', async () => {
    const at = async (png: Buffer, x: number, y: number) => {
      const p = await pixels(png);
      return [...p.data.subarray((y * p.width + x) * 3, (y * p.width + x) * 3 + 3)];
    };
    expect(await at((await renderCover(DIGEST, { theme: 'classic' })).png, 4, 4)).toEqual([0x11, 0x66, 0xaa]);
    expect(await at((await renderCover(DIGEST, { theme: 'modern' })).png, 4, 4)).toEqual([0x00, 0x77, 0x66]);
    expect(await at((await renderCover(DIGEST, { theme: 'classic', accent: '#0f766e' })).png, 4, 4)).toEqual([0x0f, 0x76, 0x6e]);
    // Academic is a light page with the accent in the rule.
    expect(await at((await renderCover(DIGEST, { theme: 'academic' })).png, 4, 4)).toEqual([250, 248, 243]);
    const light = await pixels((await renderCover({ ...DIGEST, title: '█████' }, { accent: '#fde68a' })).png);
    // Somewhere in the title the text is dark.
    let darkest = 255;
    for (let x = SQUARE_LEFT; x < SQUARE_RIGHT; x++) for (let y = 100; y < 300; y++) darkest = Math.min(darkest, light.data[(y * light.width + x) * 3]);
    expect(darkest).toBeLessThan(60);
  });

  it('sets CJK and Latin text with the subsets of the font package, never a system font', async () => {
    const fonts = await coverFonts('今日论文 Daily 2026');
    const dir = dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/unicode.json'));
    expect(fonts.length).toBeGreaterThan(2);
    expect(fonts.every((f) => f.data.length < 200_000)).toBe(true);
    expect(fonts.map((f) => f.name)).toContain('wd-cover-latin');
    const names = new Set(fonts.map((f) => f.name));
    for (const name of names) {
      const file = name.replace('wd-cover-', '').replace(/^\[(\d+)\]$/, '$1');
      expect(readFileSync(join(dir, 'files', `noto-sans-sc-${file}-400-normal.woff`)).equals(fonts.find((f) => f.name === name && f.weight === 400)!.data)).toBe(true);
    }
    // A CJK title draws glyphs: the cover differs from one without it, inside the square.
    const box = await difference((await renderCover({ ...DIGEST, title: '机' })).png, (await renderCover({ ...DIGEST, title: '器' })).png);
    expect(box!.right - box!.left).toBeGreaterThan(10);
  });

  it('loads a font for every character it draws: the word under the item count too', async () => {
    const { parseDigest } = await import('../../src/index.js');
    for (const locale of ['zh', 'en'] as const) {
      const content = coverContent(parseDigest({ title: 'Hi', account: { name: '账号' }, categories: { LG: '机器学习' }, sections: [{ items: [{ title: 'A', tag: 'LG' }] }] }), '#16a', 'solid', locale);
      const text = coverText(content);
      expect(text).toContain(content.itemsLabel);
      const fonts = await coverFonts(text);
      const ranges = JSON.parse(readFileSync(join(dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/unicode.json')), 'unicode.json'), 'utf8')) as Record<string, string>;
      const covered = (cp: number) =>
        fonts.some((f) =>
          ranges[f.name.replace('wd-cover-', '')].split(',').some((r) => {
            const [a, b] = r.trim().replace(/^U\+/i, '').split('-').map((h) => parseInt(h, 16));
            return cp >= a && cp <= (b ?? a);
          }),
        );
      expect([...text].filter((ch) => ch.trim() && !covered(ch.codePointAt(0)!))).toEqual([]);
    }
  });

  it('fits the title: the largest size first, cut with … when even the smallest is too big', () => {
    expect(fitTitle('今日论文', 330, 200)).toEqual({ size: 46, lines: 1, text: '今日论文' });
    const long = fitTitle('长'.repeat(300), 330, 200);
    expect(long.size).toBe(22);
    expect(long.text.endsWith('…')).toBe(true);
    expect(long.text.length).toBeLessThan(300);
  });

  it('names a bad accent, theme or digest', async () => {
    await expect(renderCover(DIGEST, { accent: 'blue-ish' })).rejects.toThrow(/^accent: expected a colour such as #0f766e/);
    await expect(renderCover(DIGEST, { theme: 'clasic' })).rejects.toThrow(/did you mean "classic"/);
    await expect(renderCover({ sections: [] } as unknown as DigestInput)).rejects.toBeInstanceOf(DigestError);
  });
});

describe('wechat-digest cover', () => {
  async function cli(argv: string[], cwd: string) {
    let stdout = '';
    let stderr = '';
    const io: CliIo = { stdin: Readable.from([]), stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd, env: {} };
    return { code: await run(argv, io), stdout: () => stdout, stderr: () => stderr };
  }

  it('writes the cover publish would make, and says what it wrote', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wd-cover-'));
    writeFileSync(join(dir, 'digest.json'), JSON.stringify(arxivDaily()));
    const result = await cli(['cover', 'digest.json', '-o', 'cover.png', '--theme', 'newsletter'], dir);
    expect(result.stderr()).toBe('');
    expect(result.code).toBe(0);
    const png = readFileSync(join(dir, 'cover.png'));
    expect(result.stdout()).toBe(`cover.png: 900 × 383 PNG, ${png.length.toLocaleString('en')} bytes; the 1:1 share crop keeps the centre 383 × 383\n`);
    expect(png.equals((await renderCover(arxivDaily(), { theme: 'newsletter' })).png)).toBe(true);
  });

  it('needs -o, and exits 2 for a missing digest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wd-cover-'));
    const noOutput = await cli(['cover', 'digest.json'], dir);
    expect(noOutput.code).toBe(1);
    expect(noOutput.stderr()).toContain("required option '-o, --output <file.png>' not specified");
    const missing = await cli(['cover', 'nope.json', '-o', 'c.png'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr()).toBe('error [E_FILE]: nope.json: cannot read: no such file\n');
  });
});
