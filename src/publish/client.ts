import { createHash } from 'node:crypto';
import { BUSY_ERRCODES, TOKEN_ERRCODES, wechatApiError } from './api-errors.js';
import { readJsonFile, writeJsonFile, fileKey } from './cache-file.js';
import { request, type HttpConfig } from './http.js';
import type { Redactor } from './redact.js';
import { DigestError } from '../core/errors.js';

/** A token is renewed this long before WeChat says it expires. */
export const TOKEN_RENEW_MARGIN_MS = 5 * 60_000;

/** What the client needs: where the API is, who calls it, and how requests are sent. */
export interface ClientConfig extends HttpConfig {
  apiBase: string;
  appId: string;
  appSecret: string;
  /** Where the token file lives. */
  cacheDir: string;
  redactor: Redactor;
  onToken: (refreshed: boolean) => void;
}

interface CachedToken {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** Tokens of this process, by API base, appId and a hash of the secret (so a wrong secret never borrows a token). */
const memoryTokens = new Map<string, CachedToken>();

/** Token requests under way, by the key of `memoryTokens` and whether forced: concurrent calls share one. */
const pendingTokens = new Map<string, Promise<string>>();

/** The JSON answer of a WeChat endpoint (after `errcode` 0 or absent). */
export type WechatAnswer = Record<string, unknown>;

/** One file for a multipart upload (the field `media`). */
export interface MediaFile {
  bytes: Buffer;
  filename: string;
  mime: string;
}

/**
 * The calls publishing makes: straight to WeChat (`WechatClient`) or through a publishing relay
 * (`RelayClient`), which holds the secret and the token on the whitelisted machine.
 */
export interface WechatApi {
  /** POSTs JSON to an endpoint that needs the access token; `idempotent: false` is never repeated once sent. */
  postJson(endpoint: string, body: unknown, options: { idempotent: boolean }): Promise<WechatAnswer>;
  /** POSTs one file as the multipart field `media` to an endpoint that needs the access token. */
  postMedia(endpoint: string, query: Record<string, string>, file: MediaFile): Promise<WechatAnswer>;
}

/**
 * Calls the WeChat API: the access token from stable_token, cached in memory and in a file per
 * appId (the token and its expiry, and a hash of the API base, appId and secret that it must
 * match to be reused; never the secret), renewed before it expires and once more
 * (force_refresh) when WeChat refuses it; busy answers and network failures retried.
 *
 * @example
 * import { readFileSync } from 'node:fs'
 * import { Redactor } from './redact.js'
 * // `wechat` stands in for the API; `http` is the global fetch without retries
 * const client = new WechatClient({ ...http, apiBase: wechat.url, appId: 'wx12ab', appSecret: 'secret', cacheDir: tmp, redactor: new Redactor(), onToken: () => undefined })
 * await client.postMedia('media/uploadimg', {}, { bytes: readFileSync(`${images}/figure.png`), filename: 'figure.png', mime: 'image/png' })
 * // → { url: 'http://mmbiz.qpic.cn/mmbiz_png/…' }
 */
export class WechatClient implements WechatApi {
  private readonly memoryKey: string;
  private readonly tokenFile: string;
  /** Binds a saved token to the secret it was issued for: a reset (leaked) secret never reuses it. */
  private readonly secretHash: string;

  constructor(private readonly config: ClientConfig) {
    const secretHash = createHash('sha256').update(`wechat-digest token\n${config.apiBase}\n${config.appId}\n${config.appSecret}`).digest('hex');
    this.secretHash = secretHash;
    this.memoryKey = `${config.apiBase}\n${config.appId}\n${secretHash}`;
    this.tokenFile = fileKey(config.cacheDir, 'token', config.appId);
    config.redactor.add(config.appSecret);
  }

  /** POSTs JSON to an endpoint that needs the access token. */
  postJson(endpoint: string, body: unknown, options: { idempotent: boolean }): Promise<WechatAnswer> {
    const json = JSON.stringify(body);
    return this.call(endpoint, {}, () => ({ method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: json }), options.idempotent);
  }

  /** POSTs one file as the multipart field `media` to an endpoint that needs the access token. */
  postMedia(endpoint: string, query: Record<string, string>, file: MediaFile): Promise<WechatAnswer> {
    const blob = new Blob([new Uint8Array(file.bytes)], { type: file.mime });
    return this.call(endpoint, query, () => {
      const form = new FormData();
      form.append('media', blob, file.filename);
      return { method: 'POST', body: form };
    }, true);
  }

