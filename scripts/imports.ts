// `npm run imports`: the import graph of src/ and the layer rule it must keep. Prints how many
// files and arrows (one file importing another) there are, and every arrow that points up or
// sideways. Exits 1 when there is one. test/architecture/imports.test.ts runs the same check.
//
//   npm run imports                      the working tree
//   npm run imports -- --root DIR        another checkout (e.g. `git worktree add DIR <commit>`)
//   npm run imports -- --layers FILE     another layer table (JSON: [[layer, rank, [prefixes…]], …])
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One layer: its name, its rank (higher imports lower), and the paths under src/ it owns. */
export interface Layer {
  name: string;
  rank: number;
  /** Path prefixes relative to src/: a folder (`wechat/`) or a file (`index.ts`). */
  owns: string[];
}

/**
 * The layers of src/, bottom up. A file may import files of its own layer and of layers of a
 * lower rank; two layers of one rank (preview, publish) may not import each other.
 */
export const LAYERS: readonly Layer[] = [
  { name: 'core', rank: 0, owns: ['core/'] },
  { name: 'digest', rank: 1, owns: ['digest/'] },
  { name: 'wechat', rank: 2, owns: ['wechat/'] },
  { name: 'theme', rank: 3, owns: ['theme/'] },
  { name: 'render', rank: 4, owns: ['render/'] },
  { name: 'cover', rank: 5, owns: ['cover/'] },
  { name: 'preview', rank: 6, owns: ['preview/'] },
  { name: 'publish', rank: 6, owns: ['publish/'] },
  { name: 'sources', rank: 6, owns: ['sources/'] },
  { name: 'fill', rank: 6, owns: ['fill/'] },
  { name: 'relay', rank: 7, owns: ['relay/'] },
  { name: 'cli', rank: 8, owns: ['cli/'] },
  { name: 'api', rank: 9, owns: ['index.ts'] },
];

/** One import of one file by another, both relative to src/. */
export interface Arrow {
  from: string;
  to: string;
}

/** The import graph of a source folder, judged against a layer table. */
export interface ImportReport {
  files: string[];
  arrows: Arrow[];
  /** Arrows into a layer of the same or a higher rank that is not the importer's own. */
  wrongWay: (Arrow & { why: string })[];
  /** Files no layer owns. */
  unowned: string[];
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?\sfrom\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)|^\s*import\s*['"](\.[^'"]+)['"]/gm;

function sourceFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path, base);
    return /\.(ts|js)$/.test(name) && !name.endsWith('.d.ts') ? [relative(base, path).split('\\').join('/')] : [];
  });
}

/**
 * The relative imports of a module's text, as written (`./a.js`, `../core/b.js`): static imports,
 * re-exports, type-only imports and dynamic `import()`.
 *
 * @example
 * importSpecifiers("import { a } from './a.js';\nconst b = await import('../b.js');") // → ['./a.js', '../b.js']
 */
export function importSpecifiers(text: string): string[] {
  // Imports inside comments (doc examples) are no dependencies.
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...code.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/**
 * The layer that owns a path under src/, or undefined.
 *
 * @example
 * layerOf('wechat/reader/colour.ts')?.name // → 'wechat'
 */
export function layerOf(path: string, layers: readonly Layer[] = LAYERS): Layer | undefined {
  return layers.find((l) => l.owns.some((p) => (p.endsWith('/') ? path.startsWith(p) : path === p)));
}

/**
 * Why an arrow breaks the layer rule, or undefined when it keeps it.
 *
 * @example
 * wrongWay({ from: 'theme/compile.ts', to: 'preview/page.ts' }) // → 'theme (3) imports preview (6): up'
 * wrongWay({ from: 'render/pipeline.ts', to: 'wechat/check.ts' }) // → undefined
 */
export function wrongWay(arrow: Arrow, layers: readonly Layer[] = LAYERS): string | undefined {
  const from = layerOf(arrow.from, layers);
  const to = layerOf(arrow.to, layers);
  if (!from || !to || from === to) return undefined;
  if (to.rank > from.rank) return `${from.name} (${from.rank}) imports ${to.name} (${to.rank}): up`;
  if (to.rank === from.rank) return `${from.name} (${from.rank}) imports ${to.name} (${to.rank}): sideways`;
  return undefined;
}

/**
 * Reads every module under `srcDir` and judges its imports against `layers`.
 *
 * @example
 * importReport('src').wrongWay // → []
 */
export function importReport(srcDir: string, layers: readonly Layer[] = LAYERS): ImportReport {
  const files = sourceFiles(srcDir).sort();
  const known = new Set(files);
  const seen = new Set<string>();
  const arrows: Arrow[] = [];
  for (const file of files) {
    for (const spec of importSpecifiers(readFileSync(join(srcDir, file), 'utf8'))) {
      const target = normalize(join(dirname(file), spec)).split('\\').join('/');
      const to = [target.replace(/\.js$/, '.ts'), target, `${target}.ts`, `${target}/index.ts`].find((c) => known.has(c));
      if (!to || seen.has(`${file}→${to}`)) continue;
      seen.add(`${file}→${to}`);
      arrows.push({ from: file, to });
    }
  }
  const wrong = arrows.flatMap((a) => {
    const why = wrongWay(a, layers);
    return why ? [{ ...a, why }] : [];
  });
  return { files, arrows, wrongWay: wrong, unowned: files.filter((f) => !layerOf(f, layers)) };
}

function main(argv: string[]): number {
  const option = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const root = option('--root') ?? fileURLToPath(new URL('..', import.meta.url));
  const table = option('--layers');
  const layers = table ? (JSON.parse(readFileSync(table, 'utf8')) as [string, number, string[]][]).map(([name, rank, owns]) => ({ name, rank, owns })) : LAYERS;
  const report = importReport(join(root, 'src'), layers);
  console.log(`${report.files.length} files, ${report.arrows.length} arrows, ${report.wrongWay.length} wrong-way arrows, ${report.unowned.length} files in no layer`);
  for (const a of report.wrongWay) console.log(`  ✖ src/${a.from} → src/${a.to}: ${a.why}`);
  for (const f of report.unowned) console.log(`  ✖ src/${f}: in no layer; add it to a layer's folder`);
  return report.wrongWay.length || report.unowned.length ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1])) process.exitCode = main(process.argv.slice(2));
