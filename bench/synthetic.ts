import { readFileSync } from 'node:fs';
import type { DigestInput, DigestItem } from '../dist/index.js';

/** The reference example (examples/arxiv-daily.json). */
export function referenceDigest(): DigestInput {
  return JSON.parse(readFileSync(new URL('../examples/arxiv-daily.json', import.meta.url), 'utf8'));
}

/**
 * A digest of `n` items shaped like the reference post: its nine papers repeated with distinct
 * titles, the first 5/9 numbered, the rest in an unnumbered "further" section.
 */
export function syntheticDigest(n: number): DigestInput {
  const ref = referenceDigest();
  const pool = ref.sections.flatMap((s) => s.items ?? []) as DigestItem[];
  const items = Array.from({ length: n }, (_, i) => {
    const base = pool[i % pool.length];
    return { ...base, title: `${base.title} (${i + 1})`, translatedTitle: `${base.translatedTitle}（${i + 1}）`, url: `${base.url}v${i + 1}` };
  });
  const featured = Math.ceil((n * 5) / 9);
  return {
    ...ref,
    summary: undefined,
    sections: [
      { items: items.slice(0, featured) },
      ...(n > featured ? [{ title: '另外几篇值得关注的论文：', numbered: false, items: items.slice(featured) }] : []),
    ],
  };
}
