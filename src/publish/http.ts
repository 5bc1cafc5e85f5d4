import { DigestError } from '../core/errors.js';

/** How requests are sent: the fetch to use, the time limit, and the retry schedule. */
export interface HttpConfig {
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
  retries: number;
  retryDelayMs: number;
  /** Told before each retry. */
  onRetry: (endpoint: string, attempt: number, delayMs: number, reason: string) => void;
}

/** A response read in full (or up to `maxBytes`). */
export interface HttpResponse {
  status: number;
  body: Buffer;
  /** True when the body was longer than `maxBytes` and reading stopped there. */
  truncated: boolean;
}

/** What one request is and how it may be retried. */
export interface RequestSpec {
  /** Short name for messages: `draft/add`, `download https://…`. Never contains a token. */
  endpoint: string;
  url: string;
  /** Builds the request; called once per attempt. */
  init: () => RequestInit;
  /**
   * Whether the request may be repeated after a failure that happened once it was sent (a
   * timeout, a reset connection, a 5xx). `draft/add` is not: a repeat could create two drafts.
   */
  idempotent: boolean;
  /** Stop reading the body after this many bytes. */
  maxBytes?: number;
  /** 5xx statuses that are answers to read, not failures to retry (a relay's report that WeChat failed). */
  answerStatuses?: readonly number[];
  /**
   * How many redirects to follow, each to the same site (`cdn.example.com` → `img.example.com`)
   * over http(s). Default 0: an API call never follows a redirect, so a body that holds the
   * AppSecret is never sent on to another host.
   */
  redirects?: number;
}

/**
 * The site of a host name, to tell whether a redirect stays with the same owner: its last two
 * labels (three under a two-letter country domain such as `com.cn` or `co.uk`); an IP address
 * is its own site.
 *
 * @example
 * siteOf('img.cdn.example.com') // → 'example.com'
 * siteOf('a.example.com.cn') // → 'example.com.cn'
 * siteOf('127.0.0.1') // → '127.0.0.1'
 */
export function siteOf(host: string): string {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (/^[\d.]+$/.test(name) || name.includes(':') || name.startsWith('[')) return name;
  const labels = name.split('.');
  const country = labels.length >= 3 && labels[labels.length - 1].length === 2 && /^(com|net|org|edu|gov|ac|co)$/.test(labels[labels.length - 2]);
  return labels.slice(country ? -3 : -2).join('.');
}

/** Why a redirect from `from` to `to` is not followed, or undefined when it is. */
function redirectRefusal(spec: RequestSpec, from: URL, to: URL, followed: number): string | undefined {
  const max = spec.redirects ?? 0;
  if (max === 0) return `it answered with a redirect to ${to.host}, and API calls follow none`;
  if (followed >= max) return `more than ${max} redirects`;
  if (to.protocol !== 'https:' && to.protocol !== 'http:') return `a redirect to a "${to.protocol}" URL`;
  if (siteOf(to.hostname) !== siteOf(from.hostname)) return `a redirect from ${from.host} to another site, ${to.host}`;
  return undefined;
}

/** Connection failures that happen before the request leaves this machine: safe to retry anything. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'ENETUNREACH', 'EHOSTUNREACH']);

class Failure {
  constructor(
    readonly reason: string,
    readonly sent: boolean,
  ) {}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends a request with a time limit per attempt, retrying network failures and 5xx answers
 * with exponential backoff (`retryDelayMs`, then twice that, …).
 *
 * @throws DigestError `E_NETWORK` when every attempt failed; the message names the endpoint,
 *   never the URL's query (which holds the access token).
 * @example
 * const config = { ...http, fetch: async () => new Response('‰PNG…') } // a server that answers with an image
 * await request(config, { endpoint: 'download https://x.test/a.png', url: 'https://x.test/a.png', init: () => ({ method: 'GET' }), idempotent: true })
 * // → { status: 200, body: [0xe2, 0x80, 0xb0, 0x50, 0x4e, 0x47, 0xe2, 0x80, 0xa6], truncated: false }
 * await request({ ...config, fetch: async () => new Response('', { status: 503 }) }, { endpoint: 'draft/add', url: 'https://x.test/', init: () => ({}), idempotent: false })
 * // throws: Could not complete draft/add at x.test: …
 */
export async function request(config: HttpConfig, spec: RequestSpec): Promise<HttpResponse> {
  let failure: Failure | undefined;
  for (let attempt = 0; attempt <= config.retries; attempt++) {
    if (failure) {
      const delayMs = config.retryDelayMs * 2 ** (attempt - 1);
      config.onRetry(spec.endpoint, attempt, delayMs, failure.reason);
      await sleep(delayMs);
    }
    const outcome = await attemptOnce(config, spec);
    if (outcome instanceof DigestError) throw outcome;
    if (!(outcome instanceof Failure)) return outcome;
    failure = outcome;
    if (failure.sent && !spec.idempotent) break;
  }
  const host = new URL(spec.url).host;
  const unsure = failure!.sent && !spec.idempotent ? ' The request may have reached WeChat: look in the draft box before running again.' : ' Check the network connection and apiBase, then run again.';
  throw new DigestError('E_NETWORK', `Could not complete ${spec.endpoint} at ${host}: ${failure!.reason}.${unsure}`, {
    details: { endpoint: spec.endpoint, reason: failure!.reason },
  });
}

async function attemptOnce(config: HttpConfig, spec: RequestSpec): Promise<HttpResponse | Failure | DigestError> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, config.timeoutMs);
  try {
    let url = spec.url;
    let response = await config.fetch(url, { ...spec.init(), redirect: 'manual', signal: controller.signal });
    for (let followed = 0; response.status >= 300 && response.status < 400 && response.headers.has('location'); followed++) {
      await response.body?.cancel();
      const from = new URL(url);
      const to = new URL(response.headers.get('location')!, from);
      const refusal = redirectRefusal(spec, from, to, followed);
      if (refusal) {
        return new DigestError('E_NETWORK', `${spec.endpoint} was not completed: ${refusal}. Check the URL${spec.redirects ? ', or save the image next to the digest and use its path' : ' and apiBase'}.`, {
          details: { endpoint: spec.endpoint, reason: refusal, status: response.status },
        });
      }
      url = to.href;
      response = await config.fetch(url, { ...spec.init(), redirect: 'manual', signal: controller.signal });
    }
    if (response.status >= 500 && !spec.answerStatuses?.includes(response.status)) {
      await response.body?.cancel();
      return new Failure(`HTTP ${response.status}`, true);
    }
    const { body, truncated } = await readBody(response, spec.maxBytes);
    if (truncated) controller.abort();
    return { status: response.status, body, truncated };
  } catch (error) {
    if (timedOut) return new Failure(`no answer within ${config.timeoutMs} ms`, true);
    const code = errorCode(error);
    return new Failure(code ? `connection failed (${code})` : 'connection failed', !(code && NOT_SENT.has(code)));
  } finally {
    clearTimeout(timer);
  }
}

async function readBody(response: Response, maxBytes = Infinity): Promise<{ body: Buffer; truncated: boolean }> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    return { body: Buffer.alloc(0), truncated: true };
  }
  if (!response.body) return { body: Buffer.alloc(0), truncated: false };
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of response.body) {
    chunks.push(Buffer.from(chunk));
    length += chunk.byteLength;
    if (length > maxBytes) return { body: Buffer.concat(chunks), truncated: true };
  }
  return { body: Buffer.concat(chunks), truncated: false };
}

/** The system error code behind a fetch failure (`ECONNREFUSED`, …), if there is one. */
function errorCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string') return e.code;
  }
  return undefined;
}
