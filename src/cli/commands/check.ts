import { dirname, extname } from 'node:path';
import { DigestError } from '../../core/errors.js';
import { checkWechat, type CheckTarget } from '../../wechat/check.js';
import { WECHAT_POLICY } from '../../wechat/policy.js';
import type { Finding } from '../../wechat/findings.js';
import { formatOption, type CliCommand } from '../command.js';
import { readInputText, type InputText } from '../files.js';
import { digestInFolder, INPUT_FORMATS, readDigestFile } from '../input.js';
import type { CliIo } from '../io.js';
import { addRenderOptions, renderOptionsFrom, type RenderFlags } from '../render-options.js';
import { renderForCli } from '../renderer.js';
import { digestImageNotes, errorCount, formatFinding } from '../report.js';
import type { ImageNote } from '../../publish/inspect.js';
import { countOf, formatCount } from '../../core/format.js';

/** Each local image of the HTML, named `img[n]` (document order), looked at as publish would. */
async function imageNotes(html: string, baseDir: string): Promise<(ImageNote & { line: string })[]> {
  const [{ imageSources }, { inspectLocalImages, imageNoteLine }] = await Promise.all([import('../../publish/html.js'), import('../../publish/inspect.js')]);
  const fields = new Map<string, string[]>();
  imageSources(html).forEach((src, n) => fields.set(src, [...(fields.get(src) ?? []), `img[${n}]`]));
  return (await inspectLocalImages(fields, baseDir)).map((note) => ({ ...note, line: imageNoteLine(note) }));
}

interface CheckFlags extends RenderFlags {
  json?: boolean;
  format?: string;
}

/** The extensions `check` reads as an HTML fragment. */
const HTML_EXTENSIONS = ['.html', '.htm'];

/**
 * Whether `check` reads a file as a digest (rendered first) or as an HTML fragment: by
 * `--format`, else by extension (a folder holds a digest), else by its first character (`<`
 * starts HTML; `{` a JSON digest).
 *
 * @param file - The file argument (`-` for stdin).
 * @param text - The text read, when the name does not tell.
 * @param format - The `--format` value, if given.
 * @example
 * checkInputKind('digest.json', '')                   // → 'digest'
 * checkInputKind('article.html', '')                  // → 'html'
 * checkInputKind('-', '{"title":"T","sections":[]}')  // → 'digest'
 * checkInputKind('-', '<section>…</section>')         // → 'html'
 */
export function checkInputKind(file: string, text: string, format?: string): 'digest' | 'html' {
  if (format !== undefined) return 'digest';
  const ext = extname(file).toLowerCase();
  if (HTML_EXTENSIONS.includes(ext)) return 'html';
  if (INPUT_FORMATS.some((f) => f.extensions.includes(ext))) return 'digest';
  return text.trimStart().startsWith('{') ? 'digest' : 'html';
}

/** What `check` looked at: findings, local image notes, and the fragment's size. */
interface Checked {
  source: string;
  findings: Finding[];
  notes: (ImageNote & { line: string })[];
  characters: number;
}

/** HTML: the checker on the text as it is; local images start at the file's folder. */
async function checkHtml(input: InputText, flags: CheckFlags, io: CliIo): Promise<Checked> {
  const given = (['theme', 'accent', 'fontSize', 'locale', 'links', 'numbering', 'header', 'summaryMax', 'rawHtml', 'lineNumbers', 'codeWindow'] as const).filter((k) => flags[k] !== undefined);
  if (given.length > 0 || flags.highlight === false) {
    throw new DigestError('E_INVALID_OPTION', `${input.source} is an HTML fragment: render options (--${kebab(given[0] ?? 'highlight')}) apply to a digest file; check the digest itself, or render it with them first`);
  }
  const findings = checkWechat(input.text, { target: flags.target });
  const notes = input.text.includes('<img') ? await imageNotes(input.text, input.path ? dirname(input.path) : io.cwd) : [];
  return { source: input.source, findings, notes, characters: input.text.length };
}

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** A digest: rendered with the render options, then its findings and its local images. */
async function checkDigest(file: string, flags: CheckFlags, io: CliIo, stdinText?: string): Promise<Checked> {
  const input = stdinText === undefined
    ? await readDigestFile(file, io, { format: flags.format })
    : await readDigestFile('-', { ...io, stdin: (async function* () { yield stdinText; })() }, { format: flags.format });
  const result = await renderForCli(input.digest, await renderOptionsFrom(flags, io));
  const notes = await digestImageNotes(input.digest, result.stats.images, input.path ? dirname(input.path) : io.cwd);
  return { source: input.source, findings: result.warnings, notes, characters: result.stats.characters };
}

