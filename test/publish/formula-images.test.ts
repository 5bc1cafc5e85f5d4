import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DigestError, publishDraft, renderDigest, type DigestInput } from '../../src/index.js';
import { formulaImages, type FormulaImageJob } from '../../src/publish/formula-images.js';
import { rasteriseFormula } from '../../src/publish/formula-raster.js';
import type { UploadRecord } from '../../src/publish/progress.js';
import { checkContentSize } from '../../src/wechat/check.js';
import { arxivDaily } from '../helpers.js';
import { FakeWechat } from '../support/fake-wechat.js';

const APP_ID = 'wx5a7c0d1e2f3a4b5c';
const APP_SECRET = 'f3b9c2d1e0a47f6b8c5d2e1f0a9b8c7d';

/** Matrices in square brackets, which the text tier leaves to the drawing: 2×2 up to 4×4, different entries. */
function matrix(n: number, seed: number): string {
  const rows = Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => `\\alpha_{${seed}${r}${c}}`).join(' & '));
  return `\\begin{bmatrix} ${rows.join(' \\\\ ')} \\end{bmatrix}`;
}

/** The first five papers of the reference example, with a drawn matrix in the key points of the first `count`. */
function withMatrices(count: number, size = 3): DigestInput {
  const digest = arxivDaily();
  digest.sections = [{ ...digest.sections[0], items: digest.sections.flatMap((s) => s.items ?? []).slice(0, 5) }];
  const items = digest.sections[0].items!;
  items.forEach((item, i) => i < count && (item.points = [...(item.points ?? []), `旋转矩阵 $${matrix(size + (i % 2), i)}$ 保持范数`, ...(i + 5 < count ? [`以及 $${matrix(size, i + 5)}$`] : [])]));
  return digest;
}

const fits = (html: string) => checkContentSize(html).length === 0;

function fakeUpload(): { upload: FormulaImageJob['upload']; files: { source: string; bytes: number }[] } {
  const files: { source: string; bytes: number }[] = [];
  return {
    files,
    upload: async (file) => {
      files.push({ source: file.source, bytes: file.bytes.length });
      return { kind: 'image', source: file.source, status: 'uploaded', url: `https://mmbiz.qpic.cn/mmbiz_png/formula${files.length}/0?wx_fmt=png` } satisfies UploadRecord;
    },
  };
}

