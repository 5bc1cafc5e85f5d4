import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DigestError, publishDraft, type DigestInput, type PublishOptions, type PublishProgress } from '../../src/index.js';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redactor } from '../../src/publish/redact.js';
import { RelayClient } from '../../src/publish/relay-client.js';
import { signedHeaders } from '../../src/publish/relay-protocol.js';
import { startRelay } from '../../src/relay/server.js';
import { noisePng } from '../fixtures/images/png.js';
import { failure as failedWith } from '../support/failure.js';
import { APP_ID, APP_SECRET, CI_KEY, KEY, OTHER_APP_ID, secretsOf, signedRequest, startHarness, type Harness } from '../support/relay-harness.js';

const IMAGES = fileURLToPath(new URL('../fixtures/images/', import.meta.url));
const GET = (mediaId: string) => Buffer.from(JSON.stringify({ media_id: mediaId }));
const target = (endpoint: string, appId = APP_ID) => `/v1/accounts/${appId}/${endpoint}`;

/** Everything a client or an operator could see: scanned for secrets and tokens after each test. */
let seen: string[];
let h: Harness;
let events: PublishProgress[];

beforeEach(async () => {
  h = await startHarness();
  seen = [];
  events = [];
});

afterEach(async () => {
  await h.close();
  // The scan: every byte between the clients and the relay, every log line, every result, event
  // and error, and the client's cache files hold no AppSecret, no token, no key secret.
  const everything = [...h.traffic.wire.map((b) => b.toString('latin1')), ...h.traffic.wire.map((b) => b.toString('utf8')), ...h.traffic.logs, ...seen, JSON.stringify(events)];
  for (const secret of secretsOf(h.wechat)) {
    for (const text of everything) expect(text.includes(secret), `a secret in: ${text.slice(0, 200)}`).toBe(false);
  }
});

function digest(n = 0): DigestInput {
  return { id: `relay-${n}`, title: `经由中继发布 ${n}`, date: '2026-12-05', cover: { src: 'cover.png' }, sections: [{ items: [{ title: 'A paper', body: '![loss](figure.png)', images: [{ src: 'photo.jpg' }] }] }] };
}

function clientOptions(extra: PublishOptions = {}): PublishOptions {
  return {
    appId: APP_ID,
    relay: { url: h.relay.url, keyId: KEY.id, key: KEY.secret },
    baseDir: IMAGES,
    cacheDir: mkdtempSync(join(tmpdir(), 'wd-relay-client-')),
    fetch: h.fetch,
    retryDelayMs: 5,
    timeoutMs: 5_000,
    onProgress: (e) => events.push(e),
    ...extra,
  };
}

/** A publish expected to fail: its error, kept for the scan. */
async function failure(run: Promise<unknown>): Promise<DigestError> {
  const e = await failedWith(run);
  seen.push(e.message, JSON.stringify(e.details), String(e.stack));
  return e;
}

function requestLogs(): Record<string, unknown>[] {
  return h.traffic.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((r) => r.event === 'request');
}

