// Run by `npm run build` after tsc: bundles the package's two entry points, the library
// (dist/index.js) and the command line (dist/cli/index.js), into dist/bundle/. Node.js resolves,
// reads and compiles every module file one by one, and a render reached about 280 of them before
// it started; bundled, the code a render needs is about 20 files. What loads only on demand
// (publishing, the relay, importers, covers, math, highlighting, the preview page) stays in
// chunks of its own, loaded when first used. Packages with native code, large data or loaders of
// their own stay outside and are imported from node_modules as before.
//
// The bundle sits two folders below the package root, as the compiled modules do, so paths
// written relative to a module (`../../styles/`, `../theme/compiled-themes.json`) hold in both.
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'dist/bundle');

/** Pure JavaScript packages a render loads at start: bundled. Every other package stays external. */
const BUNDLED = [
  'zod', 'markdown-it', 'mdurl', 'uc.micro', 'punycode.js', 'linkify-it', 'entities', 'commander',
  'cheerio', 'cheerio-select', 'htmlparser2', 'domhandler', 'domutils', 'dom-serializer', 'domelementtype',
  'css-select', 'css-what', 'nth-check', 'boolbase', 'css-tree', 'yaml', 'env-paths', 'is-safe-filename',
];

const packageName = (path) => (path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0]);

rmSync(OUT, { recursive: true, force: true });
const { metafile } = await build({
  absWorkingDir: ROOT,
  metafile: true,
  entryPoints: { index: 'dist/index.js', cli: 'dist/cli/index.js' },
  outdir: OUT,
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Less to read and compile at start; names are kept, so a stack trace (`--debug`) still reads.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  // Bundled CommonJS (commander) calls require() for Node.js's own modules.
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
  plugins: [
    {
      name: 'external-packages',
      setup(b) {
        const bundled = new Set(BUNDLED);
        b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('node:') || bundled.has(packageName(args.path)) ? undefined : { path: args.path, external: true }));
      },
    },
    {
      // zod's error messages in 40 languages are a third of zod, and wechat-digest writes its own
      // messages: zod's `locales` namespace is left empty (its English default is imported on its own).
      name: 'zod-locales',
      setup(b) {
        b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => (args.importer.includes(`${join('node_modules', 'zod')}`) ? { path: 'zod-locales', namespace: 'empty' } : undefined));
        b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {};', loader: 'js' }));
      },
    },
  ],
});

// The licences of the bundled packages (every copy the bundle holds, nested ones too), as their
// copies in the bundle require.
const folders = new Set(Object.keys(metafile.inputs).flatMap((file) => {
  const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(file);
  return m ? [m[1]] : [];
}));
const notices = [...folders].sort().map((folder) => {
  const dir = join(ROOT, folder);
  const { name, version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)/i.test(f));
  return `${name}@${version} (${license})\n\n${file ? readFileSync(join(dir, file), 'utf8').trim() : `Licence: ${license}`}\n`;
});
writeFileSync(join(OUT, 'THIRD-PARTY-LICENSES.txt'), `The files in this folder bundle the following packages.\n\n${notices.join('\n---\n\n')}`);
