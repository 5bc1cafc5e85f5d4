import { statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { Option } from 'commander';
import { DigestError } from '../../core/errors.js';
import { LOCALE_IDS, type Locale } from '../../digest/locale.js';
import type { CliCommand } from '../command.js';
import { fileError, writeOutputFile } from '../files.js';
import { commandName, PACKAGE_ROOT } from '../invocation.js';
import { starterDigest } from '../starter.js';

/** The file `init` writes into a folder: `digest.json`. */
export const STARTER_FILE = 'digest.json';

/** The extensions `init` writes a starter file as, and how. */
const STARTER_FORMATS: Record<string, 'json' | 'yaml' | 'md'> = { '.json': 'json', '.yaml': 'yaml', '.yml': 'yaml', '.md': 'md', '.markdown': 'md' };

/** Today as YYYY-MM-DD in local time. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** What is at a path: a folder, a file, or nothing. */
function kindOf(path: string): 'folder' | 'file' | 'none' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'none';
  }
}

/**
 * The `$schema` reference a starter written into `folder` gets: the relative path to the JSON
 * Schema this package ships, so that an editor finds it offline and it stays the schema of the
 * installed version.
 *
 * @param folder - The folder the starter is written into.
 * @param packageRoot - Where this package is installed (default: here).
 * @example
 * // the package installed in /home/me/site/node_modules/wechat-digest, the digest in /home/me/site/posts
 * schemaReference('/home/me/site/posts', '/home/me/site/node_modules/wechat-digest/') // → '../node_modules/wechat-digest/schema/digest.schema.json'
 * schemaReference('/home/me/site', '/home/me/site/node_modules/wechat-digest/') // → './node_modules/wechat-digest/schema/digest.schema.json'
 */
export function schemaReference(folder: string, packageRoot: string = PACKAGE_ROOT): string {
  const path = relative(folder, join(packageRoot, 'schema', 'digest.schema.json')).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

/**
 * `init [path]`: writes a starter digest that renders as it is into a folder (`digest.json`), or
 * into the file named (`.json`, `.yaml`, `.yml` or `.md`); never overwrites.
 *
 * @example
 * // wechat-digest init my-digest --locale en
 * await run(['init', 'my-digest', '--locale', 'en'], io) // → 0
 * // io.stdout.text → 'wrote my-digest/digest.json\nnext: wechat-digest preview my-digest/digest.json --watch\n'
 */
export const initCommand: CliCommand = (program, context) => {
  program
    .command('init')
    .description(`Write a starter digest: ${STARTER_FILE} into a folder (default: the current one), or the .json, .yaml or .md file named`)
    .argument('[path]', 'a folder (created when missing), or a file ending in .json, .yaml, .yml or .md', '.')
    .addOption(new Option('--locale <locale>', 'write the starter in Chinese or English').choices(LOCALE_IDS).default('zh'))
    .addHelpText('after', `\nAn existing file is never overwritten. The starter's "$schema" points at the schema this package installed,\nso editors check and complete it offline.\n\nExamples:\n  wechat-digest init my-digest && wechat-digest preview my-digest --watch\n  wechat-digest init weekly.yaml --locale en`)
    .action(async (given: string, flags: { locale: Locale }) => {
      const { io } = context;
      const target = resolve(io.cwd, given);
      const format = STARTER_FORMATS[extname(given).toLowerCase()];
      const kind = kindOf(target);
      const file = format && kind !== 'folder' ? target : join(target, STARTER_FILE);
      const shown = relative(io.cwd, file) || STARTER_FILE;
      if (!format && kind === 'file') {
        throw new DigestError('E_INVALID_OPTION', `${given} is a file, and init takes a folder to write ${STARTER_FILE} into, or a new file ending in .json, .yaml, .yml or .md: wechat-digest init <folder> or wechat-digest init weekly.yaml`, { details: { path: target } });
      }
      if (kindOf(file) !== 'none') {
        throw new DigestError('E_INVALID_OPTION', `${shown} already exists; init never overwrites a file. Name another file or folder (wechat-digest init <folder> or wechat-digest init new.yaml) or move the file away.`, { details: { path: file } });
      }
      try {
        await mkdir(dirname(file), { recursive: true });
      } catch (error) {
        throw fileError(error, relative(io.cwd, dirname(file)) || '.', 'write');
      }
      const name = commandName(io.cwd, io.env);
      const next = `${name} preview ${shown} --watch`;
      const starter = starterDigest(flags.locale, today(), { schema: schemaReference(dirname(file)), preview: next });
      await writeOutputFile(file, await starterText(starter, format ?? 'json'), io);
      io.stdout.write(`wrote ${shown}\nnext: ${next}\n`);
    });
};

/** The starter as the file's format writes it; YAML names its schema in a comment editors read. */
async function starterText(starter: ReturnType<typeof starterDigest>, format: 'json' | 'yaml' | 'md'): Promise<string> {
  if (format === 'json') return `${JSON.stringify(starter, null, 2)}\n`;
  const { $schema, ...data } = starter;
  if (format === 'yaml') return `# yaml-language-server: $schema=${$schema}\n${(await import('yaml')).stringify(data, { lineWidth: 0 })}`;
  return (await import('../../digest/markdown/index.js')).digestToMarkdown(data);
}
