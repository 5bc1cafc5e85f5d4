/**
 * Images for the publish tests, made here with sharp rather than committed: WebP with and
 * without transparency, AVIF, TIFF, BMP, a JPEG turned by its EXIF orientation, a 3 MB PNG, an
 * animated GIF, an SVG, a damaged PNG and a 20,000 × 20,000 PNG (small on disk, too many pixels).
 */
import { deflateSync } from 'node:zlib';
import { encode as encodeBmp } from 'bmp-ts';
import sharp from 'sharp';
import { chunk, noisePng } from '../fixtures/images/png.js';

/** A PNG of `width` × `height`, one bit per pixel, all black: a few KB whatever its size. */
export function hugeBlankPng(width: number, height: number): Buffer {
  const row = Buffer.alloc(1 + Math.ceil(width / 8));
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([1, 0, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** Left half red, right half blue: after a turn, where the colours are tells the orientation. */
function halves(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#cc0000' } })
    .composite([{ input: { create: { width: width / 2, height, channels: 3, background: '#0000cc' } }, left: width / 2, top: 0 }])
    .png()
    .toBuffer();
}

/** Every test image, by file name. */
export async function testImages(): Promise<Record<string, Buffer>> {
  const opaque = await halves(80, 48);
  const withAlpha = await sharp({ create: { width: 64, height: 40, channels: 4, background: { r: 15, g: 118, b: 110, alpha: 0.5 } } }).png().toBuffer();
  const frame = (background: string) => sharp({ create: { width: 30, height: 20, channels: 3, background } }).png().toBuffer();
  const frames = await Promise.all(['#d00', '#0d0', '#00d'].map(frame));
  const bmpPixels = await sharp(opaque).ensureAlpha().raw().toBuffer();
  // bmp-ts takes ABGR.
  const abgr = Buffer.alloc(bmpPixels.length);
  for (let i = 0; i < bmpPixels.length; i += 4) abgr.set([bmpPixels[i + 3], bmpPixels[i + 2], bmpPixels[i + 1], bmpPixels[i]], i);
  const png = await sharp(opaque).png().toBuffer();
  return {
    'opaque.webp': await sharp(opaque).webp({ quality: 80 }).toBuffer(),
    'alpha.webp': await sharp(withAlpha).webp({ quality: 80 }).toBuffer(),
    'photo.avif': await sharp(opaque).avif().toBuffer(),
    'scan.tiff': await sharp(opaque).tiff().toBuffer(),
    'old.bmp': encodeBmp({ data: abgr, width: 80, height: 48, bitPP: 24 }).data,
    // Stored 80 × 48, shown 48 × 80: orientation 6 turns it clockwise.
    'turned.jpg': await sharp(opaque).jpeg({ quality: 90 }).withMetadata({ orientation: 6 }).toBuffer(),
    'big.png': noisePng(3_000_000),
    'moving.gif': await sharp(frames, { join: { animated: true } }).gif({ delay: [100, 100, 100], loop: 0 }).toBuffer(),
    'drawing.svg': Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60"><circle cx="30" cy="30" r="25" fill="#0f766e"/></svg>\n'),
    'damaged.png': png.subarray(0, Math.floor(png.length * 0.6)),
    'huge.png': hugeBlankPng(20_000, 20_000),
  };
}
