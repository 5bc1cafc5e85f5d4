// `npm run bench`: render speed and output size of wechat-digest, side by side with the plain
// pipeline (markdown-it + juice over the whole document). Prints a table and writes bench/results.md.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listThemes, renderDigest, type DigestInput } from '../dist/index.js';
import { corpusDigest, mathColdStartMs, mathSize, mathSpeed } from './math.js';
import { referenceDigest, referenceWithFigures, syntheticDigest } from './synthetic.js';
import { cliColdStartOf, codeMarkup, peersPipeline, twentyBlocks } from './highlight.js';
import { medianMs } from './timing.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const quick = process.argv.includes('--quick');
const SIZES: [string, DigestInput][] = [
  ['reference (9)', referenceDigest()],
  ['10 items', syntheticDigest(10)],
  ['100 items', syntheticDigest(100)],
  ['1,000 items', syntheticDigest(1000)],
];

interface Row {
  theme: string;
  input: string;
  items: number;
  oursMs: number;
  plainMs: number;
  perItemUs: number;
  characters: number;
  overhead: number;
  oursPeakMB: number;
  plainPeakMB: number;
}

/** A render speed figure measured alone in a fresh process (`bench/speed.ts`). */
function speedOf(pipeline: 'ours' | 'plain', size: string, theme: string): number {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(ROOT, 'bench/speed.ts'), pipeline, size, theme, ...(quick ? ['--quick'] : [])], { cwd: ROOT });
  return (JSON.parse(String(out)) as { median: number }).median;
}

function peakMB(pipeline: 'ours' | 'plain', size: string, theme: string): number {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(ROOT, 'bench/memory.ts'), pipeline, size, theme], { cwd: ROOT });
  return JSON.parse(String(out)).peakBytes / 1024 / 1024;
}

// Sizes of the reference example per theme, without and with a figure per paper: what the draft
// API counts (no timing, so measured first). `--sizes` prints them and stops.
const LIMIT = 20_000;
const sizeRows = listThemes().map(({ id }) => {
  const plainStats = renderDigest(referenceDigest(), { theme: id }).stats;
  const figures = renderDigest(referenceWithFigures(), { theme: id }).stats;
  return { id, plain: plainStats.characters, figures: figures.characters, size: plainStats.size };
});
const sizeTable = [
  '| theme | reference example | with a figure per paper | text | markup | images |',
  '|---|--:|--:|--:|--:|--:|',
  ...sizeRows.map((r) => `| ${r.id} | ${r.plain.toLocaleString('en')} | ${r.figures.toLocaleString('en')} | ${r.size.text.toLocaleString('en')} | ${r.size.markup.toLocaleString('en')} | ${r.size.images.toLocaleString('en')} |`),
].join('\n');
if (process.argv.includes('--sizes')) {
  process.stdout.write(`${sizeTable}\n`);
  process.exit(0);
}

// The command-line start is measured first, on a quiet process, before the heavy runs.
const cold = cliColdStartOf(ROOT, referenceDigest(), quick ? 3 : 21);
const coldCode = cliColdStartOf(ROOT, twentyBlocks(), quick ? 3 : 11);
const mathCold = mathColdStartMs(quick ? 3 : 9);

// Each speed figure is measured in a fresh process (bench/speed.ts), its code paths warmed there first.
const rows: Row[] = [];
for (const { id } of listThemes()) {
  for (const [label, digest] of SIZES) {
    const items = digest.sections.reduce((n, s) => n + (s.items?.length ?? 0), 0);
    const result = renderDigest(digest, { theme: id });
    const sizeArg = label.startsWith('reference') ? 'ref' : String(items);
    const oursMs = speedOf('ours', sizeArg, id);
    const plainMs = speedOf('plain', sizeArg, id);
    rows.push({
      theme: id,
      input: label,
      items,
      oursMs,
      plainMs,
      perItemUs: (oursMs * 1000) / items,
      characters: result.stats.characters,
      overhead: (result.html.length - result.text.length) / result.text.length,
      oursPeakMB: quick ? NaN : peakMB('ours', sizeArg, id),
      plainPeakMB: quick ? NaN : peakMB('plain', sizeArg, id),
    });
    process.stderr.write(`  ${id.padEnd(10)} ${label.padEnd(14)} ours ${oursMs.toFixed(2)} ms, plain ${plainMs.toFixed(2)} ms\n`);
  }
}
// Scale: the same renderer at 2,000 items (over the API limit, so the result carries a
// content-too-long finding), to show the time stays linear in the size of the digest.
const scale: { items: number; ms: number }[] = [];
for (const items of [500, 1000, 2000]) scale.push({ items, ms: speedOf('ours', String(items), 'classic') });

