import { digestJsonSchema } from '../../digest/schema.js';
import type { CliCommand } from '../command.js';
import { writeOutputFile } from '../files.js';

/**
 * `schema`: prints the JSON Schema of a digest.
 *
 * @example
 * // wechat-digest schema -o digest.schema.json
 * await run(['schema', '-o', 'digest.schema.json'], io) // → 0
 * // io.stdout.text → '/…/digest.schema.json\n'
 */
export const schemaCommand: CliCommand = (program, context) => {
  program
    .command('schema')
    .description('Print the JSON Schema (draft 2020-12) of a digest, for editors and LLM structured output')
    .option('-o, --output <file>', 'write it to this file instead of stdout')
    .action(async (flags: { output?: string }) => {
      const text = `${JSON.stringify(digestJsonSchema(), null, 2)}\n`;
      const path = await writeOutputFile(flags.output ?? '-', text, context.io);
      if (path) context.io.stdout.write(`${path}\n`);
    });
};
