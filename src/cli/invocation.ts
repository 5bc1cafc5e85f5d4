import { dirname, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of the installed package (the one holding package.json, schema/ and dist/). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * How a user runs this CLI again from `cwd`, for the hints it prints: `npx wechat-digest` for a
 * local install (the package sits in the `node_modules` of `cwd` or of a folder above it, whose
 * `.bin` is not on the PATH) and under `npx`; `wechat-digest` for a global install.
 *
 * @param cwd - The folder the user is in.
 * @param env - The environment (`npm_command` is `exec` under npx).
 * @param packageRoot - Where this package is installed (default: here).
 * @example
 * commandName('/home/me/site', {}, '/home/me/site/node_modules/wechat-digest/') // → 'npx wechat-digest'
 * commandName('/home/me/site', {}, '/usr/lib/node_modules/wechat-digest/')      // → 'wechat-digest'
 */
export function commandName(cwd: string, env: Record<string, string | undefined>, packageRoot: string = PACKAGE_ROOT): string {
  if (env.npm_command === 'exec') return 'npx wechat-digest';
  const marker = `${sep}node_modules${sep}`;
  const at = packageRoot.lastIndexOf(marker);
  if (at < 0) return 'wechat-digest';
  const project = dirname(`${packageRoot.slice(0, at)}${sep}node_modules`);
  const fromProject = relative(project, cwd);
  const inside = fromProject === '' || (!fromProject.startsWith('..') && !fromProject.startsWith(sep) && !/^[A-Za-z]:/.test(fromProject));
  return inside ? 'npx wechat-digest' : 'wechat-digest';
}
