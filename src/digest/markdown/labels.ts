import { LOCALES, type Locale } from '../locale.js';
import type { Digest } from '../schema.js';
import { plainText } from './syntax.js';

/** The fields of an item that a Markdown digest introduces with a label such as `要点：`. */
export type LabelledField = 'authors' | 'points' | 'oneLiner' | 'credit';

/** The words that introduce each labelled field, in both locales, whatever the digest's locale. */
const BUILTIN: Record<LabelledField, readonly string[]> = {
  authors: ['作者', 'Authors', 'Author'],
  points: [LOCALES.zh.labels.points, LOCALES.en.labels.points],
  oneLiner: [LOCALES.zh.labels.oneLiner, LOCALES.en.labels.oneLiner],
  credit: [LOCALES.zh.labels.credit, LOCALES.en.labels.credit],
};

/** What the digest's `labels` may override for each field. */
const LABEL_KEY = { authors: 'author', points: 'points', oneLiner: 'oneLiner', credit: 'credit' } as const;

/** After a label: the full-width colon, or an ASCII colon. */
const COLONS = ['：', ':'];

/**
 * The labels a Markdown digest recognises: both locales, and the digest's own overrides.
 *
 * @example
 * new FieldLabels({ points: 'Highlights' }).isLabel('points', 'Highlights:') // → true
 */
export class FieldLabels {
  private readonly words: Record<LabelledField, string[]>;

  constructor(overrides: Digest['labels'] = {}) {
    this.words = Object.fromEntries(
      (Object.keys(BUILTIN) as LabelledField[]).map((field) => {
        const own = overrides[LABEL_KEY[field]]?.trim();
        return [field, own ? [own, ...BUILTIN[field]] : [...BUILTIN[field]]];
      }),
    ) as Record<LabelledField, string[]>;
  }

  /**
   * True when `text` is the field's label and a colon, e.g. `要点：` or `Key points:`.
   *
   * @example
   * new FieldLabels().isLabel('points', 'Key points:') // → true
   */
  isLabel(field: LabelledField, text: string): boolean {
    const t = text.trim();
    return this.words[field].some((w) => COLONS.some((c) => t === w + c));
  }

  /**
   * Splits a labelled line or paragraph: `一句话总结：text`, `**一句话总结：**text`, or a first
   * line holding only the label followed by the text. Returns the raw text after the label, or
   * undefined when the source does not start with the field's label.
   *
   * @example
   * new FieldLabels().afterLabel('oneLiner', '一句话总结：\nShort.', {}) // → 'Short.'
   * new FieldLabels().afterLabel('credit', 'Via: @ada', {}) // → '@ada'
   */
  afterLabel(field: LabelledField, source: string, env: Record<string, unknown>): string | undefined {
    const newline = source.indexOf('\n');
    const first = newline < 0 ? source : source.slice(0, newline);
    if (this.isLabel(field, plainText(first, env))) return newline < 0 ? '' : source.slice(newline + 1);
    for (const w of this.words[field]) {
      for (const c of COLONS) {
        for (const label of [w + c, `**${w}${c}**`]) {
          if (source.startsWith(label)) return source.slice(label.length).replace(/^[ \t]+/, '');
        }
      }
    }
    return undefined;
  }
}

/**
 * The label a Markdown digest writes for a field: the digest's override when it reads back as
 * itself, else the locale's word.
 *
 * @example
 * writtenLabel('points', parseDigest({ title: 'D', locale: 'en', sections: [{ title: 'S' }] })) // → 'Key points'
 */
export function writtenLabel(field: LabelledField, digest: Digest): string {
  const locale: Locale = digest.locale ?? 'zh';
  const own = digest.labels?.[LABEL_KEY[field]];
  if (own && own === own.trim() && !/[\n\\`*_[\]<>&~:：]/.test(own) && plainText(own, {}) === own) return own;
  if (field === 'authors') return locale === 'zh' ? '作者' : 'Authors';
  return LOCALES[locale].labels[LABEL_KEY[field]];
}

/**
 * The colon written after a label in the digest's locale.
 *
 * @example
 * writtenColon(parseDigest({ title: 'D', sections: [{ title: 'S' }] })) // → '：'
 */
export function writtenColon(digest: Digest): string {
  return (digest.locale ?? 'zh') === 'zh' ? '：' : ': ';
}
