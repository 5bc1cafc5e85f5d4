import type { Sharp, SharpOptions } from 'sharp';
import { DigestError } from '../core/errors.js';
import { formatCount } from '../core/format.js';
import { IMAGE_POLICY, type GifMode } from './image-policy.js';

/** An image as read: its bytes and the type read from them. */
export interface SourceImage {
  /** The image as the digest names it (for messages). */
  source: string;
  bytes: Buffer;
  /** Type read from the bytes: `png`, `jpg`, `gif`, `webp`, `avif`, `heic`, `tiff`, `bmp`, `svg`, … */
  type: string;
  width?: number;
  height?: number;
}

/** Where a prepared image goes: the body-image endpoint, or permanent material (a cover, an animated GIF). */
export type UploadTarget = 'image' | 'material';

/** An image as it will be uploaded. */
export interface PreparedImage {
  bytes: Buffer;
  /** `jpg`, `png`, `gif` or `bmp`. */
  format: string;
  width: number;
  height: number;
  /** Frames of an animated GIF kept as it is. */
  frames?: number;
  target: UploadTarget;
  /** What was done, in words (`WebP → JPEG`, `EXIF orientation applied`, …); empty when the bytes go as they came. */
  changes: string[];
  /** Something the user should know (an animated GIF reduced to its first frame). */
  warning?: string;
}

/** What the image is used as: a body image (media/uploadimg) or the cover (material/add_material). */
export type ConvertKind = 'image' | 'cover';

const NAMES: Record<string, string> = { jpg: 'JPEG', png: 'PNG', gif: 'GIF', webp: 'WebP', avif: 'AVIF', heic: 'HEIC', tiff: 'TIFF', bmp: 'BMP', svg: 'SVG' };

/**
 * The type's name as people write it.
 *
 * @example
 * imageTypeName('webp') // → 'WebP'
 * imageTypeName('jxl') // → 'JXL'
 */
export function imageTypeName(type: string): string {
  return NAMES[type] ?? type.toUpperCase();
}

