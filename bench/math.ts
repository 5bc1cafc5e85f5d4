// Math: what the formulas of the corpus (test/fixtures/math/corpus.md) cost in markup against
// MathJax's own SVG, and how fast a digest holding them renders, side by side with
// @wenyan-md/core (a WeChat formatter whose renderer runs MathJax for every formula).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderDigest, type DigestInput } from '../dist/index.js';
import { splitMath } from '../dist/render/math/delimiters.js';
import { renderMath, type MathTier } from '../dist/render/math/render-math.js';
import { digestAsMarkdown } from './plain.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The corpus: one sentence of an abstract per line, each with its formulas. */
export function corpusLines(): string[] {
  return readFileSync(join(ROOT, 'test/fixtures/math/corpus.md'), 'utf8').trim().split('\n');
}

/** Every formula of the corpus with its delimiters read. */
export function corpusFormulas(): { tex: string; display: boolean }[] {
  return corpusLines().flatMap((line) => splitMath(line).flatMap((p) => ('math' in p ? [{ tex: p.math.tex, display: p.math.display }] : [])));
}

/**
 * A digest holding the corpus, shaped like the reference post: five items of nine sentences, the
 * sentences spread over the key points, the one-line summary and the abstract.
 */
export function corpusDigest(): DigestInput {
  const lines = corpusLines();
  const items = Array.from({ length: Math.ceil(lines.length / 9) }, (_, i) => {
    const part = lines.slice(i * 9, i * 9 + 9);
    return { tag: 'LG', title: `Paper ${i + 1}`, translatedTitle: `论文 ${i + 1}`, authors: ['A. Author'], affiliations: ['Lab'], points: part.slice(0, 2), oneLiner: part[2], abstract: part.slice(3).join(' ') };
  });
  return { title: 'LG – 机器学习', date: '2026-12-05', categories: { LG: '机器学习' }, sections: [{ items }] };
}

/**
 * MathJax as a formatter sets it up (all TeX packages, SVG output with `fontCache: 'none'`,
 * the global HTML handler), and the length of what it writes for one formula: the
 * `<mjx-container>` and its `<svg>`, as peers paste it.
 */
function mathjaxDefault(): (tex: string, display: boolean) => number {
  const require = createRequire(import.meta.url);
  const { mathjax } = require('mathjax-full/js/mathjax.js');
  const { TeX } = require('mathjax-full/js/input/tex.js');
  const { SVG } = require('mathjax-full/js/output/svg.js');
  const { liteAdaptor } = require('mathjax-full/js/adaptors/liteAdaptor.js');
  const { RegisterHTMLHandler } = require('mathjax-full/js/handlers/html.js');
  const { AllPackages } = require('mathjax-full/js/input/tex/AllPackages.js');
  const adaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  const doc = mathjax.document('', { InputJax: new TeX({ packages: AllPackages }), OutputJax: new SVG({ fontCache: 'none' }) });
  return (tex, display) => adaptor.outerHTML(doc.convert(tex, { display })).length;
}

export interface MathSize {
  formulas: number;
  tiers: Record<MathTier, number>;
  ours: number;
  mathjax: number;
  /** Per tier: our characters and MathJax's for the same formulas. */
  byTier: Record<MathTier, { ours: number; mathjax: number }>;
}

/** Characters of markup per formula, ours (every tier) against MathJax's default SVG. */
export function mathSize(): MathSize {
  const other = mathjaxDefault();
  const tiers: Record<MathTier, number> = { text: 0, svg: 0, source: 0 };
  const byTier: MathSize['byTier'] = { text: { ours: 0, mathjax: 0 }, svg: { ours: 0, mathjax: 0 }, source: { ours: 0, mathjax: 0 } };
  let ours = 0;
  let mathjax = 0;
  const formulas = corpusFormulas();
  for (const { tex, display } of formulas) {
    const r = renderMath(tex, { display });
    const theirs = other(tex, display);
    tiers[r.tier]++;
    byTier[r.tier].ours += r.html.length;
    byTier[r.tier].mathjax += theirs;
    ours += r.html.length;
    mathjax += theirs;
  }
  return { formulas: formulas.length, tiers, ours, mathjax, byTier };
}

/** @wenyan-md/core, ready to render Markdown with MathJax and the WeChat settings, or why not. */
export async function wenyan(): Promise<((markdown: string) => Promise<string>) | string> {
  try {
    const { createWenyanCore } = await import('@wenyan-md/core');
    const core = await createWenyanCore({ isConvertMathJax: true, isWechat: true });
    const probe = await core.renderMarkdown('$x^2$');
    if (!probe.includes('<svg')) return '@wenyan-md/core rendered no SVG for $x^2$';
    return (markdown) => core.renderMarkdown(markdown);
  } catch (e) {
    return `@wenyan-md/core did not run: ${(e as Error).message}`;
  }
}

/** The corpus digest as Markdown, the way a formatter receives it. */
export function corpusMarkdown(): string {
  return digestAsMarkdown(corpusDigest());
}

/**
 * `wechat-digest render` of the corpus digest from a cold start (MathJax loaded on the way), the
 * median of `runs`.
 */
export function mathColdStartMs(runs: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'wd-bench-math-'));
  const input = join(dir, 'math.json');
  writeFileSync(input, JSON.stringify(corpusDigest()));
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/wechat-digest.js'), 'render', input, '-o', join(dir, 'out.html')]);
    times.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`wechat-digest render failed: ${String(r.stderr)}`);
  }
  rmSync(dir, { recursive: true, force: true });
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** One render of the corpus digest (what the speed comparison times). */
export function renderCorpus(digest: DigestInput): number {
  return renderDigest(digest).stats.math.svg;
}
