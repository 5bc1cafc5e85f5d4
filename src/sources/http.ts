import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from '../core/atomic-write.js';
import { DigestError } from '../core/errors.js';

/** What a source fetcher needs from the world: injectable so that tests neither wait nor go online. */
export interface SourceHttpOptions {
  /** The fetch to use. Default: the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** The clock, in milliseconds. Default: `Date.now`. */
  now?: () => number;
  /** Waits this many milliseconds. Default: a timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Least time between the starts of two requests to the service, in ms. Default 0. */
  minIntervalMs?: number;
  /** Retries after a network failure, a 429 or a 5xx answer. Default 3. */
  retries?: number;
  /** First retry delay in ms, doubled for each further retry (a `Retry-After` answer wins when longer). Default 1000. */
  retryDelayMs?: number;
  /** Time limit of one attempt, in ms. Default 30,000. */
  timeoutMs?: number;
  /** Folder of the response cache; none when absent. */
  cacheDir?: string;
  /** How long a cached response is used, in ms. Default 12 hours. */
  cacheMaxAgeMs?: number;
  /** Told about each request, retry and cache hit (for progress lines and tests). */
  onEvent?: (event: SourceHttpEvent) => void;
}

/** One thing the fetcher did. */
export type SourceHttpEvent =
  | { type: 'request'; url: string; at: number; attempt: number }
  | { type: 'retry'; url: string; delayMs: number; reason: string }
  | { type: 'cache'; url: string };

/** A text fetcher for one service: requests spaced, retried and cached. */
export interface SourceFetcher {
  /** The body of a GET of `url` as text (from the cache when fresh). */
  getText(url: string, what: string): Promise<string>;
}

const RETRY_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

/**
 * Creates a fetcher that keeps `minIntervalMs` between the starts of its requests (arXiv asks
 * for one every 3 seconds), retries failures with exponential backoff and keeps answers in
 * `cacheDir` for `cacheMaxAgeMs`.
 *
 * @example
 * const seen = []
 * const fetcher = createSourceFetcher({ fetch: async (url) => new Response(`hello ${url}`), minIntervalMs: 3000, now: () => 0, sleep: async () => {}, onEvent: (e) => seen.push(e.type) })
 * await fetcher.getText('https://x.test/a', 'the test service') // → 'hello https://x.test/a'
 * // seen → ['request']
 */
export function createSourceFetcher(options: SourceHttpOptions = {}): SourceFetcher {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const minInterval = options.minIntervalMs ?? 0;
  const retries = options.retries ?? 3;
  const retryDelay = options.retryDelayMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxAge = options.cacheMaxAgeMs ?? 12 * 3600_000;
  const emit = options.onEvent ?? (() => undefined);
  let lastStart: number | undefined;
  // Requests of one fetcher go one after another, so the spacing holds under concurrent callers.
  let queue: Promise<unknown> = Promise.resolve();

  const spaced = async () => {
    if (lastStart !== undefined) {
      const wait = lastStart + minInterval - now();
      if (wait > 0) await sleep(wait);
    }
    lastStart = now();
    return lastStart;
  };

  const attempt = async (url: string, what: string): Promise<string> => {
    let reason = '';
    for (let n = 0; n <= retries; n++) {
      const at = await spaced();
      emit({ type: 'request', url, at, attempt: n });
      let delay = retryDelay * 2 ** n;
      try {
        const response = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs), headers: { 'user-agent': 'wechat-digest (https://www.npmjs.com/package/wechat-digest)' } });
        if (response.ok) return await response.text();
        reason = `HTTP ${response.status}`;
        if (!RETRY_STATUS.has(response.status)) {
          throw new DigestError('E_SOURCE', `${what}: ${url} answered ${reason}; check the address`, { details: { url, status: response.status } });
        }
        const after = Number(response.headers.get('retry-after'));
        if (Number.isFinite(after) && after > 0) delay = Math.max(delay, after * 1000);
      } catch (error) {
        if (error instanceof DigestError) throw error;
        reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : String((error as Error)?.cause ?? (error as Error)?.message ?? error);
      }
      if (n < retries) {
        emit({ type: 'retry', url, delayMs: delay, reason });
        await sleep(delay);
      }
    }
    throw new DigestError('E_SOURCE', `${what}: could not fetch ${url} after ${retries + 1} attempts (${reason}); check the network and the address, then run again`, { details: { url, reason } });
  };

  return {
    async getText(url, what) {
      const file = options.cacheDir === undefined ? undefined : join(options.cacheDir, `${createHash('sha256').update(url).digest('hex').slice(0, 32)}.json`);
      if (file) {
        const cached = await readFile(file, 'utf8').then((t) => JSON.parse(t) as { url: string; at: number; text: string }, () => undefined);
        if (cached && cached.url === url && now() - cached.at < maxAge) {
          emit({ type: 'cache', url });
          return cached.text;
        }
      }
      const run = queue.then(() => attempt(url, what));
      queue = run.catch(() => undefined);
      const text = await run;
      if (file) {
        await mkdir(options.cacheDir!, { recursive: true });
        await writeFileAtomically(file, JSON.stringify({ url, at: now(), text }));
      }
      return text;
    },
  };
}
