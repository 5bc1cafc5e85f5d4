// The pathological inputs of docs/hostile-input.md at the sizes they were first reported at:
// CPU time and outcome of each. `node --expose-gc --import tsx bench/pathological.ts [root]`
// (root: another checkout to measure, default this one; `--quick` stops a case after 20 s).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? fileURLToPath(new URL('..', import.meta.url)));
const LIMIT_S = 120;

const rows = (n: number, row: (i: number) => string, sep = '\n') => Array.from({ length: n }, (_, i) => row(i)).join(sep);
const table = (n: number) => `| a | b | c |\n|---|---|---|\n${rows(n, (i) => `| cell ${i} | some text here | more text ${i} |`)}`;

/** What the reports measured: [name, entry point, input]. */
const CASES: [string, 'render' | 'clean' | 'check', () => string][] = [
  ['24 KB of nested emphasis (12,000 * + x + 12,000 *)', 'render', () => `${'*'.repeat(12_000)}x${'*'.repeat(12_000)}`],
  ['20,000 list items', 'render', () => rows(20_000, (i) => `- item ${i}`)],
  ['40,000 list items', 'render', () => rows(40_000, (i) => `- item ${i}`)],
  ['80,000 list items', 'render', () => rows(80_000, (i) => `- item ${i}`)],
  ['80,000 paragraphs', 'render', () => rows(80_000, (i) => `paragraph ${i}`, '\n\n')],
  ['a 478 KB table (10,000 rows)', 'render', () => table(10_000)],
  ["cleanForWechat('<div>' × 10,000)", 'clean', () => '<div>'.repeat(10_000)],
  ["checkWechat('<b>' × 10,000)", 'check', () => '<b>'.repeat(10_000)],
  ['cleanForWechat: 40,000 links', 'clean', () => `<section>${rows(40_000, (i) => `<a href="https://example.com/${i}">l${i}</a>`, ' ')}</section>`],
  ['cleanForWechat: <pre> of 80,000 lines', 'clean', () => `<pre>${rows(80_000, (i) => `  line ${i}`)}</pre>`],
];

if (process.argv[2] === '--one') {
  const [, , , name] = process.argv;
  const root = process.argv[4];
  const { checkWechat, cleanForWechat, renderDigest, DigestError } = await import(pathToFileURL(resolve(root, 'src/index.ts')).href);
  const [, target, make] = CASES.find(([n]) => n === name)!;
  const input = make();
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.cpuUsage();
  let outcome = 'ok';
  try {
    if (target === 'render') renderDigest({ title: 'P', sections: [{ items: [{ title: 'I', body: input }] }] });
    else if (target === 'clean') cleanForWechat(input);
    else checkWechat(input);
  } catch (error) {
    outcome = error instanceof DigestError ? `DigestError ${(error as { code: string }).code}` : `${(error as Error).name}: ${(error as Error).message.slice(0, 60)}`;
  }
  const used = process.cpuUsage(start);
  process.stdout.write(JSON.stringify({ ms: (used.user + used.system) / 1000, outcome, peakMB: process.memoryUsage().rss / 1e6 }));
} else {
  const limit = process.argv.includes('--quick') ? 20 : LIMIT_S;
  console.log(`pathological inputs, measured in ${ROOT} (CPU time of one run, each case in a process of its own, stopped after ${limit} s)\n`);
  console.log('| input | CPU time | outcome | peak RSS |\n|---|---:|---|---:|');
  for (const [name] of CASES) {
    const r = spawnSync(process.execPath, ['--expose-gc', '--stack-size=984', '--import', 'tsx', fileURLToPath(import.meta.url), '--one', name, ROOT], { cwd: ROOT, encoding: 'utf8', timeout: limit * 1000, maxBuffer: 1 << 20 });
    if (r.error || r.status !== 0) {
      console.log(`| ${name} | > ${limit} s | ${r.error ? 'stopped' : `exit ${r.status}: ${r.stderr.split('\n').find((l) => /Error/.test(l)) ?? ''}`} | |`);
      continue;
    }
    const { ms, outcome, peakMB } = JSON.parse(r.stdout) as { ms: number; outcome: string; peakMB: number };
    console.log(`| ${name} | ${ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`} | ${outcome} | ${Math.round(peakMB)} MB |`);
  }
}