// Highlighted code: markup over the corpus, and a digest with 20 code blocks against the peers' pipeline.
const markup = codeMarkup();
const twenty = twentyBlocks();
const classicCss = readFileSync(join(ROOT, 'styles/classic.css'), 'utf8');
// Measured in this process: a 20-block digest leaves little behind.
const codeOursMs = await medianMs(() => renderDigest(twenty), false, quick);
const codePeersMs = await medianMs(() => peersPipeline(twenty, classicCss), false, quick);
// Math: markup per formula against MathJax's default SVG, and the corpus digest side by side with
// @wenyan-md/core, each side in its own process. Each render starts from the digest alone:
// neither side keeps formulas from one render to the next.
const size = mathSize();
const mathDigest = corpusDigest();
const speed = mathSpeed(quick ? 1 : 3, quick ? 100 : 1000, quick ? 50 : 300);
const oursMathMs = speed.ours;
const peerMs = speed.wenyan;
const mathStats = renderDigest(mathDigest).stats;
// The same digest with one formula MathJax draws: what a drawing costs, shown beside the target.
const bracketedDigest = corpusDigest({ bracketed: true });
const bracketed = mathSpeed(quick ? 1 : 3, quick ? 100 : 1000, quick ? 50 : 300, bracketedDigest);
const bracketedStats = renderDigest(bracketedDigest).stats;
process.stderr.write(`  math: ours ${oursMathMs.toFixed(2)} ms, @wenyan-md/core ${speed.skipped ?? `${peerMs.toFixed(2)} ms`}; one formula drawn: ours ${bracketed.ours.toFixed(2)} ms\n`);

const fmt = (n: number, d = 2) => (Number.isNaN(n) ? '–' : n.toFixed(d));
const table = [
  '| theme | input | wechat-digest (median ms) | plain pipeline (median ms) | speed-up | µs per item | peak MB ours / plain | html characters | markup overhead |',
  '|---|---|--:|--:|--:|--:|--:|--:|--:|',
  ...rows.map((r) => `| ${r.theme} | ${r.input} | ${fmt(r.oursMs)} | ${fmt(r.plainMs)} | ${fmt(r.plainMs / r.oursMs, 1)}× | ${fmt(r.perItemUs, 0)} | ${fmt(r.oursPeakMB, 1)} / ${fmt(r.plainPeakMB, 1)} | ${r.characters.toLocaleString('en')} | ${fmt(r.overhead * 100, 1)}% |`),
].join('\n');

