import type { MarkdownIt } from 'markdown-it';

/** One WeChat transformation applied while Markdown is rendered. */
export interface MarkdownTransform {
  /** Stable name, used in docs and tests. */
  name: string;
  /** Installs the renderer rules of this transformation. */
  install(md: MarkdownIt): void;
}