function problem(source: string, text: string, details: Record<string, unknown> = {}): DigestError {
  return new DigestError('E_IMAGE', `Image "${source}" ${text}.`, { details: { source, ...details } });
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toLocaleString('en', { maximumFractionDigits: 1 })} MB`;
}

type SharpModule = (typeof import('sharp'))['default'];
let sharpModule: Promise<SharpModule> | undefined;

/** sharp, loaded on first use: a run whose images are all in the upload cache never loads it. */
function loadSharp(): Promise<SharpModule> {
  sharpModule ??= import('sharp').then((m) => m.default);
  return sharpModule;
}

/** A decodable input for sharp: the bytes, or (BMP, which sharp cannot read) the decoded pixels. */
type Input = { data: Buffer; options: SharpOptions };

async function decodeBmp(image: SourceImage): Promise<Input> {
  const { decode } = await import('bmp-ts');
  let bmp: { data: Buffer; width: number; height: number };
  try {
    bmp = decode(image.bytes, { toRGBA: true });
  } catch (error) {
    throw problem(image.source, `is a damaged BMP file (${(error as Error).message}): open it in an image editor and save it as PNG`);
  }
  return { data: bmp.data, options: { raw: { width: bmp.width, height: Math.abs(bmp.height), channels: 4 } } };
}

/**
 * Checks what can be told from the header alone: an image with more pixels than are decoded,
 * HEIC, or a type that cannot be converted.
 *
 * @throws DigestError `E_IMAGE` naming the image and the fix.
 * @example
 * assertConvertible({ source: 'scan.png', bytes: Buffer.alloc(0), type: 'png', width: 20000, height: 20000 })
 * // throws: Image "scan.png" is 20,000 × 20,000 pixels (400 megapixels), more than the 268 megapixels this step decodes: …
 */
export function assertConvertible(image: SourceImage): void {
  const { source } = image;
  if (image.width && image.height && image.width * image.height > IMAGE_POLICY.maxInputPixels) {
    throw problem(
      source,
      `is ${formatCount(image.width)} × ${formatCount(image.height)} pixels (${formatCount(Math.round((image.width * image.height) / 1e6))} megapixels), more than the ${formatCount(Math.round(IMAGE_POLICY.maxInputPixels / 1e6))} megapixels this step decodes: scale it down first (an article needs at most ${formatCount(IMAGE_POLICY.maxBodyWidth)} px in width)`,
      { width: image.width, height: image.height },
    );
  }
  if (image.type === 'heic') {
    throw problem(source, 'is HEIC (HEVC-compressed), which the image library cannot decode: export it as JPEG (on an iPhone: Settings → Camera → Formats → Most Compatible; on a Mac: Preview → Export → JPEG)', { type: 'heic' });
  }
  if (!(IMAGE_POLICY.converted as readonly string[]).includes(image.type)) {
    throw problem(source, `is ${imageTypeName(image.type)}, which cannot be converted for WeChat: save it as PNG or JPEG`, { type: image.type });
  }
}

/**
 * Makes an image into what WeChat takes for `kind`, reading the type from the bytes: JPEG and
 * PNG within the limit go as they are; WebP, AVIF, TIFF, BMP, SVG and GIF are converted to
 * JPEG, or PNG where there is transparency; EXIF orientation is applied and metadata dropped;
 * an image over the limit is re-encoded (quality first, then width) until it fits. The result
 * depends only on the bytes, `kind`, `gif` and `IMAGE_POLICY`, so it can be cached.
 *
 * @throws DigestError `E_IMAGE` naming the image: damaged, too many pixels, a type that cannot be decoded.
 * @example
 * import { readFileSync } from 'node:fs'
 * const bytes = readFileSync(`${images}/photo.webp`)
 * const out = await prepareImage({ source: 'photo.webp', bytes, type: 'webp', width: 40, height: 24 }, 'image', 'animate')
 * // out → { format: 'jpg', width: 40, height: 24, target: 'image', changes: ['WebP → JPEG'], bytes: [0xff, 0xd8, …] }
 */
export async function prepareImage(image: SourceImage, kind: ConvertKind, gif: GifMode): Promise<PreparedImage> {
  assertConvertible(image);
  const { source } = image;
  const sharp = await loadSharp();
  const input: Input = image.type === 'bmp' ? await decodeBmp(image) : { data: image.bytes, options: {} };
  const open = (extra: SharpOptions = {}): Sharp => sharp(input.data, { limitInputPixels: IMAGE_POLICY.maxInputPixels, failOn: 'error', ...input.options, ...extra });

  let meta: Awaited<ReturnType<Sharp['metadata']>>;
  let opaque: boolean;
  try {
    meta = await open().metadata();
    opaque = (await open().stats()).isOpaque;
  } catch (error) {
    throw decodeProblem(image, error);
  }
  const frames = meta.pages ?? 1;
  const maxBytes = IMAGE_POLICY.maxBytes[kind];
  const changes: string[] = [];
  let warning: string | undefined;

  if (image.type === 'gif' && frames > 1) {
    const materialFits = image.bytes.length <= IMAGE_POLICY.maxBytes.cover;
    if (materialFits && (kind === 'cover' || gif === 'animate')) {
      return { bytes: image.bytes, format: 'gif', width: meta.width, height: meta.pageHeight ?? meta.height, frames, target: 'material', changes: kind === 'image' ? ['animated: uploaded as image material'] : [] };
    }
    changes.push(`first frame of ${frames}`);
    if (gif === 'animate' || kind === 'cover') {
      warning = `is an animated GIF of ${megabytes(image.bytes.length)}, over the ${megabytes(IMAGE_POLICY.maxBytes.cover)} WeChat keeps animated: its first frame is used; make the GIF smaller (fewer frames or colours) to keep it moving`;
    }
  }

  const orientation = meta.orientation ?? 1;
  const hasMetadata = Boolean(meta.exif || meta.xmp || meta.iptc);
  const asIs =
    (IMAGE_POLICY.passThrough[kind] as readonly string[]).includes(image.type) &&
    frames === 1 &&
    orientation === 1 &&
    !hasMetadata &&
    meta.space !== 'cmyk' &&
    image.bytes.length <= maxBytes;
  if (asIs) return { bytes: image.bytes, format: image.type, width: meta.width, height: meta.height, target: kind === 'cover' ? 'material' : 'image', changes: [] };

  if (orientation !== 1) changes.push(`EXIF orientation ${orientation} applied`);
  if (hasMetadata) changes.push('metadata removed');
  if (meta.space === 'cmyk') changes.push('CMYK → sRGB');

  // The size as shown (after orientation), and the SVG drawing scale.
  const turned = orientation >= 5;
  const shownWidth = turned ? meta.height : meta.width;
  const cap = kind === 'image' ? IMAGE_POLICY.maxBodyWidth : IMAGE_POLICY.maxCoverWidth;
  let density: number | undefined;
  let baseWidth = shownWidth;
  if (image.type === 'svg') {
    const scale = Math.min(IMAGE_POLICY.svgScale, cap / meta.width);
    density = Math.round(72 * scale * 1000) / 1000;
    baseWidth = Math.round(meta.width * scale);
  }
  const startWidth = Math.min(baseWidth, cap);
  const lossless = (IMAGE_POLICY.lossless as readonly string[]).includes(image.type);

  for (const step of ladder(opaque, lossless, startWidth)) {
    let pipeline = open(density ? { density } : {}).autoOrient();
    if (step.width < baseWidth) pipeline = pipeline.resize({ width: step.width });
    pipeline = step.format === 'png'
      ? pipeline.png({ compressionLevel: 9, ...(step.quality ? { palette: true, quality: step.quality } : {}) })
      : pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: step.quality!, mozjpeg: true });
    let out: { data: Buffer; info: { width: number; height: number } };
    try {
      out = await pipeline.toBuffer({ resolveWithObject: true });
    } catch (error) {
      throw decodeProblem(image, error);
    }
    if (out.data.length > maxBytes) continue;
    const format = step.format;
    if (format !== image.type) changes.unshift(`${imageTypeName(image.type)} → ${imageTypeName(format)}`);
    if (image.bytes.length > maxBytes) changes.push(`over ${megabytes(maxBytes)}: ${step.quality ? `quality ${step.quality}` : 'recompressed'}`);
    if (out.info.width < shownWidth && image.type !== 'svg') changes.push(`scaled to ${formatCount(out.info.width)} px wide`);
    if (image.type === 'svg') changes.push(`drawn at ${formatCount(out.info.width)} px wide`);
    if (!changes.length) changes.push('re-encoded');
    return { bytes: out.data, format, width: out.info.width, height: out.info.height, target: kind === 'cover' ? 'material' : 'image', changes, ...(warning ? { warning } : {}) };
  }
  throw problem(source, `cannot be made smaller than ${megabytes(maxBytes)} even at ${IMAGE_POLICY.minWidth} px wide: crop it, or save it with fewer colours`, { bytes: image.bytes.length });
}

interface Step {
  format: 'jpg' | 'png';
  /** JPEG quality, or the palette quality of a PNG (absent: full-colour PNG). */
  quality?: number;
  width: number;
}

/**
 * The encodings tried in turn: full-colour PNG first for lossless sources and transparency,
 * then lower qualities, then narrower widths.
 */
function* ladder(opaque: boolean, lossless: boolean, startWidth: number): Generator<Step> {
  const widths = [startWidth];
  for (let w = Math.round(startWidth * IMAGE_POLICY.scaleStep); w >= IMAGE_POLICY.minWidth; w = Math.round(w * IMAGE_POLICY.scaleStep)) widths.push(w);
  if (!opaque) {
    yield { format: 'png', width: startWidth };
    for (const quality of IMAGE_POLICY.paletteQualities) yield { format: 'png', quality, width: startWidth };
    for (const width of widths.slice(1)) yield { format: 'png', quality: IMAGE_POLICY.paletteQualities.at(-1), width };
    return;
  }
  if (lossless) yield { format: 'png', width: startWidth };
  for (const quality of IMAGE_POLICY.jpegQualities) yield { format: 'jpg', quality, width: startWidth };
  for (const width of widths.slice(1)) yield { format: 'jpg', quality: IMAGE_POLICY.jpegQualities.at(-1), width };
}

function decodeProblem(image: SourceImage, error: unknown): DigestError {
  const reason = error instanceof Error ? error.message.split('\n')[0].replace(/^Input buffer /, '').trim() : String(error);
  if (/pixel limit/i.test(reason)) {
    return problem(image.source, `has more than the ${formatCount(Math.round(IMAGE_POLICY.maxInputPixels / 1e6))} megapixels this step decodes: scale it down first`);
  }
  return problem(image.source, `cannot be decoded as ${imageTypeName(image.type)}: the file is damaged or incomplete (${reason}); export it again as PNG or JPEG`, { type: image.type });
}
