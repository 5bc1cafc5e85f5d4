/**
 * Runs pathological cases in a process of its own and prints one JSON line per case:
 * `node --import tsx test/support/pathological-child.ts <index>…` (every case when none given).
 * Each case runs at its size and at twice it, best of `RUNS`, after one warm-up at a tenth.
 * The parent kills the process when it runs past its time budget.
 */
import { performance } from 'node:perf_hooks';
import { checkWechat, cleanForWechat, DigestError, renderDigest } from '../../src/index.js';
import { PATHOLOGICAL_CASES, type PathologicalCase } from './pathological.js';

/** What one run gave: its time, and `ok` or the error it ended with. */
interface CaseOutcome {
  ms: number;
  outcome: string;
}

const RUNS = 3;

function once(c: PathologicalCase, input: string): CaseOutcome {
  const start = performance.now();
  let outcome = 'ok';
  try {
    if (c.target === 'render') renderDigest({ title: 'Pathological', sections: [{ items: [{ title: 'Item', body: input }] }] });
    else if (c.target === 'clean') checkWechat(cleanForWechat(input));
    else checkWechat(input);
  } catch (error) {
    outcome = error instanceof DigestError ? `DigestError ${error.code}` : `${(error as Error)?.name}: ${(error as Error)?.message}`;
  }
  return { ms: performance.now() - start, outcome };
}

function best(c: PathologicalCase, n: number): CaseOutcome {
  const input = c.make(n);
  let result = once(c, input);
  for (let i = 1; i < RUNS; i++) {
    const next = once(c, input);
    if (next.ms < result.ms) result = next;
  }
  return result;
}

const wanted = process.argv.slice(2).map(Number);
for (const index of wanted.length ? wanted : PATHOLOGICAL_CASES.map((_, i) => i)) {
  const c = PATHOLOGICAL_CASES[index];
  once(c, c.make(Math.max(1, Math.round(c.n / 10))));
  const small = best(c, c.n);
  const large = best(c, c.n * 2);
  process.stdout.write(`${JSON.stringify({ index, name: c.name, target: c.target, n: c.n, small, large })}\n`);
}
