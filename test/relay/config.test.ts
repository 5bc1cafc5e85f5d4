import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DigestError } from '../../src/index.js';
import { relayConfigFromEnv, resolveRelayConfig } from '../../src/relay/config.js';
import { startRelay } from '../../src/relay/server.js';

const ACCOUNT = { appId: 'wx12ab', appSecret: 'secret-of-wx12ab' };
const KEY = { id: 'laptop', secret: 'k'.repeat(32) };

function error(run: () => unknown): DigestError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(DigestError);
    return e as DigestError;
  }
  throw new Error('expected an error');
}

describe('the relay configuration', () => {
  it('merges the defaults once; a key without its own rate takes the relay\u2019s', () => {
    const c = resolveRelayConfig({ accounts: [ACCOUNT], keys: [KEY, { id: 'ci', secret: 'c'.repeat(40), ratePerMinute: 10 }], ratePerMinute: 50 });
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8787, apiBase: 'https://api.weixin.qq.com', timeoutMs: 20_000, retries: 2, shutdownTimeoutMs: 30_000, trustProxy: false });
    expect(c.keys.map((k) => [k.id, k.ratePerMinute])).toEqual([['laptop', 50], ['ci', 10]]);
    expect(c.cacheDir.endsWith('relay')).toBe(true);
  });

  it('reports every problem at once, each with its field: duplicates, an unknown account, wrong types', () => {
    const e = error(() =>
      resolveRelayConfig({ port: 70000, accounts: [ACCOUNT, ACCOUNT], keys: [KEY, { ...KEY, appIds: ['wx99'] }] } as never, 'relay.json'),
    );
    expect(e.problems.map((p) => p.path)).toEqual(['port']);
    const e2 = error(() => resolveRelayConfig({ accounts: [ACCOUNT, ACCOUNT], keys: [KEY, { ...KEY, appIds: ['wx99'] }] }, 'relay.json'));
    expect(e2.message).toBe(
      'The relay configuration (relay.json) is not valid; nothing was started:\n' +
        '  ✖ accounts[1].appId: "wx12ab" is listed twice; keep one entry per account\n' +
        '  ✖ keys[1].id: "laptop" is used twice; give each client its own key\n' +
        '  ✖ keys[1].appIds[0]: "wx99" is not one of the accounts (wx12ab, wx12ab); add it to accounts or remove it here',
    );
    const e3 = error(() => resolveRelayConfig({ accounts: 'wx12ab', keys: [{ id: 'a b', secret: KEY.secret }], tls: { cert: 'c.pem' } } as never));
    expect(e3.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'tls.key: expected the path of the private key (PEM), received undefined',
      'accounts: expected a list of accounts, received string',
      'keys[0].id: expected an id of 1 to 64 letters, digits, ".", "_" or "-"',
    ]);
  });

  it('takes secrets from the environment: the AppSecret of the file\u2019s account, keys replacing those of the same id', () => {
    const file = { accounts: [{ appId: 'wx12ab' }], keys: [{ id: 'laptop', secret: 'old' }] };
    const config = relayConfigFromEnv(file, { WECHAT_APP_ID: 'wx12ab', WECHAT_APP_SECRET: 'from-env', WECHAT_RELAY_KEYS: `laptop:${KEY.secret}\n ci:${'c'.repeat(32)}:wx12ab`, WECHAT_RELAY_HOST: '0.0.0.0' });
    expect(config).toEqual({ host: '0.0.0.0', accounts: [{ appId: 'wx12ab', appSecret: 'from-env' }], keys: [KEY, { id: 'ci', secret: 'c'.repeat(32), appIds: ['wx12ab'] }] });
    // The file is not changed.
    expect(file.accounts).toEqual([{ appId: 'wx12ab' }]);
    const e = error(() => relayConfigFromEnv({}, { WECHAT_APP_SECRET: 's', WECHAT_RELAY_TLS_CERT: 'c.pem', WECHAT_RELAY_KEYS: 'only-an-id' }));
    expect(e.problems.map((p) => p.path)).toEqual(['WECHAT_RELAY_TLS_KEY', 'WECHAT_APP_ID', 'WECHAT_RELAY_KEYS (entry 1)']);
  });

  it('a certificate that cannot be read is named, and nothing listens', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wd-relay-config-'));
    const run = startRelay({ port: 0, tls: { cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem') }, cacheDir: dir, accounts: [ACCOUNT], keys: [KEY] }, { log: () => undefined });
    await expect(run).rejects.toMatchObject({ code: 'E_FILE', message: `${join(dir, 'cert.pem')}: cannot read the relay's certificate (tls.cert). Check the path and that the relay's user may read it.` });
  });

  it('a port in use is named with the fix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wd-relay-config-'));
    const first = await startRelay({ port: 0, cacheDir: dir, accounts: [ACCOUNT], keys: [KEY] }, { log: () => undefined });
    const port = Number(new URL(first.url).port);
    try {
      await expect(startRelay({ port, cacheDir: dir, accounts: [ACCOUNT], keys: [KEY] }, { log: () => undefined })).rejects.toMatchObject({
        code: 'E_INVALID_OPTION',
        message: `The relay cannot listen on 127.0.0.1:${port}: the port is in use: choose another port (--port, WECHAT_RELAY_PORT) or stop what listens there.`,
      });
    } finally {
      await first.close();
    }
  });
});
