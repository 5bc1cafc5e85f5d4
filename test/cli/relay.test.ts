import { chmodSync, copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCli } from '../support/cli.js';
import { FakeWechat } from '../support/fake-wechat.js';

const IMAGES = fileURLToPath(new URL('../fixtures/images/', import.meta.url));
const APP_ID = 'wx0c1d2e3f4a5b6c7d';
const APP_SECRET = '9a8b7c6d5e4f30211f2e3d4c5b6a7988';
const KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';

let wechat: FakeWechat;
let home: string;

beforeEach(async () => {
  wechat = await new FakeWechat({ appId: APP_ID, appSecret: APP_SECRET }).start();
  home = mkdtempSync(join(tmpdir(), 'wd-cli-relay-'));
  copyFileSync(join(IMAGES, 'figure.png'), join(home, 'figure.png'));
  copyFileSync(join(IMAGES, 'cover.png'), join(home, 'cover.png'));
  writeFileSync(join(home, 'daily.json'), JSON.stringify({ title: '每日一读', cover: { src: 'cover.png' }, sections: [{ items: [{ title: '第一篇', body: '![图](figure.png)' }] }] }));
});

afterEach(() => wechat.close());

/** A CLI run in the test's folder whose output can be read while it runs (the relay runs until a signal). */
const start = (argv: string[], env: Record<string, string | undefined>) => startCli(argv, { cwd: home, env });

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(check()).toBe(true);
}

function scan(...texts: string[]): void {
  for (const secret of [APP_SECRET, KEY, ...wechat.issuedTokens]) for (const text of texts) expect(text).not.toContain(secret);
}

