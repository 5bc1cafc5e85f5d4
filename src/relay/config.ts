import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { z } from '../core/zod.js';
import { DigestError, problemsError, type DigestProblem } from '../core/errors.js';
import { optionsObject, parseOptions, typeName } from '../core/options.js';
import { isHttpUrl } from '../core/urls.js';
import { defaultCacheDir } from '../publish/options.js';
import { RELAY_KEY_MIN_LENGTH } from '../publish/relay-protocol.js';

const wholeNumber = (min: number, max: number, what: string) => {
  const error = (issue: { input?: unknown }) => `expected ${what}, received ${typeof issue.input === 'number' ? issue.input : typeName(issue.input)}`;
  return z.number({ error }).refine((v) => Number.isInteger(v) && v >= min && v <= max, { error });
};
const text = (what: string) =>
  z.string({ error: (issue) => `expected ${what}, received ${typeName(issue.input)}` }).refine((v) => v.trim() !== '', { error: `expected ${what}, received an empty string` });
const milliseconds = wholeNumber(1, 3_600_000, 'a whole number of milliseconds from 1 to 3600000');

/**
 * The relay's configuration: each field with its doc and default. `RelayConfig` is derived from
 * it. Secrets (`accounts[].appSecret`, `keys[].secret`) may stay out of the file: the
 * environment supplies them (see `relayConfigFromEnv`).
 *
 * @example
 * RELAY_CONFIG_SCHEMA.safeParse({ accounts: [{ appId: 'wx12ab', appSecret: 'secret' }], keys: [{ id: 'laptop', secret: 'k'.repeat(32) }] }).success // → true
 */
export const RELAY_CONFIG_SCHEMA = optionsObject(
  {
    /** The address to listen on. Default `'127.0.0.1'` (behind a reverse proxy); `'0.0.0.0'` for every interface (then give `tls`). */
    host: text('an address such as 127.0.0.1 or 0.0.0.0').optional(),
    /** The port. Default `8787`; `0` picks a free one. */
    port: wholeNumber(0, 65535, 'a port number from 0 to 65535').optional(),
    /** Serve HTTPS with this certificate and private key (PEM file paths). Default: plain HTTP, for a reverse proxy that terminates TLS. */
    tls: optionsObject({ cert: text('the path of the certificate (PEM)'), key: text('the path of the private key (PEM)') }, 'an object with cert and key (PEM file paths)').optional(),
    /** Base URL of the WeChat API. Default `'https://api.weixin.qq.com'`. */
    apiBase: z.string().refine(isHttpUrl, { error: (issue) => `expected an http(s) URL such as https://api.weixin.qq.com, received ${JSON.stringify(issue.input)}` }).optional(),
    /** The accounts this relay publishes to: each AppID with its AppSecret. At least one. */
    accounts: z
      .array(optionsObject({ appId: text('the AppID (wx…)'), appSecret: text('the AppSecret (or WECHAT_APP_SECRET)') }, 'an object with appId and appSecret'), {
        error: (issue) => `expected a list of accounts, received ${typeName(issue.input)}`,
      })
      .min(1, { error: 'expected at least one account: give accounts: [{ appId, appSecret }], or WECHAT_APP_ID and WECHAT_APP_SECRET' }),
    /** The clients' keys: an id, a secret of at least 32 characters (`wechat-digest relay --new-key` makes one), and optionally the accounts it may use (default: all) and its own rate. At least one. */
    keys: z
      .array(
        optionsObject(
          {
            id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, { error: 'expected an id of 1 to 64 letters, digits, ".", "_" or "-"' }),
            secret: z.string({ error: 'expected the key secret' }).min(RELAY_KEY_MIN_LENGTH, {
              error: `expected a secret of at least ${RELAY_KEY_MIN_LENGTH} characters; make one with \`wechat-digest relay --new-key\``,
            }),
            appIds: z.array(text('an AppID')).min(1, { error: 'expected at least one AppID; leave appIds out to allow every account' }).optional(),
            ratePerMinute: wholeNumber(1, 100_000, 'a whole number of requests per minute from 1 to 100000').optional(),
          },
          'an object with id and secret',
        ),
        { error: (issue) => `expected a list of keys, received ${typeName(issue.input)}` },
      )
      .min(1, { error: 'expected at least one key: give keys: [{ id, secret }], or WECHAT_RELAY_KEYS' }),
    /** Requests per minute a key may send (a burst of as many is allowed). Default `300`. */
    ratePerMinute: wholeNumber(1, 100_000, 'a whole number of requests per minute from 1 to 100000').optional(),
    /** Where the relay keeps the access token between restarts. Default: the user cache folder's `relay` subfolder. */
    cacheDir: text('a folder path').optional(),
    /** Time limit of one request to WeChat, in milliseconds. Default `20000`. */
    timeoutMs: milliseconds.optional(),
    /** How many times a failed idempotent request to WeChat is tried again (draft/add, freepublish/submit and previews never are). Default `2`. */
    retries: wholeNumber(0, 10, 'a whole number from 0 to 10').optional(),
    /** Delay before the first retry, in milliseconds, doubled for each next one. Default `500`. */
    retryDelayMs: milliseconds.optional(),
    /** How long a shutdown waits for requests under way before it cuts them, in milliseconds. Default `30000`. */
    shutdownTimeoutMs: milliseconds.optional(),
    /** Log the client address from `X-Forwarded-For` (set by the reverse proxy in front). Default `false`. */
    trustProxy: z.boolean({ error: (issue) => `expected true or false, received ${JSON.stringify(issue.input)}` }).optional(),
  },
  'an object with at least accounts and keys',
);

