/**
 * A token bucket per key: a key may send `ratePerMinute` requests in a burst, then one every
 * `60 / ratePerMinute` seconds. `take` answers how long to wait when the bucket is empty.
 *
 * @example
 * const limits = new RateLimits()
 * limits.take('laptop', 2, 0) // → 0
 * limits.take('laptop', 2, 0) // → 0
 * limits.take('laptop', 2, 0) // → 30
 * limits.take('laptop', 2, 30_000) // → 0
 */
export class RateLimits {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** Takes one request from the key's bucket: 0 when allowed, else the seconds until the next is. */
  take(keyId: string, ratePerMinute: number, now: number): number {
    const perMs = ratePerMinute / 60_000;
    const bucket = this.buckets.get(keyId) ?? { tokens: ratePerMinute, at: now };
    bucket.tokens = Math.min(ratePerMinute, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    this.buckets.set(keyId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / perMs / 1000);
  }
}
