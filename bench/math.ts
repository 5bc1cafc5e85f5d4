// Math: what the formulas of the corpus (test/fixtures/math/corpus.md) cost in markup against
// MathJax's own SVG, and how fast a digest holding them renders, side by side with
// @wenyan-md/core (a WeChat formatter whose renderer runs MathJax for every formula).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DigestInput } from '../dist/index.js';
import { splitMath } from '../dist/render/math/delimiters.js';
import { renderMath, type MathTier } from '../dist/render/math/render-math.js';
import { cliColdStartOf } from './highlight.js';
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
 * sentences spread over the key points, the one-line summary and the abstract. `bracketed`
 * writes the corpus's matrix in square brackets, which the text tier leaves to MathJax: the
 * same digest with one formula drawn.
 */
export function corpusDigest(options: { bracketed?: boolean } = {}): DigestInput {
  const lines = options.bracketed ? corpusLines().map((l) => l.replace(/\{pmatrix\}/g, '{bmatrix}')) : corpusLines();
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

/** A digest as Markdown, the way a formatter receives it. */
export function corpusMarkdown(digest: DigestInput = corpusDigest()): string {
  return digestAsMarkdown(digest);
}

/**
 * `wechat-digest render` of the corpus digest from a cold start (MathJax loaded on the way), the
 * median of `runs`.
 */
export function mathColdStartMs(runs: number): number {
  return cliColdStartOf(ROOT, corpusDigest(), runs);
}

/** The math speed comparison: each side's median CPU time per render, or why a side did not run. */
export interface MathSpeed {
  ours: number;
  wenyan: number;
  /** Why @wenyan-md/core was not measured, when it was not. */
  skipped?: string;
}

/**
 * A digest (the corpus digest unless given) rendered by wechat-digest (`renderDigest`) and by
 * @wenyan-md/core (`renderMarkdown` of the same content as Markdown), each side in its own fresh
 * process (`bench/math-speed.js`), the processes taken in turn `rounds` times; the result is the
 * median of each side's medians. Both sides are warm first: MathJax's code runs several times
 * slower for its first hundred conversions, so ours is warmed with `warm` renders (few or no
 * drawn formulas each) and theirs with a tenth of that (every formula drawn, 46 per render).
 */
export function mathSpeed(rounds: number, warm: number, runs: number, digest: DigestInput = corpusDigest()): MathSpeed {
  const dir = mkdtempSync(join(tmpdir(), 'wd-bench-math-'));
  const digestFile = join(dir, 'corpus.json');
  const markdownFile = join(dir, 'corpus.md');
  writeFileSync(digestFile, JSON.stringify(digest));
  writeFileSync(markdownFile, corpusMarkdown(digest));
  const side = (name: 'ours' | 'wenyan', input: string, w: number, n: number): number | string => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bench/math-speed.js'), name, input, String(w), String(n)], { cwd: ROOT });
    if (r.status !== 0) return String(r.stderr).trim().split('\n')[0] || `exit ${r.status}`;
    return (JSON.parse(String(r.stdout)) as { median: number }).median;
  };
  const ours: number[] = [];
  const theirs: number[] = [];
  let skipped: string | undefined;
  try {
    for (let i = 0; i < rounds; i++) {
      const a = side('ours', digestFile, warm, runs);
      if (typeof a === 'string') throw new Error(`wechat-digest did not render the corpus: ${a}`);
      ours.push(a);
      if (skipped) continue;
      const b = side('wenyan', markdownFile, Math.ceil(warm / 10), Math.ceil(runs / 10));
      if (typeof b === 'string') skipped = `@wenyan-md/core did not run: ${b}`;
      else theirs.push(b);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const mid = (xs: number[]) => (xs.length ? [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)] : NaN);
  return { ours: mid(ours), wenyan: mid(theirs), skipped };
}