describe('wechat-digest relay', () => {
  it('runs from a config file and the environment; publish --relay goes through it; SIGTERM stops it after the requests under way', async () => {
    writeFileSync(join(home, 'relay.yaml'), `port: 0\napiBase: ${wechat.url}\ncacheDir: relay-cache\naccounts:\n  - appId: ${APP_ID}\n`);
    chmodSync(join(home, 'relay.yaml'), 0o600);
    const relay = start(['relay', '--config', 'relay.yaml'], { WECHAT_APP_SECRET: APP_SECRET, WECHAT_APP_ID: APP_ID, WECHAT_RELAY_KEYS: `laptop:${KEY}` });
    await until(() => relay.out.stderr.includes('relay listening at'));
    const url = /relay listening at (\S+)/.exec(relay.out.stderr)![1];
    expect(relay.out.stderr).toBe(`relay listening at ${url} (stop with Ctrl-C or SIGTERM)\n`);

    // The client has no AppSecret: only the relay's URL, its key id and key.
    const client = start(['publish', 'daily.json', '--relay', url, '--cache-dir', 'client-cache'], { WECHAT_APP_ID: APP_ID, WECHAT_RELAY_KEY_ID: 'laptop', WECHAT_RELAY_KEY: KEY });
    expect(await client.code).toBe(0);
    expect(client.out.stdout).toBe(`${wechat.drafts[0].mediaId}\n`);
    expect(client.out.stderr).toContain('draft created in the draft box (草稿箱) with 1 article');

    // Stop while a request is under way: it finishes, then the command returns 0.
    expect((await fetch(`${url}/health`)).status).toBe(200);
    wechat.switches.delayMs = { 'draft/get': 300 };
    const late = start(['publish', 'daily.json', '--relay', url, '--cache-dir', 'client-cache'], { WECHAT_APP_ID: APP_ID, WECHAT_RELAY_KEY_ID: 'laptop', WECHAT_RELAY_KEY: KEY });
    await until(() => wechat.apiRequests('draft/get').length === 2);
    process.emit('SIGTERM');
    expect(await late.code).toBe(0);
    expect(await relay.code).toBe(0);
    expect(relay.out.stderr).toMatch(/SIGTERM: finishing 1 request under way, then stopping\nrelay stopped\n$/);

    // The access log: JSON lines on stdout, the start, each request, the stop.
    const log = relay.out.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(log[0]).toMatchObject({ event: 'start', url, accounts: 1, keys: 1, tls: false });
    expect(log.at(-1)).toMatchObject({ event: 'stop' });
    const requests = log.filter((r) => r.event === 'request');
    expect(requests.map((r) => `${r.path} ${r.status}`)).toContain('/health 200');
    const forwarded = requests.filter((r) => r.endpoint);
    expect(forwarded.map((r) => r.endpoint)).toEqual(['media/uploadimg', 'media/uploadimg', 'material/add_material', 'draft/add', 'draft/get', 'draft/update', 'draft/get']);
    expect(forwarded.every((r) => r.keyId === 'laptop' && r.status === 200)).toBe(true);
    scan(relay.out.stdout, relay.out.stderr, client.out.stdout, client.out.stderr, late.out.stdout, late.out.stderr);
    // The file's relative cacheDir is beside the file: the relay kept its token there, and the client kept none.
    expect(readdirSync(join(home, 'relay-cache'))).toEqual([`token-${APP_ID}.json`]);
    expect(readdirSync(join(home, 'client-cache')).some((f) => f.startsWith('token-'))).toBe(false);
  });

  it('names each wrong field of the configuration and the fix, and starts nothing (exit 1)', async () => {
    writeFileSync(join(home, 'relay.json'), JSON.stringify({ prot: 8787, accounts: [{ appId: APP_ID }], keys: [{ id: 'laptop', secret: 'short' }] }));
    chmodSync(join(home, 'relay.json'), 0o600);
    const r = start(['relay', '--config', 'relay.json'], {});
    expect(await r.code).toBe(1);
    expect(r.out.stderr).toBe(
      `error [E_INVALID_OPTION]: The relay configuration (${join(home, 'relay.json')} and the environment) is not valid; nothing was started:\n` +
        '  ✖ accounts[0].appSecret: expected the AppSecret (or WECHAT_APP_SECRET), received undefined\n' +
        '  ✖ keys[0].secret: expected a secret of at least 32 characters; make one with `wechat-digest relay --new-key`\n' +
        '  ✖ prot: unknown option; did you mean "port"? (known: host, port, tls, apiBase, accounts, keys, ratePerMinute, cacheDir, timeoutMs, retries, retryDelayMs, shutdownTimeoutMs, trustProxy)\n',
    );
  });

  it('a missing config file exits 2; a config readable by others is warned about', async () => {
    const missing = start(['relay', '--config', 'nope.json'], {});
    expect(await missing.code).toBe(2);
    expect(missing.out.stderr).toBe(`error [E_FILE]: ${join(home, 'nope.json')}: cannot read the relay configuration: no such file. Pass the path of an existing file (--config or WECHAT_RELAY_CONFIG).\n`);
    writeFileSync(join(home, 'open.json'), JSON.stringify({ accounts: [] }));
    chmodSync(join(home, 'open.json'), 0o644);
    const open = start(['relay'], { WECHAT_RELAY_CONFIG: 'open.json' });
    expect(await open.code).toBe(1);
    expect(open.out.stderr).toContain(`warning: ${join(home, 'open.json')} can be read by other users of this machine and may hold secrets: chmod 600 ${join(home, 'open.json')}\n`);
    expect(open.out.stderr).toContain('✖ accounts: expected at least one account: give accounts: [{ appId, appSecret }], or WECHAT_APP_ID and WECHAT_APP_SECRET');
  });

  it('--new-key prints a fresh 64-hex-digit key', async () => {
    const a = start(['relay', '--new-key'], {});
    const b = start(['relay', '--new-key'], {});
    expect(await a.code).toBe(0);
    await b.code;
    expect(a.out.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect(a.out.stdout).not.toBe(b.out.stdout);
  });

  it('publish --relay without a key names what to set', async () => {
    const noId = start(['publish', 'daily.json', '--relay', 'https://relay.example.com'], { WECHAT_APP_ID: APP_ID });
    expect(await noId.code).toBe(1);
    expect(noId.out.stderr).toBe('error [E_INVALID_OPTION]: --relay-key-id: required with --relay; pass the id of this client\u2019s key in the relay\u2019s configuration (keys[].id), or set WECHAT_RELAY_KEY_ID\n');
    const noKey = start(['publish', 'daily.json', '--relay', 'https://relay.example.com', '--relay-key-id', 'laptop'], { WECHAT_APP_ID: APP_ID, WECHAT_APP_SECRET: APP_SECRET });
    expect(await noKey.code).toBe(1);
    expect(noKey.out.stderr).toBe('error [E_INVALID_OPTION]: WECHAT_RELAY_KEY: required with --relay; set it to the secret the relay has for the key "laptop" (keys[].secret)\n');
  });
});
