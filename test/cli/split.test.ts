// `render --split`: a digest over the limit written as parts a paste user pastes as articles of one post.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { arxivDaily } from '../helpers.js';
import { runCli } from '../support/cli.js';
import { tempFolders } from '../support/temp.js';

const tempDir = tempFolders('wd-split-');

/** The reference example's papers twice: about 36,000 characters. */
function twice() {
  const digest = arxivDaily();
  const papers = digest.sections[0].items!;
  digest.sections[0].items = [...papers, ...papers.map((p) => ({ ...p, title: `${p.title} (II)`, translatedTitle: `${p.translatedTitle}（二）` }))];
  return digest;
}

describe('render --split', () => {
  it('writes balanced parts that each fit, cut between items, each line naming the title to give it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'big.json'), JSON.stringify(twice()));
    const run = await runCli(['render', 'big.json', '--split', '-o', 'article.html'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['article-1.html', 'article-2.html', 'big.json']);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    // Each title says which numbered papers its part holds: 1 to n, then n + 1 to the last.
    const first = /article-1\.html: [\d,]+ characters \(limit 20,000\), (\d+) items; title "LG – 机器学习 CV – 计算机视觉 CL – 计算与语言 \(1\/2 · 1–(\d+)\)"$/.exec(lines[0]);
    const second = /article-2\.html: [\d,]+ characters \(limit 20,000\), (\d+) items; title ".* \(2\/2 · (\d+)–(\d+)\)"$/.exec(lines[1]);
    expect(first, lines[0]).not.toBeNull();
    expect(second, lines[1]).not.toBeNull();
    expect(Number(first![2])).toBe(Number(first![1]));
    expect(Number(second![2])).toBe(Number(first![2]) + 1);
    // The ten numbered papers (the reference's five, twice); its four unnumbered ones come after them.
    expect(Number(second![3])).toBe(10);
    const sizes = ['article-1.html', 'article-2.html'].map((f) => readFileSync(join(dir, f), 'utf8').length);
    for (const n of sizes) expect(n).toBeLessThan(20_000);
    expect(Math.min(...sizes) / Math.max(...sizes)).toBeGreaterThan(0.6);
  });

  it('writes one file when the article fits, and asks for -o when it does not', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'small.json'), JSON.stringify(arxivDaily()));
    writeFileSync(join(dir, 'big.json'), JSON.stringify(twice()));
    expect((await runCli(['render', 'small.json', '--split', '-o', 'article.html'], { cwd: dir })).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['article.html', 'big.json', 'small.json']);
    const run = await runCli(['render', 'big.json', '--split'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error [E_INVALID_OPTION]: --split writes the parts as files: give -o <file> (they are named <name>-1.html, <name>-2.html…)\n');
  });
});
