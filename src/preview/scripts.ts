import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { DigestError } from '../core/errors.js';

/**
 * The browser scripts the package ships, each one module under `src/preview/browser/` bundled
 * with what it imports: `page` (the preview page's behaviour with the reader's recolouring) and
 * `reader` (sets `window.readerDarkmode`, a `ReaderDarkmode`) and `live` (the live preview's reload and look switches).
 */
export const BROWSER_SCRIPTS = ['page', 'reader', 'live'] as const;

/** The name of one browser script. */
export type BrowserScript = (typeof BROWSER_SCRIPTS)[number];

/**
 * Where `npm run build` writes the bundle of a browser script, next to the compiled modules.
 *
 * @example
 * bundleFile('page').pathname // → '…/preview/bundles/page.js'
 */
export function bundleFile(name: BrowserScript): URL {
  // Named from the folder above, so the path holds from dist/bundle/ as from dist/preview/.
  return new URL(`../preview/bundles/${name}.js`, import.meta.url);
}

/** The entry module of a browser script in a source checkout. */
function entryFile(name: BrowserScript): string {
  return fileURLToPath(new URL(`../preview/browser/${name}.ts`, import.meta.url));
}

/**
 * Bundles a browser script with esbuild (a build-time tool): one classic script, no imports left.
 *
 * @example
 * bundleBrowserScript('reader').includes('function convertTree') // → true
 */
export function bundleBrowserScript(name: BrowserScript, entry = entryFile(name)): string {
  let esbuild: typeof import('esbuild');
  try {
    esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  } catch {
    throw new DigestError('E_FILE', `The ${name} script is not built (${fileURLToPath(bundleFile(name))} is missing): run npm run build`);
  }
  const out = esbuild.buildSync({ entryPoints: [entry], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2020', charset: 'utf8', legalComments: 'none' });
  return out.outputFiles[0].text;
}

const loaded = new Map<BrowserScript, string>();

/**
 * The source of a browser script, ready for a `<script>` element: the bundle `npm run build`
 * wrote, or, in a source checkout, bundled now (once per process).
 *
 * @example
 * browserScript('reader').includes('globalThis.readerDarkmode = createReaderDarkmode()') // → true
 */
export function browserScript(name: BrowserScript): string {
  let script = loaded.get(name);
  if (script === undefined) {
    try {
      script = readFileSync(bundleFile(name), 'utf8');
    } catch {
      script = bundleBrowserScript(name);
    }
    // Inside <script>, "</script" would end the element early.
    script = script.replace(/<\/(script)/gi, '<\\/$1');
    loaded.set(name, script);
  }
  return script;
}
