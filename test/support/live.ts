// Runs `wechat-digest preview … --watch` in-process until stopped, and hands out its address.
import { Readable } from 'node:stream';
import { run, type CliIo } from '../../src/index.js';

/** A live preview running in this process. */
export interface LivePreview {
  /** The page's address on 127.0.0.1. */
  url: string;
  /** What it printed so far. */
  stdout(): string;
  stderr(): string;
  /** Stops it and returns its exit code. */
  stop(): Promise<number>;
}

/** Starts the live preview with these arguments (after `preview`) in `cwd`; resolves once it printed its address. */
export async function startLivePreview(args: string[], cwd: string): Promise<LivePreview> {
  let stdout = '';
  let stderr = '';
  const controller = new AbortController();
  const io: CliIo = {
    stdin: Readable.from([]),
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd,
    env: {},
    signal: controller.signal,
  };
  const running = run(['preview', ...args, '--watch', '--port', '0'], io);
  const deadline = Date.now() + 20_000;
  let url: string | undefined;
  while (!url) {
    url = /: (http:\/\/127\.0\.0\.1:\d+\/) \(Ctrl\+C stops\)/.exec(stdout)?.[1];
    if (url) break;
    const ended = await Promise.race([running.then((code) => code), new Promise((r) => setTimeout(r, 50)).then(() => undefined)]);
    if (ended !== undefined) throw new Error(`the preview ended with ${ended}: ${stderr}`);
    if (Date.now() > deadline) throw new Error(`no address printed: ${stdout} ${stderr}`);
  }
  return {
    url,
    stdout: () => stdout,
    stderr: () => stderr,
    stop: async () => {
      controller.abort();
      return running;
    },
  };
}