describe('publishing through the relay', () => {
  it('publishes a draft with images: the client holds no secret and no token, the relay asks WeChat for the token', async () => {
    const options = clientOptions();
    const result = await publishDraft(digest(), options);
    seen.push(JSON.stringify(result));
    expect(h.wechat.drafts.map((d) => d.mediaId)).toEqual([result.mediaId]);
    expect(h.wechat.uploads.map((u) => u.endpoint)).toEqual(['media/uploadimg', 'media/uploadimg', 'media/uploadimg', 'material/add_material']);
    expect(h.wechat.tokenRequests).toEqual([{ appid: APP_ID, force_refresh: false }]);
    // Every request reached WeChat with the relay's token; the client's cache has uploads and the draft link, no token file.
    expect(h.wechat.apiRequests().filter((r) => r.endpoint !== 'stable_token').every((r) => r.query.access_token === h.wechat.issuedTokens[0])).toBe(true);
    expect(readdirSync(options.cacheDir!).sort()).toEqual(['drafts-wx5a7c0d1e2f3a4b5c.json', 'uploads-wx5a7c0d1e2f3a4b5c.json']);
    for (const file of readdirSync(options.cacheDir!)) seen.push(readFileSync(join(options.cacheDir!, file), 'utf8'));
    // The draft as WeChat got it is the one the client made.
    expect(h.wechat.drafts[0].articles[0]).toMatchObject({ title: '经由中继发布 0', thumb_media_id: h.wechat.uploads[3].mediaId });
    // One log line per request: the key, the account, the endpoint, the status; no body.
    expect(requestLogs().map((r) => [r.keyId, r.appId, r.endpoint, r.status])).toEqual([
      ['laptop', APP_ID, 'media/uploadimg', 200],
      ['laptop', APP_ID, 'media/uploadimg', 200],
      ['laptop', APP_ID, 'media/uploadimg', 200],
      ['laptop', APP_ID, 'material/add_material', 200],
      ['laptop', APP_ID, 'draft/add', 200],
      ['laptop', APP_ID, 'draft/get', 200],
    ]);
    expect(h.traffic.logs.join('\n')).not.toContain('A paper');
    expect(h.traffic.logs.join('\n')).not.toContain('经由中继发布');
  });

  it('updates, previews and publishes through the relay (the whole lifecycle)', async () => {
    const first = await publishDraft(digest(), clientOptions());
    const options = clientOptions({ cacheDir: undefined });
    const again = await publishDraft(digest(), { ...options, cacheDir: mkdtempSync(join(tmpdir(), 'wd-relay-client-')), newDraft: true, previewTo: 'ada-wx', submit: true, pollIntervalMs: 5 });
    seen.push(JSON.stringify([first, again]));
    expect(again.previewTo).toBe('ada-wx');
    expect(again.published?.articleUrls).toHaveLength(1);
    expect(h.wechat.previews).toHaveLength(1);
    expect(h.wechat.submissions).toEqual([{ mediaId: again.mediaId, publishId: again.published!.publishId }]);
  });

  it('refuses an AppSecret given with the relay, and a relay over plain HTTP to another machine', async () => {
    const e = await failure(publishDraft(digest(), clientOptions({ appSecret: APP_SECRET })));
    expect(e.code).toBe('E_INVALID_OPTION');
    expect(e.message).toContain('options.appSecret: not used with options.relay');
    const plain = await failure(publishDraft(digest(), clientOptions({ relay: { url: 'http://relay.example.com', keyId: 'laptop', key: KEY.secret } })));
    expect(plain.message).toContain('options.relay.url: expected an https URL (or http to this machine)');
  });

  it('a token WeChat refuses is renewed by the relay once, and the call goes through', async () => {
    await publishDraft(digest(), clientOptions({ verify: false }));
    h.wechat.switches.expireTokenAfterCalls = 0;
    const result = await publishDraft(digest(1), clientOptions({ verify: false }));
    expect(result.mediaId).toBe(h.wechat.drafts.at(-1)!.mediaId);
    expect(h.wechat.tokenRequests.map((t) => t.force_refresh)).toEqual([false, true]);
  });

  it('calls that arrive together share one token request, and one forced refresh when WeChat refuses the token', async () => {
    const calls = () => Promise.all(Array.from({ length: 20 }, (_, n) => signedRequest(h.relay.url, target('draft/get'), GET(`DRAFT_${n}`))));
    expect((await calls()).map((a) => a.json.errcode)).toEqual(Array(20).fill(40007));
    expect(h.wechat.tokenRequests).toEqual([{ appid: APP_ID, force_refresh: false }]);
    h.wechat.switches.expireTokenAfterCalls = 0;
    expect((await calls()).map((a) => a.json.errcode)).toEqual(Array(20).fill(40007));
    expect(h.wechat.tokenRequests.map((t) => t.force_refresh)).toEqual([false, true]);
  });
});

