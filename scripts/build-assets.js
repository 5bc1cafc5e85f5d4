// Run by `npm run build` after tsc: writes the JSON Schema of a digest, the precompiled
// built-in themes and the bundled browser scripts next to the compiled code.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { digestJsonSchema, listThemes } from '../dist/index.js';
import { compileTheme } from '../dist/theme/compile.js';
import { cssHash, PRECOMPILED_FILE } from '../dist/theme/builtin.js';
import { builtinThemeCss } from '../dist/theme/themes.js';
import { BROWSER_SCRIPTS, bundleBrowserScript, bundleFile } from '../dist/preview/scripts.js';

const schema = new URL('../schema/digest.schema.json', import.meta.url);
mkdirSync(new URL('.', schema), { recursive: true });
writeFileSync(schema, `${JSON.stringify(digestJsonSchema(), null, 2)}\n`);

const themes = {};
for (const { id } of listThemes()) {
  const css = builtinThemeCss(id);
  themes[id] = { sha256: cssHash(css), theme: compileTheme(css) };
}
writeFileSync(PRECOMPILED_FILE, `${JSON.stringify(themes)}\n`);

for (const name of BROWSER_SCRIPTS) {
  const file = bundleFile(name);
  mkdirSync(new URL('.', file), { recursive: true });
  writeFileSync(file, bundleBrowserScript(name, fileURLToPath(new URL(`../src/preview/browser/${name}.ts`, import.meta.url))));
}
