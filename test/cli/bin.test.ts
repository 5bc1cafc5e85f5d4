// The real binary, spawned as a user runs it: bin/wechat-digest.js over the built dist/.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderDigest } from '../../src/index.js';
import { arxivDaily, newest } from '../helpers.js';
import { tempFolders } from '../support/temp.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/wechat-digest.js');
const BUILT = join(ROOT, 'dist/bundle/cli.js');

function wechatDigest(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', maxBuffer: 1 << 24 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  // dist/ is built by `npm run build` (run by `prepare` on install); recompile and bundle it when
  // src/ is newer. tsc emits even when a file has a type error: reporting those is `npm run
  // typecheck`'s job, this file tests the binary.
  if (existsSync(BUILT) && statSync(BUILT).mtimeMs >= newest(join(ROOT, 'src'))) return;
  const compile = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  const bundle = spawnSync(process.execPath, [join(ROOT, 'scripts/bundle.js')], { cwd: ROOT, encoding: 'utf8' });
  if (!existsSync(BUILT) || statSync(BUILT).mtimeMs < newest(join(ROOT, 'src/cli'))) {
    throw new Error(`building dist/ failed:\n${compile.stdout}\n${compile.stderr}\n${bundle.stdout}\n${bundle.stderr}`);
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

  describe('what a render loads', () => {
    const temp = tempFolders('wd-bin-load-');

    /**
     * Every module file a Node.js process loads running `script`: ES modules (and CommonJS
     * imported from them) by module loader hooks, CommonJS loaded with require() from Node.js's
     * module cache.
     */
    function modulesLoaded(script: string): string[] {
      const dir = temp();
      const log = join(dir, 'loaded.txt');
      const hooks = join(dir, 'hooks.mjs');
      writeFileSync(hooks, `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context); }\n`);
      const register = `import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(hooks).href)});`;
      const cjs = `import { createRequire } from 'node:module'; process.stdout.write('\\nrequired: ' + JSON.stringify(Object.keys(createRequire(import.meta.url).cache)));`;
      const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, '--input-type=module', '-e', `${script}\n${cjs}`], { cwd: ROOT, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const required = (JSON.parse(r.stdout.slice(r.stdout.lastIndexOf('\nrequired: ') + 11)) as string[]).map((file) => pathToFileURL(file).href);
      const imported = readFileSync(log, 'utf8').trim().split('\n').filter((url) => !url.startsWith('node:') && url !== pathToFileURL(hooks).href);
      return [...new Set([...imported, ...required])];
    }
    const outsideBundle = (urls: string[]) => urls.filter((url) => !url.startsWith(pathToFileURL(join(ROOT, 'dist/bundle/')).href));

    it('the command line renders the example from the bundle alone: no module of node_modules but the atomic file writer, no compiled module', () => {
      const loaded = modulesLoaded(`import { run } from ${JSON.stringify(pathToFileURL(BUILT).href)}; process.exitCode = await run(['render', 'examples/arxiv-daily.json', '-o', '${join(temp(), 'out.html').replace(/\\/g, '/')}']);`);
      expect(outsideBundle(loaded).map((url) => url.replace(/^.*\/node_modules\//, ''))).toEqual(['write-file-atomic/lib/index.js', 'signal-exit/dist/cjs/index.js', 'signal-exit/dist/cjs/signals.js']);
      // About 280 module files before the package was bundled.
      expect(loaded.length).toBeLessThan(30);
    });

    it('the library renders the example from the bundle alone; publishing and the theme compiler stay unloaded', () => {
      const loaded = modulesLoaded(`import { renderDigest } from 'wechat-digest'; import { readFileSync } from 'node:fs'; renderDigest(JSON.parse(readFileSync('examples/arxiv-daily.json', 'utf8')));`);
      expect(outsideBundle(loaded)).toEqual([]);
    });
  });
});
