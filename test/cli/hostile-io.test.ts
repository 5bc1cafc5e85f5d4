// What the CLI reads and writes when the input or the output is not an ordinary file: encodings,
// a folder or a flood on stdin, YAML that aliases or tags, -o onto the input, onto a device, a
// FIFO or stdout, and a reader that closes the pipe early (the real binary over dist/).
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, lstatSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDigest } from '../../src/index.js';
import { runCli } from '../support/cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/wechat-digest.js');
const dir = mkdtempSync(join(tmpdir(), 'wd-io-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const digest = { title: 'Café', sections: [{ items: [{ title: 'Ünïcode' }] }] };
const json = JSON.stringify(digest);
const html = renderDigest(digest).html;
const file = (name: string, content: string | Buffer) => {
  writeFileSync(join(dir, name), content);
  return name;
};

describe('reading input', () => {
  it('reads UTF-16 with a byte-order mark, in either byte order', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]);
    const be = Buffer.from(le.subarray(2)).swap16();
    for (const bytes of [le, Buffer.concat([Buffer.from([0xfe, 0xff]), be])]) {
      expect(await runCli(['render', file('u16.json', bytes)], { cwd: dir })).toEqual({ code: 0, stdout: html, stderr: '' });
    }
  });

  it('refuses Latin-1 and UTF-16 without a byte-order mark, naming the byte and where it stands', async () => {
    const latin1 = await runCli(['render', file('latin1.json', Buffer.from(json, 'latin1'))], { cwd: dir });
    expect(latin1).toEqual({ code: 2, stdout: '', stderr: 'error [E_FILE]: latin1.json: cannot read: not UTF-8 text (byte 0xE9 at line 1, column 14, as in a Latin-1 or GBK file); save it as UTF-8\n' });
    const utf16 = await runCli(['render', file('u16-bare.json', Buffer.from(json, 'utf16le'))], { cwd: dir });
    expect(utf16.code).toBe(2);
    expect(utf16.stderr).toMatch(/^error \[E_FILE\]: u16-bare\.json: cannot read: not UTF-8 text \(byte 0xE9 at .*, as in UTF-16 without a byte-order mark\); save it as UTF-8\n$/);
  });

  it('refuses stdin that is a folder instead of reading it as empty', () => {
    const fd = openSync(dir, 'r');
    try {
      const r = spawnSync(process.execPath, [BIN, 'check', '-'], { cwd: dir, stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8' });
      expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 2, stdout: '', stderr: 'error [E_FILE]: stdin: cannot read: it is a folder, expected a file (e.g. < digest.json)\n' });
    } finally {
      closeSync(fd);
    }
  });

  it('refuses more than 64 MB on stdin with a message, not an internal error', async () => {
    const flood = (async function* () {
      const chunk = new Uint8Array(1 << 20).fill(0x20);
      for (let i = 0; i < 65; i++) yield chunk;
    })();
    const r = await runCli(['render', '-'], { cwd: dir, stdin: undefined, stdinStream: flood });
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'error [E_FILE]: stdin: cannot read: more than 64 MB; a digest or an article is far smaller: is this the right input?\n' });
  });
});

describe('YAML digests', () => {
  it('accepts a file that uses one alias 150 times', async () => {
    const items = Array.from({ length: 150 }, () => '      - title: *name').join('\n');
    const r = await runCli(['render', file('aliases.yaml', `title: &name Daily\nsections:\n  - items:\n${items}\n`), '-o', 'aliases.html'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^aliases\.html: [\d,]+ characters \(limit 20,000\), 150 items, 0 footnotes\n$/);
  });

  it('refuses an alias bomb as a user error, naming the file and the fix', async () => {
    const levels = ['a0: &a0 [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`)];
    const r = await runCli(['render', file('bomb.yaml', `title: t\n${levels.join('\n')}\nsections: [{items: [{title: x}]}]\n`)], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error [E_INVALID_DIGEST]: bomb.yaml: cannot be read as YAML (Excessive alias count indicates a resource exhaustion attack): its aliases (*name) would expand to more than 10,000 values; write the values in full\n');
  });

  it('refuses a tag no schema knows, without a warning on stderr', async () => {
    const r = await runCli(['render', file('tag.yaml', 'title: !!js/function "function () {}"\nsections: [{items: [{title: x}]}]\n')], { cwd: dir });
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'error [E_INVALID_DIGEST]: tag.yaml: not valid YAML at line 1, column 8: Unresolved tag: tag:yaml.org,2002:js/function; a digest holds plain data: remove the tag\n' });
  });
});

describe('-o', () => {
  it('refuses the input file itself, also through another name, and leaves it as it was', async () => {
    file('self.json', json);
    for (const out of ['self.json', './self.json', `${dir}/self.json`]) {
      const r = await runCli(['render', 'self.json', '-o', out], { cwd: dir });
      expect(r).toEqual({ code: 1, stdout: '', stderr: `error [E_INVALID_OPTION]: ${out}: is the input of this command; writing there would replace it: choose another output file\n` });
    }
    expect(readFileSync(join(dir, 'self.json'), 'utf8')).toBe(json);
  });

  it('- is stdout, with no summary line mixed in', async () => {
    file('d.json', json);
    expect(await runCli(['render', 'd.json', '-o', '-'], { cwd: dir })).toEqual({ code: 0, stdout: html, stderr: '' });
  });

  it('writes into a device or a FIFO as a stream, never replacing it', async () => {
    file('d.json', json);
    const r = await runCli(['render', 'd.json', '-o', '/dev/null'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(spawnSync('mkfifo', [join(dir, 'fifo')]).status).toBe(0);
    const reader = spawn('cat', [join(dir, 'fifo')]);
    let read = '';
    reader.stdout.on('data', (d: Buffer) => (read += d.toString('utf8')));
    const closed = new Promise((done) => reader.on('close', done));
    expect((await runCli(['render', 'd.json', '-o', 'fifo'], { cwd: dir })).code).toBe(0);
    await closed;
    expect(read).toBe(html);
    expect(statSync(join(dir, 'fifo')).isFIFO()).toBe(true);
  });

  it('ends quietly when the reader closes the pipe (| head)', async () => {
    const big = { title: 'Big', sections: [{ items: Array.from({ length: 3000 }, (_, i) => ({ title: `Item ${i}`, body: 'words '.repeat(60) })) }] };
    file('big.json', JSON.stringify(big));
    const child = spawn(process.execPath, [BIN, 'render', 'big.json'], { cwd: dir });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).not.toMatch(/EPIPE|Error:|at .*\.js/);
    expect(code).toBe(0);
  });
});
