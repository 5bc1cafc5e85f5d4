/**
 * Runs pathological cases in a process of its own and prints one JSON line per case:
 * `node --expose-gc --import tsx test/support/pathological-child.ts <index>…` (every case when none given).
 * Each case runs at its size and at `PATHOLOGICAL_FACTOR` times it, best of `RUNS`, after one warm-up at a tenth.
 * The parent kills the process when it runs past its time budget.
 */
import { checkWechat, cleanForWechat, DigestError, renderDigest } from '../../src/index.js';
import { PATHOLOGICAL_CASES, PATHOLOGICAL_FACTOR, type PathologicalCase } from './pathological.js';

/** What one run gave: the CPU time it took (not the wall clock: other processes do not count), and `ok` or the error it ended with. */
interface CaseOutcome {
  ms: number;
  outcome: string;
}

const RUNS = 3;

function once(c: PathologicalCase, input: string): CaseOutcome {
  // Run with --expose-gc: each run starts on a clean heap, so it does not pay for the last one's garbage.
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.cpuUsage();
  let outcome = 'ok';
  try {
    if (c.target === 'render') renderDigest({ title: 'Pathological', sections: [{ items: [{ title: 'Item', body: input }] }] });
    else if (c.target === 'clean') checkWechat(cleanForWechat(input));
    else checkWechat(input);
  } catch (error) {
    outcome = error instanceof DigestError ? `DigestError ${error.code}` : `${(error as Error)?.name}: ${(error as Error)?.message}`;
  }
  const used = process.cpuUsage(start);
  return { ms: (used.user + used.system) / 1000, outcome };
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
  const large = best(c, c.n * PATHOLOGICAL_FACTOR);
  process.stdout.write(`${JSON.stringify({ index, name: c.name, target: c.target, n: c.n, small, large })}\n`);
}
