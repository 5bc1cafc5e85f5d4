import { Option } from 'commander';
import { digestArgumentHelp, formatOption, type CliCommand } from '../command.js';
import { writeOutputFile } from '../files.js';
import { readDigestFile } from '../input.js';
import { renderOptionsFrom, type RenderFlags } from '../render-options.js';
import { formatCount } from '../../core/format.js';

interface CoverFlags extends Pick<RenderFlags, 'theme' | 'accent' | 'locale'> {
  output: string;
  format?: string;
}

/**
 * `cover <file> -o cover.png`: draws the cover `publish` makes when the digest has none, so it
 * can be looked at (and given with `--cover`).
 *
 * @example
 * // wechat-digest cover digest.json -o cover.png --theme modern
 * await run(['cover', 'digest.json', '-o', 'cover.png', '--theme', 'modern'], io) // → 0
 * // io.stdout.text → 'cover.png: 900 × 383 PNG, … bytes; the 1:1 share crop keeps the centre 383 × 383\n'
 */
export const coverCommand: CliCommand = (program, context) => {
  program
    .command('cover')
    .description('Draw the cover that publish makes when the digest has none (900 × 383 PNG)')
    .argument('<file>', digestArgumentHelp())
    .requiredOption('-o, --output <file.png>', 'the PNG file to write')
    .option('--theme <id|file.css>', 'the theme whose accent and cover style to use (default: classic)')
    .option('--accent <colour>', 'accent colour instead of the theme\u2019s, e.g. "#0f766e"')
    .addOption(new Option('--locale <locale>', 'the word under the item count when there is no date (default: the digest\'s locale, else zh)').choices(['zh', 'en']))
    .addOption(formatOption())
    .addHelpText(
      'after',
      '\nThe title, account, date and subtitle sit inside the centre 383 × 383 square, which WeChat keeps when it crops the cover to 1:1;\n' +
        'the category tags and the day are on the sides. The same digest and options give the same bytes.\n\n' +
        'Example:\n  wechat-digest cover digest.json -o cover.png --theme academic',
    )
    .action(async (file: string, flags: CoverFlags) => {
      const { io } = context;
      const input = await readDigestFile(file, io, { format: flags.format });
      const render = await renderOptionsFrom(flags, io);
      // Loaded here: only this command and publish draw covers.
      const { renderCover } = await import('../../cover/render.js');
      const cover = await renderCover(input.digest, render);
      if (await writeOutputFile(flags.output, cover.png, io)) io.stdout.write(`${flags.output}: ${cover.width} × ${cover.height} PNG, ${formatCount(cover.png.length)} bytes; the 1:1 share crop keeps the centre ${cover.height} × ${cover.height}\n`);
    });
};
