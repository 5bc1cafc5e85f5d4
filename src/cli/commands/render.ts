import { dirname } from 'node:path';
import { renderForCli } from '../renderer.js';
import { WECHAT_POLICY } from '../../wechat/policy.js';
import { digestArgumentHelp, formatOption, type CliCommand } from '../command.js';
import { writeOutputFile } from '../files.js';
import { readDigestFile } from '../input.js';
import { addRenderOptions, renderOptionsFrom, type RenderFlags } from '../render-options.js';
import { printFindings } from '../report.js';
import { formatCount } from '../../core/format.js';

interface RenderCommandFlags extends RenderFlags {
  output?: string;
  format?: string;
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
    .option('-o, --output <file>', 'write the fragment to this file (atomically) instead of stdout')
    .addOption(formatOption());
  addRenderOptions(command)
    .addHelpText('after', '\nFindings of the WeChat check go to stderr, one per line with its rule id, and so does what publish will do with each local image\n(image-file: a missing or unusable file is an error, one that will be converted a warning).\n\nExamples:\n  wechat-digest render digest.json -o article.html\n  cat digest.yaml | wechat-digest render - --format yaml --theme classic > article.html')
    .action(async (file: string, flags: RenderCommandFlags) => {
      const { io } = context;
      const input = await readDigestFile(file, io, { format: flags.format });
      const options = await renderOptionsFrom(flags, io);
      const result = await renderForCli(input.digest, options);
      if (flags.output === undefined || flags.output === '-') {
        io.stdout.write(result.html);
      } else {
        await writeOutputFile(flags.output, result.html, io);
        const { characters, items, footnotes } = result.stats;
        io.stdout.write(`${flags.output}: ${formatCount(characters)} characters (limit ${formatCount(WECHAT_POLICY.limits.contentCharacters)}), ${items} items, ${footnotes} footnotes\n`);
      }
      printFindings(result.warnings, io.stderr);
      if (result.stats.images > 0 || input.digest.cover || input.digest.account?.qrCode || input.digest.footer?.qrCode) {
        // Loaded here: only a digest with images needs them. Local files are looked at now, so a
        // missing or unusable one is known before publishing.
        const [{ imageFields }, { inspectLocalImages, imageNoteLine }] = await Promise.all([import('../../publish/image-fields.js'), import('../../publish/inspect.js')]);
        for (const note of await inspectLocalImages(imageFields(input.digest), input.path ? dirname(input.path) : io.cwd)) io.stderr.write(`${imageNoteLine(note)}\n`);
      }
    });
};
