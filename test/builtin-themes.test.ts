// The built-in themes ship precompiled (dist/theme/compiled-themes.json, written by
// `npm run build`), so the command line starts without the CSS inliner. The precompiled styles
// must be exactly what compiling the theme gives.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { listThemes, renderDigest } from '../src/index.js';
import { resolveRenderOptions } from '../src/render/options.js';
import { renderForCli } from '../src/cli/renderer.js';
import { parseDigest } from '../src/digest/schema.js';
import { arxivDaily, newest } from './helpers.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

type Builtin = typeof import('../src/theme/builtin.js');
type Compile = typeof import('../src/theme/compile.js');
let built: Builtin;
let compile: Compile;

beforeAll(async () => {
  const assets = join(ROOT, 'dist/theme/compiled-themes.json');
  const fresh = existsSync(assets) && statSync(assets).mtimeMs >= Math.max(newest(join(ROOT, 'src')), newest(join(ROOT, 'styles')));
  if (!fresh) for (const args of [[join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], [join(ROOT, 'scripts/build-assets.js')]]) {
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
  }
  built = await import(pathToFileURL(join(ROOT, 'dist/theme/builtin.js')).href);
  compile = await import(pathToFileURL(join(ROOT, 'dist/theme/compile.js')).href);
}, 180_000);

describe('precompiled built-in themes', () => {
  it.each(listThemes().map((t) => t.id))('%s: the precompiled styles are the compiled ones', (id) => {
    const opts = resolveRenderOptions({ theme: id });
    const pre = built.precompiledTheme(opts);
    expect(pre).toBeDefined();
    expect(pre).toEqual(compile.compileTheme(built.themeSource(opts)));
  });

  it('are not used when an accent or a font size asks for another compilation', () => {
    expect(built.precompiledTheme(resolveRenderOptions({ theme: 'classic', accent: '#0f766e' }))).toBeUndefined();
    expect(built.precompiledTheme(resolveRenderOptions({ theme: 'classic', fontSize: 16 }))).toBeUndefined();
    expect(built.precompiledTheme(resolveRenderOptions({ theme: { css: '.wd{color:#333}' } }))).toBeUndefined();
  });

  it('render on the command line exactly as renderDigest does, with and without compiling', async () => {
    const digest = parseDigest(arxivDaily());
    for (const options of [{}, { theme: 'modern' }, { accent: '#0f766e', fontSize: 16 }, { theme: { css: '.wd{color:#333}.wd-title{font-size:1.4em}' } }]) {
      const cli = await renderForCli(digest, options);
      const lib = renderDigest(digest, options);
      expect(cli.html).toBe(lib.html);
      expect(cli.warnings).toEqual(lib.warnings);
    }
  });
});
