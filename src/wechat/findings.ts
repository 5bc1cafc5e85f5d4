/** One thing the checker (or the theme compiler) found. */
export interface Finding {
  /** Stable rule id, e.g. `external-link`; documented in the README. */
  rule: string;
  /** `error`: WeChat will break or refuse it. `warning`: it may look wrong or be truncated. */
  severity: 'error' | 'warning';
  /** What is wrong and how to fix it. */
  message: string;
  /** The offending markup or value, shortened. */
  excerpt: string;
  /** Where it comes from when that is not the article itself, e.g. the custom theme file `brand.css`. */
  source?: string;
  /** The digest field it comes from, when it comes from one, e.g. `sections[1].items[0].tag`. */
  path?: string;
}