/** The relay's configuration, as a file or a script gives it. Defaults are in `DEFAULT_RELAY_CONFIG`. */
export type RelayConfig = z.input<typeof RELAY_CONFIG_SCHEMA>;

/** The defaults of every relay setting that has one. */
export const DEFAULT_RELAY_CONFIG = {
  host: '127.0.0.1',
  port: 8787,
  apiBase: 'https://api.weixin.qq.com',
  ratePerMinute: 300,
  timeoutMs: 20_000,
  retries: 2,
  retryDelayMs: 500,
  shutdownTimeoutMs: 30_000,
  trustProxy: false,
} as const satisfies Partial<RelayConfig>;

/** One client key after the defaults: `appIds` absent allows every account. */
export interface RelayKey {
  id: string;
  secret: string;
  appIds?: string[];
  ratePerMinute: number;
}

/** The configuration after merging with the defaults and checking. */
export type ResolvedRelayConfig = Omit<Required<RelayConfig>, 'tls' | 'keys'> & { tls?: { cert: string; key: string }; keys: RelayKey[] };

/**
 * Checks a relay configuration and merges it with the defaults once. Every problem is reported at
 * once, each with its field (`keys[1].secret`) and the fix; `source` says where it came from.
 *
 * @throws DigestError `E_INVALID_OPTION` listing each problem.
 * @example
 * resolveRelayConfig({ accounts: [{ appId: 'wx12ab', appSecret: 'secret' }], keys: [{ id: 'laptop', secret: 'k'.repeat(32) }] }).port // → 8787
 * resolveRelayConfig({ accounts: [{ appId: 'wx12ab', appSecret: 'secret' }], keys: [{ id: 'laptop', secret: 'short' }] }, 'relay.json')
 * // throws: The relay configuration (relay.json) is not valid; nothing was started:…✖ keys[0].secret: expected a secret of at least 32 characters; make one with `wechat-digest relay --new-key`
 * resolveRelayConfig({ accounts: [{ appId: 'wx12ab', appSecret: 'secret' }], keys: [{ id: 'ci', secret: 'k'.repeat(32), appIds: ['wx99'] }] })
 * // throws: …✖ keys[0].appIds[0]: "wx99" is not one of the accounts (wx12ab); add it to accounts or remove it here
 */
export function resolveRelayConfig(config: RelayConfig, source = 'options'): ResolvedRelayConfig {
  let parsed: RelayConfig;
  try {
    parsed = parseOptions(RELAY_CONFIG_SCHEMA, config, '');
  } catch (error) {
    if (!(error instanceof DigestError)) throw error;
    throw invalidConfig(source, error.problems);
  }
  const problems: DigestProblem[] = [];
  const appIds = parsed.accounts.map((a) => a.appId);
  appIds.forEach((id, i) => appIds.indexOf(id) !== i && problems.push({ path: `accounts[${i}].appId`, message: `"${id}" is listed twice; keep one entry per account` }));
  const keyIds = parsed.keys.map((k) => k.id);
  parsed.keys.forEach((key, k) => {
    if (keyIds.indexOf(key.id) !== k) problems.push({ path: `keys[${k}].id`, message: `"${key.id}" is used twice; give each client its own key` });
    key.appIds?.forEach((id, a) => {
      if (!appIds.includes(id)) problems.push({ path: `keys[${k}].appIds[${a}]`, message: `"${id}" is not one of the accounts (${appIds.join(', ')}); add it to accounts or remove it here` });
    });
  });
  if (problems.length) throw invalidConfig(source, problems);
  const rate = parsed.ratePerMinute ?? DEFAULT_RELAY_CONFIG.ratePerMinute;
  return {
    ...DEFAULT_RELAY_CONFIG,
    ...stripUndefined(parsed),
    apiBase: (parsed.apiBase ?? DEFAULT_RELAY_CONFIG.apiBase).replace(/\/+$/, ''),
    cacheDir: parsed.cacheDir ?? join(defaultCacheDir(), 'relay'),
    keys: parsed.keys.map((k) => ({ id: k.id, secret: k.secret, ...(k.appIds ? { appIds: k.appIds } : {}), ratePerMinute: k.ratePerMinute ?? rate })),
  } as ResolvedRelayConfig;
}