  private async call(endpoint: string, query: Record<string, string>, init: () => RequestInit, idempotent: boolean): Promise<WechatAnswer> {
    let token = await this.token();
    for (let renewed = false; ; renewed = true) {
      const answer = await this.send(endpoint, { access_token: token, ...query }, init, idempotent);
      const errcode = Number(answer.errcode ?? 0);
      if (errcode === 0) return answer;
      if (!renewed && TOKEN_ERRCODES.includes(errcode)) {
        token = await this.token(token);
        continue;
      }
      throw wechatApiError(endpoint, errcode, this.config.redactor.redact(String(answer.errmsg ?? '')));
    }
  }

  /**
   * The access token: from memory, the file, or stable_token. After WeChat `refused` a token, a
   * newer one in memory (renewed meanwhile by a concurrent call) is used, else a new one is forced.
   * Concurrent calls wait for one request to stable_token instead of each sending their own.
   */
  private async token(refused?: string): Promise<string> {
    const cached = memoryTokens.get(this.memoryKey) ?? (refused === undefined ? await this.tokenFromFile() : undefined);
    if (cached && cached.accessToken !== refused && cached.expiresAt - Date.now() > TOKEN_RENEW_MARGIN_MS) {
      memoryTokens.set(this.memoryKey, cached);
      this.config.redactor.add(cached.accessToken);
      return cached.accessToken;
    }
    const force = refused !== undefined;
    const pendingKey = `${this.memoryKey}\n${force}`;
    let pending = pendingTokens.get(pendingKey);
    if (!pending) {
      pending = this.newToken(force).finally(() => pendingTokens.delete(pendingKey));
      pendingTokens.set(pendingKey, pending);
    }
    const token = await pending;
    this.config.redactor.add(token);
    return token;
  }

  /** A token from stable_token, kept in memory and in the file. */
  private async newToken(force: boolean): Promise<string> {
    const body = JSON.stringify({ grant_type: 'client_credential', appid: this.config.appId, secret: this.config.appSecret, ...(force ? { force_refresh: true } : {}) });
    const answer = await this.send('stable_token', {}, () => ({ method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body }), true);
    const errcode = Number(answer.errcode ?? 0);
    if (errcode !== 0) throw wechatApiError('stable_token', errcode, this.config.redactor.redact(String(answer.errmsg ?? '')));
    const accessToken = answer.access_token;
    const expiresIn = Number(answer.expires_in);
    if (typeof accessToken !== 'string' || !accessToken || !(expiresIn > 0)) {
      throw new DigestError('E_WECHAT_API', 'WeChat answered stable_token without an access token. Check that apiBase points at the WeChat API.', { details: { endpoint: 'stable_token' } });
    }
    this.config.redactor.add(accessToken);
    const token: CachedToken = { accessToken, expiresAt: Date.now() + expiresIn * 1000 };
    memoryTokens.set(this.memoryKey, token);
    await writeJsonFile(this.tokenFile, { appId: this.config.appId, apiBase: this.config.apiBase, secretHash: this.secretHash, ...token });
    this.config.onToken(force);
    return accessToken;
  }

  private async tokenFromFile(): Promise<CachedToken | undefined> {
    const data = await readJsonFile(this.tokenFile);
    if (data?.appId !== this.config.appId || data.apiBase !== this.config.apiBase || data.secretHash !== this.secretHash) return undefined;
    if (typeof data.accessToken !== 'string' || typeof data.expiresAt !== 'number') return undefined;
    return { accessToken: data.accessToken, expiresAt: data.expiresAt };
  }

  /** One call: retries network failures and busy answers, parses the JSON answer. */
  private async send(endpoint: string, query: Record<string, string>, init: () => RequestInit, idempotent: boolean): Promise<WechatAnswer> {
    const url = new URL(`${this.config.apiBase}/cgi-bin/${endpoint}`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const http: HttpConfig = { ...this.config, onRetry: (e, attempt, delayMs, reason) => this.config.onRetry(e, attempt, delayMs, this.config.redactor.redact(reason)) };
    for (let busy = 0; ; busy++) {
      const response = await request(http, { endpoint, url: url.href, init, idempotent });
      let answer: WechatAnswer | undefined;
      try {
        answer = JSON.parse(response.body.toString('utf8'));
      } catch {
        answer = undefined;
      }
      if (response.status !== 200 || answer === null || typeof answer !== 'object' || Array.isArray(answer)) {
        throw new DigestError('E_NETWORK', `${endpoint} answered HTTP ${response.status} without a WeChat JSON answer. Check that apiBase (${this.config.apiBase}) points at the WeChat API.`, {
          details: { endpoint, status: response.status },
        });
      }
      const errcode = Number(answer.errcode ?? 0);
      if (!BUSY_ERRCODES.includes(errcode) || busy >= this.config.retries || !idempotent) return answer;
      const delayMs = this.config.retryDelayMs * 2 ** busy;
      http.onRetry(endpoint, busy + 1, delayMs, `errcode ${errcode}`);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
