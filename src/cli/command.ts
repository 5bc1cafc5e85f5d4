import { InvalidArgumentError, Option, type Command } from 'commander';
import { INPUT_FORMATS } from './input.js';
import type { CliContext } from './io.js';

/**
 * A subcommand: a function that adds itself to the program. Each lives in its own file under
 * `src/cli/commands/` and is listed once in `COMMANDS` (`src/cli/commands/index.ts`).
 *
 * @example
 * export const hello: CliCommand = (program, context) => {
 *   program.command('hello').description('Say hello').action(() => { context.io.stdout.write('hello\n') })
 * }
 * // the CLI adds each command of COMMANDS to its program the same way:
 * import { Command } from 'commander'
 * const program = new Command()
 * hello(program, { io, exitCode: 0 })
 * await program.parseAsync(['hello'], { from: 'user' })
 * // io.stdout.text → 'hello\n'
 */
export type CliCommand = (program: Command, context: CliContext) => void;

/**
 * The `--format` option of commands that read a digest file, listing the formats of
 * `INPUT_FORMATS`.
 *
 * @example
 * import { Command } from 'commander'
 * const program = new Command()
 * program.command('render').argument('<file>').addOption(formatOption()).options.map((o) => o.long) // → ['--format']
 */
export function formatOption(): Option {
  const ids = INPUT_FORMATS.map((f) => f.id);
  return new Option('--format <format>', `read the input as ${ids.slice(0, -1).join(', ')} or ${ids.at(-1)} (default: by extension; stdin: json)`).choices(ids);
}

/**
 * How the file argument of a command that reads a digest is described in `--help`, from
 * `INPUT_FORMATS`.
 *
 * @example
 * digestArgumentHelp() // → 'the digest: .json, .yaml, .yml, .md or .markdown, or - for stdin'
 */
export function digestArgumentHelp(): string {
  const extensions = INPUT_FORMATS.flatMap((f) => f.extensions);
  return `the digest: ${extensions.slice(0, -1).join(', ')} or ${extensions.at(-1)}, or - for stdin`;
}

/**
 * Reads the value of a whole-number flag (`--max 10`); anything else is refused with the flag
 * and an example. The command then says which range it takes.
 *
 * @example
 * wholeNumber('--max', '10')('20') // → 20
 * wholeNumber('--max', '10')('ten') // throws: --max expects a whole number, e.g. --max 10
 */
export function wholeNumber(flag: string, example: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`${flag} expects a whole number, e.g. ${flag} ${example}`);
    return Number(value);
  };
}
