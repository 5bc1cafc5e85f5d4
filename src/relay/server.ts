import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { DigestError } from '../core/errors.js';
import { WechatClient, type WechatAnswer } from '../publish/client.js';
import { Redactor } from '../publish/redact.js';
import { RELAY_HEADERS, sha256Hex } from '../publish/relay-protocol.js';
import { accessLine, loggedPath, type RelayLogRecord } from './access-log.js';
import { authenticate, NonceBook, type RelayRefusal } from './auth.js';
import { resolveRelayConfig, type RelayConfig, type RelayKey, type ResolvedRelayConfig } from './config.js';
import { bodyLimit, RELAY_ENDPOINTS, type RelayEndpoint } from './endpoints.js';
import { RateLimits } from './rate.js';

/** What the relay takes from outside, so tests can stand in for it. */
export interface RelayDeps {
  /** Receives each log line (JSON, no newline). Default: stdout. */
  log?: (line: string) => void;
  /** The fetch for calls to WeChat. Default: the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** The clock, in epoch milliseconds. Default: `Date.now`. */
  now?: () => number;
}

/** A relay that is listening. */
export interface RunningRelay {
  /** Its base URL, e.g. `http://127.0.0.1:8787`. */
  url: string;
  /** Requests being handled right now. */
  readonly inFlight: number;
  /** Stops taking requests, lets those under way finish (cut after `shutdownTimeoutMs`), then resolves. */
  close(): Promise<void>;
}

/** A request the relay answers: the status and a JSON body. */
interface Answer {
  status: number;
  body: Record<string, unknown>;
  retryAfterSeconds?: number;
}

/** What the log records of one request, filled in as the request goes through the steps. */
type RequestRecord = RelayLogRecord & { event: 'request' };

const refusal = (r: RelayRefusal): Answer => ({
  status: r.status,
  body: { error: { reason: r.reason, message: r.message, ...(r.retryAfterSeconds ? { retryAfterSeconds: r.retryAfterSeconds } : {}) } },
  ...(r.retryAfterSeconds ? { retryAfterSeconds: r.retryAfterSeconds } : {}),
});

/** Requests that fail authentication an address may send per minute before it is answered 429. */
const AUTH_FAILURES_PER_MINUTE = 60;

const PATH = /^\/v1\/accounts\/([^/]+)\/([a-z_]+(?:\/[a-z_]+){0,2})$/;

/**
 * Starts a publishing relay: an HTTP(S) server for the machine whose IP address is on the
 * account's whitelist. It holds the AppSecret and the access token of each account it serves
 * (through the publish step's own `WechatClient`: token cache, renewal, retries) and forwards
 * the calls publishing makes, signed by a client key, to WeChat. Each request goes through one
 * list of checks (see `handle`): the path, the signature (±5 minutes, a nonce never seen,
 * constant-time comparison), the method, the endpoint (only those of `RELAY_ENDPOINTS`), the
 * account the key may use, the key's rate, the content type and the size; then WeChat's answer
 * is passed back. `GET /health` says whether it runs. Each request is one JSON line of the log
 * (never a body, a secret, a key or a token).
 *
 * @param config - See `RelayConfig`; checked here, every problem at once.
 * @param deps - The log, the fetch and the clock (tests stand in for them).
 * @param source - Where the configuration came from, for the message of a wrong one.
 * @throws DigestError `E_INVALID_OPTION` for a wrong configuration, `E_FILE` for a certificate or key that cannot be read.
 * @example
 * // `wechat` stands in for the WeChat API
 * const relay = await startRelay({ port: 0, apiBase: wechat.url, cacheDir: tmp, accounts: [{ appId: 'wx12ab', appSecret: 'secret' }], keys: [{ id: 'laptop', secret: 'k'.repeat(32) }] }, { log: () => undefined })
 * const health = await fetch(`${relay.url}/health`)
 * health.status // → 200
 * await relay.close()
 */
