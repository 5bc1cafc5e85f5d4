import { basename, dirname, extname, join } from 'node:path';
import { previewPage } from '../../preview/page.js';
import { renderForCli } from '../renderer.js';
import { digestArgumentHelp, formatOption, type CliCommand } from '../command.js';
import { writeOutputFile } from '../files.js';
import { readDigestFile } from '../input.js';
import { addRenderOptions, renderOptionsFrom, type RenderFlags } from '../render-options.js';
import { printFindings } from '../report.js';

interface PreviewCommandFlags extends RenderFlags {
  output?: string;
  format?: string;
  dark?: boolean;
}

/**
 * Where the preview page goes by default: next to the input, `<name>.preview.html`;
 * `digest.preview.html` for stdin.
 *
 * @example
 * defaultPreviewPath('posts/week-12.yaml') // → 'posts/week-12.preview.html'
 */
export function defaultPreviewPath(file: string): string {
  if (file === '-') return 'digest.preview.html';
  return join(dirname(file), `${basename(file, extname(file))}.preview.html`);
}

/**
 * `preview <file>`: writes the preview page and prints its path.
 *
 * @example
 * // wechat-digest preview digest.md
 * await run(['preview', 'digest.md'], io) // → 0
 * // io.stdout.text → '/…/digest.preview.html\n'
 */
export const previewCommand: CliCommand = (program, context) => {
  const command = program
    .command('preview')
    .description('Write a preview page: the article at phone and desktop width, light and dark, its size and findings, and a Copy for WeChat button')
    .argument('<file>', digestArgumentHelp())
    .option('-o, --output <file>', 'where to write the page (default: <name>.preview.html next to the input)')
    .option('--dark', 'open the page in dark mode')
    .addOption(formatOption());
  addRenderOptions(command)
    .addHelpText('after', '\nThe page needs no network: open it in a browser, click "Copy for WeChat", paste into the editor.\n\nExample:\n  wechat-digest preview digest.json --theme classic')
    .action(async (file: string, flags: PreviewCommandFlags) => {
      const { io } = context;
      const input = await readDigestFile(file, io, { format: flags.format });
      const result = await renderForCli(input.digest, await renderOptionsFrom(flags, io));
      const page = previewPage(result, { source: input.source, mode: flags.dark ? 'dark' : 'light' });
      const path = await writeOutputFile(flags.output ?? defaultPreviewPath(file), page, io);
      if (path) io.stdout.write(`${path}\n`);
      printFindings(result.warnings, io.stderr);
    });
};
