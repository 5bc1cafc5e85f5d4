/**
 * A local stand-in for the WeChat API on 127.0.0.1: stable_token, media/uploadimg,
 * material/add_material, draft/add, draft/update, draft/get, draft/delete, freepublish/submit,
 * freepublish/get and message/mass/preview with their documented answers and error codes, plus
 * switches that make it misbehave the way the real one can. `/files/<name>` serves test images
 * for the download path.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { imageSize } from 'image-size';

/** One request as the server saw it. */
export interface SeenRequest {
  method: string;
  /** `stable_token`, `media/uploadimg`, …, or `/files/x.png`. */
  endpoint: string;
  query: Record<string, string>;
}

/** One file received by an upload endpoint. */
export interface ReceivedUpload {
  endpoint: 'media/uploadimg' | 'material/add_material';
  filename: string;
  /** Content type of the multipart part. */
  mime: string;
  format: string | undefined;
  width?: number;
  height?: number;
  bytes: number;
  sha256: string;
  url: string;
  mediaId?: string;
  /** The file as received. */
  data: Buffer;
}

/** A draft received by draft/add: the request body exactly as sent, and its parsed articles. */
export interface ReceivedDraft {
  mediaId: string;
  raw: string;
  articles: Record<string, unknown>[];
}

/** Ways to make the server misbehave. Each can be changed between and during runs. */
export interface FakeSwitches {
  /** After this many calls with the current token, the token expires (42001) until a forced refresh; the switch then turns itself off. */
  expireTokenAfterCalls?: number;
  /** Every call is refused with 42001, whatever the token: another program keeps refreshing it. */
  refuseEveryToken?: boolean;
  /** Every API call is refused with 40164, quoting this IP. */
  refuseIp?: string;
  /** These endpoints answer 45009 (daily quota reached). */
  quotaReached?: string[];
  /** Body images above this many bytes are refused with 40009. Default 1,000,000. */
  maxImageBytes?: number;
  /** Milliseconds to wait before answering, per endpoint. */
  delayMs?: Record<string, number>;
  /** Per endpoint (`stable_token`, `/files/x.png`, …): cut the connection of the next n requests before any answer. */
  dropConnections?: Record<string, number>;
  /** draft/add answers 40007 for these thumb media ids, as if the material had been deleted. */
  deletedMedia?: string[];
  /** What WeChat does to an article's content when it stores it (what draft/get returns). Default: keeps it as sent. */
  keepContent?: (html: string) => string;
  /** The publish_status freepublish/get answers, one per call (the last one repeats). Default [1, 0]. */
  publishStatuses?: number[];
  /** These endpoints answer 48001 (the account lacks the permission). */
  unauthorised?: string[];
}

/** A stored draft: its articles as WeChat keeps them. */
export interface StoredDraft {
  articles: Record<string, unknown>[];
}