/**
 * `check <file|->`: a digest file is rendered and its article checked; an HTML fragment is
 * checked as it is. Prints the findings; exit code 1 when any is an error.
 *
 * @example
 * // wechat-digest check digest.json --target api
 * await run(['check', 'digest.json', '--target', 'api'], io) // → 0
 * // io.stdout.text → 'digest.json: no findings for api, 19,717 characters (limit 20,000)\n'
 */
export const checkCommand: CliCommand = (program, context) => {
  const command = program
    .command('check')
    .description('Check a digest (rendered first) or an HTML fragment against what the WeChat editor (paste) or the draft API keeps')
    .argument('<file>', 'a digest (.json, .yaml, .yml, .md, .markdown, or a folder holding digest.*), an HTML fragment (.html), or - for stdin')
    .option('--json', 'print the findings as a JSON array')
    .addOption(formatOption());
  addRenderOptions(command)
    .addHelpText('after', '\nA digest file is rendered with the render options and the article is checked; an HTML file (or stdin starting with "<") is checked as it is.\nLocal image files are looked at as publish would (image-file lines; paths start at the file\u2019s folder).\nExit code 1 when any finding is an error. Rule ids are stable; the README lists them.\n\nExamples:\n  wechat-digest check digest.json --target api && wechat-digest publish digest.json\n  wechat-digest render digest.json | wechat-digest check - --target api')
    .action(async (file: string, flags: CheckFlags) => {
      const { io } = context;
      const target: CheckTarget = flags.target ?? 'paste';
      let checked: Checked;
      if (file === '-') {
        const input = await readInputText('-', io);
        checked = checkInputKind('-', input.text, flags.format) === 'digest' ? await checkDigest('-', flags, io, input.text) : await checkHtml(input, flags, io);
      } else {
        const path = digestInFolder(file, io);
        checked = checkInputKind(path, '', flags.format) === 'digest' || path !== file
          ? await checkDigest(path, flags, io)
          : await sniffed(path, flags, io);
      }
      const { source, findings, notes, characters } = checked;
      const total = findings.length + notes.length;
      const errors = errorCount(findings) + errorCount(notes);
      if (flags.json) {
        const imageFindings = notes.map((n) => ({ rule: 'image-file', severity: n.severity, message: n.message, excerpt: n.path }));
        io.stdout.write(`${JSON.stringify([...findings, ...imageFindings], null, 2)}\n`);
      } else {
        for (const finding of findings) io.stdout.write(`${formatFinding(finding)}\n`);
        for (const note of notes) io.stdout.write(`${note.line}\n`);
        const size = `${countOf(characters, 'character')} (limit ${formatCount(WECHAT_POLICY.limits.contentCharacters)})`;
        io.stdout.write(total === 0
          ? `${source}: no findings for ${target}, ${size}\n`
          : `${source}: ${countOf(errors, 'error')}, ${countOf(total - errors, 'warning')} for ${target}, ${size}\n`);
      }
      if (errors > 0) context.exitCode = 1;
    });
};

/** A file whose extension says neither: read, then judged by its first character. */
async function sniffed(file: string, flags: CheckFlags, io: CliIo): Promise<Checked> {
  const input = await readInputText(file, io);
  if (checkInputKind(file, input.text) === 'html') return checkHtml(input, flags, io);
  return checkDigest(file, { ...flags, format: flags.format ?? 'json' }, io);
}