describe('rasteriseFormula', () => {
  it('draws the formula opaque, in the text colour on the background, at 3 px per CSS px of its size in ex', async () => {
    const { formulas } = renderDigest({ title: 'T', sections: [{ items: [{ title: 'A', points: [`$${matrix(2, 1)}$`] }] }] });
    expect(formulas).toHaveLength(1);
    const image = await rasteriseFormula(formulas[0].svg, { color: '#1a5fb4', background: '#f5f5f5' });
    const style = /style="width:([\d.]+)ex;height:([\d.]+)ex;vertical-align:(-?[\d.]+)ex"/.exec(formulas[0].svg)!;
    // 8 px per ex (the policy's x-height), 3 image pixels per CSS pixel.
    expect(image.width).toBe(Math.round(Number(style[1]) * 24));
    expect(image.height).toBe(Math.round(Number(style[2]) * 24));
    expect([image.widthEx, image.depthEx]).toEqual([Number(style[1]), -Number(style[3])]);
    const { data, info } = await sharp(image.png).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([image.width, image.height, 4]);
    const counts = new Map<string, number>();
    for (let i = 0; i < data.length; i += 4) {
      const key = [data[i], data[i + 1], data[i + 2], data[i + 3]].join(',');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const pixels = image.width * image.height;
    // Opaque everywhere; mostly background; the ink is the text colour (anti-aliased edges between the two).
    expect([...counts.keys()].every((k) => k.endsWith(',255'))).toBe(true);
    expect(counts.get('245,245,245,255')! / pixels).toBeGreaterThan(0.6);
    expect(counts.get('26,95,180,255')! / pixels).toBeGreaterThan(0.03);
  });

  it('falls back to dark text on white for colours it cannot use, and refuses what is not a drawn formula', async () => {
    const { formulas } = renderDigest({ title: 'T', sections: [{ items: [{ title: 'A', points: [`$${matrix(2, 2)}$`] }] }] });
    const image = await rasteriseFormula(formulas[0].svg, { color: 'var(--x)', background: 'url(x.png)' });
    const { data } = await sharp(image.png).raw().toBuffer({ resolveWithObject: true });
    expect([...data.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
    await expect(rasteriseFormula('<svg viewBox="0 0 1 1"></svg>', { color: '#333', background: '#fff' })).rejects.toThrow(/width, height and vertical-align in ex/);
  });
});

describe('formulaImages', () => {
  it('fit: leaves an article that fits alone, and makes the heaviest formulas images, one at a time, until it fits', async () => {
    const small = renderDigest(withMatrices(1, 2));
    expect(fits(small.html)).toBe(true);
    const none = fakeUpload();
    const untouched = await formulaImages({ html: small.html, formulas: small.formulas, mode: 'fit', minChars: 3000, fits, upload: none.upload });
    expect(untouched.records).toEqual([]);
    expect(untouched.replace(small.html)).toBe(small.html);

    const big = renderDigest(withMatrices(6, 2));
    expect(big.formulas).toHaveLength(6);
    expect(fits(big.html)).toBe(false);
    const up = fakeUpload();
    const made = await formulaImages({ html: big.html, formulas: big.formulas, mode: 'fit', minChars: 3000, fits, upload: up.upload });
    const html = made.replace(big.html);
    expect(fits(html)).toBe(true);
    const taken = made.records.length;
    expect(taken).toBeGreaterThan(0);
    expect(taken).toBeLessThan(6);
    // Heaviest first: every formula taken is at least as heavy as every formula left drawn.
    const sizeOf = (source: string) => big.formulas.find((f) => source === `(formula ${f.tex.trim().replace(/\s+/g, ' ')})`)!.svg.length;
    const takenSizes = made.records.map((r) => sizeOf(r.source));
    const left = big.formulas.filter((f) => html.includes(f.svg)).map((f) => f.svg.length);
    expect(left).toHaveLength(6 - taken);
    expect(Math.min(...takenSizes)).toBeGreaterThanOrEqual(Math.max(...left));
    // One fewer would not have fitted: it took only what it needed.
    const oneFewer = big.formulas.filter((f) => !html.includes(f.svg)).sort((a, b) => a.svg.length - b.svg.length)[0];
    let withoutLast = html;
    const lastImg = new RegExp(`<img[^>]*alt="${oneFewer.tex.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/&/g, '&amp;')}"[^>]*>`);
    withoutLast = withoutLast.replace(lastImg, oneFewer.svg);
    expect(withoutLast).not.toBe(html);
    expect(fits(withoutLast)).toBe(false);
  });

  it('all, heavy and never choose as they say; each image has the TeX as alt and the drawing\u2019s size and baseline', async () => {
    const r = renderDigest(withMatrices(4, 2));
    const sizes = r.formulas.map((f) => f.svg.length);
    // The article fits whatever is chosen: only the mode decides.
    const job = (mode: FormulaImageJob['mode'], minChars = 3000) => ({ html: r.html, formulas: r.formulas, mode, minChars, fits: () => true, upload: fakeUpload().upload });
    expect((await formulaImages(job('never'))).records).toEqual([]);
    const all = await formulaImages(job('all'));
    expect(all.records).toHaveLength(4);
    const html = all.replace(r.html);
    expect(html).not.toContain('<svg');
    const threshold = [...sizes].sort((a, b) => a - b)[2];
    const heavy = await formulaImages(job('heavy', threshold));
    expect(heavy.records).toHaveLength(sizes.filter((s) => s >= threshold).length);
    for (const f of r.formulas) {
      const style = /style="width:([\d.]+)ex;height:[\d.]+ex;vertical-align:(-?[\d.]+)ex"/.exec(f.svg)!;
      const alt = f.tex.trim().replace(/&/g, '&amp;');
      expect(html).toContain(`alt="${alt}" style="width:${style[1]}ex;vertical-align:${style[2]}ex">`);
    }
  });

  it('draws each formula in the colours around it: modern\u2019s abstract grey on the white page', async () => {
    const digest = arxivDaily();
    const item = digest.sections[0].items![0];
    item.abstract = `${item.abstract} 其中 $${matrix(2, 7)}$ 为旋转。`;
    const r = renderDigest(digest, { theme: 'modern' });
    const seen: Buffer[] = [];
    await formulaImages({ html: r.html, formulas: r.formulas, mode: 'all', minChars: 3000, fits, upload: async (file) => (seen.push(file.bytes), { kind: 'image', source: file.source, status: 'uploaded', url: 'https://mmbiz.qpic.cn/x' }) });
    // The colours the formula sits in, read from the output by eye: modern's abstract is #555 on no box of its own (white page).
    const around = /<section style="([^"]*)">(?:(?!<\/section>).)*<svg/.exec(r.html)![1];
    expect(around).toContain('color:#555');
    const { data } = await sharp(seen[0]).raw().toBuffer({ resolveWithObject: true });
    const colours = new Set<string>();
    for (let i = 0; i < data.length; i += 4) colours.add([data[i], data[i + 1], data[i + 2]].join(','));
    expect(colours.has('255,255,255')).toBe(true);
    expect(colours.has('85,85,85')).toBe(true);
  });
});

describe('publishDraft with formulas over the limit', () => {
  let server: FakeWechat;
  let cacheDir: string;
  beforeEach(async () => {
    server = await new FakeWechat({ appId: APP_ID, appSecret: APP_SECRET }).start();
    cacheDir = mkdtempSync(join(tmpdir(), 'wd-formulas-'));
  });
  afterEach(async () => server.close());
  const options = (extra: object = {}) => ({ appId: APP_ID, appSecret: APP_SECRET, apiBase: server.url, cacheDir, verify: false, ...extra });

  it('makes as many formulas images as the article needs (default), uploads them once, and a rerun uploads nothing again', async () => {
    const digest = withMatrices(6, 2);
    const result = await publishDraft(digest, options());
    const formulaRecords = result.uploads.filter((u) => u.source.startsWith('(formula '));
    expect(formulaRecords.length).toBeGreaterThan(0);
    expect(formulaRecords.every((u) => u.status === 'uploaded' && u.endpoint === 'media/uploadimg' && u.format === 'png')).toBe(true);
    // The cover stays the last record.
    expect(result.uploads.at(-1)!.kind).toBe('cover');
    const content = String(server.drafts[0].articles[0].content);
    expect(content.length).toBeLessThanOrEqual(20_000);
    for (const u of formulaRecords) expect(content).toContain(`<img src="${u.url}" alt="`);
    const uploadsBefore = server.uploads.length;
    expect(server.uploads.filter((u) => u.endpoint === 'media/uploadimg' && u.format === 'png')).toHaveLength(formulaRecords.length);

    const again = await publishDraft(digest, options());
    expect(server.uploads).toHaveLength(uploadsBefore);
    expect(again.uploads.filter((u) => u.source.startsWith('(formula ')).map((u) => u.status)).toEqual(formulaRecords.map(() => 'cached'));
    expect(String(server.drafts.at(-1)!.articles[0].content)).toBe(content);
  });

  it('with mathImages "never", an article over the limit is refused as before; a bad mode names the option', async () => {
    const error = await publishDraft(withMatrices(6, 2), options({ mathImages: 'never' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DigestError);
    expect((error as DigestError).code).toBe('E_CONTENT_LIMIT');
    expect(server.drafts).toHaveLength(0);
    const bad = await publishDraft(withMatrices(1), options({ mathImages: 'images' as never })).catch((e: unknown) => e);
    expect((bad as DigestError).code).toBe('E_INVALID_OPTION');
    expect((bad as Error).message).toContain('mathImages');
    expect((bad as Error).message).toContain('"fit", "heavy", "all", "never"');
  });

  it('a dry run draws the images and shows placeholders, sending nothing', async () => {
    const result = await publishDraft(withMatrices(6, 2), { dryRun: true, cacheDir, mathImages: 'all' });
    const formulaRecords = result.uploads.filter((u) => u.source.startsWith('(formula '));
    expect(formulaRecords).toHaveLength(6);
    expect(formulaRecords.every((u) => u.status === 'pending' && u.url!.startsWith('http://mmbiz.qpic.cn/mmbiz_png/DRYRUN'))).toBe(true);
    expect(result.articles[0].content).not.toContain('<svg');
    expect(server.requests).toHaveLength(0);
  });
});