export async function startRelay(config: RelayConfig, deps: RelayDeps = {}, source = 'options'): Promise<RunningRelay> {
  const c = resolveRelayConfig(config, source);
  const now = deps.now ?? Date.now;
  const redactor = new Redactor();
  for (const a of c.accounts) redactor.add(a.appSecret);
  for (const k of c.keys) redactor.add(k.secret);
  const write = deps.log ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const log = (record: RelayLogRecord) => write(accessLine(record, redactor));

  const clients = new Map(
    c.accounts.map((a) => [
      a.appId,
      new WechatClient({
        fetch: deps.fetch ?? globalThis.fetch,
        timeoutMs: c.timeoutMs,
        retries: c.retries,
        retryDelayMs: c.retryDelayMs,
        onRetry: (endpoint, attempt, delayMs, reason) => log({ event: 'upstream-retry', appId: a.appId, endpoint, attempt, delayMs, reason }),
        apiBase: c.apiBase,
        appId: a.appId,
        appSecret: a.appSecret,
        cacheDir: c.cacheDir,
        redactor,
        onToken: (refreshed) => log({ event: 'token', appId: a.appId, refreshed }),
      }),
    ]),
  );
  const keys = new Map(c.keys.map((k) => [k.id, k]));
  const nonces = new NonceBook();
  const rates = new RateLimits();
  const started = now();
  let inFlight = 0;
  let closing: Promise<void> | undefined;

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    inFlight++;
    const record: RequestRecord = { event: 'request', remote: remoteOf(req, c), method: req.method, path: loggedPath(req.url ?? '/') };
    const begun = now();
    handle(req, record)
      .catch((error: unknown): Answer => {
        record.failure = error instanceof Error ? error.message : String(error);
        return { status: 500, body: { error: { reason: 'relay-failed', message: 'the relay failed to handle the request; see its log' } } };
      })
      .then((answer) => {
        record.status = answer.status;
        record.reason = (answer.body.error as { reason?: string } | undefined)?.reason;
        const body = Buffer.from(redactor.redact(JSON.stringify(answer.body)), 'utf8');
        record.bytesOut = body.length;
        const headers: Record<string, string | number> = { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length, 'cache-control': 'no-store' };
        if (answer.retryAfterSeconds) headers['retry-after'] = answer.retryAfterSeconds;
        // A request refused before its body was read, or any request while stopping, ends its connection.
        if (closing || !req.complete) headers.connection = 'close';
        res.writeHead(answer.status, headers).end(body);
      })
      .finally(() => {
        inFlight--;
        record.ms = now() - begun;
        log(record);
        if (closing) server.closeIdleConnections();
      });
  };

  /** The steps of one request, in order; the first that refuses answers. */
  async function handle(req: IncomingMessage, record: RequestRecord): Promise<Answer> {
    const target = req.url ?? '/';
    const path = target.split('?')[0];
    if (path === '/health') return health(req);
    if (closing) return refusal({ status: 503, reason: 'stopping', message: 'the relay is stopping; try again in a moment', retryAfterSeconds: 5 });
    const match = PATH.exec(path);
    if (!match) return refusal({ status: 404, reason: 'not-found', message: 'the relay answers GET /health and POST /v1/accounts/<appId>/<endpoint>; check the relay URL' });
    const [, appId, name] = match;
    record.appId = decoded(appId);
    record.endpoint = name;
    if (record.appId === undefined) return refusal({ status: 404, reason: 'not-found', message: 'the AppID in the path is not readable; check appId' });
    const key = authenticate(keys, nonces, req.method ?? '', target, req.headers, now());
    if ('status' in key) {
      // Failed signatures are counted per address: guessing is slowed down, signed traffic is not.
      const wait = rates.take(`failures from ${String(record.remote)}`, AUTH_FAILURES_PER_MINUTE, now());
      return refusal(wait ? { status: 429, reason: 'too-many-failures', message: `more than ${AUTH_FAILURES_PER_MINUTE} unsigned or wrongly signed requests a minute came from this address; wait ${wait} s`, retryAfterSeconds: wait } : key);
    }
    record.keyId = key.id;
    const endpoint = RELAY_ENDPOINTS[name];
    const checks = [
      () => (req.method === 'POST' ? undefined : { status: 405, reason: 'method', message: `${name} takes POST` }),
      () =>
        endpoint
          ? undefined
          : { status: 403, reason: 'not-forwarded', message: `the relay does not forward ${name}; it forwards only what publishing uses: ${Object.keys(RELAY_ENDPOINTS).join(', ')}` },
      () => queryProblem(target, name, endpoint),
      () => accountProblem(key, record.appId as string),
      () => rateProblem(key),
      () => typeProblem(req, name, endpoint),
      () => sizeProblem(req, name, endpoint),
    ];
    for (const check of checks) {
      const problem = check();
      if (problem) return refusal(problem);
    }
    const body = await readBody(req, bodyLimit(endpoint));
    record.bytesIn = body === 'too-large' ? undefined : body.length;
    if (body === 'too-large') return refusal(tooLarge(name, endpoint));
    if (sha256Hex(body) !== req.headers[RELAY_HEADERS.contentSha256]) {
      return refusal({ status: 401, reason: 'bad-signature', message: 'the body does not match its signed hash: it was changed on the way' });
    }
    return forward(clients.get(record.appId as string)!, name, endpoint, target, req, body, record);
  }

  function health(req: IncomingMessage): Answer {
    if (req.method !== 'GET' && req.method !== 'HEAD') return refusal({ status: 405, reason: 'method', message: '/health takes GET' });
    if (closing) return { status: 503, body: { status: 'stopping' } };
    return { status: 200, body: { status: 'ok', uptimeSeconds: Math.round((now() - started) / 1000), inFlight: inFlight - 1, accounts: clients.size } };
  }

  function accountProblem(key: RelayKey, appId: string): RelayRefusal | undefined {
    if (!clients.has(appId)) return { status: 404, reason: 'unknown-account', message: `the relay holds no account "${appId.slice(0, 64)}"; check appId (WECHAT_APP_ID) against the relay's accounts` };
    if (key.appIds && !key.appIds.includes(appId)) return { status: 403, reason: 'account-not-allowed', message: `the key "${key.id}" may not publish to ${appId}; add it to the key's appIds on the relay` };
    return undefined;
  }

  function rateProblem(key: RelayKey): RelayRefusal | undefined {
    const wait = rates.take(key.id, key.ratePerMinute, now());
    return wait ? { status: 429, reason: 'rate-limited', message: `the key "${key.id}" may send ${key.ratePerMinute} requests a minute; wait ${wait} s`, retryAfterSeconds: wait } : undefined;
  }

  const server: Server = c.tls ? createHttpsServer({ cert: await pem(c.tls.cert, 'tls.cert'), key: await pem(c.tls.key, 'tls.key') }, onRequest) : createServer(onRequest);
  // Slow clients may not hold a connection open for ever.
  server.headersTimeout = 20_000;
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'EADDRINUSE' ? 'the port is in use: choose another port (--port, WECHAT_RELAY_PORT) or stop what listens there' : error.code === 'EACCES' ? 'permission denied: use a port above 1023 behind a reverse proxy' : error.message;
      reject(new DigestError('E_INVALID_OPTION', `The relay cannot listen on ${c.host}:${c.port}: ${why}.`, { details: { host: c.host, port: c.port } }));
    });
    server.listen(c.port, c.host, resolve);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `${c.tls ? 'https' : 'http'}://${host}:${address.port}`;
  log({ event: 'start', url, accounts: clients.size, keys: keys.size, tls: Boolean(c.tls) });

  return {
    url,
    get inFlight() {
      return inFlight;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        const cut = setTimeout(() => server.closeAllConnections(), c.shutdownTimeoutMs);
        server.close(() => {
          clearTimeout(cut);
          log({ event: 'stop', url });
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

function decoded(component: string): string | undefined {
  try {
    return decodeURIComponent(component);
  } catch {
    return undefined;
  }
}

/** The client's address: the socket's, or with `trustProxy` the first of X-Forwarded-For. */
function remoteOf(req: IncomingMessage, c: ResolvedRelayConfig): string | undefined {
  const forwarded = req.headers['x-forwarded-for'];
  if (c.trustProxy && typeof forwarded === 'string') return forwarded.split(',')[0].trim().slice(0, 64);
  return req.socket.remoteAddress;
}

function queryProblem(target: string, name: string, endpoint: RelayEndpoint): RelayRefusal | undefined {
  const params = new URLSearchParams(target.split('?')[1] ?? '');
  for (const [param, value] of params) {
    const allowed = endpoint.query[param];
    if (!allowed || !allowed.includes(value)) {
      const takes = Object.entries(endpoint.query).map(([p, v]) => `${p}=${v.join('|')}`);
      return { status: 400, reason: 'bad-query', message: `${name} takes ${takes.length ? takes.join(', ') : 'no query parameters'}; the relay adds the access token itself` };
    }
  }
  return undefined;
}

function typeProblem(req: IncomingMessage, name: string, endpoint: RelayEndpoint): RelayRefusal | undefined {
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  const wanted = endpoint.body === 'json' ? 'application/json' : 'multipart/form-data';
  return type.startsWith(wanted) ? undefined : { status: 415, reason: 'content-type', message: `${name} takes ${wanted}` };
}

function tooLarge(name: string, endpoint: RelayEndpoint): RelayRefusal {
  const what = endpoint.body === 'media' ? `a file of at most ${endpoint.maxBytes} bytes (WeChat's limit)` : `a JSON body of at most ${endpoint.maxBytes} bytes`;
  return { status: 413, reason: 'too-large', message: `${name} takes ${what}` };
}

function sizeProblem(req: IncomingMessage, name: string, endpoint: RelayEndpoint): RelayRefusal | undefined {
  const declared = Number(req.headers['content-length']);
  return Number.isFinite(declared) && declared > bodyLimit(endpoint) ? tooLarge(name, endpoint) : undefined;
}

/** The body, or `too-large` as soon as it passes `limit` (the rest is not read). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length > limit) {
        req.off('data', onData);
        req.pause();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Sends the call to WeChat with the account's client and turns the outcome into the relay's answer. */
async function forward(client: WechatClient, name: string, endpoint: RelayEndpoint, target: string, req: IncomingMessage, body: Buffer, record: RequestRecord): Promise<Answer> {
  let call: () => Promise<WechatAnswer>;
  if (endpoint.body === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(body.toString('utf8'));
    } catch {
      value = undefined;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return refusal({ status: 400, reason: 'bad-body', message: `${name} takes a JSON object` });
    call = () => client.postJson(name, value, { idempotent: endpoint.idempotent });
  } else {
    const media = await mediaOf(req, body);
    if (typeof media === 'string') return refusal({ status: 400, reason: 'bad-body', message: `${name} takes ${media}` });
    if (media.bytes.length > endpoint.maxBytes) return refusal(tooLarge(name, endpoint));
    const query = Object.fromEntries(new URLSearchParams(target.split('?')[1] ?? ''));
    call = () => client.postMedia(name, query, media);
  }
  try {
    return { status: 200, body: await call() };
  } catch (error) {
    if (!(error instanceof DigestError)) throw error;
    const errcode = error.details.errcode;
    if (error.code === 'E_WECHAT_API' && typeof errcode === 'number') {
      record.errcode = errcode;
      return { status: 200, body: { errcode, errmsg: String(error.details.errmsg ?? '') } };
    }
    const timedOut = /no answer within/.test(String(error.details.reason ?? ''));
    return { status: timedOut ? 504 : 502, body: { error: { reason: timedOut ? 'upstream-timeout' : 'upstream-failed', code: error.code, message: error.message } } };
  }
}

/** The one file of a multipart body, or what the body should have been. */
async function mediaOf(req: IncomingMessage, body: Buffer): Promise<{ bytes: Buffer; filename: string; mime: string } | string> {
  const expected = 'one file in the multipart field "media"';
  let form: FormData;
  try {
    form = await new Request('http://relay.invalid/', { method: 'POST', headers: { 'content-type': String(req.headers['content-type']) }, body: new Uint8Array(body) }).formData();
  } catch {
    return expected;
  }
  const fields = [...form.keys()];
  const media = form.get('media');
  if (fields.length !== 1 || !media || typeof media === 'string') return expected;
  return { bytes: Buffer.from(await media.arrayBuffer()), filename: media.name.replace(/[^\w.-]/g, '_').slice(0, 64) || 'image', mime: media.type || 'application/octet-stream' };
}

async function pem(path: string, field: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch {
    throw new DigestError('E_FILE', `${path}: cannot read the relay's ${field === 'tls.cert' ? 'certificate' : 'private key'} (${field}). Check the path and that the relay's user may read it.`, { details: { path, field } });
  }
}
