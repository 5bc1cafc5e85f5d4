/**
 * Pathological inputs, in the manner of markdown-it's: generated Markdown and HTML that make
 * naive parsers and string builders slow or deep (nesting, long runs, many blocks, many links,
 * huge tables, long style attributes) rendered, cleaned and checked in a process of their own
 * with a time budget. Each may end only with a result or a DigestError, never a RangeError or
 * a hang, and its CPU time may grow about linearly: from one size to four times it, well under
 * the sixteenfold of quadratic work. The timings themselves are `npm run bench`'s business
 * (bench/pathological.ts).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { PATHOLOGICAL_CASES, PATHOLOGICAL_FACTOR } from '../support/pathological.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Every case at both sizes, three runs each, must be done by then. */
const BUDGET_MS = 150_000;
/** The budget for measuring the cases that came out steep once more. */
const RETRY_BUDGET_MS = 60_000;
/** Below this much CPU time at the larger size, a ratio says more about the timer than the algorithm. */
const MEASURABLE_MS = 40;
/** The largest growth accepted from one size to `PATHOLOGICAL_FACTOR` times it (linear: 4; quadratic: 16). */
const MAX_GROWTH = 12;

interface Row {
  index: number;
  small: { ms: number; outcome: string };
  large: { ms: number; outcome: string };
}

let rows: Row[] = [];
let stderr = '';

/** Runs the child on some cases (all when none given) and reads its rows. */
async function measure(indices: number[], budgetMs: number): Promise<Row[]> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/support/pathological-child.ts', ...indices.map(String)], { cwd: ROOT });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), budgetMs);
  await new Promise((done) => child.on('close', done));
  clearTimeout(timer);
  return out.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Row);
}

const growth = (row: Row) => row.large.ms / Math.max(row.small.ms, 1);
const tooSteep = (row: Row) => row.large.ms >= MEASURABLE_MS && growth(row) >= MAX_GROWTH;

beforeAll(async () => {
  rows = await measure([], BUDGET_MS);
  // A busy machine can make one measurement of a case steep by chance; work that really grows
  // faster than linearly is steep every time. A steep case is measured once more, in a fresh
  // process, and its gentler measurement kept.
  const steep = rows.filter(tooSteep).map((r) => r.index);
  if (steep.length) {
    for (const again of await measure(steep, RETRY_BUDGET_MS)) {
      const k = rows.findIndex((r) => r.index === again.index);
      if (growth(again) < growth(rows[k])) rows[k] = again;
    }
  }
}, BUDGET_MS + RETRY_BUDGET_MS + 30_000);

describe('pathological inputs', () => {
  it('all finish within the time budget, without a crash of the process', () => {
    expect(stderr).toBe('');
    expect(rows.map((r) => r.index)).toEqual(PATHOLOGICAL_CASES.map((_, i) => i));
  });

  PATHOLOGICAL_CASES.forEach((c, index) => {
    it(`${c.target}: ${c.name} ends with a result or a DigestError, in about linear time`, () => {
      const row = rows.find((r) => r.index === index);
      expect(row, 'finished within the time budget').toBeDefined();
      for (const { outcome } of [row!.small, row!.large]) expect(outcome).toMatch(/^(ok|DigestError E_[A-Z_]+)$/);
      if (row!.large.ms >= MEASURABLE_MS) {
        expect(growth(row!), `${c.n} → ${c.n * PATHOLOGICAL_FACTOR}: ${row!.small.ms.toFixed(0)} ms → ${row!.large.ms.toFixed(0)} ms of CPU`).toBeLessThan(MAX_GROWTH);
      }
    });
  });
});
