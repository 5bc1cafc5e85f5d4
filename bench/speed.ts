// One render speed figure, measured alone in a fresh process:
// `node --expose-gc --import tsx bench/speed.ts <ours|plain> <n|ref> <theme> [--quick]` prints
// `{"median": ms}`. A process per figure keeps the heap one measurement leaves behind (a
// 1,000-item render grows it for a long while) from slowing the next one down.
import { readFileSync } from 'node:fs';
import { renderDigest } from '../dist/index.js';
import { digestAsMarkdown, plainPipeline } from './plain.js';
import { referenceDigest, syntheticDigest } from './synthetic.js';
import { medianMs } from './timing.js';

const [pipeline, size, theme] = process.argv.slice(2);
const quick = process.argv.includes('--quick');
if (!['ours', 'plain'].includes(pipeline) || !size || !theme) {
  process.stderr.write('usage: node --expose-gc --import tsx bench/speed.ts ours|plain <n|ref> <theme> [--quick]\n');
  process.exit(2);
}
const digest = size === 'ref' ? referenceDigest() : syntheticDigest(Number(size));
const items = digest.sections.reduce((n, s) => n + (s.items?.length ?? 0), 0);
const css = readFileSync(new URL(`../styles/${theme}.css`, import.meta.url), 'utf8');
/** The pipeline measured, over one digest. */
const pipelineOf = (d: typeof digest): (() => unknown) => {
  const markdown = digestAsMarkdown(d);
  return pipeline === 'ours' ? () => renderDigest(d, { theme }) : () => plainPipeline(markdown, css);
};
const render = pipelineOf(digest);
// Every code path warm before the timed runs, on the reference example: the JIT's work is not the render's.
const warm = pipelineOf(referenceDigest());
for (let i = 0; i < 20; i++) warm();
process.stdout.write(JSON.stringify({ median: await medianMs(render, items >= 1000, quick) }));
