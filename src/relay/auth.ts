import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { RELAY_CLOCK_WINDOW_MS, RELAY_HEADERS, relaySignature, type RelaySigned } from '../publish/relay-protocol.js';
import type { RelayKey } from './config.js';

/** Why a request was refused: an HTTP status, a stable reason, and a message that says what to do. */
export interface RelayRefusal {
  status: number;
  reason: string;
  message: string;
  /** With 429 and 503: when to try again. */
  retryAfterSeconds?: number;
}

/**
 * The nonces seen within the clock window, per key: a request whose nonce is here is a replay.
 * Entries are dropped once they are older than twice the window (a request that old is refused
 * for its timestamp anyway), so the book stays as small as the traffic of ten minutes.
 *
 * @example
 * const book = new NonceBook()
 * book.use('laptop', 'ab'.repeat(16), 1_000) // → true
 * book.use('laptop', 'ab'.repeat(16), 2_000) // → false
 * book.use('ci', 'ab'.repeat(16), 2_000) // → true
 */
export class NonceBook {
  private readonly seen = new Map<string, number>();
  private lastSweep = 0;

  constructor(private readonly windowMs = RELAY_CLOCK_WINDOW_MS) {}

  /** Records the nonce; false when it was seen before. */
  use(keyId: string, nonce: string, now: number): boolean {
    this.sweep(now);
    const id = `${keyId}\n${nonce}`;
    if (this.seen.has(id)) return false;
    this.seen.set(id, now);
    return true;
  }

  /** How many nonces are kept. */
  get size(): number {
    return this.seen.size;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 10_000) return;
    this.lastSweep = now;
    for (const [id, at] of this.seen) if (now - at > 2 * this.windowMs) this.seen.delete(id);
  }
}

const header = (headers: IncomingHttpHeaders, name: string) => {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * Checks a request's signature before its body is read: the headers are there, the key is known,
 * the timestamp is within ±5 minutes of `now`, the HMAC over method, target, timestamp, nonce and
 * the claimed body hash matches (compared in constant time), and the nonce is new. The body is
 * checked against the hash once it is read. Returns the key, or why the request is refused (401).
 *
 * @example
 * import { signedHeaders } from '../publish/relay-protocol.js'
 * const key = { id: 'laptop', secret: 'k'.repeat(32), ratePerMinute: 60 }
 * const keys = new Map([[key.id, key]])
 * const headers = signedHeaders(key, 'POST', '/v1/accounts/wx12ab/draft/get', Buffer.from('{}'), 1_764_300_000_000)
 * authenticate(keys, new NonceBook(), 'POST', '/v1/accounts/wx12ab/draft/get', headers, 1_764_300_030_000).id // → 'laptop'
 * authenticate(keys, new NonceBook(), 'POST', '/v1/accounts/wx12ab/draft/add', headers, 1_764_300_030_000).reason // → 'bad-signature'
 * authenticate(keys, new NonceBook(), 'POST', '/v1/accounts/wx12ab/draft/get', headers, 1_764_300_600_000).reason // → 'clock-skew'
 */
export function authenticate(keys: ReadonlyMap<string, RelayKey>, nonces: NonceBook, method: string, target: string, headers: IncomingHttpHeaders, now: number): RelayKey | RelayRefusal {
  const keyId = header(headers, RELAY_HEADERS.keyId);
  const timestamp = header(headers, RELAY_HEADERS.timestamp);
  const nonce = header(headers, RELAY_HEADERS.nonce);
  const contentSha256 = header(headers, RELAY_HEADERS.contentSha256);
  const signature = header(headers, RELAY_HEADERS.signature);
  if (!keyId || !timestamp || !nonce || !contentSha256 || !signature) {
    return { status: 401, reason: 'unsigned', message: `the request is not signed (headers ${Object.values(RELAY_HEADERS).join(', ')}); publish with the relay option (--relay) and a key` };
  }
  const key = keys.get(keyId);
  if (!key) return { status: 401, reason: 'unknown-key', message: `no key "${keyId.slice(0, 64)}" is configured on the relay; check the key id (WECHAT_RELAY_KEY_ID) against the relay's keys[].id` };
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(Number(timestamp) * 1000 - now) > RELAY_CLOCK_WINDOW_MS) {
    const skew = /^\d{1,12}$/.test(timestamp) ? `${Math.round(Number(timestamp) - now / 1000)} s` : 'an unreadable time';
    return { status: 401, reason: 'clock-skew', message: `the request was signed at ${skew} from the relay's clock; ±${RELAY_CLOCK_WINDOW_MS / 1000} s are accepted. Set the clocks of this machine and the relay by NTP` };
  }
  if (!/^[0-9a-f]{64}$/.test(signature) || !/^[0-9a-f]{64}$/.test(contentSha256) || !/^[0-9a-f]{16,64}$/.test(nonce)) {
    return { status: 401, reason: 'bad-signature', message: 'the signature headers are malformed; publish with a wechat-digest of the same protocol as the relay' };
  }
  const signed: RelaySigned = { method, target, timestamp, nonce, contentSha256 };
  const expected = Buffer.from(relaySignature(key.secret, signed), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) {
    return { status: 401, reason: 'bad-signature', message: `the signature does not match; check that the key secret (WECHAT_RELAY_KEY) is the one the relay has for "${key.id}", and that no proxy rewrites the path` };
  }
  if (!nonces.use(key.id, nonce, now)) return { status: 401, reason: 'replayed', message: 'this nonce was used before: a request is never accepted twice' };
  return key;
}