const TOKEN_ERRORS = {
  missing: { errcode: 41001, errmsg: 'access_token missing rid: 6751a2b3-1f2e3d4c-0a1b2c3d' },
  invalid: { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest rid: 6751a2b3-1f2e3d4c-0a1b2c3d' },
  expired: { errcode: 42001, errmsg: 'access_token expired rid: 6751a2b3-1f2e3d4c-0a1b2c3d' },
};

export class FakeWechat {
  readonly appId: string;
  readonly appSecret: string;
  switches: FakeSwitches = {};
  readonly requests: SeenRequest[] = [];
  readonly tokenRequests: { appid: string; force_refresh: boolean }[] = [];
  /** Every access token handed out, oldest first. */
  readonly issuedTokens: string[] = [];
  readonly uploads: ReceivedUpload[] = [];
  readonly drafts: ReceivedDraft[] = [];
  /** The draft box: media_id → the draft as stored (added, updated; removed when deleted or published). */
  readonly draftBox = new Map<string, StoredDraft>();
  /** Every draft/update call: which draft, which article. */
  readonly updates: { mediaId: string; index: number; article: Record<string, unknown> }[] = [];
  readonly deletedDrafts: string[] = [];
  readonly submissions: { mediaId: string; publishId: string }[] = [];
  readonly previews: { towxname: string; mediaId: string }[] = [];
  private readonly publishing = new Map<string, { mediaId: string; polls: number; articles: Record<string, unknown>[] }>();
  /** Files served under /files/. */
  readonly files = new Map<string, Buffer>();
  private server?: Server;
  private token?: { value: string; expiresAt: number; calls: number; expired: boolean };
  private readonly materials = new Set<string>();

  constructor(credentials: { appId: string; appSecret: string }) {
    this.appId = credentials.appId;
    this.appSecret = credentials.appSecret;
  }

  /** The base URL, e.g. `http://127.0.0.1:41234`. */
  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('the fake WeChat server is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Requests to the API endpoints (not the file downloads). */
  apiRequests(endpoint?: string): SeenRequest[] {
    return this.requests.filter((r) => !r.endpoint.startsWith('/files/') && (endpoint === undefined || r.endpoint === endpoint));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const endpoint = url.pathname.startsWith('/cgi-bin/') ? url.pathname.slice('/cgi-bin/'.length) : url.pathname;
    this.requests.push({ method: req.method ?? '', endpoint, query: Object.fromEntries(url.searchParams) });
    const body = await readBody(req);
    const drops = this.switches.dropConnections;
    if (drops?.[endpoint]) {
      drops[endpoint]--;
      req.socket.destroy();
      return;
    }
    const delay = this.switches.delayMs?.[endpoint];
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    if (res.destroyed) return;

    if (endpoint.startsWith('/files/')) {
      const file = this.files.get(endpoint.slice('/files/'.length));
      if (!file) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return void res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.length }).end(file);
    }
    const answer = await this.answer(endpoint, url, req, body);
    if (answer === undefined) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer));
  }

  private async answer(endpoint: string, url: URL, req: IncomingMessage, body: Buffer): Promise<Record<string, unknown> | undefined> {
    const handlers: Record<string, () => Promise<Record<string, unknown>> | Record<string, unknown>> = {
      stable_token: () => this.stableToken(body),
      'media/uploadimg': () => this.authorised(endpoint, url, () => this.upload('media/uploadimg', req, body)),
      'material/add_material': () =>
        this.authorised(endpoint, url, () =>
          url.searchParams.get('type') === 'image' ? this.upload('material/add_material', req, body) : { errcode: 40004, errmsg: 'invalid media type' },
        ),
      'draft/add': () => this.authorised(endpoint, url, () => this.addDraft(body)),
      'draft/update': () => this.authorised(endpoint, url, () => this.updateDraft(body)),
      'draft/get': () => this.authorised(endpoint, url, () => this.getDraft(body)),
      'draft/delete': () => this.authorised(endpoint, url, () => this.deleteDraft(body)),
      'freepublish/submit': () => this.authorised(endpoint, url, () => this.submit(body)),
      'freepublish/get': () => this.authorised(endpoint, url, () => this.publishState(body)),
      'message/mass/preview': () => this.authorised(endpoint, url, () => this.preview(body)),
    };
    if (req.method !== 'POST' && handlers[endpoint]) return { errcode: 43002, errmsg: 'require POST method' };
    return handlers[endpoint]?.();
  }

  private ipRefusal(): Record<string, unknown> | undefined {
    const ip = this.switches.refuseIp;
    return ip ? { errcode: 40164, errmsg: `invalid ip ${ip} ipv6 ::ffff:${ip}, not in whitelist rid: 6751a2b3-0c1d2e3f-4a5b6c7d` } : undefined;
  }

  private stableToken(body: Buffer): Record<string, unknown> {
    const request = JSON.parse(body.toString('utf8') || '{}') as { grant_type?: string; appid?: string; secret?: string; force_refresh?: boolean };
    this.tokenRequests.push({ appid: String(request.appid), force_refresh: request.force_refresh === true });
    if (request.grant_type !== 'client_credential') return { errcode: 40002, errmsg: 'invalid grant_type' };
    if (request.appid !== this.appId) return { errcode: 40013, errmsg: 'invalid appid' };
    if (request.secret !== this.appSecret) return { errcode: 40125, errmsg: 'invalid appsecret' };
    const refusal = this.ipRefusal();
    if (refusal) return refusal;
    const now = Date.now();
    if (request.force_refresh || !this.token || this.token.expired || this.token.expiresAt <= now) {
      const value = `TOKEN_${this.issuedTokens.length + 1}_${randomBytes(24).toString('hex')}`;
      this.issuedTokens.push(value);
      this.token = { value, expiresAt: now + 7200_000, calls: 0, expired: false };
    }
    return { access_token: this.token.value, expires_in: Math.floor((this.token.expiresAt - now) / 1000) };
  }

  private async authorised(endpoint: string, url: URL, then: () => Promise<Record<string, unknown>> | Record<string, unknown>): Promise<Record<string, unknown>> {
    const refusal = this.ipRefusal();
    if (refusal) return refusal;
    const given = url.searchParams.get('access_token');
    if (!given) return TOKEN_ERRORS.missing;
    if (!this.token || given !== this.token.value) return this.issuedTokens.includes(given) ? TOKEN_ERRORS.expired : TOKEN_ERRORS.invalid;
    const limit = this.switches.expireTokenAfterCalls;
    if (limit !== undefined && this.token.calls >= limit) {
      this.token.expired = true;
      delete this.switches.expireTokenAfterCalls;
    }
    if (this.token.expired || this.switches.refuseEveryToken) return TOKEN_ERRORS.expired;
    this.token.calls++;
    if (this.switches.quotaReached?.includes(endpoint)) return { errcode: 45009, errmsg: 'reach max api daily quota limit rid: 6751a2b3-5e6f7a8b-9c0d1e2f' };
    if (this.switches.unauthorised?.includes(endpoint)) return { errcode: 48001, errmsg: 'api unauthorized rid: 6751a2b3-1a2b3c4d-5e6f7a8b' };
    return then();
  }

  private async upload(endpoint: ReceivedUpload['endpoint'], req: IncomingMessage, body: Buffer): Promise<Record<string, unknown>> {
    const form = await new Request('http://127.0.0.1/upload', { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body: new Uint8Array(body) }).formData();
    const media = form.get('media');
    if (!media || typeof media === 'string') return { errcode: 41005, errmsg: 'media data missing' };
    const bytes = Buffer.from(await media.arrayBuffer());
    let format: string | undefined;
    let size: { width?: number; height?: number } = {};
    try {
      const found = imageSize(bytes);
      format = found.type;
      size = { width: found.width, height: found.height };
    } catch {
      format = undefined;
    }
    const isBody = endpoint === 'media/uploadimg';
    const allowed = isBody ? ['jpg', 'png'] : ['jpg', 'png', 'gif', 'bmp'];
    if (!format || !allowed.includes(format)) return { errcode: 40005, errmsg: 'invalid file type' };
    const max = isBody ? (this.switches.maxImageBytes ?? 1_000_000) : 10_000_000;
    if (bytes.length > max) return { errcode: 40009, errmsg: 'invalid image size' };
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    // As media/uploadimg answers: an 86-character id, 119–121 characters in all.
    const url = `http://mmbiz.qpic.cn/mmbiz_${format}/${(sha256 + sha256).slice(0, 86)}/0`;
    const record: ReceivedUpload = { endpoint, filename: media.name, mime: media.type, format, ...size, bytes: bytes.length, sha256, url, data: bytes };
    if (!isBody) {
      record.mediaId = `MEDIA_${this.uploads.length + 1}_${sha256.slice(0, 12)}`;
      this.materials.add(record.mediaId);
    }
    this.uploads.push(record);
    return isBody ? { url } : { media_id: record.mediaId, url };
  }

  /** Deletes a draft as a user would in the console. */
  deleteInConsole(mediaId: string): void {
    this.draftBox.delete(mediaId);
  }

  private addDraft(body: Buffer): Record<string, unknown> {
    const raw = body.toString('utf8');
    let articles: Record<string, unknown>[];
    try {
      articles = (JSON.parse(raw) as { articles: Record<string, unknown>[] }).articles;
    } catch {
      return { errcode: 47001, errmsg: 'data format error' };
    }
    if (!Array.isArray(articles) || !articles.length || articles.length > 8) return { errcode: 44003, errmsg: 'empty news data' };
    const refusal = this.checkArticles(articles);
    if (refusal) return refusal;
    const mediaId = `DRAFT_${this.drafts.length + 1}_${randomBytes(6).toString('hex')}`;
    this.drafts.push({ mediaId, raw, articles });
    this.draftBox.set(mediaId, { articles: articles.map((a) => this.kept(a)) });
    return { media_id: mediaId };
  }

  /** An article as WeChat stores it. */
  private kept(article: Record<string, unknown>): Record<string, unknown> {
    const keep = this.switches.keepContent ?? ((html: string) => html);
    return { ...article, content: keep(String(article.content ?? '')) };
  }

  private json(body: Buffer): Record<string, unknown> | undefined {
    try {
      const data: unknown = JSON.parse(body.toString('utf8'));
      return data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }

  private updateDraft(body: Buffer): Record<string, unknown> {
    const request = this.json(body);
    if (!request) return { errcode: 47001, errmsg: 'data format error' };
    const mediaId = String(request.media_id ?? '');
    const index = Number(request.index);
    const article = request.articles as Record<string, unknown> | undefined;
    const draft = this.draftBox.get(mediaId);
    if (!draft) return { errcode: 40007, errmsg: 'invalid media_id' };
    if (!Number.isInteger(index) || index < 0 || index >= draft.articles.length) return { errcode: 40097, errmsg: 'invalid args index' };
    if (!article || typeof article !== 'object' || Array.isArray(article)) return { errcode: 44003, errmsg: 'empty news data' };
    const refusal = this.checkArticles([article]);
    if (refusal) return refusal;
    this.updates.push({ mediaId, index, article });
    draft.articles[index] = this.kept(article);
    return { errcode: 0, errmsg: 'ok' };
  }

  private getDraft(body: Buffer): Record<string, unknown> {
    const mediaId = String(this.json(body)?.media_id ?? '');
    const draft = this.draftBox.get(mediaId);
    if (!draft) return { errcode: 40007, errmsg: 'invalid media_id' };
    return { news_item: draft.articles.map((a) => ({ ...a, url: `http://mp.weixin.qq.com/s?__biz=fake&mid=${mediaId}`, thumb_url: 'http://mmbiz.qpic.cn/thumb/0' })), create_time: 1764300000, update_time: 1764300000 };
  }

  private deleteDraft(body: Buffer): Record<string, unknown> {
    const mediaId = String(this.json(body)?.media_id ?? '');
    if (!this.draftBox.delete(mediaId)) return { errcode: 40007, errmsg: 'invalid media_id' };
    this.deletedDrafts.push(mediaId);
    return { errcode: 0, errmsg: 'ok' };
  }

  private submit(body: Buffer): Record<string, unknown> {
    const mediaId = String(this.json(body)?.media_id ?? '');
    const draft = this.draftBox.get(mediaId);
    if (!draft) return { errcode: 40007, errmsg: 'invalid media_id' };
    const publishId = String(2247483000 + this.submissions.length + 1);
    this.submissions.push({ mediaId, publishId });
    this.publishing.set(publishId, { mediaId, polls: 0, articles: draft.articles });
    // A submitted draft leaves the draft box.
    this.draftBox.delete(mediaId);
    return { errcode: 0, errmsg: 'ok', publish_id: publishId, msg_data_id: 2247483100 };
  }

  private publishState(body: Buffer): Record<string, unknown> {
    const publishId = String(this.json(body)?.publish_id ?? '');
    const job = this.publishing.get(publishId);
    if (!job) return { errcode: 40007, errmsg: 'invalid media_id' };
    const statuses = this.switches.publishStatuses ?? [1, 0];
    const status = statuses[Math.min(job.polls, statuses.length - 1)];
    job.polls++;
    const answer: Record<string, unknown> = { publish_id: publishId, publish_status: status };
    if (status === 0) {
      answer.article_id = `ARTICLE_${publishId}`;
      answer.article_detail = { count: job.articles.length, item: job.articles.map((_, i) => ({ idx: i + 1, article_url: `http://mp.weixin.qq.com/s?__biz=fake&mid=${publishId}&idx=${i + 1}` })) };
    }
    if (status === 2 || status === 4) answer.fail_idx = [1];
    return answer;
  }

  private preview(body: Buffer): Record<string, unknown> {
    const request = this.json(body);
    const towxname = String(request?.towxname ?? '');
    const mediaId = String((request?.mpnews as { media_id?: string } | undefined)?.media_id ?? '');
    if (request?.msgtype !== 'mpnews') return { errcode: 40008, errmsg: 'invalid message type' };
    if (!towxname) return { errcode: 40132, errmsg: 'invalid username' };
    if (!this.draftBox.has(mediaId)) return { errcode: 40007, errmsg: 'invalid media_id' };
    this.previews.push({ towxname, mediaId });
    return { errcode: 0, errmsg: 'preview success', msg_id: 34182 };
  }

  private checkArticles(articles: Record<string, unknown>[]): Record<string, unknown> | undefined {
    for (const a of articles) {
      const title = String(a.title ?? '');
      if (!title) return { errcode: 44003, errmsg: 'empty news data' };
      if ([...title].length > 64) return { errcode: 45003, errmsg: 'title size out of limit' };
      if (a.digest !== undefined && [...String(a.digest)].length > 120) return { errcode: 45004, errmsg: 'description size out of limit' };
      if (String(a.content ?? '').length >= 20_000) return { errcode: 45002, errmsg: 'content size out of limit' };
      for (const crop of ['pic_crop_235_1', 'pic_crop_1_1']) {
        if (a[crop] === undefined) continue;
        const [x1, y1, x2, y2] = String(a[crop]).split('_').map(Number);
        if (![x1, y1, x2, y2].every((v) => v >= 0 && v <= 1) || !(x1 < x2 && y1 < y2)) return { errcode: 40097, errmsg: `invalid args ${crop}` };
      }
      const thumb = String(a.thumb_media_id ?? '');
      if (!this.materials.has(thumb) || this.switches.deletedMedia?.includes(thumb)) return { errcode: 40007, errmsg: 'invalid media_id' };
    }
    return undefined;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
