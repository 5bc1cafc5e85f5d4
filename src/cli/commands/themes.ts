import { listThemes } from '../../theme/themes.js';
import type { CliCommand } from '../command.js';

/**
 * `themes`: lists the built-in themes with a one-line description each.
 *
 * @example
 * // wechat-digest themes
 * await run(['themes'], io) // → 0
 * // io.stdout.text → 'classic     Classic: The arXiv-daily look: …'
 */
export const themesCommand: CliCommand = (program, context) => {
  program
    .command('themes')
    .description('List the built-in themes')
    .option('--json', 'print them as JSON')
    .addHelpText('after', '\nUse one with --theme <id>, or pass your own CSS file: --theme brand.css')
    .action((flags: { json?: boolean }) => {
      const themes = listThemes();
      if (flags.json) {
        context.io.stdout.write(`${JSON.stringify(themes, null, 2)}\n`);
        return;
      }
      const width = Math.max(...themes.map((t) => t.id.length));
      for (const theme of themes) context.io.stdout.write(`${theme.id.padEnd(width)}  ${theme.name}: ${theme.description}\n`);
    });
};
