import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { COMMANDS } from './commands/index.js';
import { processIo, type CliContext, type CliIo } from './io.js';
import { reportError } from './report.js';

export { COMMANDS } from './commands/index.js';
export { digestArgumentHelp, formatOption, type CliCommand } from './command.js';
export { fileError, readInputText, writeOutputFile, type InputText } from './files.js';
export { formatFor, INPUT_FORMATS, readDigestFile, withSource, type DigestFile, type InputFormat } from './input.js';
export { processIo, readAll, type CliContext, type CliIo, type CliWritable } from './io.js';
export { addRenderOptions, renderOptionsFrom, type RenderFlags } from './render-options.js';
export { exitCodeFor, formatFinding, printFindings, reportError } from './report.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * Builds the `wechat-digest` program: global flags, then every command of `COMMANDS`.
 * Output goes to the io; commander's exits are turned into exceptions.
 */
function createProgram(context: CliContext): Command {
  const { io } = context;
  const program = new Command('wechat-digest')
    .description('Structured digest data in, WeChat-ready HTML out: render, preview, check and publish WeChat Official Account articles.')
    .version(VERSION, '-V, --version', 'print the version')
    .option('--debug', 'show stack traces of errors')
    .helpOption('-h, --help', 'show help')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      getOutHelpWidth: () => io.stdout.columns ?? 80,
      getErrHelpWidth: () => io.stderr.columns ?? 80,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .exitOverride()
    .showSuggestionAfterError()
    .addHelpText('after', '\nExit codes: 0 success, 1 a mistake in the input or options (or check found errors), 2 a file that is missing or unreadable.\nRun wechat-digest <command> --help for the options of a command.');
  for (const register of COMMANDS) register(program, context);
  return program;
}

/**
 * Runs the CLI with arguments (without `node` and the script) and returns the exit code:
 * 0 success; 1 a user error (the message of the DigestError, no stack trace unless `--debug`),
 * or `check` found errors; 2 a file that is missing or unreadable. Never calls `process.exit`.
 *
 * @param argv - e.g. `['render', 'digest.json', '-o', 'article.html']`.
 * @param io - stdin, stdout, stderr, cwd and env; default: the process's.
 * @example
 * // `io` writes to memory; its folder holds digest.json (by default: the process's)
 * await run(['render', 'digest.json', '-o', 'out.html'], io) // → 0
 * // io.stdout.text → 'out.html: 18,545 characters (limit 20,000), 9 items, 0 footnotes\n'
 * await run(['render', 'missing.json'], io) // → 2
 * // io.stderr.text → 'error [E_FILE]: missing.json: cannot read: no such file\n'
 */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const context: CliContext = { io, exitCode: 0 };
  const program = createProgram(context);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with a CommanderError too, exit code 0.
      return error.exitCode === 0 ? 0 : 1;
    }
    const debug = program.opts<{ debug?: boolean }>().debug === true || argv.includes('--debug');
    return reportError(error, io.stderr, debug);
  }
}