const at = (theme: string, input: string) => rows.find((r) => r.theme === theme && r.input === input)!;
const minRatio = Math.min(...rows.map((r) => r.plainMs / r.oursMs));
const scaling = Math.max(...listThemes().map(({ id }) => at(id, '1,000 items').perItemUs / at(id, '100 items').perItemUs));
const refOverhead = at('classic', 'reference (9)').overhead;
const refChars = at('classic', 'reference (9)').characters;
const check = (ok: boolean) => (ok ? 'met' : 'MISSED');
const targets = [
  `| at least 2× faster than the plain pipeline at every size and theme | slowest ratio ${fmt(minRatio, 1)}× | ${check(minRatio >= 2)} |`,
  `| time per item at 1,000 items within 1.5× of that at 100 items | worst ${fmt(scaling, 2)}× | ${check(scaling <= 1.5)} |`,
  `| classic markup overhead on the reference example ≤ 30% | ${fmt(refOverhead * 100, 1)}% | ${check(refOverhead <= 0.3)} |`,
  `| classic reference example within 20,000 characters | ${refChars.toLocaleString('en')} | ${check(refChars <= 20000)} |`,
  ...sizeRows.map((r) => `| ${r.id}: the reference example under 20,000 characters | ${r.plain.toLocaleString('en')} | ${check(r.plain < LIMIT)} |`),
  `| classic: the reference example with a figure per paper (120-character URLs, a caption each) under 20,000 characters | ${sizeRows.find((r) => r.id === 'classic')!.figures.toLocaleString('en')} | ${check(sizeRows.find((r) => r.id === 'classic')!.figures < LIMIT)} |`,
  `| \`wechat-digest render\` of the example from a cold start ≤ 400 ms (median of ${quick ? 3 : 21}) | ${fmt(cold, 0)} ms | ${check(cold <= 400)} |`,
  `| highlighted code: markup over the corpus ≤ 2.0× the same code unhighlighted | ${fmt(markup.ours / markup.oursPlain)}× | ${check(markup.ours / markup.oursPlain <= 2)} |`,
  `| a digest with 20 code blocks renders ≥ 2× faster than markdown-it + highlight.js + juice | ${fmt(codePeersMs / codeOursMs, 1)}× | ${check(codePeersMs / codeOursMs >= 2)} |`,
  `| math corpus: markup at most 25% of MathJax's default SVG (\`fontCache: 'none'\`) | ${fmt((size.ours / size.mathjax) * 100, 1)}% | ${check(size.ours <= size.mathjax * 0.25)} |`,
  `| corpus digest (${size.formulas} formulas) at least 10× faster than @wenyan-md/core | ${fmt(peerMs / oursMathMs, 1)}× | ${check(peerMs / oursMathMs >= 10)} |`,
].join('\n');
const pct = (a: number, b: number) => `${fmt((a / b) * 100, 1)}%`;
const mathTable = [
  '| tier | formulas | wechat-digest characters | MathJax default characters | ratio |',
  '|---|--:|--:|--:|--:|',
  ...(['text', 'svg', 'source'] as const).filter((t) => size.tiers[t]).map((t) => `| ${t} | ${size.tiers[t]} | ${size.byTier[t].ours.toLocaleString('en')} | ${size.byTier[t].mathjax.toLocaleString('en')} | ${pct(size.byTier[t].ours, size.byTier[t].mathjax)} |`),
  `| all | ${size.formulas} | ${size.ours.toLocaleString('en')} | ${size.mathjax.toLocaleString('en')} | ${pct(size.ours, size.mathjax)} |`,
].join('\n');
const speedTable = [
  '| input | wechat-digest (median CPU ms per render) | @wenyan-md/core (median CPU ms per render) | speed-up |',
  '|---|--:|--:|--:|',
  `| corpus digest: ${mathDigest.sections[0].items!.length} items, ${size.formulas} formulas (${mathStats.math.text} text, ${mathStats.math.svg} SVG), ${mathStats.characters.toLocaleString('en')} characters | ${fmt(oursMathMs)} | ${fmt(peerMs)} | ${fmt(peerMs / oursMathMs, 1)}× |`,
  `| the same, its matrix in square brackets (${bracketedStats.math.text} text, ${bracketedStats.math.svg} SVG), ${bracketedStats.characters.toLocaleString('en')} characters | ${fmt(bracketed.ours)} | ${fmt(bracketed.wenyan)} | ${fmt(bracketed.wenyan / bracketed.ours, 1)}× |`,
].join('\n');

function wenyanVersion(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules/@wenyan-md/core/package.json'), 'utf8')) as { version: string };
  return `${pkg.version}`;
}

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${osType()} ${release()}, Node.js ${process.version}`;
const scaleTable = [
  '| items | median ms | µs per item |',
  '|--:|--:|--:|',
  ...scale.map((r) => `| ${r.items.toLocaleString('en')} | ${fmt(r.ms)} | ${fmt((r.ms * 1000) / r.items, 0)} |`),
].join('\n');

const report = `# Benchmark results

