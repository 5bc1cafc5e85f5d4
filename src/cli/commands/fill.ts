import { resolve } from 'node:path';
import type { FillPrompt } from '../../fill/fill.js';
import { digestArgumentHelp, formatOption, wholeNumber, type CliCommand } from '../command.js';
import { writeDigest } from '../digest-output.js';
import { readDigestFile } from '../input.js';

interface FillFlags {
  fields: string;
  model?: string;
  baseUrl?: string;
  apiKey?: string;
  prompts?: string;
  cacheDir?: string;
  cache?: boolean;
  concurrency?: number;
  retries?: number;
  timeout?: number;
  overwrite?: boolean;
  dryRun?: boolean;
  output?: string;
  format?: string;
}


/**
 * The prompts of a dry run as text: each request's path, fields and messages, then the answer
 * schema once per set of fields.
 *
 * @example
 * promptText([{ path: 'summary', fields: ['summary'], messages: [{ role: 'user', content: '写摘要' }], schema: { type: 'object' } }])
 * // → '=== summary (summary)\n--- user\n写摘要\n--- response_format json_schema\n{"type":"object"}\n'
 */
export function promptText(prompts: readonly FillPrompt[]): string {
  const shown = new Set<string>();
  return prompts
    .map((p) => {
      const schema = JSON.stringify(p.schema);
      const lines = [`=== ${p.path} (${p.fields.join(', ')})`, ...p.messages.flatMap((m) => [`--- ${m.role}`, m.content])];
      if (!shown.has(schema)) lines.push('--- response_format json_schema', schema), shown.add(schema);
      return `${lines.join('\n')}\n`;
    })
    .join('\n');
}

/**
 * `fill <digest|->`: fills translated titles, key points, one-line summaries and the headline
 * summary with a language model (an OpenAI-compatible endpoint); the digest goes to stdout (or
 * a file), progress and failed items to stderr. Exit code 1 when an item could not be filled
 * (the digest is still written, those items as they were).
 *
 * @example
 * // wechat-digest fill digest.json --fields oneLiner --dry-run
 * await run(['fill', 'digest.json', '--fields', 'oneLiner', '--dry-run'], io) // → 0
 */
export const fillCommand: CliCommand = (program, context) => {
  program
    .command('fill')
    .description('Fill translated titles, key points (要点), one-line summaries (一句话总结) and the headline summary (摘要) with a language model')
    .argument('<file>', digestArgumentHelp())
    .requiredOption('--fields <list>', 'the fields to fill, comma-separated: translatedTitle,points,oneLiner,summary')
    .option('--model <name>', 'the model (default: $OPENAI_MODEL)')
    .option('--base-url <url>', 'an OpenAI-compatible API (default: $OPENAI_BASE_URL, else https://api.openai.com/v1)')
    .option('--api-key <key>', 'the API key (default: $OPENAI_API_KEY, which keeps it out of the shell history); never printed')
    .option('--prompts <dir>', 'a folder whose system.md, item.md, summary.md replace the default prompts (see --dry-run)')
    .option('--cache-dir <dir>', 'where answers are kept (default: the user cache folder)')
    .option('--no-cache', 'ask again instead of using kept answers')
    .option('--concurrency <n>', 'requests at once (default 4)', wholeNumber('--concurrency', '4'))
    .option('--retries <n>', 'retries of a failed request or unusable answer (default 2)', wholeNumber('--retries', '2'))
    .option('--timeout <seconds>', 'time limit of one request (default 120)', wholeNumber('--timeout', '120'))
    .option('--overwrite', 'write the fields again where the digest has them')
    .option('--dry-run', 'print the prompts and the answer schema; send nothing')
    .option('-o, --output <file>', 'write the digest to this file (.json, or .yaml/.yml) instead of stdout')
    .addOption(formatOption())
    .addHelpText(
      'after',
      '\nEach item is one request with structured output (response_format json_schema) cut from the digest schema;\nan answer that does not validate leaves its item as it was and is listed on stderr.\n\nExamples:\n  OPENAI_API_KEY=… wechat-digest fill digest.json --fields translatedTitle,points,oneLiner,summary --model gpt-4o-mini -o filled.json\n  wechat-digest import arxiv 2302.06675 | wechat-digest fill - --fields translatedTitle,points,oneLiner --base-url http://127.0.0.1:11434/v1 --model qwen2.5',
    )
    .action(async (file: string, flags: FillFlags) => {
      const { io } = context;
      const input = await readDigestFile(file, io, { format: flags.format });
      // Loaded here: only this command needs it.
      const { fillDigest } = await import('../../fill/fill.js');
      const result = await fillDigest(input.digest, {
        fields: flags.fields,
        model: flags.model ?? (io.env.OPENAI_MODEL || undefined),
        baseUrl: flags.baseUrl ?? (io.env.OPENAI_BASE_URL || undefined),
        apiKey: flags.apiKey ?? (io.env.OPENAI_API_KEY || undefined),
        promptDir: flags.prompts === undefined ? undefined : resolve(io.cwd, flags.prompts),
        cacheDir: flags.cache === false ? false : flags.cacheDir === undefined ? undefined : resolve(io.cwd, flags.cacheDir),
        concurrency: flags.concurrency,
        retries: flags.retries,
        timeoutMs: flags.timeout === undefined ? undefined : flags.timeout * 1000,
        overwrite: flags.overwrite,
        dryRun: flags.dryRun,
        onProgress: (e) => {
          if (e.status === 'failed') io.stderr.write(`failed ${e.path}: ${e.reason}\n`);
        },
      });
      if (flags.dryRun) {
        io.stdout.write(result.prompts.length ? promptText(result.prompts) : 'nothing to fill: every item has these fields (--overwrite fills them again)\n');
        return;
      }
      const asked = result.filled.length + result.failed.length;
      io.stderr.write(`filled ${result.filled.length} of ${asked} (${result.requests} request${result.requests === 1 ? '' : 's'}, ${result.cached} from the cache)\n`);
      if (result.failed.length) {
        io.stderr.write(`not filled, left as they were (run again to retry them):\n${result.failed.map((p) => `  ✖ ${p.path}: ${p.message}`).join('\n')}\n`);
        context.exitCode = 1;
      }
      await writeDigest(result.digest, flags.output, io);
    });
};
