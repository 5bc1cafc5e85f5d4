// Peak memory of one render, measured in a fresh process: `node --import tsx bench/memory.ts <ours|plain> <n|ref> <theme>`.
import { readFileSync } from 'node:fs';
import { renderDigest } from '../dist/index.js';
import { digestAsMarkdown, plainPipeline } from './plain.js';
import { referenceDigest, syntheticDigest } from './synthetic.js';

const [pipeline, size, theme] = process.argv.slice(2);
const digest = size === 'ref' ? referenceDigest() : syntheticDigest(Number(size));
const css = readFileSync(new URL(`../styles/${theme}.css`, import.meta.url), 'utf8');
const markdown = digestAsMarkdown(digest);
// Warm the code paths on a small input so the measurement is the render, not module loading.
if (pipeline === 'ours') renderDigest(syntheticDigest(1), { theme });
else plainPipeline(digestAsMarkdown(syntheticDigest(1)), css);
global.gc?.();
const before = process.memoryUsage().rss;
const baseline = process.resourceUsage().maxRSS * 1024;
if (pipeline === 'ours') renderDigest(digest, { theme });
else plainPipeline(markdown, css);
const peak = process.resourceUsage().maxRSS * 1024;
process.stdout.write(JSON.stringify({ peakBytes: Math.max(0, peak - Math.max(baseline, before)) }));
