import { readdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { DigestError } from '../core/errors.js';
import { parseDigest, type Digest } from '../digest/schema.js';
import { readInputText } from './files.js';
import { formatCount } from '../core/format.js';
import type { CliIo } from './io.js';

/** One format a digest file can be written in. */
export interface InputFormat {
  /** The `--format` value. */
  id: string;
  /** File extensions that select it, lower case with the dot. */
  extensions: readonly string[];
  /**
   * Turns the file's text into digest data (validated afterwards by `parseDigest`). Parsers
   * other than JSON are loaded when first used, so the command starts without them.
   */
  parse(text: string, source: string): unknown;
}

/** The formats a digest file is read from, chosen by extension or `--format`. */
export const INPUT_FORMATS: readonly InputFormat[] = [
  { id: 'json', extensions: ['.json'], parse: parseJsonText },
  { id: 'yaml', extensions: ['.yaml', '.yml'], parse: parseYamlText },
  { id: 'md', extensions: ['.md', '.markdown'], parse: async (text) => (await import('../digest/markdown/index.js')).parseMarkdownDigest(text) },
];

/** JSON text → data; a syntax error names the line and column. */
function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /at position (\d+)/.exec(message);
    const where = at ? ` at ${lineColumn(text, Number(at[1]))}` : '';
    const what = message.replace(/\s*(in JSON )?at position \d+.*$/, '').replace(/ \(line \d+ column \d+\)$/, '');
    const hint = source === 'stdin' ? ' (stdin is read as JSON; pass --format yaml for YAML)' : '';
    throw new DigestError('E_INVALID_DIGEST', `${source}: not valid JSON${where}: ${what}${hint}`, { cause: error });
  }
}

