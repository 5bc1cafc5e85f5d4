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

/** One-line captions of the reference example's nine figures, as a daily digest writes them. */
const CAPTIONS = [
  '图1：Lion 与 AdamW 在 ImageNet 上的训练曲线',
  '图2：能量Transformer的结构示意',
  '图3：锐度与泛化差距的相关性',
  '图4：H3 长卷积的硬件高效实现',
  '图5：ELLM 的探索框架',
  '图6：无源域自适应的方法流程',
  '图7：几何 Clifford 代数网络的层结构',
  '图8：3D 感知混合的示例结果',
  '图9：语言模型生成的游戏关卡',
];

/**
 * The reference example with a figure per paper, as published: each image already on WeChat's
 * host with a 120-character URL (what media/uploadimg returns), and a one-line caption.
 */
export function referenceWithFigures(): DigestInput {
  const ref = referenceDigest();
  let n = 0;
  for (const section of ref.sections) {
    for (const item of section.items ?? []) {
      const head = 'http://mmbiz.qpic.cn/mmbiz_png/';
      const id = `Fig${String(n + 1).padStart(2, '0')}`.padEnd(120 - head.length - 2, 'x');
      (item as DigestItem).images = [{ src: `${head}${id}/0`, caption: CAPTIONS[n % CAPTIONS.length] }];
      n++;
    }
  }
  return ref;
}