Measured by \`npm run bench\` on ${machine}${quick ? ' (quick run: few iterations, no memory figures)' : ''}.

- **wechat-digest**: \`renderDigest\` with everything included: validation, Markdown fields, templates, the WeChat transformations and the \`checkWechat\` pass over its own output. The theme is compiled once and reused, as in a long-running script.
- **plain pipeline**: what Markdown formatters do: the same content as one Markdown document, markdown-it over the whole document, then juice over the whole document with the same theme CSS. It does none of the WeChat work (no footnotes, no safe lists or code, no check).
- Times are medians of warm runs (tinybench), each figure measured in a fresh process of its own (\`bench/speed.ts\`): a 1,000-item render leaves a grown heap behind, and a 100-item render measured after it in the same process took about 22 ms instead of 12. Peak MB is the growth of the peak resident set of a fresh process rendering the input once. Markup overhead is (html characters − text characters) / text characters.

${table}

## Sizes of the reference example

What the draft API counts against its 20,000 characters: \`examples/arxiv-daily.json\` in each theme,
and the same with a figure per paper as published (a 120-character \`mmbiz.qpic.cn\` URL and a
one-line caption each). Text, markup and images are the breakdown of \`stats.size\` without figures.

${sizeTable}

## Scale (classic)

Large digests, far over the API's limit (the render reports \`content-too-long\`), to show how the
time grows with the size of the digest: the last column is the time per item.

${scaleTable}

## Highlighted code

- **Markup**: the code blocks of the ${markup.snippets} snippets in \`test/fixtures/highlight\` (one per language), classic theme. The peers' way: highlight.js's HTML with its GitHub theme CSS inlined by juice (classes kept, as juice leaves them).

| | highlighted | unhighlighted | ratio |
|---|--:|--:|--:|
| wechat-digest | ${markup.ours.toLocaleString('en')} | ${markup.oursPlain.toLocaleString('en')} | ${fmt(markup.ours / markup.oursPlain)}× |
| highlight.js + GitHub CSS + juice | ${markup.peers.toLocaleString('en')} | ${markup.peersPlain.toLocaleString('en')} | ${fmt(markup.peers / markup.peersPlain)}× |

- **Speed**: a digest of 20 items, each with a paragraph and a code block (languages of the corpus in turn). wechat-digest: \`renderDigest\` (classic); peers: the same content as one Markdown document, markdown-it with highlight.js as its \`highlight\` option, then juice with the classic CSS and the GitHub CSS.

| | median ms |
|---|--:|
| wechat-digest | ${fmt(codeOursMs)} |
| markdown-it + highlight.js + juice | ${fmt(codePeersMs)} |
| speed-up | ${fmt(codePeersMs / codeOursMs, 1)}× |

- **Start**: \`wechat-digest render\` from a cold start: the example (no code: highlight.js is not loaded) ${fmt(cold, 0)} ms; the 20-block digest (highlight.js and its languages loaded on first use) ${fmt(coldCode, 0)} ms.
## Math

The corpus: ${size.formulas} formulas as arXiv abstracts write them (\`test/fixtures/math/corpus.md\`).
Characters of markup per formula: ours is the HTML each formula becomes (the text tier's
\`<i>\`/\`<sub>\`/\`<sup>\` and characters, a small matrix's rows and columns of text, or the
compact \`<svg>\`); MathJax's is its \`<mjx-container>\`
and \`<svg>\` with all TeX packages and \`fontCache: 'none'\`, as peers paste it.

${mathTable}

Speed: \`renderDigest\` of the corpus digest against \`renderMarkdown\` of @wenyan-md/core
${speed.skipped ? `(not measured: ${speed.skipped})` : `${wenyanVersion()}`} over the same content as one Markdown document (\`digestAsMarkdown\`),
with MathJax and the WeChat settings on. Theirs stops at HTML with MathJax's SVG: no theme is
applied (that needs jsdom, which their package does not install), so it is the cheaper half of
their work. Ours is the whole render: validation, themes, the WeChat passes and the check. Each
render starts from the digest: no formula cache on either side (wechat-digest keeps none, not
even inside one render; what it keeps for the life of the process is the engine, as MathJax
does, and each glyph outline of MathJax's font, read once). Each side runs alone in a fresh
process (\`bench/math-speed.js\`), the two taken in turn ${quick ? 'once' : 'three times'}; the time is the process's CPU time
per render (the median of ${quick ? 50 : 300} renders for ours, ${quick ? 5 : 30} for theirs, then the median over the rounds), which other work on a busy
machine does not inflate as it does the wall clock. Both are warm: MathJax's code runs several
times slower for its first hundred conversions, so ours is warmed with ${quick ? 100 : 1000} renders and theirs with ${quick ? 10 : 100}
(${quick ? 460 : '4,600'} conversions). The second row writes the corpus's rotation matrix in
square brackets, which the text tier leaves to MathJax: the same digest with one formula drawn, to
show what a drawing costs.

${speedTable}

\`wechat-digest render\` of the corpus digest from a cold start (MathJax loaded on the way): ${fmt(mathCold, 0)} ms.

## Targets

| target | measured | |
|---|--:|---|
${targets}
`;
writeFileSync(join(ROOT, 'bench/results.md'), report);
process.stdout.write(`${report}\n`);