/** YAML text → data; a syntax error names the line and column. */
async function parseYamlText(text: string, source: string): Promise<unknown> {
  const [{ parseDocument }, { YAML_ALIAS_LIMIT, yamlProblem }] = await Promise.all([import('yaml'), import('../digest/markdown/yaml.js')]);
  // Warnings (a tag no schema knows, such as !!js/function) are problems too, not lines on stderr.
  const doc = parseDocument(text, { prettyErrors: true, logLevel: 'silent' });
  const problem = yamlProblem(doc);
  if (problem) {
    const pos = problem.linePos?.[0];
    const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
    const first = problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    const what = /call stack/i.test(first) ? 'nested too deeply to read' : first;
    const hint = problem.code === 'TAG_RESOLVE_FAILED' ? '; a digest holds plain data: remove the tag' : '';
    throw new DigestError('E_INVALID_DIGEST', `${source}: not valid YAML${where}: ${what}${hint}`, { cause: problem });
  }
  try {
    return doc.toJS({ maxAliasCount: YAML_ALIAS_LIMIT });
  } catch (error) {
    // Aliases that expand past the limit (an alias bomb), or that point at no anchor.
    const what = error instanceof Error ? error.message : String(error);
    throw new DigestError('E_INVALID_DIGEST', `${source}: cannot be read as YAML (${what}): its aliases (*name) would expand to more than ${formatCount(YAML_ALIAS_LIMIT)} values; write the values in full`, { cause: error });
  }
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

/**
 * The format of a file: `--format` when given, else its extension. stdin (`-`) is JSON unless
 * `--format` says otherwise.
 *
 * @throws DigestError `E_INVALID_OPTION` for an unknown format or extension.
 * @example
 * formatFor('week-12.yml').id          // → 'yaml'
 * formatFor('-', 'yaml').id            // → 'yaml'
 */
export function formatFor(file: string, format?: string): InputFormat {
  const ids = INPUT_FORMATS.map((f) => f.id).join(', ');
  if (format !== undefined) {
    const chosen = INPUT_FORMATS.find((f) => f.id === format.toLowerCase() || f.extensions.includes(`.${format.toLowerCase()}`));
    if (!chosen) throw new DigestError('E_INVALID_OPTION', `--format: "${format}" is not a digest format; use one of ${ids}`);
    return chosen;
  }
  if (file === '-') return INPUT_FORMATS[0];
  const ext = extname(file).toLowerCase();
  const chosen = INPUT_FORMATS.find((f) => f.extensions.includes(ext));
  if (!chosen) {
    const known = INPUT_FORMATS.flatMap((f) => f.extensions).join(', ');
    throw new DigestError('E_INVALID_OPTION', `${file}: cannot tell the format from the extension "${ext}" (known: ${known}); pass --format ${ids.replaceAll(', ', '|')}`);
  }
  return chosen;
}

/** A digest read from a file or stdin, validated. */
export interface DigestFile {
  digest: Digest;
  /** The path as typed, or `stdin`: for messages. */
  source: string;
  /** The absolute path; absent for stdin. */
  path?: string;
}

/**
 * Reads a digest file (or stdin with `-`) in the format its extension or `format` names, and
 * validates it. Every error message starts with the file name.
 *
 * @throws DigestError `E_FILE` (missing or unreadable file), `E_INVALID_DIGEST` (syntax or
 *   schema), `E_INVALID_OPTION` (unknown format) or the format's own code.
 * @example
 * // `io.cwd` holds digest.md, the reference example in Markdown
 * const { digest, source } = await readDigestFile('digest.md', io)
 * // digest.title → 'LG – 机器学习 CV – 计算机视觉 CL – 计算与语言'
 * // source → 'digest.md'
 */
export async function readDigestFile(given: string, io: CliIo, options: { format?: string } = {}): Promise<DigestFile> {
  const file = digestInFolder(given, io);
  const format = formatFor(file, options.format);
  const input = await readInputText(file, io);
  if (!input.text.trim()) {
    throw new DigestError('E_INVALID_DIGEST', `${input.source}: the file is empty; a digest needs at least "title" and "sections" (wechat-digest init writes a starter)`);
  }
  try {
    const digest = parseDigest(await format.parse(input.text, input.source));
    return { digest, source: input.source, path: input.path };
  } catch (error) {
    throw withSource(error, input.source);
  }
}

/** The base name a digest file in a folder has: `digest.json`, `digest.yaml`, … */
const DIGEST_BASENAME = 'digest';

/**
 * A file argument that names a folder stands for the one digest file in it: `digest.json`,
 * `digest.yaml`, `digest.yml`, `digest.md` or `digest.markdown` (what `init` writes). Any
 * other argument is returned as it is.
 *
 * @param file - The file argument as typed.
 * @param io - Its `cwd` is where a relative path starts.
 * @throws DigestError `E_FILE` for a folder with no digest file, `E_INVALID_OPTION` for one
 *   with several.
 * @example
 * import { cpSync } from 'node:fs'
 * import { join } from 'node:path'
 * cpSync(join(io.cwd, 'digest.json'), join(io.cwd, 'my-digest', 'digest.json'))
 * digestInFolder('my-digest', io)      // → 'my-digest/digest.json'
 * digestInFolder('week.yaml', io)      // → 'week.yaml'
 */
export function digestInFolder(file: string, io: CliIo): string {
  if (file === '-') return file;
  const path = resolve(io.cwd, file);
  try {
    if (!statSync(path).isDirectory()) return file;
  } catch {
    return file; // Missing: reading it says so.
  }
  const names = INPUT_FORMATS.flatMap((f) => f.extensions).map((ext) => `${DIGEST_BASENAME}${ext}`);
  const found = readdirSync(path).filter((name) => names.includes(name.toLowerCase()));
  if (found.length === 1) return join(file, found[0]);
  if (found.length === 0) {
    throw new DigestError('E_FILE', `${file}: a folder with no digest file in it; expected one of ${names.join(', ')} (wechat-digest init ${file} writes digest.json), or name the file to read`, { details: { path: file } });
  }
  throw new DigestError('E_INVALID_OPTION', `${file}: the folder holds ${found.sort().join(' and ')}; name the one to read, e.g. ${join(file, found[0])}`, { details: { path: file } });
}

/**
 * Prefixes a DigestError's message with the file it came from (once); other errors pass through.
 *
 * @example
 * withSource(new DigestError('E_INVALID_DIGEST', 'Invalid digest: …'), 'a.json').message
 * // → 'a.json: Invalid digest: …'
 */
export function withSource(error: unknown, source: string): unknown {
  if (!(error instanceof DigestError) || error.message.startsWith(`${source}: `)) return error;
  return new DigestError(error.code, `${source}: ${error.message}`, { problems: error.problems, details: error.details, cause: error });
}
