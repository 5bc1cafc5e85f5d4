// The package as a user receives it: `engines` that every dependency agrees with, a LICENSE,
// a README whose links and pictures are in the package, and a consumer project that installs the
// packed tarball (offline, from the npm cache) and uses the library and the command line.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string; license: string; engines: { node: string }; dependencies: Record<string, string>; bin: Record<string, string>; files: string[];
};
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version: string; dev?: boolean; link?: boolean; resolved?: string; engines?: { node?: string }; os?: string[]; cpu?: string[] }>;
};
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** The packages a user's install gets: the lock's entries that are not for development. */
function installed(): [string, (typeof lock.packages)[string]][] {
  return Object.entries(lock.packages).filter(([path, entry]) => path !== '' && !entry.dev && !entry.link);
}

/** The files `npm pack` puts in the tarball (without building first). */
function packedFiles(): string[] {
  const out = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
  return (JSON.parse(out) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
}

describe('the package', () => {
  it('asks for the Node.js versions every dependency supports', () => {
    const range = pkg.engines.node;
    expect(semver.validRange(range)).not.toBeNull();
    expect(semver.satisfies(process.version, range), `this Node.js ${process.version}`).toBe(true);
    const disagree = installed()
      .filter(([, entry]) => entry.engines?.node !== undefined)
      // Packages for another system or processor are not installed here (sharp's and resvg's builds).
      .filter(([, entry]) => (!entry.os || entry.os.includes(process.platform)) && (!entry.cpu || entry.cpu.includes(process.arch)))
      .filter(([, entry]) => !semver.subset(range, entry.engines!.node!))
      .map(([path, entry]) => `${path.replace(/^.*node_modules\//, '')}@${entry.version} wants ${entry.engines!.node}`);
    expect(disagree, `engines.node "${range}" is wider than`).toEqual([]);
    // And it is said where a user reads it.
    expect(readme).toContain(`**Node.js \`${range}\`**`);
    expect(readme).toMatch(/\*\*ESM only\.\*\*/);
  });

  it('ships a LICENSE that matches the license field, and every file the README links to or shows', () => {
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} /);
    const files = packedFiles();
    expect(files).toContain('LICENSE');
    expect(files).toContain('README.md');
    // Markdown links and <img src>: every local one must be a file of the package.
    const targets = [
      ...[...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]),
      ...[...readme.matchAll(/<img [^>]*src="([^"]+)"/g)].map((m) => m[1]),
    ].filter((t) => !/^[a-z]+:/i.test(t) && !t.startsWith('#'));
    expect(targets.length).toBeGreaterThan(10);
    const missing = targets.map((t) => t.replace(/#.*$/, '')).filter((t) => !files.includes(t));
    expect(missing).toEqual([]);
    // The docs link among themselves and to the examples: those are in it too.
    expect(files).toEqual(expect.arrayContaining(['docs/cli.md', 'docs/themes/classic-light.png', 'examples/arxiv-daily.json', 'bench/results.md']));
    // Nothing of the checkout's own: tests, sources, CI.
    expect(files.filter((f) => /^(test|src|\.ci|scripts)\//.test(f))).toEqual([]);
  });
});

describe('a consumer project', () => {
  it('installs the packed tarball offline without engine warnings, imports the library, runs the command line', () => {
    expect(existsSync(join(ROOT, 'dist/index.js')), 'dist/ is built (npm run build)').toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'wd-consumer-'));
    temps.push(dir);
    const packed = JSON.parse(execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' })) as { filename: string }[];
    const tarball = packed[0].filename;
    // The lock of this checkout pins the tree the consumer gets, so every tarball comes from the
    // npm cache (filled by `npm ci`) and nothing is asked of a registry.
    const packages: Record<string, unknown> = {
      '': { name: 'consumer', version: '1.0.0', dependencies: { 'wechat-digest': `file:${tarball}` } },
      'node_modules/wechat-digest': {
        version: pkg.version,
        resolved: `file:${tarball}`,
        integrity: `sha512-${createHash('sha512').update(readFileSync(join(dir, tarball))).digest('base64')}`,
        license: pkg.license,
        dependencies: pkg.dependencies,
        bin: pkg.bin,
        engines: pkg.engines,
      },
    };
    for (const [path, entry] of installed()) {
      const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
      packages[path] = { ...entry, resolved: entry.resolved ?? `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${entry.version}.tgz` };
    }
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', type: 'module', dependencies: { 'wechat-digest': `file:${tarball}` } }, null, 2));
    writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2));
    const install = spawnSync(npm, ['ci', '--offline', '--no-audit', '--no-fund', '--loglevel', 'warn'], { cwd: dir, encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    expect(`${install.stdout}${install.stderr}`).not.toMatch(/EBADENGINE|Unsupported engine/);

    const node = (args: string[]) => spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, npm_command: '' } });
    // The library, from an ES module, with its types beside it.
    const esm = node(['--input-type=module', '-e', "import { renderDigest } from 'wechat-digest'; const r = renderDigest({ title: 'T', sections: [{ items: [{ title: 'A' }] }] }); console.log(r.stats.items, r.html.startsWith('<section'))"]);
    expect(esm.stdout).toBe('1 true\n');
    expect(existsSync(join(dir, 'node_modules/wechat-digest/dist/index.d.ts'))).toBe(true);
    // CommonJS: require fails as the README says, and import() works.
    const cjs = node(['-e', "try { require('wechat-digest') } catch (e) { console.log(e.code) } import('wechat-digest').then((m) => console.log(typeof m.renderDigest))"]);
    expect(cjs.stdout).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED\nfunction\n');
    // The command line of the local install: init's hint runs it with npx, its $schema resolves offline.
    const bin = join(dir, 'node_modules/.bin/wechat-digest');
    const init = node([bin, 'init', 'week']);
    expect(init.stdout).toBe('wrote week/digest.json\nnext: npx wechat-digest preview week/digest.json --watch\n');
    const schemaRef = (JSON.parse(readFileSync(join(dir, 'week/digest.json'), 'utf8')) as { $schema: string }).$schema;
    expect(schemaRef).toBe('../node_modules/wechat-digest/schema/digest.schema.json');
    // The path leads to the installed copy of the package's own schema.
    expect(JSON.parse(readFileSync(resolve(dir, 'week', schemaRef), 'utf8'))).toEqual(JSON.parse(readFileSync(join(ROOT, 'schema/digest.schema.json'), 'utf8')));
    const render = node([bin, 'render', 'week', '-o', 'out/']);
    expect(render.status, render.stderr).toBe(0);
    expect(render.stdout).toMatch(/^out\/digest\.html: [\d,]+ characters \(limit 20,000\), 3 items, 1 footnote\n$/);
    const check = node([bin, 'check', 'week']);
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/^week\/digest\.json: no findings for paste, /);
    expect(node([bin, '--version']).stdout).toBe(`${pkg.version}\n`);
  }, 300_000);
});
