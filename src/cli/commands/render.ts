import { basename, dirname, extname } from 'node:path';
import { renderForCli } from '../renderer.js';
import { WECHAT_POLICY } from '../../wechat/policy.js';
import { digestArgumentHelp, formatOption, type CliCommand } from '../command.js';
import { outputFileFor, writeOutputFile } from '../files.js';
import { readDigestFile } from '../input.js';
import { addRenderOptions, renderOptionsFrom, type RenderFlags } from '../render-options.js';
import { digestImageNotes, errorCount, printFindings, strictRefusal } from '../report.js';
import { countOf, formatCount } from '../../core/format.js';

interface RenderCommandFlags extends RenderFlags {
  output?: string;
  format?: string;
  strict?: boolean;
}

/**
 * The name `render -o <folder>` writes inside the folder: the input's name with `.html`
 * (`article.html` for stdin).
 *
 * @param source - The input's name as typed, or `stdin`.
 * @example
 * renderedFileName('posts/week-12.yaml') // → 'week-12.html'
 * renderedFileName('stdin')              // → 'article.html'
 */
export function renderedFileName(source: string): string {
  return source === 'stdin' ? 'article.html' : `${basename(source, extname(source))}.html`;
}

/**
 * `render <file|->`: the WeChat fragment to stdout or to a file; findings to stderr.
 *
 * @example
 * // wechat-digest render digest.json -o article.html
 * await run(['render', 'digest.json', '-o', 'article.html'], io) // → 0
 * // io.stdout.text → 'article.html: 19,717 characters (limit 20,000), 9 items, 0 footnotes\n'
 */
export const renderCommand: CliCommand = (program, context) => {
  const command = program
    .command('render')
    .description('Render a digest file into the WeChat HTML fragment (to stdout, or to a file with -o)')
    .argument('<file>', digestArgumentHelp())
    .option('-o, --output <file>', 'write the fragment to this file (atomically) instead of stdout; a folder gets <name>.html, missing folders are created')
    .option('--strict', 'exit 1 when a finding is an error, and write nothing')
    .addOption(formatOption());
  addRenderOptions(command)
    .addHelpText('after', '\nFindings of the WeChat check go to stderr, one per line with its rule id, and so does what publish will do with each local image\n(image-file: a missing or unusable file is an error, one that will be converted a warning).\n\nExamples:\n  wechat-digest render digest.json -o article.html\n  wechat-digest render my-digest --strict -o out/\n  cat digest.yaml | wechat-digest render - --format yaml --theme classic > article.html')
    .action(async (file: string, flags: RenderCommandFlags) => {
      const { io } = context;
      const input = await readDigestFile(file, io, { format: flags.format });
      const options = await renderOptionsFrom(flags, io);
      const result = await renderForCli(input.digest, options);
      // Local files are looked at now, so a missing or unusable one is known before publishing.
      const notes = await digestImageNotes(input.digest, result.stats.images, input.path ? dirname(input.path) : io.cwd);
      const errors = errorCount(result.warnings) + errorCount(notes);
      if (flags.strict && errors > 0) {
        printFindings(result.warnings, io.stderr);
        for (const note of notes) io.stderr.write(`${note.line}\n`);
        io.stderr.write(`${strictRefusal(input.source, errors)}\n`);
        context.exitCode = 1;
        return;
      }
      if (flags.output === undefined || flags.output === '-') {
        io.stdout.write(result.html);
      } else {
        const output = outputFileFor(flags.output, renderedFileName(input.source), io);
        await writeOutputFile(output, result.html, io);
        const { characters, items, footnotes } = result.stats;
        io.stdout.write(`${output}: ${countOf(characters, 'character')} (limit ${formatCount(WECHAT_POLICY.limits.contentCharacters)}), ${countOf(items, 'item')}, ${countOf(footnotes, 'footnote')}\n`);
      }
      printFindings(result.warnings, io.stderr);
      for (const note of notes) io.stderr.write(`${note.line}\n`);
    });
};