describe('authentication', () => {
  it('accepts a signed request and refuses a wrong key secret, an unknown key and an unsigned request (401)', async () => {
    h.wechat.switches.publishStatuses = [0];
    const ok = await signedRequest(h.relay.url, target('draft/get'), GET('DRAFT_NONE'));
    expect(ok).toMatchObject({ status: 200, json: { errcode: 40007 } });

    const wrong = await signedRequest(h.relay.url, target('draft/get'), GET('DRAFT_NONE'), { key: { id: KEY.id, secret: 'x'.repeat(48) } });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error).toMatchObject({ reason: 'bad-signature' });
    const unknown = await signedRequest(h.relay.url, target('draft/get'), GET('DRAFT_NONE'), { key: { id: 'stranger', secret: KEY.secret } });
    expect(unknown.json.error).toMatchObject({ reason: 'unknown-key' });
    const unsigned = await fetch(`${h.relay.url}${target('draft/get')}`, { method: 'POST', body: '{}' });
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as { error: { reason: string } }).error.reason).toBe('unsigned');
    // Only the accepted one reached WeChat.
    expect(h.wechat.apiRequests('draft/get')).toHaveLength(1);
  });

  it('refuses a body changed after signing, and a signature moved to another endpoint', async () => {
    const headers = signedHeaders(KEY, 'POST', target('draft/get'), GET('DRAFT_A'));
    const changed = await fetch(`${h.relay.url}${target('draft/get')}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: GET('DRAFT_B') });
    expect(changed.status).toBe(401);
    expect(((await changed.json()) as { error: { message: string } }).error.message).toContain('does not match its signed hash');
    const moved = await fetch(`${h.relay.url}${target('draft/delete')}`, { method: 'POST', headers: { 'content-type': 'application/json', ...signedHeaders(KEY, 'POST', target('draft/get'), GET('DRAFT_A')) }, body: GET('DRAFT_A') });
    expect(moved.status).toBe(401);
    expect(h.wechat.apiRequests()).toEqual([]);
  });

  it('refuses a replayed request (the same nonce) and forwards the original once', async () => {
    const body = GET('DRAFT_NONE');
    const headers = { 'content-type': 'application/json', ...signedHeaders(KEY, 'POST', target('draft/get'), body) };
    const first = await fetch(`${h.relay.url}${target('draft/get')}`, { method: 'POST', headers, body });
    const replay = await fetch(`${h.relay.url}${target('draft/get')}`, { method: 'POST', headers, body });
    expect(first.status).toBe(200);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { error: { reason: string } }).error.reason).toBe('replayed');
    expect(h.wechat.apiRequests('draft/get')).toHaveLength(1);
  });

  it('refuses a request signed more than 5 minutes away from the relay clock, either way, and accepts one within', async () => {
    const now = Date.now();
    const late = await signedRequest(h.relay.url, target('draft/get'), GET('X'), { now: now - 6 * 60_000 });
    const early = await signedRequest(h.relay.url, target('draft/get'), GET('X'), { now: now + 6 * 60_000 });
    const within = await signedRequest(h.relay.url, target('draft/get'), GET('X'), { now: now - 4 * 60_000 });
    expect([late.status, early.status, within.status]).toEqual([401, 401, 200]);
    expect(late.json.error).toMatchObject({ reason: 'clock-skew', message: expect.stringContaining('Set the clocks of this machine and the relay by NTP') });
    expect(h.wechat.apiRequests('draft/get')).toHaveLength(1);
  });

  it('a client whose clock is off gets a clear error naming the fix', async () => {
    const skewed: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('x-wd-timestamp', String(Math.floor(Date.now() / 1000) - 3600));
      return h.fetch(input, { ...init, headers });
    };
    const e = await failure(publishDraft(digest(), clientOptions({ fetch: skewed })));
    expect(e.code).toBe('E_RELAY');
    expect(e.message).toMatch(/^The relay at 127\.0\.0\.1:\d+ refused media\/uploadimg \(HTTP 401, clock-skew\): the request was signed at -360\d s from the relay's clock; ±300 s are accepted\. Set the clocks of this machine and the relay by NTP$/);
    expect(h.wechat.uploads).toEqual([]);
  });

  it('slows down guessing: after 60 failed signatures a minute from one address it answers 429; signed requests still pass', async () => {
    // The relay's clock stands still, so the minute does not pass during the test.
    await h.close();
    const frozen = Date.now();
    h = await startHarness({}, { now: () => frozen });
    const wrong = { id: KEY.id, secret: 'w'.repeat(48) };
    const statuses: number[] = [];
    for (let n = 0; n < 61; n++) statuses.push((await signedRequest(h.relay.url, target('draft/get'), GET(`G${n}`), { key: wrong })).status);
    expect(statuses.slice(0, 60).every((s) => s === 401)).toBe(true);
    expect(statuses[60]).toBe(429);
    expect((await signedRequest(h.relay.url, target('draft/get'), GET('OK'))).status).toBe(200);
    expect(h.wechat.apiRequests('draft/get')).toHaveLength(1);
  });

  it('limits a key to its accounts (403), and names an account the relay does not hold (404)', async () => {
    const other = await signedRequest(h.relay.url, target('draft/get', APP_ID), GET('X'), { key: CI_KEY });
    expect(other.status).toBe(403);
    expect(other.json.error).toMatchObject({ reason: 'account-not-allowed' });
    const allowed = await signedRequest(h.relay.url, target('draft/get', OTHER_APP_ID), GET('X'), { key: CI_KEY });
    // The stand-in API knows only the first account: WeChat's refusal comes back as WeChat said it.
    expect(allowed).toMatchObject({ status: 200, json: { errcode: 40013 } });
    const missing = await signedRequest(h.relay.url, target('draft/get', 'wx9999'), GET('X'));
    expect(missing.status).toBe(404);
    expect(missing.json.error).toMatchObject({ reason: 'unknown-account' });
    const e = await failure(publishDraft(digest(), clientOptions({ relay: { url: h.relay.url, keyId: CI_KEY.id, key: CI_KEY.secret } })));
    expect(e.message).toContain('refused media/uploadimg (HTTP 403, account-not-allowed): the key "ci" may not publish to wx5a7c0d1e2f3a4b5c');
  });
});

describe('least privilege', () => {
  it('forwards only the endpoints publishing uses: stable_token and others are refused (403), other paths 404, GET 405', async () => {
    const token = await signedRequest(h.relay.url, target('stable_token'), Buffer.from(JSON.stringify({ grant_type: 'client_credential', appid: APP_ID })));
    expect(token.status).toBe(403);
    expect(token.json.error).toMatchObject({ reason: 'not-forwarded', message: expect.stringContaining('media/uploadimg, material/add_material, draft/add') });
    const user = await signedRequest(h.relay.url, target('user/info'), Buffer.from('{}'));
    expect(user.status).toBe(403);
    const get = await signedRequest(h.relay.url, target('draft/get'), Buffer.alloc(0), { method: 'GET' });
    expect(get.status).toBe(405);
    const elsewhere = await fetch(`${h.relay.url}/cgi-bin/stable_token`, { method: 'POST', body: '{}' });
    expect(elsewhere.status).toBe(404);
    // A query the endpoint does not take (an access token, another material type) is refused.
    const query = await signedRequest(h.relay.url, `${target('draft/get')}?access_token=mine`, GET('X'));
    expect(query.status).toBe(400);
    const material = await signedRequest(h.relay.url, `${target('material/add_material')}?type=video`, Buffer.alloc(0), { contentType: 'multipart/form-data; boundary=x' });
    expect(material.status).toBe(400);
    expect(h.wechat.apiRequests()).toEqual([]);
  });

  it('caps bodies: JSON over 2 MB and an image over WeChat\u2019s 1 MB are refused with 413 before WeChat sees them', async () => {
    const json = Buffer.from(JSON.stringify({ articles: [{ title: 't', content: 'x'.repeat(2 * 1024 * 1024) }] }));
    const big = await signedRequest(h.relay.url, target('draft/add'), json);
    expect(big.status).toBe(413);
    expect(big.json.error).toMatchObject({ reason: 'too-large', message: 'draft/add takes a JSON body of at most 2097152 bytes' });

    const form = new FormData();
    form.append('media', new Blob([new Uint8Array(noisePng(1_005_000))], { type: 'image/png' }), 'big.png');
    const encoded = new Response(form);
    const image = await signedRequest(h.relay.url, target('media/uploadimg'), Buffer.from(await encoded.arrayBuffer()), { contentType: encoded.headers.get('content-type')! });
    expect(image.status).toBe(413);
    expect(image.json.error).toMatchObject({ message: "media/uploadimg takes a file of at most 1000000 bytes (WeChat's limit)" });
    // Just under the limit passes.
    const small = new FormData();
    small.append('media', new Blob([new Uint8Array(noisePng(990_000))], { type: 'image/png' }), 'ok.png');
    const fits = new Response(small);
    const ok = await signedRequest(h.relay.url, target('media/uploadimg'), Buffer.from(await fits.arrayBuffer()), { contentType: fits.headers.get('content-type')! });
    expect(ok.status).toBe(200);
    expect(h.wechat.uploads).toHaveLength(1);
    // A body sent in chunks, without a length, is cut off at the cap too.
    const chunked = await new Promise<number>((resolve, reject) => {
      const body = Buffer.alloc(3 * 1024 * 1024, 0x20);
      const req = httpRequest(`${h.relay.url}${target('draft/add')}`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...signedHeaders(KEY, 'POST', target('draft/add'), body) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.subarray(i, i + 64 * 1024));
      req.end();
    });
    expect(chunked).toBe(413);
    expect(h.wechat.apiRequests('draft/add')).toEqual([]);
  });

  it('refuses a body that is not what the endpoint takes (400, 415)', async () => {
    expect((await signedRequest(h.relay.url, target('draft/get'), Buffer.from('[1]'))).status).toBe(400);
    expect((await signedRequest(h.relay.url, target('draft/get'), Buffer.from('{}'), { contentType: 'text/plain' })).status).toBe(415);
    const form = new FormData();
    form.append('other', new Blob([new Uint8Array(8)]), 'a.png');
    const encoded = new Response(form);
    const wrongField = await signedRequest(h.relay.url, target('media/uploadimg'), Buffer.from(await encoded.arrayBuffer()), { contentType: encoded.headers.get('content-type')! });
    expect(wrongField).toMatchObject({ status: 400, json: { error: { message: 'media/uploadimg takes one file in the multipart field "media"' } } });
  });

  it('limits the rate per key (429 with Retry-After), each key with its own budget; a client without retries says so', async () => {
    await h.close();
    h = await startHarness({ keys: [{ ...KEY, ratePerMinute: 2 }, { ...CI_KEY, ratePerMinute: 60 }] });
    expect((await signedRequest(h.relay.url, target('draft/get'), GET('A'))).status).toBe(200);
    expect((await signedRequest(h.relay.url, target('draft/get'), GET('B'))).status).toBe(200);
    const third = await signedRequest(h.relay.url, target('draft/get'), GET('C'));
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('30');
    expect(third.json.error).toMatchObject({ reason: 'rate-limited', retryAfterSeconds: 30 });
    // Another key has its own budget.
    expect((await signedRequest(h.relay.url, target('draft/get', OTHER_APP_ID), GET('D'), { key: CI_KEY })).status).toBe(200);
    // A client without retries reports it.
    const e = await failure(publishDraft(digest(), clientOptions({ retries: 0 })));
    expect(e.code).toBe('E_RELAY');
    expect(e.message).toContain('(HTTP 429, rate-limited): the key "laptop" may send 2 requests a minute; wait');
  });

  it('a client refused for its rate waits as told and sends again, even draft/add, which then reaches WeChat once', async () => {
    await h.close();
    // The relay's clock moves only when the client waits, so the test does not depend on its speed.
    let clock = Date.now();
    h = await startHarness({ keys: [{ ...KEY, ratePerMinute: 60 }] }, { now: () => clock });
    for (let n = 0; n < 60; n++) await signedRequest(h.relay.url, target('draft/get'), GET(`X${n}`));
    const retries: string[] = [];
    const onRetry = (endpoint: string, attempt: number, delayMs: number, reason: string) => {
      retries.push(`${endpoint} ${attempt} ${delayMs} ${reason}`);
      clock += delayMs;
    };
    const client = new RelayClient({ fetch: h.fetch, timeoutMs: 5_000, retries: 2, retryDelayMs: 5, onRetry, relay: { url: h.relay.url, keyId: KEY.id, key: KEY.secret }, appId: APP_ID, redactor: new Redactor() });
    const e = await failure(client.postJson('draft/add', { articles: [{ title: 't', content: 'c', thumb_media_id: 'NONE' }] }, { idempotent: false }));
    // WeChat answered (the cover is unknown): the call went through after the wait.
    expect(e.details).toMatchObject({ errcode: 40007, endpoint: 'draft/add' });
    expect(retries).toEqual(['draft/add through the relay 1 1000 the relay answered HTTP 429']);
    expect(h.wechat.apiRequests('draft/add')).toHaveLength(1);
  });
});

describe('WeChat failing behind the relay', () => {
  it('an upstream timeout is a 504 naming WeChat; idempotent calls were retried by the relay, the client does not multiply them', async () => {
    await h.close();
    h = await startHarness({ timeoutMs: 500, retries: 1 });
    h.wechat.switches.delayMs = { 'draft/get': 2_000 };
    const answer = await signedRequest(h.relay.url, target('draft/get'), GET('X'));
    expect(answer.status).toBe(504);
    expect(answer.json.error).toMatchObject({ reason: 'upstream-timeout', message: expect.stringMatching(/^Could not complete draft\/get at 127\.0\.0\.1:\d+: no answer within 500 ms\./) });
    // The relay tried twice (retries: 1).
    expect(h.wechat.apiRequests('draft/get')).toHaveLength(2);
    expect(h.traffic.logs.some((l) => l.includes('"event":"upstream-retry"') && l.includes('"endpoint":"draft/get"'))).toBe(true);
  });

  it('never repeats draft/add: a connection cut after sending is reported as "may have reached WeChat", sent once', async () => {
    h.wechat.switches.dropConnections = { 'draft/add': 1 };
    const e = await failure(publishDraft(digest(), clientOptions()));
    expect(e.code).toBe('E_NETWORK');
    expect(e.message).toMatch(/^The relay at 127\.0\.0\.1:\d+ could not complete draft\/add at WeChat: Could not complete draft\/add at 127\.0\.0\.1:\d+: connection failed.*The request may have reached WeChat: look in the draft box before running again\.$/);
    expect(h.wechat.apiRequests('draft/add')).toHaveLength(1);
  });

  it('never repeats freepublish/submit either, even after a timeout', async () => {
    await h.close();
    h = await startHarness({ timeoutMs: 1_000, retries: 2 });
    const saved = await publishDraft(digest(), clientOptions());
    h.wechat.switches.delayMs = { 'freepublish/submit': 2_500 };
    const e = await failure(publishDraft(digest(), clientOptions({ submit: true, pollIntervalMs: 5, newDraft: true })));
    expect(e.message).toContain('could not complete freepublish/submit at WeChat');
    expect(h.wechat.apiRequests('freepublish/submit')).toHaveLength(1);
    seen.push(JSON.stringify(saved));
  });

  it('passes WeChat\u2019s refusals back: the daily quota, and a whitelist refusal that names the relay\u2019s address', async () => {
    h.wechat.switches.quotaReached = ['draft/add'];
    const quota = await failure(publishDraft(digest(), clientOptions()));
    expect(quota.message).toContain('WeChat refused draft/add (errcode 45009): the account reached its daily quota for this API.');
    h.wechat.switches = { refuseIp: '198.51.100.4' };
    const ip = await failure(publishDraft(digest(1), clientOptions()));
    expect(ip.details).toMatchObject({ errcode: 40164 });
    expect(ip.message).toContain("the relay's IP address 198.51.100.4 is not on the account\u2019s IP whitelist. Add 198.51.100.4 to the IP whitelist");
  });

  it('a WeChat that answers without JSON is a 502', async () => {
    const page = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>a captive portal</html>'));
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    await h.close();
    h = await startHarness({ apiBase: `http://127.0.0.1:${(page.address() as AddressInfo).port}`, retries: 0 });
    try {
      const answer = await signedRequest(h.relay.url, target('draft/get'), GET('X'));
      expect(answer.status).toBe(502);
      expect(answer.json.error).toMatchObject({ reason: 'upstream-failed', code: 'E_NETWORK', message: expect.stringContaining('stable_token answered HTTP 200 without a WeChat JSON answer') });
    } finally {
      page.close();
    }
  });
});

