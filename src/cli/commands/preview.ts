import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { DigestError } from '../../core/errors.js';
import { renderForCli } from '../renderer.js';
import { digestArgumentHelp, formatOption, type CliCommand } from '../command.js';
import { outputFileFor, writeOutputFile } from '../files.js';
import { readDigestFile } from '../input.js';
import { addRenderOptions, renderOptionsFrom, type RenderFlags } from '../render-options.js';
import { digestImageNotes, errorCount, printFindings } from '../report.js';
import { countOf } from '../../core/format.js';
import type { CliContext } from '../io.js';

/** The flags of `preview`. */
export interface PreviewCommandFlags extends RenderFlags {
  output?: string;
  format?: string;
  dark?: boolean;
  strict?: boolean;
  watch?: boolean;
  /** `true` for `--host` alone (every address of the machine), else the address given. */
  host?: string | true;
  port?: number;
}

/**
 * Where the preview page goes by default: next to the input, `<name>.preview.html`;
 * `digest.preview.html` for stdin.
 *
 * @param file - The input's name as typed (`-` or `stdin` for stdin).
 * @example
 * defaultPreviewPath('posts/week-12.yaml') // → 'posts/week-12.preview.html'
 */
export function defaultPreviewPath(file: string): string {
  if (file === '-' || file === 'stdin') return 'digest.preview.html';
  return join(dirname(file), previewFileName(file));
}

/** `week-12.yaml` → `week-12.preview.html`. */
function previewFileName(file: string): string {
  return file === '-' || file === 'stdin' ? 'digest.preview.html' : `${basename(file, extname(file))}.preview.html`;
}

/**
 * The URL prefix that leads from a page written in `pageFolder` to the digest's folder, for its
 * relative image paths; empty when they are the same folder.
 *
 * @param pageFolder - The folder the page is written to.
 * @param digestFolder - The digest file's folder.
 * @example
 * imageBaseFor('/home/me/site', '/home/me/posts') // → '../posts/'
 * imageBaseFor('/home/me/posts', '/home/me/posts') // → ''
 */
export function imageBaseFor(pageFolder: string, digestFolder: string): string {
  const path = relative(pageFolder, digestFolder);
  return path ? `${path.split(sep).map(encodeURIComponent).join('/')}/` : '';
}

function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 65535) throw new InvalidArgumentError('--port expects a port number from 0 to 65535 (0: any free port), e.g. --port 4173');
  return n;
}

/**
 * `preview <file>`: writes the preview page and prints its path; with `--watch`, serves it on
 * 127.0.0.1 and renders it again on every save.
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
    .option('-o, --output <file>', 'where to write the page (default: <name>.preview.html next to the input); a folder gets <name>.preview.html')
    .option('--dark', 'open the page in dark mode')
    .option('--strict', 'exit 1 when a finding is an error (the page is still written, to show them)')
    .option('-w, --watch', 'serve the page on 127.0.0.1 and render it again on every save of the file (Ctrl+C stops)')
    .option('--host [address]', 'with --watch: listen on the LAN too (all addresses, or this one) and print a QR code to open the page on a phone')
    .option('--port <port>', 'with --watch: the port (default: any free one, printed)', port)
    .addOption(formatOption());
  addRenderOptions(command)
    .addHelpText('after', '\nThe page needs no network: open it in a browser, click "Copy for WeChat", paste into the editor.\nWith --watch the page reloads after each save at the same scroll position; an error in the file shows in the page\nwith its field or line, the last good render one click away; theme, accent and font size switch in the page.\n--host makes the page visible to every device on the network: use it on a network you trust.\n\nExamples:\n  wechat-digest preview digest.json --theme classic\n  wechat-digest preview digest.md --watch\n  wechat-digest preview digest.md --watch --host')
    .action(async (file: string, flags: PreviewCommandFlags) => {
      if (flags.watch) {
        const { watchPreview } = await import('../live-preview.js');
        await watchPreview(file, flags, context);
        return;
      }
      const refused = flags.host !== undefined ? '--host' : flags.port !== undefined ? '--port' : undefined;
      if (refused) throw new DigestError('E_INVALID_OPTION', `${refused} serves the live preview: add --watch (wechat-digest preview ${file} --watch ${refused})`);
      await writePreview(file, flags, context);
    });
};

/** The preview page as a file. */
async function writePreview(file: string, flags: PreviewCommandFlags, context: CliContext): Promise<void> {
  const { io } = context;
  const input = await readDigestFile(file, io, { format: flags.format });
  const result = await renderForCli(input.digest, await renderOptionsFrom(flags, io));
  const output = flags.output === undefined ? defaultPreviewPath(input.source) : outputFileFor(flags.output, previewFileName(input.source), io);
  const digestFolder = input.path ? dirname(input.path) : io.cwd;
  const imageBase = imageBaseFor(dirname(resolve(io.cwd, output)), digestFolder);
  // The page's code (and the HTML reader it uses for images) loads only for this command.
  const { previewPage } = await import('../../preview/page.js');
  const page = previewPage(result, { source: input.source, mode: flags.dark ? 'dark' : 'light', imageBase });
  const path = await writeOutputFile(output, page, io);
  if (path) io.stdout.write(`${path}\n`);
  printFindings(result.warnings, io.stderr);
  const notes = await digestImageNotes(input.digest, result.stats.images, digestFolder);
  for (const note of notes) io.stderr.write(`${note.line}\n`);
  const errors = errorCount(result.warnings) + errorCount(notes);
  if (flags.strict && errors > 0) {
    io.stderr.write(`${input.source}: ${countOf(errors, 'error')} (above); --strict: exit code 1\n`);
    context.exitCode = 1;
  }
}
