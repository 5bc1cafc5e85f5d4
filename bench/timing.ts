// The timing every speed figure of `npm run bench` uses: tinybench's median of warm runs.
import { Bench } from 'tinybench';

/**
 * The median time of `fn` in ms over warm runs, from a clean heap. `heavy` inputs (1,000 items
 * and more) run fewer, longer iterations; `quick` is the short smoke run of `npm run bench -- --quick`.
 */
export async function medianMs(fn: () => unknown, heavy: boolean, quick: boolean): Promise<number> {
  // Start every measurement with a clean heap, so one task does not pay for the last one's garbage.
  (globalThis as { gc?: () => void }).gc?.();
  // tinybench runs until both the time budget and the iteration count are reached.
  const bench = new Bench({ time: quick ? 100 : heavy ? 1500 : 800, warmupTime: quick || heavy ? 0 : 300, warmupIterations: heavy ? 1 : 5, iterations: quick ? 2 : heavy ? 9 : 20 });
  bench.add('task', fn);
  await bench.run();
  const latency = bench.tasks[0].result as unknown as { latency: { p50: number } };
  return latency.latency.p50;
}
