import { dirname } from 'node:path';
import { Option } from 'commander';
import { CHECK_TARGETS, checkWechat, type CheckTarget } from '../../wechat/check.js';
import { WECHAT_POLICY } from '../../wechat/policy.js';
import type { CliCommand } from '../command.js';
import { readInputText } from '../files.js';
import { formatFinding } from '../report.js';
import type { ImageNote } from '../../publish/inspect.js';
import { formatCount } from '../../core/format.js';

/** Each local image of the HTML, named `img[n]` (document order), looked at as publish would. */
async function imageNotes(html: string, baseDir: string): Promise<(ImageNote & { line: string })[]> {
  const [{ imageSources }, { inspectLocalImages, imageNoteLine }] = await Promise.all([import('../../publish/html.js'), import('../../publish/inspect.js')]);
  const fields = new Map<string, string[]>();
  imageSources(html).forEach((src, n) => fields.set(src, [...(fields.get(src) ?? []), `img[${n}]`]));
  return (await inspectLocalImages(fields, baseDir)).map((note) => ({ ...note, line: imageNoteLine(note) }));
}

interface CheckFlags {
  target?: CheckTarget;
  json?: boolean;
}

/**
 * `check <html-file|->`: prints the findings; exit code 1 when any is an error.
 *
 * @example
 * // wechat-digest render digest.json -o article.html && wechat-digest check article.html --target api
 * await run(['render', 'digest.json', '-o', 'article.html'], io) // → 0
 * await run(['check', 'article.html', '--target', 'api'], io) // → 0
 * // io.stdout.text → 'article.html: 18,545 characters (limit 20,000), 9 items, 0 footnotes\narticle.html: no findings for api, 18,545 characters (limit 20,000)\n'
 */
export const checkCommand: CliCommand = (program, context) => {
  program
    .command('check')
    .description('Check an HTML fragment against what the WeChat editor (paste) or the draft API keeps')
    .argument('<html-file>', 'the HTML fragment, or - for stdin')
    .addOption(new Option('--target <target>', 'paste into the editor, or the draft API (images must be on mmbiz.qpic.cn)').choices(CHECK_TARGETS).default('paste'))
    .option('--json', 'print the findings as a JSON array')
    .addHelpText('after', '\nLocal image files are looked at as publish would (image-file lines; paths start at the HTML file\u2019s folder).\nExit code 1 when any finding is an error. Rule ids are stable; the README lists them.\n\nExample:\n  wechat-digest render digest.json | wechat-digest check - --target api')
    .action(async (file: string, flags: CheckFlags) => {
      const { io } = context;
      const input = await readInputText(file, io);
      const findings = checkWechat(input.text, { target: flags.target });
      // Local image files next to the HTML: looked at as publish would (only when there are images).
      const notes = input.text.includes('<img') ? await imageNotes(input.text, input.path ? dirname(input.path) : io.cwd) : [];
      const total = findings.length + notes.length;
      const errors = findings.filter((f) => f.severity === 'error').length + notes.filter((n) => n.severity === 'error').length;
      if (flags.json) {
        const imageFindings = notes.map((n) => ({ rule: 'image-file', severity: n.severity, message: n.message, excerpt: n.path }));
        io.stdout.write(`${JSON.stringify([...findings, ...imageFindings], null, 2)}\n`);
      } else {
        for (const finding of findings) io.stdout.write(`${formatFinding(finding)}\n`);
        for (const note of notes) io.stdout.write(`${note.line}\n`);
        const warnings = total - errors;
        const size = `${formatCount(input.text.length)} characters (limit ${formatCount(WECHAT_POLICY.limits.contentCharacters)})`;
        io.stdout.write(total === 0
          ? `${input.source}: no findings for ${flags.target}, ${size}\n`
          : `${input.source}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} for ${flags.target}, ${size}\n`);
      }
      if (errors > 0) context.exitCode = 1;
    });
};
