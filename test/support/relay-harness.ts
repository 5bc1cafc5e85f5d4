/**
 * A publishing relay in front of the local stand-in for the WeChat API, both on 127.0.0.1, with
 * what they say kept for the tests: the relay's log lines, and every byte a client sent and
 * received (for the scan for secrets).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signedHeaders } from '../../src/publish/relay-protocol.js';
import type { RelayConfig } from '../../src/relay/config.js';
import { startRelay, type RunningRelay } from '../../src/relay/server.js';
import { FakeWechat } from './fake-wechat.js';

export const APP_ID = 'wx5a7c0d1e2f3a4b5c';
export const APP_SECRET = 'f3b9c2d1e0a47f6b8c5d2e1f0a9b8c7d';
/** A second account on the same relay. */
export const OTHER_APP_ID = 'wx0000aaaabbbbcccc';
export const OTHER_APP_SECRET = '0123456789abcdef0123456789abcdef';
/** The laptop's key: may use both accounts. */
export const KEY = { id: 'laptop', secret: '7d1f0c9e8b2a4d6f8e0a1c3b5d7f9e2a4c6b8d0f1e3a5c7b' };
/** The CI runner's key: only the second account. */
export const CI_KEY = { id: 'ci', secret: 'c1c1c1c1e8b2a4d6f8e0a1c3b5d7f9e2a4c6b8d0f1e3a5c7' };

/** What went over the wire between a client and the relay, and what the relay logged. */
export interface Traffic {
  /** Each request a client sent (URL, headers, body) and each answer it got (status, headers, body). */
  wire: Buffer[];
  logs: string[];
}

export interface Harness {
  wechat: FakeWechat;
  relay: RunningRelay;
  traffic: Traffic;
  /** The fetch clients use: the global one, with every byte kept in `traffic.wire`. */
  fetch: typeof globalThis.fetch;
  cacheDir: string;
  close(): Promise<void>;
}

/** Starts the stand-in API and a relay in front of it (`config` overrides the defaults). */
export async function startHarness(config: Partial<RelayConfig> = {}, deps: { now?: () => number } = {}): Promise<Harness> {
  const wechat = await new FakeWechat({ appId: APP_ID, appSecret: APP_SECRET }).start();
  const traffic: Traffic = { wire: [], logs: [] };
  const cacheDir = mkdtempSync(join(tmpdir(), 'wd-relay-'));
  const relay = await startRelay(
    {
      port: 0,
      apiBase: wechat.url,
      cacheDir,
      retryDelayMs: 5,
      timeoutMs: 5_000,
      accounts: [
        { appId: APP_ID, appSecret: APP_SECRET },
        { appId: OTHER_APP_ID, appSecret: OTHER_APP_SECRET },
      ],
      keys: [KEY, { ...CI_KEY, appIds: [OTHER_APP_ID] }],
      ratePerMinute: 10_000,
      ...config,
    },
    { log: (line) => traffic.logs.push(line), ...deps },
  );
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    const body = init?.body instanceof Uint8Array ? Buffer.from(init.body) : Buffer.from(typeof init?.body === 'string' ? init.body : '');
    traffic.wire.push(Buffer.from(`${init?.method ?? 'GET'} ${String(input)}\n${JSON.stringify([...headers])}\n`), body);
    const response = await globalThis.fetch(input, init);
    const answer = Buffer.from(await response.arrayBuffer());
    traffic.wire.push(Buffer.from(`${response.status}\n${JSON.stringify([...response.headers])}\n`), answer);
    return new Response(new Uint8Array(answer), { status: response.status, headers: response.headers });
  };
  return {
    wechat,
    relay,
    traffic,
    fetch,
    cacheDir,
    async close() {
      await relay.close();
      await wechat.close();
    },
  };
}

/** A raw signed request to the relay (as a client would send it, or tampered with). */
export async function signedRequest(
  relayUrl: string,
  target: string,
  body: Buffer,
  options: { key?: { id: string; secret: string }; now?: number; contentType?: string; method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const method = options.method ?? 'POST';
  const signed = signedHeaders(options.key ?? KEY, method, target, body, options.now);
  const response = await globalThis.fetch(`${relayUrl}${target}`, {
    method,
    headers: { 'content-type': options.contentType ?? 'application/json; charset=utf-8', ...signed, ...options.headers },
    body: method === 'GET' ? undefined : new Uint8Array(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

/** The secrets nothing outside the relay may carry: the AppSecrets, every token WeChat issued, the key secrets. */
export function secretsOf(wechat: FakeWechat): string[] {
  return [APP_SECRET, OTHER_APP_SECRET, KEY.secret, CI_KEY.secret, ...wechat.issuedTokens];
}
