import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { Option } from 'commander';
import { DigestError } from '../../core/errors.js';
import type { Locale } from '../../digest/locale.js';
import type { CliCommand } from '../command.js';
import { fileError, writeOutputFile } from '../files.js';
import { starterDigest } from '../starter.js';

/** The file `init` writes: `digest.json`. */
export const STARTER_FILE = 'digest.json';

/** Today as YYYY-MM-DD in local time. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * `init [dir]`: writes a starter digest.json that renders as it is; never overwrites.
 *
 * @example
 * // wechat-digest init my-digest --locale en
 * await run(['init', 'my-digest', '--locale', 'en'], io) // → 0
 * // io.stdout.text → 'wrote my-digest/digest.json\nnext: wechat-digest preview my-digest/digest.json\n'
 */
export const initCommand: CliCommand = (program, context) => {
  program
    .command('init')
    .description(`Write a starter ${STARTER_FILE} into a folder (default: the current one)`)
    .argument('[dir]', 'the folder; created when missing', '.')
    .addOption(new Option('--locale <locale>', 'write the starter in Chinese or English').choices(['zh', 'en']).default('zh'))
    .addHelpText('after', `\nAn existing ${STARTER_FILE} is never overwritten.\n\nExample:\n  wechat-digest init my-digest && wechat-digest preview my-digest/${STARTER_FILE}`)
    .action(async (dir: string, flags: { locale: Locale }) => {
      const { io } = context;
      const folder = resolve(io.cwd, dir);
      const file = join(folder, STARTER_FILE);
      const shown = relative(io.cwd, file) || STARTER_FILE;
      if (existsSync(file)) {
        throw new DigestError('E_INVALID_OPTION', `${shown} already exists; init never overwrites a file. Choose another folder (wechat-digest init <dir>) or move the file away.`, { details: { path: file } });
      }
      try {
        await mkdir(folder, { recursive: true });
      } catch (error) {
        throw fileError(error, dir, 'write');
      }
      await writeOutputFile(file, `${JSON.stringify(starterDigest(flags.locale, today()), null, 2)}\n`, io);
      io.stdout.write(`wrote ${shown}\nnext: wechat-digest preview ${shown}\n`);
    });
};
