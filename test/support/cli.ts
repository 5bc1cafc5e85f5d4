// Runs the CLI in-process with a given stdin, folder and environment, and keeps what it writes.
import { Readable } from 'node:stream';
import { run, type CliIo } from '../../src/index.js';

/** What one run of the CLI gave. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `wechat-digest args…` in `cwd` with this stdin and environment (none by default). */
export async function runCli(args: string[], options: { stdin?: string; stdinStream?: AsyncIterable<Uint8Array>; cwd: string; env?: Record<string, string> }): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdin: options.stdinStream ?? Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin, 'utf8')]),
    stdout: { write: (s: string | Uint8Array) => (stdout += typeof s === 'string' ? s : Buffer.from(s).toString('utf8')) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: options.cwd,
    env: options.env ?? {},
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}