function invalidConfig(source: string, problems: DigestProblem[]): DigestError {
  const cleaned = problems.map((p) => ({ ...p, path: p.path.replace(/^\./, '') }));
  return problemsError('E_INVALID_OPTION', `The relay configuration (${source}) is not valid; nothing was started:`, cleaned);
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Reads a relay configuration file: JSON, or YAML by its extension (`.yaml`, `.yml`). Returns the
 * object, its relative paths (`cacheDir`, `tls.cert`, `tls.key`) resolved against the file's
 * folder, and, when the file is readable by other users of the machine, a warning (it may hold
 * the AppSecret).
 *
 * @throws DigestError `E_FILE` when the file cannot be read, `E_INVALID_OPTION` when it is not JSON or YAML.
 * @example
 * await readRelayConfigFile('/no/such/relay.json') // throws: /no/such/relay.json: cannot read the relay configuration: no such file. Pass the path of an existing file (--config or WECHAT_RELAY_CONFIG).
 */
export async function readRelayConfigFile(path: string): Promise<{ config: Record<string, unknown>; warnings: string[] }> {
  let textContent: string;
  let mode: number;
  try {
    textContent = await readFile(path, 'utf8');
    mode = (await stat(path)).mode;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : 'unreadable';
    throw new DigestError('E_FILE', `${path}: cannot read the relay configuration: ${why}. Pass the path of an existing file (--config or WECHAT_RELAY_CONFIG).`, { details: { path } });
  }
  let value: unknown;
  try {
    if (/\.ya?ml$/i.test(path)) {
      // Loaded here: only a YAML configuration needs the parser.
      const { parse } = await import('yaml');
      value = parse(textContent);
    } else {
      value = JSON.parse(textContent);
    }
  } catch (error) {
    throw new DigestError('E_INVALID_OPTION', `${path}: not valid ${/\.ya?ml$/i.test(path) ? 'YAML' : 'JSON'}: ${(error as Error).message}. Fix the file (a .yaml or .yml name reads it as YAML).`, { details: { path } });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new DigestError('E_INVALID_OPTION', `${path}: expected an object with accounts and keys, received ${typeName(value)}.`, { details: { path } });
  }
  const warnings = (mode & 0o077) !== 0 ? [`${path} can be read by other users of this machine and may hold secrets: chmod 600 ${path}`] : [];
  return { config: withPathsFrom(dirname(path), value as Record<string, unknown>), warnings };
}

/** The configuration with its relative paths (cacheDir, tls.cert, tls.key) resolved against `dir`. */
function withPathsFrom(dir: string, config: Record<string, unknown>): Record<string, unknown> {
  const at = (p: unknown) => (typeof p === 'string' && p.trim() ? resolve(dir, p) : p);
  const out = { ...config };
  if (out.cacheDir !== undefined) out.cacheDir = at(out.cacheDir);
  const tls = out.tls;
  if (tls !== null && typeof tls === 'object' && !Array.isArray(tls)) {
    const { cert, key } = tls as Record<string, unknown>;
    out.tls = { ...tls, ...(cert === undefined ? {} : { cert: at(cert) }), ...(key === undefined ? {} : { key: at(key) }) };
  }
  return out;
}

/**
 * Adds what the environment says to a configuration (the environment wins):
 * `WECHAT_RELAY_HOST`, `WECHAT_RELAY_PORT`, `WECHAT_API_BASE`, `WECHAT_RELAY_TLS_CERT` and
 * `WECHAT_RELAY_TLS_KEY` (relative to `cwd`), one account from `WECHAT_APP_ID` and `WECHAT_APP_SECRET` (or the secret
 * of the file's account of that AppID), and keys from `WECHAT_RELAY_KEYS`: `id:secret` or
 * `id:secret:wx1,wx2`, separated by spaces or new lines (replacing a file key of the same id).
 *
 * @throws DigestError `E_INVALID_OPTION` naming the variable and the fix.
 * @example
 * const env = { WECHAT_APP_ID: 'wx12ab', WECHAT_APP_SECRET: 'secret', WECHAT_RELAY_KEYS: `laptop:${'k'.repeat(32)} ci:${'c'.repeat(32)}:wx12ab`, WECHAT_RELAY_PORT: '9000' }
 * const config = relayConfigFromEnv({}, env)
 * config.port // → 9000
 * config.keys // → [{ id: 'laptop', secret: 'kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk' }, { id: 'ci', secret: 'cccccccccccccccccccccccccccccccc', appIds: ['wx12ab'] }]
 * relayConfigFromEnv({}, { WECHAT_RELAY_PORT: 'http' }) // throws: …✖ WECHAT_RELAY_PORT: expected a port number from 0 to 65535, received "http"
 */
export function relayConfigFromEnv(file: Record<string, unknown>, env: Record<string, string | undefined>, cwd = process.cwd()): Record<string, unknown> {
  const config: Record<string, unknown> = { ...file };
  const problems: DigestProblem[] = [];
  const get = (name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined);
  if (get('WECHAT_RELAY_HOST')) config.host = get('WECHAT_RELAY_HOST');
  const port = get('WECHAT_RELAY_PORT');
  if (port !== undefined) {
    if (/^\d{1,5}$/.test(port) && Number(port) <= 65535) config.port = Number(port);
    else problems.push({ path: 'WECHAT_RELAY_PORT', message: `expected a port number from 0 to 65535, received ${JSON.stringify(port)}` });
  }
  if (get('WECHAT_API_BASE')) config.apiBase = get('WECHAT_API_BASE');
  const cert = get('WECHAT_RELAY_TLS_CERT');
  const key = get('WECHAT_RELAY_TLS_KEY');
  if (cert || key) {
    if (cert && key) config.tls = { cert: resolve(cwd, cert), key: resolve(cwd, key) };
    else problems.push({ path: cert ? 'WECHAT_RELAY_TLS_KEY' : 'WECHAT_RELAY_TLS_CERT', message: 'expected the certificate and the key together: set WECHAT_RELAY_TLS_CERT and WECHAT_RELAY_TLS_KEY, or neither' });
  }
  const appId = get('WECHAT_APP_ID');
  const appSecret = get('WECHAT_APP_SECRET');
  if (appId || appSecret) {
    const accounts = Array.isArray(config.accounts) ? [...(config.accounts as Record<string, unknown>[])] : [];
    if (!appId) problems.push({ path: 'WECHAT_APP_ID', message: 'expected the AppID of the account whose secret WECHAT_APP_SECRET holds' });
    else {
      const i = accounts.findIndex((a) => a?.appId === appId);
      const secret = appSecret ?? (i >= 0 ? accounts[i].appSecret : undefined);
      if (secret === undefined) problems.push({ path: 'WECHAT_APP_SECRET', message: `expected the AppSecret of ${appId} (or give it in the file's accounts)` });
      else if (i >= 0) accounts[i] = { ...accounts[i], appSecret: secret };
      else accounts.push({ appId, appSecret: secret });
      config.accounts = accounts;
    }
  }
  const keys = get('WECHAT_RELAY_KEYS');
  if (keys) {
    const list = Array.isArray(config.keys) ? [...(config.keys as Record<string, unknown>[])] : [];
    keys.split(/\s+/).forEach((entry, n) => {
      const [id, secret, ids, ...rest] = entry.split(':');
      if (!id || !secret || rest.length) {
        problems.push({ path: `WECHAT_RELAY_KEYS (entry ${n + 1})`, message: 'expected id:secret or id:secret:wx1,wx2, entries separated by spaces' });
        return;
      }
      const parsed = { id, secret, ...(ids ? { appIds: ids.split(',').filter(Boolean) } : {}) };
      const i = list.findIndex((k) => k?.id === id);
      if (i >= 0) list[i] = parsed;
      else list.push(parsed);
    });
    config.keys = list;
  }
  if (problems.length) throw problemsError('E_INVALID_OPTION', 'The relay\u2019s environment is not valid; nothing was started:', problems);
  return config;
}
