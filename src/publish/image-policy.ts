import { WECHAT_POLICY } from '../wechat/policy.js';

/**
 * How images are made into what WeChat takes: the policy as data, read by `convert.ts`.
 * Changing a value here changes the conversion id, so the upload cache uploads the new result.
 */
export const IMAGE_POLICY = {
  /** Types read from the bytes that are uploaded as they are (when nothing else needs doing), per target. */
  passThrough: {
    image: WECHAT_POLICY.uploadImageTypes,
    /** Permanent image material: the formats WeChat re-hosts (`jpeg` is the same type as `jpg`). */
    cover: WECHAT_POLICY.imageTypes.filter((t) => t !== 'jpeg'),
  },
  /** Types that are converted: decoded and written as JPEG, or PNG where there is transparency. */
  converted: ['webp', 'avif', 'tiff', 'bmp', 'svg', 'gif', 'jpg', 'png'],
  /** Lossless sources: PNG is tried before JPEG, so a screenshot keeps sharp text when it fits. */
  lossless: ['png', 'gif', 'bmp', 'tiff', 'svg'],
  /** Largest file read or downloaded before conversion (a camera TIFF is 30–60 MB). */
  maxSourceBytes: 60_000_000,
  /** Largest image decoded (width × height): sharp's own default, 16383 × 16383. Larger ones are refused before decoding. */
  maxInputPixels: 16383 * 16383,
  /**
   * Widest body image written when an image is re-encoded: the article column is 677 CSS px on
   * a desktop and ~375 on a phone, shown at up to 3× there. Images that need no re-encoding keep their width.
   */
  maxBodyWidth: 1080,
  /** Widest cover written when one is re-encoded: the feed shows it at 900 × 383 at most. */
  maxCoverWidth: 1800,
  /** An SVG is drawn at this many times its own size (sharper on phones), within the widths above. */
  svgScale: 2,
  /** JPEG qualities tried in turn until the file fits; then the width shrinks. */
  jpegQualities: [88, 80, 72, 64, 56],
  /** Palette PNG qualities tried for transparent images that do not fit as full-colour PNG. */
  paletteQualities: [90, 75],
  /** Each further step scales the width by this much (keeping the last quality)… */
  scaleStep: 0.8,
  /** …down to this width; an image that does not fit even then is refused. */
  minWidth: 240,
  /** Upload limits, in bytes, of each target (media/uploadimg; material/add_material type image). */
  maxBytes: {
    image: WECHAT_POLICY.limits.bodyImageBytes,
    cover: WECHAT_POLICY.limits.coverImageBytes,
  },
} as const;

/**
 * What happens to an animated GIF in the article body, where media/uploadimg takes JPEG and PNG only:
 * - `animate` (default): uploaded as permanent image material (material/add_material, up to
 *   10 MB), whose URL WeChat serves in articles, so it keeps moving. It counts against the
 *   account's library of 100,000 images. One over 10 MB falls back to its first frame, with a warning.
 * - `first-frame`: its first frame, as PNG or JPEG, through media/uploadimg.
 */
export type GifMode = 'animate' | 'first-frame';

/** The GIF modes, for option checking and the CLI's choices. */
export const GIF_MODES: readonly GifMode[] = ['animate', 'first-frame'];

/**
 * When formulas drawn as SVG become images at publish time (see `formulaImages`):
 * - `fit`: only when the article is over the size limit, the heaviest first, until it fits;
 * - `heavy`: every formula whose drawing is over `mathImageChars` characters, then as `fit`;
 * - `all`: every drawn formula;
 * - `never`: none (an article over the limit is refused as it is).
 */
export const MATH_IMAGE_MODES = ['fit', 'heavy', 'all', 'never'] as const;

/** One of `MATH_IMAGE_MODES`. */
export type MathImageMode = (typeof MATH_IMAGE_MODES)[number];