describe('operations', () => {
  it('answers /health, and refuses other methods on it', async () => {
    const health = await fetch(`${h.relay.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', inFlight: 0, accounts: 2 });
    expect((await fetch(`${h.relay.url}/health`, { method: 'POST' })).status).toBe(405);
  });

  it('shuts down gracefully: requests under way finish with their answer, new connections are refused', async () => {
    h.wechat.switches.delayMs = { 'draft/get': 1_000 };
    const slow = signedRequest(h.relay.url, target('draft/get'), GET('X'));
    for (let i = 0; i < 100 && h.wechat.apiRequests('draft/get').length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(h.relay.inFlight).toBe(1);
    const closed = h.relay.close();
    const answer = await slow;
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ errcode: 40007 });
    await closed;
    const after = await fetch(`${h.relay.url}/health`).then(
      () => 'answered',
      () => 'refused',
    );
    expect(after).toBe('refused');
    expect(h.traffic.logs.at(-1)).toContain('"event":"stop"');
  });

  it('logs one structured line per request with no body, secret, token or key', async () => {
    // Without trustProxy, a client cannot choose the address the log shows.
    await signedRequest(h.relay.url, target('draft/get'), GET('DRAFT_SECRET_LOOKING_ID'), { headers: { 'x-forwarded-for': '203.0.113.9' } });
    await signedRequest(h.relay.url, `${target('draft/get')}?access_token=${APP_SECRET}`, GET('X'));
    const [first, second] = requestLogs();
    expect(Object.keys(first).sort()).toEqual(['appId', 'bytesIn', 'bytesOut', 'endpoint', 'errcode', 'event', 'keyId', 'method', 'ms', 'path', 'remote', 'status', 'time']);
    expect(first).toMatchObject({ method: 'POST', path: target('draft/get'), status: 200, errcode: 40007, keyId: 'laptop', remote: '127.0.0.1' });
    expect(second).toMatchObject({ status: 400, reason: 'bad-query', path: target('draft/get') });
    expect(h.traffic.logs.join('\n')).not.toContain('DRAFT_SECRET_LOOKING_ID');
  });

  it('serves TLS from a certificate and key given to it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wd-relay-tls-'));
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const relay = await startRelay({ port: 0, tls: { cert, key }, apiBase: h.wechat.url, cacheDir: dir, accounts: [{ appId: APP_ID, appSecret: APP_SECRET }], keys: [KEY] }, { log: (l) => h.traffic.logs.push(l) });
    try {
      expect(relay.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const body = GET('X');
      const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = httpsRequest(`${relay.url}${target('draft/get')}`, { method: 'POST', ca: readFileSync(cert), headers: { 'content-type': 'application/json', ...signedHeaders(KEY, 'POST', target('draft/get'), body) } }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        });
        req.on('error', reject);
        req.end(body);
      });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.text)).toMatchObject({ errcode: 40007 });
      // Plain HTTP to the TLS port gets no answer from the relay.
      const plain = await fetch(relay.url.replace('https:', 'http:') + '/health').then(
        (r) => r.status,
        () => 'refused',
      );
      expect(plain).not.toBe(200);
    } finally {
      await relay.close();
    }
  });
});

describe('load', () => {
  it('200 concurrent publishes with images: nothing lost, nothing uploaded twice, no draft created twice', async () => {
    const { encodePng } = await import('../fixtures/images/png.js');
    const { writeFileSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'wd-relay-load-'));
    const N = 200;
    for (let n = 0; n < N; n++) {
      // Distinct bytes for each publish: two body images and a cover.
      writeFileSync(join(dir, `a${n}.png`), encodePng(16, 12, (x, y) => [n % 256, Math.floor(n / 256) * 50 + x, y]));
      writeFileSync(join(dir, `b${n}.png`), encodePng(12, 16, (x, y) => [y, n % 256, 100 + Math.floor(n / 256) * 50 + x]));
      writeFileSync(join(dir, `c${n}.png`), encodePng(90, 38, (x, y) => [x, y, n % 256]));
    }
    // Some uploads have their connection cut (retried by the relay: never more cuts than it has retries), and WeChat is a little slow.
    await h.close();
    h = await startHarness({ retries: 3 });
    h.wechat.switches.dropConnections = { 'media/uploadimg': 3, 'material/add_material': 3 };
    h.wechat.switches.delayMs = { 'draft/add': 5, 'media/uploadimg': 2 };
    const cacheDir = mkdtempSync(join(tmpdir(), 'wd-relay-load-cache-'));
    const results = await Promise.allSettled(
      Array.from({ length: N }, (_, n) =>
        publishDraft(
          { id: `load-${n}`, title: `负载 ${n}`, date: '2026-12-05', cover: { src: `c${n}.png` }, sections: [{ items: [{ title: `item ${n}`, body: `![a](a${n}.png)`, images: [{ src: `b${n}.png` }] }] }] },
          clientOptions({ baseDir: dir, cacheDir, verify: false, timeoutMs: 30_000 }),
        ),
      ),
    );
    const failed = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason));
    expect(failed).toEqual([]);
    const done = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof publishDraft>>>).value);
    seen.push(JSON.stringify(done));
    // Nothing lost: one draft per publish, with its own title and its own cover.
    expect(h.wechat.drafts).toHaveLength(N);
    expect(new Set(h.wechat.drafts.map((d) => d.articles[0].title)).size).toBe(N);
    expect(new Set(done.map((r) => r.mediaId)).size).toBe(N);
    expect(h.wechat.apiRequests('draft/add')).toHaveLength(N);
    // Nothing uploaded twice: every image's bytes arrived once (the cover as a body image and as material).
    const bodyUploads = h.wechat.uploads.filter((u) => u.endpoint === 'media/uploadimg');
    const materials = h.wechat.uploads.filter((u) => u.endpoint === 'material/add_material');
    expect(bodyUploads).toHaveLength(3 * N);
    expect(new Set(bodyUploads.map((u) => u.sha256)).size).toBe(3 * N);
    expect(materials).toHaveLength(N);
    expect(new Set(materials.map((u) => u.sha256)).size).toBe(N);
    // Each draft's images are its own uploads.
    for (const [n, result] of done.entries()) {
      const draft = h.wechat.drafts.find((d) => d.mediaId === result.mediaId)!;
      expect(draft.articles[0].title).toBe(`负载 ${n}`);
      expect(draft.articles[0].thumb_media_id).toBe(result.uploads.at(-1)!.mediaId);
    }
    // The relay asked WeChat for a token once for all of them.
    expect(h.wechat.tokenRequests).toHaveLength(1);
    expect(requestLogs().filter((r) => r.status !== 200)).toEqual([]);
  }, 120_000);
});
