import { DigestError } from '../core/errors.js';
import { quotedIp, wechatApiError } from './api-errors.js';
import type { MediaFile, WechatAnswer, WechatApi } from './client.js';
import { request, type HttpConfig } from './http.js';
import type { Redactor } from './redact.js';
import { relayTarget, signedHeaders } from './relay-protocol.js';

/** Where a publishing relay is and the key this client signs with (`PublishOptions.relay`). */
export interface RelayAccess {
  /** The relay's URL, e.g. `https://relay.example.com` (a path prefix is kept). */
  url: string;
  /** The key's id, as the relay's configuration names it. */
  keyId: string;
  /** The key's secret; it signs requests and is never sent. */
  key: string;
}

/** What the relay client needs: how requests are sent, the relay, the account and the redactor. */
export interface RelayClientConfig extends HttpConfig {
  relay: RelayAccess;
  appId: string;
  redactor: Redactor;
}

/** The error a relay answers with when it refuses or fails a request. */
interface RelayRefusal {
  reason?: string;
  message?: string;
  code?: string;
  retryAfterSeconds?: number;
}

/** Statuses by which the relay reports that WeChat failed (502, 504) or that it is stopping (503): answers, not network failures. */
const RELAY_ANSWER_STATUSES = [502, 503, 504];

/** The most a relay's answer may hold: WeChat's answers are small (draft/get is the largest). */
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

/**
 * Sends each WeChat call through a publishing relay (`wechat-digest relay`) on the machine whose
 * IP address is on the account's whitelist: the same calls as `WechatClient`, signed with the
 * client's key (HMAC-SHA256, a fresh timestamp and nonce per attempt); the relay adds the access
 * token. The AppSecret and the token never reach this machine. A request the relay refused
 * before forwarding it (429 rate limit, 503 stopping) is sent again after the wait it names,
 * even `draft/add`; one it forwarded is repeated only when idempotent, as without a relay.
 *
 * @example
 * import { Redactor } from './redact.js'
 * // no relay listens at this address: an idempotent call is tried, then refused with what to check
 * const client = new RelayClient({ ...http, relay: { url: 'http://127.0.0.1:9', keyId: 'laptop', key: 'k'.repeat(32) }, appId: 'wx12ab', redactor: new Redactor() })
 * await client.postJson('draft/get', { media_id: 'DRAFT_1' }, { idempotent: true })
 * // throws: Could not complete draft/get through the relay at 127.0.0.1:9: connection failed…
 */
export class RelayClient implements WechatApi {
  constructor(private readonly config: RelayClientConfig) {
    config.redactor.add(config.relay.key);
  }

  /** POSTs JSON to `endpoint` through the relay. */
  postJson(endpoint: string, body: unknown, options: { idempotent: boolean }): Promise<WechatAnswer> {
    return this.call(endpoint, {}, Buffer.from(JSON.stringify(body), 'utf8'), 'application/json; charset=utf-8', options.idempotent);
  }

  /** POSTs one file as the multipart field `media` to `endpoint` through the relay. */
  async postMedia(endpoint: string, query: Record<string, string>, file: MediaFile): Promise<WechatAnswer> {
    const form = new FormData();
    form.append('media', new Blob([new Uint8Array(file.bytes)], { type: file.mime }), file.filename);
    // Encoded once: the signature covers these exact bytes.
    const encoded = new Response(form);
    const body = Buffer.from(await encoded.arrayBuffer());
    return this.call(endpoint, query, body, encoded.headers.get('content-type') ?? 'multipart/form-data', true);
  }

  private async call(endpoint: string, query: Record<string, string>, body: Buffer, contentType: string, idempotent: boolean): Promise<WechatAnswer> {
    const { relay, appId, redactor } = this.config;
    const target = relayTarget(appId, endpoint, query);
    const url = `${relay.url.replace(/\/+$/, '')}${target}`;
    const host = new URL(url).host;
    const name = `${endpoint} through the relay`;
    const init = (): RequestInit => ({
      method: 'POST',
      headers: { 'content-type': contentType, ...signedHeaders({ id: relay.keyId, secret: relay.key }, 'POST', target, body) },
      body: new Uint8Array(body),
    });
    for (let wait = 0; ; wait++) {
      const response = await request(this.config, { endpoint: name, url, init, idempotent, maxBytes: MAX_ANSWER_BYTES, answerStatuses: RELAY_ANSWER_STATUSES });
      const answer = parseJson(response.body);
      if (response.status === 200 && answer && !('error' in answer && answer.error && typeof answer.error === 'object')) {
        const errcode = Number(answer.errcode ?? 0);
        if (errcode === 0) return answer;
        const errmsg = redactor.redact(String(answer.errmsg ?? ''));
        if (errcode === 40164) throw whitelistError(endpoint, host, errmsg);
        throw wechatApiError(endpoint, errcode, errmsg);
      }
      const refusal = refusalOf(answer);
      const message = redactor.redact(refusal?.message ?? `answered HTTP ${response.status} without a relay's answer; check that the relay URL (${relay.url}) points at \`wechat-digest relay\``);
      const again = response.status === 429 || response.status === 503;
      if (again && wait < this.config.retries) {
        const delayMs = Math.max(this.config.retryDelayMs, Math.min(60, refusal?.retryAfterSeconds ?? 1) * 1000);
        this.config.onRetry(name, wait + 1, delayMs, `the relay answered HTTP ${response.status}`);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        continue;
      }
      if (response.status === 502 || response.status === 504) {
        const code = refusal?.code === 'E_WECHAT_API' ? 'E_WECHAT_API' : 'E_NETWORK';
        throw new DigestError(code, `The relay at ${host} could not complete ${endpoint} at WeChat: ${message}`, { details: { endpoint, status: response.status, reason: refusal?.reason } });
      }
      throw new DigestError('E_RELAY', `The relay at ${host} refused ${endpoint} (HTTP ${response.status}${refusal?.reason ? `, ${refusal.reason}` : ''}): ${message}`, {
        details: { endpoint, status: response.status, reason: refusal?.reason },
      });
    }
  }
}

function parseJson(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function refusalOf(answer: Record<string, unknown> | undefined): RelayRefusal | undefined {
  const error = answer?.error;
  return error !== null && typeof error === 'object' && !Array.isArray(error) ? (error as RelayRefusal) : undefined;
}

/** 40164 through a relay: it is the relay's address that the whitelist lacks. */
function whitelistError(endpoint: string, host: string, errmsg: string): DigestError {
  const ip = quotedIp(errmsg);
  return new DigestError(
    'E_WECHAT_API',
    `WeChat refused ${endpoint} (errcode 40164): the relay's IP address${ip ? ` ${ip}` : ''} is not on the account\u2019s IP whitelist. Add ${ip ?? 'the public IP address of the relay at ' + host} to the IP whitelist (设置与开发 → 基本配置 → IP白名单) in the Official Account platform, then run again.`,
    { details: { errcode: 40164, errmsg, endpoint } },
  );
}
