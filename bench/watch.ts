// `npx tsx bench/watch.ts [chokidar-folder]`: how soon a save is seen, by the preview's watcher
// (fs.watch on the file's folder) and, when a folder holding chokidar is given, by chokidar.
// Saves are made both ways editors make them: written in place, and written to a temporary file
// renamed over the old one. Prints a table; nothing leaves the machine.
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchFiles } from '../src/cli/watch.js';

const SAVES = 30;
type Start = (file: string, onChange: () => void) => Promise<() => void>;

async function measure(name: string, start: Start, how: 'in place' | 'rename'): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'wd-watch-'));
  const file = join(dir, 'digest.md');
  writeFileSync(file, 'v0');
  let resolveSeen: () => void = () => {};
  const t0 = performance.now();
  const stop = await start(file, () => resolveSeen());
  const readyMs = performance.now() - t0;
  const latencies: number[] = [];
  let missed = 0;
  for (let i = 1; i <= SAVES; i++) {
    await new Promise((r) => setTimeout(r, 120));
    const seen = new Promise<boolean>((r) => {
      resolveSeen = () => r(true);
      setTimeout(() => r(false), 2000);
    });
    const t = performance.now();
    if (how === 'in place') writeFileSync(file, `v${i}`);
    else {
      writeFileSync(join(dir, '.digest.md.tmp'), `v${i}`);
      renameSync(join(dir, '.digest.md.tmp'), file);
    }
    if (await seen) latencies.push(performance.now() - t);
    else missed++;
  }
  stop();
  rmSync(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  const p = (q: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1) : '–');
  return `| ${name} | ${how} | ${readyMs.toFixed(1)} | ${p(0.5)} | ${p(0.95)} | ${missed} of ${SAVES} |`;
}

const fsWatch: Start = async (file, onChange) => {
  const w = watchFiles([file], onChange, { settleMs: 0 });
  return () => w.close();
};

const rows: string[] = [];
for (const how of ['in place', 'rename'] as const) rows.push(await measure('fs.watch (folder)', fsWatch, how));
const chokidarDir = process.argv[2];
if (chokidarDir) {
  const t = performance.now();
  interface Chokidar {
    watch(path: string, options: { ignoreInitial: boolean }): { on(event: 'all', fn: () => void): void; once(event: 'ready', fn: () => void): void; close(): Promise<void> };
  }
  const chokidar = createRequire(join(chokidarDir, 'package.json'))('chokidar') as Chokidar;
  const loadMs = performance.now() - t;
  const start: Start = async (file, onChange) => {
    const w = chokidar.watch(file, { ignoreInitial: true });
    w.on('all', () => onChange());
    await new Promise<void>((r) => w.once('ready', () => r()));
    return () => void w.close();
  };
  for (const how of ['in place', 'rename'] as const) rows.push(await measure(`chokidar (load ${loadMs.toFixed(0)} ms)`, start, how));
}
console.log(`| watcher | save | ready ms | median ms to event | p95 ms | missed |\n|---|---|--:|--:|--:|--:|\n${rows.join('\n')}`);
