// What the publishing relay costs: the latency one call gains by going through it, and the wall
// time of many concurrent publishes with images, direct and through the relay, against the local
// stand-in for the WeChat API. Run after `npm run build`:
//
//   node --import tsx bench/relay.ts            200 publishes, 500 calls
//   node --import tsx bench/relay.ts --quick    50 publishes, 100 calls
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishDraft, startRelay, type PublishOptions } from '../dist/index.js';
import { WechatClient } from '../dist/publish/client.js';
import { Redactor } from '../dist/publish/redact.js';
import { RelayClient } from '../dist/publish/relay-client.js';
import { encodePng } from '../test/fixtures/images/png.js';
import { FakeWechat } from '../test/support/fake-wechat.js';

const quick = process.argv.includes('--quick');
const PUBLISHES = quick ? 50 : 200;
const CALLS = quick ? 100 : 500;
const APP_ID = 'wx5a7c0d1e2f3a4b5c';
const APP_SECRET = 'f3b9c2d1e0a47f6b8c5d2e1f0a9b8c7d';
const KEY = { id: 'bench', secret: 'b'.repeat(64) };

const wechat = await new FakeWechat({ appId: APP_ID, appSecret: APP_SECRET }).start();
const relay = await startRelay(
  { port: 0, apiBase: wechat.url, cacheDir: mkdtempSync(join(tmpdir(), 'wd-bench-relay-')), accounts: [{ appId: APP_ID, appSecret: APP_SECRET }], keys: [KEY], ratePerMinute: 100_000 },
  { log: () => undefined },
);
const http = { fetch: globalThis.fetch, timeoutMs: 30_000, retries: 0, retryDelayMs: 10, onRetry: () => undefined };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function latency(client: { postJson: WechatClient['postJson'] }): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const t = performance.now();
    await client.postJson('freepublish/get', { publish_id: 'NONE' }, { idempotent: true }).catch(() => undefined);
    times.push(performance.now() - t);
  }
  return median(times);
}

const direct = new WechatClient({ ...http, apiBase: wechat.url, appId: APP_ID, appSecret: APP_SECRET, cacheDir: mkdtempSync(join(tmpdir(), 'wd-bench-')), redactor: new Redactor(), onToken: () => undefined });
const viaRelay = new RelayClient({ ...http, relay: { url: relay.url, keyId: KEY.id, key: KEY.secret }, appId: APP_ID, redactor: new Redactor() });
const directMs = await latency(direct);
const relayMs = await latency(viaRelay);

const images = mkdtempSync(join(tmpdir(), 'wd-bench-images-'));
for (let n = 0; n < 2 * PUBLISHES; n++) {
  writeFileSync(join(images, `a${n}.png`), encodePng(16, 12, (x, y) => [n % 256, (n >> 8) * 40 + x, y]));
  writeFileSync(join(images, `c${n}.png`), encodePng(90, 38, (x, y) => [x, y + (n >> 8) * 40, n % 256]));
}

async function publishes(offset: number, route: Pick<PublishOptions, 'appSecret' | 'apiBase' | 'relay'>): Promise<number> {
  const t = performance.now();
  await Promise.all(
    Array.from({ length: PUBLISHES }, (_, i) => {
      const n = offset + i;
      return publishDraft(
        { id: `bench-${n}`, title: `bench ${n}`, cover: { src: `c${n}.png` }, sections: [{ items: [{ title: `item ${n}`, body: `![a](a${n}.png)` }] }] },
        { appId: APP_ID, ...route, baseDir: images, cacheDir: mkdtempSync(join(tmpdir(), 'wd-bench-cache-')), verify: false },
      );
    }),
  );
  return performance.now() - t;
}

const directWall = await publishes(0, { appSecret: APP_SECRET, apiBase: wechat.url });
const relayWall = await publishes(PUBLISHES, { relay: { url: relay.url, keyId: KEY.id, key: KEY.secret } });
await relay.close();
await wechat.close();

const drafts = new Set(wechat.drafts.map((d) => String(d.articles[0].title))).size;
console.log(`one call (freepublish/get), median of ${CALLS}: direct ${directMs.toFixed(2)} ms, through the relay ${relayMs.toFixed(2)} ms`);
console.log(`${PUBLISHES} concurrent publishes (a body image and a cover: 3 uploads each): direct ${(directWall / 1000).toFixed(1)} s, through the relay ${(relayWall / 1000).toFixed(1)} s`);
console.log(`drafts ${wechat.drafts.length} (distinct titles ${drafts}), uploads ${wechat.uploads.length} (distinct ${new Set(wechat.uploads.map((u) => `${u.endpoint}:${u.sha256}`)).size})`);
