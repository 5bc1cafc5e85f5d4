// The live preview without a browser: --host with its QR code, the LAN addresses, a Markdown
// error with its line, and the watcher that follows saves made by renaming.
import { cpSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NetworkInterfaceInfo } from 'node:os';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { lanUrls } from '../../src/cli/lan.js';
import { watchFiles } from '../../src/cli/watch.js';
import { startLivePreview } from '../support/live.js';
import { tempFolders } from '../support/temp.js';

const tempDir = tempFolders('wd-live-cli-');

/** Fetches the page until `test` holds (a save is seen within milliseconds; allow for a busy machine). */
async function pageWhen(url: string, test: (page: string) => boolean): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const page = await (await fetch(url)).text();
    if (test(page) || Date.now() > deadline) return page;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('preview --watch --host', () => {
  it('prints the address on the network with its QR code, and the page shows the code', async () => {
    const dir = tempDir();
    cpSync(new URL('../../examples/arxiv-daily.json', import.meta.url), join(dir, 'digest.json'));
    const live = await startLivePreview(['digest.json', '--host', '127.0.0.1'], dir);
    try {
      const out = live.stdout();
      const url = /on the network: (\S+)\n/.exec(out)?.[1];
      expect(url).toBe(live.url);
      // The QR code printed is the code of that address, as the QR library draws it for a terminal.
      const terminal = await QRCode.toString(url!, { type: 'terminal', small: true, errorCorrectionLevel: 'M' });
      expect(out).toContain(`scan to open it on a phone (same network):\n${terminal}\n`);
      expect(live.stderr()).toContain('note: every device on the network can open this page while it runs\n');
      // A request cannot make the server read a file as a theme: only the themes offered count.
      const named = await (await fetch(`${live.url}?theme=${encodeURIComponent('../../etc/hostname.css')}`)).text();
      expect(named).toContain('<option value="classic" selected>Classic</option>');
      expect(named).not.toContain('data-state="error"');
      const page = await (await fetch(live.url)).text();
      expect(page).toMatch(/<details class="phone-link"><summary>Phone<\/summary><div class="qr"><svg [^>]*>[\s\S]*<\/svg>\s*<a href="http:\/\/127\.0\.0\.1:\d+\/">/);
    } finally {
      expect(await live.stop()).toBe(0);
    }
    expect(live.stdout()).toMatch(/preview stopped\n$/);
  });

  it('lists the machine\u2019s IPv4 addresses outside loopback for every address, else the one given', () => {
    const info = (address: string, family: 'IPv4' | 'IPv6', internal: boolean) => ({ address, family, internal, netmask: '', mac: '', cidr: null }) as NetworkInterfaceInfo;
    const interfaces = { lo: [info('127.0.0.1', 'IPv4', true)], eth0: [info('192.168.1.20', 'IPv4', false), info('fe80::1', 'IPv6', false)], wlan0: [info('10.0.0.7', 'IPv4', false)] };
    expect(lanUrls('0.0.0.0', 4173, interfaces)).toEqual(['http://192.168.1.20:4173/', 'http://10.0.0.7:4173/']);
    expect(lanUrls('0.0.0.0', 4173, { lo: interfaces.lo })).toEqual([]);
    expect(lanUrls('192.168.1.20', 80, interfaces)).toEqual(['http://192.168.1.20:80/']);
    expect(lanUrls('::1', 80, interfaces)).toEqual(['http://[::1]:80/']);
  });
});

describe('preview --watch on a Markdown digest', () => {
  it('shows a Markdown error with its line, then the article again once fixed', async () => {
    const dir = tempDir();
    const good = readFileSync(new URL('../../examples/arxiv-daily.md', import.meta.url), 'utf8');
    writeFileSync(join(dir, 'digest.md'), good);
    const live = await startLivePreview(['digest.md'], dir);
    try {
      expect(await (await fetch(live.url)).text()).toContain('data-article');
      writeFileSync(join(dir, 'digest.md'), '---\ntitle: Daily\n---\n\nNo items yet.\n');
      const error = await pageWhen(live.url, (p) => p.includes('data-state="error"'));
      expect(error).toContain('<li>line 4: no items');
      expect(error).toContain('Show the last good render');
      expect(live.stderr()).toMatch(/\d\d:\d\d:\d\d error \[E_INVALID_MARKDOWN\]: digest\.md: Invalid Markdown digest:\n {2}✖ line 4: no items/);
      const last = await (await fetch(`${live.url}?last=1`)).text();
      expect(last).toContain('This is the last good render.');
      expect(last).toContain('Energy Transformer');
      writeFileSync(join(dir, 'digest.md'), good);
      const fixed = await pageWhen(live.url, (p) => !p.includes('data-state="error"'));
      expect(fixed).toContain('Energy Transformer');
      expect(fixed).not.toContain('class="stale"');
    } finally {
      await live.stop();
    }
  });

  it('starts on a file with an error (the page shows it) but not on a missing file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.json'), '{"title": 1, "sections": []}');
    const live = await startLivePreview(['broken.json'], dir);
    try {
      const page = await (await fetch(live.url)).text();
      expect(page).toContain('<code class="where">title</code>');
      expect(page).toContain('No good render yet');
    } finally {
      await live.stop();
    }
    await expect(startLivePreview(['missing.json'], dir)).rejects.toThrow('the preview ended with 2: error [E_FILE]: missing.json: cannot read: no such file');
  });
});

describe('watchFiles', () => {
  it('reports a save by rename once, and ignores other files of the folder', async () => {
    const dir = tempDir();
    const file = join(dir, 'digest.json');
    writeFileSync(file, '{}');
    const calls: string[][] = [];
    const watching = watchFiles([file], (changed) => calls.push(changed), { settleMs: 100 });
    try {
      writeFileSync(join(dir, 'other.json'), '{}');
      writeFileSync(join(dir, '.digest.json.tmp'), '{"a":1}');
      renameSync(join(dir, '.digest.json.tmp'), file);
      const deadline = Date.now() + 5_000;
      while (calls.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 300));
      expect(calls).toEqual([[file]]);
    } finally {
      watching.close();
    }
  });
});
