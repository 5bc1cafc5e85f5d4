import type { ItemNumber } from '../../digest/numbering.js';
import type { LocaleStrings } from '../../digest/locale.js';
import type { RenderedFields } from '../fields.js';

/** What the article's parts need besides the digest. */
export interface TemplateContext {
  styles: Record<string, string>;
  strings: LocaleStrings;
  labels: LocaleStrings['labels'];
  fields: RenderedFields;
  /** The number shown before each item (by section, then item), or undefined. */
  numbers: (ItemNumber | undefined)[][];
  /** Write the title and the meta line (date · account · author) that WeChat shows above every article. */
  header: boolean;
  /** The longest headline summary built from the items, in characters. */
  summaryMax: number;
}
