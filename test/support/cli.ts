// Runs the CLI in-process with a given stdin, folder and environment, and keeps what it writes.
import { Readable } from 'node:stream';
import { run, type CliIo } from '../../src/index.js';

/** What one run of the CLI gave. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Where a CLI run gets its input and environment. */
export interface CliOptions {
  stdin?: string;
  stdinStream?: AsyncIterable<Uint8Array>;
  cwd: string;
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
}

/** A CLI run under way in this process: what it wrote so far, and its exit code once it ends. */
export interface StartedCli {
  out: { stdout: string; stderr: string };
  code: Promise<number>;
}

/** Starts `wechat-digest args…` in `cwd` with this stdin and environment (none by default); its output can be read while it runs. */
export function startCli(args: string[], options: CliOptions): StartedCli {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdin: options.stdinStream ?? Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin, 'utf8')]),
    stdout: { write: (s: string | Uint8Array) => (out.stdout += typeof s === 'string' ? s : Buffer.from(s).toString('utf8')) },
    stderr: { write: (s: string) => (out.stderr += s) },
    cwd: options.cwd,
    env: options.env ?? {},
    signal: options.signal,
  };
  return { out, code: run(args, io) };
}

/** Runs `wechat-digest args…` in `cwd` with this stdin and environment (none by default) to its end. */
export async function runCli(args: string[], options: CliOptions): Promise<CliRun> {
  const started = startCli(args, options);
  const code = await started.code;
  return { code, ...started.out };
}
