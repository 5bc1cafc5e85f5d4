import type { Redactor } from '../publish/redact.js';

/** One line of the relay's log: a request, or an event of the relay itself. */
export interface RelayLogRecord {
  /** `request` for each request; `start`, `stop`, `token`, `upstream-retry` for the relay's own events. */
  event: 'request' | 'start' | 'stop' | 'token' | 'upstream-retry';
  /** ISO time. */
  time?: string;
  [field: string]: string | number | boolean | undefined;
}

/** The longest path the log keeps (a longer one is cut and marked). */
const MAX_PATH = 200;

/**
 * A request's path as the log keeps it: without the query, at most 200 characters.
 *
 * @example
 * loggedPath('/v1/accounts/wx12ab/media/uploadimg?access_token=x') // → '/v1/accounts/wx12ab/media/uploadimg'
 */
export function loggedPath(target: string): string {
  const path = target.split('?')[0];
  return path.length > MAX_PATH ? `${path.slice(0, MAX_PATH)}…` : path;
}

/**
 * The log line of a record: one JSON object with the time first. Only the fields given are
 * written (the relay never gives a body, a header value other than the key id, or a token), and
 * the line passes the redactor last, so a secret, a key or a token that slipped into a field (an
 * errmsg, a path a client chose) comes out as `***`.
 *
 * @example
 * import { Redactor } from '../publish/redact.js'
 * const redactor = new Redactor(); redactor.add('TOKEN_1_abc')
 * accessLine({ event: 'request', time: '2026-12-05T10:00:00.000Z', status: 200, errmsg: 'bad TOKEN_1_abc' }, redactor)
 * // → '{"event":"request","time":"2026-12-05T10:00:00.000Z","status":200,"errmsg":"bad ***"}'
 */
export function accessLine(record: RelayLogRecord, redactor: Redactor): string {
  const { event, time, ...fields } = record;
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  return redactor.redact(JSON.stringify({ event, time: time ?? new Date().toISOString(), ...defined }));
}
