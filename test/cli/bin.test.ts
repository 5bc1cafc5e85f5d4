// The real binary, spawned as a user runs it: bin/wechat-digest.js over the built dist/.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderDigest } from '../../src/index.js';
import { arxivDaily, newest } from '../helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/wechat-digest.js');
const BUILT = join(ROOT, 'dist/cli/index.js');

function wechatDigest(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', maxBuffer: 1 << 24 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  // dist/ is built by `npm run build` (run by `prepare` on install); recompile it when src/ is
  // newer. tsc emits even when a file has a type error: reporting those is `npm run typecheck`'s
  // job, this file tests the binary.
  if (existsSync(BUILT) && statSync(BUILT).mtimeMs >= newest(join(ROOT, 'src'))) return;
  const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  if (!existsSync(BUILT) || statSync(BUILT).mtimeMs < newest(join(ROOT, 'src/cli'))) {
    throw new Error(`building dist/ failed:\n${build.stdout}\n${build.stderr}`);
  }
}, 120_000);

describe('bin/wechat-digest.js', () => {
  it('is a thin executable shim over run()', () => {
    const text = readFileSync(BIN, 'utf8');
    expect(text.split('\n').filter(Boolean)).toHaveLength(3);
    expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(BIN).mode & 0o111).not.toBe(0);
    const direct = spawnSync(BIN, ['--version'], { cwd: ROOT, encoding: 'utf8' });
    expect(direct.stdout).toBe(`${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
  });

  it('renders the example to stdout, byte for byte what renderDigest returns', () => {
    expect(wechatDigest(['render', 'examples/arxiv-daily.json'])).toEqual({ code: 0, stdout: renderDigest(arxivDaily()).html, stderr: '' });
  });

  it('exits 2 for a missing file, with the message and no stack trace', () => {
    expect(wechatDigest(['render', 'missing.json'])).toEqual({ code: 2, stdout: '', stderr: 'error [E_FILE]: missing.json: cannot read: no such file\n' });
  });

  it('exits 1 for an invalid digest on stdin', () => {
    const r = wechatDigest(['render', '-'], '{"title":"x","sections":[]}');
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'error [E_INVALID_DIGEST]: stdin: Invalid digest:\n  ✖ sections: needs at least one section\n' });
  });

  it('exits 1 when check finds an error, 0 when it finds none', () => {
    const bad = wechatDigest(['check', '-'], '<section><script>alert(1)</script></section>');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^error script: /);
    const good = wechatDigest(['check', '-'], renderDigest(arxivDaily()).html);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/^stdin: no findings for paste, /);
  });

  it('prints help and exits 0', () => {
    const r = wechatDigest(['preview', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: wechat-digest preview \[options\] <file>\n/);
  });
});
