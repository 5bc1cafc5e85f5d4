import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * How a client speaks to a publishing relay: the request path of each forwarded endpoint, the
 * headers that carry the signature, and the string that is signed. The client (`RelayClient`)
 * and the relay (`src/relay/`) both read it from here, so the two cannot drift apart.
 *
 * A request is signed with the key's secret as HMAC-SHA256 over
 * `WD1-HMAC-SHA256\n<METHOD>\n<path and query>\n<timestamp>\n<nonce>\n<SHA-256 of the body>`;
 * the path is the one below the relay's URL (`/v1/accounts/<appId>/<endpoint>`), so a reverse
 * proxy that mounts the relay under a prefix and strips it keeps the signature valid.
 */
export const RELAY_SCHEME = 'WD1-HMAC-SHA256';

/** The headers of a signed request. */
export const RELAY_HEADERS = {
  /** The key's id (not secret). */
  keyId: 'x-wd-key-id',
  /** Seconds since the epoch when the request was signed. */
  timestamp: 'x-wd-timestamp',
  /** 32 hex digits, new for every request (a repeat is refused). */
  nonce: 'x-wd-nonce',
  /** SHA-256 of the body, hex. */
  contentSha256: 'x-wd-content-sha256',
  /** HMAC-SHA256 of the string to sign with the key's secret, hex. */
  signature: 'x-wd-signature',
} as const;

/** How far a request's timestamp may be from the relay's clock. */
export const RELAY_CLOCK_WINDOW_MS = 5 * 60_000;

/** The shortest key secret a relay accepts (characters): 32 hex digits are 128 bits. */
export const RELAY_KEY_MIN_LENGTH = 32;

/** What a signature covers. */
export interface RelaySigned {
  method: string;
  /** Path and query below the relay's URL: `/v1/accounts/wx12ab/draft/add`. */
  target: string;
  /** Seconds since the epoch, as sent. */
  timestamp: string;
  nonce: string;
  /** SHA-256 of the body, hex. */
  contentSha256: string;
}

/**
 * The path below the relay's URL that forwards `endpoint` for the account `appId`.
 *
 * @example
 * relayTarget('wx12ab', 'material/add_material', { type: 'image' }) // → '/v1/accounts/wx12ab/material/add_material?type=image'
 */
export function relayTarget(appId: string, endpoint: string, query: Record<string, string> = {}): string {
  const search = new URLSearchParams(query).toString();
  return `/v1/accounts/${encodeURIComponent(appId)}/${endpoint}${search ? `?${search}` : ''}`;
}

/**
 * SHA-256 of bytes, hex.
 *
 * @example
 * sha256Hex(Buffer.alloc(0)) // → 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
 */
export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The signature of a request: HMAC-SHA256 with the key's secret over the scheme, method, target,
 * timestamp, nonce and body hash, one per line; hex.
 *
 * @example
 * const signed = { method: 'POST', target: '/v1/accounts/wx12ab/draft/get', timestamp: '1764300000', nonce: '0f'.repeat(16), contentSha256: sha256Hex(Buffer.from('{}')) }
 * relaySignature('k'.repeat(32), signed).length // → 64
 * relaySignature('k'.repeat(32), signed) === relaySignature('k'.repeat(32), { ...signed, nonce: '1f'.repeat(16) }) // → false
 */
export function relaySignature(secret: string, signed: RelaySigned): string {
  const text = [RELAY_SCHEME, signed.method.toUpperCase(), signed.target, signed.timestamp, signed.nonce, signed.contentSha256].join('\n');
  return createHmac('sha256', secret).update(text).digest('hex');
}

/**
 * The headers that sign one request: a fresh nonce and the current time each call, so a retry is
 * a new request to the relay (and not a replay).
 *
 * @example
 * const headers = signedHeaders({ id: 'laptop', secret: 'k'.repeat(32) }, 'POST', '/v1/accounts/wx12ab/draft/get', Buffer.from('{}'), 1764300000000)
 * headers['x-wd-key-id'] // → 'laptop'
 * headers['x-wd-timestamp'] // → '1764300000'
 * Object.values(headers).includes('k'.repeat(32)) // → false
 */
export function signedHeaders(key: { id: string; secret: string }, method: string, target: string, body: Buffer, now = Date.now()): Record<string, string> {
  const signed: RelaySigned = { method, target, timestamp: String(Math.floor(now / 1000)), nonce: randomBytes(16).toString('hex'), contentSha256: sha256Hex(body) };
  return {
    [RELAY_HEADERS.keyId]: key.id,
    [RELAY_HEADERS.timestamp]: signed.timestamp,
    [RELAY_HEADERS.nonce]: signed.nonce,
    [RELAY_HEADERS.contentSha256]: signed.contentSha256,
    [RELAY_HEADERS.signature]: relaySignature(key.secret, signed),
  };
}
